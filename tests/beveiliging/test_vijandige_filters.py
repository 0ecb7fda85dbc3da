"""Hostile values in every GET parameter of every page (issue 16): never a 500.

`?thuiszitter_op=0001-01-01` once ended in an OverflowError. Every non-public page is
opened as a role that may; the parameters of its GET forms (filters) and the query
parameters pages read directly are then sent with hostile values: dates out of range,
impossible dates, huge numbers, markup, control characters. Date inputs are also tried
one by one at the edges of the calendar. Dates outside 1900..2100 are refused with a
Dutch message (`swv.forms.DatumVeld`).
"""

from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from tests.beveiliging.test_autorisatie import ALLE, REGELS
from tests.beveiliging.test_vijandige_invoer import VOORKEUR

# Parameters pages read straight from the query string (not from a form on the page).
BEKEND = ["page", "format", "schooljaar", "kwartaal", "tabel", "swv", "a", "b", "ronde", "sectie"]
VIJANDIG = [
    "0001-01-01",
    "9999-12-31",
    "99999-01-01",
    "2026-02-30",
    "-1",
    "1e309",
    "NaN",
    "99999999999999999999",
    "<script>alert(1)</script>",
    "\x00\x01",
    "x" * 3000,
]
RANDEN = ["0001-01-01", "1899-12-31", "2101-01-01", "9999-12-31"]
MELDING = "Vul een datum tussen 1900 en 2100 in."


class _GetFormulieren(HTMLParser):
    def __init__(self):
        super().__init__()
        self.velden, self.datums = set(), set()
        self._in_get = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._in_get = a.get("method", "get").lower() == "get"
        elif self._in_get and tag in ("input", "select", "textarea") and a.get("name"):
            self.velden.add(a["name"])
            if a.get("type") == "date":
                self.datums.add(a["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_get = False


def _paginas():
    for naam in ALLE:
        r = REGELS.get(naam)
        if r is None or r.publiek or r.methode == "post" or not r.wie:
            continue
        username = next((u for u in VOORKEUR if u in r.wie), sorted(r.wie)[0])
        yield pytest.param(username, naam)


@pytest.mark.parametrize("username, naam", list(_paginas()))
def test_hostile_get_parameters_never_500(als, gebruiker, username, naam):
    r = REGELS[naam]
    kwargs = r.object.binnen(gebruiker(username)) if r.object else {}
    if kwargs is None:
        pytest.skip("geen object in bereik")
    client = als(username)
    url = reverse(naam, kwargs=kwargs)
    pagina = client.get(url)
    assert pagina.status_code == 200, pagina.status_code
    formulieren = _GetFormulieren()
    if pagina.get("Content-Type", "").startswith("text/html"):
        formulieren.feed(pagina.content.decode())
    namen = sorted(formulieren.velden | set(BEKEND))
    fouten = []
    for waarde in VIJANDIG:
        antwoord = client.get(f"{url}?{urlencode(dict.fromkeys(namen, waarde))}")
        if antwoord.status_code >= 500:
            fouten.append((waarde[:20], antwoord.status_code))
    for veld in sorted(formulieren.datums):
        for waarde in RANDEN:
            antwoord = client.get(url, {veld: waarde})
            if antwoord.status_code >= 500:
                fouten.append((veld, waarde, antwoord.status_code))
            elif (
                antwoord.status_code == 200
                and "text/html" in antwoord["Content-Type"]
                and MELDING not in antwoord.content.decode()
            ):
                fouten.append((veld, waarde, "geen melding"))
    assert not fouten, fouten


@pytest.mark.parametrize("param", ["thuiszitter_op", "loopt_op"])
def test_thuiszitters_out_of_range_date_gets_a_dutch_message_not_a_500(als, param):
    client = als("medewerker")
    for waarde in ["0001-01-01", "9999-12-31"]:
        antwoord = client.get(reverse("kpi:thuiszitters"), {param: waarde})
        assert antwoord.status_code == 200
        assert MELDING in antwoord.content.decode()
        for formaat in ("csv", "xlsx"):
            export = client.get(reverse("kpi:thuiszitters"), {param: waarde, "format": formaat})
            assert export.status_code == 200, (param, waarde, formaat)
    gewoon = client.get(reverse("kpi:thuiszitters"), {param: "2025-01-15"})
    assert gewoon.status_code == 200 and MELDING not in gewoon.content.decode()
