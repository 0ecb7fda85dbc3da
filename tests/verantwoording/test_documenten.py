"""PDF per report and per round (text read back), the comparison table and its exports,
query counts that do not grow with the number of besturen."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from kpi.verantwoording import reports, services
from kpi.verantwoording.models import Ronde, RondeStatus, Verslag
from swv.models import Taak, TaakStatus
from tests.factories.verantwoording import vul_compleet


def pdf_tekst(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    inhoud = b"".join(response.streaming_content) if response.streaming else response.content
    return tekst_van(inhoud)


def tekst_van(inhoud: bytes) -> str:
    lezer = PdfReader(io.BytesIO(bytes(inhoud)))
    return "\n".join(pagina.extract_text() for pagina in lezer.pages)


def _plat(tekst: str) -> str:
    return " ".join(tekst.split())


@pytest.fixture
def demo_ronde():
    """The demo round: the open one of PO3104 (over the previous school year; rounds of
    earlier years are closed), found without reading the clock."""
    return Ronde.objects.get(status=RondeStatus.OPEN, samenwerkingsverbanden__code="PO3104")


@pytest.fixture
def innovo(demo_ronde):
    return Verslag.objects.get(ronde=demo_ronde, bestuur__nummer="41506")


def test_pdf_van_een_verslag(als, innovo):
    response = als("bestuur-movare").get(reverse("verantwoording:verslag-pdf", args=[innovo.pk]))
    assert response.status_code == 200
    tekst = _plat(pdf_tekst(response))
    for verwacht in [
        f"Verantwoording INNOVO {innovo.ronde.schooljaar_label}",
        "Ankerpunt 1 - Kwaliteitsstandaard",
        "Score SOP: 99%",
        "Score SOP: 96%",
        "Score SOP: 83%",
        "€ 132.380,00",
        "€ 511.599,00",
        "€ 399.596,00",
        "Totaal ontvangen € 1.043.575,00",
        "Startklassen € 250.000,00",
        "Totaal aangewend € 1.043.500,00",
        "Uitgewerkt als voorbeeld: indicator 7",
        "Hard voor Taal",
        "Kantelklas",
        "Schoolbesturen zoeken onderlinge uitwisseling en afstemming op",
        "Extra informatie",
        "pagina 1 van",
        "geaccepteerd",
    ]:
        assert verwacht in tekst, verwacht
    lezer = PdfReader(io.BytesIO(response.content))
    assert len(lezer.pages) >= 4


def test_pdf_van_de_ronde_bundelt_de_ingediende_verslagen(
    als, gebruiker, demo_ronde, django_capture_on_commit_callbacks, worker, monkeypatch
):
    movare = Verslag.objects.get(ronde=demo_ronde, bestuur__nummer="41516")
    vul_compleet(movare, gebruiker("bestuur-movare"))
    services.verslag_indienen(verslag=movare, gebruiker=gebruiker("bestuur-movare"))
    c = als("directeur")
    url = reverse("verantwoording:ronde-pdf", args=[demo_ronde.pk])
    assert "Bundel maken" in c.get(url).content.decode()
    # The request only queues the bundle: nothing is laid out in it.
    with monkeypatch.context() as m, django_capture_on_commit_callbacks(execute=True):
        m.setattr(reports, "render_pdf", _verboden)
        response = c.post(url)
    taak = Taak.objects.get(functie=services.BUNDEL_MAKEN)
    assert response.status_code == 302 and response["Location"] == taak.get_absolute_url()
    worker()
    taak.refresh_from_db()
    assert taak.status == TaakStatus.GEREED
    tekst = _plat(pdf_tekst(c.get(reverse("taak-document", args=[taak.pk]))))
    jaar = demo_ronde.schooljaar_label
    assert f"Verantwoording schoolbesturen {jaar}" in tekst
    assert f"Verantwoording INNOVO {jaar}" in tekst
    assert f"Verantwoording Movare {jaar}" in tekst
    assert "Reflectie op Ankerpunt 1 - Kwaliteitsstandaard." in tekst
    # Overview lists all 20 besturen with their status; concepts are not bundled.
    assert tekst.count("concept") >= 18
    innovo = als("bestuur-innovo")
    assert innovo.get(url).status_code == 403
    assert innovo.post(url).status_code == 403
    assert Taak.objects.filter(functie=services.BUNDEL_MAKEN).count() == 1


def _verboden(*args, **kwargs):
    raise AssertionError("een PDF opgemaakt in het verzoek")


def test_vergelijking_tabel_en_exports(als, demo_ronde):
    c = als("medewerker")
    url = reverse("verantwoording:vergelijking", args=[demo_ronde.pk])
    response = c.get(url)
    assert response.status_code == 200
    inhoud = response.content.decode()
    assert "Ankerpunt 1 (%)" in inhoud and "99%" in inhoud and "€\u00a01.043.575,00" in inhoud
    response = c.get(url + "?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rijen = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    kop = rijen[0]
    assert kop[:3] == ["Bestuur", "Bestuursnummer", "Status"]
    assert kop[3:7] == ["Ankerpunt 1 (%)", "Ankerpunt 2 (%)", "Ankerpunt 3 (%)", "Ankerpunt 4 (%)"]
    assert kop[7:] == [
        "Verwijzingen SBO/SO",
        "Terugplaatsingen",
        "Ontvangen (€)",
        "Aangewend (€)",
        "Te laat (dagen)",
    ]
    per_bestuur = {r[0]: r for r in rijen[1:]}
    assert len(per_bestuur) == 20
    innovo = per_bestuur["INNOVO"]
    assert innovo[1:7] == ["41506", "geaccepteerd", "99,0", "96,0", "83,0", ""]
    assert innovo[9:] == ["1043575,00", "1043500,00", ""]
    assert per_bestuur["Movare"][2] == "concept" and per_bestuur["Movare"][3] == "97,0"
    # A concept's amounts are not what it accounts for: empty, not 0.
    assert per_bestuur["Movare"][9:11] == ["", ""]

    from openpyxl import load_workbook

    response = c.get(url + "?format=xlsx")
    blad = load_workbook(io.BytesIO(response.content)).active
    waarden = list(blad.iter_rows(values_only=True))
    assert list(waarden[0]) == kop
    xlsx_innovo = next(r for r in waarden if r[0] == "INNOVO")
    assert xlsx_innovo[3] == 99 and xlsx_innovo[9] == 1043575


def test_vergelijking_alleen_voor_staf(als, demo_ronde):
    url = reverse("verantwoording:vergelijking", args=[demo_ronde.pk])
    assert als("bestuur-innovo").get(url).status_code == 403
    assert als("bestuur-innovo").get(url + "?format=csv").status_code == 403


def _extra_besturen(ronde, aantal):
    """More besturen, their reports in every status (some submitted late, some accepted:
    they appear in the review list, the published list and with a "te laat" mark)."""
    from datetime import timedelta

    from django.utils import timezone

    from kpi.verantwoording.models import Aanwending, VerslagStatus
    from swv.models import Schoolbestuur

    statussen = [
        VerslagStatus.CONCEPT,
        VerslagStatus.INGEDIEND,
        VerslagStatus.GEACCEPTEERD,
        VerslagStatus.TERUGGEGEVEN,
    ]
    laat = timezone.now() + timedelta(days=40)
    for n in range(aantal):
        bestuur = Schoolbestuur.objects.create(nummer=f"8{n:04d}", naam=f"Bestuur extra {n}")
        status = statussen[n % len(statussen)]
        verslag = Verslag.objects.create(
            ronde=ronde,
            bestuur=bestuur,
            status=status,
            ingediend_op=laat if status != VerslagStatus.CONCEPT else None,
        )
        Aanwending.objects.create(verslag=verslag, omschrijving="Startklassen", bedrag=100)


def test_queries_groeien_niet_met_het_aantal_besturen(als, demo_ronde):
    innovo = Verslag.objects.get(ronde=demo_ronde, bestuur__nummer="41506")
    pagina_s = {
        "medewerker": [
            reverse("verantwoording:vergelijking", args=[demo_ronde.pk]),
            demo_ronde.get_absolute_url(),
            reverse("verantwoording:index"),
            innovo.get_absolute_url(),
        ],
        "bestuur-movare": [
            reverse("verantwoording:index"),
            demo_ronde.get_absolute_url(),
            innovo.get_absolute_url(),
        ],
    }

    def tellen():
        uit = {}
        for wie, urls in pagina_s.items():
            c = als(wie)
            for url in urls:
                with CaptureQueriesContext(connection) as q:
                    assert c.get(url).status_code == 200
                uit[(wie, url)] = len(q)
        return uit

    voor = tellen()
    _extra_besturen(demo_ronde, 16)
    na = tellen()
    assert na == voor
    # ... and the pages did show the new reports.
    inhoud = als("medewerker").get(demo_ronde.get_absolute_url()).content.decode()
    assert "Bestuur extra 15" in inhoud and "te laat" in inhoud


def test_verslagpagina_en_formulier_met_vast_aantal_queries(
    als, django_assert_max_num_queries, demo_ronde
):
    innovo = Verslag.objects.get(ronde=demo_ronde, bestuur__nummer="41506")
    movare = Verslag.objects.get(ronde=demo_ronde, bestuur__nummer="41516")
    c = als("bestuur-movare")
    c.get(innovo.get_absolute_url())
    with django_assert_max_num_queries(40):
        assert c.get(innovo.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(45):
        assert (
            c.get(reverse("verantwoording:verslag-bewerken", args=[movare.pk])).status_code == 200
        )


def test_ingediend_document_wordt_bewaard_zoals_ingediend(
    als, gebruiker, demo_ronde, django_capture_on_commit_callbacks, worker
):
    movare = Verslag.objects.get(ronde=demo_ronde, bestuur__nummer="41516")
    vul_compleet(movare, gebruiker("bestuur-movare"))
    with django_capture_on_commit_callbacks(execute=True):
        services.verslag_indienen(verslag=movare, gebruiker=gebruiker("bestuur-movare"))
    worker()
    movare.refresh_from_db()
    assert movare.pdf and bytes(movare.pdf.inhoud).startswith(b"%PDF")
    # What the SWV received is what it keeps: a later change in the data does not alter it.
    movare.antwoorden.filter(vraag__code="thuiszitters").update(tekst="Later veranderd.")
    url = reverse("verantwoording:verslag-pdf", args=[movare.pk])
    tekst = _plat(pdf_tekst(als("medewerker").get(url)))
    assert "Reflectie op Thuiszitters." in tekst and "Later veranderd." not in tekst
    assert "ingediend" in tekst
    # Accepting stores the accepted document; returning drops it (the report changes again).
    with django_capture_on_commit_callbacks(execute=True):
        services.verslag_accepteren(verslag=movare, gebruiker=gebruiker("medewerker"))
    worker()
    movare.refresh_from_db()
    assert "geaccepteerd" in _plat(tekst_van(movare.pdf.inhoud))


def test_teruggeven_wist_het_bewaarde_document(gebruiker, demo_ronde):
    movare = Verslag.objects.get(ronde=demo_ronde, bestuur__nummer="41516")
    vul_compleet(movare, gebruiker("bestuur-movare"))
    services.verslag_indienen(verslag=movare, gebruiker=gebruiker("bestuur-movare"))
    services.verslag_teruggeven(
        verslag=Verslag.objects.get(pk=movare.pk),
        gebruiker=gebruiker("medewerker"),
        opmerking="Aanvullen.",
    )
    assert Verslag.objects.get(pk=movare.pk).pdf is None
