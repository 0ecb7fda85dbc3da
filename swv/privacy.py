"""Privacy tools for the privacy role: search the audit trail (read-only), AVG inzage.

Both are scoped like every other read: a privacy officer of one SWV sees the pupils and
the audit events of that SWV only (the inzage sources read through their apps'
selectors, the audit trail through `auditregels_voor`)."""

from contextlib import suppress
from importlib import import_module

import django_filters
from django import forms
from django.apps import apps
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ImproperlyConfigured
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from . import audit, historie, inzage, selectors
from .forms import DatumFilter, DatumVeld
from .models import AuditActie, AuditEvent, Gebruiker
from .views import VergevingsvollePaginering


def _alle_scopes_geladen() -> None:
    """Import every app's selectors module, so each registers its scope."""
    for config in apps.get_app_configs():
        with suppress(ModuleNotFoundError):
            import_module(f"{config.name}.selectors")


def _ids_als_tekst(qs):
    return qs.annotate(_audit_id=Cast("pk", output_field=CharField())).values("_audit_id")


def gebruikers_binnen(user):
    """The accounts that act inside `user`'s organisations: SWV roles sharing one of the
    user's SWVs, boards and schools the user may see."""
    return Gebruiker.objects.filter(
        Q(samenwerkingsverbanden__in=selectors.swv_ids_voor(user))
        | Q(bestuur__in=selectors.besturen_voor(user))
        | Q(school__in=selectors.scholen_voor(user))
    ).values("pk")


def auditregels_voor(user) -> QuerySet[AuditEvent]:
    """The audit trail a privacy officer may search: events about an object the user may
    see (each kind of object by its own scope selector, `swv.selectors.zichtbaar_voor`),
    and events about nothing scoped (sign-ins, inzage requests, organisation data) or
    about a record since deleted, done by an account inside the user's organisations. A superuser sees everything."""
    if not user.is_authenticated or not user.is_active:
        return AuditEvent.objects.none()
    if user.is_superuser:
        return AuditEvent.objects.all()
    _alle_scopes_geladen()
    per_label = {m._meta.label_lower: m for m in apps.get_models()}
    zichtbaar = Q(pk__in=[])
    binnen_organisatie = gebruikers_binnen(user)
    gescoopt = []
    soorten = AuditEvent.objects.exclude(object_type="").values_list("object_type", flat=True)
    for label in sorted(set(soorten.distinct().order_by())):
        model = per_label.get(label)
        if model is None:
            continue
        try:
            binnen = selectors.zichtbaar_voor(model, user)
        except ImproperlyConfigured:
            continue  # no scope: organisation data, judged by who acted
        gescoopt.append(label)
        zichtbaar |= Q(object_type=label, object_id__in=_ids_als_tekst(binnen))
        # A record since deleted: judged by who acted, like unscoped data.
        zichtbaar |= (
            Q(object_type=label)
            & ~Q(object_id__in=_ids_als_tekst(model._default_manager.all()))
            & Q(gebruiker__in=binnen_organisatie)
        )
    zichtbaar |= ~Q(object_type__in=gescoopt) & Q(gebruiker__in=binnen_organisatie)
    return AuditEvent.objects.filter(zichtbaar)


class AuditFilter(django_filters.FilterSet):
    gebruiker = django_filters.CharFilter(
        label=_("Gebruikersnaam"), field_name="gebruikersnaam", lookup_expr="iexact"
    )
    actie = django_filters.ChoiceFilter(
        label=_("Actie"), choices=AuditActie.choices, empty_label=_("Alle")
    )
    object_type = django_filters.CharFilter(
        label=_("Soort gegeven"),
        field_name="object_type",
        help_text=_("Bijvoorbeeld toelaatbaarheid.aanvraag"),
    )
    object_id = django_filters.CharFilter(label=_("Id"), field_name="object_id")
    q = django_filters.CharFilter(label=_("Zoek in omschrijving"), method="zoek")
    van = DatumFilter(label=_("Vanaf"), field_name="tijdstip", lookup_expr="date__gte")
    tot = DatumFilter(label=_("Tot en met"), field_name="tijdstip", lookup_expr="date__lte")

    def zoek(self, queryset, name, value):
        return queryset.filter(Q(omschrijving__icontains=value) | Q(object_type__icontains=value))


class AuditView(VergevingsvollePaginering, LoginRequiredMixin, PermissionRequiredMixin, FilterView):
    permission_required = "swv.audit_bekijken"
    template_name = "swv/audit.html"
    filterset_class = AuditFilter
    paginate_by = 50

    def get_queryset(self):
        return auditregels_voor(self.request.user).order_by("-tijdstip", "-id")


class InzageForm(forms.Form):
    achternaam = forms.CharField(label=_("Achternaam van de leerling"), max_length=100)
    voornaam = forms.CharField(label=_("Voornaam (optioneel)"), max_length=100, required=False)
    geboortedatum = DatumVeld(
        label=_("Geboortedatum"),
        error_messages={"invalid": _("Vul een geldige datum in (dag-maand-jaar).")},
    )


class InzageView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    """Everything the app holds about one pupil (AVG art. 15). Every search is logged."""

    permission_required = "swv.inzage_uitvoeren"
    template_name = "swv/inzage.html"
    form_class = InzageForm

    def form_valid(self, form):
        onderdelen = inzage.verzamelen(user=self.request.user, **form.cleaned_data)
        exporteren = "xlsx" in self.request.POST
        audit.vastleggen(
            actie=AuditActie.GEEXPORTEERD if exporteren else AuditActie.BEKEKEN,
            request=self.request,
            omschrijving="Inzageverzoek (AVG) uitgevoerd",
            details={"onderdelen": len(onderdelen), "export": exporteren},
        )
        if exporteren:
            response = HttpResponse(
                inzage.als_xlsx(onderdelen),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            response["Content-Disposition"] = 'attachment; filename="inzage.xlsx"'
            return response
        return self.render_to_response(
            self.get_context_data(form=form, onderdelen=onderdelen, gezocht=True)
        )


class _IdFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField  # a whole id: no "1.5", no overflow of the column


class VeldhistorieFilter(django_filters.FilterSet):
    """One record's field history: its kind (a registered pupil record) and its id."""

    soort = django_filters.ChoiceFilter(
        label=_("Soort gegeven"), choices=[], method="op_soort", empty_label=_("Alle")
    )
    object_id = _IdFilter(label=_("Id"), field_name="object_id", min_value=1, max_value=2**31 - 1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["soort"].extra["choices"] = [
            (m._meta.label_lower, m._meta.verbose_name.capitalize()) for m in historie.modellen()
        ]

    def op_soort(self, queryset, name, value):
        app_label, _punt, model = value.partition(".")
        return queryset.filter(content_type__app_label=app_label, content_type__model=model)


class VeldhistorieView(
    VergevingsvollePaginering, LoginRequiredMixin, PermissionRequiredMixin, FilterView
):
    """Who changed which field of a pupil record from what to what (`swv.historie`),
    for the privacy role, scoped to the user's SWVs. Every look is logged."""

    permission_required = "swv.audit_bekijken"
    template_name = "swv/veldhistorie.html"
    filterset_class = VeldhistorieFilter
    paginate_by = 50

    def get_queryset(self):
        return (
            historie.veldhistorie_voor(self.request.user)
            .select_related("actor", "content_type")
            .order_by("-timestamp", "-id")
        )

    def get(self, request, *args, **kwargs):
        audit.vastleggen(
            actie=AuditActie.BEKEKEN,
            request=request,
            omschrijving="Veldhistorie bekeken",
            details={k: request.GET.get(k, "")[:50] for k in ("soort", "object_id")},
        )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["regels"] = [historie.weergave(e) for e in context["object_list"]]
        return context
