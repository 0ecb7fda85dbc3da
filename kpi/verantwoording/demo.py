"""Demo: the 2023-2024 round of PO3104-PO3106 with all their besturen; INNOVO's report
accepted with seed 004's content, Movare's a concept. Idempotent and deterministic: fixed
dates, content reset to the same values on every run.

Seed 004 has no per-indicator stand van ontwikkeling (it describes the stand per
hoofdonderdeel in prose); the stands below are illustrative, derived from that prose.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db import transaction

from swv.models import Gebruiker, Samenwerkingsverband

from . import selectors
from .bedragen import bedrag_parsen, percentage_parsen
from .demo_inhoud import PROCES, SCORES, TEKSTEN
from .models import (
    Aanwending,
    Antwoord,
    Geldstroom,
    IndicatorStand,
    OntvangenBedrag,
    Procesindicator,
    Ronde,
    RondeStatus,
    Stand,
    Verslag,
    VerslagGebeurtenis,
    VerslagStatus,
)
from .services import _sjabloon_kopieren

TZ = ZoneInfo("Europe/Amsterdam")
SCHOOLJAAR = 2023
SWVS = ["PO3104", "PO3105", "PO3106"]
DEADLINE = date(2024, 11, 1)
AANGEMAAKT = datetime(2024, 9, 2, 9, 0, tzinfo=TZ)
GEOPEND = datetime(2024, 9, 2, 9, 30, tzinfo=TZ)
INNOVO_INGEDIEND = datetime(2024, 10, 28, 16, 12, tzinfo=TZ)
INNOVO_GEACCEPTEERD = datetime(2024, 11, 12, 10, 5, tzinfo=TZ)
MOVARE_OPGESLAGEN = datetime(2024, 10, 21, 14, 40, tzinfo=TZ)

INNOVO_ONTVANGEN = {"PO3104": "€ 132.380,00", "PO3105": "€ 511.599,00", "PO3106": "€ 399.596,00"}
INNOVO_AANWENDINGEN = [
    ("Startklassen", "€ 250.000"),
    ("Expertiseplatform/Onderzoek", "€ 750.000"),
    ("IB-netwerken", "€ 43.500"),
]
# Illustrative stands (see module docstring): mostly realised, a few still developing.
IN_ONTWIKKELING = {3, 10, 17, 36, 37, 40}
GEBORGD = {1, 5, 7, 14, 20, 33}


def _stand(nummer: int) -> str:
    if nummer in IN_ONTWIKKELING:
        return Stand.IN_ONTWIKKELING
    if nummer in GEBORGD:
        return Stand.GEBORGD
    return Stand.GEREALISEERD


def laad(stdout=None) -> None:
    with transaction.atomic():
        ronde = _ronde()
        innovo = Verslag.objects.get(ronde=ronde, bestuur__nummer="41506")
        movare = Verslag.objects.get(ronde=ronde, bestuur__nummer="41516")
        _innovo(innovo)
        _movare(movare)
    if stdout:
        stdout.write(
            f"  verantwoording {ronde.schooljaar_label}: {ronde.verslagen.count()} verslagen "
            "(INNOVO geaccepteerd, Movare concept)"
        )


def _ronde() -> Ronde:
    swvs = list(Samenwerkingsverband.objects.filter(code__in=SWVS).order_by("code"))
    medewerker = Gebruiker.objects.filter(username="medewerker").first()
    ronde = (
        Ronde.objects.filter(schooljaar=SCHOOLJAAR, samenwerkingsverbanden__code="PO3104")
        .order_by("id")
        .first()
    )
    if ronde is None:
        ronde = Ronde.objects.create(
            schooljaar=SCHOOLJAAR,
            deadline=DEADLINE,
            aangemaakt_op=AANGEMAAKT,
            aangemaakt_door=medewerker,
        )
        ronde.samenwerkingsverbanden.set(swvs)
        _sjabloon_kopieren(bron=None, doel=ronde)
    besturen = list(selectors.besturen_in_swvs([s.id for s in swvs]))
    ronde.besturen.set(besturen)
    # The demo round is open (Movare can still write); protected state set directly.
    Ronde.objects.filter(pk=ronde.pk).update(
        status=RondeStatus.OPEN, deadline=DEADLINE, geopend_op=GEOPEND, gesloten_op=None
    )
    swv_ids = [s.id for s in swvs]
    for bestuur in besturen:
        Verslag.objects.get_or_create(
            ronde=ronde,
            bestuur=bestuur,
            defaults={"heeft_speciaal": selectors.heeft_speciaal(bestuur.id, swv_ids)},
        )
    ronde.refresh_from_db()
    return ronde


def _inhoud_zetten(verslag: Verslag, *, teksten: dict, scores: dict, proces: dict, standen: bool):
    vragen = {v.code: v for v in selectors.vragen_van_ronde(verslag.ronde)}
    Antwoord.objects.filter(verslag=verslag).delete()
    for code, tekst in teksten.items():
        Antwoord.objects.create(
            verslag=verslag,
            vraag=vragen[code],
            tekst=tekst,
            score=percentage_parsen(scores[code]) if code in scores else None,
        )
    for code, (sturing, nummers, voorbeeld) in proces.items():
        Antwoord.objects.create(
            verslag=verslag,
            vraag=vragen[code],
            tekst=sturing,
            voorbeeld_nummers=nummers,
            voorbeeld_tekst=voorbeeld,
        )
    IndicatorStand.objects.filter(verslag=verslag).delete()
    if standen:
        IndicatorStand.objects.bulk_create(
            IndicatorStand(verslag=verslag, indicator=i, stand=_stand(i.nummer))
            for i in Procesindicator.objects.filter(vraag__ronde=verslag.ronde).order_by("nummer")
            if i.vraag.geldt_voor(verslag)
        )


def _innovo(verslag: Verslag) -> None:
    bestuur_gebruiker = Gebruiker.objects.filter(username="bestuur-innovo").first()
    medewerker = Gebruiker.objects.filter(username="medewerker").first()
    _inhoud_zetten(verslag, teksten=TEKSTEN, scores=SCORES, proces=PROCES, standen=True)
    OntvangenBedrag.objects.filter(verslag=verslag).delete()
    swvs = {s.code: s for s in verslag.ronde.samenwerkingsverbanden.all()}
    for code, bedrag in INNOVO_ONTVANGEN.items():
        OntvangenBedrag.objects.create(
            verslag=verslag,
            swv=swvs[code],
            soort=Geldstroom.TERUGPLOEG,
            bedrag=bedrag_parsen(bedrag),
        )
    Aanwending.objects.filter(verslag=verslag).delete()
    for n, (omschrijving, bedrag) in enumerate(INNOVO_AANWENDINGEN, start=1):
        Aanwending.objects.create(
            verslag=verslag, volgorde=n, omschrijving=omschrijving, bedrag=bedrag_parsen(bedrag)
        )
    Verslag.objects.filter(pk=verslag.pk).update(
        status=VerslagStatus.GEACCEPTEERD,
        versie=3,
        bijgewerkt_op=INNOVO_INGEDIEND,
        bijgewerkt_door=bestuur_gebruiker,
        ingediend_op=INNOVO_INGEDIEND,
        beoordeeld_op=INNOVO_GEACCEPTEERD,
        opmerking_swv="",
        kengetallen_bij_indienen=None,
    )
    VerslagGebeurtenis.objects.filter(verslag=verslag).delete()
    VerslagGebeurtenis.objects.create(
        verslag=verslag,
        tijdstip=INNOVO_INGEDIEND,
        gebruiker=bestuur_gebruiker,
        van_status=VerslagStatus.CONCEPT,
        naar_status=VerslagStatus.INGEDIEND,
    )
    VerslagGebeurtenis.objects.create(
        verslag=verslag,
        tijdstip=INNOVO_GEACCEPTEERD,
        gebruiker=medewerker,
        van_status=VerslagStatus.INGEDIEND,
        naar_status=VerslagStatus.GEACCEPTEERD,
        opmerking="Dank voor het heldere verslag.",
    )


def _movare(verslag: Verslag) -> None:
    gebruiker = Gebruiker.objects.filter(username="bestuur-movare").first()
    _inhoud_zetten(
        verslag,
        teksten={
            "ankerpunt-1": (
                "Alle Movare-scholen hebben een actueel schoolondersteuningsprofiel. "
                "De kwaliteitsstandaard wordt besproken in de jaarlijkse schoolgesprekken; "
                "de uitwerking per school volgt."
            )
        },
        scores={"ankerpunt-1": "97"},
        proces={},
        standen=False,
    )
    OntvangenBedrag.objects.filter(verslag=verslag).delete()
    Aanwending.objects.filter(verslag=verslag).delete()
    VerslagGebeurtenis.objects.filter(verslag=verslag).delete()
    Verslag.objects.filter(pk=verslag.pk).update(
        status=VerslagStatus.CONCEPT,
        versie=2,
        bijgewerkt_op=MOVARE_OPGESLAGEN,
        bijgewerkt_door=gebruiker,
        ingediend_op=None,
        beoordeeld_op=None,
        opmerking_swv="",
        kengetallen_bij_indienen=None,
    )
