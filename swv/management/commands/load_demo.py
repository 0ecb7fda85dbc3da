from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Laad de demogegevens (Zuid-Limburg, demo-accounts met wachtwoord 'passend-demo'), "
        "met alle data rond de dag van laden: planperiodes, schooljaren, rondes en termijnen. "
        "Alleen in demomodus (SWV_DEMO_MODE). Twee keer draaien op één dag geeft dezelfde "
        "gegevens; op een latere dag schuift de demo mee naar die dag."
    )

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError("Demogegevens worden alleen geladen met SWV_DEMO_MODE=true.")
        # Each app may ship a demo module with laad(); they run in INSTALLED_APPS order
        # (the KPI demo measures the plans the plan demo placed). Each reads the date itself.
        # A module may also have wissen(): first, in reverse order, so an app above may
        # remove what points to the records an app below rebuilds.
        modules = []
        for config in apps.get_app_configs():
            try:
                modules.append((config, import_module(f"{config.name}.demo")))
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
        for _config, module in reversed(modules):
            if hasattr(module, "wissen"):
                module.wissen()
        for config, module in modules:
            self.stdout.write(f"Demo {config.verbose_name} ...")
            module.laad(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demogegevens geladen."))
