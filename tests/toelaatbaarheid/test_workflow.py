"""Every transition through the services: allowed and refused per role, with history,
audit and the guards users rely on."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from swv.models import AuditEvent
from tests.factories.toelaatbaarheid import (
    gebruiker,
    mdo_gegevens,
    naar_status,
    nieuwe_zaak,
    vers,
)
from toelaatbaarheid import services
from toelaatbaarheid.models import (
    Aanvraag,
    Beschikking,
    Besluit,
    Deskundige,
    Discipline,
    Status,
    StatusWijziging,
)

pytestmark = pytest.mark.usefixtures("snelle_pdf")
ALLE = [
    "medewerker",
    "directeur",
    "trajectbegeleider",
    "orthopedagoog",
    "jeugdarts",
    "bestuur-movare",
    "bestuur-innovo",
    "ib-innovo",
    "opr",
]


def _kan(functie) -> bool:
    try:
        with transaction.atomic():
            functie()
    except PermissionDenied:
        return False
    return True


def _rollen(toegestaan):
    return [pytest.param(r, r in toegestaan, id=r) for r in ALLE]


# --- Indienen ------------------------------------------------------------------------


@pytest.mark.parametrize(("rol", "mag"), _rollen({"trajectbegeleider", "medewerker"}))
def test_indienen_per_rol(rol, mag):
    zaak = nieuwe_zaak()
    assert (
        _kan(
            lambda: services.aanvraag_indienen(
                gebruiker=gebruiker(rol), aanvraag=zaak, versie=zaak.versie
            )
        )
        is mag
    )
    assert vers(zaak).status == (Status.INGEDIEND if mag else Status.CONCEPT)


def test_indienen_schrijft_historie_en_audit():
    zaak = nieuwe_zaak()
    services.aanvraag_indienen(
        gebruiker=gebruiker("trajectbegeleider"), aanvraag=zaak, versie=zaak.versie
    )
    zaak = vers(zaak)
    assert zaak.ontvangen_op == timezone.localdate()
    rij = StatusWijziging.objects.filter(aanvraag=zaak).latest("id")
    assert (rij.van, rij.naar, rij.door.username) == ("concept", "ingediend", "trajectbegeleider")
    event = AuditEvent.objects.filter(object_id=str(zaak.pk), actie="overgang").latest("id")
    assert zaak.voornaam not in event.omschrijving and zaak.nummer in event.omschrijving


def test_onvolledige_aanvraag_zegt_wat_er_ontbreekt():
    zaak = nieuwe_zaak(opp=False, zienswijze_ouders="", einddatum=None)
    with pytest.raises(ValidationError) as fout:
        services.aanvraag_indienen(
            gebruiker=gebruiker("trajectbegeleider"), aanvraag=zaak, versie=zaak.versie
        )
    tekst = fout.value.messages[0]
    assert (
        "OPP als bijlage" in tekst and "zienswijze van de ouders" in tekst and "einddatum" in tekst
    )
    assert vers(zaak).status == Status.CONCEPT


def test_school_maakt_concept_trajectbegeleider_pakt_op():
    from swv.demo import innovo_school

    zaak = nieuwe_zaak(door="ib-innovo", school=innovo_school())
    assert zaak.trajectbegeleider is None
    with pytest.raises(PermissionDenied):
        services.aanvraag_indienen(
            gebruiker=gebruiker("ib-innovo"), aanvraag=zaak, versie=zaak.versie
        )
    services.aanvraag_indienen(
        gebruiker=gebruiker("trajectbegeleider"), aanvraag=zaak, versie=zaak.versie
    )
    assert vers(zaak).trajectbegeleider.username == "trajectbegeleider"


# --- Aanmaken: bad input -------------------------------------------------------------


def test_tweede_open_aanvraag_geweigerd_met_de_open_zaak():
    eerste = nieuwe_zaak(voornaam="Anna", achternaam="de Vries")
    with pytest.raises(services.DubbeleAanvraag) as fout:
        # Other school, other spelling of case and spaces: still the same pupil.
        nieuwe_zaak(
            voornaam="anna ",
            achternaam="De  Vries",
            geboortedatum=eerste.geboortedatum,
            school=eerste.school.__class__.objects.filter(swv__code="PO3106", soort="BAO")
            .exclude(pk=eerste.school_id)
            .first(),
        )
    assert fout.value.bestaande == eerste
    # Once withdrawn, a new aanvraag is fine.
    services.aanvraag_intrekken(
        gebruiker=gebruiker("trajectbegeleider"),
        aanvraag=eerste,
        versie=vers(eerste).versie,
        toelichting="dubbel",
    )
    nieuwe_zaak(voornaam="Anna", achternaam="de Vries", geboortedatum=eerste.geboortedatum)


def test_database_weigert_tweede_open_aanvraag():
    eerste = nieuwe_zaak()
    with pytest.raises(IntegrityError), transaction.atomic():
        Aanvraag.objects.create(
            swv=eerste.swv,
            school=eerste.school,
            aangemaakt_door=eerste.aangemaakt_door,
            voornaam=eerste.voornaam,
            achternaam=eerste.achternaam,
            geboortedatum=eerste.geboortedatum,
            soort="SBO",
        )


def test_einddatum_voor_ingangsdatum_geweigerd():
    with pytest.raises(ValidationError) as fout:
        nieuwe_zaak(
            ingangsdatum=timezone.localdate(), einddatum=timezone.localdate() - timedelta(days=1)
        )
    assert "einddatum" in fout.value.message_dict


def test_so_zonder_categorie_geweigerd_en_hele_schoolloopbaan_zonder_einddatum():
    with pytest.raises(ValidationError) as fout:
        nieuwe_zaak(soort="SO", categorie="")
    assert "categorie" in fout.value.message_dict
    # 'Hele schoolloopbaan' with an einddatum is refused at the field (issue 14)...
    with pytest.raises(ValidationError) as fout:
        nieuwe_zaak(soort="SO", categorie="hoog", hele_schoolloopbaan=True)
    assert "einddatum" in fout.value.message_dict
    # ...without one it is fine.
    zaak = nieuwe_zaak(soort="SO", categorie="hoog", hele_schoolloopbaan=True, einddatum=None)
    assert zaak.einddatum is None and zaak.hele_schoolloopbaan


def test_school_buiten_scope_geweigerd():
    from swv.demo import innovo_school

    with pytest.raises(PermissionDenied):
        nieuwe_zaak(
            door="ib-innovo",
            school=innovo_school()
            .__class__.objects.exclude(pk=innovo_school().pk)
            .filter(soort="BAO")
            .first(),
        )


# --- MDO, adviezen -------------------------------------------------------------------


@pytest.mark.parametrize(("rol", "mag"), _rollen({"trajectbegeleider", "medewerker"}))
def test_mdo_per_rol(rol, mag):
    zaak = naar_status(nieuwe_zaak(), Status.INGEDIEND)
    assert (
        _kan(
            lambda: services.mdo_vastleggen(
                gebruiker=gebruiker(rol), aanvraag=zaak, versie=zaak.versie, gegevens=mdo_gegevens()
            )
        )
        is mag
    )
    assert vers(zaak).status == (Status.ADVIES if mag else Status.INGEDIEND)


def test_mdo_zonder_deelnemers_of_in_de_toekomst_geweigerd():
    zaak = naar_status(nieuwe_zaak(), Status.INGEDIEND)
    tb = gebruiker("trajectbegeleider")
    with pytest.raises(ValidationError) as fout:
        services.mdo_vastleggen(
            gebruiker=tb, aanvraag=zaak, versie=zaak.versie, gegevens=mdo_gegevens(deelnemers=[])
        )
    assert "deelnemers" in fout.value.message_dict
    with pytest.raises(ValidationError):
        services.mdo_vastleggen(
            gebruiker=tb,
            aanvraag=zaak,
            versie=zaak.versie,
            gegevens=mdo_gegevens(datum=timezone.localdate() + timedelta(days=1)),
        )
    assert vers(zaak).status == Status.INGEDIEND


def _in_advies():
    return naar_status(nieuwe_zaak(), Status.ADVIES)


def test_eerste_advies_van_orthopedagoog_of_psycholoog():
    zaak = _in_advies()
    arts = Deskundige.objects.get(gebruiker__username="jeugdarts")
    with pytest.raises(ValidationError) as fout:
        services.deskundige_toewijzen(
            gebruiker=gebruiker("trajectbegeleider"),
            aanvraag=zaak,
            deskundige=arts,
            versie=zaak.versie,
        )
    assert "orthopedagoog of psycholoog" in fout.value.messages[0]


def test_zelfde_deskundige_twee_keer_geweigerd():
    zaak = _in_advies()
    tb = gebruiker("trajectbegeleider")
    ortho = Deskundige.objects.get(gebruiker__username="orthopedagoog")
    services.deskundige_toewijzen(gebruiker=tb, aanvraag=zaak, deskundige=ortho, versie=zaak.versie)
    with pytest.raises(ValidationError) as fout:
        services.deskundige_toewijzen(
            gebruiker=tb, aanvraag=zaak, deskundige=ortho, versie=vers(zaak).versie
        )
    assert "andere deskundige" in fout.value.messages[0]
    assert zaak.adviezen.count() == 1


def test_deskundige_verbonden_aan_school_niet_onafhankelijk():
    zaak = _in_advies()
    ortho = Deskundige.objects.get(gebruiker__username="orthopedagoog")
    ortho.besturen.add(zaak.school.bestuur)
    with pytest.raises(ValidationError) as fout:
        services.deskundige_toewijzen(
            gebruiker=gebruiker("trajectbegeleider"),
            aanvraag=zaak,
            deskundige=ortho,
            versie=zaak.versie,
        )
    assert "niet onafhankelijk" in fout.value.messages[0]
    ortho.besturen.clear()
    ortho.scholen.add(zaak.gewenste_school)
    with pytest.raises(ValidationError):
        services.deskundige_toewijzen(
            gebruiker=gebruiker("trajectbegeleider"),
            aanvraag=zaak,
            deskundige=ortho,
            versie=zaak.versie,
        )


@pytest.mark.parametrize(("rol", "mag"), _rollen({"orthopedagoog"}))
def test_alleen_de_gevraagde_deskundige_geeft_advies(rol, mag):
    zaak = _in_advies()
    ortho = Deskundige.objects.get(gebruiker__username="orthopedagoog")
    advies = services.deskundige_toewijzen(
        gebruiker=gebruiker("trajectbegeleider"),
        aanvraag=zaak,
        deskundige=ortho,
        versie=zaak.versie,
    )
    assert (
        _kan(
            lambda: services.advies_geven(
                gebruiker=gebruiker(rol),
                advies=advies,
                toelaatbaar=True,
                motivering="m",
                datum=timezone.localdate(),
            )
        )
        is mag
    )


def test_tweede_advies_brengt_zaak_bij_directeur_en_advies_maar_een_keer():
    zaak = naar_status(nieuwe_zaak(), Status.BESLUITVORMING)
    assert zaak.status == Status.BESLUITVORMING
    advies = zaak.adviezen.first()
    with pytest.raises((ValidationError, PermissionDenied)):
        services.advies_geven(
            gebruiker=advies.deskundige.gebruiker,
            advies=advies,
            toelaatbaar=False,
            motivering="x",
            datum=timezone.localdate(),
        )
    assert zaak.adviezen.get(pk=advies.pk).toelaatbaar is True


# --- Beschikking ---------------------------------------------------------------------


@pytest.mark.parametrize(("rol", "mag"), _rollen({"directeur"}))
def test_beschikking_alleen_directeur(rol, mag):
    zaak = naar_status(nieuwe_zaak(), Status.BESLUITVORMING)
    assert (
        _kan(
            lambda: services.beschikking_afgeven(
                gebruiker=gebruiker(rol),
                aanvraag=zaak,
                versie=zaak.versie,
                besluit=Besluit.TOEGEKEND,
            )
        )
        is mag
    )
    assert vers(zaak).status == (Status.TOEGEKEND if mag else Status.BESLUITVORMING)


def test_beschikking_zonder_twee_adviezen_geweigerd():
    zaak = _in_advies()
    with pytest.raises(PermissionDenied):
        services.beschikking_afgeven(
            gebruiker=gebruiker("directeur"),
            aanvraag=zaak,
            versie=zaak.versie,
            besluit=Besluit.TOEGEKEND,
        )
    assert not Beschikking.objects.filter(aanvraag=zaak).exists()


def test_eensluidend_is_een_bevestiging_afwijken_vraagt_motivering():
    zaak = naar_status(nieuwe_zaak(), Status.BESLUITVORMING)
    directeur = gebruiker("directeur")
    with pytest.raises(ValidationError) as fout:
        services.beschikking_afgeven(
            gebruiker=directeur, aanvraag=zaak, versie=zaak.versie, besluit=Besluit.AFGEWEZEN
        )
    assert "motivering" in fout.value.message_dict
    besch = services.beschikking_afgeven(
        gebruiker=directeur, aanvraag=zaak, versie=zaak.versie, besluit=Besluit.TOEGEKEND
    )
    assert not besch.afwijkend_van_advies and "toelaatbaar" in besch.motivering


def test_niet_eensluidend_vraagt_motivering():
    zaak = naar_status(nieuwe_zaak(), Status.ADVIES)  # MDO: toelaatbaar
    tb = gebruiker("trajectbegeleider")
    ortho = Deskundige.objects.get(gebruiker__username="orthopedagoog")
    arts = Deskundige.objects.get(gebruiker__username="jeugdarts")
    a1 = services.deskundige_toewijzen(
        gebruiker=tb, aanvraag=zaak, deskundige=ortho, versie=zaak.versie
    )
    a2 = services.deskundige_toewijzen(
        gebruiker=tb, aanvraag=zaak, deskundige=arts, versie=vers(zaak).versie
    )
    services.advies_geven(
        gebruiker=ortho.gebruiker,
        advies=a1,
        toelaatbaar=True,
        motivering="ja",
        datum=timezone.localdate(),
    )
    services.advies_geven(
        gebruiker=arts.gebruiker,
        advies=a2,
        toelaatbaar=False,
        motivering="nee",
        datum=timezone.localdate(),
    )
    zaak = vers(zaak)
    with pytest.raises(ValidationError):
        services.beschikking_afgeven(
            gebruiker=gebruiker("directeur"),
            aanvraag=zaak,
            versie=zaak.versie,
            besluit=Besluit.TOEGEKEND,
        )
    besch = services.beschikking_afgeven(
        gebruiker=gebruiker("directeur"),
        aanvraag=zaak,
        versie=zaak.versie,
        besluit=Besluit.TOEGEKEND,
        motivering="Het eerste advies weegt zwaarder.",
    )
    assert besch.afwijkend_van_advies


def test_twee_keer_afgeven_geeft_een_beschikking():
    zaak = naar_status(nieuwe_zaak(), Status.BESLUITVORMING)
    directeur = gebruiker("directeur")
    eerste = services.beschikking_afgeven(
        gebruiker=directeur, aanvraag=zaak, versie=zaak.versie, besluit=Besluit.TOEGEKEND
    )
    with pytest.raises(ValidationError) as fout:
        services.beschikking_afgeven(
            gebruiker=directeur, aanvraag=zaak, versie=zaak.versie, besluit=Besluit.TOEGEKEND
        )
    assert fout.value.code == "al_afgegeven"
    assert list(Beschikking.objects.filter(aanvraag=zaak)) == [eerste]


def test_database_constraint_een_beschikking_per_ronde_en_uniek_nummer():
    zaak = naar_status(nieuwe_zaak(), Status.TOEGEKEND)
    b = Beschikking.objects.get(aanvraag=zaak)
    velden = {
        f.attname: getattr(b, f.attname)
        for f in Beschikking._meta.concrete_fields
        if f.name != "id"
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        Beschikking.objects.create(**{**velden, "volgnummer": b.volgnummer + 1000})
    with pytest.raises(IntegrityError), transaction.atomic():
        Beschikking.objects.create(**{**velden, "ronde": 2})


def test_beschikkingsnummers_oplopend_per_swv_per_jaar():
    a = naar_status(nieuwe_zaak(), Status.TOEGEKEND).beschikkingen.get()
    b = naar_status(nieuwe_zaak(), Status.AFGEWEZEN, toelaatbaar=False).beschikkingen.get()
    assert b.volgnummer == a.volgnummer + 1
    assert a.nummer == f"PO3106-{timezone.localdate().year}-{a.volgnummer:04d}"


def test_verouderde_versie_wordt_gemeld_niet_overschreven():
    zaak = nieuwe_zaak()
    oud = zaak.versie
    services.aanvraag_wijzigen(
        gebruiker=gebruiker("trajectbegeleider"),
        aanvraag=zaak,
        versie=oud,
        gegevens={**_gegevens_van(zaak), "groep": 6},
    )
    with pytest.raises(services.VerouderdeVersie):
        services.aanvraag_wijzigen(
            gebruiker=gebruiker("medewerker"),
            aanvraag=zaak,
            versie=oud,
            gegevens={**_gegevens_van(zaak), "groep": 7},
        )
    assert vers(zaak).groep == 6


def _gegevens_van(zaak):
    return {k: getattr(zaak, k) for k in services.VELDEN}


# --- Bezwaar -------------------------------------------------------------------------


@pytest.mark.parametrize(("rol", "mag"), _rollen({"medewerker", "directeur"}))
def test_bezwaar_registreren_per_rol(rol, mag):
    zaak = naar_status(nieuwe_zaak(), Status.AFGEWEZEN, toelaatbaar=False)
    assert (
        _kan(
            lambda: services.bezwaar_registreren(
                gebruiker=gebruiker(rol),
                aanvraag=zaak,
                versie=zaak.versie,
                indiener="ouders",
                ontvangen_op=timezone.localdate(),
                gronden="g",
            )
        )
        is mag
    )


def test_bezwaar_buiten_termijn_wordt_zo_geregistreerd():
    zaak = naar_status(nieuwe_zaak(), Status.TOEGEKEND)
    Beschikking.objects.filter(aanvraag=zaak).update(
        verzonden_op=timezone.localdate() - timedelta(days=70)
    )
    bz = services.bezwaar_registreren(
        gebruiker=gebruiker("medewerker"),
        aanvraag=zaak,
        versie=zaak.versie,
        indiener="bestuur",
        ontvangen_op=timezone.localdate(),
        gronden="g",
    )
    assert bz.tijdig is False
    assert vers(zaak).status == Status.BEZWAAR


def test_bezwaarprocedure_tot_gegronde_beslissing():
    zaak = naar_status(nieuwe_zaak(), Status.BEZWAAR, toelaatbaar=False)
    bz = zaak.bezwaren.get()
    mw = gebruiker("medewerker")
    vandaag = timezone.localdate()
    services.bezwaar_ontvangst_bevestigen(gebruiker=mw, bezwaar=bz, versie=vers(zaak).versie)
    with pytest.raises(ValidationError):
        services.bezwaar_naar_lbt(
            gebruiker=mw, bezwaar=bz, versie=vers(zaak).versie, verweerschrift=""
        )
    services.bezwaar_naar_lbt(
        gebruiker=mw, bezwaar=bz, versie=vers(zaak).versie, verweerschrift="Verweer"
    )
    with pytest.raises(ValidationError) as fout:
        services.bezwaar_hoorzitting_plannen(
            gebruiker=mw,
            bezwaar=bz,
            versie=vers(zaak).versie,
            uitnodiging_op=vandaag,
            hoorzitting_op=vandaag + timedelta(days=10),
        )
    assert "tien dagen" in fout.value.messages[0]
    services.bezwaar_hoorzitting_plannen(
        gebruiker=mw,
        bezwaar=bz,
        versie=vers(zaak).versie,
        uitnodiging_op=vandaag,
        hoorzitting_op=vandaag + timedelta(days=11),
    )
    services.bezwaar_verdagen(gebruiker=mw, bezwaar=bz, versie=vers(zaak).versie)
    with pytest.raises(ValidationError):
        services.bezwaar_verdagen(gebruiker=mw, bezwaar=bz, versie=vers(zaak).versie)
    services.bezwaar_advies_vastleggen(
        gebruiker=mw,
        bezwaar=bz,
        versie=vers(zaak).versie,
        uitkomst="gegrond",
        advies="Gegrond verklaren",
    )
    with pytest.raises(PermissionDenied):
        services.bezwaar_beslissen(
            gebruiker=mw, bezwaar=bz, versie=vers(zaak).versie, beslissing="gegrond", motivering="m"
        )
    # Not before the hearing (Awb 7:2); on the day after it, the directeur decides.
    with pytest.raises(ValidationError) as fout:
        services.bezwaar_beslissen(
            gebruiker=gebruiker("directeur"),
            bezwaar=bz,
            versie=vers(zaak).versie,
            beslissing="gegrond",
            motivering="LBT-advies gevolgd",
        )
    assert "hoorzitting" in fout.value.messages[0]
    with time_machine.travel(timezone.now() + timedelta(days=12), tick=False):
        services.bezwaar_beslissen(
            gebruiker=gebruiker("directeur"),
            bezwaar=bz,
            versie=vers(zaak).versie,
            beslissing="gegrond",
            motivering="LBT-advies gevolgd",
        )
    zaak = vers(zaak)
    assert zaak.status == Status.TOEGEKEND
    oud, nieuw = zaak.beschikkingen.order_by("ronde")
    assert (oud.actueel, nieuw.actueel, nieuw.besluit, nieuw.ronde) == (False, True, "toegekend", 2)
    stappen = list(zaak.historie.values_list("stap", flat=True))
    assert any("LBT" in s for s in stappen) and any("Beslissing op bezwaar" in s for s in stappen)


def test_ongegrond_laat_besluit_staan():
    zaak = naar_status(nieuwe_zaak(), Status.BEZWAAR)
    bz = zaak.bezwaren.get()
    services.bezwaar_beslissen(
        gebruiker=gebruiker("directeur"),
        bezwaar=bz,
        versie=zaak.versie,
        beslissing="ongegrond",
        motivering="m",
    )
    zaak = vers(zaak)
    assert zaak.status == Status.TOEGEKEND and zaak.beschikkingen.count() == 1


# --- Terugplaatsing, herbeoordeling, intrekken --------------------------------------


@pytest.mark.parametrize(("rol", "mag"), _rollen({"trajectbegeleider", "medewerker"}))
def test_terugplaatsing_per_rol(rol, mag):
    from tests.factories.toelaatbaarheid import movare_school

    zaak = naar_status(nieuwe_zaak(), Status.TOEGEKEND)
    vandaag = timezone.localdate()
    assert (
        _kan(
            lambda: services.terugplaatsing_vastleggen(
                gebruiker=gebruiker(rol),
                aanvraag=zaak,
                versie=zaak.versie,
                datum=vandaag,
                knooppunt_op=vandaag,
                ontvangende_school=movare_school(3),
                warme_overdracht="w",
            )
        )
        is mag
    )
    assert vers(zaak).status == (Status.BEEINDIGD if mag else Status.TOEGEKEND)


def test_herbeoordeling_nieuwe_aanvraag_gekoppeld_en_maar_een():
    zaak = naar_status(nieuwe_zaak(), Status.TOEGEKEND)
    tb = gebruiker("trajectbegeleider")
    nieuw = services.herbeoordeling_starten(gebruiker=tb, aanvraag=zaak)
    assert (nieuw.vorige_id, nieuw.status, nieuw.voornaam) == (
        zaak.pk,
        Status.CONCEPT,
        zaak.voornaam,
    )
    with pytest.raises(services.DubbeleAanvraag):
        services.herbeoordeling_starten(gebruiker=tb, aanvraag=vers(zaak))
    with pytest.raises(PermissionDenied):
        services.herbeoordeling_starten(gebruiker=gebruiker("bestuur-movare"), aanvraag=vers(zaak))


@pytest.mark.parametrize(
    ("status", "rol", "mag"),
    [
        (Status.CONCEPT, "bestuur-movare", False),
        (Status.CONCEPT, "trajectbegeleider", True),
        (Status.INGEDIEND, "medewerker", True),
        (Status.INGEDIEND, "directeur", False),
        (Status.TOEGEKEND, "trajectbegeleider", False),
    ],
)
def test_intrekken(status, rol, mag):
    zaak = naar_status(nieuwe_zaak(), status)
    assert (
        _kan(
            lambda: services.aanvraag_intrekken(
                gebruiker=gebruiker(rol), aanvraag=zaak, versie=zaak.versie, toelichting="t"
            )
        )
        is mag
    )


def test_school_trekt_eigen_concept_in_maar_geen_ingediende():
    from swv.demo import innovo_school

    ib = gebruiker("ib-innovo")
    zaak = nieuwe_zaak(door="ib-innovo", school=innovo_school())
    services.aanvraag_intrekken(gebruiker=ib, aanvraag=zaak, versie=zaak.versie, toelichting="t")
    assert vers(zaak).status == Status.INGETROKKEN
    zaak2 = naar_status(nieuwe_zaak(door="ib-innovo", school=innovo_school()), Status.INGEDIEND)
    with pytest.raises(PermissionDenied):
        services.aanvraag_intrekken(
            gebruiker=ib, aanvraag=zaak2, versie=zaak2.versie, toelichting="t"
        )


def test_status_veld_is_beschermd():
    zaak = nieuwe_zaak()
    with pytest.raises(AttributeError):
        zaak.status = Status.TOEGEKEND


def test_deskundige_disciplines_demo():
    assert (
        Deskundige.objects.get(gebruiker__username="orthopedagoog").discipline
        == Discipline.ORTHOPEDAGOOG
    )
    assert Deskundige.objects.get(gebruiker__username="jeugdarts").discipline == Discipline.ARTS


def test_beslistermijn_verdagen_4_14():
    from toelaatbaarheid import selectors, termijnen

    zaak = naar_status(nieuwe_zaak(), Status.INGEDIEND)
    mw = gebruiker("medewerker")
    huidig = termijnen.beslistermijn_aanvraag(
        zaak.ontvangen_op, gelijkgesteld=termijnen.gelijkgestelde_dagen()
    )
    with pytest.raises(ValidationError) as fout:
        services.beslistermijn_verdagen(
            gebruiker=mw, aanvraag=zaak, versie=zaak.versie, tot=huidig, toelichting="r"
        )
    assert "tot" in fout.value.message_dict
    with pytest.raises(PermissionDenied):
        services.beslistermijn_verdagen(
            gebruiker=gebruiker("trajectbegeleider"),
            aanvraag=zaak,
            versie=zaak.versie,
            tot=huidig + timedelta(days=28),
            toelichting="r",
        )
    services.beslistermijn_verdagen(
        gebruiker=mw,
        aanvraag=zaak,
        versie=zaak.versie,
        tot=huidig + timedelta(days=28),
        toelichting="Extra onderzoek nodig",
    )
    zaak = vers(zaak)
    eerste = selectors.termijnen_van(zaak)[0]
    assert eerste.datum == huidig + timedelta(days=28) or eerste.omschrijving.startswith("MDO")
    beslis = [
        x for x in selectors.termijnen_van(zaak) if x.omschrijving.startswith("Beslistermijn")
    ][0]
    assert beslis.datum == huidig + timedelta(days=28)
    assert "Awb 4:14" in zaak.historie.latest("id").stap
