"""A report submitted after the deadline is marked "te laat" with how late (also 25 months:
no overflow, never a negative delay), everywhere it is shown; unspent lumpsum is a
warning (not a refusal) with the amount; the comparison shows concepts as "nog niet
ingediend", has a totals row and right-aligned amounts."""

import csv
import io
import re
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from kpi.verantwoording import reports, services
from kpi.verantwoording.models import Ronde, RondeStatus, Verslag, VerslagStatus
from kpi.verantwoording.termijnen import hele_maanden, te_laat
from tests.factories.verantwoording import complete_invoer, vul_compleet
from tests.verantwoording.test_documenten import _plat, tekst_van

NBSP = "\u00a0"


@pytest.mark.parametrize(
    "deadline, ingediend, dagen, maanden",
    [
        (date(2024, 11, 1), date(2024, 11, 1), None, None),  # on the day: on time
        (date(2024, 11, 1), date(2024, 10, 3), None, None),  # early: never negative
        (date(2024, 11, 1), date(2024, 11, 2), 1, 0),
        (date(2024, 1, 31), date(2024, 2, 29), 29, 0),  # leap year, end of month
        (date(2024, 1, 31), date(2024, 3, 1), 30, 1),
        (date(2022, 10, 1), date(2024, 11, 5), 766, 25),  # 25 months late
        (date(2014, 10, 1), date(2100, 12, 31), 31502, 1034),  # far: plain integers
    ],
)
def test_te_laat_rekent_in_kalenderdagen_en_hele_maanden(deadline, ingediend, dagen, maanden):
    vertraging = te_laat(deadline, ingediend)
    if dagen is None:
        assert vertraging is None
        return
    assert (vertraging.dagen, vertraging.maanden) == (dagen, maanden)
    assert hele_maanden(deadline, ingediend) == maanden


def test_te_laat_in_woorden():
    assert str(te_laat(date(2024, 11, 1), date(2024, 11, 2))) == "1 dag"
    assert str(te_laat(date(2024, 11, 1), date(2024, 11, 13))) == "12 dagen"
    assert str(te_laat(date(2022, 10, 1), date(2024, 11, 5))) == "766 dagen (ruim 25 maanden)"
    assert str(te_laat(date(2024, 1, 1), date(2024, 2, 3))) == "33 dagen (ruim 1 maand)"


@pytest.fixture
def demo_ronde():
    return Ronde.objects.get(status=RondeStatus.OPEN, samenwerkingsverbanden__code="PO3104")


@pytest.fixture
def movare(demo_ronde):
    return Verslag.objects.get(ronde=demo_ronde, bestuur__nummer="41516")


def _25_maanden_te_laat(ronde, verslag, gebruiker):
    """Movare submits today, with the round's deadline 25 months and 4 days ago."""
    vandaag = timezone.localdate()
    jaar, maand = divmod(vandaag.year * 12 + vandaag.month - 1 - 25, 12)
    deadline = date(jaar, maand + 1, 1) - timedelta(days=1)  # end of that month
    Ronde.objects.filter(pk=ronde.pk).update(deadline=deadline)
    vul_compleet(verslag, gebruiker("bestuur-movare"))
    services.verslag_indienen(verslag=verslag, gebruiker=gebruiker("bestuur-movare"))
    verslag = Verslag.objects.select_related("ronde", "bestuur").get(pk=verslag.pk)
    return verslag, te_laat(deadline, vandaag)


def test_25_maanden_te_laat_staat_overal(als, gebruiker, demo_ronde, movare):
    verslag, vertraging = _25_maanden_te_laat(demo_ronde, movare, gebruiker)
    assert vertraging.maanden == 25 and vertraging.dagen > 750
    assert verslag.te_laat == vertraging
    mark = f"te laat: {vertraging}"
    staf = als("medewerker")
    # The round's overview (status per bestuur, with a count), the review list, the report.
    ronde_pagina = staf.get(demo_ronde.get_absolute_url()).content.decode()
    assert mark in ronde_pagina
    # Moving the deadline back made INNOVO's (demo) submission late as well: two.
    laat = [
        v for v in Verslag.objects.filter(ronde=demo_ronde).select_related("ronde") if v.te_laat
    ]
    assert len(laat) == 2
    assert 'kengetal">2</div><div class="kengetal-label">te laat ingediend' in ronde_pagina
    assert mark in staf.get(reverse("verantwoording:index")).content.decode()
    assert mark in staf.get(verslag.get_absolute_url()).content.decode()
    # The comparison: on the page and as a number in the exports.
    url = reverse("verantwoording:vergelijking", args=[demo_ronde.pk])
    assert f">{vertraging.dagen}</td>" in staf.get(url).content.decode()
    rijen = list(
        csv.reader(
            io.StringIO(staf.get(url + "?format=csv").content.decode("utf-8-sig")), delimiter=";"
        )
    )
    kolom = rijen[0].index("Te laat (dagen)")
    per_bestuur = {r[0]: r for r in rijen[1:]}
    assert per_bestuur["Movare"][kolom] == str(vertraging.dagen)
    innovo = next(v for v in laat if v.bestuur.nummer == "41506")
    assert per_bestuur["INNOVO"][kolom] == str(innovo.te_laat.dagen)
    concepten = [r for r in rijen[1:] if r[2] == "concept"]
    assert concepten and all(r[kolom] == "" for r in concepten)  # not submitted: no mark
    # The bestuur's own overview.
    eigen = als("bestuur-movare").get(reverse("verantwoording:index")).content.decode()
    assert mark in eigen
    # The PDF of the report and the bundle's cover page.
    tekst = _plat(tekst_van(reports.verslag_pdf(verslag)))
    assert f"te laat: {vertraging.dagen} dagen (ruim 25 maanden)" in tekst
    verslagen = list(Verslag.objects.filter(ronde=demo_ronde).select_related("ronde", "bestuur"))
    voorblad = _plat(tekst_van(reports.bundel_pdf(demo_ronde, [*verslagen[:2], verslag])))
    assert f"te laat: {vertraging.dagen} dagen" in voorblad


def test_op_tijd_ingediend_krijgt_geen_markering(als, gebruiker, demo_ronde, movare):
    vul_compleet(movare, gebruiker("bestuur-movare"))
    services.verslag_indienen(verslag=movare, gebruiker=gebruiker("bestuur-movare"))
    verslag = Verslag.objects.select_related("ronde").get(pk=movare.pk)
    assert verslag.te_laat is None
    assert "te laat:" not in als("medewerker").get(demo_ronde.get_absolute_url()).content.decode()


def test_ingediend_op_de_deadline_zelf_is_op_tijd(demo_ronde, movare):
    """The whole deadline day counts, in Amsterdam time: 23:59 on the day is on time,
    00:01 the next day (22:01 UTC in winter on the day itself) is one day late."""
    ams = timezone.get_default_timezone()
    deadline = demo_ronde.deadline
    Verslag.objects.filter(pk=movare.pk).update(
        status=VerslagStatus.INGEDIEND,
        ingediend_op=datetime(deadline.year, deadline.month, deadline.day, 23, 59, tzinfo=ams),
    )
    assert Verslag.objects.select_related("ronde").get(pk=movare.pk).te_laat is None
    volgende = deadline + timedelta(days=1)
    Verslag.objects.filter(pk=movare.pk).update(
        ingediend_op=datetime(volgende.year, volgende.month, volgende.day, 0, 1, tzinfo=ams)
    )
    assert Verslag.objects.select_related("ronde").get(pk=movare.pk).te_laat.dagen == 1


def test_niet_ingediend_na_de_deadline_staat_als_verstreken(als, demo_ronde, movare):
    Ronde.objects.filter(pk=demo_ronde.pk).update(deadline=timezone.localdate() - timedelta(days=3))
    pagina = als("bestuur-movare").get(reverse("verantwoording:index")).content.decode()
    assert "deadline 3 dagen verstreken" in pagina


# Unspent lumpsum -------------------------------------------------------------------------


def _niet_volledig_besteed(verslag, gebruiker):
    """Complete, but 1.234,56 of the received amounts is not accounted as spent."""
    invoer = complete_invoer(verslag)
    invoer["ontvangen"] = dict.fromkeys(invoer["ontvangen"], Decimal("10000.00"))
    ontvangen = sum(invoer["ontvangen"].values())
    invoer["aanwendingen"] = [("Startklassen", ontvangen - Decimal("1234.56"))]
    verslag.refresh_from_db()
    return services.verslag_opslaan(
        verslag=verslag, gebruiker=gebruiker, versie=verslag.versie, **invoer
    )


def test_niet_bestede_middelen_geven_een_waarschuwing_geen_blokkade(als, gebruiker, movare):
    bestuur = gebruiker("bestuur-movare")
    _niet_volledig_besteed(movare, bestuur)
    melding = f"Niet besteed: €{NBSP}1.234,56."
    c = als("bestuur-movare")
    formulier = c.get(reverse("verantwoording:verslag-bewerken", args=[movare.pk]))
    inhoud = formulier.content.decode()
    assert melding in inhoud and "De lumpsum moet volledig worden ingezet" in inhoud
    # Not in the list of what blocks submitting, and submitting works.
    assert not any("besteed" in m for m in formulier.context["missend"])
    assert melding in c.get(movare.get_absolute_url()).content.decode()
    verslag = services.verslag_indienen(verslag=movare, gebruiker=bestuur)
    assert verslag.status == VerslagStatus.INGEDIEND
    assert melding in als("medewerker").get(movare.get_absolute_url()).content.decode()
    tekst = _plat(tekst_van(reports.verslag_pdf(Verslag.objects.get(pk=movare.pk))))
    assert "Niet besteed: € 1.234,56." in tekst


def test_volledig_besteed_geeft_geen_waarschuwing(als, gebruiker, movare):
    invoer = complete_invoer(movare)
    invoer["aanwendingen"] = [("Startklassen", sum(invoer["ontvangen"].values()))]
    movare.refresh_from_db()
    services.verslag_opslaan(
        verslag=movare, gebruiker=gebruiker("bestuur-movare"), versie=movare.versie, **invoer
    )
    c = als("bestuur-movare")
    assert "Niet besteed" not in c.get(movare.get_absolute_url()).content.decode()
    url = reverse("verantwoording:verslag-bewerken", args=[movare.pk])
    assert "Niet besteed" not in c.get(url).content.decode()


# The comparison ---------------------------------------------------------------------------


def _rij(html: str, bestuur: str) -> str:
    return re.search(rf'<th scope="row">{bestuur}</th>(.*?)</tr>', html, re.S).group(1)


def test_vergelijking_concepten_nog_niet_ingediend_en_totaalrij(als, gebruiker, demo_ronde):
    html = (
        als("medewerker")
        .get(reverse("verantwoording:vergelijking", args=[demo_ronde.pk]))
        .content.decode()
    )
    movare = _rij(html, "Movare")  # concept, with amounts typed already in real use
    assert movare.count("nog niet ingediend") == 2
    assert "€" not in movare
    innovo = _rij(html, "INNOVO")  # accepted
    assert f'<td class="num text-end text-nowrap">€{NBSP}1.043.575,00</td>' in innovo
    totaal = re.search(r"<tfoot>(.*?)</tfoot>", html, re.S).group(1)
    assert "Totaal" in totaal and "bedragen van 1 ingediend verslag" in totaal
    assert f"€{NBSP}1.043.575,00" in totaal and f"€{NBSP}1.043.500,00" in totaal
    # Figures are summed over every bestuur, amounts right-aligned like the rows.
    assert re.search(r'<td class="num text-end text-nowrap fw-semibold">€', totaal)


def test_totaalrij_telt_alleen_ingediende_bedragen(gebruiker, demo_ronde):
    movare = Verslag.objects.get(ronde=demo_ronde, bestuur__nummer="41516")
    vul_compleet(movare, gebruiker("bestuur-movare"))  # concept with amounts
    verslagen = list(Verslag.objects.filter(ronde=demo_ronde).select_related("ronde", "bestuur"))
    tabel = reports.vergelijking_van(demo_ronde, verslagen)
    ontvangen = tabel.kolommen.index("Ontvangen (€)")
    assert tabel.totalen()[ontvangen] == Decimal("1043575.00")  # INNOVO's only
    services.verslag_indienen(verslag=movare, gebruiker=gebruiker("bestuur-movare"))
    verslagen = list(Verslag.objects.filter(ronde=demo_ronde).select_related("ronde", "bestuur"))
    tabel = reports.vergelijking_van(demo_ronde, verslagen)
    movare_ontvangen = sum(complete_invoer(movare)["ontvangen"].values())
    assert tabel.totalen()[ontvangen] == Decimal("1043575.00") + movare_ontvangen
