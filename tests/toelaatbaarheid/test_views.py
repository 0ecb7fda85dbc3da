"""The case in the browser: forms, messages, PDFs read back, attachments, audit, query counts."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from swv.demo import innovo_school
from swv.models import AuditEvent
from tests.factories.toelaatbaarheid import (
    PDF,
    gegevens,
    naar_status,
    nieuwe_zaak,
    vers,
)
from toelaatbaarheid import stappen
from toelaatbaarheid.models import (
    Aanvraag,
    Beschikking,
    Bijlage,
    Deskundige,
    Status,
    TlvInstellingen,
)
from toelaatbaarheid.services.beschikking import documenten_maken
from toelaatbaarheid.services.bezwaar import lbt_dossier_maken


def _post_gegevens(**kw):
    g = gegevens(**kw)
    data = {k: ("" if v is None else v) for k, v in g.items()}
    data["gewenste_school"] = g["gewenste_school"].pk
    data["hele_schoolloopbaan"] = ""
    for k in ("geboortedatum", "ingangsdatum", "einddatum"):
        data[k] = g[k].isoformat() if g[k] else ""
    return {k: v for k, v in data.items() if v != ""}


def _docx():
    """The same bytes on every call: a zip entry carries a time stamp, so it is fixed
    (two calls a second apart gave different files and a flaky download check)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for naam, inhoud in (
            ("[Content_Types].xml", "<Types/>"),
            ("word/document.xml", "<w:document/>"),
        ):
            z.writestr(zipfile.ZipInfo(naam, date_time=(2026, 1, 1, 0, 0, 0)), inhoud)
    return buf.getvalue()


def _tekst(pdf: bytes) -> str:
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


# --- Aanvraag in the browser ----------------------------------------------------------


def test_school_maakt_aanvraag_met_opp_en_ziet_wat_ontbreekt(als, settings):
    client = als("ib-innovo")
    data = _post_gegevens(zienswijze_ouders="")
    data["school"] = innovo_school().pk
    data["opp"] = SimpleUploadedFile("opp van Jan.pdf", PDF, content_type="application/pdf")
    r = client.post("/tlv/nieuw/", data)
    assert r.status_code == 302
    zaak = Aanvraag.objects.get(pk=r["Location"].strip("/").split("/")[-1])
    assert zaak.status == Status.CONCEPT and zaak.bijlagen.count() == 1
    bijlage = zaak.bijlagen.get()
    # Stored under the private root, with a random name (never the pupil's name).
    assert (
        str(settings.PRIVATE_MEDIA_ROOT) in bijlage.bestand.path
        and "Jan" not in bijlage.bestand.name
    )
    pagina = client.get(r["Location"]).content.decode()
    assert "nog niet compleet" in pagina and "zienswijze van de ouders" in pagina
    assert "Aanvraag indienen" not in pagina  # the school does not file


def test_tweede_aanvraag_zelfde_leerling_geeft_link(als):
    bestaande = nieuwe_zaak()
    client = als("trajectbegeleider")
    data = _post_gegevens(
        voornaam=bestaande.voornaam,
        achternaam=bestaande.achternaam,
        geboortedatum=bestaande.geboortedatum,
    )
    data["school"] = bestaande.school_id
    r = client.post("/tlv/nieuw/", data)
    assert r.status_code == 200
    assert f'href="/tlv/{bestaande.pk}/"' in r.content.decode()
    assert Aanvraag.objects.filter(leerling_sleutel=bestaande.leerling_sleutel).count() == 1


def test_tweede_aanvraag_die_de_school_niet_mag_zien_geeft_geen_link(als):
    bestaande = nieuwe_zaak()  # Movare school: not the ib-innovo school
    data = _post_gegevens(
        voornaam=bestaande.voornaam,
        achternaam=bestaande.achternaam,
        geboortedatum=bestaande.geboortedatum,
    )
    data["school"] = innovo_school().pk
    r = als("ib-innovo").post("/tlv/nieuw/", data)
    tekst = r.content.decode()
    # Nothing about the other board's case: no number, no link, not even that one runs.
    assert bestaande.nummer not in tekst and f'href="/tlv/{bestaande.pk}/"' not in tekst
    assert "loopt al een aanvraag" not in tekst
    assert "Het samenwerkingsverband neemt contact met u op" in tekst


def test_fouten_staan_bij_het_veld(als):
    data = _post_gegevens(soort="SO", categorie="")
    data["school"] = nieuwe_zaak().school_id
    data["einddatum"] = "2000-01-01"
    data["ingangsdatum"] = "2001-01-01"
    r = als("trajectbegeleider").post("/tlv/nieuw/", data)
    assert r.status_code == 200
    fouten = r.context["form"].errors
    assert "einddatum" in fouten and "vóór de ingangsdatum" in fouten["einddatum"][0]
    data["einddatum"] = "2002-01-01"
    r = als("trajectbegeleider").post("/tlv/nieuw/", data)
    assert "categorie" in r.context["form"].errors


@pytest.mark.parametrize(
    ("naam", "inhoud", "melding"),
    [
        ("opp.pdf", b"<html>geen pdf</html>", "Alleen PDF- of Word-bestanden"),
        ("opp.docx", b"PK\x03\x04rommel", "Alleen PDF- of Word-bestanden"),
        ("groot.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "groter dan 10 MB"),
    ],
)
def test_bijlage_type_en_grootte(als, naam, inhoud, melding):
    zaak = nieuwe_zaak(opp=False)
    r = als("trajectbegeleider").post(
        f"/tlv/{zaak.pk}/bijlage/", {"soort": "opp", "bestand": SimpleUploadedFile(naam, inhoud)}
    )
    assert r.status_code == 400 and melding in r.content.decode()
    assert not Bijlage.objects.filter(aanvraag=zaak).exists()


def test_bijlage_docx_en_download(als):
    zaak = nieuwe_zaak(opp=False)
    client = als("trajectbegeleider")
    r = client.post(
        f"/tlv/{zaak.pk}/bijlage/",
        {"soort": "opp", "bestand": SimpleUploadedFile("opp.docx", _docx())},
    )
    assert r.status_code == 302
    bijlage = zaak.bijlagen.get()
    r = client.get(f"/tlv/{zaak.pk}/bijlagen/{bijlage.pk}/")
    assert r.status_code == 200
    assert r["Content-Disposition"].startswith("attachment")
    assert r["X-Content-Type-Options"] == "nosniff"
    assert b"".join(r.streaming_content) == _docx()
    assert AuditEvent.objects.filter(actie="gedownload", object_id=str(bijlage.pk)).exists()
    # Not through another case's URL.
    ander = nieuwe_zaak()
    assert client.get(f"/tlv/{ander.pk}/bijlagen/{bijlage.pk}/").status_code == 404


def test_detail_wordt_gelogd(als):
    zaak = Aanvraag.objects.filter(status=Status.TOEGEKEND).first()
    voor = AuditEvent.objects.filter(actie="bekeken", object_id=str(zaak.pk)).count()
    als("medewerker").get(f"/tlv/{zaak.pk}/")
    assert AuditEvent.objects.filter(actie="bekeken", object_id=str(zaak.pk)).count() == voor + 1


# --- Whole flow through the pages -----------------------------------------------------


@pytest.mark.usefixtures("snelle_pdf")
def test_volledige_flow_via_de_paginas(client, gebruiker):
    from tests.helpers import inloggen

    def als(naam):
        client.logout()
        return inloggen(client, gebruiker(naam))

    zaak = nieuwe_zaak()
    url = f"/tlv/{zaak.pk}/"
    c = als("trajectbegeleider")
    assert c.post(url + "indienen/", {"versie": vers(zaak).versie}).status_code == 302
    mdo = {
        "versie": vers(zaak).versie,
        "datum": timezone.localdate().isoformat(),
        "ondersteuningsbehoeften": "o",
        "doelen": "d",
        "oordeel_toelaatbaar": "ja",
        "overeenstemming": "ja",
        "deelnemer_0_naam": "Anouk",
        "deelnemer_0_rol": "voorzitter",
        "deelnemer_1_naam": "Ouder",
    }
    r = c.post(url + "mdo/", mdo)
    assert r.status_code == 400 and "Kies de rol van deze deelnemer" in r.content.decode()
    mdo["deelnemer_1_rol"] = "ouders"
    assert c.post(url + "mdo/", mdo).status_code == 302
    for naam in ("orthopedagoog", "jeugdarts"):
        d = Deskundige.objects.get(gebruiker__username=naam)
        assert (
            c.post(
                url + "toewijzen/", {"versie": vers(zaak).versie, "deskundige": d.pk}
            ).status_code
            == 302
        )
    for naam in ("orthopedagoog", "jeugdarts"):
        c = als(naam)
        advies = vers(zaak).adviezen.get(deskundige__gebruiker__username=naam)
        r = c.post(
            url + "advies/",
            {
                "advies": advies.pk,
                "toelaatbaar": "ja",
                "motivering": "m",
                "datum": timezone.localdate().isoformat(),
            },
        )
        assert r.status_code == 302, r.content.decode()[:500]
    assert vers(zaak).status == Status.BESLUITVORMING
    c = als("directeur")
    pagina = c.get(url).content.decode()
    assert "Toekennen is één bevestiging" in pagina and "Beschikking afgeven" in pagina
    data = {"versie": vers(zaak).versie, "besluit": "toegekend", "verzendwijze": "post"}
    r = c.post(url + "beschikking/", data)
    assert r.status_code == 400 and "venster van de envelop" in r.content.decode()
    data.update(aan_naam="Fam. Jansen", aan_adres="Dorpsstraat 1\n6411 AA Heerlen")
    r = c.post(url + "beschikking/", data)
    # The PDFs are made in the background: the directeur follows the task.
    assert r.status_code == 302 and r["Location"].startswith("/taken/")
    # Second click (same form, same version): one beschikking, a clear message.
    r = c.post(url + "beschikking/", data, follow=True)
    assert "al afgegeven" in r.content.decode()
    assert Beschikking.objects.filter(aanvraag=zaak).count() == 1
    assert vers(zaak).status == Status.TOEGEKEND
    tijdlijn = c.get(url).content.decode()
    for stap in (
        "Aanvraag ingediend",
        "MDO-oordeel vastgelegd",
        "Adviezen compleet",
        "Beschikking",
    ):
        assert stap in tijdlijn


@pytest.mark.usefixtures("snelle_pdf")
def test_tweede_medewerker_krijgt_melding_bij_verouderde_versie(als):
    zaak = nieuwe_zaak()
    oud = zaak.versie
    client = als("trajectbegeleider")
    data = _post_gegevens()
    data.update(
        voornaam=zaak.voornaam,
        achternaam=zaak.achternaam,
        geboortedatum=zaak.geboortedatum.isoformat(),
        groep=6,
        versie=oud,
    )
    assert client.post(f"/tlv/{zaak.pk}/wijzigen/", data).status_code == 302
    data.update(groep=7)
    r = client.post(f"/tlv/{zaak.pk}/wijzigen/", data)
    assert (
        r.status_code == 200
        and "Iemand anders heeft deze aanvraag intussen gewijzigd" in r.content.decode()
    )
    assert vers(zaak).groep == 6
    r = client.post(f"/tlv/{zaak.pk}/indienen/", {"versie": oud}, follow=True)
    assert "Iemand anders" in r.content.decode() and vers(zaak).status == Status.CONCEPT


def test_knoppen_volgen_de_regels(als):
    zaak = Aanvraag.objects.filter(status=Status.BESLUITVORMING).first()
    assert "Beschikking afgeven" in als("directeur").get(f"/tlv/{zaak.pk}/").content.decode()
    assert "Beschikking afgeven" not in als("medewerker").get(f"/tlv/{zaak.pk}/").content.decode()
    r = als("medewerker").post(
        f"/tlv/{zaak.pk}/beschikking/",
        {"versie": zaak.versie, "besluit": "toegekend", "verzendwijze": "post"},
    )
    assert r.status_code == 403


# --- PDFs -------------------------------------------------------------------------------


def test_beschikking_pdf_bevat_wat_de_wet_vraagt(als):
    zaak = naar_status(nieuwe_zaak(), Status.TOEGEKEND)
    besch = zaak.beschikkingen.get()
    documenten_maken(beschikking_id=besch.pk)  # the background task
    r = als("bestuur-movare").get(f"/tlv/{zaak.pk}/beschikking/pdf/")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    tekst = " ".join(_tekst(r.content).split())
    swv = zaak.swv
    for deel in (
        besch.nummer,
        zaak.voornaam,
        zaak.achternaam,
        "speciaal basisonderwijs",
        "artikel 18a",
        "Motivering",
        "zes weken",
        swv.formele_naam,
        swv.postadres,
        swv.email,
        "LBT",
        zaak.ingangsdatum.strftime("%Y"),
        "31 juli",
        "Datum verzending",
    ):
        assert deel in tekst, deel
    # What was sent is what we keep: the stored bytes are served.
    assert r.content == bytes(Beschikking.objects.get(pk=besch.pk).pdf.inhoud)
    assert AuditEvent.objects.filter(
        actie="bekeken", object_type="toelaatbaarheid.beschikking", object_id=str(besch.pk)
    ).exists()
    brief = als("medewerker").get(f"/tlv/{zaak.pk}/beschikking/brief/pdf/")
    btekst = " ".join(_tekst(brief.content).split())
    assert "Geachte ouders" in btekst and besch.nummer in btekst and "bezwaar" in btekst


def test_afwijzing_is_ook_een_beschikking(als):
    zaak = naar_status(nieuwe_zaak(), Status.AFGEWEZEN, toelaatbaar=False)
    documenten_maken(beschikking_id=zaak.beschikkingen.get().pk)
    tekst = " ".join(
        _tekst(als("medewerker").get(f"/tlv/{zaak.pk}/beschikking/pdf/").content).split()
    )
    assert (
        "wijst de aanvraag om een toelaatbaarheidsverklaring af" in tekst
        and "Bezwaar maken" in tekst
    )


def test_lbt_dossier_pdf(als):
    zaak = Aanvraag.objects.filter(status=Status.BEZWAAR).first()
    bz = zaak.bezwaren.get()
    lbt_dossier_maken(bezwaar_id=bz.pk)  # the background task
    r = als("medewerker").get(f"/tlv/{zaak.pk}/bezwaar/{bz.pk}/dossier/pdf/")
    tekst = " ".join(_tekst(r.content).split())
    for deel in (
        "Verzoek om advies aan de LBT",
        "Het besluit",
        "De gronden van het bezwaar",
        "Verweerschrift",
        "De deskundigenadviezen",
        "procedure en criteria voor toelaatbaarheid",
        "schoolondersteuningsprofiel",
    ):
        assert deel in tekst, deel
    assert (
        als("bestuur-movare").get(f"/tlv/{zaak.pk}/bezwaar/{bz.pk}/dossier/pdf/").status_code == 404
    )


def test_bezwaarstappen_op_de_pagina_uit_de_stappentabel(als):
    """Each step of handling a bezwaar is a form of its own on the case page, posted to its
    own action; a refused one comes back with the message at its field."""
    zaak = Aanvraag.objects.filter(status=Status.BEZWAAR).first()
    pagina = als("medewerker").get(f"/tlv/{zaak.pk}/").content.decode()
    # Only the step that is possible now (and the verdaging, which may come any time).
    bz = zaak.bezwaren.get()
    assert bz.ontvangstbevestiging_op is None
    for stap in stappen.BEZWAAR_BEHANDELING:
        getoond = stap in (stappen.BEZWAAR_ONTVANGST, stappen.BEZWAAR_VERDAGEN)
        assert (f"/tlv/{zaak.pk}/{stap.naam}/" in pagina) == getoond, stap.naam
        assert not getoond or str(stap.knop) in pagina, stap.naam
    assert f"/tlv/{zaak.pk}/bezwaar_lbt/" not in (
        als("trajectbegeleider").get(f"/tlv/{zaak.pk}/").content.decode()
    )
    client = als("medewerker")
    r = client.post(f"/tlv/{zaak.pk}/bezwaar_lbt/", {"versie": zaak.versie})
    assert r.status_code == 400
    assert "Het verweerschrift hoort bij het verzoek om advies." in r.content.decode()
    r = client.post(
        f"/tlv/{zaak.pk}/bezwaar_lbt/", {"versie": zaak.versie, "verweerschrift": "Verweer"}
    )
    assert r.status_code == 302
    bz = zaak.bezwaren.get()
    assert (bz.verweerschrift, bz.lbt_verzonden_op) == ("Verweer", timezone.localdate())
    assert vers(zaak).historie.last().stap == (
        "Doorgestuurd naar de LBT met verweerschrift en dossier"
    )
    assert (
        client.post(f"/tlv/{zaak.pk}/bezwaar_verdagen/", {"versie": vers(zaak).versie}).status_code
        == 302
    )
    assert "/bezwaar_verdagen/" not in client.get(f"/tlv/{zaak.pk}/").content.decode()


def test_geen_beschikking_geeft_404(als):
    zaak = nieuwe_zaak()
    assert als("medewerker").get(f"/tlv/{zaak.pk}/beschikking/pdf/").status_code == 404


# --- Lists, deadlines, home ------------------------------------------------------------


def test_lijst_filter_en_zoeken(als):
    client = als("medewerker")
    zaak = Aanvraag.objects.filter(status=Status.ADVIES).first()
    r = client.get("/tlv/", {"status": "advies"})
    assert {z.status for z in r.context["zaken"]} == {"advies"}
    r = client.get("/tlv/", {"q": zaak.nummer})
    assert [z.pk for z in r.context["zaken"]] == [zaak.pk]
    r = client.get("/tlv/", {"q": zaak.achternaam.lower()})
    assert zaak.pk in [z.pk for z in r.context["zaken"]]
    assert client.get("/tlv/", {"status": "onzin", "page": "x"}).status_code == 200


def test_termijnen_pagina(als):
    r = als("medewerker").get("/tlv/termijnen/")
    assert r.status_code == 200
    omschrijvingen = [tm.omschrijving for _, tm in r.context["te_laat"] + r.context["komend"]]
    assert any("Beslistermijn aanvraag" in o for o in omschrijvingen)
    assert any("LBT" in o for o in omschrijvingen)
    # The demo case received 65 days ago is past its 8 weeks.
    assert any("Beslistermijn aanvraag" in tm.omschrijving for _, tm in r.context["te_laat"])
    assert als("ib-innovo").get("/tlv/termijnen/").status_code == 403


def test_zaakpagina_toont_volgende_termijn_en_dwangsom(als):
    zaak = Aanvraag.objects.filter(
        status=Status.INGEDIEND, ontvangen_op__lt=timezone.localdate() - timedelta(days=60)
    ).first()
    tekst = als("medewerker").get(f"/tlv/{zaak.pk}/").content.decode()
    assert "Volgende termijn" in tekst and "dwangsom" in tekst


def test_herbeoordeling_werklijst(als):
    r = als("trajectbegeleider").get("/tlv/herbeoordeling/")
    rijen = r.context["rijen"]
    assert rijen and all(rij["aanvraag"].status == Status.TOEGEKEND for rij in rijen)
    assert any(rij["herbeoordeling_loopt"] for rij in rijen)
    assert all(rij["uiterlijk"].month == 4 and rij["uiterlijk"].day == 15 for rij in rijen)


@pytest.mark.parametrize(
    ("naam", "tekst"),
    [
        ("jeugdarts", "Advies geven"),
        ("directeur", "Beslistermijn"),
        ("trajectbegeleider", "concept-aanvragen"),
    ],
)
def test_aandacht_op_de_startpagina(als, naam, tekst):
    assert tekst in als(naam).get("/").content.decode()


# --- Query counts do not grow with the data -------------------------------------------


def _extra_zaken(aantal):
    basis = Aanvraag.objects.filter(status=Status.TOEGEKEND).first()
    Aanvraag.objects.bulk_create(
        [
            Aanvraag(
                swv=basis.swv,
                school=basis.school,
                aangemaakt_door=basis.aangemaakt_door,
                trajectbegeleider=basis.trajectbegeleider,
                voornaam=f"Bulk{i}",
                achternaam="Extra",
                leerling_sleutel=f"bulk{i} extra",
                geboortedatum=basis.geboortedatum,
                soort="SBO",
                status=Status.INGEDIEND,
                ontvangen_op=timezone.localdate(),
            )
            for i in range(aantal)
        ]
    )


def _queries(client, url):
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return len(q)


@pytest.mark.parametrize("naam", ["medewerker", "trajectbegeleider", "bestuur-movare"])
def test_lijst_queries_groeien_niet(als, naam):
    client = als(naam)
    voor = _queries(client, "/tlv/?status=ingediend")
    _extra_zaken(60)
    assert _queries(client, "/tlv/?status=ingediend") == voor
    assert _queries(client, "/tlv/?page=2") <= voor + 1


@pytest.mark.usefixtures("snelle_pdf")
def test_zaakpagina_queries_vast(als, django_assert_max_num_queries):
    zaak = Aanvraag.objects.filter(status=Status.BEZWAAR).first()
    client = als("directeur")
    voor = _queries(client, f"/tlv/{zaak.pk}/")
    andere = naar_status(nieuwe_zaak(), Status.BEZWAAR)
    _extra_zaken(40)
    assert _queries(client, f"/tlv/{andere.pk}/") == voor
    with django_assert_max_num_queries(30):
        client.get(f"/tlv/{zaak.pk}/")


def test_verdagen_via_de_pagina_met_melding_bij_het_veld(als):
    zaak = Aanvraag.objects.filter(status=Status.INGEDIEND).first()
    client = als("medewerker")
    assert "Beslistermijn verdagen" in client.get(f"/tlv/{zaak.pk}/").content.decode()
    r = client.post(
        f"/tlv/{zaak.pk}/verdagen/",
        # A date before the current term (the receipt date; within the form's two years).
        {"versie": zaak.versie, "tot": zaak.ontvangen_op.isoformat(), "toelichting": "x"},
    )
    assert (
        r.status_code == 400 and "Kies een datum na de huidige beslistermijn" in r.content.decode()
    )
    assert vers(zaak).beslistermijn_verdaagd_tot is None
    assert (
        "Beslistermijn verdagen"
        not in als("trajectbegeleider").get(f"/tlv/{zaak.pk}/").content.decode()
    )


def test_termijnen_begrensd_en_bezwaar_eerst(gebruiker):
    from toelaatbaarheid import selectors

    rijen = selectors.lopende_termijnen(gebruiker("medewerker"), max_zaken=1)
    assert {zaak.status for zaak, _ in rijen} == {Status.BEZWAAR}
    assert len({zaak.pk for zaak, _ in rijen}) == 1


def test_termijnenpagina_queries_vast_en_zonder_queryset_per_zaak(als, gebruiker):
    from toelaatbaarheid import selectors

    client = als("medewerker")
    voor = _queries(client, "/tlv/termijnen/")
    _extra_zaken(40)
    assert _queries(client, "/tlv/termijnen/") == voor
    rijen = selectors.lopende_termijnen(gebruiker("medewerker"))
    assert rijen
    for zaak, _ in rijen:
        # Prefetched into plain lists: no related queryset built per case.
        assert isinstance(zaak.adviezen_lijst, list)
        assert not getattr(zaak, "_prefetched_objects_cache", {})
    # The same terms as computed from the case itself (the usual prefetch).
    gelijk = selectors.t.gelijkgestelde_dagen()
    for zaak, termijn in rijen:
        opnieuw = Aanvraag.objects.get(pk=zaak.pk)
        inst = TlvInstellingen.objects.filter(swv_id=zaak.swv_id).first()
        assert termijn in selectors.termijnen_van(opnieuw, gelijkgesteld=gelijk, instellingen=inst)


def test_dossiertijdlijn_leest_de_zaken_van_een_leerling_via_de_index(gebruiker):
    """The dossier page's TLV query walks tlv_dossier_idx: no scan of all cases, no sort."""
    from django.db import connection

    from toelaatbaarheid.tijdlijn import tlv_zaken

    if connection.vendor != "sqlite":
        pytest.skip("EXPLAIN QUERY PLAN is SQLite's")
    zaak = Aanvraag.objects.filter(leerling__isnull=False).first()
    mw = gebruiker("medewerker")
    with CaptureQueriesContext(connection) as q:
        list(tlv_zaken(zaak.leerling, mw))
    sql = next(x["sql"] for x in q.captured_queries if "ORDER BY" in x["sql"])
    with connection.cursor() as cur:
        cur.execute(f"EXPLAIN QUERY PLAN {sql}")
        plan = " ".join(str(r) for r in cur.fetchall())
    assert "tlv_dossier_idx" in plan
    assert "SCAN toelaatbaarheid_aanvraag" not in plan and "TEMP B-TREE" not in plan
