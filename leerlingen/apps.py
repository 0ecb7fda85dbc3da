from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeerlingenConfig(AppConfig):
    name = "leerlingen"
    verbose_name = _("Leerlingdossiers")

    def ready(self):
        from swv import bewaartermijnen, inzage

        from . import privacy, rules, selectors  # noqa: F401 - registers permissions and scope

        bewaartermijnen.registreer(privacy.REGEL)
        inzage.registreer(privacy.inzage)

        # Field-level change history of the pupil records (swv/historie.py).
        from swv import historie

        from .models import Leerling, Toestemming

        historie.registreer(Leerling)
        historie.registreer(Toestemming, ouder="leerling")
