"""The report's PDF is made in a background task (swv.taken), not in the request: saving
and submitting stay fast, the user sees that the PDF is being made and gets it when it is
ready; a failed task is visible (on the report and on /taken/) and can be made again."""

import pytest
from django.urls import reverse

from kpi.verantwoording import reports, services
from kpi.verantwoording.models import Ronde, RondeStatus, Verslag, VerslagStatus
from swv.models import Taak, TaakStatus
from tests.factories.verantwoording import vul_compleet
from tests.verantwoording.helpers import formulier_data
from tests.verantwoording.test_documenten import _plat, pdf_tekst, tekst_van

NBSP = "\u00a0"


@pytest.fixture
def movare():
    ronde = Ronde.objects.get(status=RondeStatus.OPEN, samenwerkingsverbanden__code="PO3104")
    return Verslag.objects.get(ronde=ronde, bestuur__nummer="41516")


def _verboden(*args, **kwargs):
    raise AssertionError("een PDF opgemaakt in het verzoek")


def test_opslaan_en_indienen_maken_geen_pdf_in_het_verzoek(
    als, gebruiker, movare, monkeypatch, django_capture_on_commit_callbacks, worker
):
    vul_compleet(movare, gebruiker("bestuur-movare"))
    c = als("bestuur-movare")
    url = reverse("verantwoording:verslag-bewerken", args=[movare.pk])
    with monkeypatch.context() as m:
        m.setattr(reports, "render_pdf", _verboden)
        opslaan = formulier_data(c.get(url))
        assert c.post(url, opslaan).status_code == 302
        indienen = formulier_data(c.get(url))
        indienen["actie"] = "indienen"
        with django_capture_on_commit_callbacks(execute=False) as na_commit:
            response = c.post(url, indienen)
        assert response.status_code == 302
        movare.refresh_from_db()
        assert movare.status == VerslagStatus.INGEDIEND and movare.pdf is None
        taak = movare.pdf_taak
        assert taak.functie == services.PDF_VASTLEGGEN and taak.status == TaakStatus.WACHTEND
        assert taak.aangevraagd_door == gebruiker("bestuur-movare")
        # The user is told, and sees it on the report (with the way to follow it).
        pagina = c.get(response["Location"]).content.decode()
        assert "De PDF van het ingediende verslag wordt op de achtergrond gemaakt." in pagina
        assert "De PDF wordt gemaakt." in pagina and taak.get_absolute_url() in pagina
        # Staff see it is being made too, without a link to someone else's task.
        staf = als("medewerker").get(movare.get_absolute_url()).content.decode()
        assert "De PDF wordt gemaakt." in staf and taak.get_absolute_url() not in staf
        # Queued only when the submission commits.
        for callback in na_commit:
            callback()
    worker()
    taak.refresh_from_db()
    assert taak.status == TaakStatus.GEREED
    movare.refresh_from_db()
    assert taak.document_id == movare.pdf_id
    tekst = _plat(tekst_van(movare.pdf.inhoud))
    jaar = movare.ronde.schooljaar_label
    assert f"Verantwoording Movare {jaar}" in tekst
    assert "Schoolbestuur Movare (41516)" in tekst
    assert "Startklassen € 2.500,00" in tekst and "Totaal aangewend € 2.500,00" in tekst
    assert "ingediend" in tekst
    # Now the report offers the stored document, served as it is.
    c = als("bestuur-movare")
    pagina = c.get(movare.get_absolute_url()).content.decode()
    assert "De PDF wordt gemaakt." not in pagina
    download = c.get(reverse("verantwoording:verslag-pdf", args=[movare.pk]))
    assert _plat(pdf_tekst(download)) == tekst


def test_een_mislukte_pdf_is_zichtbaar_en_kan_opnieuw(
    als, gebruiker, movare, monkeypatch, django_capture_on_commit_callbacks, worker
):
    vul_compleet(movare, gebruiker("bestuur-movare"))
    with django_capture_on_commit_callbacks(execute=True):
        services.verslag_indienen(verslag=movare, gebruiker=gebruiker("bestuur-movare"))

    def stuk(*args, **kwargs):
        raise RuntimeError("opmaak mislukt")

    with monkeypatch.context() as m:
        m.setattr(reports, "render_pdf", stuk)
        worker()
    movare.refresh_from_db()
    taak = movare.pdf_taak
    assert taak.status == TaakStatus.MISLUKT and movare.pdf is None
    c = als("bestuur-movare")
    pagina = c.get(movare.get_absolute_url()).content.decode()
    assert "Het maken van de PDF is mislukt." in pagina and "RuntimeError" in pagina
    assert "PDF opnieuw maken" in pagina and taak.get_absolute_url() in pagina
    assert "Opnieuw proberen" in c.get(taak.get_absolute_url()).content.decode()
    assert "mislukt" in c.get(reverse("taken")).content.decode().lower()
    # Staff see the failure too and can have it made (their own task).
    staf = als("medewerker")
    pdf_url = reverse("verantwoording:verslag-pdf", args=[movare.pk])
    assert "Het maken van de PDF is mislukt." in staf.get(pdf_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = staf.post(pdf_url)
    nieuw = Verslag.objects.get(pk=movare.pk).pdf_taak
    assert nieuw.pk != taak.pk and response["Location"] == nieuw.get_absolute_url()
    worker()
    nieuw.refresh_from_db()
    assert nieuw.status == TaakStatus.GEREED
    assert "Verantwoording Movare" in _plat(tekst_van(Verslag.objects.get(pk=movare.pk).pdf.inhoud))


def test_een_concept_pdf_wordt_op_de_achtergrond_gemaakt_voor_wie_erom_vraagt(
    als, movare, monkeypatch, django_capture_on_commit_callbacks, worker
):
    c = als("bestuur-movare")
    url = reverse("verantwoording:verslag-pdf", args=[movare.pk])
    pagina = c.get(url)
    assert pagina.status_code == 200 and "PDF maken" in pagina.content.decode()
    with monkeypatch.context() as m, django_capture_on_commit_callbacks(execute=True):
        m.setattr(reports, "render_pdf", _verboden)
        response = c.post(url)
    taak = Taak.objects.get(functie=services.PDF_CONCEPT)
    assert response["Location"] == taak.get_absolute_url()
    worker()
    download = c.get(reverse("taak-document", args=[taak.pk]))
    tekst = _plat(pdf_tekst(download))
    assert "Verantwoording Movare" in tekst and "concept" in tekst
    assert Verslag.objects.get(pk=movare.pk).pdf is None  # a concept is not kept
    # Another bestuur cannot start one for a concept it does not see.
    assert als("bestuur-innovo").post(url).status_code == 404


def test_een_late_taak_legt_geen_verouderd_document_vast(gebruiker, movare):
    """Returned before the worker ran: the task of the submission keeps nothing."""
    vul_compleet(movare, gebruiker("bestuur-movare"))
    services.verslag_indienen(verslag=movare, gebruiker=gebruiker("bestuur-movare"))
    services.verslag_teruggeven(
        verslag=Verslag.objects.get(pk=movare.pk),
        gebruiker=gebruiker("medewerker"),
        opmerking="Aanvullen.",
    )
    assert (
        services.verslag_pdf_vastleggen(verslag_id=movare.pk, status=VerslagStatus.INGEDIEND)
        is None
    )
    assert Verslag.objects.get(pk=movare.pk).pdf is None


def test_pdf_bedragen_breken_niet_tussen_teken_en_getal(movare, gebruiker):
    """The PDF's HTML has a no-break space between "€" and every amount."""
    from django.template.loader import render_to_string

    vul_compleet(movare, gebruiker("bestuur-movare"))
    verslag = Verslag.objects.select_related("ronde", "bestuur").get(pk=movare.pk)
    html = render_to_string(
        "verantwoording/pdf/verslag.html", {**reports.verslag_document(verslag), "pdf": True}
    )
    assert html.count(f"€{NBSP}") >= 4
    assert "€ " not in html
