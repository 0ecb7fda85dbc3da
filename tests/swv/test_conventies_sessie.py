"""Signing out with a confirmation, the session warning and keep-alive, and what happens
when a form is sent after the session expired (issue 14, "Everyday")."""

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import time_machine
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from swv.demo import DEMO_WACHTWOORD
from toelaatbaarheid.models import Aanvraag

STATIC = Path(settings.BASE_DIR) / "static"


def _aanvraag():
    return Aanvraag.objects.order_by("pk").first()


# -- Signing out ---------------------------------------------------------------------------


def test_uitloggen_vraagt_bevestiging(als):
    client = als("ib-innovo")
    antwoord = client.get("/accounts/logout/")
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Wilt u uitloggen?" in html
    formulier = re.search(
        r'<form method="post" action="/accounts/logout/"[^>]*>(.*?)</form>', html, re.S
    )
    assert (
        formulier
        and "<button" in formulier.group(1)
        and "csrfmiddlewaretoken" in formulier.group(1)
    )
    # Still signed in: asking is not signing out.
    assert client.get("/").status_code == 200


def test_na_uitloggen_een_bevestiging_met_opnieuw_aanmelden(als):
    client = als("ib-innovo")
    antwoord = client.post("/accounts/logout/")
    assert antwoord.status_code == 302 and antwoord["Location"] == "/accounts/uitgelogd/"
    pagina = client.get(antwoord["Location"])
    html = pagina.content.decode()
    assert pagina.status_code == 200 and "U bent uitgelogd" in html
    assert 'href="/accounts/login/"' in html
    assert "data-uitgelogd" in html  # the script drops what was kept of forms
    assert client.get("/").status_code == 302  # really signed out


def test_uitloggen_zonder_sessie_gaat_naar_aanmelden(client):
    for antwoord in (client.get("/accounts/logout/"), client.post("/accounts/logout/")):
        assert antwoord.status_code == 302 and antwoord["Location"] == "/accounts/login/"


def test_de_knop_in_de_kop_meldt_af_met_een_post(als):
    html = als("ib-innovo").get("/").content.decode()
    assert re.search(r'<form method="post" action="/accounts/logout/"', html)


# -- Session timeout, warning and keep-alive ------------------------------------------------


def _sessie(client):
    from django.contrib.sessions.models import Session

    return Session.objects.get(session_key=client.session.session_key)


def test_sessie_verloopt_na_dertig_minuten_zonder_activiteit(als, settings):
    """Thirty minutes without a request end the session; any request within them keeps it
    (issue 14), while a page within a minute of the last refresh writes nothing (issue 15)."""
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    settings.SWV_SESSIE_VERVERSEN = 60  # the default (tests/conftest.py turns it off)
    with time_machine.travel(datetime(2026, 12, 4, 9, 0, tzinfo=UTC), tick=False) as klok:
        client = als("ib-innovo")
        assert client.get("/").status_code == 200
        verloopt = _sessie(client).expire_date
        klok.shift(timedelta(seconds=30))
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        assert not [q for q in queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]]
        assert _sessie(client).expire_date == verloopt
        klok.shift(timedelta(minutes=20))  # active again after 20 minutes: refreshed
        assert client.get("/").status_code == 200
        assert _sessie(client).expire_date > verloopt + timedelta(minutes=20)
        klok.shift(timedelta(minutes=29))
        assert client.get("/").status_code == 200  # still in: 29 minutes of silence
        klok.shift(timedelta(minutes=30, seconds=1))
        assert client.get("/").status_code == 302  # 30 minutes of silence: signed out


def test_sessieduur_op_de_pagina_is_wat_er_echt_resteert(als, settings):
    settings.SWV_SESSIE_VERVERSEN = 60
    with time_machine.travel(datetime(2026, 12, 4, 9, 0, tzinfo=UTC), tick=False) as klok:
        client = als("ib-innovo")
        client.get("/")
        klok.shift(timedelta(seconds=45))  # not yet refreshed: 45 seconds less left
        html = client.get("/").content.decode()
        assert f'data-sessie-duur="{30 * 60 - 45}"' in html
        assert client.get("/accounts/sessie/").json() == {"resterend": 30 * 60}


def test_pagina_laadt_het_sessiescript_zonder_inline_script(als):
    html = als("ib-innovo").get("/").content.decode()
    assert re.search(r'data-sessie-duur="1[78]\d\d"', html)  # about 30 minutes
    assert 'data-sessie-url="/accounts/sessie/"' in html
    assert re.search(r'<script src="/static/js/sessie\.js[^"]*" defer></script>', html)
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag, f"inline script: {tag}"
    assert "Blijf ingelogd" in html and 'aria-live="assertive"' in html
    assert (STATIC / "js" / "sessie.js").is_file()


def test_sessiescript_bewaart_nooit_wachtwoorden_en_wist_na_uitloggen():
    js = (STATIC / "js" / "sessie.js").read_text(encoding="utf-8")
    assert '"password"' in js and "sessionStorage" in js and "data-uitgelogd" in js
    assert "innerHTML" not in js and "eval(" not in js


def test_aanmeldpagina_toont_geen_sessiewaarschuwing(client):
    html = client.get("/accounts/login/").content.decode()
    assert "data-sessie-duur" not in html and "data-aanmelden" in html


def test_blijf_ingelogd_verlengt_de_sessie(als):
    client = als("ib-innovo")
    antwoord = client.get("/accounts/sessie/")
    assert antwoord.status_code == 200
    assert antwoord.json() == {"resterend": settings.SESSION_COOKIE_AGE}
    assert (
        antwoord["Cache-Control"].startswith("no-store") or "no-store" in antwoord["Cache-Control"]
    )
    cookie = antwoord.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == settings.SESSION_COOKIE_AGE  # a fresh 30 minutes


def test_blijf_ingelogd_zonder_sessie_geeft_aanmelden(client):
    antwoord = client.get("/accounts/sessie/")
    assert antwoord.status_code == 302 and antwoord["Location"].startswith("/accounts/login/")


# -- A form sent after the session expired: back to the form, never "405" ------------------


def _verborgen_next(html):
    return re.search(r'name="next" value="([^"]*)"', html).group(1)


def test_verlopen_post_komt_na_aanmelden_terug_op_het_formulier(client, als):
    zaak = _aanvraag()
    formulierpagina = f"/tlv/{zaak.pk}/"
    actie = f"/tlv/{zaak.pk}/indienen/"
    # The session has gone: the POST of the form is sent to the sign-in page.
    antwoord = client.post(
        actie, {"toelichting": "x"}, HTTP_REFERER=f"http://testserver{formulierpagina}"
    )
    assert antwoord.status_code == 302
    login = antwoord["Location"]
    assert login.startswith("/accounts/login/?next=")
    # The browser follows with a GET and keeps the form page as its Referer.
    pagina = client.get(login, HTTP_REFERER=f"http://testserver{formulierpagina}")
    assert _verborgen_next(pagina.content.decode()) == formulierpagina
    # Signing in goes back to the form page, which answers GET.
    terug = client.post(
        "/accounts/login/",
        {
            "username": "opr",
            "password": DEMO_WACHTWOORD,
            "next": _verborgen_next(pagina.content.decode()),
        },
    )
    assert terug.status_code == 302 and terug["Location"] == formulierpagina
    # Someone who works on the case gets the page back; the action's URL itself would have
    # answered 405, which is what users used to end on.
    tb = als("medewerker")
    assert tb.get(formulierpagina).status_code == 200
    assert tb.get(actie).status_code == 405


def test_zonder_referer_naar_de_dichtstbijzijnde_pagina(client):
    zaak = _aanvraag()
    pagina = client.get(f"/accounts/login/?next=/tlv/{zaak.pk}/indienen/")
    assert _verborgen_next(pagina.content.decode()) == f"/tlv/{zaak.pk}/"
    # a POST-only function view (require_POST) too
    pagina = client.get("/accounts/login/?next=/plannen/1/nieuwe-versie/")
    assert _verborgen_next(pagina.content.decode()) == "/plannen/1/"


def test_gewone_next_blijft_en_vreemde_referer_telt_niet(client):
    pagina = client.get("/accounts/login/?next=/tlv/%3Fstatus%3Dingediend")
    assert _verborgen_next(pagina.content.decode()) == "/tlv/?status=ingediend"
    pagina = client.get(
        "/accounts/login/?next=/tlv/1/indienen/", HTTP_REFERER="http://elders.example/tlv/9/"
    )
    assert _verborgen_next(pagina.content.decode()) == "/tlv/1/"
    pagina = client.get("/accounts/login/?next=http://elders.example/")
    assert _verborgen_next(pagina.content.decode()) == ""


def test_aanmelden_met_tweestaps_houdt_de_formulierpagina(client):
    zaak = _aanvraag()
    terug = client.post(
        "/accounts/login/",
        {"username": "trajectbegeleider", "password": DEMO_WACHTWOORD, "next": f"/tlv/{zaak.pk}/"},
    )
    assert terug.status_code == 302 and terug["Location"] == f"/tlv/{zaak.pk}/"
    verder = client.get(terug["Location"])
    assert verder.status_code == 302 and verder["Location"].startswith("/accounts/tweestaps")
    assert f"next=%2Ftlv%2F{zaak.pk}%2F" in verder["Location"]
