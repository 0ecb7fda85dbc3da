"""The search paginator: the costly search filter runs once per page, counts stay right."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from swv.views import ZoekPaginator
from toelaatbaarheid.models import Aanvraag


def _zoekqueries(queries):
    return [q["sql"] for q in queries if "LIKE" in q["sql"].upper()]


def test_zoeken_filtert_een_keer_en_telt_juist(als):
    client = als("medewerker")
    alle = Aanvraag.objects.count()
    assert alle > 3
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/tlv/", {"q": "a"}).status_code == 200
    zoek = _zoekqueries(queries)
    assert len(zoek) == 2  # the ids of the matches, then one page by id
    assert "COUNT(" not in zoek[0].upper()


@pytest.mark.parametrize("per_pagina", [1, 2, 3])
def test_pagina_s_en_telling_gelijk_aan_de_gewone_paginator(per_pagina):
    from django.core.paginator import Paginator

    qs = Aanvraag.objects.filter(leerling_sleutel__contains="e").order_by("-pk")
    gewoon, zoek = Paginator(qs, per_pagina), ZoekPaginator(qs, per_pagina)
    assert zoek.count == gewoon.count > 0
    assert zoek.num_pages == gewoon.num_pages
    for nummer in gewoon.page_range:
        assert list(zoek.page(nummer)) == list(gewoon.page(nummer))
    assert list(zoek.get_page(999)) == list(gewoon.get_page(999))


def test_boven_de_grens_telt_hij_gewoon(monkeypatch):
    monkeypatch.setattr(ZoekPaginator, "GRENS", 2)
    qs = Aanvraag.objects.order_by("pk")
    zoek = ZoekPaginator(qs, 2)
    assert zoek.count == qs.count() > 2
    assert list(zoek.page(2)) == list(qs[2:4])
