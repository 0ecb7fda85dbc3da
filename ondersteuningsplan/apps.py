from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OndersteuningsplanConfig(AppConfig):
    name = "ondersteuningsplan"
    verbose_name = _("Ondersteuningsplan")

    def ready(self):
        from swv.aandacht import registreer

        from .aandacht import aandachtspunten

        registreer(aandachtspunten)
