import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from swv.filters import ScopedFilterSet
from swv.selectors import samenwerkingsverbanden_voor

from .models import Knooppunt


class KnooppuntFilter(ScopedFilterSet):
    # A search box, not a dropdown: an SWV has hundreds of schools.
    school = django_filters.CharFilter(label=_("School (naam of BRIN)"), method="zoek_school")
    swv = django_filters.ModelChoiceFilter(
        label=_("Samenwerkingsverband"), queryset=None, empty_label=_("Alle")
    )
    evaluatie = django_filters.ChoiceFilter(
        label=_("Evaluatie dit schooljaar"),
        choices=[("ja", _("Vastgelegd")), ("nee", _("Nog niet"))],
        empty_label=_("Alle"),
        method="met_evaluatie",
    )
    scoped_choices = {"swv": samenwerkingsverbanden_voor}

    class Meta:
        model = Knooppunt
        fields = ["school", "swv", "evaluatie"]

    def zoek_school(self, queryset, name, value):
        return queryset.filter(
            Q(school__naam__icontains=value) | Q(school__vestigingscode__istartswith=value)
        )

    def met_evaluatie(self, queryset, name, value):
        # `evaluatie_jaar` is annotated by selectors.knooppunt_lijst.
        return (
            queryset.filter(evaluatie_jaar__gt=0)
            if value == "ja"
            else queryset.filter(evaluatie_jaar=0)
        )
