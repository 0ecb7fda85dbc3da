from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToelaatbaarheidConfig(AppConfig):
    name = "toelaatbaarheid"
    verbose_name = _("Toelaatbaarheid")

    def ready(self):
        from swv.aandacht import registreer

        from . import rules  # noqa: F401 - registers the permissions
        from .aandacht import tlv_aandacht

        registreer(tlv_aandacht)

        from leerlingen import tijdlijn

        from .tijdlijn import tlv_zaken

        tijdlijn.registreer(tlv_zaken)

        from swv import bewaartermijnen, inzage

        from . import privacy

        bewaartermijnen.registreer(privacy.REGEL)
        inzage.registreer(privacy.inzage)

        # Field-level change history of the pupil records (swv/historie.py).
        from swv import historie

        from .models import Aanvraag, Beschikking, Bezwaar

        historie.registreer(Aanvraag)
        historie.registreer(Beschikking, ouder="aanvraag")
        historie.registreer(Bezwaar, ouder="aanvraag")
