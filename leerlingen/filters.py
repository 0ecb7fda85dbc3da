import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from swv.filters import ScopedFilterSet
from swv.selectors import samenwerkingsverbanden_voor

from .models import Leerling


class LeerlingFilter(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Zoek op naam of dossiernummer"), method="zoek")
    swv = django_filters.ModelChoiceFilter(
        label=_("Samenwerkingsverband"), queryset=None, empty_label=_("Alle")
    )
    # A search box, not a dropdown: an SWV has hundreds of schools.
    school = django_filters.CharFilter(label=_("School (naam of BRIN)"), method="zoek_school")

    scoped_choices = {"swv": samenwerkingsverbanden_voor}

    class Meta:
        model = Leerling
        fields = ["q", "swv", "school"]

    def zoek(self, queryset, name, value):
        waarde = value.strip()
        nummer = waarde.upper().removeprefix("LD-")
        if nummer.isdigit():
            return queryset.filter(pk=int(nummer))
        filter_ = Q()
        for deel in waarde.split():
            filter_ &= Q(voornaam__icontains=deel) | Q(achternaam__icontains=deel)
        return queryset.filter(filter_)

    def zoek_school(self, queryset, name, value):
        return queryset.filter(
            Q(school__naam__icontains=value) | Q(school__vestigingscode__istartswith=value)
        )
