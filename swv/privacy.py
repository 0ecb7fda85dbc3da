"""Privacy tools for the privacy role: search the audit trail (read-only), AVG inzage."""

import django_filters
from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Q
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from . import audit, inzage
from .models import AuditActie, AuditEvent


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
    van = django_filters.DateFilter(
        label=_("Vanaf"),
        field_name="tijdstip",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    tot = django_filters.DateFilter(
        label=_("Tot en met"),
        field_name="tijdstip",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def zoek(self, queryset, name, value):
        return queryset.filter(Q(omschrijving__icontains=value) | Q(object_type__icontains=value))


class AuditView(LoginRequiredMixin, PermissionRequiredMixin, FilterView):
    permission_required = "swv.audit_bekijken"
    template_name = "swv/audit.html"
    filterset_class = AuditFilter
    paginate_by = 50

    def get_queryset(self):
        return AuditEvent.objects.order_by("-tijdstip", "-id")


class InzageForm(forms.Form):
    achternaam = forms.CharField(label=_("Achternaam van de leerling"), max_length=100)
    voornaam = forms.CharField(label=_("Voornaam (optioneel)"), max_length=100, required=False)
    geboortedatum = forms.DateField(
        label=_("Geboortedatum"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Vul een geldige datum in (dag-maand-jaar).")},
    )


class InzageView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    """Everything the app holds about one pupil (AVG art. 15). Every search is logged."""

    permission_required = "swv.inzage_uitvoeren"
    template_name = "swv/inzage.html"
    form_class = InzageForm

    def form_valid(self, form):
        onderdelen = inzage.verzamelen(**form.cleaned_data)
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
