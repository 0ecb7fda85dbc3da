import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from swv.filters import ScopedFilterSet

from .models import Thuiszitter, ThuiszitterStatus, ThuiszitterType
from .selectors import scholen_voor_register, swv_keuzes


class ThuiszitterFilter(ScopedFilterSet):
    swv = django_filters.ModelChoiceFilter(
        label=_("Samenwerkingsverband"), queryset=None, empty_label=_("Alle")
    )
    school = django_filters.ModelChoiceFilter(
        label=_("School"), queryset=None, empty_label=_("Alle scholen")
    )
    type = django_filters.ChoiceFilter(
        label=_("Soort"), choices=ThuiszitterType.choices, empty_label=_("Alle soorten")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ThuiszitterStatus.choices, empty_label=_("Alle")
    )
    loopt_op = django_filters.DateFilter(
        label=_("Loopt op datum"),
        method="filter_loopt_op",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    scoped_choices = {"swv": swv_keuzes, "school": scholen_voor_register}

    class Meta:
        model = Thuiszitter
        fields = ["swv", "school", "type", "status", "loopt_op"]

    def filter_loopt_op(self, queryset, name, value):
        return queryset.filter(
            Q(startdatum__lte=value) & (Q(einddatum__isnull=True) | Q(einddatum__gt=value))
        )
