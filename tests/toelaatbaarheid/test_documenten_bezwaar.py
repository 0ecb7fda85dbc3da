"""Issue 14, as parents, a lawyer and the LBT meet the TLV: the beschikking and the
letter really contain the deskundigenadviezen, the motivering says why (and differs for
a toekenning and an afwijzing), the letter fits a window envelope, the footer and the
advice table hold together, the bezwaartermijn runs on the case page; the bezwaar
procedure offers one step at a time, refuses a decision before the hearing, records the
LBT's advice as a choice and produces a besluit op bezwaar; the LBT gets one dossier
with the documents themselves; downloads keep their file names; the PDFs are made in
the background (swv.taken). PDF text is read back with pypdf."""

import io
import re
import zipfile
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from swv import formats
from swv.models import Taak, TaakStatus
from swv.pdf import html_naar_pdf
from tests.factories.toelaatbaarheid import gebruiker, naar_status, nieuwe_zaak, vers
from toelaatbaarheid import reports, selectors, services
from toelaatbaarheid import termijnen as t
from toelaatbaarheid.models import Beschikking, Besluit, Bijlage, BijlageSoort, Status
from toelaatbaarheid.services.beschikking import documenten_maken
from toelaatbaarheid.services.bezwaar import besluit_maken, lbt_dossier_maken

pytestmark = pytest.mark.django_db

MM = 72 / 25.4  # PDF points per millimetre
ADVIES_1 = "Orthopedagogisch onderzoek toont een ernstige leerachterstand en faalangst"
ADVIES_2 = "Medisch beeld vraagt om een kleine groep met structuur gedurende de hele dag"


@pytest.fixture(autouse=True)
def _verbinding_blijft(monkeypatch):
    """The worker closes stale connections between tasks; in a test that would end the
    test's transaction (as in tests/swv/test_taken.py)."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def _worker():
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def _tekst(pdf: bytes) -> list[str]:
    return [p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages]


def _plat(tekst: str) -> str:
    return " ".join(tekst.split())


def _ter_besluitvorming(*, toelaatbaar=True, **kw):
    zaak = naar_status(nieuwe_zaak(**kw), Status.BESLUITVORMING, toelaatbaar=toelaatbaar)
    for advies, tekst in zip(zaak.adviezen.order_by("volgorde"), (ADVIES_1, ADVIES_2), strict=True):
        type(advies).objects.filter(pk=advies.pk).update(motivering=tekst)
    return vers(zaak)


def _afgeven(zaak, besluit=Besluit.TOEGEKEND, **kw):
    args = {
        "verzendwijze": "post",
        "aan_naam": "Fam. De Vries",
        "aan_adres": "Kerkstraat 12\n6411 AB Heerlen",
        **kw,
    }
    besch = services.beschikking_afgeven(
        gebruiker=gebruiker("directeur"),
        aanvraag=zaak,
        versie=zaak.versie,
        besluit=besluit,
        **args,
    )
    documenten_maken(beschikking_id=besch.pk)
    return Beschikking.objects.select_related("pdf", "brief_pdf", "swv").get(pk=besch.pk)


# --- The beschikking and the letter ------------------------------------------------------


def test_beschikking_contains_both_advices_date_kenmerk_and_rechtsmiddelen():
    besch = _afgeven(_ter_besluitvorming())
    paginas = _tekst(bytes(besch.pdf.inhoud))
    alles = _plat(" ".join(paginas))
    # The advices themselves, as an appendix in the same PDF (not just "bijgevoegd").
    assert ADVIES_1 in alles and ADVIES_2 in alles
    assert f"Bijlage bij beschikking {besch.nummer}" in alles
    assert ADVIES_1 not in _plat(paginas[0])  # the appendix follows the decision
    # Date and kenmerk.
    assert formats.lang(besch.verzonden_op) in alles
    assert besch.nummer in _plat(paginas[0]) and besch.aanvraag.nummer in alles
    # Rechtsmiddelenclausule: six weeks, at the SWV (its address), the LBT advises.
    assert "binnen zes weken na de dag waarop deze beschikking is verzonden" in alles
    assert besch.swv.postadres and _plat(besch.swv.postadres) in alles
    assert "Landelijke Bezwaaradviescommissie Toelaatbaarheidsverklaringen" in alles
    uiterlijk = t.bezwaartermijn_einde(besch.verzonden_op, gelijkgesteld=t.gelijkgestelde_dagen())
    assert f"uiterlijk op {formats.lang(uiterlijk)} zijn ontvangen" in alles


def test_motivering_differs_for_toekenning_and_afwijzing_and_says_why():
    toe = _afgeven(_ter_besluitvorming(toelaatbaar=True))
    af = _afgeven(_ter_besluitvorming(toelaatbaar=False), Besluit.AFGEWEZEN)
    assert toe.motivering != af.motivering
    for besch in (toe, af):
        assert "ondersteuningsbehoefte" in besch.motivering
        assert "Orthopedagoog" in besch.motivering or "orthopedagoog" in besch.motivering
        assert "adviezen" in besch.motivering
    assert "verklaart de leerling toelaatbaar" in toe.motivering
    assert "wijst de aanvraag af" in af.motivering
    assert "zorgplicht" in af.motivering
    assert "neemt deze adviezen over" not in toe.motivering + af.motivering


def test_letter_encloses_the_beschikking_with_the_advices():
    besch = _afgeven(_ter_besluitvorming())
    brief = _plat(" ".join(_tekst(bytes(besch.brief_pdf.inhoud))))
    assert "Geachte Fam. De Vries" in brief
    assert "Beschikking toelaatbaarheidsverklaring" in brief
    assert ADVIES_1 in brief and ADVIES_2 in brief


def _posities(pdf: bytes, zoek: str) -> list[tuple[float, float]]:
    """(x from the left, y from the top) in mm of every text run on page 1 that contains
    `zoek`."""
    pagina = PdfReader(io.BytesIO(pdf)).pages[0]
    hoogte = float(pagina.mediabox.height)
    gevonden = []

    def bezoeker(tekst, cm, tm, font, size):
        if zoek in tekst:
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            gevonden.append((x / MM, (hoogte - y) / MM))

    pagina.extract_text(visitor_text=bezoeker)
    return gevonden


def _in_venster(x, y) -> bool:
    # Left window of a C5 or DL envelope: 20-30 mm from the left, 45-95 mm from the top.
    return 18 <= x <= 30 and 45 <= y <= 95


def test_address_sits_in_the_window_of_a_c5_or_dl_envelope_when_sent_by_post():
    besch = _afgeven(_ter_besluitvorming(), verzendwijze="aangetekend")
    for pdf in (bytes(besch.pdf.inhoud), bytes(besch.brief_pdf.inhoud)):
        naam = [p for p in _posities(pdf, "Vries") if _in_venster(*p)]
        plaats = [p for p in _posities(pdf, "6411 AB") if _in_venster(*p)]
        assert naam and plaats, (_posities(pdf, "Vries"), _posities(pdf, "6411 AB"))
        assert plaats[0][1] > naam[0][1]
    # By e-mail there is no envelope: no address block.
    per_mail = _afgeven(_ter_besluitvorming(), verzendwijze="email")
    assert not [p for p in _posities(bytes(per_mail.pdf.inhoud), "6411 AB") if _in_venster(*p)]


def test_by_post_the_case_page_asks_for_name_and_address(als):
    zaak = _ter_besluitvorming()
    client = als("directeur")
    antwoord = client.post(
        reverse("toelaatbaarheid:actie", args=[zaak.pk, "beschikking"]),
        {"versie": zaak.versie, "besluit": "toegekend", "verzendwijze": "post"},
    )
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert "venster van de envelop" in html
    assert not Beschikking.objects.filter(aanvraag=zaak).exists()


def test_footer_never_wraps_and_the_advice_table_stays_together():
    """Longer and longer text before the table: the table's rows stay on one page with
    its heading, and every page says 'pagina X van Y' on one line."""
    for regels in (10, 22, 30, 38):
        zaak = _ter_besluitvorming(
            ondersteuningsbehoeften="\n".join(
                f"Ondersteuningsbehoefte regel {i}: begeleiding bij plannen en prikkels."
                for i in range(regels)
            )
        )
        besch = _afgeven(zaak, verzendwijze="email")
        paginas = _tekst(bytes(besch.pdf.inhoud))
        for nr, tekst in enumerate(paginas, 1):
            assert re.search(rf"pagina {nr} van {len(paginas)}", tekst), (regels, nr, tekst[-200:])
        kop = [i for i, p in enumerate(paginas) if "Conclusie" in p and "Deskundigenadviezen" in p]
        assert kop, regels
        tabel = paginas[kop[0]]
        for advies in besch.aanvraag.adviezen.select_related("deskundige__gebruiker"):
            assert advies.deskundige.gebruiker.get_full_name() in tabel, regels


def test_after_the_beschikking_the_case_shows_the_running_bezwaartermijn(als):
    besch = _afgeven(_ter_besluitvorming())
    zaak = selectors.aanvraag_detail(gebruiker("medewerker"), besch.aanvraag_id)
    termijnen = selectors.termijnen_van(zaak, gelijkgesteld=t.gelijkgestelde_dagen())
    einde = t.bezwaartermijn_einde(besch.verzonden_op, gelijkgesteld=t.gelijkgestelde_dagen())
    assert [(x.omschrijving, x.datum) for x in termijnen][:1] == [
        ("Bezwaartermijn (Awb 6:7 en 6:8)", einde)
    ]
    html = als("medewerker").get(zaak.get_absolute_url()).content.decode()
    assert "Bezwaartermijn" in html and "Geen lopende termijnen" not in html
    # Once the term has passed, it no longer runs.
    Beschikking.objects.filter(pk=besch.pk).update(
        verzonden_op=timezone.localdate() - timedelta(weeks=10)
    )
    zaak = selectors.aanvraag_detail(gebruiker("medewerker"), besch.aanvraag_id)
    assert not [x for x in selectors.termijnen_van(zaak) if "Bezwaartermijn" in x.omschrijving]


def test_the_beschikking_is_made_in_the_background_and_downloads_when_ready(
    als, django_capture_on_commit_callbacks
):
    zaak = _ter_besluitvorming()
    client = als("directeur")
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(
            reverse("toelaatbaarheid:actie", args=[zaak.pk, "beschikking"]),
            {
                "versie": zaak.versie,
                "besluit": "toegekend",
                "verzendwijze": "post",
                "aan_naam": "Fam. De Vries",
                "aan_adres": "Kerkstraat 12\n6411 AB Heerlen",
            },
        )
    assert antwoord.status_code == 302 and antwoord["Location"].startswith("/taken/")
    assert Beschikking.objects.filter(aanvraag=zaak).get().pdf_id is None
    # Before the worker ran: a page that says so, not a 500.
    wacht = client.get(reverse("toelaatbaarheid:beschikking-pdf", args=[zaak.pk]))
    assert wacht.status_code == 200 and "nog niet klaar" in wacht.content.decode()
    _worker()
    besch = Beschikking.objects.get(aanvraag=zaak)
    taak = Taak.objects.get(argumenten__beschikking_id=besch.pk)
    assert taak.status == TaakStatus.GEREED and taak.document_id
    pdf = client.get(reverse("toelaatbaarheid:beschikking-pdf", args=[zaak.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert ADVIES_1 in _plat(" ".join(_tekst(pdf.content)))


# --- The bezwaar procedure ---------------------------------------------------------------


def _in_bezwaar():
    besch = _afgeven(_ter_besluitvorming())
    zaak = vers(besch.aanvraag)
    bezwaar = services.bezwaar_registreren(
        gebruiker=gebruiker("medewerker"),
        aanvraag=zaak,
        versie=zaak.versie,
        indiener="ouders",
        ontvangen_op=timezone.localdate(),
        gronden="Ouders vinden categorie hoog nodig.",
    )
    return vers(zaak), bezwaar


def _stap(functie, bezwaar, **kw):
    zaak = vers(bezwaar.aanvraag)
    bezwaar.refresh_from_db()
    return functie(gebruiker=gebruiker("medewerker"), bezwaar=bezwaar, versie=zaak.versie, **kw)


def _acties(client, zaak) -> set[str]:
    html = client.get(zaak.get_absolute_url()).content.decode()
    return set(re.findall(rf"/tlv/{zaak.pk}/(bezwaar_[a-z_]+)/", html))


def test_one_step_of_the_bezwaar_at_a_time_and_no_new_bezwaar_after_the_decision(als):
    zaak, bezwaar = _in_bezwaar()
    client = als("directeur")
    html = client.get(zaak.get_absolute_url()).content.decode()
    assert "Aan de partijen is meegedeeld" not in html  # the registration form is gone
    assert _acties(client, zaak) == {"bezwaar_ontvangst", "bezwaar_verdagen"}
    _stap(services.bezwaar_ontvangst_bevestigen, bezwaar)
    assert _acties(client, zaak) == {"bezwaar_lbt", "bezwaar_verdagen"}
    _stap(services.bezwaar_naar_lbt, bezwaar, verweerschrift="Het SWV volgt de adviezen.")
    assert _acties(client, zaak) == {"bezwaar_hoorzitting", "bezwaar_verdagen"}
    vandaag = timezone.localdate()
    _stap(
        services.bezwaar_hoorzitting_plannen,
        bezwaar,
        uitnodiging_op=vandaag - timedelta(days=20),
        hoorzitting_op=vandaag - timedelta(days=2),
    )
    assert _acties(client, zaak) == {"bezwaar_advies", "bezwaar_verdagen"}
    _stap(services.bezwaar_advies_vastleggen, bezwaar, uitkomst="ongegrond", advies="Zorgvuldig.")
    assert _acties(client, zaak) == {"bezwaar_beslissen", "bezwaar_verdagen"}
    bezwaar.refresh_from_db()
    services.bezwaar_beslissen(
        gebruiker=gebruiker("directeur"),
        bezwaar=bezwaar,
        versie=vers(zaak).versie,
        beslissing="ongegrond",
        motivering="Het bezwaar brengt geen nieuwe feiten.",
    )
    html = client.get(zaak.get_absolute_url()).content.decode()
    assert _acties(client, zaak) == set()
    assert "Bezwaar registreren" not in html
    assert "beroep instellen bij de rechtbank" in html
    # The registration form states the Awb's wording correctly.
    nieuw_zaak = vers(_afgeven(_ter_besluitvorming()).aanvraag)
    html = als("medewerker").get(nieuw_zaak.get_absolute_url()).content.decode()
    assert "Aan de partijen is meegedeeld dat de LBT adviseert" in html
    assert "De partijen is meegedeeld" not in html


def test_no_decision_before_the_planned_hearing(als):
    zaak, bezwaar = _in_bezwaar()
    vandaag = timezone.localdate()
    _stap(
        services.bezwaar_hoorzitting_plannen, bezwaar, hoorzitting_op=vandaag + timedelta(days=14)
    )
    bezwaar.refresh_from_db()
    zaak = vers(zaak)
    with pytest.raises(ValidationError) as fout:
        services.bezwaar_beslissen(
            gebruiker=gebruiker("directeur"),
            bezwaar=bezwaar,
            versie=zaak.versie,
            beslissing="ongegrond",
            motivering="Ongegrond.",
        )
    assert "hoorzitting" in " ".join(fout.value.messages)
    assert formats.lang(vandaag + timedelta(days=14)) in " ".join(fout.value.messages)
    bezwaar.refresh_from_db()
    assert bezwaar.open
    # The workflow's guard: the step is not offered and the page says why.
    assert not zaak.bezwaar_beslisbaar()
    client = als("directeur")
    html = client.get(zaak.get_absolute_url()).content.decode()
    assert "bezwaar_beslissen" not in html
    antwoord = client.post(
        reverse("toelaatbaarheid:actie", args=[zaak.pk, "bezwaar_beslissen"]),
        {"versie": zaak.versie, "beslissing": "ongegrond", "motivering": "Ongegrond."},
    )
    assert antwoord.status_code == 400
    assert "nadat de partijen zijn gehoord" in antwoord.content.decode()


def test_lbt_advice_is_a_choice_and_departing_from_it_needs_reasons():
    zaak, bezwaar = _in_bezwaar()
    _stap(services.bezwaar_naar_lbt, bezwaar, verweerschrift="Verweer.")
    with pytest.raises(ValidationError) as fout:
        _stap(services.bezwaar_advies_vastleggen, bezwaar, uitkomst="", advies="Iets.")
    assert "uitkomst" in fout.value.message_dict
    # No decision while the LBT's advice is awaited.
    bezwaar.refresh_from_db()
    with pytest.raises(ValidationError):
        services.bezwaar_beslissen(
            gebruiker=gebruiker("directeur"),
            bezwaar=bezwaar,
            versie=vers(zaak).versie,
            beslissing="ongegrond",
            motivering="Ongegrond.",
        )
    _stap(
        services.bezwaar_advies_vastleggen,
        bezwaar,
        uitkomst="deels_gegrond",
        advies="De einddatum is onvoldoende gemotiveerd.",
    )
    bezwaar.refresh_from_db()
    assert bezwaar.get_advies_uitkomst_display() == "Deels gegrond"
    with pytest.raises(ValidationError) as fout:
        services.bezwaar_beslissen(
            gebruiker=gebruiker("directeur"),
            bezwaar=bezwaar,
            versie=vers(zaak).versie,
            beslissing="ongegrond",
            motivering="Ongegrond.",
        )
    assert "7:13" in " ".join(fout.value.message_dict["motivering"])


def test_besluit_op_bezwaar_pdf_states_heroverweging_lbt_and_beroep():
    zaak, bezwaar = _in_bezwaar()
    _stap(services.bezwaar_naar_lbt, bezwaar, verweerschrift="Verweer.")
    _stap(
        services.bezwaar_advies_vastleggen,
        bezwaar,
        uitkomst="gegrond",
        advies="Categorie hoog is aangewezen.",
    )
    bezwaar.refresh_from_db()
    reden = "Het samenwerkingsverband ziet in het medisch advies geen grond voor categorie hoog."
    bezwaar = services.bezwaar_beslissen(
        gebruiker=gebruiker("directeur"),
        bezwaar=bezwaar,
        versie=vers(zaak).versie,
        beslissing="ongegrond",
        motivering=reden,
    )
    document = besluit_maken(bezwaar_id=bezwaar.pk)
    tekst = _plat(" ".join(_tekst(bytes(document.inhoud))))
    assert "Besluit op bezwaar" in tekst
    assert "verklaart het bezwaar ongegrond" in tekst
    assert "heroverwogen" in tekst and reden in tekst
    assert "De LBT adviseert het bezwaar gegrond te verklaren" in tekst
    assert "wijkt af van het advies van de LBT" in tekst
    assert "beroep instellen bij de rechtbank" in tekst and "zes weken" in tekst
    # Made once: a retry returns what was kept.
    assert besluit_maken(bezwaar_id=bezwaar.pk).pk == document.pk


def test_gegrond_replaces_the_beschikking_and_no_new_bezwaar_is_possible():
    zaak, bezwaar = _in_bezwaar()
    bezwaar = services.bezwaar_beslissen(
        gebruiker=gebruiker("directeur"),
        bezwaar=bezwaar,
        versie=zaak.versie,
        beslissing="gegrond",
        motivering="Het bezwaar is terecht: de categorie was te laag.",
    )
    besluit_maken(bezwaar_id=bezwaar.pk)
    nieuw = Beschikking.objects.get(aanvraag=zaak, ronde=2)
    assert nieuw.pdf_id and nieuw.brief_pdf_id
    tekst = _plat(" ".join(_tekst(bytes(Beschikking.objects.get(pk=nieuw.pk).pdf.inhoud))))
    assert nieuw.nummer in tekst
    bezwaar.refresh_from_db()
    besluit = _plat(" ".join(_tekst(bytes(bezwaar.besluit_pdf.inhoud))))
    assert "wordt herroepen" in besluit and nieuw.nummer in besluit
    with pytest.raises(ValidationError) as fout:
        services.bezwaar_registreren(
            gebruiker=gebruiker("medewerker"),
            aanvraag=vers(zaak),
            versie=vers(zaak).versie,
            indiener="bestuur",
            ontvangen_op=timezone.localdate(),
            gronden="Nogmaals.",
        )
    assert "beroep" in " ".join(fout.value.messages)


# --- The LBT dossier and attachments -----------------------------------------------------


def _pdf_met(tekst: str) -> bytes:
    return html_naar_pdf(f"<html lang='nl'><body><p>{tekst}</p></body></html>")


def _docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


def _bijlage(zaak, soort, naam, inhoud, wie="medewerker"):
    return services.bijlage_toevoegen(
        gebruiker=gebruiker(wie), aanvraag=zaak, bestand=ContentFile(inhoud, name=naam), soort=soort
    )


def test_lbt_dossier_bundles_the_documents_themselves():
    zaak, bezwaar = _in_bezwaar()
    _bijlage(zaak, BijlageSoort.BEZWAARSCHRIFT, "bezwaar-ouders.pdf", _pdf_met("BEZWAARSCHRIFT-X"))
    _bijlage(zaak, BijlageSoort.OP_HOOFDSTUK, "op-hoofdstuk-5.pdf", _pdf_met("OP-HOOFDSTUK-X"))
    _bijlage(zaak, BijlageSoort.SOP, "sop-school.pdf", _pdf_met("SCHOOLPROFIEL-X"))
    _bijlage(zaak, BijlageSoort.ONDERZOEK, "Verslag psychologisch onderzoek.docx", _docx())
    document = lbt_dossier_maken(bezwaar_id=bezwaar.pk)
    paginas = _tekst(bytes(document.inhoud))
    tekst = _plat(" ".join(paginas))
    for stuk in ("BEZWAARSCHRIFT-X", "OP-HOOFDSTUK-X", "SCHOOLPROFIEL-X"):
        assert stuk in tekst
    assert ADVIES_1 in tekst and ADVIES_2 in tekst  # the advices
    assert "Ouders vinden categorie hoog nodig" in tekst  # the bezwaar
    besch = Beschikking.objects.get(aanvraag=zaak)
    assert f"Bijlage bij beschikking {besch.nummer}" in tekst  # the beschikking as sent
    assert "Verslag psychologisch onderzoek.docx" in tekst  # listed by its own name
    assert not re.search(r"Bijlage \d+\b", tekst)
    assert "ontbreekt" not in _plat(paginas[0])
    # In order: the cover, then the bezwaarschrift before the beschikking and the SOP last.
    volgorde = [
        next(i for i, p in enumerate(paginas) if s in p)
        for s in (
            "Verzoek om advies",
            "BEZWAARSCHRIFT-X",
            "Bijlage bij beschikking",
            "SCHOOLPROFIEL-X",
        )
    ]
    assert volgorde == sorted(volgorde)


def test_lbt_dossier_says_what_is_missing_and_is_made_from_the_page(
    als, django_capture_on_commit_callbacks
):
    zaak, bezwaar = _in_bezwaar()
    client = als("medewerker")
    url = reverse("toelaatbaarheid:lbt-dossier", args=[zaak.pk, bezwaar.pk])
    assert "nog niet samengesteld" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(url)
    assert antwoord.status_code == 302 and antwoord["Location"].startswith("/taken/")
    _worker()
    pdf = client.get(url)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    eerste = _plat(_tekst(pdf.content)[0])
    assert "ontbreekt nog" in eerste and "schoolondersteuningsprofiel" in eerste


def test_downloads_keep_their_original_file_name(als):
    zaak = nieuwe_zaak(opp=False)
    bijlage = _bijlage(
        zaak,
        BijlageSoort.GROEIDOCUMENT,
        "Groeidocument Daan 2026.pdf",
        _pdf_met("x"),
        "trajectbegeleider",
    )
    antwoord = als("trajectbegeleider").get(
        reverse("toelaatbaarheid:bijlage", args=[zaak.pk, bijlage.pk])
    )
    assert antwoord.status_code == 200
    assert 'filename="Groeidocument Daan 2026.pdf"' in antwoord["Content-Disposition"]
    # The stored file keeps a random name (the original may name the pupil).
    assert "Daan" not in Bijlage.objects.get(pk=bijlage.pk).bestand.name


def test_more_attachment_types_can_be_added():
    soorten = set(BijlageSoort.values)
    assert {"opp", "groeidocument", "onderzoek", "mdo", "zienswijze", "overig"} <= soorten
    zaak = nieuwe_zaak(opp=False)
    for soort in ("groeidocument", "onderzoek", "mdo", "zienswijze"):
        _bijlage(zaak, soort, f"{soort}.pdf", _pdf_met(soort), "trajectbegeleider")
    assert sorted(zaak.bijlagen.values_list("soort", flat=True)) == sorted(
        ["groeidocument", "onderzoek", "mdo", "zienswijze"]
    )


# --- The aanvraag as the IB'er meets it ---------------------------------------------------


def test_ib_er_is_told_the_trajectbegeleider_submits_a_complete_aanvraag(als):
    zaak = nieuwe_zaak(school=gebruiker("ib-innovo").school)
    assert zaak.status == Status.CONCEPT and not selectors.ontbrekend(zaak)
    html = als("ib-innovo").get(zaak.get_absolute_url()).content.decode()
    assert "kan worden ingediend" not in html
    assert "De trajectbegeleider van het samenwerkingsverband dient haar in" in html
    assert "wacht op trajectbegeleider" in html
    tb = als("trajectbegeleider").get(zaak.get_absolute_url()).content.decode()
    assert "kan worden ingediend" in tb and "wacht op trajectbegeleider" not in tb


def test_view_model_of_the_case_page_reads_the_step_table():
    zaak, bezwaar = _in_bezwaar()
    pagina = reports.zaakpagina(
        gebruiker("medewerker"), selectors.aanvraag_detail(gebruiker("medewerker"), zaak.pk)
    )
    assert pagina["volgende_bezwaarstap"] == "bezwaar_ontvangst"
    assert pagina["bezwaar_beslist"] is False
