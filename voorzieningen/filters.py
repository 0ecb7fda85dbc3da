import django_filters
from django.utils.translation import gettext_lazy as _

from swv.filters import ScopedFilterSet
from swv.selectors import gemeenten_voor, samenwerkingsverbanden_voor

from .models import Soort, Voorziening

STATUS_KEUZES = [("actief", _("Actief")), ("inactief", _("Niet actief"))]


class VoorzieningFilter(ScopedFilterSet):
    soort = django_filters.ChoiceFilter(
        label=_("Soort"), choices=Soort.choices, empty_label=_("Alle")
    )
    swv = django_filters.ModelChoiceFilter(
        label=_("Samenwerkingsverband"), queryset=None, empty_label=_("Alle")
    )
    gemeente = django_filters.ModelChoiceFilter(
        label=_("Gemeente"), queryset=None, empty_label=_("Alle")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=STATUS_KEUZES, empty_label=_("Alle"), method="op_status"
    )

    scoped_choices = {"swv": samenwerkingsverbanden_voor, "gemeente": gemeenten_voor}

    class Meta:
        model = Voorziening
        fields = ["soort", "swv", "gemeente", "status"]

    def op_status(self, queryset, name, value):
        return queryset.filter(actief=(value == "actief"))
