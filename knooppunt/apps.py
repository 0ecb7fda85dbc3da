from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnooppuntConfig(AppConfig):
    name = "knooppunt"
    verbose_name = _("Knooppunten")
