"""Legal terms against real calendar dates (Awb, Algemene termijnenwet)."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from hypothesis import given
from hypothesis import strategies as st

from tests.factories.toelaatbaarheid import gebruiker, naar_status, nieuwe_zaak, vers
from toelaatbaarheid import selectors, services
from toelaatbaarheid import termijnen as t
from toelaatbaarheid.models import GelijkgesteldeDag, Status

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    ("jaar", "pasen"),
    [
        (2008, date(2008, 3, 23)),
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2030, date(2030, 4, 21)),
        (2038, date(2038, 4, 25)),
    ],
)
def test_pasen_gregoriaans(jaar, pasen):
    assert t.pasen(jaar) == pasen


@pytest.mark.parametrize(
    ("jaar", "dag"),
    [
        (2025, date(2025, 4, 26)),
        (2014, date(2014, 4, 26)),
        (2026, date(2026, 4, 27)),
        (2031, date(2031, 4, 26)),
    ],
)
def test_koningsdag_26_april_als_27_zondag(jaar, dag):
    assert t.koningsdag(jaar) == dag


def test_feestdagen_2026():
    vrij = t.feestdagen(2026)
    assert vrij[date(2026, 4, 3)] == "Goede Vrijdag"
    assert vrij[date(2026, 4, 6)] == "Tweede Paasdag"
    assert vrij[date(2026, 5, 5)] == "Bevrijdingsdag"
    assert vrij[date(2026, 5, 14)] == "Hemelvaartsdag"
    assert vrij[date(2026, 5, 25)] == "Tweede Pinksterdag"
    assert date(2026, 12, 25) in vrij and date(2026, 12, 26) in vrij


# Beslistermijn aanvraag: 8 weeks after receipt (term starts the day after receipt).
BESLISTERMIJN = [
    # (ontvangen, raw end, legal end, why)
    (date(2025, 2, 24), date(2025, 4, 22), "eindigt op 2e Paasdag 21-4-2025 -> dinsdag"),
    (date(2026, 3, 2), date(2026, 4, 28), "eindigt op Koningsdag ma 27-4-2026 -> dinsdag"),
    (date(2025, 3, 10), date(2025, 5, 6), "eindigt op 5 mei 2025 (maandag) -> dinsdag"),
    (date(2026, 10, 30), date(2026, 12, 28), "eindigt op 1e Kerstdag vr 25-12-2026 -> maandag"),
    (date(2026, 2, 6), date(2026, 4, 7), "eindigt op Goede Vrijdag 3-4-2026: weekend, 2e Paasdag"),
    (date(2026, 3, 19), date(2026, 5, 18), "eindigt op Hemelvaart; vrijdag erna gelijkgesteld"),
    (date(2025, 1, 6), date(2025, 3, 3), "gewone maandag blijft staan"),
    (date(2026, 11, 6), date(2027, 1, 4), "eindigt op Nieuwjaarsdag vr 1-1-2027 -> maandag"),
]


@pytest.mark.parametrize(("ontvangen", "einde", "waarom"), BESLISTERMIJN)
def test_beslistermijn_aanvraag_echte_data(ontvangen, einde, waarom):
    gelijk = t.gelijkgestelde_dagen()  # the seeded table (data migration)
    assert t.beslistermijn_aanvraag(ontvangen, gelijkgesteld=gelijk) == einde, waarom


def test_vrijdag_na_hemelvaart_telt_alleen_via_de_tabel():
    ontvangen = date(2026, 3, 19)  # raw end Thursday 14-5-2026 (Hemelvaartsdag)
    assert GelijkgesteldeDag.objects.filter(datum=date(2026, 5, 15)).exists()
    assert t.beslistermijn_aanvraag(ontvangen, gelijkgesteld=()) == date(2026, 5, 15)
    assert t.beslistermijn_aanvraag(ontvangen, gelijkgesteld={date(2026, 5, 15)}) == date(
        2026, 5, 18
    )
    # The table is editable: removing the day changes the outcome.
    GelijkgesteldeDag.objects.filter(datum=date(2026, 5, 15)).delete()
    assert t.beslistermijn_aanvraag(ontvangen, gelijkgesteld=t.gelijkgestelde_dagen()) == date(
        2026, 5, 15
    )


def test_verdaging_4_14_geldt_alleen_als_later():
    assert t.beslistermijn_aanvraag(date(2025, 1, 6), verdaagd_tot=date(2025, 4, 1)) == date(
        2025, 4, 1
    )
    assert t.beslistermijn_aanvraag(date(2025, 1, 6), verdaagd_tot=date(2025, 2, 1)) == date(
        2025, 3, 3
    )


@pytest.mark.parametrize(
    ("verzonden", "einde"),
    [
        (date(2025, 3, 24), date(2025, 5, 6)),  # ends on 5 mei 2025 -> 6 mei
        (date(2026, 11, 20), date(2027, 1, 4)),  # ends on Nieuwjaarsdag (vr) -> maandag
        (date(2026, 11, 13), date(2026, 12, 28)),  # ends on 1e Kerstdag -> maandag 28-12
        (date(2025, 1, 13), date(2025, 2, 24)),  # ordinary Monday
    ],
)
def test_bezwaartermijn_zes_weken_na_verzending(verzonden, einde):
    assert t.bezwaartermijn_einde(verzonden) == einde


def test_bezwaar_tijdig_op_de_verschoven_laatste_dag():
    assert t.bezwaar_tijdig(date(2025, 5, 6), date(2025, 3, 24))
    assert not t.bezwaar_tijdig(date(2025, 5, 7), date(2025, 3, 24))


def test_lbt_binnen_14_dagen():
    assert t.lbt_doorsturen_uiterlijk(date(2026, 4, 20)) == date(2026, 5, 4)
    # With the seeded pattern 4 May 2026 (Monday before 5 mei on a Tuesday) is gelijkgesteld.
    assert t.lbt_doorsturen_uiterlijk(date(2026, 4, 20), gelijkgesteld={date(2026, 5, 4)}) == date(
        2026, 5, 6
    )


def test_beslistermijn_bezwaar_6_12_en_verdaging():
    verzonden = date(2025, 3, 24)  # bezwaartermijn ends 6-5-2025
    assert t.beslistermijn_bezwaar(verzonden, adviescommissie_gemeld=False) == date(2025, 6, 17)
    assert t.beslistermijn_bezwaar(verzonden, adviescommissie_gemeld=True) == date(2025, 7, 29)
    assert t.beslistermijn_bezwaar(verzonden, adviescommissie_gemeld=True, verdaagd=True) == date(
        2025, 9, 9
    )


def test_art_2_minstens_twee_werkdagen():
    # 3 days from Saturday 26-12-2026: Sat, Sun, Mon -> only one working day: + Tuesday.
    assert t.termijn_einde(date(2026, 12, 26), dagen=3) == date(2026, 12, 29)
    # A 3-day term with two working days in it is not extended.
    assert t.termijn_einde(date(2026, 12, 21), dagen=3) == date(2026, 12, 23)


def test_swv_termijn_wordt_niet_verschoven():
    assert t.termijn_einde(date(2025, 2, 25), weken=8, wettelijk=False) == date(2025, 4, 21)


def test_hoorzitting_meer_dan_tien_dagen():
    assert not t.hoorzitting_uitnodiging_ok(date(2026, 3, 1), date(2026, 3, 11))
    assert t.hoorzitting_uitnodiging_ok(date(2026, 3, 1), date(2026, 3, 12))


def test_dwangsom_bedragen():
    ingebreke = date(2026, 1, 1)
    assert t.dwangsom(ingebreke, date(2026, 1, 15)) == 0
    assert t.dwangsom(ingebreke, date(2026, 1, 16)) == 23
    assert t.dwangsom(ingebreke, date(2026, 1, 29)) == 14 * 23
    assert t.dwangsom(ingebreke, date(2026, 1, 30)) == 14 * 23 + 35
    assert t.dwangsom(ingebreke, date(2027, 1, 1)) == 14 * 23 + 14 * 35 + 14 * 45 == 1442


def test_herbeoordeling_15_april():
    assert t.herbeoordeling_aanvraag_uiterlijk(date(2027, 7, 31)) == date(2027, 4, 15)
    assert t.herbeoordeling_aanvraag_uiterlijk(date(2027, 3, 1)) == date(2026, 4, 15)


def _herbeoordelingstermijnen(zaak) -> list[t.Termijn]:
    """The herbeoordeling term among the terms the case page shows (the page's own read)."""
    zaak = selectors.aanvraag_detail(gebruiker("trajectbegeleider"), zaak.pk)
    termijnen = selectors.termijnen_van(zaak, instellingen=selectors.instellingen_voor(zaak.swv_id))
    return [x for x in termijnen if x.omschrijving.startswith("Aanvraag herbeoordeling")]


@pytest.mark.parametrize("dag", [date(2029, 4, 15), date(2029, 4, 16), date(2029, 7, 31)])
def test_gestarte_herbeoordeling_is_geen_lopende_termijn(snelle_pdf, als, dag):
    """From 16 April to the TLV's last day the application deadline has passed; once the
    herbeoordeling has started it is met, and only a withdrawal makes it run again."""
    with time_machine.travel(datetime(2027, 1, 11, 10, 0, tzinfo=AMS), tick=False):
        zaak = nieuwe_zaak(ingangsdatum=date(2027, 8, 1), einddatum=date(2029, 7, 31))
        zaak = naar_status(zaak, Status.TOEGEKEND)
    tb = gebruiker("trajectbegeleider")
    with time_machine.travel(datetime.combine(dag, time(10, 0), tzinfo=AMS), tick=False):
        (termijn,) = _herbeoordelingstermijnen(zaak)
        assert termijn.datum == date(2029, 4, 15)
        assert termijn.te_laat(dag) is (dag > date(2029, 4, 15))
        nieuw = services.herbeoordeling_starten(gebruiker=tb, aanvraag=vers(zaak))
        assert _herbeoordelingstermijnen(zaak) == []
        pagina = als("trajectbegeleider").get(zaak.get_absolute_url()).content.decode()
        assert "Aanvraag herbeoordeling" not in pagina and "verstreken" not in pagina
        services.aanvraag_intrekken(
            gebruiker=tb, aanvraag=nieuw, versie=vers(nieuw).versie, toelichting="Toch niet."
        )
        assert _herbeoordelingstermijnen(zaak) == [termijn]


def test_gelijkgestelde_dagen_geseed_2024_2030():
    dagen = set(GelijkgesteldeDag.objects.values_list("datum", flat=True))
    for jaar in range(2024, 2031):
        assert t.pasen(jaar) + timedelta(days=40) in dagen  # Friday after Hemelvaartsdag
    assert date(2026, 5, 15) in dagen
    assert all(d.weekday() < 5 for d in dagen)


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)), st.integers(1, 20))
def test_wettelijk_einde_is_nooit_een_vrije_dag(start, weken):
    einde = t.termijn_einde(start, weken=weken)
    assert not t.is_vrije_dag(einde)
    assert einde >= start + timedelta(days=7 * weken - 1)
    assert (einde - (start + timedelta(days=7 * weken - 1))).days <= 5
