"""The authorisation test again, as users limited to ONE SWV, one bestuur, one school.

Every demo SWV account covers all three SWVs, so "outside the user's scope" never meant
"another SWV" in `test_autorisatie.py`. Here every role has a user of PO3104 only (see
`tests/beveiliging/beperkt.py`), with the rights of a demo account: every URL rule is
asked as each of them, objects inside their scope open, objects outside (other SWVs,
boards, schools) answer 404, and what the demo account may not open stays refused.
"""

import pytest
from django.urls import reverse

from tests.beveiliging.beperkt import ROLLEN, beperkte_gebruiker
from tests.beveiliging.test_autorisatie import (
    ALLE,
    REGELS,
    TOEGESTAAN_POST,
    _iemand_die_mag,
    _vraag,
)
from tests.helpers import inloggen

PRIVE = [n for n in ALLE if n in REGELS and not REGELS[n].publiek]


@pytest.mark.parametrize("rol", list(ROLLEN))
@pytest.mark.parametrize("naam", PRIVE)
def test_role_limited_to_one_organisation(client, rol, naam):
    r = REGELS[naam]
    user = beperkte_gebruiker(rol)
    demo = ROLLEN[rol][0]
    inloggen(client, user)
    mag = demo in r.wie
    if r.object is None:
        code = _vraag(client, r, reverse(naam)).status_code
        if mag:
            assert code in (TOEGESTAAN_POST if r.methode == "post" else (200,)), (rol, naam, code)
        else:
            assert code in (403, 404), (rol, naam, code)
        return
    binnen, buiten = r.object.binnen(user), r.object.buiten(user)
    if mag:
        if binnen is not None:
            code = _vraag(client, r, reverse(naam, kwargs=binnen)).status_code
            assert code in (TOEGESTAAN_POST if r.methode == "post" else (200,)), (rol, naam, code)
        if buiten is not None:
            code = _vraag(client, r, reverse(naam, kwargs=buiten)).status_code
            assert code == 404, (rol, naam, buiten, code)
    else:
        iemand = r.object.binnen(_iemand_die_mag(r)) if r.wie else binnen or buiten
        if iemand is not None:
            code = _vraag(client, r, reverse(naam, kwargs=iemand)).status_code
            assert code in (403, 404), (rol, naam, code)
