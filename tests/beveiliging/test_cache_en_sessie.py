"""Private pages are never cached, and the session key is renewed after the second
factor (issue 16).

Every URL of the authorisation test, asked by a signed-in user who may open it, answers
with `Cache-Control: private, no-store` (one middleware, `swv.middleware.
PriveCacheMiddleware`), unless the view opts into caching by setting its own header."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from swv.middleware import PriveCacheMiddleware
from tests.beveiliging.test_autorisatie import ALLE, REGELS, _iemand_die_mag, _vraag
from tests.helpers import huidige_code, inloggen

PRIVE = [n for n in ALLE if n in REGELS and not REGELS[n].publiek and REGELS[n].wie]


def _geen_cache(antwoord):
    waarde = {d.strip() for d in antwoord.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= waarde


@pytest.mark.parametrize("naam", PRIVE)
def test_every_private_page_and_download_is_private_no_store(client, naam):
    r = REGELS[naam]
    user = _iemand_die_mag(r)
    kwargs = r.object.binnen(user) if r.object else {}
    if kwargs is None:
        pytest.skip("geen object in de demo")
    antwoord = _vraag(inloggen(client, user), r, reverse(naam, kwargs=kwargs))
    assert antwoord.status_code < 500, antwoord.status_code
    assert _geen_cache(antwoord), (naam, antwoord.status_code, antwoord.get("Cache-Control"))


@pytest.mark.parametrize(
    "username, pad",
    [
        ("medewerker", "/kpi/thuiszitters/?format=csv"),
        ("medewerker", "/kpi/thuiszitters/?format=xlsx"),
        ("bestuur-movare", "/kpi/thuiszitters/"),
        ("opr", "/kpi/thuiszitters/"),  # refused (403) answers are private too
    ],
)
def test_registers_exports_and_refusals_are_private_no_store(als, username, pad):
    antwoord = als(username).get(pad)
    assert _geen_cache(antwoord), (pad, antwoord.status_code)


def test_a_view_that_sets_its_own_cache_header_keeps_it(gebruiker):
    def view(request):
        antwoord = HttpResponse("openbaar")
        antwoord["Cache-Control"] = "public, max-age=600"
        return antwoord

    request = RequestFactory().get("/publiek/")
    request.user = gebruiker("medewerker")
    assert PriveCacheMiddleware(view)(request)["Cache-Control"] == "public, max-age=600"
    request.user = gebruiker("medewerker")
    gewoon = PriveCacheMiddleware(lambda r: HttpResponse("x"))(request)
    assert gewoon["Cache-Control"] == "private, no-store"


def test_anonymous_public_pages_stay_cacheable(client):
    antwoord = client.get(reverse("publiek:plannen"))
    assert antwoord.status_code == 200
    assert "no-store" not in antwoord.get("Cache-Control", "")


def test_session_key_is_renewed_after_the_second_factor(client, gebruiker):
    medewerker = gebruiker("medewerker")
    client.force_login(medewerker)
    voor = client.session.session_key
    apparaat = TOTPDevice.objects.get(user=medewerker)
    antwoord = client.post(reverse("tweestaps"), {"token": huidige_code(apparaat)})
    assert antwoord.status_code == 302
    na = client.session.session_key
    assert na and na != voor
    assert client.session[DEVICE_ID_SESSION_KEY] == apparaat.persistent_id
    # The old key no longer signs anyone in; the new one is fully signed in.
    from django.contrib.sessions.backends.db import SessionStore

    assert not SessionStore().exists(voor)
    assert client.get(reverse("swv:index")).status_code == 200
