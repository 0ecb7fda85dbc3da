from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToelaatbaarheidConfig(AppConfig):
    name = "toelaatbaarheid"
    verbose_name = _("Toelaatbaarheid")
