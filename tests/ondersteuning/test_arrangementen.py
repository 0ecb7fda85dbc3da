"""Individual arrangementen: granted with the loket decision on a vraag of soort
arrangement (nothing half-saved), priced (budget, or hours × weeks × the SWV's rate),
evaluated, ended, extended as a new decision; scoped like every pupil record; bad input
refused with a Dutch message next to the field."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from leerlingen.models import Leerling
from ondersteuning import demo, selectors
from ondersteuning.models import (
    Arrangement,
    ArrangementStatus,
    Evaluatie,
    LoketInstellingen,
    Soort,
    Status,
)
from ondersteuning.selectors import arrangementen_voor, uitgaven_arrangementen
from ondersteuning.services import arrangement as a
from ondersteuning.services import loket
from ondersteuning.services import vraag as v
from swv import workflow
from swv.models import AuditEvent, School
from tests.conftest import DEMO_ACCOUNTS

pytestmark = pytest.mark.django_db

VANDAAG = timezone.localdate
DAG = timedelta(days=1)


@pytest.fixture
def ib(gebruiker):
    return gebruiker("ib-innovo")


@pytest.fixture
def medewerker(gebruiker):
    return gebruiker("medewerker")


@pytest.fixture
def noor(ib):
    return Leerling.objects.get(school=ib.school, voornaam="Noor", achternaam="Demodossier")


@pytest.fixture
def overleg(medewerker, noor):
    """A loket meeting of Noor's SWV, today, held."""
    obj = loket.loketoverleg_plannen(gebruiker=medewerker, swv=noor.swv, datum=VANDAAG())
    return obj


def _geagendeerd(ib, medewerker, noor, overleg):
    obj = v.vraag_aanmaken(
        gebruiker=ib, leerling=noor, soort=Soort.ARRANGEMENT, vraag="Extra begeleiding.",
        niveaus_1_4="Handelingsplan.", zienswijze_ouders="Ouders stemmen in.",
        toestemming=noor.toestemmingen.filter(ingetrokken_op__isnull=True).first(),
    )  # fmt: skip
    obj = v.vraag_indienen(gebruiker=ib, vraag=obj, versie=obj.versie)
    obj = v.vraag_agenderen(gebruiker=medewerker, vraag=obj, overleg=overleg, versie=obj.versie)
    overleg.refresh_from_db()
    if overleg.status == "gepland":
        loket.loketoverleg_houden(gebruiker=medewerker, overleg=overleg, versie=overleg.versie)
    return obj


def _gegevens(noor, **kw):
    return {
        "doelen": "Zelfstandig werken, 20 minuten.",
        "uren_per_week": Decimal("3"),
        "budget": None,
        "startdatum": VANDAAG(),
        "einddatum": VANDAAG() + 69 * DAG,  # 70 days: 10 weeks
        "school": noor.school,
        **kw,
    }


def _toegekend(ib, medewerker, noor, overleg, **kw) -> Arrangement:
    obj = _geagendeerd(ib, medewerker, noor, overleg)
    v.vraag_besluiten(gebruiker=medewerker, vraag=obj, overleg=overleg, versie=obj.versie,
                      besluit="toegekend", reden="Past.", arrangement=_gegevens(noor, **kw))  # fmt: skip
    return Arrangement.objects.get(vraag_id=obj.pk)


# Granted with the decision ---------------------------------------------------------------


def test_granting_an_arrangement_vraag_creates_it_priced_with_planned_evaluations(
    ib, medewerker, noor, overleg
):
    arr = _toegekend(ib, medewerker, noor, overleg)
    assert (arr.status, arr.leerling, arr.swv_id, arr.school) == (
        "lopend", noor, noor.swv_id, noor.school)  # fmt: skip
    assert arr.vraag.status == Status.BESLOTEN and arr.besloten_door == medewerker
    # 3 hours × 10 weeks × the default rate of € 65.
    assert arr.uurtarief == Decimal("65.00") and arr.kosten == Decimal("1950.00")
    assert list(arr.evaluaties.values_list("gepland_op", flat=True)) == [
        VANDAAG() + 34 * DAG,
        VANDAAG() + 69 * DAG,
    ]
    assert list(arr.historie.values_list("van", "naar", "toelichting")) == [
        ("", "lopend", arr.vraag.nummer)
    ]
    audit = AuditEvent.objects.get(object_type="ondersteuning.arrangement", object_id=str(arr.pk))
    assert arr.nummer in audit.omschrijving and noor.voornaam not in audit.omschrijving


def test_decision_with_bad_arrangement_is_refused_whole_with_messages_per_field(
    ib, medewerker, noor, overleg
):
    obj = _geagendeerd(ib, medewerker, noor, overleg)
    aantal = Arrangement.objects.count()
    slecht = _gegevens(noor, uren_per_week=None, budget=None, doelen=" ",
                       einddatum=VANDAAG() - DAG)  # fmt: skip
    with pytest.raises(ValidationError) as fout:
        v.vraag_besluiten(gebruiker=medewerker, vraag=obj, overleg=overleg, versie=obj.versie,
                          besluit="toegekend", reden="Past.", arrangement=slecht)  # fmt: skip
    berichten = fout.value.message_dict
    assert set(berichten) == {"doelen", "uren_per_week", "einddatum"}
    assert "vóór de startdatum" in berichten["einddatum"][0]
    assert "uren per week of het budget" in berichten["uren_per_week"][0]
    obj.refresh_from_db()
    assert obj.status == Status.GEAGENDEERD and obj.besluit == ""
    assert Arrangement.objects.count() == aantal
    # Afwijzen needs no arrangement.
    v.vraag_besluiten(gebruiker=medewerker, vraag=obj, overleg=overleg, versie=obj.versie,
                      besluit="afgewezen", reden="Eerst de basis.")  # fmt: skip
    assert not obj.arrangementen.exists()


def test_school_of_another_swv_is_refused(ib, medewerker, noor, overleg):
    obj = _geagendeerd(ib, medewerker, noor, overleg)
    elders = School.objects.exclude(swv=noor.swv).exclude(swv__isnull=True).first()
    with pytest.raises(ValidationError) as fout:
        v.vraag_besluiten(gebruiker=medewerker, vraag=obj, overleg=overleg, versie=obj.versie,
                          besluit="toegekend", reden="Past.",
                          arrangement=_gegevens(noor, school=elders))  # fmt: skip
    assert set(fout.value.message_dict) == {"school"}


def test_decision_page_shows_the_messages_next_to_the_fields(als, ib, medewerker, noor, overleg):
    obj = _geagendeerd(ib, medewerker, noor, overleg)
    p = f"besluit-{obj.pk}"
    antwoord = als("medewerker").post(
        reverse("ondersteuning:loket-besluit", args=[overleg.pk, obj.pk]),
        {f"{p}-versie": obj.versie, f"{p}-besluit": "toegekend", f"{p}-reden": "Past.",
         f"{p}-doelen": "Lezen.", f"{p}-startdatum": "2026-03-01",
         f"{p}-einddatum": "2026-02-01", f"{p}-school": noor.school_id},
    )  # fmt: skip
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert "De einddatum ligt vóór de startdatum (01-03-2026)" in html
    assert "Vul de uren per week of het budget in" in html
    assert f'href="#id_{p}-einddatum"' in html
    obj.refresh_from_db()
    assert obj.status == Status.GEAGENDEERD and not obj.arrangementen.exists()
    antwoord = als("medewerker").post(
        reverse("ondersteuning:loket-besluit", args=[overleg.pk, obj.pk]),
        {f"{p}-versie": obj.versie, f"{p}-besluit": "toegekend", f"{p}-reden": "Past.",
         f"{p}-doelen": "Lezen.", f"{p}-startdatum": "2026-03-01", f"{p}-budget": "1500,50",
         f"{p}-einddatum": "2026-07-01", f"{p}-school": noor.school_id},
    )  # fmt: skip
    assert antwoord.status_code == 302
    arr = obj.arrangementen.get()
    assert arr.kosten == Decimal("1500.50") and arr.uren_per_week is None


def test_database_refuses_an_end_before_the_start_and_neither_hours_nor_budget(
    ib, medewerker, noor, overleg
):
    arr = _toegekend(ib, medewerker, noor, overleg)
    for wijziging in ({"einddatum": arr.startdatum - DAG}, {"uren_per_week": None}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Arrangement.objects.filter(pk=arr.pk).update(**wijziging)


# Cost -------------------------------------------------------------------------------------


def test_cost_uses_the_swv_rate_and_adds_a_budget(ib, medewerker, noor, overleg):
    LoketInstellingen.objects.create(swv=noor.swv, uurtarief=Decimal("80.00"))
    arr = _toegekend(ib, medewerker, noor, overleg, uren_per_week=Decimal("2.5"),
                     budget=Decimal("300"))  # fmt: skip
    # 2.5 × 10 × 80 + 300
    assert arr.kosten == Decimal("2300.00") and arr.uurtarief == Decimal("80.00")


@pytest.mark.parametrize(
    ("uren", "budget", "dagen", "kosten"),
    [
        (Decimal("4"), None, 7, Decimal("260.00")),  # one week
        (Decimal("1"), None, 1, Decimal("9.29")),  # one day: 1/7 week, rounded half up
        (None, Decimal("999.99"), 300, Decimal("999.99")),
        (Decimal("2"), Decimal("100"), 14, Decimal("360.00")),
    ],
)
def test_kosten_berekenen(uren, budget, dagen, kosten):
    start = VANDAAG()
    assert (
        a.kosten_berekenen(
            uren_per_week=uren,
            budget=budget,
            startdatum=start,
            einddatum=start + (dagen - 1) * DAG,
            uurtarief=Decimal("65"),
        )  # fmt: skip
        == kosten
    )


def test_expenditure_per_school_and_bestuur_in_one_query(
    ib, medewerker, noor, overleg, gebruiker, django_assert_num_queries
):
    arr = _toegekend(ib, medewerker, noor, overleg, uren_per_week=None, budget=Decimal("1000"))
    jaar = arr.startdatum.year
    verwacht = sum(
        Arrangement.objects.filter(swv=noor.swv, startdatum__year=jaar).values_list(
            "kosten", flat=True
        )
    )
    with django_assert_num_queries(1):
        per_school = uitgaven_arrangementen(noor.swv, jaar)
    assert sum(r["kosten"] for r in per_school) == verwacht
    rij = next(r for r in per_school if r["school_id"] == noor.school_id)
    assert rij["aantal"] >= 1 and rij["school__bestuur_id"] == noor.school.bestuur_id
    with django_assert_num_queries(1):
        per_bestuur = uitgaven_arrangementen(medewerker, jaar, per="bestuur")
    assert noor.school.bestuur_id in {r["school__bestuur_id"] for r in per_bestuur}
    # A bestuur sees only its own schools' expenditure.
    movare = uitgaven_arrangementen(gebruiker("bestuur-movare"), jaar, per="bestuur")
    assert noor.school.bestuur_id not in {r["school__bestuur_id"] for r in movare}
    # School year: an arrangement starting 1 August belongs to that school year.
    Arrangement.objects.filter(pk=arr.pk).update(startdatum=date(2030, 8, 1),
                                                 einddatum=date(2030, 9, 1))  # fmt: skip
    assert uitgaven_arrangementen(noor.swv, 2030, schooljaar=True)[0]["kosten"] == Decimal("1000")
    assert uitgaven_arrangementen(noor.swv, 2029, schooljaar=True) == []


# Scope ------------------------------------------------------------------------------------

ZIET_INNOVO = {
    "medewerker": True, "directeur": True, "privacy": True, "trajectbegeleider": True,
    "bestuur-innovo": True, "ib-innovo": True,
    "bestuur-movare": False, "orthopedagoog": False, "jeugdarts": False, "opr": False,
}  # fmt: skip


@pytest.mark.parametrize("naam", DEMO_ACCOUNTS)
def test_who_sees_an_innovo_arrangement(als, gebruiker, ib, medewerker, noor, overleg, naam):
    arr = _toegekend(ib, medewerker, noor, overleg)
    assert arrangementen_voor(gebruiker(naam)).filter(pk=arr.pk).exists() is ZIET_INNOVO[naam]
    code = als(naam).get(arr.get_absolute_url()).status_code
    if ZIET_INNOVO[naam]:
        assert code == 200
    else:
        assert code in (403, 404)
    if naam == "bestuur-movare":
        assert code == 404, "a school board of another bestuur: as if it does not exist"


def test_bestuur_reads_without_actions_and_school_may_evaluate(als, ib, medewerker, noor, overleg):
    arr = _toegekend(ib, medewerker, noor, overleg)
    bestuur = als("bestuur-innovo").get(arr.get_absolute_url()).content.decode()
    assert arr.doelen in bestuur and "Evaluatie vastleggen</button>" not in bestuur
    assert (
        als("bestuur-innovo")
        .post(reverse("ondersteuning:arrangement-actie", args=[arr.pk, "evalueren"]))
        .status_code
        == 403
    )
    school = als("ib-innovo").get(arr.get_absolute_url()).content.decode()
    assert "Evaluatie vastleggen</button>" in school and "Verlengen</button>" not in school
    kantoor = als("medewerker").get(arr.get_absolute_url()).content.decode()
    assert "Verlengen</button>" in kantoor and "Arrangement beëindigen</button>" in kantoor


def test_list_is_scoped_filtered_and_totalled(als, ib, medewerker, noor, overleg):
    arr = _toegekend(ib, medewerker, noor, overleg)
    url = reverse("ondersteuning:arrangementen")
    html = als("ib-innovo").get(url).content.decode()
    assert arr.nummer in html
    movare = als("bestuur-movare").get(url).content.decode()
    assert arr.nummer not in movare
    gefilterd = als("medewerker").get(url + "?status=beeindigd").content.decode()
    assert arr.nummer not in gefilterd
    assert als("medewerker").get(url + f"?status=lopend&school={noor.school.naam[:5]}&jaar="
                                 f"{arr.startdatum.year}").status_code == 200  # fmt: skip
    assert als("opr").get(url).status_code == 403
    assert als("orthopedagoog").get(url).status_code == 403


def test_list_query_count_is_constant(
    als, ib, medewerker, noor, overleg, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    bron = _toegekend(ib, medewerker, noor, overleg)
    client = als("medewerker")
    url = reverse("ondersteuning:arrangementen")

    def vul_aan_tot(n):
        er_zijn = Arrangement.objects.count()
        Arrangement.objects.bulk_create(
            Arrangement(leerling=noor, swv_id=bron.swv_id, school=bron.school, vraag=bron.vraag,
                        doelen="x", budget=Decimal("10"), kosten=Decimal("10"),
                        startdatum=bron.startdatum, einddatum=bron.einddatum,
                        besloten_door=medewerker)
            for _ in range(max(0, n - er_zijn))
        )  # fmt: skip

    vul_aan_tot(10)
    with CaptureQueriesContext(connection) as tien:
        assert client.get(url + "?page=1").status_code == 200
    vul_aan_tot(50)
    with CaptureQueriesContext(connection) as vijftig:
        assert client.get(url + "?page=2").status_code == 200
    assert len(vijftig) == len(tien)
    with django_assert_max_num_queries(len(tien)):
        client.get(url)


def test_list_total_cost_and_count_in_one_query(als, ib, medewerker, noor, overleg):
    """The list's "n arrangementen; kosten samen" is the whole filtered selection, counted
    and summed in the one query that also gives the page count."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from swv.getallen import euro

    _toegekend(ib, medewerker, noor, overleg)
    client = als("medewerker")
    selectie = selectors.arrangement_lijst(medewerker)
    n, kosten = selectie.count(), sum(a.kosten for a in selectie)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("ondersteuning:arrangementen")).content.decode()
    assert f"{n} arrangement" in html and f"{euro(kosten)}." in html
    totalen = [q["sql"] for q in queries if "SUM(" in q["sql"].upper()]
    assert len(totalen) == 1 and "COUNT(" in totalen[0].upper()


# Steps ------------------------------------------------------------------------------------


def test_evaluation_before_the_start_or_in_the_future_is_refused(ib, medewerker, noor, overleg):
    arr = _toegekend(ib, medewerker, noor, overleg, startdatum=VANDAAG() - 30 * DAG)
    for datum, tekst in ((arr.startdatum - DAG, "vóór de start"), (VANDAAG() + DAG, "niet vooraf")):
        with pytest.raises(ValidationError) as fout:
            a.arrangement_evalueren(gebruiker=ib, arrangement=arr, versie=arr.versie,
                                    gehouden_op=datum, doelen="deels", vervolg="voortzetten")  # fmt: skip
        assert tekst in fout.value.message_dict["gehouden_op"][0]
    with pytest.raises(ValidationError) as fout:
        a.arrangement_evalueren(gebruiker=ib, arrangement=arr, versie=arr.versie,
                                gehouden_op=VANDAAG(), doelen="?", vervolg="")  # fmt: skip
    assert set(fout.value.message_dict) == {"doelen", "vervolg"}
    assert not arr.evaluaties.filter(gehouden_op__isnull=False).exists()


def test_evaluation_on_a_planned_moment_once(ib, medewerker, noor, overleg):
    arr = _toegekend(ib, medewerker, noor, overleg, startdatum=VANDAAG() - 30 * DAG)
    moment = arr.evaluaties.order_by("gepland_op").first()
    e = a.arrangement_evalueren(gebruiker=ib, arrangement=arr, versie=arr.versie, moment=moment,
                                gehouden_op=VANDAAG(), doelen="behaald", vervolg="stoppen",
                                toelichting="Goed gegaan.")  # fmt: skip
    assert e.pk == moment.pk and e.vastgelegd_door == ib
    arr.refresh_from_db()
    assert arr.status == "lopend" and arr.versie == 2
    assert arr.historie.last().stap == "Evaluatie vastgelegd"
    with pytest.raises(workflow.AlGezet):
        a.arrangement_evalueren(gebruiker=ib, arrangement=arr, versie=arr.versie, moment=moment,
                                gehouden_op=VANDAAG(), doelen="niet", vervolg="opschalen")  # fmt: skip
    # Stale version.
    with pytest.raises(workflow.VerouderdeVersie):
        a.arrangement_evalueren(gebruiker=ib, arrangement=arr, versie=1, gehouden_op=VANDAAG(),
                                doelen="niet", vervolg="opschalen")  # fmt: skip
    # An extra, unplanned evaluation.
    extra = a.arrangement_evalueren(gebruiker=medewerker, arrangement=arr, versie=arr.versie,
                                    gehouden_op=VANDAAG(), doelen="niet", vervolg="opschalen")  # fmt: skip
    assert extra.gepland_op == VANDAAG() and arr.evaluaties.count() == 3


def test_evaluation_page_shows_the_date_message_next_to_the_field(
    als, ib, medewerker, noor, overleg
):
    arr = _toegekend(ib, medewerker, noor, overleg)
    antwoord = als("ib-innovo").post(
        reverse("ondersteuning:arrangement-actie", args=[arr.pk, "evalueren"]),
        {"evaluatie-versie": arr.versie, "evaluatie-gehouden_op": (arr.startdatum - DAG).isoformat(),
         "evaluatie-doelen": "deels", "evaluatie-vervolg": "voortzetten"},
    )  # fmt: skip
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert "De evaluatie ligt vóór de start van het arrangement" in html
    assert 'href="#id_evaluatie-gehouden_op"' in html
    antwoord = als("ib-innovo").post(
        reverse("ondersteuning:arrangement-actie", args=[arr.pk, "evalueren"]),
        {"evaluatie-versie": arr.versie, "evaluatie-gehouden_op": VANDAAG().isoformat(),
         "evaluatie-doelen": "deels", "evaluatie-vervolg": "voortzetten",
         "evaluatie-moment": arr.evaluaties.first().pk},
    )  # fmt: skip
    assert antwoord.status_code == 302
    assert arr.evaluaties.first().doelen == "deels"


def test_ending_cuts_period_and_cost_and_only_swv_staff_may(ib, medewerker, noor, overleg):
    arr = _toegekend(ib, medewerker, noor, overleg, startdatum=VANDAAG() - 13 * DAG)
    with pytest.raises(PermissionDenied):
        a.arrangement_beeindigen(gebruiker=ib, arrangement=arr, versie=arr.versie,
                                 einddatum=VANDAAG(), reden="x")  # fmt: skip
    with pytest.raises(ValidationError) as fout:
        a.arrangement_beeindigen(gebruiker=medewerker, arrangement=arr, versie=arr.versie,
                                 einddatum=arr.einddatum + DAG, reden="")  # fmt: skip
    assert set(fout.value.message_dict) == {"einddatum", "reden"}
    assert "verlenging" in fout.value.message_dict["einddatum"][0]
    arr = a.arrangement_beeindigen(gebruiker=medewerker, arrangement=arr, versie=arr.versie,
                                   einddatum=VANDAAG(), reden="Verhuisd.")  # fmt: skip
    arr.refresh_from_db()
    # Two weeks of 3 hours at € 65.
    assert (arr.status, arr.beeindigd_op, arr.kosten) == ("beeindigd", VANDAAG(), Decimal("390.00"))
    with pytest.raises(PermissionDenied):
        a.arrangement_evalueren(gebruiker=ib, arrangement=arr, versie=arr.versie,
                                gehouden_op=VANDAAG(), doelen="behaald", vervolg="stoppen")  # fmt: skip


def test_extension_is_a_new_decision(als, ib, medewerker, noor, overleg):
    arr = _toegekend(ib, medewerker, noor, overleg)
    with pytest.raises(PermissionDenied):
        a.arrangement_verlengen(gebruiker=ib, arrangement=arr, versie=arr.versie, reden="x",
                                gegevens=_gegevens(noor))  # fmt: skip
    with pytest.raises(ValidationError) as fout:
        a.arrangement_verlengen(gebruiker=medewerker, arrangement=arr, versie=arr.versie,
                                reden=" ", gegevens=_gegevens(noor, startdatum=VANDAAG() - DAG))  # fmt: skip
    assert set(fout.value.message_dict) == {"startdatum", "reden"}
    start = arr.einddatum + DAG
    antwoord = als("medewerker").post(
        reverse("ondersteuning:arrangement-actie", args=[arr.pk, "verlengen"]),
        {"verlengen-versie": arr.versie, "verlengen-reden": "Nog niet behaald.",
         "verlengen-doelen": arr.doelen, "verlengen-uren_per_week": "2",
         "verlengen-startdatum": start.isoformat(),
         "verlengen-einddatum": (start + 13 * DAG).isoformat(),
         "verlengen-school": noor.school_id},
    )  # fmt: skip
    nieuw = Arrangement.objects.get(vorige=arr)
    assert antwoord.status_code == 302 and antwoord["Location"] == nieuw.get_absolute_url()
    arr.refresh_from_db()
    assert arr.status == ArrangementStatus.VERLENGD
    assert (nieuw.status, nieuw.vraag, nieuw.kosten) == ("lopend", None, Decimal("260.00"))
    assert nieuw.evaluaties.count() == 1  # shorter than four weeks: only at the end
    assert nieuw.historie.get().stap == "Arrangement toegekend als verlenging"
    pagina = als("ib-innovo").get(arr.get_absolute_url()).content.decode()
    assert nieuw.nummer in pagina
    # The old one can no longer be extended or ended.
    with pytest.raises(PermissionDenied):
        a.arrangement_verlengen(gebruiker=medewerker, arrangement=arr, versie=arr.versie,
                                reden="x", gegevens=_gegevens(noor))  # fmt: skip


# Dossier and demo -------------------------------------------------------------------------


def test_dossier_timeline_shows_the_arrangement_and_its_evaluation(als, ib, medewerker, noor):
    html = als("ib-innovo").get(noor.get_absolute_url()).content.decode()
    arr = Arrangement.objects.filter(leerling=noor, status="lopend").first()
    assert f"Arrangement {arr.nummer}" in html
    assert f"Evaluatie {arr.nummer}: doelen deels behaald, voortzetten" in html


def test_vraag_page_links_its_arrangement(als, noor):
    arr = Arrangement.objects.filter(leerling=noor).exclude(vraag=None).first()
    html = als("ib-innovo").get(arr.vraag.get_absolute_url()).content.decode()
    assert arr.get_absolute_url() in html


def test_demo_has_running_ended_and_extended_arrangements_and_is_idempotent():
    statussen = set(Arrangement.objects.values_list("status", flat=True))
    assert statussen >= {"lopend", "beeindigd", "verlengd"}
    assert Arrangement.objects.filter(vorige__isnull=False).exists()
    assert Evaluatie.objects.filter(gehouden_op__isnull=False).count() >= 4
    voor = Arrangement.objects.count()
    demo.laad()
    assert Arrangement.objects.count() == voor
    for arr in Arrangement.objects.all():
        assert arr.startdatum <= arr.einddatum and arr.kosten > 0
