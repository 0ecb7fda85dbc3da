import copy
import functools

import django_filters
from django import forms
from django.db.models import Q
from django.forms.widgets import Input
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from . import selectors
from .models import School, Schoolsoort


def _met_foutklasse(attrs: dict, basis: dict) -> dict:
    """Bootstrap's red border on a field with errors (Django marks it aria-invalid)."""
    if attrs.get("aria-invalid") == "true":
        attrs = {**attrs, "class": f"{basis.get('class', '')} is-invalid".strip()}
    return attrs


class Keuzelijst(forms.Select):
    """A filter panel's <select>, written out in Python. Django renders every option
    through a template of its own, about 7 ms for a dropdown of 100 besturen, more than
    the list's queries; the markup is the same."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, _met_foutklasse(attrs or {}, self.attrs))
        attrs["name"] = name
        gekozen = self.format_value(value)
        al_gekozen = False

        def optie(waarde, label):
            nonlocal al_gekozen
            waarde = "" if waarde is None else str(waarde)
            kies = not al_gekozen and waarde in gekozen
            al_gekozen = al_gekozen or kies
            return format_html(
                '<option value="{}"{}>{}</option>', waarde, " selected" if kies else "", label
            )

        delen = []
        for waarde, label in self.choices:
            if isinstance(label, (list, tuple)):
                binnen = format_html_join("", "{}", ((optie(w, t),) for w, t in label))
                delen.append(format_html('<optgroup label="{}">{}</optgroup>', waarde, binnen))
            else:
                delen.append(optie(waarde, label))
        return format_html(
            "<select{}>{}</select>",
            format_html_join("", ' {}="{}"', sorted(attrs.items(), key=lambda a: a[0] != "name")),
            format_html_join("", "{}", ((d,) for d in delen)),
        )


class _MetFoutklasse:
    def render(self, name, value, attrs=None, renderer=None):
        return super().render(name, value, _met_foutklasse(attrs or {}, self.attrs), renderer)


@functools.cache
def _paneelsoort(widgetklasse: type) -> type:
    return type(widgetklasse.__name__, (_MetFoutklasse, widgetklasse), {})


def paneelwidget(widget: forms.Widget) -> forms.Widget:
    """The widget with Bootstrap's classes as crispy-forms gave them ("select form-select",
    "dateinput form-control"), a plain <select> as a `Keuzelijst`."""
    naam = type(widget).__name__.lower()
    if type(widget) is forms.Select:
        klasse, css = Keuzelijst, "select form-select"
    elif isinstance(widget, forms.Select):
        klasse, css = _paneelsoort(type(widget)), f"{naam} form-select"
    elif isinstance(widget, Input) and not widget.is_hidden:
        klasse, css = _paneelsoort(type(widget)), f"{naam} form-control"
    else:
        return widget
    nieuw = copy.copy(widget)
    nieuw.__class__ = klasse
    nieuw.attrs = {**widget.attrs, "class": f"{widget.attrs.get('class', '')} {css}".strip()}
    return nieuw


class ScopedFilterSet(django_filters.FilterSet):
    """A FilterSet whose dropdowns list only what the requesting user may see. Its form
    is the filter panel (templates/includes/filter.html): plain selects and inputs with
    Bootstrap's classes, the selects written out in Python (`Keuzelijst`)."""

    scoped_choices: dict = {}

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        for naam, selector in self.scoped_choices.items():
            self.filters[naam].queryset = selector(request.user)

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            for veld in form.fields.values():
                veld.widget = paneelwidget(veld.widget)
        return self._form


class SchoolFilter(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Zoek op naam, BRIN of plaats"), method="zoek")
    soort = django_filters.ChoiceFilter(
        label=_("Soort"), choices=Schoolsoort.choices, empty_label=_("Alle soorten")
    )
    swv = django_filters.ModelChoiceFilter(
        label=_("Samenwerkingsverband"), queryset=None, empty_label=_("Alle")
    )
    bestuur = django_filters.ModelChoiceFilter(
        label=_("Bestuur"), queryset=None, empty_label=_("Alle")
    )
    gemeente = django_filters.ModelChoiceFilter(
        label=_("Gemeente"), queryset=None, empty_label=_("Alle")
    )

    scoped_choices = {
        "swv": selectors.samenwerkingsverbanden_voor,
        "bestuur": selectors.besturen_voor,
        "gemeente": selectors.gemeenten_voor,
    }

    class Meta:
        model = School
        fields = ["q", "soort", "swv", "bestuur", "gemeente"]

    def zoek(self, queryset, name, value):
        return queryset.filter(
            Q(naam__icontains=value)
            | Q(vestigingscode__istartswith=value)
            | Q(plaats__icontains=value)
        )


class BestuurFilter(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Zoek op naam of nummer"), method="zoek")
    swv = django_filters.ModelChoiceFilter(
        label=_("Samenwerkingsverband"), queryset=None, method="in_swv", empty_label=_("Alle")
    )
    scoped_choices = {"swv": selectors.samenwerkingsverbanden_voor}

    def zoek(self, queryset, name, value):
        return queryset.filter(Q(naam__icontains=value) | Q(nummer__startswith=value))

    def in_swv(self, queryset, name, value):
        return queryset.filter(scholen__swv=value).distinct()


class GemeenteFilter(ScopedFilterSet):
    q = django_filters.CharFilter(
        label=_("Zoek op naam"), field_name="naam", lookup_expr="icontains"
    )
    swv = django_filters.ModelChoiceFilter(
        label=_("Samenwerkingsverband"),
        queryset=None,
        field_name="samenwerkingsverbanden",
        empty_label=_("Alle"),
    )
    scoped_choices = {"swv": selectors.samenwerkingsverbanden_voor}


class SwvFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Zoek op code of naam"), method="zoek")

    def zoek(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(naam__icontains=value))
