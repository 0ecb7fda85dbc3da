import re

import django_filters
from django.utils.translation import gettext_lazy as _

from swv import selectors as swv_selectors
from swv.filters import ScopedFilterSet

from .models import Aanvraag, Soort, Status

ZAAKNUMMER = re.compile(r"^\s*(?:tlv-?)?0*(\d+)\s*$", re.I)


class AanvraagFilter(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Zoek op zaaknummer of naam leerling"), method="zoek")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Status.choices, empty_label=_("Alle statussen")
    )
    soort = django_filters.ChoiceFilter(
        label=_("Soort"), choices=Soort.choices, empty_label=_("Alle soorten")
    )
    swv = django_filters.ModelChoiceFilter(
        label=_("Samenwerkingsverband"), queryset=None, empty_label=_("Alle")
    )
    bestuur = django_filters.ModelChoiceFilter(
        label=_("Bestuur"), queryset=None, field_name="school__bestuur", empty_label=_("Alle")
    )

    scoped_choices = {
        "swv": swv_selectors.samenwerkingsverbanden_voor,
        "bestuur": swv_selectors.besturen_voor,
    }

    class Meta:
        model = Aanvraag
        fields = ["q", "status", "soort", "swv", "bestuur"]

    def zoek(self, queryset, name, value):
        nummer = ZAAKNUMMER.match(value)
        if nummer:
            return queryset.filter(pk=int(nummer.group(1)))
        # One lower-case column ("voornaam achternaam") instead of two case-insensitive ones.
        for woord in value.lower().split()[:3]:
            queryset = queryset.filter(leerling_sleutel__contains=woord)
        return queryset
