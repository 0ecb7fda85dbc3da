"""Journeys through the pages in headless Chromium, as the users take them (issue 14).

The TLV procedure from the IB'er's draft to the beschikking's PDF, a visitor reading the
published plan, and one journey with the keyboard only. Every step asserts what the user
sees; on every page visited axe-core finds no serious or critical violation, the Nu Html
Checker (vnu.jar, checked in one Java call at the end) finds no error, and a screenshot is
written to tests/e2e/.schermafdrukken/ (not committed).
"""

import io
import json
import os
import re
import shutil
import subprocess
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from swv.models import Gebruiker
from tests.e2e.browser import Sessie, _in_ci, browser, chromium, verslag  # noqa: F401 - fixtures
from tests.helpers import huidige_code
from toelaatbaarheid.models import Aanvraag, Deskundige

pytestmark = pytest.mark.e2e

SCHERMAFDRUKKEN = Path(__file__).parent / ".schermafdrukken"
# scripts/system-deps.sh installs vnu-jar here (npm); SWV_VNU_JAR may name another copy.
VNU = Path(
    os.environ.get("SWV_VNU_JAR")
    or Path(__file__).parent / ".vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)
ERNSTIG = {"serious", "critical"}
# A visible focus: an outline that is drawn, or a box-shadow (Bootstrap's focus ring).
FOCUS_JS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  return {tag: e.tagName, tekst: (e.innerText || e.value || e.name || '').trim().slice(0, 60),
          href: e.getAttribute('href'), naam: e.getAttribute('name'),
          zichtbaar: outline || (s.boxShadow && s.boxShadow !== 'none')};
}"""


def _pdf(tekst: str) -> bytes:
    """A tiny valid one-page PDF holding `tekst` (the OPP the IB'er attaches)."""
    from pypdf import PdfWriter

    schrijver = PdfWriter()
    schrijver.add_blank_page(width=200, height=200)
    schrijver.add_metadata({"/Title": tekst})
    uit = io.BytesIO()
    schrijver.write(uit)
    return uit.getvalue()


def _pdf_tekst(inhoud: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(inhoud)).pages)


@pytest.fixture
def worker(monkeypatch):
    """Run the queued background tasks (swv/taken.py) once, as `manage.py db_worker`."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return lambda: call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


class Reis:
    """A journey's checks on every page it visits: a screenshot per step, axe-core (serious
    and critical violations only), and the HTML kept for one Nu Html Checker run."""

    def __init__(self, naam: str):
        self.map = SCHERMAFDRUKKEN / naam
        shutil.rmtree(self.map, ignore_errors=True)
        self.map.mkdir(parents=True)
        self.teller = 0
        self.schendingen: dict[str, list[str]] = {}
        self.html: dict[str, str] = {}

    def stap(self, sessie: Sessie, naam: str) -> None:
        sessie.rustig()
        self.teller += 1
        sleutel = f"{self.teller:02d}-{naam}"
        sessie.pagina.screenshot(path=str(self.map / f"{sleutel}.png"), full_page=True)
        self.html[sleutel] = sessie.pagina.content()
        ernstig = [r for r in sessie.axe() if re.search(r"\((serious|critical)\)", r)]
        if ernstig:
            self.schendingen[f"{sleutel} {sessie.pagina.url}"] = ernstig

    def afsluiten(self) -> None:
        assert not self.schendingen, "axe (serious/critical):\n" + verslag(self.schendingen)
        fouten = html_fouten(self.html)
        assert not fouten, "Nu Html Checker:\n" + verslag(fouten)


def html_fouten(paginas: dict[str, str]) -> dict[str, list[str]]:
    """The Nu Html Checker's errors per page, all pages in one Java call. Without vnu.jar
    the check is skipped outside CI (make system-deps installs it) and fails in CI."""
    if not VNU.exists():
        if _in_ci():
            pytest.fail(f"CI=true maar {VNU} ontbreekt (scripts/system-deps.sh installeert het)")
        pytest.skip(f"Nu Html Checker ontbreekt ({VNU}); make system-deps installeert het")
    with tempfile.TemporaryDirectory() as tmp:
        bestanden = []
        for naam, html in paginas.items():
            pad = Path(tmp) / f"{naam}.html"
            pad.write_text(html, encoding="utf-8")
            bestanden.append(str(pad))
        uit = subprocess.run(
            ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *bestanden],
            capture_output=True,
            text=True,
            timeout=300,
        )
    berichten = json.loads(uit.stderr or uit.stdout or '{"messages": []}')["messages"]
    fouten: dict[str, list[str]] = {}
    for b in berichten:
        if b.get("type") == "error":
            naam = Path(b.get("url", "?")).stem
            fouten.setdefault(naam, []).append(
                f"regel {b.get('lastLine', '?')}: {b['message']} [{b.get('extract', '').strip()}]"
            )
    return fouten


def _aanmelden(browser, base, username) -> Sessie:  # noqa: F811
    sessie = Sessie(browser, base, voor_axe=True)
    sessie.aanmelden(username)
    return sessie


def _verzenden(sessie: Sessie, form, tekst: str | None = None) -> None:
    """Submit `form` (a locator) with its submit button and wait for the page after it."""
    knop = form.locator("button[type=submit]")
    if tekst:
        knop = knop.filter(has_text=tekst)
    with sessie.pagina.expect_response(lambda r: r.request.method == "POST") as verzonden:
        knop.first.click()
    sessie.pagina.wait_for_load_state("networkidle")
    sessie.rustig()
    if verzonden.value.status != 302:
        fouten = sessie.pagina.locator(
            ".invalid-feedback, .alert-danger, .errorlist"
        ).all_inner_texts()
        raise AssertionError(f"{verzonden.value.url}: status {verzonden.value.status}: {fouten}")


def _zie(sessie: Sessie, *teksten: str) -> None:
    inhoud = sessie.pagina.locator("main").inner_text()
    for tekst in teksten:
        assert tekst.lower() in inhoud.lower(), f"{tekst!r} niet op {sessie.pagina.url}"


def test_tlv_reis_van_aanvraag_tot_beschikking(browser, live_server, worker):  # noqa: F811
    base = live_server.url
    reis = Reis("tlv")
    vandaag = timezone.localdate()

    # 1. The IB'er drafts an aanvraag and attaches the OPP.
    with _aanmelden(browser, base, "ib-innovo") as s:
        p = s.pagina
        s.openen("/tlv/nieuw/")
        reis.stap(s, "ib-nieuwe-aanvraag")
        f = p.locator("main form[method=post]").first
        f.locator("[name=voornaam]").fill("Reis")
        f.locator("[name=achternaam]").fill("Proef")
        f.locator("[name=geboortedatum]").fill((vandaag - timedelta(days=365 * 9)).isoformat())
        f.locator("[name=groep]").fill("5")
        f.locator("[name=soort]").select_option(index=1)
        if f.locator("[name=categorie]").count():
            f.locator("[name=categorie]").select_option(index=1)
        f.locator("[name=ingangsdatum]").fill((vandaag + timedelta(days=60)).isoformat())
        f.locator("[name=einddatum]").fill((vandaag + timedelta(days=400)).isoformat())
        f.locator("[name=gewenste_school]").select_option(index=1)
        f.locator("[name=ondersteuningsbehoeften]").fill("Kleine groep, veel structuur.")
        f.locator("[name=niveaus_1_4]").fill("Arrangement in niveau 3 zonder resultaat.")
        f.locator("[name=zienswijze_ouders]").fill("Ouders steunen de aanvraag.")
        if f.locator("select[name=ouders_akkoord]").count():
            f.locator("select[name=ouders_akkoord]").select_option(index=1)
        f.locator("[name=opp]").set_input_files(
            {"name": "opp-reis.pdf", "mimeType": "application/pdf", "buffer": _pdf("OPP Reis")}
        )
        _verzenden(s, f)
        assert re.search(r"/tlv/\d+/$", p.url), (
            f"na opslaan op {p.url}: {p.locator('main').inner_text()[:800]}"
        )
        pk = int(p.url.rstrip("/").rsplit("/", 1)[1])
        p.get_by_role("heading", level=1).wait_for()
        _zie(s, "Concept", "opp-reis.pdf", "trajectbegeleider")
        reis.stap(s, "ib-aanvraag-opgeslagen")
    zaak = f"/tlv/{pk}/"

    # 2. The trajectbegeleider submits it, records the MDO and asks both deskundigen.
    with _aanmelden(browser, base, "trajectbegeleider") as s:
        p = s.pagina
        s.openen(zaak)
        reis.stap(s, "tb-aanvraag")
        _verzenden(s, p.locator("form[action$='/indienen/']"))
        _zie(s, "De aanvraag is ingediend", "Status: Ingediend")
        reis.stap(s, "tb-ingediend")
        f = p.locator("form[action$='/mdo/']")
        f.locator("[name=datum]").fill(vandaag.isoformat())
        for veld in f.locator("textarea").all():
            if not veld.input_value():
                veld.fill("Besproken in het MDO.")
        f.locator("input[name=oordeel_toelaatbaar][value=ja]").check()
        f.locator("input[name=overeenstemming][value=ja]").check()
        f.locator("input[name=deelnemer_0_naam]").fill("A. de Vries")
        f.locator("select[name=deelnemer_0_rol]").select_option(index=1)
        _verzenden(s, f)
        _zie(s, "Het MDO-oordeel is vastgelegd")
        reis.stap(s, "tb-mdo")
        for username in ["orthopedagoog", "jeugdarts"]:
            f = p.locator("form[action$='/toewijzen/']")
            f.locator("[name=deskundige]").select_option(
                str(Deskundige.objects.get(gebruiker__username=username).pk)
            )
            _verzenden(s, f)
            _zie(s, "De deskundige is gevraagd om advies")
        reis.stap(s, "tb-deskundigen-gevraagd")

    # 3. Both deskundigen advise.
    for username, motivering in [
        ("orthopedagoog", "Orthopedagogisch: de leerling heeft een kleine groep nodig."),
        ("jeugdarts", "Medisch: geen bezwaar tegen plaatsing in het SBO."),
    ]:
        with _aanmelden(browser, base, username) as s:
            p = s.pagina
            s.openen(zaak)
            f = p.locator("form[action$='/advies/']")
            f.locator("input[name=toelaatbaar][value=ja]").check()
            f.locator("[name=motivering]").fill(motivering)
            _verzenden(s, f)
            _zie(s, "Uw advies is vastgelegd")
            reis.stap(s, f"{username}-advies")

    # 4. The directeur issues the beschikking; its PDF is made in the background.
    with _aanmelden(browser, base, "directeur") as s:
        p = s.pagina
        s.openen(zaak)
        reis.stap(s, "directeur-besluitvorming")
        f = p.locator("form[action$='/beschikking/']")
        f.locator("input[name=besluit][value=toegekend]").check()
        f.locator("[name=verzendwijze]").select_option("post")
        f.locator("[name=aan_naam]").fill("Fam. Proef")
        f.locator("[name=aan_adres]").fill("Dorpsstraat 1\n6411 AA Heerlen")
        f.locator("[name=motivering]").fill("Het MDO en beide deskundigen adviseren plaatsing.")
        for naam in ["ingangsdatum", "verzonden_op"]:
            veld = f.locator(f"[name={naam}]")
            if veld.count() and not veld.input_value():
                veld.fill(vandaag.isoformat())
        veld = f.locator("[name=einddatum]")
        if veld.count() and not veld.input_value():
            veld.fill((vandaag + timedelta(days=365)).isoformat())
        _verzenden(s, f)
        assert "/taken/" in p.url, f"na de beschikking op {p.url}"
        reis.stap(s, "directeur-taak")
        worker()
        p.reload()
        s.rustig()
        download = p.get_by_role("link", name=re.compile("^Download"))
        download.wait_for()
        assert p.locator("#taak-status").inner_text().strip() == "Gereed"
        reis.stap(s, "directeur-pdf-klaar")
        with p.expect_download() as d:
            download.click()
        tekst = _pdf_tekst(Path(d.value.path()).read_bytes())
        assert Aanvraag.objects.get(pk=pk).status == "toegekend"
        assert re.search(r"toelaatba", tekst, re.I), tekst[:500]
        assert "kleine groep nodig" in tekst and "geen bezwaar tegen plaatsing" in tekst, tekst[
            -1500:
        ]
        s.openen(zaak)
        _zie(s, "Toegekend")
        reis.stap(s, "directeur-toegekend")
    reis.afsluiten()


def test_bezoeker_leest_het_gepubliceerde_plan(browser, live_server):  # noqa: F811
    reis = Reis("publiek")
    with Sessie(browser, live_server.url, voor_axe=True) as s:
        s.openen("/publiek/plannen/")
        s.pagina.get_by_role("heading", level=1, name="Ondersteuningsplannen").wait_for()
        reis.stap(s, "plannen")
        link = s.pagina.get_by_role("link", name=re.compile(r"^Download .*\(PDF\)$")).first
        antwoord = s.context.request.get(live_server.url + link.get_attribute("href"))
        assert antwoord.status == 200
        assert antwoord.headers["content-type"] == "application/pdf"
        assert "ondersteuningsplan" in _pdf_tekst(antwoord.body()).lower()
    reis.afsluiten()


def test_met_alleen_het_toetsenbord(browser, live_server):  # noqa: F811
    """Sign in, open the TLV list and a case with Tab and Enter only; every element that
    gets focus shows it, and focus moves on with each Tab (no trap)."""
    reis = Reis("toetsenbord")
    onzichtbaar: list[str] = []
    with Sessie(browser, live_server.url, voor_axe=True) as s:
        p = s.pagina

        def tab_naar(voorwaarde, max_tabs=60) -> dict:
            focus = p.evaluate(FOCUS_JS)
            if focus is not None and voorwaarde(focus):
                return focus  # already there (autofocus)
            vorige = None
            for _ in range(max_tabs):
                p.keyboard.press("Tab")
                focus = p.evaluate(FOCUS_JS)
                if focus is None:
                    continue  # past the last element, focus leaves the page: not a trap
                assert focus != vorige, f"focus zit vast op {p.url}: {focus}"
                if not focus["zichtbaar"]:
                    onzichtbaar.append(f"{p.url}: {focus}")
                if voorwaarde(focus):
                    return focus
                vorige = focus
            raise AssertionError(f"niet bereikt met Tab op {p.url}")

        def enter() -> None:
            with p.expect_navigation():
                p.keyboard.press("Enter")
            s.rustig()

        s.openen("/accounts/login/")
        tab_naar(lambda f: f["naam"] == "auth-username" or f["naam"] == "username")
        p.keyboard.type("directeur")
        tab_naar(lambda f: "password" in (f["naam"] or ""))
        p.keyboard.type("passend-demo")
        enter()
        if s.bij_tweestaps():
            apparaat = Gebruiker.objects.get(username="directeur").totpdevice_set.get(
                confirmed=True
            )
            tab_naar(lambda f: f["tag"] == "INPUT" and "token" in (f["naam"] or ""))
            p.keyboard.type(huidige_code(apparaat))
            enter()
        assert p.url == live_server.url + "/", p.url
        reis.stap(s, "start")
        tab_naar(lambda f: f["href"] == "/tlv/")
        enter()
        assert p.url.endswith("/tlv/"), p.url
        reis.stap(s, "tlv-lijst")
        tab_naar(lambda f: bool(re.fullmatch(r"/tlv/\d+/", f["href"] or "")), max_tabs=120)
        enter()
        assert re.search(r"/tlv/\d+/$", p.url), p.url
        p.get_by_role("heading", level=1).wait_for()
        reis.stap(s, "tlv-zaak")
    assert not onzichtbaar, "focus niet zichtbaar:\n" + "\n".join(onzichtbaar)
    reis.afsluiten()
