"""Each computation on small factory data, with the expected numbers worked out by hand."""

from datetime import date
from decimal import Decimal

import pytest

from kpi import berekeningen
from kpi.berekeningen import Scope, berekende_waarden, thuiszitters_op
from kpi.models import Thuiszitter
from swv.schooljaar import huidig_schooljaar
from tests.factories import (
    LeerlingtellingFactory,
    SamenwerkingsverbandFactory,
    SchoolbestuurFactory,
    SchoolFactory,
)
from tests.factories.kpi import ThuiszitterFactory

D = Decimal


@pytest.fixture
def klein_swv():
    """One SWV: BaO 200 (+ one masked '<5') in 2023 and 280 in 2024; SBO 12 and 10;
    SO 8 + SO/VSO 20 in 2023. VSO, cluster-2 SO and a 1 February count must not count."""
    swv = SamenwerkingsverbandFactory(code="PO9901", naam="Klein")
    bestuur = SchoolbestuurFactory()
    maak = lambda soort, **kw: SchoolFactory(swv=swv, soort=soort, bestuur=bestuur, **kw)  # noqa: E731
    bao_a, bao_b = maak("BAO"), maak("BAO")
    sbo, so, sovso = maak("SBO"), maak("SO"), maak("SO_VSO", cluster=3)
    vso, so_c2 = maak("VSO"), maak("SO", cluster=2)
    okt23, okt24 = date(2023, 10, 1), date(2024, 10, 1)
    for school, teldatum, aantal in [
        (bao_a, okt23, 200),
        (bao_a, okt24, 180),
        (bao_b, okt24, 100),
        (sbo, okt23, 12),
        (sbo, okt24, 10),
        (so, okt23, 8),
        (sovso, okt23, 20),
        (vso, okt23, 50),
        (so_c2, okt23, 30),
        (bao_a, date(2023, 2, 1), 999),
    ]:
        LeerlingtellingFactory(school=school, teldatum=teldatum, aantal=aantal)
    LeerlingtellingFactory(school=bao_b, teldatum=okt23, aantal=None, gemaskeerd=True)
    return swv


def test_deelname_per_swv_met_de_hand_nagerekend(klein_swv):
    rijen = berekeningen.deelname_per_swv(swv_ids=[klein_swv.id])
    assert [
        (r["jaar"], r["leerlingen_bao"], r["leerlingen_sbo"], r["leerlingen_so"]) for r in rijen
    ] == [
        (2023, 200, 12, 28),
        (2024, 280, 10, 0),
    ]
    r23, r24 = rijen
    # 12 / (200 + 12) = 5.660..%; 28 / 212 = 13.207..% (SO not in the denominator).
    assert r23["sbo_pct"] == D("5.66") and r23["so_pct"] == D("13.21")
    assert r23["gemaskeerd"] == 1 and r24["gemaskeerd"] == 0
    # 10 / 290 = 3.448..%.
    assert r24["sbo_pct"] == D("3.45") and r24["so_pct"] == D("0.00")
    assert r23["swv"] == "PO9901"


def test_deelname_zonder_noemer_is_leeg():
    swv = SamenwerkingsverbandFactory(code="PO9902")
    LeerlingtellingFactory(school=SchoolFactory(swv=swv, soort="SO"), teldatum=date(2024, 10, 1))
    (rij,) = berekeningen.deelname_per_swv(swv_ids=[swv.id])
    assert rij["sbo_pct"] is None and rij["so_pct"] is None


def test_deelname_in_een_query(klein_swv, django_assert_num_queries):
    with django_assert_num_queries(1):
        berekeningen.deelname_per_swv(swv_ids=[klein_swv.id])


def test_deelname_als_kpi_waarde_per_schooljaar(klein_swv):
    sbo = berekende_waarden("deelname_sbo", [2022, 2023, 2024], Scope([klein_swv.id]))
    so = berekende_waarden("deelname_so", [2023], Scope([klein_swv.id]))
    assert sbo == {2022: None, 2023: D("5.66"), 2024: D("3.45")}
    assert so == {2023: D("13.21")}


def test_demo_zuid_limburg_alle_jaren_en_drie_swvs():
    rijen = berekeningen.deelname_per_swv()
    codes = {r["swv"] for r in rijen}
    assert {"PO3104", "PO3105", "PO3106"} <= codes
    jaren = {r["jaar"] for r in rijen if r["swv"] == "PO3106"}
    assert jaren == set(range(1996, 2026))
    for r in rijen:
        if r["swv"] in ("PO3104", "PO3105", "PO3106") and r["jaar"] >= 2014:
            # Real data: a few percent SBO, SO between 0 and 10 percent.
            assert D(0) < r["sbo_pct"] < D(10), r


# Thuiszitters -----------------------------------------------------------------------------


@pytest.fixture
def register():
    school = SchoolFactory()
    t = lambda start, **kw: ThuiszitterFactory(school=school, startdatum=start, **kw)  # noqa: E731
    t(date(2024, 12, 10))  # 21 days on 31-12: kort
    t(date(2024, 12, 3))  # 28 days: still kort (more than 4 weeks counts)
    t(date(2024, 12, 2))  # 29 days: middel
    t(date(2024, 9, 30), type="absoluut")  # exactly 3 months: middel
    t(date(2024, 9, 29))  # more than 3 months: lang
    t(date(2024, 6, 1), einddatum=date(2024, 12, 31), status="terug")  # ended on peildatum
    t(date(2024, 6, 1), einddatum=date(2025, 1, 15), status="terug")  # lang
    t(date(2024, 1, 1), type="vrijstelling", vrijstelling="5a")
    t(date(2025, 1, 5), type="vrijstelling", vrijstelling="15")  # after the peildatum
    t(date(2025, 1, 2))  # after the peildatum
    return school


def test_thuiszitters_buckets_op_peildata(register, django_assert_num_queries):
    qs = Thuiszitter.objects.filter(school=register)
    with django_assert_num_queries(1):
        standen = thuiszitters_op([date(2024, 9, 30), date(2024, 12, 31)], qs)
    dec = standen[date(2024, 12, 31)]
    assert (dec["kort"], dec["middel"], dec["lang"], dec["totaal"]) == (2, 2, 2, 4)
    assert (dec["vrijstellingen"], dec["vrijstellingen_5a"]) == (1, 1)
    sep = standen[date(2024, 9, 30)]
    # 30-9: the cases of 29 and 30 September are new (kort); the two of 1 June are lang.
    assert (sep["kort"], sep["middel"], sep["lang"], sep["totaal"]) == (2, 0, 2, 2)


def test_thuiszitters_kpi_is_stand_op_laatste_peildatum_van_het_jaar(register):
    # Schooljaar 2024: 30 June 2025. Running then: the five without an end date started
    # in 2024, and the one of 2 January 2025 (all > 3 months): 6. The next school year has
    # no peildatum yet (its first is 30 September, after today).
    volgend = huidig_schooljaar() + 1
    waarden = berekende_waarden("thuiszitters", [2024, volgend], Scope([register.swv_id]))
    assert waarden == {2024: D(6), volgend: None}


def test_thuiszitters_per_bestuur(register):
    ander = ThuiszitterFactory(startdatum=date(2024, 1, 8))
    scope = Scope([register.swv_id, ander.swv_id], bestuur_id=ander.school.bestuur_id)
    assert berekende_waarden("thuiszitters", [2024], scope) == {2024: D(1)}


def test_maanden_terug_aan_het_einde_van_de_maand():
    assert berekeningen._maanden_terug(date(2025, 5, 31), 3) == date(2025, 2, 28)
    assert berekeningen._maanden_terug(date(2024, 12, 31), 3) == date(2024, 9, 30)
    assert berekeningen._maanden_terug(date(2025, 3, 31), 3) == date(2024, 12, 31)


# TLV and verwijzingen -----------------------------------------------------------------------


def _tlv(school, soort, datum, besluit="toegekend", gebruiker=None):
    from toelaatbaarheid.models import Aanvraag, Beschikking

    aanvraag = Aanvraag.objects.create(
        swv=school.swv,
        school=school,
        voornaam="X",
        achternaam=f"Y{Aanvraag.objects.count()}",
        geboortedatum=date(2015, 1, 1),
        soort=soort,
        aangemaakt_door=gebruiker,
        ontvangen_op=datum.replace(day=1),
    )
    volgnummer = Beschikking.objects.count() + 1
    return Beschikking.objects.create(
        aanvraag=aanvraag,
        swv=school.swv,
        jaar=datum.year,
        volgnummer=volgnummer,
        besluit=besluit,
        soort=soort,
        motivering="m",
        datum=datum,
        verzonden_op=datum,
        afgegeven_door=gebruiker,
    )


@pytest.fixture
def tlvs(gebruiker):
    mw = gebruiker("medewerker")
    swv = SamenwerkingsverbandFactory(code="PO9903")
    bestuur = SchoolbestuurFactory(naam="Stichting Verwijzing")
    a = SchoolFactory(swv=swv, bestuur=bestuur, naam="School A")
    b = SchoolFactory(swv=swv, bestuur=bestuur, naam="School B")
    LeerlingtellingFactory(school=a, teldatum=date(2024, 10, 1), aantal=300)
    LeerlingtellingFactory(school=b, teldatum=date(2024, 10, 1), aantal=100)
    _tlv(a, "SBO", date(2024, 11, 4), gebruiker=mw)
    _tlv(a, "SBO", date(2025, 3, 3), gebruiker=mw)
    _tlv(a, "SO", date(2025, 7, 31), gebruiker=mw)
    _tlv(b, "SO", date(2025, 2, 3), gebruiker=mw)
    _tlv(b, "SBO", date(2025, 8, 1), gebruiker=mw)  # next school year
    _tlv(b, "SBO", date(2025, 1, 6), besluit="afgewezen", gebruiker=mw)
    return swv, bestuur, a, b


def test_verwijzingen_per_bestuur(tlvs):
    swv, bestuur, a, b = tlvs
    (rij,) = berekeningen.verwijzingen_per_bestuur(schooljaar=2024, besturen=[bestuur])
    # 2 SBO and 2 SO in 2024-2025 on 400 BaO pupils: 0.50% each.
    assert (rij["naar_sbo"], rij["naar_so"], rij["leerlingen_bao"]) == (2, 2, 400)
    assert rij["sbo_pct"] == D("0.50") and rij["so_pct"] == D("0.50")


def test_verwijzingen_per_school(tlvs):
    swv, bestuur, a, b = tlvs
    rijen = berekeningen.verwijzingen_per_school(
        schooljaar=2024, scholen=a.__class__.objects.filter(swv=swv)
    )
    per = {r["school"]: r for r in rijen}
    # School A: 2 SBO of 300 = 0.67%, 1 SO = 0.33%; school B: 1 SO of 100 = 1.00%.
    assert (per["School A"]["naar_sbo"], per["School A"]["sbo_pct"]) == (2, D("0.67"))
    assert (per["School A"]["naar_so"], per["School A"]["so_pct"]) == (1, D("0.33"))
    assert (per["School B"]["naar_sbo"], per["School B"]["naar_so"]) == (0, 1)
    assert per["School B"]["so_pct"] == D("1.00")


def test_tlv_kpi_waarden(tlvs, monkeypatch):
    swv, *_ = tlvs
    monkeypatch.setattr(berekeningen, "huidig_schooljaar", lambda: 2025)
    scope = Scope([swv.id])
    assert berekende_waarden("tlv_toegekend", [2024, 2025], scope) == {2024: D(4), 2025: D(1)}
    # A year that has not started yet gives no value, not a zero.
    assert berekende_waarden("tlv_toegekend", [2026], scope) == {2026: None}


def test_tlv_kpis_van_een_pagina_delen_een_vast_aantal_queries(tlvs, monkeypatch):
    """The dashboard shares one cache: all TLV KPIs over all plan years, doorlooptijd
    included, come from one multi-year fetch (5 queries) plus one for the date of the first
    aanvraag, not one fetch per year or per KPI."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    swv, bestuur, *_ = tlvs
    monkeypatch.setattr(berekeningen, "huidig_schooljaar", lambda: 2025)
    jaren = [2022, 2023, 2024, 2025]
    cache = {"swv_ids": [swv.id], "jaren": jaren}
    scope = Scope([swv.id])
    with CaptureQueriesContext(connection) as q:
        toegekend = berekende_waarden("tlv_toegekend", jaren, scope, cache)
        doorlooptijd = berekende_waarden("tlv_doorlooptijd", jaren, scope, cache)
        bezwaren = berekende_waarden("tlv_bezwaren", jaren, scope, cache)
    assert len(q) == 6
    # The first aanvraag was received on 1 November 2024: the years before show no value
    # ('nog geen meting'), not a zero that would look on track.
    assert toegekend == {2022: None, 2023: None, 2024: D(4), 2025: D(1)}
    # Received on the 1st, sent on the beschikking date: 3, 2, 30, 2 and 5 days in
    # 2024-2025 (afwijzing included); median 3. No beschikking in 2022: no median.
    assert doorlooptijd == {2022: None, 2023: None, 2024: D(3), 2025: D(0)}
    assert bezwaren == {2022: None, 2023: None, 2024: D(0), 2025: D(0)}
    # The bestuur's own figures beside the total: fetched once more, for that bestuur.
    with CaptureQueriesContext(connection) as q:
        van_bestuur = berekende_waarden("tlv_toegekend", jaren, Scope([swv.id], bestuur.id), cache)
        berekende_waarden("tlv_bezwaren", jaren, Scope([swv.id], bestuur.id), cache)
    assert len(q) == 5
    assert van_bestuur == toegekend


def test_doorlooptijd_over_meerdere_swvs_en_voor_een_bestuur(tlvs, gebruiker, monkeypatch):
    """The median of a plan with several SWVs is taken over all their cases together (not
    left empty, not a median of medians); a bestuur gets the median of its own cases."""
    swv, bestuur, a, b = tlvs
    monkeypatch.setattr(berekeningen, "huidig_schooljaar", lambda: 2025)
    tweede = SamenwerkingsverbandFactory(code="PO9904")
    c = SchoolFactory(swv=tweede, naam="School C")
    mw = gebruiker("medewerker")
    # Two cases in the second SWV, 2024-2025: 9 and 19 days (received on the 1st).
    _tlv(c, "SBO", date(2024, 10, 10), gebruiker=mw)
    _tlv(c, "SO", date(2024, 12, 20), gebruiker=mw)
    # First SWV alone: 3, 2, 30, 2, 5 days -> median 3. Both: 2, 2, 3, 5, 9, 19, 30 -> 5.
    assert berekende_waarden("tlv_doorlooptijd", [2024], Scope([swv.id])) == {2024: D(3)}
    assert berekende_waarden("tlv_doorlooptijd", [2024], Scope([swv.id, tweede.id])) == {2024: D(5)}
    # The bestuur of schools A and B (all five cases of the first SWV): median 3.
    assert berekende_waarden("tlv_doorlooptijd", [2024], Scope([swv.id], bestuur.id)) == {
        2024: D(3)
    }
    # An empty year stays empty.
    assert berekende_waarden("tlv_doorlooptijd", [2023], Scope([swv.id, tweede.id])) == {2023: None}


def test_verwijzingen_zonder_telling_van_het_jaar_gebruiken_de_laatste(tlvs, gebruiker):
    """1 October 2026 is not published yet (the demo's DUO data ends in 2025): the
    percentages of 2026-2027 rest on the count of 1 October 2025, and say so."""
    swv, bestuur, a, b = tlvs
    LeerlingtellingFactory(school=a, teldatum=date(2025, 10, 1), aantal=150)
    LeerlingtellingFactory(school=b, teldatum=date(2025, 10, 1), aantal=50)
    _tlv(a, "SO", date(2026, 9, 14), gebruiker=gebruiker("medewerker"))
    assert berekeningen.telling_voor(2026) == date(2025, 10, 1)
    assert berekeningen.telling_voor(2024) == date(2024, 10, 1)
    (rij,) = berekeningen.verwijzingen_per_bestuur(schooljaar=2026, besturen=[bestuur])
    # 1 SO on 200 BaO pupils: 0.50%.
    assert (rij["naar_so"], rij["leerlingen_bao"], rij["so_pct"]) == (1, 200, D("0.50"))
    assert rij["teldatum"] == date(2025, 10, 1)
    (school,) = berekeningen.verwijzingen_per_school(
        schooljaar=2026, scholen=a.__class__.objects.filter(swv=swv)
    )
    assert (school["school"], school["leerlingen"], school["so_pct"]) == (
        "School A",
        150,
        D("0.67"),
    )


def test_verwijzingen_per_bestuur_alleen_binnen_de_eigen_swvs(tlvs, gebruiker):
    """A bestuur that also has a school in another SWV: a medewerker of the first SWV sees
    only the cases and pupils of that SWV."""
    swv, bestuur, a, b = tlvs
    elders = SamenwerkingsverbandFactory(code="PO9905")
    c = SchoolFactory(swv=elders, bestuur=bestuur, naam="School elders")
    LeerlingtellingFactory(school=c, teldatum=date(2024, 10, 1), aantal=600)
    _tlv(c, "SBO", date(2024, 9, 9), gebruiker=gebruiker("medewerker"))
    (alles,) = berekeningen.verwijzingen_per_bestuur(schooljaar=2024, besturen=[bestuur])
    assert (alles["naar_sbo"], alles["leerlingen_bao"]) == (3, 1000)
    (eigen,) = berekeningen.verwijzingen_per_bestuur(
        schooljaar=2024, besturen=[bestuur], swv_ids=[swv.id]
    )
    assert (eigen["naar_sbo"], eigen["naar_so"], eigen["leerlingen_bao"]) == (2, 2, 400)
    assert eigen["sbo_pct"] == D("0.50")


def test_thuiszitters_voor_het_register_in_gebruik_was_geen_nul():
    """A year that ended before the SWV kept the register in the app shows no value; a
    year after that with nobody at home is a real 0."""
    from datetime import datetime

    from django.utils import timezone

    swv = SamenwerkingsverbandFactory(code="PO9906")
    school = SchoolFactory(swv=swv)
    ThuiszitterFactory(
        school=school,
        startdatum=date(2023, 9, 1),
        einddatum=date(2023, 10, 1),
        status="terug",
        aangemaakt_op=timezone.make_aware(datetime(2023, 9, 15, 10, 0)),
    )
    waarden = berekende_waarden("thuiszitters", [2022, 2023], Scope([swv.id]))
    # 30 June 2023: before the first registration (15 September 2023). 30 June 2024: 0.
    assert waarden == {2022: None, 2023: D(0)}
    # An SWV that never registered anyone has no thuiszitters figures at all.
    leeg = SamenwerkingsverbandFactory(code="PO9907")
    assert berekende_waarden("thuiszitters", [2023], Scope([leeg.id])) == {2023: None}


def test_bestuurscijfer_naast_het_totaal_telt_dezelfde_swvs(tlvs, gebruiker, monkeypatch):
    """The bestuur's figure beside an SWV total is its part of that total: a case of the
    same bestuur in another SWV does not count there."""
    swv, bestuur, a, b = tlvs
    monkeypatch.setattr(berekeningen, "huidig_schooljaar", lambda: 2025)
    elders = SchoolFactory(swv=SamenwerkingsverbandFactory(code="PO9908"), bestuur=bestuur)
    _tlv(elders, "SBO", date(2024, 9, 20), gebruiker=gebruiker("medewerker"))
    assert berekende_waarden("tlv_toegekend", [2024], Scope([swv.id], bestuur.id)) == {2024: D(4)}
    assert berekende_waarden(
        "tlv_toegekend", [2024], Scope([swv.id, elders.swv_id], bestuur.id)
    ) == {2024: D(5)}
