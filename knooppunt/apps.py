from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnooppuntConfig(AppConfig):
    name = "knooppunt"
    verbose_name = _("Knooppunten")

    def ready(self):
        from leerlingen import tijdlijn
        from swv import bewaartermijnen, inzage

        from . import privacy, rules, selectors  # noqa: F401 - registers permissions and scope
        from .tijdlijn import overleg_starten, overleggen_op_tijdlijn

        tijdlijn.registreer(overleggen_op_tijdlijn)
        tijdlijn.registreer_actie(overleg_starten)
        bewaartermijnen.registreer(privacy.REGEL)
        inzage.registreer(privacy.inzage)

        # Field-level change history of the pupil records (swv/historie.py).
        from swv import historie

        from .models import Knooppuntoverleg

        historie.registreer(Knooppuntoverleg)
