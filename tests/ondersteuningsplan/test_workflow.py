"""Status workflow: every transition allowed and refused per role, preconditions, history."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django_fsm import ConcurrentTransition

from ondersteuningsplan import services
from ondersteuningsplan.models import (
    Ondersteuningsplan,
    OogoUitkomst,
    OprUitkomst,
    PlanStatus,
    Statusovergang,
)
from ondersteuningsplan.selectors import gemeenten_van
from swv.models import AuditEvent
from tests.factories.ondersteuningsplan import PlanFactory, volledig_plan

ROLLEN = ["medewerker", "directeur", "trajectbegeleider", "orthopedagoog", "opr"]
# Who may take which step (other roles get 403, or 404 where they cannot see the plan).
MAG = {
    "naar_consultatie": {"medewerker", "directeur"},
    "voorleggen": {"medewerker", "directeur"},
    "terug_naar_concept": {"medewerker", "directeur"},
    "vaststellen": {"directeur"},
    "naar_inspectie": {"medewerker", "directeur"},
    "publiceren": {"directeur"},
}


def _naar(plan, status):
    Ondersteuningsplan.objects.filter(pk=plan.pk).update(status=status)
    return Ondersteuningsplan.objects.get(pk=plan.pk)


def _klaar_voor_vaststelling(plan, gebruiker):
    plan = services.plan_overgang(plan=plan, door=gebruiker("medewerker"), naam="voorleggen")
    for g in gemeenten_van(plan):
        services.oogo_vastleggen(
            plan=plan, door=gebruiker("medewerker"), gemeente=g,
            datum=datetime.date(2026, 1, 2), uitkomst=OogoUitkomst.OVEREENSTEMMING,
        )  # fmt: skip
    services.opr_besluit_vastleggen(
        plan=plan, door=gebruiker("opr"), datum=datetime.date(2026, 1, 5), stemmen_voor=8,
        stemmen_tegen=1, uitkomst=OprUitkomst.INSTEMMING,
    )  # fmt: skip
    return plan


@pytest.mark.parametrize("naam,van", [
    ("naar_consultatie", PlanStatus.CONCEPT),
    ("voorleggen", PlanStatus.CONSULTATIE),
    ("terug_naar_concept", PlanStatus.TER_INSTEMMING),
    ("naar_inspectie", PlanStatus.VASTGESTELD),
    ("publiceren", PlanStatus.BIJ_INSPECTIE),
])  # fmt: skip
@pytest.mark.parametrize("rol", ROLLEN)
def test_overgang_per_rol(als, rol, naam, van):
    plan = _naar(volledig_plan(), van)
    r = als(rol).post(f"/plannen/{plan.pk}/overgang/{naam}/")
    plan = Ondersteuningsplan.objects.get(pk=plan.pk)
    if rol in MAG[naam]:
        assert r.status_code == 302
        assert plan.status != van
        assert plan.overgangen.get().door.username == rol
    else:
        # OPR sees a plan only from ter_instemming on; other roles only adopted plans.
        assert r.status_code in (403, 404)
        assert plan.status == van


@pytest.mark.parametrize("rol", ROLLEN)
def test_vaststellen_alleen_directeur(als, gebruiker, rol):
    plan = _klaar_voor_vaststelling(volledig_plan(), gebruiker)
    r = als(rol).post(f"/plannen/{plan.pk}/overgang/vaststellen/")
    plan = Ondersteuningsplan.objects.get(pk=plan.pk)
    if rol == "directeur":
        assert r.status_code == 302 and plan.status == PlanStatus.VASTGESTELD
    else:
        assert r.status_code in (403, 404) and plan.status == PlanStatus.TER_INSTEMMING


@pytest.mark.parametrize("van,naam", [
    (PlanStatus.CONCEPT, "vaststellen"),
    (PlanStatus.CONCEPT, "publiceren"),
    (PlanStatus.CONCEPT, "naar_inspectie"),
    (PlanStatus.CONSULTATIE, "vaststellen"),
    (PlanStatus.TER_INSTEMMING, "publiceren"),
    (PlanStatus.VASTGESTELD, "publiceren"),
    (PlanStatus.VASTGESTELD, "terug_naar_concept"),
    (PlanStatus.GEPUBLICEERD, "terug_naar_concept"),
    (PlanStatus.GEPUBLICEERD, "voorleggen"),
])  # fmt: skip
def test_illegale_sprongen_geweigerd(als, van, naam):
    plan = _naar(volledig_plan(), van)
    r = als("directeur").post(f"/plannen/{plan.pk}/overgang/{naam}/", follow=True)
    assert Ondersteuningsplan.objects.get(pk=plan.pk).status == van
    assert "Deze stap kan nog niet" in r.content.decode()
    assert not Statusovergang.objects.filter(plan=plan).exists()


def test_status_is_beschermd_tegen_directe_toewijzing():
    plan = PlanFactory()
    with pytest.raises(AttributeError):
        plan.status = PlanStatus.GEPUBLICEERD


def test_lege_verplichte_velden_blokkeren_ter_instemming_met_lijst(als):
    plan = PlanFactory(missie="", strategie="")
    r = als("medewerker").post(f"/plannen/{plan.pk}/overgang/voorleggen/", follow=True)
    html = r.content.decode()
    assert Ondersteuningsplan.objects.get(pk=plan.pk).status == PlanStatus.CONCEPT
    for tekst in [
        "De missie is leeg.",
        "De strategie is leeg.",
        "geen speerpunten",
        "geen hoofdstukken",
    ]:
        assert tekst in html
    assert not plan.versies.exists()


def test_vaststellen_vraagt_opr_instemming_en_oogo_met_elke_gemeente(gebruiker):
    directeur, medewerker = gebruiker("directeur"), gebruiker("medewerker")
    plan = services.plan_overgang(plan=volledig_plan(), door=medewerker, naam="voorleggen")
    gemeenten = list(gemeenten_van(plan))
    assert len(gemeenten) > 1
    with pytest.raises(ValidationError) as fout:
        services.plan_overgang(plan=plan, door=directeur, naam="vaststellen")
    assert "De OPR heeft nog niet besloten over de voorgelegde versie." in fout.value.messages
    assert sum("Geen OOGO vastgelegd" in m for m in fout.value.messages) == len(gemeenten)
    # OPR first, OOGO later (the law fixes no order): still blocked until every gemeente.
    services.opr_besluit_vastleggen(
        plan=plan, door=gebruiker("opr"), datum=datetime.date(2026, 1, 5), stemmen_voor=6,
        stemmen_tegen=2, uitkomst=OprUitkomst.INSTEMMING,
    )  # fmt: skip
    for g in gemeenten[:-1]:
        services.oogo_vastleggen(plan=plan, door=medewerker, gemeente=g,
                                 datum=datetime.date(2026, 1, 2), uitkomst=OogoUitkomst.OVEREENSTEMMING)  # fmt: skip
    services.oogo_vastleggen(plan=plan, door=medewerker, gemeente=gemeenten[-1],
                             datum=datetime.date(2026, 1, 2), uitkomst=OogoUitkomst.GEEN_OVEREENSTEMMING)  # fmt: skip
    with pytest.raises(ValidationError) as fout:
        services.plan_overgang(plan=plan, door=directeur, naam="vaststellen")
    assert fout.value.messages == [
        f"Geen overeenstemming in het OOGO met gemeente {gemeenten[-1].naam}."
    ]
    # A later OOGO that reaches agreement counts.
    services.oogo_vastleggen(plan=plan, door=medewerker, gemeente=gemeenten[-1],
                             datum=datetime.date(2026, 1, 9), uitkomst=OogoUitkomst.OVEREENSTEMMING)  # fmt: skip
    plan = services.plan_overgang(plan=plan, door=directeur, naam="vaststellen")
    assert plan.status == PlanStatus.VASTGESTELD


def test_opr_weigering_blokkeert_en_vraagt_motivering(gebruiker):
    plan = services.plan_overgang(
        plan=volledig_plan(), door=gebruiker("medewerker"), naam="voorleggen"
    )
    with pytest.raises(ValidationError) as fout:
        services.opr_besluit_vastleggen(
            plan=plan, door=gebruiker("opr"), datum=datetime.date(2026, 1, 5), stemmen_voor=2,
            stemmen_tegen=6, uitkomst=OprUitkomst.WEIGERING, motivering="  ",
        )  # fmt: skip
    assert "motivering" in fout.value.error_dict
    services.opr_besluit_vastleggen(
        plan=plan, door=gebruiker("opr"), datum=datetime.date(2026, 1, 5), stemmen_voor=2,
        stemmen_tegen=6, uitkomst=OprUitkomst.WEIGERING, motivering="Thuiszitters onvoldoende.",
    )  # fmt: skip
    assert "De OPR heeft instemming geweigerd." in services.blokkades_vaststelling(plan)


def test_opr_instemming_geldt_alleen_voor_de_voorgelegde_versie(gebruiker):
    plan = _klaar_voor_vaststelling(volledig_plan(), gebruiker)
    # Back to concept and again to the OPR: a new version, the old consent no longer counts.
    plan = services.plan_overgang(
        plan=plan, door=gebruiker("medewerker"), naam="terug_naar_concept"
    )
    plan = services.plan_overgang(plan=plan, door=gebruiker("medewerker"), naam="voorleggen")
    assert plan.versies.count() == 2
    assert (
        "De OPR heeft nog niet besloten over de voorgelegde versie."
        in services.blokkades_vaststelling(plan)
    )


def test_opr_besluit_datum_niet_in_de_toekomst(als, gebruiker):
    plan = services.plan_overgang(
        plan=volledig_plan(), door=gebruiker("medewerker"), naam="voorleggen"
    )
    morgen = timezone.localdate() + datetime.timedelta(days=1)
    r = als("opr").post(f"/plannen/{plan.pk}/opr-besluit/nieuw/", {
        "datum": morgen.isoformat(), "stemmen_voor": 5, "stemmen_tegen": 1, "onthoudingen": 0,
        "uitkomst": "instemming",
    })  # fmt: skip
    assert r.status_code == 200
    assert "Deze datum ligt in de toekomst." in r.content.decode()
    assert not plan.opr_besluiten.exists()


def test_medewerker_mag_opr_besluit_niet_vastleggen(als, gebruiker):
    plan = services.plan_overgang(
        plan=volledig_plan(), door=gebruiker("medewerker"), naam="voorleggen"
    )
    assert als("medewerker").get(f"/plannen/{plan.pk}/opr-besluit/nieuw/").status_code == 403


def test_volledige_route_met_geschiedenis_audit_en_inspectiedatum(als, gebruiker):
    directeur = gebruiker("directeur")
    # The whole route on fixed days (the history is ordered by time, on any day the suite runs).
    with time_machine.travel(datetime.datetime(2027, 4, 1, 10, tzinfo=datetime.UTC)):
        plan = _klaar_voor_vaststelling(volledig_plan(startjaar=2027, eindjaar=2030), gebruiker)
    with time_machine.travel(datetime.datetime(2027, 4, 20, 10, tzinfo=datetime.UTC)):
        plan = services.plan_overgang(
            plan=plan, door=directeur, naam="vaststellen", notitie="Bestuur 19/4"
        )
        plan = services.plan_overgang(
            plan=plan, door=gebruiker("medewerker"), naam="naar_inspectie"
        )
        plan = services.plan_overgang(plan=plan, door=directeur, naam="publiceren")
    assert plan.status == PlanStatus.GEPUBLICEERD
    assert plan.vastgesteld_op == datetime.date(2027, 4, 20)
    assert plan.naar_inspectie_op == datetime.date(2027, 4, 20)
    # Before 1 May preceding the first school year 2027-2028.
    assert plan.inspectie_uiterlijk == datetime.date(2027, 4, 30)
    stappen = list(plan.overgangen.values_list("van", "naar", "door__username", "notitie"))
    assert stappen == [
        ("concept", "ter_instemming", "medewerker", ""),
        ("ter_instemming", "vastgesteld", "directeur", "Bestuur 19/4"),
        ("vastgesteld", "bij_inspectie", "medewerker", ""),
        ("bij_inspectie", "gepubliceerd", "directeur", ""),
    ]
    audit = AuditEvent.objects.filter(
        actie="overgang",
        object_type="ondersteuningsplan.ondersteuningsplan",
        object_id=str(plan.pk),
    )
    assert audit.count() == 4
    html = als("directeur").get(f"/plannen/{plan.pk}/").content.decode()
    assert "uiterlijk 30 april 2027" in html


def test_te_late_verzending_aan_inspectie_wordt_getoond(als, gebruiker):
    plan = _klaar_voor_vaststelling(volledig_plan(startjaar=2027, eindjaar=2030), gebruiker)
    with time_machine.travel(datetime.datetime(2027, 5, 3, 10, tzinfo=datetime.UTC)):
        plan = services.plan_overgang(plan=plan, door=gebruiker("directeur"), naam="vaststellen")
        plan = services.plan_overgang(plan=plan, door=gebruiker("directeur"), naam="naar_inspectie")
    html = als("directeur").get(f"/plannen/{plan.pk}/").content.decode()
    assert "te laat" in html


def test_gelijktijdige_overgang_wordt_geweigerd(gebruiker):
    plan = volledig_plan()
    verouderd = Ondersteuningsplan.objects.get(pk=plan.pk)
    services.plan_overgang(plan=plan, door=gebruiker("medewerker"), naam="naar_consultatie")
    # A stale in-memory copy cannot save over the newer status.
    verouderd.naar_consultatie()
    with pytest.raises(ConcurrentTransition):
        verouderd.save()


def test_gepubliceerd_plan_wijzigt_alleen_via_nieuwe_versie(als, gebruiker):
    plan = _klaar_voor_vaststelling(volledig_plan(), gebruiker)
    directeur = gebruiker("directeur")
    for naam in ("vaststellen", "naar_inspectie", "publiceren"):
        plan = services.plan_overgang(plan=plan, door=directeur, naam=naam)
    h = plan.hoofdstukken.first()
    c = als("medewerker")
    r = c.post(f"/plannen/{plan.pk}/hoofdstukken/{h.pk}/", {
        "volgorde": 1, "titel": "Nieuw", "tekst": "x", "versie": h.versie})  # fmt: skip
    assert "kan niet meer worden gewijzigd" in r.content.decode()
    assert plan.hoofdstukken.first().titel == h.titel
    r = c.post(f"/plannen/{plan.pk}/nieuwe-versie/")
    nieuw = Ondersteuningsplan.objects.get(vorige_versie=plan)
    assert r.url == f"/plannen/{nieuw.pk}/"
    assert nieuw.status == PlanStatus.CONCEPT
    assert nieuw.hoofdstukken.count() == plan.hoofdstukken.count()
    assert nieuw.speerpunten.count() == plan.speerpunten.count()
    from ondersteuningsplan.models import Streefwaarde

    assert Streefwaarde.objects.filter(kpi__speerpunt__plan=nieuw).count() == Streefwaarde.objects.filter(
        kpi__speerpunt__plan=plan).count()  # fmt: skip
    # A second amendment while one is open is refused.
    with pytest.raises(ValidationError):
        services.plan_nieuwe_versie(plan=plan, door=gebruiker("medewerker"))
    # The new version needs OPR instemming again; publishing it replaces the old one.
    nieuw = _klaar_voor_vaststelling(nieuw, gebruiker)
    for naam in ("vaststellen", "naar_inspectie", "publiceren"):
        nieuw = services.plan_overgang(plan=nieuw, door=directeur, naam=naam)
    assert Ondersteuningsplan.objects.get(pk=plan.pk).status == PlanStatus.VERVANGEN


def test_service_weigert_rol_ook_zonder_view(gebruiker):
    plan = _klaar_voor_vaststelling(volledig_plan(), gebruiker)
    with pytest.raises(PermissionDenied):
        services.plan_overgang(plan=plan, door=gebruiker("medewerker"), naam="vaststellen")
