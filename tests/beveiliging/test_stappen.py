"""Every service of every step table, called as every role on objects inside and outside
the role's scope: PermissionDenied exactly where the rules and the scope say so.

Generated from the apps' `stappen.py`: a new step with a service is covered without a new
test. The service gets the user, the object and None for every other required argument,
so the permission must be checked before anything else (a role without the right learns
nothing from validation messages or version checks). Where the user may take the step the
call may still fail on those missing arguments, but never with PermissionDenied. Users are
the demo accounts plus, for the SWV roles, users of one SWV only.

A service that creates an object (a plan, a round, a case) has no object to act on yet: its
subject is what the new object is created in (`school: School`, `samenwerkingsverbanden:
list[Samenwerkingsverband]`, one at a time), tried inside and outside the user's scope,
with the permission asked without an object (`Onderwerp.permissie_op`).
"""

import inspect
import typing

import pytest
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.module_loading import import_string

from swv import workflow
from swv.models import Gebruiker, Samenwerkingsverband
from swv.roles import Rol
from tests.beveiliging.onderwerpen import ONDERWERPEN, STAPPEN
from tests.conftest import DEMO_ACCOUNTS
from tests.factories import GebruikerFactory


def _gebruikers():
    """The demo accounts, and SWV roles limited to one SWV."""
    gebruikers = list(Gebruiker.objects.filter(username__in=DEMO_ACCOUNTS).order_by("username"))
    een_swv = Samenwerkingsverband.objects.get(code="PO3105")
    for rol in (Rol.MEDEWERKER, Rol.DIRECTEUR, Rol.TRAJECTBEGELEIDER):
        gebruikers.append(
            GebruikerFactory(username=f"alleen-po3105-{rol}", rol=rol, swvs=[een_swv])
        )
    return gebruikers


def _services():
    per_service = {}
    for stap in STAPPEN:
        if stap.service:
            per_service.setdefault(stap.service, []).append(stap)
    return per_service


def _model_van(hint) -> tuple[type[models.Model] | None, bool]:
    """The model a parameter takes, and whether it takes a list of them."""
    lijst = typing.get_origin(hint) is list
    if lijst:
        (hint,) = typing.get_args(hint)
    if isinstance(hint, type) and issubclass(hint, models.Model):
        return hint, lijst
    return None, False


def _onderwerp_parameter(functie):
    """The first keyword argument whose type is a model with an Onderwerp (or a list of
    them): its name, the model and whether the service takes a list."""
    hints = typing.get_type_hints(functie)
    kandidaten = [
        (naam, *_model_van(hints.get(naam))) for naam in inspect.signature(functie).parameters
    ]
    kandidaten = [(n, m, lijst) for n, m, lijst in kandidaten if m in ONDERWERPEN]
    assert kandidaten, f"{functie.__name__}: geen parameter met een modeltype uit ONDERWERPEN"
    return kandidaten[0]


class _Terugdraaien(Exception):
    pass


def _geweigerd(functie, kwargs) -> bool:
    try:
        with transaction.atomic():
            functie(**kwargs)
            raise _Terugdraaien
    except (PermissionDenied, workflow.AlGezet):
        # AlGezet: the one role that could take the step is told it was just taken.
        return True
    except Exception:  # noqa: BLE001 - anything else means the permission gate let it pass
        return False


def test_every_step_with_a_service_shares_one_permission_per_service():
    for service, stappen in _services().items():
        assert len({s.permissie for s in stappen}) == 1, service
        import_string(service)


@pytest.mark.parametrize("service", sorted(_services()))
def test_service_refuses_exactly_where_rules_and_scope_say(service):
    stap = _services()[service][0]
    functie = import_string(service)
    naam, model, lijst = _onderwerp_parameter(functie)
    onderwerp = ONDERWERPEN[model]
    parameters = inspect.signature(functie).parameters
    wie = "gebruiker" if "gebruiker" in parameters else "door"
    verplicht = [
        p.name
        for p in parameters.values()
        if p.default is inspect.Parameter.empty and p.name not in (wie, naam)
    ]
    objecten = list(onderwerp.objecten(model))
    assert objecten, f"geen {model.__name__} in de demo om {service} op te proberen"
    fouten = []
    for gebruiker in _gebruikers():
        for obj in objecten:
            mag = onderwerp.zichtbaar(gebruiker, obj) and gebruiker.has_perm(
                stap.permissie, onderwerp.permissie_op(obj)
            )
            kwargs = {wie: gebruiker, naam: [obj] if lijst else obj, **dict.fromkeys(verplicht)}
            if _geweigerd(functie, kwargs) == mag:
                fouten.append(
                    f"{gebruiker.username} op {model.__name__} {obj.pk} "
                    f"({getattr(obj, 'status', '')}): verwacht "
                    f"{'toegestaan' if mag else 'PermissionDenied'}"
                )
    assert not fouten, "\n".join(fouten)
