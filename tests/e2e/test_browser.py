"""Browser tests in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

A real sign-in with password and TOTP code, then the main pages of each part: every page
must load without a Content Security Policy violation or script error, and pass axe-core's
WCAG 2.1 A/AA rules.
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

from swv.models import Gebruiker
from tests.helpers import huidige_code

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Chromium ontbreekt (make system-deps installeert het)"
    ),
]


@pytest.fixture
def browser(live_server, monkeypatch, settings):
    # Playwright's sync API runs an event loop in this thread; the ORM calls in the test
    # body are plain synchronous code (style.md: set this for the e2e run only).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    settings.DEMO_MODE = True
    with open(os.devnull, "w") as stil:
        call_command("load_demo", stdout=stil)  # a transactional test starts from an empty database
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def aanmelden(pagina, base, username):
    pagina.goto(f"{base}/accounts/login/")
    pagina.get_by_label("Gebruikersnaam").fill(username)
    pagina.get_by_label("Wachtwoord").fill("passend-demo")
    pagina.get_by_role("button", name="Aanmelden").click()
    if "/accounts/tweestaps/" in pagina.url:
        apparaat = Gebruiker.objects.get(username=username).totpdevice_set.get(confirmed=True)
        pagina.get_by_label("Code uit uw authenticator-app").fill(huidige_code(apparaat))
        pagina.get_by_role("button", name="Bevestigen").click()


def axe(pagina) -> list[dict]:
    pagina.add_script_tag(path=str(AXE))
    uitkomst = pagina.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "waar": [n["target"] for n in v["nodes"]][:3],
        }
        for v in uitkomst["violations"]
    ]


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
def test_pages_load_without_csp_violations_and_pass_axe(browser, live_server, username):
    # Pass 1: the real CSP, collecting console errors (CSP violations show up there).
    context = browser.new_context()
    pagina = context.new_page()
    fouten = []
    pagina.on("console", lambda m: fouten.append(m.text) if m.type == "error" else None)
    pagina.on("pageerror", lambda e: fouten.append(str(e)))
    aanmelden(pagina, live_server.url, username)
    assert pagina.get_by_role("heading", name="Wat vraagt uw aandacht").is_visible()
    for pad in PAGINAS[username]:
        antwoord = pagina.goto(live_server.url + pad)
        assert antwoord.status == 200, pad
    assert not fouten, fouten
    context.close()

    # Pass 2: axe-core injected (needs the CSP bypassed for its own script only).
    context = browser.new_context(bypass_csp=True)
    pagina = context.new_page()
    aanmelden(pagina, live_server.url, username)
    schendingen = {}
    for pad in PAGINAS[username]:
        pagina.goto(live_server.url + pad)
        if gevonden := axe(pagina):
            schendingen[pad] = gevonden
    context.close()
    assert not schendingen, schendingen


def test_login_page_is_accessible_for_anonymous(browser, live_server):
    context = browser.new_context(bypass_csp=True)
    pagina = context.new_page()
    pagina.goto(live_server.url + "/accounts/login/")
    assert axe(pagina) == []
    pagina.goto(live_server.url + "/publiek/plannen/")
    assert axe(pagina) == []
    context.close()
