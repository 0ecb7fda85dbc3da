"""The TLV pages in headless Chromium: no CSP violation or script error, axe-core WCAG
2.1 A/AA clean, for the roles that work with cases (uses the e2e helpers)."""

import os

import pytest

from tests.e2e.test_browser import CHROMIUM, aanmelden, axe, browser  # noqa: F401 - fixture
from toelaatbaarheid.models import Aanvraag, Status

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium ontbreekt"),
]


def _paden(username):
    zaak = {s: Aanvraag.objects.filter(status=s).order_by("pk").first() for s in Status.values}
    if username == "directeur":
        return [
            "/tlv/",
            f"/tlv/{zaak['besluitvorming'].pk}/",
            f"/tlv/{zaak['bezwaar'].pk}/",
            "/tlv/termijnen/",
            "/tlv/herbeoordeling/",
            "/tlv/kengetallen/",
        ]
    if username == "trajectbegeleider":
        return ["/tlv/nieuw/", f"/tlv/{zaak['ingediend'].pk}/", f"/tlv/{zaak['toegekend'].pk}/"]
    return [f"/tlv/{zaak['advies'].pk}/"]


@pytest.mark.parametrize("username", ["directeur", "trajectbegeleider", "jeugdarts"])
def test_tlv_paginas_csp_en_axe(browser, live_server, username):  # noqa: F811
    context = browser.new_context()
    pagina = context.new_page()
    fouten = []
    pagina.on("console", lambda m: fouten.append(m.text) if m.type == "error" else None)
    pagina.on("pageerror", lambda e: fouten.append(str(e)))
    aanmelden(pagina, live_server.url, username)
    paden = _paden(username)
    for pad in paden:
        assert pagina.goto(live_server.url + pad).status == 200, pad
        if os.environ.get("SWV_SCREENSHOTS"):
            naam = pad.strip("/").replace("/", "-") or "tlv"
            pagina.screenshot(
                path=f"{os.environ['SWV_SCREENSHOTS']}/{username}-{naam}.png", full_page=True
            )
    assert not fouten, fouten
    context.close()
    context = browser.new_context(bypass_csp=True)
    pagina = context.new_page()
    aanmelden(pagina, live_server.url, username)
    schendingen = {}
    for pad in paden:
        pagina.goto(live_server.url + pad)
        if gevonden := axe(pagina):
            schendingen[pad] = gevonden
    context.close()
    assert not schendingen, schendingen
