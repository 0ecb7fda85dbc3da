"""Smoke test of a production install (run by scripts/productie-check.sh in a virtualenv
made with `pip install .`, no dev extras): every module of every app imports, `check
--deploy` is clean, and the jobs that need runtime-only libraries work (PDF, bundle)."""

import importlib
import io
import os
import pkgutil
import sys

import django

APPS = ["swv", "toelaatbaarheid", "ondersteuningsplan", "kpi"]


def alle_modules():
    for app in APPS:
        pakket = importlib.import_module(app)
        yield app
        for info in pkgutil.walk_packages(pakket.__path__, prefix=f"{app}."):
            yield info.name


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "swv.settings")
    django.setup()
    from django.core.management import call_command

    namen = list(alle_modules())
    for naam in namen:
        importlib.import_module(naam)
    print(f"{len(namen)} modules geimporteerd")

    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("check", deploy=True, fail_level="WARNING")
    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as stil:
        call_command("load_demo", stdout=stil)

    from pypdf import PdfReader

    from kpi.verantwoording.models import Ronde
    from kpi.verantwoording.reports import bundel_pdf

    ronde = Ronde.objects.order_by("-schooljaar").first()
    pdf = bundel_pdf(ronde, list(ronde.verslagen.select_related("bestuur")))
    pagina_s = len(PdfReader(io.BytesIO(pdf)).pages)
    assert pagina_s >= 1, "bundel zonder pagina's"
    print(f"bundel-PDF van ronde {ronde}: {pagina_s} pagina's")
    return 0


if __name__ == "__main__":
    sys.exit(main())
