"""The DUO import's bulk writing (COPY on PostgreSQL, executemany on SQLite): the same
rows as the ORM import gave, re-import writes only what changed, a bad row is refused in
Dutch with nothing of it saved, one placement per import, fresh statistics after a bulk
load. Run on SQLite and on PostgreSQL (DATABASE_URL)."""

import hashlib
import io
import re
from datetime import date

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from swv import duo, services
from swv.models import Gemeente, Leerlingtelling, School, Schoolbestuur

TELLINGEN = "06.-historisch-overzicht-aantal-leerlingen-per-schoolvestiging-zuid-limburg.csv"
REGISTER = "02.-alle-schoolvestigingen-basisonderwijs-zuid-limburg.csv"
TELLING_KOP = (
    "INSTELLINGSCODE;VESTIGINGSCODE;NAAM_VESTIGING;SOORT_VESTIGING;DENOMINATIE_VESTIGING;"
    "BEVOEGD_GEZAG_NUMMER;GEMEENTECODE_VESTIGING;GEMEENTENAAM_VESTIGING;LEERLINGEN_2023;"
    "LEERLINGEN_2024;LEERLINGEN_2025"
)


def _digest(rijen) -> str:
    return hashlib.sha256(repr(sorted(rijen)).encode()).hexdigest()[:16]


def _tellingen():
    return list(
        Leerlingtelling.objects.values_list(
            "school__vestigingscode", "teldatum", "aantal", "gemaskeerd"
        )
    )


def _bestand(*regels, encoding="utf-8-sig"):
    return ("\r\n".join(regels) + "\r\n").encode(encoding)


def _schrijfopdrachten(vragen, tabel):
    """The statements of the captured queries that wrote to the table."""
    # executemany is logged once, as "<n> times: <statement>".
    woorden = re.compile(
        rf'^(\d+ times: )?\s*(INSERT INTO|UPDATE|COPY|DELETE FROM)\s+"?{tabel}"?\b', re.I
    )
    return [q["sql"] for q in vragen.captured_queries if woorden.match(q["sql"])]


def test_real_files_give_exactly_the_rows_the_orm_import_gave():
    # Digests of every count and every school, taken from the import as it was before
    # the bulk writing (model objects per row), on the same real Zuid-Limburg files.
    tellingen = _tellingen()
    assert len(tellingen) == 6240
    assert sum(1 for *_r, gemaskeerd in tellingen if gemaskeerd) == 16
    assert sum(aantal or 0 for _s, _d, aantal, _g in tellingen) == 1_243_140
    assert _digest(tellingen) == "1c7eaeeea25b7ccd"
    scholen = list(
        School.objects.values_list(
            "vestigingscode",
            "instellingscode",
            "naam",
            "soort",
            "cluster",
            "denominatie",
            "straat",
            "postcode",
            "plaats",
            "telefoon",
            "website",
            "gemeente__code",
            "gemeente__naam",
            "bestuur__nummer",
            "swv__code",
        )
    )
    assert len(scholen) == 208
    assert _digest(scholen) == "72b70112832f6331"
    # Hand-checked against the file: De Vlieger (00BW00) and a masked count.
    de_vlieger = dict(
        Leerlingtelling.objects.filter(school__vestigingscode="00BW00").values_list(
            "teldatum", "aantal"
        )
    )
    assert (de_vlieger[date(1996, 10, 1)], de_vlieger[date(2025, 10, 1)]) == (172, 101)
    gemaskeerd = Leerlingtelling.objects.filter(gemaskeerd=True).first()
    assert gemaskeerd.aantal is None and gemaskeerd.weergave == "<5"
    # Types read back as the ORM writes them (dates as dates, masks as booleans).
    telling = Leerlingtelling.objects.filter(school__vestigingscode="00BW00").first()
    assert isinstance(telling.teldatum, date) and telling.gemaskeerd is False


def test_reimport_of_unchanged_files_writes_no_school_and_no_count(duo_dir):
    bestanden = [(n, (duo_dir / n).read_bytes()) for n in (REGISTER, TELLINGEN)]
    with CaptureQueriesContext(connection) as vragen:
        uitkomst = dict(services.duo_bestanden_importeren(bestanden=bestanden))
    assert uitkomst[TELLINGEN].tellingen == 0
    assert (uitkomst[REGISTER].nieuw, uitkomst[REGISTER].bijgewerkt) == (0, 0)
    assert _schrijfopdrachten(vragen, "swv_leerlingtelling") == []
    assert _schrijfopdrachten(vragen, "swv_school") == []
    assert Leerlingtelling.objects.count() == 6240


def _gewijzigd(inhoud: bytes, vestigingscode: str, kolom: str, waarde: str) -> bytes:
    """The file with one cell of one row changed."""
    regels = inhoud.decode("utf-8-sig").split("\r\n")
    kop = regels[0].split(";")
    i = kop.index(kolom)
    for n, regel in enumerate(regels):
        velden = regel.split(";")
        if len(velden) > 1 and velden[1] == vestigingscode:
            velden[i] = waarde
            regels[n] = ";".join(velden)
    return "\r\n".join(regels).encode("utf-8-sig")


def test_reimport_updates_changed_counts_only_and_never_duplicates(duo_dir):
    inhoud = (duo_dir / TELLINGEN).read_bytes()
    gemaskeerd = Leerlingtelling.objects.filter(gemaskeerd=True).select_related("school").first()
    code, jaar = gemaskeerd.school.vestigingscode, gemaskeerd.teldatum.year
    inhoud = _gewijzigd(inhoud, "00BW00", "LEERLINGEN_2025", "102")  # DUO corrects a count
    inhoud = _gewijzigd(inhoud, "00BW00", "LEERLINGEN_2024", "<5")  # a number becomes masked
    inhoud = _gewijzigd(inhoud, code, f"LEERLINGEN_{jaar}", "7")  # a mask becomes a number
    voor = {(s, d): (a, g) for s, d, a, g in _tellingen()}

    uitkomst = services.duo_bestand_importeren(inhoud=inhoud)

    assert uitkomst.tellingen == 3
    na = {(s, d): (a, g) for s, d, a, g in _tellingen()}
    assert len(na) == len(voor) == Leerlingtelling.objects.count()
    verschil = {k: (voor[k], na[k]) for k in na if na[k] != voor[k]}
    assert verschil == {
        ("00BW00", date(2025, 10, 1)): ((101, False), (102, False)),
        ("00BW00", date(2024, 10, 1)): (voor[("00BW00", date(2024, 10, 1))], (None, True)),
        (code, date(jaar, 10, 1)): ((None, True), (7, False)),
    }
    # And a second time: nothing left to write.
    assert services.duo_bestand_importeren(inhoud=inhoud).tellingen == 0


def test_new_year_for_known_schools_and_a_correction_in_one_import():
    regels = [
        TELLING_KOP.replace("LEERLINGEN_2025", "LEERLINGEN_2025;LEERLINGEN_2026"),
        # 00BW00 has 2023-2025 already; 2025 is corrected, 2026 is new.
        "00BW;00BW00;Jenaplanschool De Vlieger;BO;Algemeen bijzonder;41516;1883;SITTARD-GELEEN;;;99;120",
    ]
    vorige = Leerlingtelling.objects.get(
        school__vestigingscode="00BW00", teldatum=date(2023, 10, 1)
    )
    uitkomst = services.duo_bestand_importeren(inhoud=_bestand(*regels))
    assert uitkomst.tellingen == 2
    tellingen = dict(
        Leerlingtelling.objects.filter(school__vestigingscode="00BW00").values_list(
            "teldatum", "aantal"
        )
    )
    assert (tellingen[date(2025, 10, 1)], tellingen[date(2026, 10, 1)]) == (99, 120)
    # A blank cell is "not published", never a deletion.
    assert tellingen[date(2023, 10, 1)] == vorige.aantal
    assert len(tellingen) == 31


def test_bad_rows_are_refused_in_dutch_and_nothing_of_them_is_saved():
    regels = [
        TELLING_KOP,
        "99ZY;99ZY00;SBO Goed;SBO;Openbaar;99002;917;HEERLEN;12;<5;0",
        "99ZX;99ZX00;SBO Te Groot;SBO;Openbaar;99003;917;HEERLEN;12;99999999999;0",
        "99ZW;99ZW00;SBO \x00Nul;SBO;Openbaar;99004;917;HEERLEN;1;2;3",
        "99ZV;99ZV00;SBO Superscript;SBO;Openbaar;99005;917;HEERLEN;1;\u00b2;3",
    ]
    uitkomst = services.duo_bestand_importeren(inhoud=_bestand(*regels))
    assert (uitkomst.rijen, uitkomst.overgeslagen) == (1, 3)
    assert {(m.regel, m.kolom): m.reden for m in uitkomst.geweigerd} == {
        (3, "LEERLINGEN_2024"): "'99999999999' is geen aantal leerlingen (te groot).",
        (4, ""): "De regel bevat een NUL-teken (0x00): geen tekst, niet op te slaan.",
        (5, "LEERLINGEN_2024"): "'\u00b2' is geen aantal leerlingen.",
    }
    # The refused rows left nothing behind: no school, no counts, no bestuur.
    assert not School.objects.filter(vestigingscode__in=["99ZX00", "99ZW00", "99ZV00"]).exists()
    assert not Schoolbestuur.objects.filter(nummer__in=["99003", "99004", "99005"]).exists()
    goed = School.objects.get(vestigingscode="99ZY00")
    assert [t.weergave for t in goed.tellingen.order_by("teldatum")] == ["12", "<5", "0"]


def test_a_file_with_only_bad_rows_saves_nothing():
    regels = [
        TELLING_KOP,
        "99ZX;99ZX00;SBO Te Groot;SBO;Openbaar;99003;9998;NIEUWDORP;1;2;3000000000",
    ]
    voor = Leerlingtelling.objects.count()
    with pytest.raises(duo.DuoBestandFout) as fout:
        services.duo_bestand_importeren(inhoud=_bestand(*regels))
    assert str(fout.value) == (
        "regel 2, kolom LEERLINGEN_2025: '3000000000' is geen aantal leerlingen (te groot)."
    )
    assert not School.objects.filter(vestigingscode="99ZX00").exists()
    assert not Gemeente.objects.filter(code="9998").exists()
    assert Leerlingtelling.objects.count() == voor


def test_a_database_error_while_copying_counts_saves_nothing_of_any_file(monkeypatch, duo_dir):
    # Pretend nothing is known, so every count is written as new and the COPY/INSERT hits
    # the unique constraint on (school, teldatum): the whole import is rolled back,
    # including the register file written before it in the same transaction.
    monkeypatch.setattr(services, "_bekende_tellingen", lambda ids: {})
    School.objects.filter(vestigingscode="07LK00").update(naam="Oude naam")
    bestanden = [(n, (duo_dir / n).read_bytes()) for n in (TELLINGEN, REGISTER)]
    with pytest.raises(IntegrityError):
        services.duo_bestanden_importeren(bestanden=bestanden)
    assert School.objects.get(vestigingscode="07LK00").naam == "Oude naam"
    assert Leerlingtelling.objects.count() == 6240


def test_schools_are_placed_once_per_import_whatever_the_number_of_files(monkeypatch, duo_dir):
    from swv import demo

    aanroepen = []
    echt = services.scholen_indelen
    monkeypatch.setattr(services, "scholen_indelen", lambda: aanroepen.append(1) or echt())
    call_command(
        "import_duo", *[str(duo_dir / n) for n in demo.DUO_BESTANDEN], stdout=io.StringIO()
    )
    assert len(aanroepen) == 1


def _nieuwe_scholen(duo_dir, aantal: int) -> bytes:
    """The real count file's first rows as new vestigingen (fresh BRIN codes)."""
    regels = (duo_dir / TELLINGEN).read_bytes().decode("utf-8-sig").split("\r\n")
    uit = [regels[0]]
    for i, regel in enumerate(regels[1 : aantal + 1]):
        velden = regel.split(";")
        brin = f"9{i:02d}Q"
        velden[0], velden[1] = brin, brin + velden[1][4:]
        uit.append(";".join(velden))
    return _bestand(*uit)


def test_statistics_are_refreshed_after_a_bulk_load_on_postgresql(
    duo_dir, django_capture_on_commit_callbacks
):
    inhoud = _nieuwe_scholen(duo_dir, 50)  # 50 schools, some 1,500 counts
    with (
        CaptureQueriesContext(connection) as vragen,
        django_capture_on_commit_callbacks(execute=True),
    ):
        uitkomst = services.duo_bestand_importeren(inhoud=inhoud)
    assert uitkomst.tellingen >= services.ANALYSE_VANAF
    analyse = [q["sql"] for q in vragen.captured_queries if q["sql"].startswith("ANALYZE")]
    if connection.vendor == "postgresql":
        assert analyse == ['ANALYZE "swv_leerlingtelling"']
    else:
        assert analyse == []
    # A small import is no bulk load: no ANALYZE.
    with (
        CaptureQueriesContext(connection) as vragen,
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.duo_bestand_importeren(inhoud=_gewijzigd(inhoud, "900Q00", "LEERLINGEN_2025", "1"))
    assert not [q for q in vragen.captured_queries if q["sql"].startswith("ANALYZE")]


def test_counts_are_written_with_one_statement_not_one_per_row(duo_dir):
    inhoud = _nieuwe_scholen(duo_dir, 50)
    with CaptureQueriesContext(connection) as vragen:
        uitkomst = services.duo_bestand_importeren(inhoud=inhoud)
    assert uitkomst.tellingen > 1000
    schrijven = _schrijfopdrachten(vragen, "swv_leerlingtelling")
    if connection.vendor == "postgresql":
        assert schrijven == [
            'COPY "swv_leerlingtelling" ("school_id", "teldatum", "aantal", "gemaskeerd") '
            "FROM STDIN"
        ]
    else:
        # executemany is logged once, as one prepared INSERT for all rows.
        assert len(schrijven) == 1
        assert schrijven[0].startswith(f"{uitkomst.tellingen} times: INSERT INTO")
    assert Leerlingtelling.objects.filter(school__vestigingscode__regex=r"^9[0-9]{2}Q").count() == (
        uitkomst.tellingen
    )


def test_import_maakt_gecachte_kpi_cijfers_onbereikbaar(
    duo_dir, django_capture_on_commit_callbacks
):
    """The bulk writes send no model signals; the import says it changed the data, so the
    KPI dashboard's cached figures (kpi.gegevensversie) are not served stale."""
    from kpi import gegevensversie

    voor = gegevensversie.versies()
    bestanden = [(n, (duo_dir / n).read_bytes()) for n in (REGISTER, TELLINGEN)]
    with django_capture_on_commit_callbacks(execute=True):
        services.duo_bestanden_importeren(bestanden=bestanden)
    na = gegevensversie.versies()
    assert na[gegevensversie.TELLINGEN] > voor.get(gegevensversie.TELLINGEN, 0)
