"""The demo round (seed 004's content for INNOVO) and the home-page items. The round is
over the school year that ended last, open, with its deadline ahead, whatever the day."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from kpi.verantwoording import demo
from kpi.verantwoording.models import (
    Antwoord,
    IndicatorStand,
    Ronde,
    RondeStatus,
    Verslag,
    VerslagStatus,
)
from kpi.verantwoording.services import ontbrekend_in


@pytest.fixture
def ronde():
    """The demo round: over the previous school year (the demo's own rule)."""
    jaar = demo.Rondedata(timezone.localdate()).schooljaar
    return Ronde.objects.get(schooljaar=jaar, samenwerkingsverbanden__code="PO3104")


def _momentopname(ronde):
    return (
        Ronde.objects.count(),
        ronde.vragen.count(),
        sorted(ronde.verslagen.values_list("bestuur__nummer", "status", "versie")),
        sorted(
            Antwoord.objects.filter(verslag__ronde=ronde).values_list(
                "vraag__code", "tekst", "score"
            )
        ),
        IndicatorStand.objects.filter(verslag__ronde=ronde).count(),
    )


def test_demo_ronde_zoals_seed_004(ronde):
    vandaag = timezone.localdate()
    assert ronde.schooljaar_label == f"{ronde.schooljaar}-{ronde.schooljaar + 1}"
    # The school year that ended last: its 31 July has passed, the next one's has not.
    assert date(ronde.schooljaar + 1, 7, 31) < vandaag <= date(ronde.schooljaar + 2, 7, 31)
    assert ronde.status == RondeStatus.OPEN
    assert ronde.deadline > vandaag and ronde.geopend_op.date() < vandaag
    assert sorted(ronde.samenwerkingsverbanden.values_list("code", flat=True)) == [
        "PO3104",
        "PO3105",
        "PO3106",
    ]
    innovo = ronde.verslagen.get(bestuur__nummer="41506")
    assert innovo.status == VerslagStatus.GEACCEPTEERD
    scores = dict(
        innovo.antwoorden.filter(vraag__soort="ankerpunt").values_list("vraag__code", "score")
    )
    assert scores == {
        "ankerpunt-1": Decimal("99.0"),
        "ankerpunt-2": Decimal("96.0"),
        "ankerpunt-3": Decimal("83.0"),
        "ankerpunt-4": None,
    }
    assert sorted(innovo.ontvangen_bedragen.values_list("swv__code", "bedrag")) == [
        ("PO3104", Decimal("132380.00")),
        ("PO3105", Decimal("511599.00")),
        ("PO3106", Decimal("399596.00")),
    ]
    assert list(
        innovo.antwoorden.filter(vraag__soort="hoofdonderdeel")
        .order_by("vraag__volgorde")
        .values_list("voorbeeld_nummers", flat=True)
    ) == ["7", "20", "33", "37"]
    # The accepted report satisfies the completeness rule; it was submitted and accepted
    # between the opening and today.
    assert ontbrekend_in(innovo) == []
    assert ronde.geopend_op < innovo.ingediend_op < innovo.beoordeeld_op < timezone.now()
    # Seed 004's text, with its years moved to the round's school year.
    tekst = innovo.antwoorden.get(vraag__code="schakelfunctie").tekst
    assert f"was in {ronde.schooljaar_label} al meer aan de orde" in tekst
    assert ronde.verslagen.get(bestuur__nummer="41516").status == VerslagStatus.CONCEPT


def test_demo_is_idempotent(ronde):
    voor = _momentopname(ronde)
    demo.laad()
    demo.laad()
    assert _momentopname(ronde) == voor


def test_home_toont_openstaand_verslag_voor_het_bestuur(als, ronde):
    inhoud = als("bestuur-movare").get(reverse("home")).content.decode()
    assert f"Verantwoording {ronde.schooljaar_label} invullen en indienen" in inhoud
    # The deadline is ahead.
    assert f"uiterlijk {date_format(ronde.deadline, 'j F Y')}" in inhoud
    assert "verlopen op" not in inhoud
    inhoud = als("bestuur-innovo").get(reverse("home")).content.decode()
    assert f"Verantwoording {ronde.schooljaar_label} invullen" not in inhoud


def test_home_toont_te_beoordelen_voor_staf(als, gebruiker, ronde):
    from kpi.verantwoording import services
    from tests.factories.verantwoording import vul_compleet

    movare = Verslag.objects.get(ronde=ronde, bestuur__nummer="41516")
    vul_compleet(movare, gebruiker("bestuur-movare"))
    services.verslag_indienen(verslag=movare, gebruiker=gebruiker("bestuur-movare"))
    inhoud = als("medewerker").get(reverse("home")).content.decode()
    assert f"1 verantwoordingsverslag(en) {ronde.schooljaar_label} te beoordelen" in inhoud
    assert "te beoordelen" not in als("opr").get(reverse("home")).content.decode()


def test_context_komt_uit_het_vastgestelde_plan_van_dat_jaar(als, ronde):
    """Two adopted plans: the current one covers the round's school year and speaks; the
    previous one does not, nor does the next plan (a draft)."""
    from ondersteuningsplan.demo import TITEL_CONCEPT, TITEL_HUIDIG, TITEL_ZL
    from ondersteuningsplan.models import Ondersteuningsplan

    huidig = Ondersteuningsplan.objects.get(titel=TITEL_HUIDIG)
    assert ronde.schooljaar in huidig.schooljaren
    assert ronde.schooljaar not in Ondersteuningsplan.objects.get(titel=TITEL_ZL).schooljaren
    movare = Verslag.objects.get(ronde=ronde, bestuur__nummer="41516")
    inhoud = (
        als("bestuur-movare")
        .get(reverse("verantwoording:verslag-bewerken", args=[movare.pk]))
        .content.decode()
    )
    assert TITEL_HUIDIG in inhoud and huidig.periode in inhoud
    assert "Samen voor inclusiever onderwijs" in inhoud
    for code, titel in [
        ("A", "Betrokken en goed geïnformeerde ouders"),
        ("F", "Professionele plan-, verantwoordings- en verbetercyclus"),
    ]:
        assert f"<li>{code}. {titel}" in inhoud
    assert TITEL_ZL not in inhoud and TITEL_CONCEPT not in inhoud


def test_context_zonder_plan_geeft_geen_fout(als, monkeypatch, ronde):
    from kpi.verantwoording import views

    monkeypatch.setattr(views.bronnen, "plan_context", lambda ronde: None)
    movare = Verslag.objects.get(ronde=ronde, bestuur__nummer="41516")
    response = als("bestuur-movare").get(
        reverse("verantwoording:verslag-bewerken", args=[movare.pk])
    )
    assert response.status_code == 200
