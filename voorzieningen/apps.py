from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VoorzieningenConfig(AppConfig):
    name = "voorzieningen"
    verbose_name = _("Voorzieningen en dekkend netwerk")
