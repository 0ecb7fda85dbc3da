"""Issue 14 in a real browser (headless Debian Chromium): every list fits a 390 px phone
screen, and a session that expires while a form is filled in loses nothing.

Kept lean: one sign-in per test (django-otp takes a TOTP code once), a short session set
through the settings for the expiry test.
"""

import pytest

from tests.e2e.browser import Sessie, browser, chromium  # noqa: F401 - fixtures

pytestmark = pytest.mark.e2e

SMAL = {"width": 390, "height": 844}
LIJSTEN = [
    "/tlv/",
    "/tlv/termijnen/",
    "/leerlingen/",
    "/vragen/",
    "/loket/",
    "/organisatie/scholen/",
    "/organisatie/besturen/",
    "/plannen/",
    "/kpi/thuiszitters/",
    "/verantwoording/",
]
BREEDTE_JS = "() => document.scrollingElement.scrollWidth"


def test_lijsten_passen_op_390_px(browser, live_server):  # noqa: F811
    with Sessie(browser, live_server.url, voor_axe=False) as sessie:
        sessie.aanmelden("medewerker")
        cookies = sessie.aangemeld()
    te_breed = {}
    with Sessie(browser, live_server.url, voor_axe=False, aangemeld=cookies) as smal:
        smal.pagina.set_viewport_size(SMAL)
        for pad in LIJSTEN:
            smal.openen(pad)
            breedte = smal.pagina.evaluate(BREEDTE_JS)
            if breedte > SMAL["width"]:
                te_breed[pad] = breedte
        # The table scrolls inside its own region (keyboard reachable), not the page.
        smal.openen("/tlv/")
        regio = smal.pagina.locator(".table-wrap").first
        assert regio.get_attribute("tabindex") == "0" and regio.get_attribute("role") == "region"
        assert smal.pagina.locator(".table-wrap caption").count() >= 1
        assert not smal.fouten, smal.fouten
    assert not te_breed, f"breder dan 390 px: {te_breed}"


def test_verlopen_sessie_waarschuwt_en_bewaart_de_invoer(browser, live_server, settings):  # noqa: F811
    settings.SESSION_COOKIE_AGE = 8  # warned at 4 s left (half of it, at most 2 minutes)
    settings.SWV_SESSIE_VERVERSEN = 0  # every request refreshes an 8-second session
    with Sessie(browser, live_server.url, voor_axe=False) as sessie:
        p = sessie.pagina
        sessie.wachtwoord("opr")  # the OPR has no TOTP step: a second sign-in is possible
        p.goto(live_server.url + "/plannen/", wait_until="networkidle")
        plan = None
        for href in p.locator("main table a").evaluate_all("as => as.map(a => a.href)"):
            p.goto(href, wait_until="networkidle")
            link = p.get_by_role("link", name="Opmerking plaatsen").first
            if link.count():
                plan = link.get_attribute("href")
                break
        if plan is None:
            pytest.skip("geen plan waarop de OPR een opmerking kan plaatsen")
        sessie.openen(plan)
        veld = p.locator("form[method=post] textarea").first
        veld.fill("Onze reactie op hoofdstuk 2")
        paneel = p.locator("#sessie-waarschuwing")
        knop = p.get_by_role("button", name="Blijf ingelogd")
        knop.wait_for(state="visible", timeout=8000)
        assert "verloopt bijna" in paneel.inner_text()
        assert p.locator("#sessie-melding").get_attribute("aria-live") == "assertive"
        # "Blijf ingelogd" asks the keep-alive and the warning goes.
        with p.expect_response(lambda r: r.url.endswith("/accounts/sessie/")) as verlengd:
            knop.click()
        assert verlengd.value.status == 200
        paneel.wait_for(state="hidden", timeout=3000)
        # Now let it expire; the page says so and offers to sign in again.
        aanmelden = p.get_by_role("link", name="Opnieuw aanmelden")
        aanmelden.wait_for(state="visible", timeout=15000)
        assert "verlopen" in paneel.inner_text()
        # Sending the form now goes to the sign-in page; signing in returns to the page
        # (never a 405) with the text put back.
        veld.press("End")
        p.locator("form[method=post]:has(textarea) button[type=submit]").first.click()
        p.wait_for_url("**/accounts/login/**")
        settings.SESSION_COOKIE_AGE = 1800
        p.get_by_label("Gebruikersnaam").fill("opr")
        p.get_by_label("Wachtwoord").fill("passend-demo")
        with p.expect_navigation():
            p.get_by_role("button", name="Aanmelden").click()
        p.wait_for_load_state("networkidle")
        assert p.url == live_server.url + plan, p.url
        assert p.locator("form[method=post] textarea").first.input_value() == (
            "Onze reactie op hoofdstuk 2"
        )
        assert p.locator("#formulier-teruggezet").is_visible()
        # A plain reload (no sign-in in between) does not put it back again.
        p.reload(wait_until="networkidle")
        assert not p.locator("#formulier-teruggezet").is_visible()
        assert not sessie.fouten, sessie.fouten
