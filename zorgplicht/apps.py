from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ZorgplichtConfig(AppConfig):
    name = "zorgplicht"
    verbose_name = _("Zorgplicht: aanmeldingen")
