"""Dutch conventions everywhere (issue 14, "Everyday"): one long and one short date
format, lists that never answer 404 for a page number, CSV that Dutch Excel splits."""

import io
import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import formats, translation

from swv import exports
from swv import formats as datums
from swv.views import VergevingsvollePaginering

ROOT = Path(settings.BASE_DIR)

# -- Dates ---------------------------------------------------------------------------------

NAMEN = {"DATE_FORMAT", "SHORT_DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATETIME_FORMAT"}
# attribute values (<time datetime>, <input type=date value>); "c" has microseconds, which
# the HTML <time datetime> does not allow (the Nu Html Checker refuses them)
MACHINE = {"c", "Y-m-d", "Y-m-d\\TH:i:sO"}
MAANDEN = [
    *("januari", "februari", "maart", "april", "mei", "juni"),
    *("juli", "augustus", "september", "oktober", "november", "december"),
]
ENGELS = re.compile(
    r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|January|February|March|April|June|"
    r"July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday)\b"
)
# A day and a month name: must be '4 december 2026' (full, lower-case Dutch name).
MET_NAAM = re.compile(r"\b\d{1,2} ([A-Za-z]{3,9})\.? (\d{4})\b")
KORT = re.compile(r"(?<![\d-])(\d{1,2})-(\d{1,2})-(\d{4})(?![\d-])")


def test_de_twee_formaten():
    with translation.override("nl"):
        d = date(2026, 12, 4)
        assert formats.date_format(d, "DATE_FORMAT") == "4 december 2026"
        assert formats.date_format(d, "SHORT_DATE_FORMAT") == "04-12-2026"
        assert datums.lang(d) == "4 december 2026"
        assert datums.kort(date(2026, 1, 5)) == "05-01-2026"
        moment = datetime(2026, 12, 4, 13, 5, tzinfo=ZoneInfo("UTC"))  # 14:05 in Amsterdam
        assert datums.lang(moment, tijd=True) == "4 december 2026 14:05"
        assert datums.kort(moment, tijd=True) == "04-12-2026 14:05"
        assert datums.kort(None) == "–"
        for maand, naam in enumerate(MAANDEN, start=1):
            assert formats.date_format(date(2026, maand, 1), "DATE_FORMAT") == f"1 {naam} 2026"


def _templates():
    dirs = [ROOT / "templates", *ROOT.glob("*/templates")]
    return [p for d in dirs for p in d.rglob("*.html")]


def test_templates_gebruiken_alleen_de_twee_formaten():
    """A date in a template is `|date` (long), or one of the named formats; machine
    formats only where a machine reads them. Never "j M Y", "j-n-Y", "l j F Y", ..."""
    assert len(_templates()) > 50
    fout = []
    for pad in _templates():
        tekst = pad.read_text(encoding="utf-8")
        for m in re.finditer(r"\|\s*date\s*:\s*(?:\"([^\"]*)\"|'([^']*)')", tekst):
            formaat = m.group(1) if m.group(1) is not None else m.group(2)
            if formaat in NAMEN:
                continue
            if formaat in MACHINE and re.search(
                r"(datetime|value|href)=\"[^\"]*$", tekst[: m.start()]
            ):
                continue
            fout.append(f"{pad.relative_to(ROOT)}: |date:{formaat!r}")
        for m in re.finditer(r"\{%\s*now\s+[\"']([^\"']*)[\"']", tekst):
            if m.group(1) not in NAMEN | {"Y"}:
                fout.append(f"{pad.relative_to(ROOT)}: {{% now {m.group(1)!r} %}}")
    assert not fout, "Datums buiten de twee formaten:\n" + "\n".join(fout)


def test_python_schrijft_geen_eigen_datumformaat_met_namen():
    """Python code never spells month or day names itself (English with %b/%B/%a/%A) nor
    dates without leading zeros: it uses swv.formats.lang/kort."""
    fout = []
    for pad in ROOT.glob("*/**/*.py"):
        if (
            ".venv" in pad.parts
            or "migrations" in pad.parts
            or pad.parts[len(ROOT.parts)] == "tests"
        ):
            continue
        for nr, regel in enumerate(pad.read_text(encoding="utf-8").splitlines(), start=1):
            for m in re.finditer(r"strftime\(\s*[\"']([^\"']*)[\"']", regel):
                if re.search(r"%[-#]?[bBaAe]|%-d|%-m|%#d", m.group(1)):
                    fout.append(f"{pad.relative_to(ROOT)}:{nr}: {m.group(1)!r}")
    assert not fout, "\n".join(fout)


def _eerste(model, **filters):
    return model.objects.filter(**filters).order_by("pk").first()


def _paginas_met_datums():
    from ondersteuningsplan.models import Ondersteuningsplan
    from toelaatbaarheid.models import Aanvraag

    paden = [
        "/",
        "/tlv/",
        "/tlv/termijnen/",
        "/plannen/",
        "/kpi/",
        "/kpi/thuiszitters/",
        "/verantwoording/",
        "/leerlingen/",
        "/vragen/",
        "/loket/",
    ]
    for model in (Aanvraag, Ondersteuningsplan):
        obj = _eerste(model)
        if obj is not None:
            paden.append(obj.get_absolute_url())
    return paden


def test_paginas_tonen_alleen_de_twee_formaten(als):
    client = als("medewerker")
    gezien, fout = 0, []
    for pad in _paginas_met_datums():
        antwoord = client.get(pad)
        if antwoord.status_code != 200:
            continue
        html = re.sub(r"<(script|style)\b.*?</\1>", "", antwoord.content.decode(), flags=re.S)
        tekst = re.sub(r"<[^>]+>", " ", html)
        for m in ENGELS.finditer(tekst):
            fout.append(f"{pad}: Engels {m.group(0)!r}")
        for m in MET_NAAM.finditer(tekst):
            gezien += 1
            if m.group(1) not in MAANDEN:
                fout.append(f"{pad}: {m.group(0)!r}")
        for m in KORT.finditer(tekst):
            gezien += 1
            if len(m.group(1)) != 2 or len(m.group(2)) != 2:
                fout.append(f"{pad}: {m.group(0)!r}")
    assert gezien > 10, "geen datums gezien: de test zou niets meten"
    assert not fout, "\n".join(fout)


# -- Pagination ----------------------------------------------------------------------------


def _lijsten(patronen=None, ns=""):
    for p in get_resolver().url_patterns if patronen is None else patronen:
        if isinstance(p, URLResolver):
            if p.namespace == "admin":
                continue
            yield from _lijsten(p.url_patterns, f"{ns}{p.namespace}:" if p.namespace else ns)
        elif isinstance(p, URLPattern) and p.name and "<" not in str(p.pattern):
            cls = getattr(p.callback, "view_class", None)
            if cls is not None and getattr(cls, "paginate_by", None):
                yield f"{ns}{p.name}", cls


LIJSTEN = sorted(dict(_lijsten()).items())


def _wie_mag(naam):
    from tests.beveiliging.test_autorisatie import REGELS

    wie = sorted(REGELS[naam].wie)
    return "medewerker" if "medewerker" in wie else wie[0]


def _pagina(antwoord):
    ctx = antwoord.context
    return ctx.get("page_obj") or ctx.get("pagina")


def test_er_zijn_gepagineerde_lijsten():
    namen = {n for n, _ in LIJSTEN}
    assert {"swv:school-list", "toelaatbaarheid:index", "leerlingen:index"} <= namen, namen
    zonder = [  # Django's own paginate_queryset answers 404 past the end
        n
        for n, cls in LIJSTEN
        if not issubclass(cls, VergevingsvollePaginering) and hasattr(cls, "paginate_queryset")
    ]
    assert not zonder, f"lijsten die na de laatste pagina 404 geven: {zonder}"


@pytest.mark.parametrize("naam", [n for n, _ in LIJSTEN])
def test_paginanummer_buiten_bereik_geeft_laatste_of_eerste(als, naam):
    client = als(_wie_mag(naam))
    url = reverse(naam)
    laatste = client.get(url, {"page": "999"})
    assert laatste.status_code == 200, (naam, laatste.status_code)
    pagina = _pagina(laatste)
    assert pagina is not None and pagina.number == pagina.paginator.num_pages
    for fout in ("abc", "1.5", ""):
        eerste = client.get(url, {"page": fout})
        assert eerste.status_code == 200, (naam, fout, eerste.status_code)
        assert _pagina(eerste).number == 1


def test_laatste_pagina_is_echt_de_laatste(als):
    client = als("medewerker")
    antwoord = client.get("/organisatie/scholen/", {"page": "999"})
    pagina = antwoord.context["page_obj"]
    assert pagina.paginator.num_pages > 2  # the schools of Zuid-Limburg fill pages
    assert pagina.number == pagina.paginator.num_pages
    assert client.get("/organisatie/scholen/", {"page": "last"}).context["page_obj"].number == (
        pagina.number
    )
    assert client.get("/organisatie/scholen/", {"page": "2"}).context["page_obj"].number == 2


# -- CSV -----------------------------------------------------------------------------------


def test_csv_voor_nederlandse_excel():
    data = exports.csv_bytes(
        ["naam", "aantal", "bedrag", "aandeel", "datum", "moment", "ja/nee"],
        [
            [
                "=SUM(A1)",
                3,
                Decimal("1234.50"),
                0.25,
                date(2026, 12, 4),
                datetime(2026, 12, 4, 13, 5, tzinfo=ZoneInfo("UTC")),
                True,
            ],
            ["Één; twee", -3, Decimal("-7.5"), None, None, None, False],
        ],
    )
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM
    assert b"," not in data.replace(b"1234,50", b"").replace(b"-7,5", b"").replace(b"0,25", b"")
    rijen = exports.lees_csv(data)
    assert rijen[0] == ["naam", "aantal", "bedrag", "aandeel", "datum", "moment", "ja/nee"]
    assert rijen[1] == ["'=SUM(A1)", "3", "1234,50", "0,25", "04-12-2026", "04-12-2026 14:05", "ja"]
    assert rijen[2] == ["Één; twee", "-3", "-7,5", "", "", "", "nee"]  # numbers stay numbers
    # The same bytes read with the csv module directly, as Excel splits them:
    import csv

    direct = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert direct == rijen and all(len(r) == 7 for r in direct)


def test_xlsx_houdt_echte_getallen_en_datums():
    from openpyxl import load_workbook

    data = exports.xlsx_bytes(["bedrag", "datum"], [[Decimal("1234.50"), date(2026, 12, 4)]])
    blad = load_workbook(io.BytesIO(data)).active
    assert blad["A2"].value == 1234.5 and isinstance(blad["A2"].value, float)
    assert blad["B2"].value.date() == date(2026, 12, 4)


def test_geen_csv_schrijver_buiten_swv_exports():
    fout = []
    for pad in ROOT.glob("*/**/*.py"):
        deel = pad.relative_to(ROOT).parts
        if deel[0] in {".venv", "tests"} or pad == ROOT / "swv" / "exports.py":
            continue
        tekst = pad.read_text(encoding="utf-8")
        if re.search(r"csv\.(writer|DictWriter)\(|content_type=[\"']text/csv", tekst):
            fout.append(str(pad.relative_to(ROOT)))
    assert not fout, f"CSV buiten swv/exports.py: {fout}"


@pytest.mark.parametrize(
    "url",
    ["/kpi/verwijzingen/?format=csv&tabel=bestuur", "/kpi/verwijzingen/?format=csv&tabel=school"],
)
def test_echte_export_is_nederlandse_csv(als, url):
    antwoord = als("medewerker").get(url)
    assert antwoord.status_code == 200 and antwoord["Content-Type"].startswith("text/csv")
    assert antwoord.content.startswith(b"\xef\xbb\xbf")
    rijen = exports.lees_csv(antwoord.content)
    assert len(rijen) > 1 and len(rijen[0]) > 2  # split on ';' into columns
    assert all(len(r) == len(rijen[0]) for r in rijen)
    for rij in rijen[1:]:
        for cel in rij:
            assert not re.fullmatch(r"-?\d+\.\d+", cel), f"punt als decimaalteken: {cel}"
