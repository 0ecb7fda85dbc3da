import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from swv.filters import ScopedFilterSet
from swv.forms import DatumFilter

from .berekeningen import loopt_op, telt_als_thuiszitter
from .models import Thuiszitter, ThuiszitterStatus, ThuiszitterType
from .selectors import bestuur_keuzes, swv_keuzes


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
    bestuur = django_filters.ModelChoiceFilter(
        label=_("Bestuur"), queryset=None, empty_label=_("Alle"), field_name="school__bestuur"
    )
    loopt_op = DatumFilter(label=_("Loopt op datum"), method="filter_loopt_op")
    thuiszitter_op = DatumFilter(
        label=_("Telt als thuiszitter op"),
        help_text=_("Verzuim dat op die datum loopt en dan al meer dan 4 weken duurt."),
        method="filter_thuiszitter_op",
    )

    scoped_choices = {"swv": swv_keuzes, "bestuur": bestuur_keuzes}

    class Meta:
        model = Thuiszitter
        fields = ["swv", "bestuur", "school", "type", "status", "loopt_op", "thuiszitter_op"]

    def zoek_school(self, queryset, name, value):
        return queryset.filter(
            Q(school__naam__icontains=value) | Q(school__vestigingscode__istartswith=value)
        )

    def filter_loopt_op(self, queryset, name, value):
        return queryset.filter(loopt_op(value))

    def filter_thuiszitter_op(self, queryset, name, value):
        # The rows behind the dashboard's thuiszitters figure (berekeningen.thuiszitters_op:
        # 'middel' + 'lang'), so its drill-down shows exactly the counted cases.
        return queryset.filter(telt_als_thuiszitter(value))
