"""The knooppunt: one per school with its kernpartners and a yearly evaluation whose
counts come from the recorded overleggen; a knooppuntoverleg about a pupil with a
complete report before it counts as held; turning it into an MDO opens exactly one TLV
aanvraag, prefilled, for the roles the TLV route allows. Scoped per role: a bestuur sees
its schools' knooppunten and evaluations but no overleg about a pupil; OPR nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from knooppunt import selectors
from knooppunt.models import Kernpartner, Knooppunt, KnooppuntEvaluatie, Knooppuntoverleg, Status
from knooppunt.services import knooppunt as kp
from knooppunt.services import overleg as ov
from leerlingen.models import Leerling
from leerlingen.tijdlijn import tijdlijn
from swv.models import AuditEvent, School
from swv.schooljaar import huidig_schooljaar
from toelaatbaarheid.models import Aanvraag

pytestmark = pytest.mark.django_db


@pytest.fixture
def ib(gebruiker):
    return gebruiker("ib-innovo")


@pytest.fixture
def tb(gebruiker):
    return gebruiker("trajectbegeleider")


@pytest.fixture
def noor(ib):
    return Leerling.objects.get(school=ib.school, voornaam="Noor", achternaam="Demodossier")


@pytest.fixture
def knooppunt(ib):
    return Knooppunt.objects.get(school=ib.school)


@pytest.fixture
def movare_knooppunt():
    return Knooppunt.objects.get(school__bestuur__nummer="41516")


def _verslag(datum, **kw):
    return {
        "rollen_aanwezig": ["ouders", "school", "jgz"],
        "integraal_beeld": "Beeld van school en thuis samen.",
        "interventies_onderwijs": "Prikkelarme werkplek.",
        "interventies_zorg": "Onderzoek door de jeugdarts.",
        "regie_rol": "school",
        "regie_naam": "IB'er",
        "volgende_evaluatie": datum + timedelta(days=30),
        **kw,
    }


def _gehouden(door, knooppunt, leerling, *, dagen_geleden=1):
    datum = timezone.localdate() - timedelta(days=dagen_geleden)
    obj = ov.overleg_plannen(gebruiker=door, knooppunt=knooppunt, leerling=leerling,
                             datum=datum, gegevens=_verslag(datum))  # fmt: skip
    return ov.overleg_houden(gebruiker=door, overleg=obj, versie=obj.versie)


# The demo ---------------------------------------------------------------------------------


def test_demo_has_knooppunten_with_partners_evaluation_and_overleggen_in_every_state():
    assert Knooppunt.objects.count() >= 2
    assert Kernpartner.objects.filter(rol="jgz").count() >= 2
    assert KnooppuntEvaluatie.objects.exists()
    assert set(Knooppuntoverleg.objects.values_list("status", flat=True)) == set(Status.values)
    mdo = Knooppuntoverleg.objects.get(status=Status.NAAR_MDO)
    assert mdo.aanvraag.status == "concept"
    assert mdo.aanvraag.leerling_id == mdo.leerling_id


# Knooppunt, partners, evaluation ------------------------------------------------------------


def test_one_knooppunt_per_school(ib):
    with pytest.raises(ValidationError) as fout:
        kp.knooppunt_inrichten(gebruiker=ib, school=ib.school)
    assert "al een knooppunt" in str(fout.value.message_dict["school"])


def test_school_user_cannot_set_up_another_school(ib):
    ander = School.objects.binnen_swv().exclude(pk=ib.school_id).filter(swv__code="PO3106")
    with pytest.raises(PermissionDenied):
        kp.knooppunt_inrichten(gebruiker=ib, school=ander.first())


def test_trajectbegeleider_sets_up_a_knooppunt_through_the_page(als, tb):
    school = (
        School.objects.binnen_swv()
        .filter(swv__code="PO3105", soort="BAO", knooppunt__isnull=True)
        .order_by("vestigingscode")
        .first()
    )
    antwoord = als("trajectbegeleider").post(
        reverse("knooppunt:nieuw"), {"school": school.pk, "werkwijze": "Zes keer per jaar."}
    )
    knooppunt = Knooppunt.objects.get(school=school)
    assert antwoord.status_code == 302 and antwoord["Location"] == knooppunt.get_absolute_url()
    assert knooppunt.swv_id == school.swv_id


def test_partner_needs_a_name_and_a_role_dutch_message_at_the_field(als, knooppunt):
    antwoord = als("ib-innovo").post(
        reverse("knooppunt:partner-nieuw", args=[knooppunt.pk]), {"partner-rol": "leerplicht"}
    )
    assert antwoord.status_code == 400
    assert "naam" in antwoord.context["form"].errors
    antwoord = als("ib-innovo").post(
        reverse("knooppunt:partner-nieuw", args=[knooppunt.pk]),
        {"partner-rol": "leerplicht", "partner-naam": "A. Leerplicht"},
    )
    assert antwoord.status_code == 302
    assert knooppunt.partners.filter(naam="A. Leerplicht", rol="leerplicht").exists()


def test_partner_removed_by_the_school_not_by_swv_staff(als, knooppunt):
    partner = knooppunt.partners.first()
    url = reverse("knooppunt:partner-verwijderen", args=[knooppunt.pk, partner.pk])
    assert als("medewerker").post(url).status_code == 403
    assert als("ib-innovo").post(url).status_code == 302
    assert not Kernpartner.objects.filter(pk=partner.pk).exists()


def test_evaluation_prefilled_from_the_overleggen_of_the_school_year(als, ib, knooppunt, noor):
    jaar = huidig_schooljaar()
    verwacht = selectors.kengetallen(knooppunt, jaar)
    _gehouden(ib, knooppunt, noor, dagen_geleden=2)
    antwoord = als("ib-innovo").get(reverse("knooppunt:evaluatie", args=[knooppunt.pk]))
    assert antwoord.status_code == 200
    form = antwoord.context["form"]
    # The demo's overleg about Noor and this one are about one pupil; both held.
    assert form.initial["aantal_overleggen"] == verwacht["aantal_overleggen"] + 1
    assert form.initial["aantal_leerlingen"] == max(verwacht["aantal_leerlingen"], 1)


def test_evaluation_once_per_school_year_recording_again_replaces_it(ib, knooppunt):
    jaar = huidig_schooljaar()
    vandaag = timezone.localdate()
    eerste = kp.evaluatie_vastleggen(gebruiker=ib, knooppunt=knooppunt, schooljaar=jaar,
                                     datum=vandaag, gegevens={"conclusies": "Eerste"})  # fmt: skip
    tweede = kp.evaluatie_vastleggen(gebruiker=ib, knooppunt=knooppunt, schooljaar=jaar,
                                     datum=vandaag, gegevens={"conclusies": "Tweede",
                                                              "aantal_overleggen": 12})  # fmt: skip
    assert eerste.pk == tweede.pk
    assert knooppunt.evaluaties.filter(schooljaar=jaar).count() == 1
    tweede.refresh_from_db()
    assert (tweede.conclusies, tweede.aantal_overleggen) == ("Tweede", 12)
    # Without counts, those of the recorded overleggen.
    assert eerste.aantal_overleggen == selectors.kengetallen(knooppunt, jaar)["aantal_overleggen"]


def test_evaluation_refuses_a_mark_outside_1_10_and_a_future_date(als, knooppunt):
    url = reverse("knooppunt:evaluatie", args=[knooppunt.pk])
    morgen = timezone.localdate() + timedelta(days=1)
    antwoord = als("ib-innovo").post(url, {
        "schooljaar": huidig_schooljaar(), "datum": morgen.isoformat(), "aantal_overleggen": 1,
        "aantal_leerlingen": 1, "aantal_doorverwijzingen": 0, "tevredenheid_partners": 11,
    })  # fmt: skip
    assert antwoord.status_code == 400
    assert "tevredenheid_partners" in antwoord.context["form"].errors
    antwoord = als("ib-innovo").post(url, {
        "schooljaar": huidig_schooljaar(), "datum": morgen.isoformat(), "aantal_overleggen": 1,
        "aantal_leerlingen": 1, "aantal_doorverwijzingen": 0, "tevredenheid_partners": 8,
    })  # fmt: skip
    assert antwoord.status_code == 400
    assert antwoord.context["form"].errors["datum"] == [
        "De datum van de evaluatie ligt in de toekomst."
    ]
    assert not knooppunt.evaluaties.filter(schooljaar=huidig_schooljaar()).exists()


def test_bestuur_reads_evaluations_but_records_nothing(als, knooppunt):
    client = als("bestuur-innovo")
    antwoord = client.get(knooppunt.get_absolute_url())
    assert antwoord.status_code == 200
    assert antwoord.context["overleggen"] is None
    assert b"Demodossier" not in antwoord.content
    assert client.get(reverse("knooppunt:evaluatie", args=[knooppunt.pk])).status_code == 403


# Overleg ---------------------------------------------------------------------------------


def test_next_evaluation_must_follow_the_meeting_dutch_message_at_the_field(als, knooppunt, noor):
    datum = timezone.localdate()
    antwoord = als("ib-innovo").post(
        reverse("knooppunt:overleg-nieuw", args=[knooppunt.pk]),
        {"leerling": noor.pk, "datum": datum.isoformat(),
         "volgende_evaluatie": datum.isoformat()},
    )  # fmt: skip
    assert antwoord.status_code == 400
    assert antwoord.context["form"].errors["volgende_evaluatie"] == [
        f"De volgende evaluatie moet na de datum van het overleg ({datum:%d-%m-%Y}) liggen."
    ]
    assert not Knooppuntoverleg.objects.filter(leerling=noor, datum=datum).exists()


def test_overleg_only_about_a_pupil_of_the_knooppunts_school(tb, movare_knooppunt, noor):
    with pytest.raises(ValidationError) as fout:
        ov.overleg_plannen(gebruiker=tb, knooppunt=movare_knooppunt, leerling=noor,
                           datum=timezone.localdate())  # fmt: skip
    assert "leerling" in fout.value.message_dict


def test_held_only_with_a_complete_report_and_not_before_the_date(ib, knooppunt, noor):
    vandaag = timezone.localdate()
    obj = ov.overleg_plannen(gebruiker=ib, knooppunt=knooppunt, leerling=noor, datum=vandaag)
    with pytest.raises(ValidationError) as fout:
        ov.overleg_houden(gebruiker=ib, overleg=obj, versie=obj.versie)
    assert {"integraal_beeld", "regie_rol", "volgende_evaluatie", "interventies_onderwijs",
            "rollen_aanwezig"} <= set(fout.value.message_dict)  # fmt: skip
    later = ov.overleg_plannen(gebruiker=ib, knooppunt=knooppunt, leerling=noor,
                               datum=vandaag + timedelta(days=3),
                               gegevens=_verslag(vandaag + timedelta(days=3)))  # fmt: skip
    with pytest.raises(ValidationError) as fout:
        ov.overleg_houden(gebruiker=ib, overleg=later, versie=later.versie)
    assert "datum" in fout.value.message_dict
    obj = ov.overleg_wijzigen(gebruiker=ib, overleg=obj, versie=obj.versie,
                              gegevens=_verslag(vandaag))  # fmt: skip
    obj = ov.overleg_houden(gebruiker=ib, overleg=obj, versie=obj.versie)
    assert obj.status == Status.GEHOUDEN
    assert list(obj.historie.values_list("naar", flat=True)) == ["gepland", "gepland", "gehouden"]


def test_stale_version_is_refused(ib, knooppunt, noor):
    obj = ov.overleg_plannen(gebruiker=ib, knooppunt=knooppunt, leerling=noor,
                             datum=timezone.localdate())  # fmt: skip
    ov.overleg_wijzigen(gebruiker=ib, overleg=obj, versie=obj.versie, gegevens={"deelnemers": "A"})
    with pytest.raises(ValidationError) as fout:
        ov.overleg_wijzigen(gebruiker=ib, overleg=obj, versie=obj.versie,
                            gegevens={"deelnemers": "B"})  # fmt: skip
    assert fout.value.code == "verouderd"


def test_overleg_page_audited_and_on_the_dossier_timeline(als, ib, gebruiker, noor):
    overleg = Knooppuntoverleg.objects.filter(leerling=noor).first()
    assert als("ib-innovo").get(overleg.get_absolute_url()).status_code == 200
    assert AuditEvent.objects.filter(
        actie="bekeken", object_id=str(overleg.pk), object_type="knooppunt.knooppuntoverleg"
    ).exists()
    titels = [g.titel for g in tijdlijn(noor, ib)]
    assert any(overleg.nummer in t for t in titels)
    # A bestuur sees the dossier, not the overleggen about the pupil.
    assert not any(overleg.nummer in g.titel for g in tijdlijn(noor, gebruiker("bestuur-innovo")))


# Scoping ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "verwacht"),
    [
        ("bestuur-movare", 404),  # another bestuur's school
        ("ib-innovo", 200),
        ("bestuur-innovo", 200),
        ("medewerker", 200),
        ("trajectbegeleider", 200),
        ("opr", 403),
        ("orthopedagoog", 403),
    ],
)
def test_knooppunt_page_per_role(als, knooppunt, username, verwacht):
    assert als(username).get(knooppunt.get_absolute_url()).status_code == verwacht


@pytest.mark.parametrize(
    ("username", "verwacht"),
    [("ib-innovo", 404), ("bestuur-innovo", 403), ("bestuur-movare", 403), ("medewerker", 200),
     ("trajectbegeleider", 200), ("opr", 403)],
)  # fmt: skip
def test_overleg_page_per_role(als, username, verwacht):
    overleg = Knooppuntoverleg.objects.get(leerling__voornaam="Ties")
    assert als(username).get(overleg.get_absolute_url()).status_code == verwacht


def test_list_shows_only_knooppunten_in_scope_with_this_years_evaluation(als, knooppunt):
    antwoord = als("ib-innovo").get(reverse("knooppunt:index"))
    assert [k.pk for k in antwoord.context["object_list"]] == [knooppunt.pk]
    assert antwoord.context["object_list"][0].evaluatie_jaar == 0
    assert "Nog niet geëvalueerd" in antwoord.content.decode()
    movare = als("bestuur-movare").get(reverse("knooppunt:index"))
    assert knooppunt.pk not in [k.pk for k in movare.context["object_list"]]


def test_list_query_count_does_not_grow_with_the_knooppunten(als, gebruiker):
    client = als("medewerker")
    url = reverse("knooppunt:index")
    client.get(url)
    with CaptureQueriesContext(connection) as voor:
        assert client.get(url).status_code == 200
    medewerker = gebruiker("medewerker")
    for school in (
        School.objects.binnen_swv()
        .filter(swv__code="PO3105", knooppunt__isnull=True)
        .order_by("pk")[:6]
    ):
        obj = Knooppunt.objects.create(school=school, swv_id=school.swv_id,
                                       aangemaakt_door=medewerker)  # fmt: skip
        Kernpartner.objects.create(knooppunt=obj, rol="jgz", naam="Jeugdarts")
        KnooppuntEvaluatie.objects.create(
            knooppunt=obj, schooljaar=huidig_schooljaar(), datum=timezone.localdate(),
            aantal_overleggen=1, aantal_leerlingen=1, aantal_doorverwijzingen=0,
            vastgelegd_door=medewerker,
        )  # fmt: skip
    with CaptureQueriesContext(connection) as na:
        antwoord = client.get(url)
    assert len(antwoord.context["object_list"]) >= 8
    assert len(na) == len(voor)


# Omzetten naar MDO --------------------------------------------------------------------------


def test_mdo_opens_exactly_one_prefilled_tlv_aanvraag_and_refuses_a_second_time(
    als, tb, knooppunt, noor
):
    overleg = Knooppuntoverleg.objects.get(leerling=noor, status=Status.GEHOUDEN)
    voor = Aanvraag.objects.count()
    client = als("trajectbegeleider")
    url = reverse("knooppunt:overleg-mdo", args=[overleg.pk])
    assert client.get(url).status_code == 200
    antwoord = client.post(url, {"versie": overleg.versie, "soort": "SBO"})
    overleg.refresh_from_db()
    aanvraag = overleg.aanvraag
    assert antwoord.status_code == 302 and antwoord["Location"] == aanvraag.get_absolute_url()
    assert Aanvraag.objects.count() == voor + 1
    assert overleg.status == Status.NAAR_MDO
    assert aanvraag.status == "concept"
    assert (aanvraag.leerling_id, aanvraag.school_id) == (noor.pk, knooppunt.school_id)
    assert (aanvraag.voornaam, aanvraag.geboortedatum) == (noor.voornaam, noor.geboortedatum)
    assert overleg.integraal_beeld in aanvraag.ondersteuningsbehoeften
    assert overleg.interventies_onderwijs in aanvraag.niveaus_1_4
    assert overleg.nummer in aanvraag.ondersteuningsbehoeften
    # Consent is the TLV route's: not assumed.
    assert aanvraag.ouders_akkoord == "onbekend" and aanvraag.zienswijze_ouders == ""
    assert aanvraag.trajectbegeleider_id == tb.pk
    # A second click: no second aanvraag, on to the first.
    opnieuw = client.post(url, {"versie": overleg.versie, "soort": "SBO"})
    assert opnieuw.status_code == 302 and opnieuw["Location"] == aanvraag.get_absolute_url()
    with pytest.raises(PermissionDenied):
        ov.overleg_naar_mdo(gebruiker=tb, overleg=overleg, versie=overleg.versie, soort="SBO")
    assert Aanvraag.objects.count() == voor + 1


def test_mdo_refused_while_the_pupil_has_an_open_tlv_aanvraag(als, ib, tb, knooppunt, noor):
    eerste = Knooppuntoverleg.objects.get(leerling=noor, status=Status.GEHOUDEN)
    ov.overleg_naar_mdo(gebruiker=tb, overleg=eerste, versie=eerste.versie, soort="SBO")
    tweede = _gehouden(ib, knooppunt, noor)
    voor = Aanvraag.objects.count()
    antwoord = als("ib-innovo").post(
        reverse("knooppunt:overleg-mdo", args=[tweede.pk]),
        {"versie": tweede.versie, "soort": "SBO"},
    )
    assert antwoord.status_code == 400
    assert "Voor deze leerling loopt al een aanvraag" in antwoord.content.decode()
    assert Aanvraag.objects.count() == voor
    # The open aanvraag (the ib'er sees it: her school's) is linked.
    eerste.refresh_from_db()
    assert antwoord.context["dubbel"] == eerste.aanvraag
    tweede.refresh_from_db()
    assert tweede.status == Status.GEHOUDEN and tweede.aanvraag_id is None


def test_mdo_so_needs_a_category_from_the_tlv_route(als, noor):
    overleg = Knooppuntoverleg.objects.get(leerling=noor, status=Status.GEHOUDEN)
    antwoord = als("ib-innovo").post(
        reverse("knooppunt:overleg-mdo", args=[overleg.pk]),
        {"versie": overleg.versie, "soort": "SO"},
    )
    assert antwoord.status_code == 400
    assert "categorie" in antwoord.context["form"].errors
    overleg.refresh_from_db()
    assert overleg.aanvraag_id is None


@pytest.mark.parametrize("username", ["directeur", "bestuur-innovo", "opr"])
def test_mdo_not_for_roles_that_may_not_open_a_tlv(als, noor, username):
    overleg = Knooppuntoverleg.objects.get(leerling=noor, status=Status.GEHOUDEN)
    voor = Aanvraag.objects.count()
    antwoord = als(username).post(
        reverse("knooppunt:overleg-mdo", args=[overleg.pk]),
        {"versie": overleg.versie, "soort": "SBO"},
    )
    assert antwoord.status_code in (403, 404)
    assert Aanvraag.objects.count() == voor


def test_mdo_needs_the_pupils_date_of_birth(tb, knooppunt, ib):
    zonder = Leerling.objects.create(swv_id=knooppunt.swv_id, school=knooppunt.school,
                                     voornaam="Zonder", achternaam="Geboortedatum")  # fmt: skip
    overleg = _gehouden(ib, knooppunt, zonder)
    with pytest.raises(ValidationError) as fout:
        ov.overleg_naar_mdo(gebruiker=tb, overleg=overleg, versie=overleg.versie, soort="SBO")
    assert "geboortedatum" in str(fout.value)
