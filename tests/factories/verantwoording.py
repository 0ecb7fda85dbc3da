"""Test data for the verantwoording: rounds through the services (as staff would), and a
helper that fills a report completely (as a bestuur would)."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from kpi.verantwoording import selectors, services
from kpi.verantwoording.models import Stand, Verslag, VraagSoort
from swv.models import Samenwerkingsverband, Schoolbestuur

ZUID_LIMBURG = ["PO3104", "PO3105", "PO3106"]


def open_ronde(
    medewerker, *, schooljaar=2024, besturen=("41506", "41516"), swvs=ZUID_LIMBURG, dagen=30
):
    """A new round (template of the previous round), opened for the given besturen."""
    ronde = services.ronde_aanmaken(
        gebruiker=medewerker,
        schooljaar=schooljaar,
        deadline=timezone.localdate() + timedelta(days=dagen),
        samenwerkingsverbanden=list(Samenwerkingsverband.objects.filter(code__in=swvs)),
        besturen=list(Schoolbestuur.objects.filter(nummer__in=besturen)),
    )
    return services.ronde_openen(ronde=ronde, gebruiker=medewerker)


def complete_invoer(verslag: Verslag) -> dict:
    """Keyword arguments for verslag_opslaan that make the report complete."""
    vragen = selectors.vragen_van_ronde(verslag.ronde)
    antwoorden, standen = {}, {}
    for vraag in vragen:
        if not vraag.geldt_voor(verslag):
            continue
        invoer = services.AntwoordInvoer(tekst=f"Reflectie op {vraag.titel}.")
        if vraag.soort == VraagSoort.ANKERPUNT:
            invoer.score = Decimal("90")
        if vraag.soort == VraagSoort.HOOFDONDERDEEL:
            indicatoren = list(vraag.indicatoren.all())
            invoer.voorbeeld_nummers = str(indicatoren[0].nummer)
            invoer.voorbeeld_tekst = "Uitwerking van het voorbeeld."
            for i in indicatoren:
                standen[i.id] = Stand.GEREALISEERD
        antwoorden[vraag.id] = invoer
    ontvangen = {
        (swv_id, "terugploeg"): Decimal("1000.00")
        for swv_id in selectors.swv_ids_van_bestuur(verslag)
    }
    return {
        "antwoorden": antwoorden,
        "standen": standen,
        "ontvangen": ontvangen,
        "aanwendingen": [("Startklassen", Decimal("2500.00"))],
    }


def vul_compleet(verslag: Verslag, gebruiker) -> Verslag:
    verslag.refresh_from_db()
    return services.verslag_opslaan(
        verslag=verslag, gebruiker=gebruiker, versie=verslag.versie, **complete_invoer(verslag)
    )
