"""Shared helpers for the browser tests (headless Debian Chromium driven by Playwright's
sync API): launch, sign-in, opening a page until it has settled, and the axe-core run.

Deterministic by construction, not by retrying: a page is measured only once it has
finished loading (network idle, web fonts, images) and nothing on it moves any more
(reduced motion, transitions and animations off, two frames rendered). A check that
fails here fails the same way on an idle and on a busy machine.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

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
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
VIEWPORT = {"width": 1280, "height": 800}

# Added to every page axe measures: colours are read at their end value, never halfway
# through a transition that happens to be running when the machine is slow.
GEEN_BEWEGING = (
    "*,*::before,*::after{transition:none!important;animation:none!important;"
    "caret-color:transparent!important}"
)

GEEN_BEWEGING_JS = """css => {
  if (document.getElementById('e2e-geen-beweging')) return;
  const stijl = document.createElement('style');
  stijl.id = 'e2e-geen-beweging';
  stijl.textContent = css;
  document.head.append(stijl);
}"""

# Resolves once web fonts and images are done and two frames have been rendered after
# that; rejects (naming what is still pending) instead of hanging. Returns the images
# that failed to load and the animations still running, for the caller to assert on.
RUSTIG_JS = """async (maxMs) => {
  const deadline = new Promise((_, reject) => setTimeout(() => reject(new Error(
    'pagina niet tot rust gekomen binnen ' + maxMs + ' ms; nog bezig: ' +
    [...document.images].filter(i => !i.complete).map(i => i.currentSrc || i.src).join(', ')
  )), maxMs));
  const klaar = (async () => {
    await document.fonts.ready;
    await Promise.all([...document.images].filter(i => !i.complete).map(i => new Promise(r => {
      i.addEventListener('load', r, {once: true});
      i.addEventListener('error', r, {once: true});
    })));
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  })();
  await Promise.race([klaar, deadline]);
  return {
    kapot: [...document.images].filter(i => i.naturalWidth === 0).map(i => i.currentSrc || i.src),
    beweegt: document.getAnimations().filter(a => a.playState === 'running').map(a =>
      (a.transitionProperty || a.animationName || 'animation') + ' op ' +
      (a.effect && a.effect.target ? a.effect.target.outerHTML.slice(0, 80) : '?')),
  };
}"""
RUSTIG_MAX_MS = 15_000


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium. A developer without root may lack it: the browser tests then
    skip; in CI (CI=true) they must run, so a missing browser fails them."""
    if not CHROMIUM.exists():
        if _in_ci():
            pytest.fail(f"CI=true maar {CHROMIUM} ontbreekt: de browsertests moeten in CI draaien")
        pytest.skip("Chromium ontbreekt (make system-deps installeert het)")
    return CHROMIUM


@pytest.fixture
def browser(chromium, live_server, monkeypatch, settings):
    # Playwright's sync API runs an event loop in this thread; the ORM calls in the test
    # body are plain synchronous code (style.md: set this for the e2e run only).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    settings.DEMO_MODE = True
    with open(os.devnull, "w") as stil:
        call_command("load_demo", stdout=stil)  # a transactional test starts from an empty database
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(chromium), args=ARGS)
        yield b
        b.close()


class Sessie:
    """One fresh browser context with one page, signed in or not, on the live server.

    With `voor_axe` the CSP is bypassed (axe is injected as a script, the motion stop as
    a style element); without it the site's real CSP applies and console and page errors
    are collected in `fouten`. Both prefer reduced motion, at a fixed viewport.
    `aangemeld` takes over the cookies of a signed-in session (`Sessie.aangemeld()`)."""

    def __init__(self, browser, base: str, *, voor_axe: bool, aangemeld: dict | None = None):
        self.base = base
        self.voor_axe = voor_axe
        self.fouten: list[str] = []
        self.context = browser.new_context(
            bypass_csp=voor_axe,
            reduced_motion="reduce",
            viewport=VIEWPORT,
            locale="nl-NL",
            storage_state=aangemeld,
        )
        self.pagina = self.context.new_page()
        if not voor_axe:
            self.pagina.on(
                "console", lambda m: self.fouten.append(m.text) if m.type == "error" else None
            )
            self.pagina.on("pageerror", lambda e: self.fouten.append(str(e)))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.context.close()

    def rustig(self) -> None:
        """Wait until the page has settled: network idle, web fonts and images loaded
        (none broken), motion stopped, two frames rendered. Under the real CSP the
        motion-stop style element is not added (it would itself be a violation); reduced
        motion already turns Bootstrap's transitions off there, and that pass measures
        nothing."""
        self.pagina.wait_for_load_state("load")
        self.pagina.wait_for_load_state("networkidle")
        if self.voor_axe:
            self.pagina.evaluate(GEEN_BEWEGING_JS, GEEN_BEWEGING)
        staat = self.pagina.evaluate(RUSTIG_JS, RUSTIG_MAX_MS)
        assert not staat["kapot"], f"{self.pagina.url}: afbeeldingen laden niet: {staat['kapot']}"
        if self.voor_axe:
            assert not staat["beweegt"], f"{self.pagina.url}: beweegt nog: {staat['beweegt']}"

    def openen(self, pad: str) -> None:
        """Open `pad`, require status 200 without a redirect, and wait until the page has
        settled. (Playwright answers with the last response of a redirect chain: a page
        that sends the user to a sign-in step shows up as that step's 200.)"""
        antwoord = self.pagina.goto(self.base + pad, wait_until="networkidle")
        status = antwoord.status if antwoord else None
        assert status == 200 and self.pagina.url == self.base + pad, (
            f"{pad}: status {status}, op {self.pagina.url.removeprefix(self.base)}"
        )
        self.rustig()

    def wachtwoord(self, username: str) -> None:
        """The first sign-in step: ends on the home page, or on the TOTP step for roles
        that need it."""
        self.openen("/accounts/login/")
        self.pagina.get_by_label("Gebruikersnaam").fill(username)
        self.pagina.get_by_label("Wachtwoord").fill("passend-demo")
        self._verzenden("Aanmelden")

    def aanmelden(self, username: str) -> None:
        """Sign in through the real forms: password, then the TOTP code for roles that
        need it; ends settled on the home page."""
        self.wachtwoord(username)
        if self.bij_tweestaps():
            self.rustig()
            apparaat = Gebruiker.objects.get(username=username).totpdevice_set.get(confirmed=True)
            self.pagina.get_by_label("Code uit uw authenticator-app").fill(huidige_code(apparaat))
            self._verzenden("Bevestigen")
        self.rustig()
        assert urlsplit(self.pagina.url).path == "/", (
            f"{username}: na aanmelden op {self.pagina.url}"
        )

    def bij_tweestaps(self) -> bool:
        return urlsplit(self.pagina.url).path == "/accounts/tweestaps/"

    def aangemeld(self) -> dict:
        """This session's cookies, for a second context that should be signed in too.
        Signing in twice is not an option: django-otp accepts a TOTP code once, so a
        second sign-in within the same 30-second step would be refused."""
        return self.context.storage_state()

    def _verzenden(self, knop: str) -> None:
        """Submit the form with this button and wait for the page its redirect leads to.
        A form shown again with an error (status 200) fails here, naming the status,
        instead of a test reading the URL before the navigation happened."""
        with self.pagina.expect_response(lambda r: r.request.method == "POST") as verzonden:
            self.pagina.get_by_role("button", name=knop).click()
        antwoord = verzonden.value
        assert antwoord.status == 302, f"{knop}: status {antwoord.status} op {antwoord.url}"
        self.pagina.wait_for_url(lambda url: url != antwoord.url)

    def axe(self) -> list[str]:
        """Run axe-core's WCAG 2.1 A/AA rules on the settled page; one readable line per
        failing element (rule, impact, selector, axe's message with the measured
        colours)."""
        assert self.voor_axe, "axe needs a Sessie(..., voor_axe=True)"
        self.rustig()
        self.pagina.add_script_tag(path=str(AXE))
        uitkomst = self.pagina.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
            " resultTypes: ['violations']})",
            AXE_TAGS,
        )
        regels = []
        for schending in uitkomst["violations"]:
            for node in schending["nodes"]:
                uitleg = "; ".join(c["message"] for c in node["any"] + node["all"] + node["none"])
                regels.append(
                    f"{schending['id']} ({schending['impact']}) {' '.join(node['target'])}: "
                    f"{uitleg or schending['help']}"
                )
        return regels


def verslag(per_pad: dict[str, list[str]]) -> str:
    """A failure message that lists everything (a dict repr would be cut short)."""
    return "\n".join(f"{pad}:\n  " + "\n  ".join(regels) for pad, regels in per_pad.items())


def csp_en_axe(browser, base: str, username: str, paden: list[str]) -> None:
    """Both passes for one user. Under the real CSP a real sign-in, then every page answers
    200 and, once settled, has logged no console or page error (sign-in pages included);
    then, in a second context with that session's cookies and axe injected, every
    settled page has no WCAG 2.1 A/AA violation. SWV_SCREENSHOTS=<folder> saves a
    full-page screenshot of each page from the first pass."""
    map_ = os.environ.get("SWV_SCREENSHOTS")
    with Sessie(browser, base, voor_axe=False) as sessie:
        sessie.aanmelden(username)
        fouten = {"aanmelden": sessie.fouten[:]} if sessie.fouten else {}
        for pad in paden:
            sessie.fouten.clear()
            sessie.openen(pad)
            if sessie.fouten:
                fouten[pad] = sessie.fouten[:]
            if map_:
                naam = pad.strip("/").replace("/", "-") or "start"
                sessie.pagina.screenshot(path=f"{map_}/{username}-{naam}.png", full_page=True)
        aangemeld = sessie.aangemeld()
    assert not fouten, "fouten in de console:\n" + verslag(fouten)

    schendingen = {}
    with Sessie(browser, base, voor_axe=True, aangemeld=aangemeld) as sessie:
        for pad in paden:
            sessie.openen(pad)
            if gevonden := sessie.axe():
                schendingen[pad] = gevonden
    assert not schendingen, "axe-schendingen:\n" + verslag(schendingen)
