import pytest

from ondersteuningsplan.models import Ondersteuningsplan


@pytest.mark.parametrize("naam", ["medewerker", "directeur", "opr", "bestuur-innovo"])
def test_pagina_s(als, naam):
    c = als(naam)
    assert c.get("/plannen/").status_code == 200
    for p in Ondersteuningsplan.objects.all():
        r = c.get(f"/plannen/{p.pk}/")
        assert r.status_code in (200, 404)
