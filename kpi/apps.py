from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KpiConfig(AppConfig):
    name = "kpi"
    verbose_name = _("KPI's en verantwoording")

    def ready(self):
        from swv.aandacht import registreer

        from .aandacht import aandachtspunten

        registreer(aandachtspunten)

        from leerlingen import tijdlijn

        from .tijdlijn import thuiszitters

        tijdlijn.registreer(thuiszitters)

        from swv import bewaartermijnen, inzage

        from . import privacy

        bewaartermijnen.registreer(privacy.REGEL)
        inzage.registreer(privacy.inzage)

        # Cached computed KPI figures follow every change of their sources.
        from . import gegevensversie

        gegevensversie.koppelen()

        # Registers the ondersteuningsroute's computed KPIs in berekeningen.BRONNEN.
        # Field-level change history of the pupil records (swv/historie.py).
        from swv import historie

        from . import routekengetallen  # noqa: F401
        from .models import Thuiszitter

        historie.registreer(Thuiszitter)
