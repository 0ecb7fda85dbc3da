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


def _bevestigd():
    """What the confirmation page of a dated step posts: the date (today) and the mark."""
    return {"bevestigd": "1", "datum": timezone.localdate().isoformat()}


def _naar(plan, status):
    Ondersteuningsplan.objects.filter(pk=plan.pk).update(status=status)
    return Ondersteuningsplan.objects.get(pk=plan.pk)


def _klaar_voor_vaststelling(plan, gebruiker):
    plan = services.plan_voorleggen(plan=plan, gebruiker=gebruiker("medewerker"))
    for g in gemeenten_van(plan):
        services.oogo_vastleggen(
            plan=plan, gebruiker=gebruiker("medewerker"), gemeenten=[g],
            datum=datetime.date(2026, 1, 2), uitkomst=OogoUitkomst.OVEREENSTEMMING,
        )  # fmt: skip
    services.opr_besluit_vastleggen(
        plan=plan, gebruiker=gebruiker("opr"), datum=datetime.date(2026, 1, 5), stemmen_voor=8,
        stemmen_tegen=1, uitkomst=OprUitkomst.INSTEMMING,
    )  # fmt: skip
    return plan


def _vastgesteld_en_gepubliceerd(plan, directeur):
    plan = services.plan_vaststellen(plan=plan, gebruiker=directeur)
    plan = services.plan_naar_inspectie(plan=plan, gebruiker=directeur)
    return services.plan_publiceren(plan=plan, gebruiker=directeur)


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
    r = als(rol).post(f"/plannen/{plan.pk}/overgang/{naam}/", _bevestigd())
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
    r = als(rol).post(f"/plannen/{plan.pk}/overgang/vaststellen/", _bevestigd())
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
    plan = services.plan_voorleggen(plan=volledig_plan(), gebruiker=medewerker)
    gemeenten = list(gemeenten_van(plan))
    assert len(gemeenten) > 1
    with pytest.raises(ValidationError) as fout:
        services.plan_vaststellen(plan=plan, gebruiker=directeur)
    assert "De OPR heeft nog niet besloten over de voorgelegde versie." in fout.value.messages
    assert sum("Geen OOGO vastgelegd" in m for m in fout.value.messages) == len(gemeenten)
    # OPR first, OOGO later (the law fixes no order): still blocked until every gemeente.
    services.opr_besluit_vastleggen(
        plan=plan, gebruiker=gebruiker("opr"), datum=datetime.date(2026, 1, 5), stemmen_voor=6,
        stemmen_tegen=2, uitkomst=OprUitkomst.INSTEMMING,
    )  # fmt: skip
    for g in gemeenten[:-1]:
        services.oogo_vastleggen(plan=plan, gebruiker=medewerker, gemeenten=[g],
                                 datum=datetime.date(2026, 1, 2), uitkomst=OogoUitkomst.OVEREENSTEMMING)  # fmt: skip
    services.oogo_vastleggen(plan=plan, gebruiker=medewerker, gemeenten=[gemeenten[-1]],
                             datum=datetime.date(2026, 1, 2), uitkomst=OogoUitkomst.GEEN_OVEREENSTEMMING)  # fmt: skip
    with pytest.raises(ValidationError) as fout:
        services.plan_vaststellen(plan=plan, gebruiker=directeur)
    assert fout.value.messages == [
        f"Geen overeenstemming in het OOGO met gemeente {gemeenten[-1].naam}."
    ]
    # A later OOGO that reaches agreement counts.
    services.oogo_vastleggen(plan=plan, gebruiker=medewerker, gemeenten=[gemeenten[-1]],
                             datum=datetime.date(2026, 1, 9), uitkomst=OogoUitkomst.OVEREENSTEMMING)  # fmt: skip
    plan = services.plan_vaststellen(plan=plan, gebruiker=directeur)
    assert plan.status == PlanStatus.VASTGESTELD


def test_opr_weigering_blokkeert_en_vraagt_motivering(gebruiker):
    plan = services.plan_voorleggen(plan=volledig_plan(), gebruiker=gebruiker("medewerker"))
    with pytest.raises(ValidationError) as fout:
        services.opr_besluit_vastleggen(
            plan=plan, gebruiker=gebruiker("opr"), datum=datetime.date(2026, 1, 5), stemmen_voor=2,
            stemmen_tegen=6, uitkomst=OprUitkomst.WEIGERING, motivering="  ",
        )  # fmt: skip
    assert "motivering" in fout.value.error_dict
    services.opr_besluit_vastleggen(
        plan=plan, gebruiker=gebruiker("opr"), datum=datetime.date(2026, 1, 5), stemmen_voor=2,
        stemmen_tegen=6, uitkomst=OprUitkomst.WEIGERING, motivering="Thuiszitters onvoldoende.",
    )  # fmt: skip
    assert "De OPR heeft instemming geweigerd." in services.blokkades_vaststelling(plan)


def test_opr_instemming_geldt_alleen_voor_de_voorgelegde_versie(gebruiker):
    plan = _klaar_voor_vaststelling(volledig_plan(), gebruiker)
    # Back to concept and again to the OPR: a new version, the old consent no longer counts.
    plan = services.plan_terug_naar_concept(plan=plan, gebruiker=gebruiker("medewerker"))
    plan = services.plan_voorleggen(plan=plan, gebruiker=gebruiker("medewerker"))
    assert plan.versies.count() == 2
    assert (
        "De OPR heeft nog niet besloten over de voorgelegde versie."
        in services.blokkades_vaststelling(plan)
    )


def test_opr_besluit_datum_niet_in_de_toekomst(als, gebruiker):
    plan = services.plan_voorleggen(plan=volledig_plan(), gebruiker=gebruiker("medewerker"))
    morgen = timezone.localdate() + datetime.timedelta(days=1)
    r = als("opr").post(f"/plannen/{plan.pk}/opr-besluit/nieuw/", {
        "datum": morgen.isoformat(), "stemmen_voor": 5, "stemmen_tegen": 1, "onthoudingen": 0,
        "uitkomst": "instemming",
    })  # fmt: skip
    assert r.status_code == 200
    assert "Deze datum ligt in de toekomst." in r.content.decode()
    assert not plan.opr_besluiten.exists()


def test_medewerker_mag_opr_besluit_niet_vastleggen(als, gebruiker):
    plan = services.plan_voorleggen(plan=volledig_plan(), gebruiker=gebruiker("medewerker"))
    assert als("medewerker").get(f"/plannen/{plan.pk}/opr-besluit/nieuw/").status_code == 403


def test_volledige_route_met_geschiedenis_audit_en_inspectiedatum(als, gebruiker):
    directeur = gebruiker("directeur")
    # The whole route on fixed days (the history is ordered by time, on any day the suite runs).
    with time_machine.travel(datetime.datetime(2027, 4, 1, 10, tzinfo=datetime.UTC)):
        plan = _klaar_voor_vaststelling(volledig_plan(startjaar=2027, eindjaar=2030), gebruiker)
    with time_machine.travel(datetime.datetime(2027, 4, 20, 10, tzinfo=datetime.UTC)):
        plan = services.plan_vaststellen(plan=plan, gebruiker=directeur, toelichting="Bestuur 19/4")
        plan = services.plan_naar_inspectie(plan=plan, gebruiker=gebruiker("medewerker"))
        plan = services.plan_publiceren(plan=plan, gebruiker=directeur)
    assert plan.status == PlanStatus.GEPUBLICEERD
    assert plan.vastgesteld_op == datetime.date(2027, 4, 20)
    assert plan.naar_inspectie_op == datetime.date(2027, 4, 20)
    # Before 1 May preceding the first school year 2027-2028.
    assert plan.inspectie_uiterlijk == datetime.date(2027, 4, 30)
    stappen = list(plan.overgangen.values_list("van", "naar", "door__username", "toelichting"))
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
        plan = services.plan_vaststellen(plan=plan, gebruiker=gebruiker("directeur"))
        plan = services.plan_naar_inspectie(plan=plan, gebruiker=gebruiker("directeur"))
    html = als("directeur").get(f"/plannen/{plan.pk}/").content.decode()
    assert "te laat" in html


def test_gelijktijdige_overgang_wordt_geweigerd(gebruiker):
    plan = volledig_plan()
    verouderd = Ondersteuningsplan.objects.get(pk=plan.pk)
    services.plan_naar_consultatie(plan=plan, gebruiker=gebruiker("medewerker"))
    # A stale in-memory copy cannot save over the newer status.
    verouderd.naar_consultatie()
    with pytest.raises(ConcurrentTransition):
        verouderd.save()


def test_gepubliceerd_plan_wijzigt_alleen_via_nieuwe_versie(als, gebruiker):
    plan = _klaar_voor_vaststelling(volledig_plan(), gebruiker)
    directeur = gebruiker("directeur")
    plan = _vastgesteld_en_gepubliceerd(plan, directeur)
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
        services.plan_nieuwe_versie(plan=plan, gebruiker=gebruiker("medewerker"))
    # The new version needs OPR instemming again; publishing it replaces the old one.
    nieuw = _klaar_voor_vaststelling(nieuw, gebruiker)
    nieuw = _vastgesteld_en_gepubliceerd(nieuw, directeur)
    assert Ondersteuningsplan.objects.get(pk=plan.pk).status == PlanStatus.VERVANGEN


def test_service_weigert_rol_ook_zonder_view(gebruiker):
    plan = _klaar_voor_vaststelling(volledig_plan(), gebruiker)
    with pytest.raises(PermissionDenied):
        services.plan_vaststellen(plan=plan, gebruiker=gebruiker("medewerker"))


@pytest.mark.parametrize("rol", ROLLEN)
def test_plan_aanmaken_alleen_staf_en_eigen_swv(gebruiker, rol):
    from swv.models import Samenwerkingsverband
    from tests.factories import SamenwerkingsverbandFactory

    eigen = list(Samenwerkingsverband.objects.filter(code="PO3106"))
    kwargs = {"titel": "Plan 2031", "startjaar": 2031, "eindjaar": 2034}
    if rol not in MAG["voorleggen"]:
        with pytest.raises(PermissionDenied):
            services.plan_aanmaken(gebruiker=gebruiker(rol), samenwerkingsverbanden=eigen, **kwargs)
        return
    # Another SWV's plan cannot be made, not even by a tampered request.
    with pytest.raises(PermissionDenied):
        services.plan_aanmaken(
            gebruiker=gebruiker(rol),
            samenwerkingsverbanden=[*eigen, SamenwerkingsverbandFactory()],
            **kwargs,
        )
    plan = services.plan_aanmaken(gebruiker=gebruiker(rol), samenwerkingsverbanden=eigen, **kwargs)
    rij = plan.overgangen.get()
    assert (rij.van, rij.naar, rij.stap, rij.door.username) == (
        "",
        PlanStatus.CONCEPT,
        "Plan aangemaakt",
        rol,
    )


def test_tijdlijn_noemt_de_stap_en_vervangen_is_een_eigen_stap(als, gebruiker):
    directeur = gebruiker("directeur")
    plan = _vastgesteld_en_gepubliceerd(
        _klaar_voor_vaststelling(volledig_plan(), gebruiker), directeur
    )
    assert list(plan.overgangen.values_list("stap", flat=True)) == [
        "Voorgelegd aan de OPR",
        "Vastgesteld namens het bestuur",
        "Verzonden aan de inspectie",
        "Gepubliceerd",
    ]
    nieuw = services.plan_nieuwe_versie(plan=plan, gebruiker=gebruiker("medewerker"))
    assert list(nieuw.overgangen.values_list("van", "naar", "stap", "toelichting")) == [
        ("", "concept", "Nieuwe versie aangemaakt", f"Nieuwe versie van plan {plan.pk}")
    ]
    nieuw = _vastgesteld_en_gepubliceerd(_klaar_voor_vaststelling(nieuw, gebruiker), directeur)
    laatste = plan.overgangen.last()
    assert (laatste.van, laatste.naar, laatste.stap, laatste.door) == (
        "gepubliceerd",
        "vervangen",
        "Vervangen door een nieuwe versie",
        directeur,
    )
    assert f"(plan {nieuw.pk})" in laatste.toelichting
    html = als("directeur").get(f"/plannen/{plan.pk}/").content.decode()
    assert "Vervangen door een nieuwe versie:" in html


@pytest.mark.parametrize("rol,knoppen", [
    ("medewerker", ["Terug naar concept"]),
    ("directeur", ["Terug naar concept", "Vaststellen namens het bestuur"]),
    ("opr", []),
])  # fmt: skip
def test_knoppen_volgen_uit_de_stappentabel(als, gebruiker, rol, knoppen):
    plan = _klaar_voor_vaststelling(volledig_plan(), gebruiker)
    html = als(rol).get(f"/plannen/{plan.pk}/").content.decode()
    alle = ["In consultatie brengen", "Voorleggen aan OPR (ter instemming)", "Terug naar concept",
            "Vaststellen namens het bestuur", "Verzonden aan inspectie", "Publiceren"]  # fmt: skip
    assert [k for k in alle if f">{k}</button>" in html] == knoppen
    # OPR: the decision form, not the staff's OOGO.
    assert ("/opr-besluit/nieuw/" in html) == (rol == "opr")
    assert ("/oogo/nieuw/" in html) == (rol != "opr")


def test_onbekende_stap_is_404(als):
    plan = volledig_plan()
    assert als("medewerker").post(f"/plannen/{plan.pk}/overgang/vervangen/").status_code == 404
    assert als("medewerker").post(f"/plannen/{plan.pk}/overgang/oogo/").status_code == 404


def test_migratie_vult_de_stap_van_bestaande_rijen(gebruiker):
    """Rows from before the step column get the label the step now writes."""
    import importlib

    from django.apps import apps

    migratie = importlib.import_module("ondersteuningsplan.migrations.0004_statushistorie")
    m, directeur = gebruiker("medewerker"), gebruiker("directeur")
    plan = services.plan_naar_consultatie(plan=volledig_plan(), gebruiker=m)
    plan = services.plan_terug_naar_concept(plan=plan, gebruiker=m)
    plan = _vastgesteld_en_gepubliceerd(_klaar_voor_vaststelling(plan, gebruiker), directeur)
    nieuw = services.plan_nieuwe_versie(plan=plan, gebruiker=m)
    nieuw = _vastgesteld_en_gepubliceerd(_klaar_voor_vaststelling(nieuw, gebruiker), directeur)
    # Rows as the old code wrote them: no step; a new version went concept -> concept.
    rijen = Statusovergang.objects.filter(plan__in=[plan, nieuw]).order_by("pk")
    verwacht = list(rijen.values_list("stap", flat=True))
    rijen.filter(van="").update(van="concept")
    rijen.update(stap="")
    migratie.stap_invullen(apps, None)
    assert list(rijen.values_list("stap", flat=True)) == verwacht
    assert len(set(verwacht)) == 8
