"""Voorzieningen and the dekkend netwerk: the register, placements only through a
toegekend besluit (collective arrangements only via the MDO, seed 001 §5.2), refused
beyond capacity without an explicit override with a reason, occupancy and waiting lists
counted on hand-checked data, the gaps of the dekkend netwerk, exports read back, and the
scope per role (the register for the SWV's roles and the OPR, pupils only by leerlingscope).
"""

import csv
import io
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from leerlingen import tijdlijn
from leerlingen.models import Leerling
from ondersteuning.models import Besluit
from ondersteuning.models import Soort as VraagSoort
from ondersteuning.services import loket
from ondersteuning.services import vraag as v
from swv.models import AuditEvent, Samenwerkingsverband
from tests.conftest import DEMO_ACCOUNTS
from voorzieningen import selectors
from voorzieningen.models import (
    Doelgroep,
    Plaatsing,
    Soort,
    Status,
    Voorziening,
    VoorzieningInstellingen,
)
from voorzieningen.services import plaatsing as p
from voorzieningen.services import voorziening as vz

pytestmark = pytest.mark.django_db


@pytest.fixture
def medewerker(gebruiker):
    return gebruiker("medewerker")


@pytest.fixture
def ib(gebruiker):
    return gebruiker("ib-innovo")


def _met_mdo(leerling):
    """Give the pupil's dossier a real MDO record: a demo TLV case with an MDO-oordeel
    becomes one of this dossier's cases."""
    from toelaatbaarheid.models import Aanvraag

    zaak = Aanvraag.objects.filter(mdo__isnull=False).order_by("pk").first()
    Aanvraag.objects.filter(pk=zaak.pk).update(leerling=leerling)
    return leerling


@pytest.fixture
def noor(ib):
    """Noor, with an MDO on her dossier (placing needs one, seed 001 §5.2)."""
    return _met_mdo(
        Leerling.objects.get(school=ib.school, voornaam="Noor", achternaam="Demodossier")
    )


def _voorziening(medewerker, swv, capaciteit=5, **kw):
    gegevens = {"naam": "Testklas", "soort": Soort.KANTELKLAS, "doelgroep": Doelgroep.GEDRAG,
                "capaciteit": capaciteit, **kw}  # fmt: skip
    return vz.voorziening_aanmaken(gebruiker=medewerker, swv=swv, **gegevens)


def _besluit(medewerker, leerling, *, soort=VraagSoort.VOORZIENING, besluit=Besluit.TOEGEKEND):
    arrangement = None
    if soort == VraagSoort.ARRANGEMENT and besluit == Besluit.TOEGEKEND:
        vandaag = timezone.localdate()
        arrangement = {"doelen": "Doelen.", "uren_per_week": 4, "startdatum": vandaag,
                       "einddatum": vandaag + timedelta(days=90), "school": leerling.school}  # fmt: skip
    """A vraag of the pupil decided today on a loket meeting of its SWV."""
    tb = leerling.trajectbegeleider or medewerker
    door = tb if tb.rol == "trajectbegeleider" else None
    from swv.models import Gebruiker

    door = door or Gebruiker.objects.get(username="trajectbegeleider")
    obj = v.vraag_aanmaken(
        gebruiker=door, leerling=leerling, soort=soort, vraag="Plaats?",
        niveaus_1_4="Benut.", zienswijze_ouders="Eens.",
        toestemming=leerling.toestemmingen.filter(ingetrokken_op__isnull=True).first(),
    )  # fmt: skip
    obj = v.vraag_indienen(gebruiker=door, vraag=obj, versie=obj.versie)
    overleg = loket.loketoverleg_plannen(
        gebruiker=medewerker, swv=leerling.swv, datum=timezone.localdate()
    )
    obj = v.vraag_agenderen(gebruiker=medewerker, vraag=obj, overleg=overleg, versie=obj.versie)
    return v.vraag_besluiten(gebruiker=medewerker, vraag=obj, overleg=overleg,
                             versie=obj.versie, besluit=besluit, reden="MDO.",
                             **({"arrangement": arrangement} if arrangement else {}))  # fmt: skip


def _leerling(swv, school, naam):
    return Leerling.objects.create(swv=swv, school=school, voornaam=naam, achternaam="Test")


def _plaatsing(voorziening, leerling, besluit, status, start=None, eind=None):
    return Plaatsing.objects.create(
        voorziening=voorziening, leerling=leerling, besluit=besluit, swv=voorziening.swv,
        school=leerling.school, status=status, startdatum=start, einddatum=eind,
        aangemaakt_door=besluit.aangemaakt_door,
    )  # fmt: skip


# Placement only through a decision -----------------------------------------------------


def test_placing_on_a_toegekend_besluit_puts_the_pupil_on_the_waiting_list(medewerker, noor):
    klas = _voorziening(medewerker, noor.swv)
    besluit = _besluit(medewerker, noor)
    obj = p.plaatsing_aanmaken(gebruiker=medewerker, voorziening=klas, besluit=besluit)
    assert obj.status == Status.WACHTLIJST and obj.leerling_id == noor.pk
    assert obj.school_id == noor.school_id and obj.swv_id == klas.swv_id
    assert [h.naar for h in obj.historie.all()] == ["wachtlijst"]
    event = AuditEvent.objects.filter(object_type="voorzieningen.plaatsing",
                                      object_id=str(obj.pk)).get()  # fmt: skip
    assert noor.voornaam not in event.omschrijving


@pytest.mark.parametrize("soort,besluit_", [
    (VraagSoort.VOORZIENING, Besluit.AFGEWEZEN),
    (VraagSoort.ADVIES, Besluit.TOEGEKEND),
    (VraagSoort.ARRANGEMENT, Besluit.TOEGEKEND),
    (VraagSoort.ONDERZOEK, Besluit.TOEGEKEND),
])  # fmt: skip
def test_placement_without_a_toegekende_voorziening_vraag_is_refused(
    medewerker, noor, soort, besluit_
):
    klas = _voorziening(medewerker, noor.swv)
    besluit = _besluit(medewerker, noor, soort=soort, besluit=besluit_)
    voor = Plaatsing.objects.count()
    with pytest.raises(ValidationError) as fout:
        p.plaatsing_aanmaken(gebruiker=medewerker, voorziening=klas, besluit=besluit)
    assert "besluit" in fout.value.error_dict
    assert Plaatsing.objects.count() == voor


def test_a_vraag_not_yet_decided_is_refused(medewerker, noor):
    klas = _voorziening(medewerker, noor.swv)
    concept = noor.ondersteuningsvragen.filter(status="concept").first()
    assert concept is not None, "de demo heeft een vraag in concept"
    with pytest.raises(ValidationError, match="toegekende"):
        p.plaatsing_aanmaken(gebruiker=medewerker, voorziening=klas, besluit=concept)
    with pytest.raises(ValidationError) as fout:
        p.plaatsing_aanmaken(gebruiker=medewerker, voorziening=klas, besluit=None)
    assert "besluit" in fout.value.error_dict


def test_without_the_mdo_rule_an_arrangement_decision_may_carry_a_placement(medewerker, noor):
    klas = _voorziening(medewerker, noor.swv)
    besluit = _besluit(medewerker, noor, soort=VraagSoort.ARRANGEMENT)
    VoorzieningInstellingen.objects.create(swv=noor.swv, collectief_alleen_via_mdo=False)
    obj = p.plaatsing_aanmaken(gebruiker=medewerker, voorziening=klas, besluit=besluit)
    assert obj.status == Status.WACHTLIJST
    advies = _besluit(medewerker, noor, soort=VraagSoort.ADVIES)
    with pytest.raises(ValidationError):
        p.plaatsing_aanmaken(gebruiker=medewerker, voorziening=_voorziening(medewerker, noor.swv),
                             besluit=advies)  # fmt: skip


def test_a_decision_of_another_swv_is_refused(medewerker, noor):
    ander = Samenwerkingsverband.objects.exclude(pk=noor.swv_id).get(code="PO3104")
    klas = _voorziening(medewerker, ander)
    with pytest.raises(ValidationError, match="ander samenwerkingsverband"):
        p.plaatsing_aanmaken(gebruiker=medewerker, voorziening=klas,
                             besluit=_besluit(medewerker, noor))  # fmt: skip


def test_one_open_placement_per_pupil_per_voorziening(medewerker, noor):
    klas = _voorziening(medewerker, noor.swv)
    besluit = _besluit(medewerker, noor)
    p.plaatsing_aanmaken(gebruiker=medewerker, voorziening=klas, besluit=besluit)
    with pytest.raises(ValidationError, match="al op de wachtlijst"):
        p.plaatsing_aanmaken(gebruiker=medewerker, voorziening=klas, besluit=besluit)


# Capacity ------------------------------------------------------------------------------


def test_placing_beyond_capacity_needs_an_explicit_override_with_a_reason(medewerker, noor):
    vol = _voorziening(medewerker, noor.swv, capaciteit=0)
    besluit = _besluit(medewerker, noor)
    vandaag = timezone.localdate()
    voor = Plaatsing.objects.count()
    with pytest.raises(ValidationError) as fout:
        p.plaatsing_aanmaken(gebruiker=medewerker, voorziening=vol, besluit=besluit,
                             direct_plaatsen=True, startdatum=vandaag)  # fmt: skip
    assert "vol" in fout.value.error_dict["boven_capaciteit"][0].message
    with pytest.raises(ValidationError) as fout:
        p.plaatsing_aanmaken(gebruiker=medewerker, voorziening=vol, besluit=besluit,
                             direct_plaatsen=True, startdatum=vandaag, boven_capaciteit=True,
                             capaciteit_reden="  ")  # fmt: skip
    assert "capaciteit_reden" in fout.value.error_dict
    assert Plaatsing.objects.count() == voor, "niets half opgeslagen"
    obj = p.plaatsing_aanmaken(gebruiker=medewerker, voorziening=vol, besluit=besluit,
                               direct_plaatsen=True, startdatum=vandaag, boven_capaciteit=True,
                               capaciteit_reden="Thuiszitter; geen alternatief.")  # fmt: skip
    assert obj.status == Status.GEPLAATST and obj.boven_capaciteit
    assert [h.naar for h in obj.historie.all()] == ["wachtlijst", "geplaatst"]


def test_within_capacity_no_override_is_needed_and_none_is_recorded(medewerker, noor):
    klas = _voorziening(medewerker, noor.swv, capaciteit=1)
    obj = p.plaatsing_aanmaken(gebruiker=medewerker, voorziening=klas,
                               besluit=_besluit(medewerker, noor), direct_plaatsen=True,
                               startdatum=timezone.localdate(), boven_capaciteit=True,
                               capaciteit_reden="niet nodig")  # fmt: skip
    assert obj.status == Status.GEPLAATST and not obj.boven_capaciteit
    assert obj.capaciteit_reden == ""


def test_placing_from_the_waiting_list_into_a_full_voorziening_is_refused(medewerker, noor):
    klas = _voorziening(medewerker, noor.swv, capaciteit=1)
    besluit = _besluit(medewerker, noor)
    wacht = p.plaatsing_aanmaken(gebruiker=medewerker, voorziening=klas, besluit=besluit)
    ander = _leerling(noor.swv, noor.school, "Bram")
    _plaatsing(klas, ander, besluit, Status.GEPLAATST, start=timezone.localdate())
    with pytest.raises(ValidationError) as fout:
        p.plaatsing_plaatsen(gebruiker=medewerker, plaatsing=wacht, versie=wacht.versie,
                             startdatum=timezone.localdate())  # fmt: skip
    assert "boven_capaciteit" in fout.value.error_dict
    wacht.refresh_from_db()
    assert wacht.status == Status.WACHTLIJST
    obj = p.plaatsing_plaatsen(gebruiker=medewerker, plaatsing=wacht, versie=wacht.versie,
                               startdatum=timezone.localdate(), boven_capaciteit=True,
                               capaciteit_reden="Crisisplaatsing.")  # fmt: skip
    assert obj.status == Status.GEPLAATST and obj.capaciteit_reden == "Crisisplaatsing."


def test_ending_frees_the_seat_and_not_before_the_start(medewerker, noor):
    klas = _voorziening(medewerker, noor.swv, capaciteit=1)
    vandaag = timezone.localdate()
    obj = p.plaatsing_aanmaken(gebruiker=medewerker, voorziening=klas,
                               besluit=_besluit(medewerker, noor), direct_plaatsen=True,
                               startdatum=vandaag)  # fmt: skip
    with pytest.raises(ValidationError) as fout:
        p.plaatsing_beeindigen(gebruiker=medewerker, plaatsing=obj, versie=obj.versie,
                               einddatum=vandaag - timedelta(days=1))  # fmt: skip
    assert "einddatum" in fout.value.error_dict
    obj = p.plaatsing_beeindigen(gebruiker=medewerker, plaatsing=obj, versie=obj.versie,
                                 einddatum=vandaag)  # fmt: skip
    assert obj.status == Status.BEEINDIGD
    assert selectors.voorziening_van(medewerker, klas.pk).geplaatst_open == 0
    with pytest.raises(PermissionDenied):  # ended: off the waiting list is not a step now
        p.plaatsing_laten_vervallen(gebruiker=medewerker, plaatsing=obj, versie=obj.versie)


def test_a_stale_version_is_refused(medewerker, noor):
    klas = _voorziening(medewerker, noor.swv)
    obj = p.plaatsing_aanmaken(gebruiker=medewerker, voorziening=klas,
                               besluit=_besluit(medewerker, noor))  # fmt: skip
    with pytest.raises(ValidationError, match="intussen gewijzigd"):
        p.plaatsing_laten_vervallen(gebruiker=medewerker, plaatsing=obj, versie=obj.versie - 1)
    obj = p.plaatsing_laten_vervallen(gebruiker=medewerker, plaatsing=obj, versie=obj.versie)
    assert obj.status == Status.VERVALLEN


def test_gemeente_aandeel_outside_0_100_is_refused_on_its_field(medewerker, noor):
    for waarde in (-1, "100.01", 150):
        with pytest.raises(ValidationError) as fout:
            _voorziening(medewerker, noor.swv, gemeente_aandeel=waarde)
        assert "gemeente_aandeel" in fout.value.error_dict
    assert _voorziening(medewerker, noor.swv, gemeente_aandeel=100).gemeente_aandeel == 100


def test_a_host_school_of_another_swv_is_refused_and_the_bestuur_follows_the_school(
    medewerker, noor
):
    from swv.models import School

    elders = School.objects.exclude(swv=noor.swv).exclude(swv=None).first()
    with pytest.raises(ValidationError) as fout:
        _voorziening(medewerker, noor.swv, gastschool=elders)
    assert "gastschool" in fout.value.error_dict
    obj = _voorziening(medewerker, noor.swv, gastschool=noor.school)
    assert obj.bestuur_id == noor.school.bestuur_id and obj.gemeente_id == noor.school.gemeente_id


# Occupancy and waiting lists on hand-checked data ------------------------------------


def test_occupancy_and_waiting_list_counts(medewerker, noor):
    klas = _voorziening(medewerker, noor.swv, capaciteit=5)
    besluit = _besluit(medewerker, noor)
    vandaag = timezone.localdate()
    dag = timedelta(days=1)
    ll = [_leerling(noor.swv, noor.school, f"Kind{i}") for i in range(7)]
    _plaatsing(klas, ll[0], besluit, Status.GEPLAATST, start=vandaag - 30 * dag)
    _plaatsing(klas, ll[1], besluit, Status.GEPLAATST, start=vandaag)
    _plaatsing(klas, ll[2], besluit, Status.GEPLAATST, start=vandaag + 10 * dag)  # later
    _plaatsing(klas, ll[3], besluit, Status.BEEINDIGD, start=vandaag - 20 * dag,
               eind=vandaag - dag)  # fmt: skip
    _plaatsing(klas, ll[4], besluit, Status.WACHTLIJST)
    _plaatsing(klas, ll[5], besluit, Status.WACHTLIJST)
    _plaatsing(klas, ll[6], besluit, Status.VERVALLEN)
    nu = selectors.voorziening_van(medewerker, klas.pk)
    assert (nu.bezetting, nu.wachtlijst, nu.geplaatst_open) == (2, 2, 3)
    eerder = selectors.voorziening_lijst(medewerker, vandaag - 5 * dag).get(pk=klas.pk)
    assert eerder.bezetting == 2  # ll[0] and the ended ll[3]
    later = selectors.voorziening_lijst(medewerker, vandaag + 10 * dag).get(pk=klas.pk)
    assert later.bezetting == 3  # ll[0], ll[1], ll[2]


# The dekkend netwerk -------------------------------------------------------------------


def test_gaps_are_the_doelgroepen_without_an_active_voorziening(medewerker):
    swv = Samenwerkingsverband.objects.create(code="PO9901", naam="Test-SWV")
    medewerker.samenwerkingsverbanden.add(swv)
    _voorziening(medewerker, swv, doelgroep=Doelgroep.GEDRAG, capaciteit=8)
    _voorziening(medewerker, swv, doelgroep=Doelgroep.LEREN, soort=Soort.OBSERVATIEGROEP,
                 capaciteit=4)  # fmt: skip
    _voorziening(medewerker, swv, doelgroep=Doelgroep.ZML, capaciteit=3, actief=False)
    leeg = Samenwerkingsverband.objects.create(code="PO9902", naam="Leeg-SWV")
    medewerker.samenwerkingsverbanden.add(leeg)
    rijen = list(selectors.netwerk_voorzieningen(medewerker, swv_id=swv.pk))
    overzicht = selectors.netwerk_overzicht([swv, leeg], rijen)
    blok, leeg_blok = overzicht["per_swv"]
    tekorten = {t["doelgroep"] for t in blok["tekorten"]}
    assert tekorten == set(Doelgroep.values) - {"gedrag", "leren"}  # zml: not active
    assert {t["doelgroep"] for t in leeg_blok["tekorten"]} == set(Doelgroep.values)
    assert blok["totaal"] == {"aantal": 2, "capaciteit": 12, "bezetting": 0, "wachtlijst": 0}
    per_soort = {r["soort"]: r["capaciteit"] for r in overzicht["per_soort"]}
    assert per_soort["kantelklas"] == 8 and per_soort["observatiegroep"] == 4


def _csv(antwoord):
    tekst = antwoord.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(tekst), delimiter=";"))


def test_export_csv_and_xlsx_hold_the_register_in_scope_and_no_pupils(als, gebruiker, medewerker):
    elders = Samenwerkingsverband.objects.create(code="PO9905", naam="Elders")
    medewerker.samenwerkingsverbanden.add(elders)
    _voorziening(medewerker, elders, naam="Klas elders")
    alle = Voorziening.objects.filter(actief=True).count()
    antwoord = als("medewerker").get(reverse("voorzieningen:netwerk") + "?format=csv")
    assert antwoord.status_code == 200 and antwoord["Content-Type"].startswith("text/csv")
    rijen = _csv(antwoord)
    assert rijen[0][:3] == ["Samenwerkingsverband", "Nummer", "Naam"]
    assert len(rijen) - 1 == alle and "Klas elders" in {r[2] for r in rijen}
    tekst = antwoord.content.decode("utf-8-sig")
    assert "Demodossier" not in tekst and "Noor" not in tekst

    for naam in ("bestuur-movare", "ib-innovo"):
        wie = gebruiker(naam)
        eigen = selectors.voorzieningen_voor(wie).filter(actief=True)
        antwoord = als(naam).get(reverse("voorzieningen:netwerk") + "?format=xlsx")
        blad = load_workbook(io.BytesIO(antwoord.content)).active
        regels = list(blad.iter_rows(values_only=True))
        assert regels[0][0] == "Samenwerkingsverband"
        assert sorted(r[1] for r in regels[1:]) == sorted(v.nummer for v in eigen)
        assert "PO9905" not in {r[0] for r in regels[1:]}
        assert not any("Demodossier" in str(c) for r in regels for c in r)
    ib = gebruiker("ib-innovo")
    assert set(selectors.voorzieningen_voor(ib).values_list("swv_id", flat=True)) == {
        ib.school.swv_id
    }


def test_export_of_the_gaps_reads_back(als, medewerker):
    swv = Samenwerkingsverband.objects.get(code="PO3105")
    antwoord = als("medewerker").get(
        reverse("voorzieningen:netwerk") + f"?swv={swv.pk}&tabel=tekorten&format=csv"
    )
    rijen = _csv(antwoord)
    assert rijen[0] == ["Samenwerkingsverband", "Doelgroep zonder voorziening"]
    gedekt = set(Voorziening.objects.filter(swv=swv, actief=True).values_list("doelgroep",
                                                                            flat=True))  # fmt: skip
    verwacht = {str(label) for code, label in Doelgroep.choices if code not in gedekt}
    assert {r[1] for r in rijen[1:]} == verwacht and {r[0] for r in rijen[1:]} <= {"PO3105"}
    assert verwacht, "de demo laat bewust tekorten zien"


def test_netwerk_page_shows_table_and_chart(als):
    antwoord = als("opr").get(reverse("voorzieningen:netwerk"))
    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    assert "<svg" in inhoud and "<caption" in inhoud
    assert "Doelgroepen zonder voorziening" in inhoud


# Scope per role ------------------------------------------------------------------------

ZIET_REGISTER = {"medewerker", "directeur", "privacy", "trajectbegeleider", "bestuur-innovo",
                 "bestuur-movare", "ib-innovo", "opr"}  # fmt: skip


@pytest.mark.parametrize("naam", DEMO_ACCOUNTS)
def test_who_sees_the_register(gebruiker, naam):
    assert selectors.voorzieningen_voor(gebruiker(naam)).exists() is (naam in ZIET_REGISTER)


def test_a_voorziening_of_another_swv_answers_404(als, medewerker):
    swv = Samenwerkingsverband.objects.create(code="PO9904", naam="Elders")
    medewerker.samenwerkingsverbanden.add(swv)
    elders = _voorziening(medewerker, swv)
    medewerker.samenwerkingsverbanden.remove(swv)
    for naam in ("medewerker", "bestuur-innovo", "opr", "ib-innovo"):
        assert als(naam).get(reverse("voorzieningen:detail", args=[elders.pk])).status_code == 404


@pytest.mark.parametrize("naam,ziet", [
    ("medewerker", True), ("ib-innovo", True), ("bestuur-innovo", True),
    ("bestuur-movare", False), ("opr", False), ("orthopedagoog", False),
])  # fmt: skip
def test_pupil_names_only_for_roles_that_may_see_the_pupil(als, medewerker, noor, naam, ziet):
    klas = _voorziening(medewerker, noor.swv)
    obj = p.plaatsing_aanmaken(gebruiker=medewerker, voorziening=klas,
                               besluit=_besluit(medewerker, noor))  # fmt: skip
    client = als(naam)
    detail = client.get(reverse("voorzieningen:detail", args=[klas.pk]))
    if naam in ZIET_REGISTER and detail.status_code == 200:
        assert ("Noor Demodossier" in detail.content.decode()) is ziet
        assert detail.context["voorziening"].wachtlijst == 1  # the number for everyone
    else:
        assert detail.status_code in (403, 404)
    code = client.get(reverse("voorzieningen:plaatsing", args=[obj.pk])).status_code
    assert code == (200 if ziet else 404) or (not ziet and code == 403)


def test_school_and_bestuur_cannot_place_or_keep_the_register(gebruiker, medewerker, noor):
    klas = _voorziening(medewerker, noor.swv)
    besluit = _besluit(medewerker, noor)
    for naam in ("ib-innovo", "bestuur-innovo", "opr"):
        with pytest.raises(PermissionDenied):
            p.plaatsing_aanmaken(gebruiker=gebruiker(naam), voorziening=klas, besluit=besluit)
        with pytest.raises(PermissionDenied):
            vz.voorziening_wijzigen(gebruiker=gebruiker(naam), voorziening=klas,
                                    versie=klas.versie, capaciteit=99)  # fmt: skip
    tb = gebruiker("trajectbegeleider")
    assert p.plaatsing_aanmaken(gebruiker=tb, voorziening=klas, besluit=besluit).pk


# Pages ---------------------------------------------------------------------------------


def test_the_capacity_refusal_sits_next_to_the_field(als, medewerker, noor):
    vol = _voorziening(medewerker, noor.swv, capaciteit=0)
    besluit = _besluit(medewerker, noor)
    url = reverse("voorzieningen:plaatsing-nieuw", args=[vol.pk])
    client = als("medewerker")
    assert client.get(url).status_code == 200
    antwoord = client.post(url, {"besluit": besluit.pk, "direct_plaatsen": "1",
                                 "startdatum": timezone.localdate().isoformat()})  # fmt: skip
    assert antwoord.status_code == 400
    assert "vol" in antwoord.context["form"].errors["boven_capaciteit"][0]
    assert not Plaatsing.objects.filter(voorziening=vol).exists()
    antwoord = client.post(url, {"besluit": besluit.pk, "direct_plaatsen": "1",
                                 "startdatum": timezone.localdate().isoformat(),
                                 "boven_capaciteit": "on",
                                 "capaciteit_reden": "Geen alternatief."})  # fmt: skip
    assert antwoord.status_code == 302
    assert Plaatsing.objects.get(voorziening=vol).boven_capaciteit


def test_adding_and_editing_a_voorziening_through_the_pages(als, medewerker, noor):
    client = als("medewerker")
    gegevens = {"swv": noor.swv_id, "naam": "Kantelklas Zuid", "soort": "kantelklas",
                "doelgroep": "gedrag", "capaciteit": "6", "gemeente_aandeel": "150",
                "actief": "on"}  # fmt: skip
    antwoord = client.post(reverse("voorzieningen:nieuw"), gegevens)
    assert antwoord.status_code == 400 and "gemeente_aandeel" in antwoord.context["form"].errors
    antwoord = client.post(reverse("voorzieningen:nieuw"), {**gegevens, "gemeente_aandeel": "40"})
    assert antwoord.status_code == 302
    obj = Voorziening.objects.get(naam="Kantelklas Zuid")
    url = reverse("voorzieningen:wijzigen", args=[obj.pk])
    antwoord = client.post(url, {**gegevens, "gemeente_aandeel": "40", "capaciteit": "9",
                                 "versie": obj.versie})  # fmt: skip
    assert antwoord.status_code == 302
    obj.refresh_from_db()
    assert obj.capaciteit == 9 and obj.versie == 2
    verouderd = client.post(url, {**gegevens, "gemeente_aandeel": "40", "versie": 1})
    assert verouderd.status_code == 400
    assert AuditEvent.objects.filter(object_type="voorzieningen.voorziening",
                                     object_id=str(obj.pk)).count() == 2  # fmt: skip


def test_placement_actions_through_the_page(als, medewerker, noor):
    klas = _voorziening(medewerker, noor.swv)
    obj = p.plaatsing_aanmaken(gebruiker=medewerker, voorziening=klas,
                               besluit=_besluit(medewerker, noor))  # fmt: skip
    client = als("trajectbegeleider")
    url = reverse("voorzieningen:plaatsing-actie", args=[obj.pk, "plaatsen"])
    antwoord = client.post(url, {"plaatsen-versie": obj.versie, "plaatsen-startdatum": ""})
    assert antwoord.status_code == 400
    antwoord = client.post(url, {"plaatsen-versie": obj.versie,
                                 "plaatsen-startdatum": timezone.localdate().isoformat()})  # fmt: skip
    assert antwoord.status_code == 302
    obj.refresh_from_db()
    assert obj.status == Status.GEPLAATST
    assert als("ib-innovo").post(url, {}).status_code == 403


def test_placements_are_on_the_dossier_timeline(medewerker, ib, noor, gebruiker):
    klas = _voorziening(medewerker, noor.swv, naam="Tijdlijnklas")
    p.plaatsing_aanmaken(gebruiker=medewerker, voorziening=klas, besluit=_besluit(medewerker, noor))
    titels = [g.titel for g in tijdlijn.tijdlijn(noor, ib)]
    assert any("Tijdlijnklas" in t for t in titels)
    assert not any("Tijdlijnklas" in t for t in tijdlijn.tijdlijn(noor, gebruiker("opr")))


# Query counts --------------------------------------------------------------------------


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("pagina", ["voorzieningen:index", "voorzieningen:netwerk"])
def test_query_count_does_not_grow_with_the_register(als, medewerker, noor, pagina):
    client = als("medewerker")
    url = reverse(pagina)
    besluit = _besluit(medewerker, noor)

    def erbij(n):
        for i in range(n):
            klas = _voorziening(medewerker, noor.swv, naam=f"Klas {i:03d}",
                                gastschool=noor.school)  # fmt: skip
            _plaatsing(klas, _leerling(noor.swv, noor.school, f"Q{klas.pk}"), besluit,
                       Status.WACHTLIJST)  # fmt: skip

    erbij(10)
    weinig = _queries(client, url)
    erbij(40)
    assert _queries(client, url) == weinig


def test_placements_are_in_the_avg_inzage_of_the_pupil(medewerker, noor, gebruiker):
    from swv import inzage

    klas = _voorziening(medewerker, noor.swv, naam="Inzageklas")
    obj = p.plaatsing_aanmaken(gebruiker=medewerker, voorziening=klas,
                               besluit=_besluit(medewerker, noor))  # fmt: skip
    delen = inzage.verzamelen(user=gebruiker("privacy"), achternaam="demodossier",
                              geboortedatum=noor.geboortedatum, voornaam="Noor")  # fmt: skip
    plaatsingen = [d for d in delen if d.titel == "Plaatsingen in voorzieningen"]
    assert plaatsingen and obj.nummer in {r[0] for r in plaatsingen[0].rijen}


# Placing only via the MDO (seed 001 §5.2) ------------------------------------------------


def test_placing_without_an_mdo_record_is_refused_on_the_field_waiting_is_not(medewerker, noor):
    """A loket decision alone does not open a seat in a collective arrangement: the
    pupil's dossier needs a real MDO record. The waiting list needs the decision only."""
    nieuw = _leerling(noor.swv, noor.school, "Zonder-mdo")
    nieuw.toestemmingen.create(gegeven_door="Ouder", datum=timezone.localdate(),
                               reikwijdte="Delen met het SWV", vastgelegd_door=medewerker)  # fmt: skip
    besluit = _besluit(medewerker, nieuw)
    klas = _voorziening(medewerker, noor.swv)
    with pytest.raises(ValidationError) as fout:
        p.plaatsing_aanmaken(gebruiker=medewerker, voorziening=klas, besluit=besluit,
                             direct_plaatsen=True, startdatum=timezone.localdate())  # fmt: skip
    assert "alleen via het MDO" in fout.value.error_dict["startdatum"][0].message
    assert not Plaatsing.objects.filter(leerling=nieuw).exists()  # nothing half-saved
    wacht = p.plaatsing_aanmaken(gebruiker=medewerker, voorziening=klas, besluit=besluit)
    assert wacht.status == Status.WACHTLIJST
    with pytest.raises(ValidationError) as fout:
        p.plaatsing_plaatsen(gebruiker=medewerker, plaatsing=wacht, versie=wacht.versie,
                             startdatum=timezone.localdate())  # fmt: skip
    assert "nog geen MDO vastgelegd" in fout.value.error_dict["startdatum"][0].message
    wacht.refresh_from_db()
    assert wacht.status == Status.WACHTLIJST
    # Once the MDO is recorded on the dossier, the seat opens.
    _met_mdo(nieuw)
    wacht = p.plaatsing_plaatsen(gebruiker=medewerker, plaatsing=wacht, versie=wacht.versie,
                                 startdatum=timezone.localdate())  # fmt: skip
    assert wacht.status == Status.GEPLAATST


def test_a_knooppuntoverleg_turned_into_an_mdo_counts_as_the_mdo(medewerker):
    """The demo's Lina: her knooppuntoverleg was turned into an MDO (knooppunt toeleiding)."""
    lina = Leerling.objects.get(voornaam="Lina", achternaam="Demodossier")
    assert lina.knooppuntoverleggen.filter(status="naar_mdo").exists()
    assert selectors.heeft_mdo(lina.pk)
    klas = _voorziening(medewerker, lina.swv)
    obj = p.plaatsing_aanmaken(gebruiker=medewerker, voorziening=klas,
                               besluit=_besluit(medewerker, lina), direct_plaatsen=True,
                               startdatum=timezone.localdate())  # fmt: skip
    assert obj.status == Status.GEPLAATST
    # A held overleg that was not turned into an MDO is no MDO.
    ties = Leerling.objects.get(voornaam="Ties", achternaam="Demodossier")
    assert ties.knooppuntoverleggen.filter(status="gehouden").exists()
    assert not selectors.heeft_mdo(ties.pk)


def test_without_the_swv_rule_no_mdo_is_needed(medewerker):
    ties = Leerling.objects.get(voornaam="Ties", achternaam="Demodossier")
    VoorzieningInstellingen.objects.update_or_create(
        swv=ties.swv, defaults={"collectief_alleen_via_mdo": False}
    )
    klas = _voorziening(medewerker, ties.swv)
    obj = p.plaatsing_aanmaken(gebruiker=medewerker, voorziening=klas,
                               besluit=_besluit(medewerker, ties), direct_plaatsen=True,
                               startdatum=timezone.localdate())  # fmt: skip
    assert obj.status == Status.GEPLAATST


def test_the_placing_page_shows_the_mdo_message_next_to_the_field(als, medewerker, noor):
    nieuw = _leerling(noor.swv, noor.school, "Pagina-mdo")
    nieuw.toestemmingen.create(gegeven_door="Ouder", datum=timezone.localdate(),
                               reikwijdte="Delen met het SWV", vastgelegd_door=medewerker)  # fmt: skip
    besluit = _besluit(medewerker, nieuw)
    klas = _voorziening(medewerker, noor.swv)
    wacht = p.plaatsing_aanmaken(gebruiker=medewerker, voorziening=klas, besluit=besluit)
    antwoord = als("medewerker").post(
        reverse("voorzieningen:plaatsing-actie", args=[wacht.pk, "plaatsen"]),
        {"plaatsen-versie": wacht.versie, "plaatsen-startdatum": timezone.localdate().isoformat()},
    )
    assert antwoord.status_code == 400
    assert "alleen via het MDO" in antwoord.content.decode()
