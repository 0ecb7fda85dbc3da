from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerantwoordingConfig(AppConfig):
    name = "kpi.verantwoording"
    label = "verantwoording"
    verbose_name = _("Verantwoording")

    def ready(self):
        from swv import aandacht

        from .aandacht import aandachtspunten

        aandacht.registreer(aandachtspunten)
