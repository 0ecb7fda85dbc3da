from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ZorgplichtConfig(AppConfig):
    name = "zorgplicht"
    verbose_name = _("Zorgplicht: aanmeldingen")

    def ready(self):
        from leerlingen import tijdlijn
        from swv import bewaartermijnen, inzage
        from swv.aandacht import registreer

        from . import privacy, rules, selectors  # noqa: F401 - registers permissions and scope
        from .aandacht import aanmeldingen_aandacht
        from .tijdlijn import aanmelding_actie, aanmeldingen_op_tijdlijn

        registreer(aanmeldingen_aandacht)
        tijdlijn.registreer(aanmeldingen_op_tijdlijn)
        tijdlijn.registreer_actie(aanmelding_actie)
        bewaartermijnen.registreer(privacy.REGEL)
        inzage.registreer(privacy.inzage)

        # Field-level change history of the pupil records (swv/historie.py).
        from swv import historie

        from .models import Aanmelding

        historie.registreer(Aanmelding)
