"""What the generated step test (tests/beveiliging/test_stappen.py) acts on, per app.

Each app with a `stappen.py` has a module here with `ONDERWERPEN`: for every model a
service of its step table takes, how to tell whether a user may see an object, on which
object the permission is asked, and which objects to try. The step tables themselves are
found by discovery: every installed app's `stappen.STAPPEN`.
"""

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps


@dataclass(frozen=True)
class Onderwerp:
    """What a service acts on: how to tell whether a user may see it, on which object the
    permission is asked, and which objects to try (all states, inside and outside)."""

    zichtbaar: Callable  # (user, obj) -> bool
    permissie_op: Callable = lambda obj: obj
    objecten: Callable = lambda model: model.objects.order_by("pk")


def _verzamel():
    onderwerpen = {}
    for info in pkgutil.iter_modules(__path__):
        onderwerpen.update(importlib.import_module(f"{__name__}.{info.name}").ONDERWERPEN)
    stappen = []
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.stappen")
        except ModuleNotFoundError as fout:
            if fout.name != f"{config.name}.stappen":
                raise
            continue
        stappen.extend(module.STAPPEN)
    return onderwerpen, stappen


ONDERWERPEN, STAPPEN = _verzamel()
