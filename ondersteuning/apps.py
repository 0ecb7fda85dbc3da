from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OndersteuningConfig(AppConfig):
    name = "ondersteuning"
    verbose_name = _("Ondersteuningsroute")

    def ready(self):
        from leerlingen import tijdlijn
        from swv import bewaartermijnen, inzage

        from . import privacy, rules, selectors  # noqa: F401 - registers permissions and scope
        from .tijdlijn import arrangementen_op_tijdlijn, vraag_starten, vragen_op_tijdlijn

        tijdlijn.registreer(vragen_op_tijdlijn)
        tijdlijn.registreer(arrangementen_op_tijdlijn)
        tijdlijn.registreer_actie(vraag_starten)
        for regel in privacy.REGELS:
            bewaartermijnen.registreer(regel)
        inzage.registreer(privacy.inzage)

        # Field-level change history of the pupil records (swv/historie.py).
        from swv import historie

        from .models import Arrangement, Ondersteuningsvraag

        historie.registreer(Ondersteuningsvraag)
        historie.registreer(Arrangement)
