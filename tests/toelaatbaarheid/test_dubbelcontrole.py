"""The duplicate check of a new aanvraag (issue 16) and the form's checks on what a person
types (issue 14): nothing disclosed outside the user's scope, every hit audited, the
checks limited per user, nothing left behind by a refused submission; impossible dates
and groepen refused next to the field, with a summary at the top of the form."""

from datetime import date

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from leerlingen.models import Leerling
from swv.demo import innovo_school
from swv.models import AuditEvent, School
from tests.factories.toelaatbaarheid import PDF, gegevens, nieuwe_zaak, vers
from toelaatbaarheid.models import Aanvraag


@pytest.fixture(autouse=True)
def _lege_cache():
    # The per-user counter lives in the cache (local memory in tests): start each test
    # at zero, and leave nothing for the next.
    cache.clear()
    yield
    cache.clear()


def _post(zaak=None, **kw):
    g = gegevens(**kw)
    if zaak is not None:
        g.update(voornaam=zaak.voornaam, achternaam=zaak.achternaam,
                 geboortedatum=zaak.geboortedatum)  # fmt: skip
    data = {k: v for k, v in g.items() if v not in (None, "")}
    data["gewenste_school"] = g["gewenste_school"].pk
    data.pop("hele_schoolloopbaan", None)
    for k in ("geboortedatum", "ingangsdatum", "einddatum"):
        if g.get(k):
            data[k] = g[k].isoformat()
    data["school"] = innovo_school().pk
    return data


def _treffers(zaak):
    return AuditEvent.objects.filter(
        object_type="toelaatbaarheid.aanvraag",
        object_id=str(zaak.pk),
        omschrijving__startswith="TLV-dubbelcontrole",
    )


# --- Issue 16: the duplicate check ----------------------------------------------------


def test_treffer_buiten_bereik_verraadt_niets_en_wordt_gelogd(als):
    bestaande = nieuwe_zaak()  # a Movare school: outside the ib-innovo school's scope
    zaken, dossiers = Aanvraag.objects.count(), Leerling.objects.count()
    r = als("ib-innovo").post("/tlv/nieuw/", _post(bestaande))
    tekst = r.content.decode()
    assert r.status_code == 200
    assert bestaande.nummer not in tekst and "loopt al een aanvraag" not in tekst
    assert "Het samenwerkingsverband neemt contact met u op" in tekst
    # Audited: who asked, which case was hit, that it was outside their scope.
    (treffer,) = _treffers(bestaande)
    assert treffer.gebruikersnaam == "ib-innovo" and treffer.details == {"zichtbaar": False}
    assert bestaande.voornaam not in treffer.omschrijving
    # Nothing left behind: no concept case, no dossier.
    assert (Aanvraag.objects.count(), Leerling.objects.count()) == (zaken, dossiers)


def test_treffer_binnen_bereik_noemt_de_zaak_en_wordt_gelogd(als):
    bestaande = nieuwe_zaak(door="ib-innovo", school=innovo_school())
    r = als("ib-innovo").post("/tlv/nieuw/", _post(bestaande))
    tekst = r.content.decode()
    assert bestaande.nummer in tekst and f'href="/tlv/{bestaande.pk}/"' in tekst
    (treffer,) = _treffers(bestaande)
    assert treffer.details == {"zichtbaar": True}


def test_wijzigen_naar_een_leerling_van_een_ander_bestuur_verraadt_niets(als):
    bestaande = nieuwe_zaak()
    eigen = nieuwe_zaak(door="ib-innovo", school=innovo_school())
    data = _post(bestaande)
    data.pop("school")
    data["versie"] = eigen.versie
    r = als("ib-innovo").post(f"/tlv/{eigen.pk}/wijzigen/", data)
    tekst = r.content.decode()
    assert r.status_code == 200 and bestaande.nummer not in tekst
    assert _treffers(bestaande).count() == 1
    assert vers(eigen).voornaam == eigen.voornaam  # not saved


def test_controles_per_gebruiker_begrensd(als, settings):
    settings.DUBBELCONTROLE_LIMIET = 2
    client = als("ib-innovo")
    for _ in range(2):
        assert client.post("/tlv/nieuw/", _post()).status_code == 302
    zaken = Aanvraag.objects.count()
    r = client.post("/tlv/nieuw/", _post())
    assert r.status_code == 429
    assert "Probeer het over een uur opnieuw" in r.content.decode()
    assert Aanvraag.objects.count() == zaken
    assert AuditEvent.objects.filter(
        gebruikersnaam="ib-innovo", omschrijving__contains="limiet bereikt"
    ).exists()
    # A probe that would hit is refused the same way: the limit comes first.
    bestaande = nieuwe_zaak()
    r = client.post("/tlv/nieuw/", _post(bestaande))
    assert r.status_code == 429 and not _treffers(bestaande).exists()
    # Per user: someone else still can.
    assert als("trajectbegeleider").post("/tlv/nieuw/", _post()).status_code == 302


def test_geweigerde_bijlage_laat_geen_concept_achter(als):
    zaken, dossiers = Aanvraag.objects.count(), Leerling.objects.count()
    data = _post()
    data["opp"] = SimpleUploadedFile(
        "opp.pdf", b"MZ\x90\x00 geen pdf", content_type="application/pdf"
    )
    r = als("ib-innovo").post("/tlv/nieuw/", data)
    assert r.status_code == 200
    assert "opp" in r.context["form"].errors
    assert (Aanvraag.objects.count(), Leerling.objects.count()) == (zaken, dossiers)
    # The same submission with a real PDF: the case and its OPP together.
    data["opp"] = SimpleUploadedFile("opp.pdf", PDF, content_type="application/pdf")
    r = als("ib-innovo").post("/tlv/nieuw/", data)
    assert r.status_code == 302
    assert Aanvraag.objects.get(voornaam=data["voornaam"]).bijlagen.count() == 1


# --- Issue 14: what a person types ----------------------------------------------------


def _fouten(als, **wijziging):
    data = {**_post(), **wijziging}
    r = als("ib-innovo").post("/tlv/nieuw/", data)
    assert r.status_code == 200
    assert not Aanvraag.objects.filter(voornaam=data["voornaam"]).exists()
    return r


@pytest.mark.parametrize(
    ("wijziging", "veld", "melding"),
    [
        ({"geboortedatum": "2099-01-01"}, "geboortedatum", "in de toekomst"),
        ({"geboortedatum": "1899-12-31"}, "geboortedatum", "tussen 1900 en 2100"),
        ({"geboortedatum": "dit jaar", "groep": 5}, "groep", "past niet bij de leeftijd"),
        ({"hele_schoolloopbaan": "on"}, "einddatum", "hele schoolloopbaan"),
    ],
)
def test_onmogelijke_invoer_bij_het_veld_met_samenvatting(als, wijziging, veld, melding):
    if wijziging.get("geboortedatum") == "dit jaar":
        wijziging["geboortedatum"] = date(timezone.localdate().year, 1, 1).isoformat()
    r = _fouten(als, **wijziging)
    fouten = r.context["form"].errors
    assert veld in fouten and melding in fouten[veld][0]
    tekst = r.content.decode()
    # Summary at the top, linking to the field; the message also next to the field.
    assert 'id="foutsamenvatting"' in tekst
    samenvatting = tekst[tekst.index('id="foutsamenvatting"') : tekst.index("<fieldset")]
    assert f'href="#id_{veld}"' in samenvatting and melding in samenvatting


def test_groep_past_bij_leeftijd_wordt_aanvaard(als):
    r = als("ib-innovo").post("/tlv/nieuw/", {**_post(), "groep": 3})
    assert r.status_code == 302


def test_gewenste_school_po_alleen_so_en_sbo(als):
    form = als("ib-innovo").get("/tlv/nieuw/").context["form"]
    soorten = set(form.fields["gewenste_school"].queryset.values_list("soort", flat=True))
    assert soorten and soorten <= {"SBO", "SO", "SO_VSO"}
    vso = School.objects.binnen_swv().filter(soort="VSO").first()
    if vso is None:
        from tests.factories import SchoolFactory

        vso = SchoolFactory(soort="VSO", naam="VSO De Brug")
    r = _fouten(als, gewenste_school=vso.pk)
    assert "gewenste_school" in r.context["form"].errors


def test_gewenste_school_vo_alleen_vso():
    from django.core.exceptions import ValidationError

    from toelaatbaarheid.services.aanvraag import _controleer_gegevens

    sbo = School.objects.filter(soort="SBO").first()
    with pytest.raises(ValidationError) as fout:
        _controleer_gegevens({"gewenste_school": sbo}, herkomst="regulier", sector="VO")
    assert "Kies een school voor VSO." in fout.value.message_dict["gewenste_school"]
    vso = School.objects.filter(soort__in=["VSO", "SO_VSO"]).first()
    if vso is not None:
        _controleer_gegevens({"gewenste_school": vso}, herkomst="regulier", sector="VO")
