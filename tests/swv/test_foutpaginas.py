"""The Dutch error pages show in development (DEBUG) as in production."""

import pytest
from django.test import Client

NL_404 = "Deze pagina bestaat niet of is niet voor u"
NL_500 = "Er ging iets mis"


@pytest.fixture
def debug(settings):
    settings.DEBUG = True
    settings.ROOT_URLCONF = "tests.swv.urls_fout"
    return settings


@pytest.mark.parametrize("debug_aan", [True, False])
def test_unknown_address_gives_the_dutch_404_not_the_url_patterns(settings, debug_aan):
    settings.DEBUG = debug_aan
    antwoord = Client().get("/bestaat-niet/")
    assert antwoord.status_code == 404
    tekst = antwoord.content.decode()
    assert NL_404 in tekst
    assert "URLconf" not in tekst and "Page not found" not in tekst


def test_http404_raised_in_a_view_is_dutch_in_debug(debug, als):
    client = als("medewerker")
    antwoord = client.get("/tlv/99999999/")
    assert antwoord.status_code == 404
    assert NL_404 in antwoord.content.decode()
    assert "Page not found" not in antwoord.content.decode()


def test_server_error_is_dutch_in_debug_and_keeps_the_security_headers(debug):
    antwoord = Client(raise_request_exception=False).get("/test-kapot/")
    assert antwoord.status_code == 500
    tekst = antwoord.content.decode()
    assert NL_500 in tekst
    assert "Traceback" not in tekst and "opzettelijke fout" not in tekst
    assert antwoord["X-Content-Type-Options"] == "nosniff"


def test_technical_pages_come_back_when_asked_for(debug):
    debug.TECHNISCHE_FOUTPAGINAS = True
    antwoord = Client().get("/bestaat-niet/")
    assert antwoord.status_code == 404
    assert NL_404 not in antwoord.content.decode()
    antwoord = Client(raise_request_exception=False).get("/test-kapot/")
    assert "opzettelijke fout" in antwoord.content.decode()


def test_non_html_error_responses_are_left_alone(debug):
    from django.http import HttpResponseNotFound

    from swv.foutpaginas import FoutpaginaMiddleware

    middleware = FoutpaginaMiddleware(
        lambda request: HttpResponseNotFound("{}", content_type="application/json")
    )
    antwoord = middleware(Client().get("/").wsgi_request)
    assert antwoord["Content-Type"] == "application/json"
