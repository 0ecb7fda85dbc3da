import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from swv.filters import ScopedFilterSet

from .models import Arrangement, ArrangementStatus, Ondersteuningsvraag, Soort, Status


class VraagFilter(ScopedFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Status.choices, empty_label=_("Alle")
    )
    soort = django_filters.ChoiceFilter(
        label=_("Soort"), choices=Soort.choices, empty_label=_("Alle")
    )
    # A search box, not a dropdown: an SWV has hundreds of schools.
    school = django_filters.CharFilter(label=_("School (naam of BRIN)"), method="zoek_school")

    class Meta:
        model = Ondersteuningsvraag
        fields = ["status", "soort", "school"]

    def zoek_school(self, queryset, name, value):
        return queryset.filter(
            Q(school__naam__icontains=value) | Q(school__vestigingscode__istartswith=value)
        )


class ArrangementFilter(ScopedFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ArrangementStatus.choices, empty_label=_("Alle")
    )
    school = django_filters.CharFilter(
        label=_("Uitvoerende school (naam of BRIN)"), method="zoek_school"
    )
    jaar = django_filters.NumberFilter(
        label=_("Gestart in (jaar)"), field_name="startdatum", lookup_expr="year",
        min_value=2000, max_value=2100,
    )  # fmt: skip

    class Meta:
        model = Arrangement
        fields = ["status", "school", "jaar"]

    def zoek_school(self, queryset, name, value):
        return queryset.filter(
            Q(school__naam__icontains=value) | Q(school__vestigingscode__istartswith=value)
        )
