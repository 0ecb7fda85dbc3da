"""Attachments on an ondersteuningsvraag: PDF or Word up to 10 MB, checked by the bytes
as the TLV's are, stored on the private storage, downloaded with the original file name
by whoever may see the vraag (404 for anyone else), every upload and download audited,
and refused with a Dutch message next to the field."""

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from leerlingen.models import Leerling
from ondersteuning.models import Soort, VraagBijlage
from ondersteuning.services import vraag as v
from swv.models import AuditEvent
from toelaatbaarheid.validators import MAX_BIJLAGE

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _docx() -> bytes:
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return uit.getvalue()


@pytest.fixture
def ib(gebruiker):
    return gebruiker("ib-innovo")


@pytest.fixture
def vraag(ib):
    noor = Leerling.objects.get(school=ib.school, voornaam="Noor", achternaam="Demodossier")
    return v.vraag_aanmaken(gebruiker=ib, leerling=noor, soort=Soort.ADVIES, vraag="Advies?")


def _upload(client, vraag, inhoud, naam):
    return client.post(
        reverse("ondersteuning:bijlage-toevoegen", args=[vraag.pk]),
        {"bijlage-bestand": SimpleUploadedFile(naam, inhoud)},
    )


def test_upload_and_download_with_the_original_name_audited(als, vraag):
    client = als("ib-innovo")
    antwoord = _upload(client, vraag, PDF, "Verslag observatie.pdf")
    assert antwoord.status_code == 302
    bijlage = VraagBijlage.objects.get(vraag=vraag)
    assert (bijlage.naam, bijlage.mime, bijlage.grootte) == (
        "Verslag observatie.pdf",
        "application/pdf",
        len(PDF),
    )
    # On disk under a random name, not the original (it may name the pupil).
    assert "Verslag" not in bijlage.bestand.name
    pagina = client.get(vraag.get_absolute_url()).content.decode()
    url = reverse("ondersteuning:bijlage", args=[vraag.pk, bijlage.pk])
    assert url in pagina and "Verslag observatie.pdf" in pagina

    download = als("medewerker").get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    assert 'filename="Verslag observatie.pdf"' in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"
    soorten = set(
        AuditEvent.objects.filter(
            object_type="ondersteuning.vraagbijlage", object_id=str(bijlage.pk)
        ).values_list("actie", flat=True)
    )
    assert soorten == {"aangemaakt", "gedownload"}
    # The audit text names the vraag by number, never the file name.
    assert not AuditEvent.objects.filter(omschrijving__contains="Verslag observatie").exists()


def test_word_is_allowed(vraag, ib):
    bijlage = v.vraag_bijlage_toevoegen(
        gebruiker=ib, vraag=vraag, bestand=SimpleUploadedFile("plan.docx", _docx())
    )
    assert bijlage.mime.endswith("wordprocessingml.document")


@pytest.mark.parametrize(
    ("inhoud", "naam", "melding"),
    [
        (b"MZ\x90\x00 not a document", "verslag.pdf", "Alleen PDF- of Word-bestanden"),
        (b"PK\x03\x04 broken zip", "plan.docx", "Alleen PDF- of Word-bestanden"),
        (b"%PDF-" + b"0" * MAX_BIJLAGE, "groot.pdf", "groter dan 10 MB"),
    ],
)
def test_wrong_type_or_too_big_is_refused_next_to_the_field(als, vraag, inhoud, naam, melding):
    antwoord = _upload(als("ib-innovo"), vraag, inhoud, naam)
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert melding in html
    assert 'href="#id_bijlage-bestand"' in html  # the summary links to the field
    assert not VraagBijlage.objects.filter(vraag=vraag).exists()


def test_out_of_scope_is_not_found_and_a_decided_vraag_takes_no_attachments(
    als, gebruiker, vraag, ib
):
    bijlage = v.vraag_bijlage_toevoegen(
        gebruiker=ib, vraag=vraag, bestand=SimpleUploadedFile("a.pdf", PDF)
    )
    url = reverse("ondersteuning:bijlage", args=[vraag.pk, bijlage.pk])
    for naam in ("bestuur-movare", "orthopedagoog"):
        assert als(naam).get(url).status_code in (403, 404), naam
    assert als("bestuur-movare").get(url).status_code == 404
    # Another vraag's number in the URL does not open it either.
    ander = vraag.__class__.objects.exclude(pk=vraag.pk).filter(school=vraag.school).first()
    if ander is not None:
        verkeerd = reverse("ondersteuning:bijlage", args=[ander.pk, bijlage.pk])
        assert als("ib-innovo").get(verkeerd).status_code == 404
    # Outside the scope the service refuses too.
    with pytest.raises(PermissionDenied):
        v.vraag_bijlage_toevoegen(
            gebruiker=gebruiker("bestuur-movare"), vraag=vraag,
            bestand=SimpleUploadedFile("a.pdf", PDF),
        )  # fmt: skip
    # A withdrawn vraag is closed: no more attachments (403 before the file is read).
    v.vraag_intrekken(gebruiker=ib, vraag=vraag, versie=vraag.versie)
    assert _upload(als("ib-innovo"), vraag, PDF, "b.pdf").status_code == 403
    with pytest.raises(PermissionDenied):
        v.vraag_bijlage_toevoegen(gebruiker=ib, vraag=vraag, bestand=SimpleUploadedFile(
            "b.pdf", PDF))  # fmt: skip


def test_missing_file_is_a_message_on_the_field(vraag, ib):
    with pytest.raises(ValidationError) as fout:
        v.vraag_bijlage_toevoegen(gebruiker=ib, vraag=vraag, bestand=None)
    assert "bestand" in fout.value.error_dict
