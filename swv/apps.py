from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SwvConfig(AppConfig):
    name = "swv"
    verbose_name = _("Organisatie")

    def ready(self):
        from . import lookups, signals  # noqa: F401

        lookups.registreren()
