from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VoorzieningenConfig(AppConfig):
    name = "voorzieningen"
    verbose_name = _("Voorzieningen en dekkend netwerk")

    def ready(self):
        from leerlingen import tijdlijn
        from swv import bewaartermijnen, inzage

        from . import privacy, rules, selectors  # noqa: F401 - registers permissions and scope
        from .tijdlijn import plaatsingen_op_tijdlijn

        tijdlijn.registreer(plaatsingen_op_tijdlijn)
        bewaartermijnen.registreer(privacy.REGEL)
        inzage.registreer(privacy.inzage)

        # Field-level change history of the pupil records (swv/historie.py).
        from swv import historie

        from .models import Plaatsing

        historie.registreer(Plaatsing)
