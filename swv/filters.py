import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import selectors
from .models import School, Schoolsoort


class ScopedFilterSet(django_filters.FilterSet):
    """A FilterSet whose dropdowns list only what the requesting user may see."""

    scoped_choices: dict = {}

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        for naam, selector in self.scoped_choices.items():
            self.filters[naam].queryset = selector(request.user)


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
