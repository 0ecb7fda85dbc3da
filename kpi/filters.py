import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from swv.filters import ScopedFilterSet

from .models import Thuiszitter, ThuiszitterStatus, ThuiszitterType
from .selectors import swv_keuzes


class ThuiszitterFilter(ScopedFilterSet):
    swv = django_filters.ModelChoiceFilter(
        label=_("Samenwerkingsverband"), queryset=None, empty_label=_("Alle")
    )
    # A search box, not a dropdown: a national user would get thousands of options.
    school = django_filters.CharFilter(label=_("School (naam of BRIN)"), method="zoek_school")
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

    scoped_choices = {"swv": swv_keuzes}

    class Meta:
        model = Thuiszitter
        fields = ["swv", "school", "type", "status", "loopt_op"]

    def zoek_school(self, queryset, name, value):
        return queryset.filter(
            Q(school__naam__icontains=value) | Q(school__vestigingscode__istartswith=value)
        )

    def filter_loopt_op(self, queryset, name, value):
        return queryset.filter(
            Q(startdatum__lte=value) & (Q(einddatum__isnull=True) | Q(einddatum__gt=value))
        )
