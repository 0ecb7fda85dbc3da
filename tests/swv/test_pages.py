"""Every page in the menu renders for every role that may see it, and refuses the others."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from swv.navigation import MENU, menu_voor
from tests.conftest import DEMO_ACCOUNTS

# What product.md lets each role into.
VERWACHT_MENU = {
    "medewerker": {
        "home",
        "swv:index",
        "ondersteuningsplan:index",
        "leerlingen:index",
        "ondersteuning:index",
        "toelaatbaarheid:index",
        "kpi:index",
        "verantwoording:index",
    },
    "directeur": {
        "home",
        "swv:index",
        "ondersteuningsplan:index",
        "leerlingen:index",
        "ondersteuning:index",
        "toelaatbaarheid:index",
        "kpi:index",
        "verantwoording:index",
    },
    "trajectbegeleider": {
        "home",
        "swv:index",
        "ondersteuningsplan:index",
        "leerlingen:index",
        "ondersteuning:index",
        "toelaatbaarheid:index",
        "kpi:index",
    },
    "orthopedagoog": {"home", "swv:index", "ondersteuningsplan:index", "toelaatbaarheid:index"},
    "jeugdarts": {"home", "swv:index", "ondersteuningsplan:index", "toelaatbaarheid:index"},
    "bestuur-innovo": {
        "home",
        "swv:index",
        "ondersteuningsplan:index",
        "leerlingen:index",
        "ondersteuning:index",
        "toelaatbaarheid:index",
        "kpi:index",
        "verantwoording:index",
    },
    "bestuur-movare": {
        "home",
        "swv:index",
        "ondersteuningsplan:index",
        "leerlingen:index",
        "ondersteuning:index",
        "toelaatbaarheid:index",
        "kpi:index",
        "verantwoording:index",
    },
    "ib-innovo": {
        "home",
        "swv:index",
        "ondersteuningsplan:index",
        "leerlingen:index",
        "ondersteuning:index",
        "toelaatbaarheid:index",
        "kpi:index",
    },
    "opr": {"home", "swv:index", "ondersteuningsplan:index", "kpi:index"},
    "privacy": {
        "audit",
        "home",
        "swv:index",
        "ondersteuningsplan:index",
        "leerlingen:index",
        "ondersteuning:index",
        "toelaatbaarheid:index",
        "kpi:index",
        "verantwoording:index",
    },
}


def _ondersteuningsroute():
    """The route's lists (issue 13) are in the menu of exactly the roles the authorisation
    rules (tests/beveiliging) let open them."""
    from tests.beveiliging.test_autorisatie import REGELS

    for naam in (
        "ondersteuning:arrangementen",
        "knooppunt:index",
        "voorzieningen:index",
        "zorgplicht:index",
        "kpi:route",
    ):
        for username in REGELS[naam].wie:
            VERWACHT_MENU[username].add(naam)


_ondersteuningsroute()


@pytest.mark.parametrize("username", DEMO_ACCOUNTS)
def test_menu_per_role(gebruiker, username):
    assert {item.url_naam for item in menu_voor(gebruiker(username))} == VERWACHT_MENU[username]


@pytest.mark.parametrize("username", DEMO_ACCOUNTS)
def test_every_menu_page_renders_or_refuses(als, username):
    client = als(username)
    for item in MENU:
        antwoord = client.get(item.url)
        verwacht = 200 if item.url_naam in VERWACHT_MENU[username] else 403
        assert antwoord.status_code == verwacht, (username, item.url)


@pytest.mark.parametrize("username", DEMO_ACCOUNTS)
def test_organisation_pages_render_for_every_role(als, username):
    client = als(username)
    for url in [
        "/organisatie/",
        "/organisatie/samenwerkingsverbanden/",
        "/organisatie/besturen/",
        "/organisatie/scholen/",
        "/organisatie/scholen/?q=basis&soort=BAO",
        "/organisatie/gemeenten/",
    ]:
        assert client.get(url).status_code == 200, url
    lijst = client.get("/organisatie/scholen/").context["object_list"]
    assert client.get(lijst[0].get_absolute_url()).status_code == 200
    besturen = client.get("/organisatie/besturen/").context["object_list"]
    assert client.get(besturen[0].get_absolute_url()).status_code == 200
    gemeenten = client.get("/organisatie/gemeenten/").context["object_list"]
    assert client.get(gemeenten[0].get_absolute_url()).status_code == 200


def test_opr_has_no_pupil_pages(als):
    client = als("opr")
    assert client.get("/tlv/").status_code == 403
    assert "Toelaatbaarheid" not in client.get("/").content.decode()


def test_school_list_query_count_does_not_grow_with_page_size(als):
    client = als("medewerker")
    with CaptureQueriesContext(connection) as klein:
        client.get("/organisatie/scholen/", {"soort": "SBO"})
    with CaptureQueriesContext(connection) as groot:
        client.get("/organisatie/scholen/")
    assert len(groot) == len(klein)


def test_base_template_is_accessible(als):
    html = als("medewerker").get("/organisatie/scholen/").content.decode()
    assert '<html lang="nl">' in html
    assert 'class="skiplink" href="#inhoud"' in html
    assert '<main id="inhoud"' in html
    assert "<header" in html and "<nav" in html and "<footer" in html
    assert 'aria-current="page"' in html
    # Every filter field has a label.
    for veld in ["id_q", "id_soort", "id_swv", "id_bestuur", "id_gemeente"]:
        assert f'for="{veld}"' in html
    # No third-party assets.
    assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html


def test_security_headers(als):
    antwoord = als("medewerker").get("/organisatie/")
    csp = antwoord["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert antwoord["X-Frame-Options"] == "DENY"
    assert antwoord["X-Content-Type-Options"] == "nosniff"


def test_school_detail_shows_counts_and_mask(als):
    from swv.models import Leerlingtelling

    telling = Leerlingtelling.objects.filter(gemaskeerd=True, school__swv__code="PO3106").first()
    html = als("medewerker").get(telling.school.get_absolute_url()).content.decode()
    assert "&lt;5" in html


def test_swv_page_counts_pupils_in_one_grouped_query(als):
    from swv.models import Samenwerkingsverband

    client = als("medewerker")
    url = Samenwerkingsverband.objects.get(code="PO3106").get_absolute_url()
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    assert sum("swv_leerlingtelling" in q["sql"] and "GROUP BY" in q["sql"] for q in queries) == 1
    assert "Speciaal basisonderwijs (SBO)" in html


def test_the_route_is_one_menu_group(als):
    """The route's lists sit under one 'Ondersteuningsroute' dropdown, so the menu fits one
    line; the current list is marked inside it."""
    html = als("medewerker").get("/vragen/").content.decode()
    groep = html.split('data-bs-toggle="dropdown"', 1)[1].split("</ul>", 1)[0]
    assert "Ondersteuningsroute" in groep and "dropdown-toggle active" in html
    for label in ("Leerlingen", "Vragen", "Arrangementen", "Knooppunten", "Voorzieningen"):
        assert label in groep, label
    assert 'href="/vragen/" aria-current="page"' in groep
