from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Deskundige, GelijkgesteldeDag, TlvInstellingen


@admin.register(GelijkgesteldeDag)
class GelijkgesteldeDagAdmin(admin.ModelAdmin):
    list_display = ["datum", "omschrijving"]
    date_hierarchy = "datum"
    search_fields = ["omschrijving"]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "subtitle": _(
                "Let op: deze lijst is gevuld volgens het gebruikelijke patroon van het "
                "Besluit gelijkstelling dagen (vrijdag na Hemelvaartsdag; maandag vóór / "
                "vrijdag na een feestdag op dinsdag / donderdag). Controleer haar tegen het "
                "geldende Besluit (wetten.overheid.nl) en vul aan of verwijder waar nodig."
            ),
        }
        return super().changelist_view(request, extra_context)


@admin.register(TlvInstellingen)
class TlvInstellingenAdmin(admin.ModelAdmin):
    list_display = [
        "swv",
        "advies_weken",
        "mdo_weken",
        "herbeoordeling_dag",
        "herbeoordeling_maand",
    ]


@admin.register(Deskundige)
class DeskundigeAdmin(admin.ModelAdmin):
    list_display = ["gebruiker", "discipline"]
    list_filter = ["discipline"]
    filter_horizontal = ["scholen", "besturen"]
    autocomplete_fields = ["gebruiker"]
