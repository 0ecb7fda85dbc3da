"""Browser tests in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

A real sign-in with password and TOTP code, then the main pages of each part: every page
must load without a Content Security Policy violation or script error, and pass axe-core's
WCAG 2.1 A/AA rules. Pages are measured only once settled (tests/e2e/browser.py).
"""

import pytest

from tests.e2e.browser import Sessie, browser, chromium, csp_en_axe, verslag  # noqa: F401 - fixtures

pytestmark = pytest.mark.e2e

PAGINAS = {
    "medewerker": [
        "/",
        "/organisatie/",
        "/organisatie/scholen/",
        "/tlv/",
        "/tlv/termijnen/",
        "/plannen/",
        "/kpi/",
        "/verantwoording/",
    ],
    "bestuur-innovo": ["/", "/tlv/", "/verantwoording/"],
    "opr": ["/", "/plannen/"],
}


@pytest.mark.parametrize("username", sorted(PAGINAS))
def test_pages_load_without_csp_violations_and_pass_axe(browser, live_server, username):  # noqa: F811
    csp_en_axe(browser, live_server.url, username, PAGINAS[username])


def test_sign_in_and_public_pages_pass_axe(browser, live_server):  # noqa: F811
    schendingen = {}
    with Sessie(browser, live_server.url, voor_axe=True) as sessie:
        for pad in ["/publiek/plannen/", "/accounts/login/"]:
            sessie.openen(pad)
            if gevonden := sessie.axe():
                schendingen[pad] = gevonden
        sessie.wachtwoord("medewerker")  # the TOTP step is a page of its own
        assert sessie.bij_tweestaps(), sessie.pagina.url
        if gevonden := sessie.axe():
            schendingen["/accounts/tweestaps/"] = gevonden
    assert not schendingen, "axe-schendingen:\n" + verslag(schendingen)
