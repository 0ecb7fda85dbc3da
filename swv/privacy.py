"""Privacy tools for the privacy role: search the audit trail (read-only)."""

import django_filters
from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

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
