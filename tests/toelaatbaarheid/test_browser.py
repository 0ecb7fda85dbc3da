"""The TLV pages in headless Chromium: no CSP violation or script error, axe-core WCAG
2.1 A/AA clean, for the roles that work with cases (the shared helpers in
tests/e2e/browser.py; SWV_SCREENSHOTS=<folder> saves a screenshot of each page)."""

import pytest

from tests.e2e.browser import browser, chromium, csp_en_axe  # noqa: F401 - fixtures
from toelaatbaarheid.models import Aanvraag, Status

pytestmark = pytest.mark.e2e


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
    csp_en_axe(browser, live_server.url, username, _paden(username))
