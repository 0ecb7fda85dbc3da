import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from swv.filters import ScopedFilterSet

from .models import Aanmelding, Status
from .selectors import VOLGORDES


class AanmeldingFilter(ScopedFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Status.choices, empty_label=_("Alle")
    )
    # A search box, not a dropdown: an SWV has hundreds of schools.
    school = django_filters.CharFilter(label=_("School (naam of BRIN)"), method="zoek_school")
    volgorde = django_filters.ChoiceFilter(
        label=_("Sorteren op"),
        choices=[
            ("termijn", _("Termijn (verstreken eerst)")),
            ("ontvangen", _("Datum van aanmelding (nieuwste eerst)")),
            ("school", _("School")),
        ],
        empty_label=None,
        method="sorteer",
    )

    class Meta:
        model = Aanmelding
        fields = ["status", "school"]

    def zoek_school(self, queryset, name, value):
        return queryset.filter(
            Q(school__naam__icontains=value) | Q(school__vestigingscode__istartswith=value)
        )

    def sorteer(self, queryset, name, value):
        # The orderings are the selector's (`aanmelding_lijst` annotates what they use).
        return queryset.order_by(*VOLGORDES.get(value, VOLGORDES["termijn"]))
