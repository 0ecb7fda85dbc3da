"""The ondersteuningsroute, first part: a vraag from a dossier, filed with the parents'
valid consent, put on a loket meeting's agenda (which sets the beslistermijn), decided on
that meeting only, and the schools told without pupil details when the meeting closes.
Scoped as every pupil record."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from leerlingen.models import Leerling, Toestemming
from ondersteuning import demo, termijnen
from ondersteuning.models import (
    LoketInstellingen,
    Loketoverleg,
    Ondersteuningsvraag,
    Soort,
    Status,
)
from ondersteuning.selectors import loketoverleggen_voor, vragen_voor
from ondersteuning.services import loket
from ondersteuning.services import vraag as v
from swv import workflow
from swv.models import AuditEvent
from tests.conftest import DEMO_ACCOUNTS
from toelaatbaarheid.termijnen import gelijkgestelde_dagen

pytestmark = pytest.mark.django_db


@pytest.fixture
def ib(gebruiker):
    return gebruiker("ib-innovo")


@pytest.fixture
def medewerker(gebruiker):
    return gebruiker("medewerker")


@pytest.fixture
def noor(ib):
    return Leerling.objects.get(school=ib.school, voornaam="Noor", achternaam="Demodossier")


def _nieuwe_vraag(ib, noor, **kw):
    gegevens = {
        "soort": Soort.ADVIES,
        "vraag": "Extra begeleiding in de groep.",
        "niveaus_1_4": "Handelingsplan uitgevoerd.",
        "zienswijze_ouders": "Ouders stemmen in.",
        "toestemming": noor.toestemmingen.filter(ingetrokken_op__isnull=True).first(),
        **kw,
    }
    return v.vraag_aanmaken(gebruiker=ib, leerling=noor, **gegevens)


def _ingediend(ib, noor, **kw):
    obj = _nieuwe_vraag(ib, noor, **kw)
    return v.vraag_indienen(gebruiker=ib, vraag=obj, versie=obj.versie)


def _overleg(medewerker, swv, datum=None):
    return loket.loketoverleg_plannen(
        gebruiker=medewerker, swv=swv, datum=datum or timezone.localdate()
    )


def _geagendeerd(medewerker, obj, overleg):
    return v.vraag_agenderen(gebruiker=medewerker, vraag=obj, overleg=overleg, versie=obj.versie)


# Scope ---------------------------------------------------------------------------------

ZIET_INNOVO_VRAAG = {
    "medewerker": True, "directeur": True, "privacy": True, "trajectbegeleider": True,
    "bestuur-innovo": True, "ib-innovo": True,
    "bestuur-movare": False, "orthopedagoog": False, "jeugdarts": False, "opr": False,
}  # fmt: skip
ZIET_LOKET = {"medewerker", "directeur", "privacy", "trajectbegeleider"}


@pytest.mark.parametrize("naam", DEMO_ACCOUNTS)
def test_wie_een_vraag_ziet(gebruiker, ib, noor, naam):
    obj = _nieuwe_vraag(ib, noor)
    assert vragen_voor(gebruiker(naam)).filter(pk=obj.pk).exists() is ZIET_INNOVO_VRAAG[naam]


@pytest.mark.parametrize("naam", DEMO_ACCOUNTS)
def test_wie_het_loketoverleg_ziet(gebruiker, naam):
    zichtbaar = loketoverleggen_voor(gebruiker(naam))
    assert zichtbaar.exists() is (naam in ZIET_LOKET)
    assert zichtbaar.count() in (0, Loketoverleg.objects.count())


def test_bestuur_movare_never_sees_innovo_vragen(gebruiker):
    movare = vragen_voor(gebruiker("bestuur-movare"))
    assert movare.exists(), "de demo heeft een vraag op een Movare-school"
    assert not movare.filter(school__bestuur__nummer="41506").exists()
    assert not movare.exclude(school__bestuur__nummer="41516").exists()
    assert vragen_voor(gebruiker("bestuur-innovo")).filter(school__bestuur__nummer="41506").exists()


def test_trajectbegeleider_sees_own_and_unassigned_only(gebruiker, ib, noor):
    from swv.models import Gebruiker

    ander = Gebruiker.objects.create(username="tb-ander", rol="trajectbegeleider")
    obj = _nieuwe_vraag(ib, noor)
    Ondersteuningsvraag.objects.filter(pk=obj.pk).update(trajectbegeleider=ander)
    assert not vragen_voor(gebruiker("trajectbegeleider")).filter(pk=obj.pk).exists()
    assert vragen_voor(gebruiker("medewerker")).filter(pk=obj.pk).exists()


def test_vraag_on_a_dossier_outside_scope_is_refused(gebruiker):
    ties = Leerling.objects.get(voornaam="Ties", achternaam="Demodossier")
    with pytest.raises(PermissionDenied):
        v.vraag_aanmaken(gebruiker=gebruiker("ib-innovo"), leerling=ties,
                         soort=Soort.ADVIES, vraag="x")  # fmt: skip
    assert not Ondersteuningsvraag.objects.filter(leerling=ties, vraag="x").exists()


# Content rules --------------------------------------------------------------------------


def test_vraag_takes_swv_and_school_from_the_dossier(ib, noor):
    obj = _nieuwe_vraag(ib, noor)
    assert (obj.swv_id, obj.school_id, obj.status) == (noor.swv_id, noor.school_id, "concept")
    assert list(obj.historie.values_list("van", "naar")) == [("", "concept")]


def test_indienen_needs_a_consent_that_is_not_withdrawn(ib, noor):
    obj = _nieuwe_vraag(ib, noor, toestemming=None)
    with pytest.raises(ValidationError) as fout:
        v.vraag_indienen(gebruiker=ib, vraag=obj, versie=obj.versie)
    assert "toestemming" in fout.value.message_dict
    toestemming = Toestemming.objects.create(
        leerling=noor, gegeven_door="vader", datum=timezone.localdate() - timedelta(days=10),
        ingetrokken_op=timezone.localdate(), vastgelegd_door=ib,
    )  # fmt: skip
    with pytest.raises(ValidationError) as fout:
        v.vraag_indienen(gebruiker=ib, vraag=obj, versie=obj.versie, toestemming=toestemming)
    assert "ingetrokken" in fout.value.message_dict["toestemming"][0]
    obj.refresh_from_db()
    assert obj.status == Status.CONCEPT and obj.toestemming_id is None


def test_indienen_needs_levels_and_parents_view(ib, noor):
    obj = _nieuwe_vraag(ib, noor, niveaus_1_4="", zienswijze_ouders="")
    with pytest.raises(ValidationError) as fout:
        v.vraag_indienen(gebruiker=ib, vraag=obj, versie=obj.versie)
    assert set(fout.value.message_dict) == {"niveaus_1_4", "zienswijze_ouders"}


def test_consent_of_another_dossier_is_refused(ib, noor):
    andere = Toestemming.objects.exclude(leerling=noor).first()
    with pytest.raises(ValidationError) as fout:
        _nieuwe_vraag(ib, noor, toestemming=andere)
    assert "toestemming" in fout.value.message_dict


def test_stale_version_is_refused(ib, noor, medewerker):
    obj = _nieuwe_vraag(ib, noor)
    oud = obj.versie
    v.vraag_indienen(gebruiker=ib, vraag=obj, versie=oud)
    with pytest.raises(workflow.VerouderdeVersie):
        v.vraag_intrekken(gebruiker=medewerker, vraag=obj, versie=oud)
    obj.refresh_from_db()
    assert obj.status == Status.INGEDIEND
    # The school may not withdraw a filed vraag: refused as a permission, before the version.
    with pytest.raises(PermissionDenied):
        v.vraag_intrekken(gebruiker=ib, vraag=obj, versie=oud)


def test_school_may_not_agenderen_or_decide(ib, noor, medewerker):
    obj = _ingediend(ib, noor)
    overleg = _overleg(medewerker, noor.swv)
    with pytest.raises(PermissionDenied):
        v.vraag_agenderen(gebruiker=ib, vraag=obj, overleg=overleg, versie=obj.versie)


def test_agenderen_sets_the_term_from_the_swv_setting(ib, noor, medewerker):
    datum = timezone.localdate() + timedelta(days=3)
    overleg = _overleg(medewerker, noor.swv, datum)
    obj = _geagendeerd(medewerker, _ingediend(ib, noor), overleg)
    assert obj.uiterlijk_besluit == termijnen.besluit_uiterlijk(datum, 5, gelijkgestelde_dagen())
    LoketInstellingen.objects.create(swv=noor.swv, beslis_werkdagen=2)
    tweede = _geagendeerd(medewerker, _ingediend(ib, noor), overleg)
    assert tweede.uiterlijk_besluit == termijnen.besluit_uiterlijk(datum, 2, gelijkgestelde_dagen())
    assert tweede.uiterlijk_besluit < obj.uiterlijk_besluit


def test_decision_on_a_vraag_not_on_this_agenda_is_refused(ib, noor, medewerker):
    hier = _overleg(medewerker, noor.swv)
    elders = _overleg(medewerker, noor.swv)
    obj = _geagendeerd(medewerker, _ingediend(ib, noor), elders)
    with pytest.raises(ValidationError) as fout:
        v.vraag_besluiten(gebruiker=medewerker, vraag=obj, overleg=hier, versie=obj.versie,
                          besluit="toegekend", reden="Past.")  # fmt: skip
    assert "staat niet op de agenda" in fout.value.messages[0]
    obj.refresh_from_db()
    assert obj.status == Status.GEAGENDEERD and obj.besluit == ""


def test_decision_needs_a_reason_and_a_held_or_current_meeting(ib, noor, medewerker):
    later = _overleg(medewerker, noor.swv, timezone.localdate() + timedelta(days=7))
    obj = _geagendeerd(medewerker, _ingediend(ib, noor), later)
    with pytest.raises(ValidationError, match="besluiten kan vanaf die dag"):
        v.vraag_besluiten(gebruiker=medewerker, vraag=obj, overleg=later, versie=obj.versie,
                          besluit="toegekend", reden="Past.")  # fmt: skip
    nu = _overleg(medewerker, noor.swv)
    obj = v.vraag_van_agenda_halen(gebruiker=medewerker, vraag=obj, versie=obj.versie)
    assert obj.uiterlijk_besluit is None
    obj = _geagendeerd(medewerker, obj, nu)
    with pytest.raises(ValidationError) as fout:
        v.vraag_besluiten(gebruiker=medewerker, vraag=obj, overleg=nu, versie=obj.versie,
                          besluit="misschien", reden=" ")  # fmt: skip
    assert set(fout.value.message_dict) == {"besluit", "reden"}


def test_afronden_refused_while_a_vraag_is_undecided(ib, noor, medewerker):
    overleg = _overleg(medewerker, noor.swv)
    obj = _geagendeerd(medewerker, _ingediend(ib, noor), overleg)
    overleg.refresh_from_db()
    overleg = loket.loketoverleg_houden(
        gebruiker=medewerker, overleg=overleg, versie=overleg.versie
    )
    with pytest.raises(ValidationError, match=obj.nummer):
        loket.loketoverleg_afronden(gebruiker=medewerker, overleg=overleg, versie=overleg.versie)


def test_houden_not_before_the_date(noor, medewerker):
    overleg = _overleg(medewerker, noor.swv, timezone.localdate() + timedelta(days=1))
    with pytest.raises(ValidationError):
        loket.loketoverleg_houden(gebruiker=medewerker, overleg=overleg, versie=overleg.versie)


def test_whole_route_and_the_mail_without_pupil_details(
    ib, noor, medewerker, django_capture_on_commit_callbacks
):
    overleg = _overleg(medewerker, noor.swv)
    eerste = _geagendeerd(medewerker, _ingediend(ib, noor), overleg)
    tweede = _geagendeerd(medewerker, _ingediend(ib, noor, soort=Soort.ONDERZOEK), overleg)
    overleg.refresh_from_db()
    overleg = loket.loketoverleg_houden(
        gebruiker=medewerker, overleg=overleg, versie=overleg.versie
    )
    for obj, besluit in ((eerste, "toegekend"), (tweede, "afgewezen")):
        obj.refresh_from_db()
        v.vraag_besluiten(gebruiker=medewerker, vraag=obj, overleg=overleg, versie=obj.versie,
                          besluit=besluit, reden="Besproken in het loket.")  # fmt: skip
    eerste.refresh_from_db()
    assert (eerste.status, eerste.besluit, eerste.besloten_door) == (
        "besloten", "toegekend", medewerker)  # fmt: skip
    assert [h.naar for h in eerste.historie.all()] == [
        "concept",
        "ingediend",
        "geagendeerd",
        "besloten",
    ]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        loket.loketoverleg_afronden(gebruiker=medewerker, overleg=overleg, versie=overleg.versie)
    assert len(mail.outbox) == 1, "één bericht per school"
    bericht = mail.outbox[0]
    assert ib.email in bericht.to
    tekst = bericht.subject + bericht.body
    assert "besluiten genomen" in tekst and " 2 " in tekst and "/vragen/" in tekst
    for geheim in (noor.voornaam, noor.achternaam, noor.nummer, eerste.nummer, "Extra begeleiding"):
        assert geheim not in tekst
    audit = " ".join(AuditEvent.objects.filter(object_id=str(eerste.pk)).values_list(
        "omschrijving", flat=True))  # fmt: skip
    assert eerste.nummer in audit and noor.voornaam not in audit


# Pages ---------------------------------------------------------------------------------


def test_school_sees_the_decision_and_reason(als):
    obj = Ondersteuningsvraag.objects.filter(status="besloten", besluit="afgewezen").first()
    antwoord = als("ib-innovo").get(obj.get_absolute_url())
    assert antwoord.status_code == 200
    assert obj.besluit_reden in antwoord.content.decode()


def test_nieuw_with_bad_input_shows_the_message_and_saves_nothing(als, noor):
    voor = Ondersteuningsvraag.objects.count()
    url = reverse("ondersteuning:nieuw") + f"?leerling={noor.pk}"
    antwoord = als("ib-innovo").post(url, {"soort": "onbekend", "vraag": ""})
    assert antwoord.status_code == 400
    assert "Selecteer een geldige keuze" in antwoord.content.decode()
    assert Ondersteuningsvraag.objects.count() == voor
    assert als("ib-innovo").get(reverse("ondersteuning:nieuw") + "?leerling=abc").status_code == 404


def test_nieuw_creates_a_concept_from_the_dossier(als, noor):
    url = reverse("ondersteuning:nieuw") + f"?leerling={noor.pk}"
    antwoord = als("ib-innovo").post(url, {"soort": "advies", "vraag": "Graag meedenken."})
    obj = Ondersteuningsvraag.objects.get(vraag="Graag meedenken.")
    assert antwoord.status_code == 302 and antwoord["Location"] == obj.get_absolute_url()
    assert obj.leerling == noor and obj.status == "concept"


def test_decision_on_another_meeting_page_is_a_clear_message(als, ib, noor, medewerker):
    hier = _overleg(medewerker, noor.swv)
    elders = _overleg(medewerker, noor.swv)
    obj = _geagendeerd(medewerker, _ingediend(ib, noor), elders)
    antwoord = als("medewerker").post(
        reverse("ondersteuning:loket-besluit", args=[hier.pk, obj.pk]),
        {f"besluit-{obj.pk}-versie": obj.versie, f"besluit-{obj.pk}-besluit": "toegekend",
         f"besluit-{obj.pk}-reden": "Past."},
    )  # fmt: skip
    assert antwoord.status_code == 400
    assert "staat niet op de agenda" in antwoord.content.decode()
    obj.refresh_from_db()
    assert obj.status == Status.GEAGENDEERD


def test_stale_form_shows_a_message_not_a_500(als, ib, noor):
    obj = _nieuwe_vraag(ib, noor)
    antwoord = als("ib-innovo").post(
        reverse("ondersteuning:actie", args=[obj.pk, "indienen"]),
        {"indienen-versie": obj.versie + 1},
    )
    assert antwoord.status_code == 400
    assert "intussen gewijzigd" in antwoord.content.decode()


def test_pages_render(als):
    overleg = Loketoverleg.objects.filter(status="gepland").first()
    client = als("medewerker")
    for url in (reverse("ondersteuning:index") + "?status=ingediend&soort=tlv&school=a",
                reverse("ondersteuning:loket"), overleg.get_absolute_url(),
                reverse("ondersteuning:loket-nieuw")):  # fmt: skip
        assert client.get(url).status_code == 200, url


def test_dossier_timeline_shows_the_vragen(als, noor):
    antwoord = als("ib-innovo").get(noor.get_absolute_url())
    assert "Ondersteuningsvraag OV-" in antwoord.content.decode()
    # The Movare bestuur sees no INNOVO dossier, nor its vragen.
    assert als("bestuur-movare").get(noor.get_absolute_url()).status_code == 404


def test_demo_is_idempotent():
    voor = (Ondersteuningsvraag.objects.count(), Loketoverleg.objects.count())
    demo.laad()
    assert (Ondersteuningsvraag.objects.count(), Loketoverleg.objects.count()) == voor
    assert set(Ondersteuningsvraag.objects.values_list("status", flat=True)) >= {
        "concept", "ingediend", "geagendeerd", "besloten"}  # fmt: skip


def test_nieuw_by_dossier_number_and_not_outside_scope(als, noor):
    client = als("ib-innovo")
    assert client.get(reverse("ondersteuning:nieuw")).status_code == 200
    assert (
        client.get(reverse("ondersteuning:nieuw") + f"?leerling={noor.nummer}").status_code == 200
    )
    ties = Leerling.objects.get(voornaam="Ties", achternaam="Demodossier")
    assert client.get(reverse("ondersteuning:nieuw") + f"?leerling={ties.pk}").status_code == 404


def test_term_passed_without_a_decision_is_shown(als, ib, noor, medewerker):
    import time_machine

    overleg = _overleg(medewerker, noor.swv)
    obj = _geagendeerd(medewerker, _ingediend(ib, noor), overleg)
    assert not obj.termijn_verstreken
    with time_machine.travel(obj.uiterlijk_besluit + timedelta(days=1), tick=False):
        obj.refresh_from_db()
        assert obj.termijn_verstreken
        antwoord = als("medewerker").get(obj.get_absolute_url())
        assert "termijn verstreken" in antwoord.content.decode()


def test_route_through_the_pages(als, ib, noor, medewerker, django_capture_on_commit_callbacks):
    client = als("medewerker")
    obj = _ingediend(ib, noor)
    overleg = _overleg(medewerker, noor.swv)
    antwoord = client.post(
        reverse("ondersteuning:actie", args=[obj.pk, "agenderen"]),
        {"agenderen-versie": obj.versie, "agenderen-overleg": overleg.pk},
    )
    assert antwoord.status_code == 302
    obj.refresh_from_db()
    overleg.refresh_from_db()
    assert (
        client.post(
            reverse("ondersteuning:loket-actie", args=[overleg.pk, "houden"]),
            {"overleg-versie": overleg.versie},
        ).status_code
        == 302
    )
    antwoord = client.post(
        reverse("ondersteuning:loket-besluit", args=[overleg.pk, obj.pk]),
        {f"besluit-{obj.pk}-versie": obj.versie, f"besluit-{obj.pk}-besluit": "toegekend",
         f"besluit-{obj.pk}-reden": "Arrangement voor een half jaar."},
    )  # fmt: skip
    assert antwoord.status_code == 302
    overleg.refresh_from_db()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(
            reverse("ondersteuning:loket-actie", args=[overleg.pk, "afronden"]),
            {"overleg-versie": overleg.versie},
        )
    assert antwoord.status_code == 302
    assert len(mail.outbox) == 1 and "http://testserver/vragen/" in mail.outbox[0].body
    pagina = als("ib-innovo").get(obj.get_absolute_url()).content.decode()
    assert "Arrangement voor een half jaar." in pagina and "toegekend" in pagina


def test_list_query_count_does_not_grow_with_the_rows(als, ib, noor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = als("medewerker")
    url = reverse("ondersteuning:index")
    with CaptureQueriesContext(connection) as voor:
        client.get(url)
    for _ in range(6):
        _ingediend(ib, noor)
    with CaptureQueriesContext(connection) as na:
        client.get(url)
    assert len(na) == len(voor)
