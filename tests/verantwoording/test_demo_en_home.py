"""The demo round (seed 004's content for INNOVO) and the home-page items."""

from decimal import Decimal

from django.urls import reverse

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


def _momentopname():
    ronde = Ronde.objects.get(schooljaar=2023, samenwerkingsverbanden__code="PO3104")
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


def test_demo_ronde_zoals_seed_004():
    ronde = Ronde.objects.get(schooljaar=2023, samenwerkingsverbanden__code="PO3104")
    assert ronde.status == RondeStatus.OPEN
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
    # The accepted report satisfies the completeness rule.
    assert ontbrekend_in(innovo) == []
    assert ronde.verslagen.get(bestuur__nummer="41516").status == VerslagStatus.CONCEPT


def test_demo_is_idempotent():
    voor = _momentopname()
    demo.laad()
    demo.laad()
    assert _momentopname() == voor


def test_home_toont_openstaand_verslag_voor_het_bestuur(als):
    inhoud = als("bestuur-movare").get(reverse("home")).content.decode()
    assert "Verantwoording 2023-2024 invullen en indienen" in inhoud
    assert "verlopen op" in inhoud  # the demo deadline (1 November 2024) has passed
    inhoud = als("bestuur-innovo").get(reverse("home")).content.decode()
    assert "Verantwoording 2023-2024 invullen" not in inhoud


def test_home_toont_te_beoordelen_voor_staf(als, gebruiker):
    from kpi.verantwoording import services
    from tests.factories.verantwoording import vul_compleet

    movare = Verslag.objects.get(ronde__schooljaar=2023, bestuur__nummer="41516")
    vul_compleet(movare, gebruiker("bestuur-movare"))
    services.verslag_indienen(verslag=movare, gebruiker=gebruiker("bestuur-movare"))
    inhoud = als("medewerker").get(reverse("home")).content.decode()
    assert "1 verantwoordingsverslag(en) 2023-2024 te beoordelen" in inhoud
    assert "te beoordelen" not in als("opr").get(reverse("home")).content.decode()


def test_context_komt_uit_het_vastgestelde_plan(als):
    """The 2022-2026 plan covers 2023-2024 but is a draft; the adopted 2019-2023 plan speaks."""
    from ondersteuningsplan.models import Ondersteuningsplan

    assert (
        Ondersteuningsplan.objects.filter(startjaar__lte=2023, eindjaar__gte=2023)
        .exclude(titel__contains="2019")
        .exists()
    )
    movare = Verslag.objects.get(ronde__schooljaar=2023, bestuur__nummer="41516")
    inhoud = (
        als("bestuur-movare")
        .get(reverse("verantwoording:verslag-bewerken", args=[movare.pk]))
        .content.decode()
    )
    assert "Ondersteuningsplan Zuid-Limburg 2019-2023" in inhoud
    assert "zo inclusief mogelijk: vindplaats als werkplaats" in inhoud
    for code, titel in [
        ("1", "Een dekkend aanbod"),
        ("5", "Ononderbroken leer- en ontwikkelingsproces"),
    ]:
        assert f'<li value="{code}">{titel}' in inhoud
    assert "Ondersteuningsplan 2022-2026" not in inhoud


def test_context_zonder_plan_geeft_geen_fout(als, monkeypatch):
    from kpi.verantwoording import views

    monkeypatch.setattr(views.bronnen, "plan_context", lambda ronde: None)
    movare = Verslag.objects.get(ronde__schooljaar=2023, bestuur__nummer="41516")
    response = als("bestuur-movare").get(
        reverse("verantwoording:verslag-bewerken", args=[movare.pk])
    )
    assert response.status_code == 200
