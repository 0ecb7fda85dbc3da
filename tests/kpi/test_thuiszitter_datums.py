"""Thuiszitters register: dates that cannot be are refused with a message next to the field
and nothing is saved, in the form and in the service. "Today" is frozen at 23 November
2026 (noon, Dutch time)."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from kpi import services
from kpi.models import Thuiszitter
from swv.demo import innovo_school
from tests.factories.kpi import ThuiszitterFactory

VANDAAG = datetime(2026, 11, 23, 11, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _vandaag():
    with time_machine.travel(VANDAAG, tick=False):
        yield


def _data(**extra):
    return {
        "school": innovo_school().pk,
        "pseudoniem": "D.T.",
        "geboortejaar": "2015",
        "type": "relatief",
        "vrijstelling": "",
        "startdatum": "2026-09-07",
        "einddatum": "",
        "status": "lopend",
        "versie": "1",
        **extra,
    }


def _post(als, **extra):
    return als("medewerker").post(reverse("kpi:thuiszitter-nieuw"), _data(**extra))


def _geweigerd(r, veld, melding):
    assert r.status_code == 200
    fouten = r.context["form"].errors
    assert veld in fouten, fouten
    assert any(melding in f for f in fouten[veld]), fouten[veld]
    assert melding in r.content.decode()
    assert not Thuiszitter.objects.filter(pseudoniem="D.T.").exists()


def _opgeslagen(r):
    assert r.status_code == 302, r.context["form"].errors if r.context else r
    return Thuiszitter.objects.get(pseudoniem="D.T.")


# Einddatum ---------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["terug", "beeindigd"])
@pytest.mark.parametrize("einde", ["2030-01-01", "2026-11-24"])
def test_einddatum_in_de_toekomst_geweigerd(als, status, einde):
    r = _post(als, status=status, einddatum=einde)
    _geweigerd(r, "einddatum", "De einddatum ligt in de toekomst.")


@pytest.mark.parametrize("einde", ["2026-11-23", "2026-11-02"])
def test_einddatum_vandaag_of_eerder_mag(als, einde):
    t = _opgeslagen(_post(als, status="terug", einddatum=einde))
    assert t.einddatum == date.fromisoformat(einde) and t.status == "terug"


def test_afsluiten_met_toekomstige_einddatum_laat_de_zaak_lopen(als):
    t = ThuiszitterFactory(school=innovo_school(), startdatum=date(2026, 9, 7))
    r = als("medewerker").post(
        reverse("kpi:thuiszitter-wijzigen", args=[t.pk]),
        _data(pseudoniem=t.pseudoniem, geboortejaar="2014", status="terug", einddatum="2030-01-01"),
    )
    assert r.status_code == 200
    assert "De einddatum ligt in de toekomst." in r.context["form"].errors["einddatum"][0]
    t.refresh_from_db()
    assert (t.status, t.einddatum) == ("lopend", None)


# Startdatum ---------------------------------------------------------------------------


@pytest.mark.parametrize("start", ["2026-11-24", "2099-01-01"])
def test_startdatum_in_de_toekomst_geweigerd(als, start):
    _geweigerd(_post(als, startdatum=start), "startdatum", "De startdatum ligt in de toekomst.")


def test_startdatum_vandaag_mag(als):
    assert _opgeslagen(_post(als, startdatum="2026-11-23")).startdatum == date(2026, 11, 23)


def test_startdatum_voor_de_schoolleeftijd_geweigerd(als):
    # Born in 2015: at school from 1 August 2019 at the earliest.
    r = _post(als, geboortejaar="2015", startdatum="2019-07-31")
    _geweigerd(
        r,
        "startdatum",
        "Een leerling geboren in 2015 gaat op zijn vroegst vanaf 1 augustus 2019 naar school",
    )


def test_startdatum_op_1_augustus_van_het_vierde_jaar_mag(als):
    t = _opgeslagen(_post(als, geboortejaar="2015", startdatum="2019-08-01"))
    assert (t.geboortejaar, t.startdatum) == (2015, date(2019, 8, 1))


# Geboortejaar against the startdatum ----------------------------------------------------


@pytest.mark.parametrize(
    "geboren",
    [
        "2023",  # 3 in 2026
        "2026",  # born in the year of the start
        "2030",  # after the start
        "2002",  # 24 in 2026
        "1990",
    ],
)
def test_geboortejaar_past_niet_bij_de_startdatum(als, geboren):
    r = _post(als, geboortejaar=geboren, startdatum="2026-09-07")
    _geweigerd(
        r,
        "geboortejaar",
        "is in het jaar van de start 4 tot en met 23 jaar oud, dus geboren tussen 2003 en 2022.",
    )
    # One message for one mistake: the startdatum itself is fine.
    assert "startdatum" not in r.context["form"].errors


@pytest.mark.parametrize("geboren", ["2003", "2022"])
def test_grenzen_van_het_geboortejaar_mogen(als, geboren):
    assert _opgeslagen(_post(als, geboortejaar=geboren)).geboortejaar == int(geboren)


def test_oude_zaak_van_een_inmiddels_oudere_leerling_kan_worden_afgesloten(als):
    """The bounds follow the startdatum, not today: a pupil who was 16 when the case
    started in 2020 is 22 now, and the case can still be closed."""
    t = ThuiszitterFactory(school=innovo_school(), geboortejaar=2004, startdatum=date(2020, 9, 7))
    r = als("medewerker").post(
        reverse("kpi:thuiszitter-wijzigen", args=[t.pk]),
        _data(
            pseudoniem=t.pseudoniem,
            geboortejaar="2004",
            startdatum="2020-09-07",
            status="terug",
            einddatum="2021-01-04",
        ),
    )
    assert r.status_code == 302
    t.refresh_from_db()
    assert (t.status, t.einddatum) == ("terug", date(2021, 1, 4))


# The service checks too (it is the only way in for other callers) ------------------------


@pytest.mark.parametrize(
    "velden, veld",
    [
        ({"status": "terug", "einddatum": date(2030, 1, 1)}, "einddatum"),
        ({"startdatum": date(2026, 11, 24)}, "startdatum"),
        ({"geboortejaar": 2015, "startdatum": date(2019, 7, 31)}, "startdatum"),
        ({"geboortejaar": 2023}, "geboortejaar"),
        ({"geboortejaar": 0}, "geboortejaar"),
    ],
)
def test_service_weigert_onmogelijke_datums(gebruiker, velden, veld):
    kwargs = {
        "door": gebruiker("medewerker"),
        "school": innovo_school(),
        "pseudoniem": "D.T.",
        "geboortejaar": 2015,
        "type": "relatief",
        "startdatum": date(2026, 9, 7),
        **velden,
    }
    with pytest.raises(ValidationError) as fout:
        services.thuiszitter_registreren(**kwargs)
    assert veld in fout.value.message_dict
    assert not Thuiszitter.objects.filter(pseudoniem="D.T.").exists()


def test_service_wijzigen_weigert_toekomstige_einddatum(gebruiker):
    t = ThuiszitterFactory(school=innovo_school(), startdatum=date(2026, 9, 7))
    with pytest.raises(ValidationError) as fout:
        services.thuiszitter_wijzigen(
            thuiszitter=t,
            door=gebruiker("medewerker"),
            versie=t.versie,
            status="beeindigd",
            einddatum=date(2030, 1, 1),
        )
    assert "einddatum" in fout.value.message_dict
    t.refresh_from_db()
    assert (t.status, t.einddatum) == ("lopend", None)
