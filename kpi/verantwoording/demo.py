"""Demo: the round of PO3104-PO3106 with all their besturen over the previous school year
(the last one that is over), open with its deadline ahead; INNOVO's report accepted with
seed 004's content, Movare's a concept. Rounds of earlier years (from a load on an earlier
day) are closed. Dates are counted from the day the demo is loaded; idempotent and
deterministic on a given day: content reset to the same values on every run.

Seed 004 has no per-indicator stand van ontwikkeling (it describes the stand per
hoofdonderdeel in prose); the stands below are illustrative, derived from that prose.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from swv import workflow
from swv.models import Gebruiker, Samenwerkingsverband
from swv.schooljaar import schooljaar_van

from . import selectors, stappen
from .bedragen import bedrag_parsen, percentage_parsen
from .demo_inhoud import SCORES, proces, teksten
from .models import (
    Aanwending,
    Antwoord,
    Geldstroom,
    IndicatorStand,
    OntvangenBedrag,
    Procesindicator,
    Ronde,
    RondeGebeurtenis,
    RondeStatus,
    Stand,
    Verslag,
    VerslagGebeurtenis,
    VerslagStatus,
)
from .services import _sjabloon_kopieren, verslag_pdf_vastleggen

TZ = ZoneInfo("Europe/Amsterdam")
SWVS = ["PO3104", "PO3105", "PO3106"]

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


@dataclass(frozen=True)
class Rondedata:
    """The demo round's dates on `vandaag`: over the school year that ended last, opened
    at the start of the new one (at least six weeks ago), with the usual deadline of
    1 November or, when that is near or past, the next of 1 February, 1 May, 1 August or
    1 November at least two weeks ahead; the reports written in between."""

    vandaag: date

    @property
    def schooljaar(self) -> int:
        return schooljaar_van(self.vandaag) - 1

    @property
    def geopend(self) -> datetime:
        nu = self.schooljaar + 1
        return _tijd(min(date(nu, 9, 2), self.vandaag - timedelta(weeks=6)), time(9, 30))

    @property
    def deadline(self) -> date:
        nu = self.schooljaar + 1
        kandidaten = [date(nu, 11, 1), date(nu + 1, 2, 1), date(nu + 1, 5, 1),
                      date(nu + 1, 8, 1), date(nu + 1, 11, 1)]  # fmt: skip
        return next(d for d in kandidaten if d >= self.vandaag + timedelta(weeks=2))

    def moment(self, deel: float, uur: time) -> datetime:
        """A moment `deel` of the way from the opening to today."""
        geopend = self.geopend.date()
        return _tijd(geopend + (self.vandaag - geopend) * deel, uur)


def _tijd(dag: date, uur: time) -> datetime:
    return datetime.combine(dag, uur, tzinfo=TZ)


def laad(stdout=None) -> None:
    data = Rondedata(timezone.localdate())
    with transaction.atomic():
        ronde = _ronde(data)
        innovo = Verslag.objects.get(ronde=ronde, bestuur__nummer="41506")
        movare = Verslag.objects.get(ronde=ronde, bestuur__nummer="41516")
        _innovo(innovo, data)
        _movare(movare, data)
        _eerdere_sluiten(ronde)
    if stdout:
        stdout.write(
            f"  verantwoording {ronde.schooljaar_label}: {ronde.verslagen.count()} verslagen "
            "(INNOVO geaccepteerd, Movare concept)"
        )


def _ronde(data: Rondedata) -> Ronde:
    swvs = list(Samenwerkingsverband.objects.filter(code__in=SWVS).order_by("code"))
    medewerker = Gebruiker.objects.filter(username="medewerker").first()
    ronde = (
        Ronde.objects.filter(schooljaar=data.schooljaar, samenwerkingsverbanden__code="PO3104")
        .order_by("id")
        .first()
    )
    if ronde is None:
        ronde = Ronde.objects.create(
            schooljaar=data.schooljaar, deadline=data.deadline, aangemaakt_door=medewerker
        )
        ronde.samenwerkingsverbanden.set(swvs)
        _sjabloon_kopieren(bron=None, doel=ronde)
    besturen = list(selectors.besturen_in_swvs([s.id for s in swvs]))
    ronde.besturen.set(besturen)
    # The demo round is open (Movare can still write): created and opened through the
    # workflow (its timeline and audit events), from preparation, then backdated.
    RondeGebeurtenis.objects.filter(ronde=ronde).delete()
    Ronde.objects.filter(pk=ronde.pk).update(status=RondeStatus.VOORBEREIDING)
    ronde = Ronde.objects.get(pk=ronde.pk)
    workflow.aangemaakt(ronde, stappen.RONDE_AANMAKEN, door=medewerker)
    workflow.overgang(ronde, stappen.RONDE_OPENEN, door=medewerker, controleer=False)
    momenten = (data.geopend - timedelta(minutes=30), data.geopend)
    for rij, moment in zip(ronde.gebeurtenissen.order_by("id"), momenten, strict=True):
        rij.tijdstip = moment
        rij.save(update_fields=["tijdstip"])
    Ronde.objects.filter(pk=ronde.pk).update(
        deadline=data.deadline,
        aangemaakt_op=data.geopend - timedelta(minutes=30),
        geopend_op=data.geopend,
        gesloten_op=None,
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


def _innovo(verslag: Verslag, data: Rondedata) -> None:
    bestuur_gebruiker = Gebruiker.objects.filter(username="bestuur-innovo").first()
    medewerker = Gebruiker.objects.filter(username="medewerker").first()
    ingediend = data.moment(0.6, time(16, 12))
    geaccepteerd = data.moment(0.8, time(10, 5))
    jaar = data.schooljaar
    _inhoud_zetten(verslag, teksten=teksten(jaar), scores=SCORES, proces=proces(jaar), standen=True)
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
    # The two steps taken through the workflow (history rows and audit events as in real
    # use), from a concept; then backdated to the demo's moments.
    VerslagGebeurtenis.objects.filter(verslag=verslag).delete()
    Verslag.objects.filter(pk=verslag.pk).update(status=VerslagStatus.CONCEPT)
    verslag = Verslag.objects.get(pk=verslag.pk)
    workflow.overgang(verslag, stappen.VERSLAG_INDIENEN, door=bestuur_gebruiker, controleer=False)
    workflow.overgang(
        verslag,
        stappen.VERSLAG_ACCEPTEREN,
        door=medewerker,
        toelichting="Dank voor het heldere verslag.",
        controleer=False,
    )
    for rij, moment in zip(
        verslag.gebeurtenissen.order_by("id"), (ingediend, geaccepteerd), strict=True
    ):
        rij.tijdstip = moment
        rij.save(update_fields=["tijdstip"])
    Verslag.objects.filter(pk=verslag.pk).update(
        versie=3,
        bijgewerkt_op=ingediend,
        bijgewerkt_door=bestuur_gebruiker,
        ingediend_op=ingediend,
        beoordeeld_op=geaccepteerd,
        opmerking_swv="",
        kengetallen_bij_indienen=None,
    )
    # The accepted document as the SWV keeps it, made here as the background task would
    # (a demo load is no request; the page then offers the stored PDF at once).
    verslag_pdf_vastleggen(verslag_id=verslag.pk, status=VerslagStatus.GEACCEPTEERD)


def _movare(verslag: Verslag, data: Rondedata) -> None:
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
        bijgewerkt_op=data.moment(0.5, time(14, 40)),
        bijgewerkt_door=gebruiker,
        ingediend_op=None,
        beoordeeld_op=None,
        opmerking_swv="",
        kengetallen_bij_indienen=None,
    )


def _eerdere_sluiten(ronde: Ronde) -> None:
    """Rounds of the demo SWVs over earlier school years (left by a load on an earlier
    day) are closed: on their deadline if it has passed, else now."""
    nu = timezone.now()
    eerder = Ronde.objects.filter(
        samenwerkingsverbanden__code__in=SWVS, schooljaar__lt=ronde.schooljaar
    ).exclude(status=RondeStatus.GESLOTEN)
    for oud in eerder.distinct():
        Ronde.objects.filter(pk=oud.pk).update(
            status=RondeStatus.GESLOTEN, gesloten_op=min(_tijd(oud.deadline, time(17)), nu)
        )
