"""Permission before version (issue 16): a role without the step gets PermissionDenied
(403), never "someone else changed this" first.

Services check in this order: scope, permission, version, content. Every service of
every step table that takes a version (`versie`, `verwachte_versie`, ...) is called with
a stale version by every user who may not take the step (demo accounts and users of one
SWV): the answer must be PermissionDenied, not VerouderdeVersie or a conflict.
"""

import inspect

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.module_loading import import_string

from swv import workflow
from tests.beveiliging.onderwerpen import ONDERWERPEN
from tests.beveiliging.test_stappen import _gebruikers, _onderwerp_parameter, _services

VEROUDERD = -1


def _met_versie():
    for service in sorted(_services()):
        parameters = inspect.signature(import_string(service)).parameters
        if any("versie" in p for p in parameters):
            yield service


class _Terugdraaien(Exception):
    pass


def _uitkomst(functie, kwargs):
    try:
        with transaction.atomic():
            functie(**kwargs)
            raise _Terugdraaien
    except _Terugdraaien:
        return "toegestaan"
    except PermissionDenied:
        return "PermissionDenied"
    except workflow.AlGezet:
        return "PermissionDenied"  # the one role that may, told it was just taken
    except Exception as fout:  # noqa: BLE001 - which refusal came first is the point
        return type(fout).__name__


def test_there_are_services_with_a_version():
    assert list(_met_versie())


@pytest.mark.parametrize("service", list(_met_versie()))
def test_a_role_without_the_step_is_refused_before_the_version_check(service):
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
    fouten = []
    for gebruiker in _gebruikers():
        for obj in onderwerp.objecten(model):
            if onderwerp.zichtbaar(gebruiker, obj) and gebruiker.has_perm(
                stap.permissie, onderwerp.permissie_op(obj)
            ):
                continue
            kwargs = {
                wie: gebruiker,
                naam: [obj] if lijst else obj,
                **dict.fromkeys(verplicht),
                **{p: VEROUDERD for p in parameters if "versie" in p},
            }
            uitkomst = _uitkomst(functie, kwargs)
            if uitkomst != "PermissionDenied":
                fouten.append(f"{gebruiker.username} op {model.__name__} {obj.pk}: {uitkomst}")
    assert not fouten, "\n".join(fouten)
