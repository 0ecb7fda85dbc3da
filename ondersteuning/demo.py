"""Demo ondersteuningsroute on the demo dossiers (leerlingen/demo.py), through the
services: in the SWV of the INNOVO demo school a loket meeting last week (afgerond) with
two decided vragen, in the SWV of the Movare demo dossier a meeting next week with one
vraag on its agenda, a submitted vraag in PO3104 and a vraag in concept at the INNOVO
school. Arrangementen: in the INNOVO SWV a meeting five months ago granted two (one
running with its halfway evaluation held, one evaluated and ended); in the Movare SWV one
granted half a year ago, evaluated twice and extended by a new decision. Dates relative to
today; idempotent (nothing is added once the demo vragen, or arrangementen, exist).
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from leerlingen.demo import DOSSIERS
from leerlingen.models import Leerling, leerling_sleutel
from swv.models import Gebruiker

from .models import Arrangement, Besluit, Ondersteuningsvraag, Soort
from .services import arrangement as a
from .services import loket
from .services import vraag as v


def _dossier(voornaam, achternaam):
    return (
        Leerling.objects.filter(leerling_sleutel=leerling_sleutel(voornaam, achternaam))
        .order_by("pk")
        .first()
    )


def _vraag(door, leerling, soort, tekst, *, indienen=True):
    toestemming = leerling.toestemmingen.filter(ingetrokken_op__isnull=True).first()
    obj = v.vraag_aanmaken(
        gebruiker=door, leerling=leerling, soort=soort, vraag=tekst,
        niveaus_1_4="Basisondersteuning en extra begeleiding in de groep; handelingsplan "
        "geëvalueerd met de orthopedagoog van het bestuur.",
        zienswijze_ouders="Ouders herkennen het beeld en willen graag extra ondersteuning.",
        toestemming=toestemming,
    )  # fmt: skip
    if indienen:
        obj = v.vraag_indienen(gebruiker=door, vraag=obj, versie=obj.versie)
    return obj


@transaction.atomic
def laad(stdout=None) -> None:
    dossiers = [_dossier(voornaam, achternaam) for voornaam, achternaam, *_ in DOSSIERS]
    if None in dossiers:
        return
    if not Ondersteuningsvraag.objects.filter(leerling__in=dossiers).exists():
        _vragen(dossiers, stdout)
    if not Arrangement.objects.filter(leerling__in=dossiers).exists():
        _arrangementen(dossiers, stdout)


def _vragen(dossiers, stdout) -> None:
    noor, ties, lina = dossiers
    medewerker = Gebruiker.objects.get(username="medewerker")
    tb = Gebruiker.objects.get(username="trajectbegeleider")
    ib = Gebruiker.objects.get(username="ib-innovo")
    vandaag = timezone.localdate()

    # Last week: held, both vragen decided, closed (the school was told).
    vorige = loket.loketoverleg_plannen(
        gebruiker=medewerker, swv=noor.swv, datum=vandaag - timedelta(days=7),
        deelnemers=[medewerker, tb], gasten="Schoolmaatschappelijk werk (demo)",
    )  # fmt: skip
    for soort in (Soort.ADVIES, Soort.ONDERZOEK):
        obj = _vraag(ib, noor, soort, "Hoe sluiten we beter aan bij de leerbehoefte?")
        obj = v.vraag_agenderen(gebruiker=medewerker, vraag=obj, overleg=vorige, versie=obj.versie)
        vorige.refresh_from_db()
    vorige = loket.loketoverleg_houden(gebruiker=medewerker, overleg=vorige, versie=vorige.versie)
    for obj, (besluit, reden) in zip(
        vorige.vragen.order_by("pk"),
        [
            (Besluit.TOEGEKEND, "Consultatie door de orthopedagoog van het SWV."),
            (Besluit.AFGEWEZEN, "Eerst de afspraken uit de consultatie uitvoeren."),
        ],
        strict=True,
    ):
        v.vraag_besluiten(gebruiker=medewerker, vraag=obj, overleg=vorige, versie=obj.versie,
                          besluit=besluit, reden=reden)  # fmt: skip
    loket.loketoverleg_afronden(
        gebruiker=medewerker, overleg=vorige, versie=vorige.versie, berichten=False
    )

    # Next week: one vraag on the agenda.
    volgende = loket.loketoverleg_plannen(
        gebruiker=medewerker, swv=ties.swv, datum=vandaag + timedelta(days=7),
        deelnemers=[medewerker, tb],
    )  # fmt: skip
    obj = _vraag(tb, ties, Soort.ARRANGEMENT, "Extra begeleiding 4 uur per week, half jaar.")
    v.vraag_agenderen(gebruiker=medewerker, vraag=obj, overleg=volgende, versie=obj.versie)

    # Submitted, waiting for a meeting; and one in concept.
    _vraag(tb, lina, Soort.TLV, "Verkennen of een TLV SBO passend is.")
    _vraag(ib, noor, Soort.VOORZIENING, "Plaats in de kantelklas?", indienen=False)
    if stdout:
        stdout.write("  5 ondersteuningsvragen, 2 loketoverleggen")


def _geagendeerd(medewerker, door, leerling, overleg, tekst):
    """A vraag of soort arrangement, filed and put on `overleg`."""
    obj = _vraag(door, leerling, Soort.ARRANGEMENT, tekst)
    obj = v.vraag_agenderen(gebruiker=medewerker, vraag=obj, overleg=overleg, versie=obj.versie)
    return obj


def _besluiten(medewerker, overleg, gegevens_per_vraag):
    overleg.refresh_from_db()
    overleg = loket.loketoverleg_houden(gebruiker=medewerker, overleg=overleg,
                                        versie=overleg.versie)  # fmt: skip
    arrangementen = []
    for obj, gegevens in gegevens_per_vraag:
        obj.refresh_from_db()
        v.vraag_besluiten(gebruiker=medewerker, vraag=obj, overleg=overleg, versie=obj.versie,
                          besluit=Besluit.TOEGEKEND, reden="Past bij de ondersteuningsbehoefte.",
                          arrangement=gegevens)  # fmt: skip
        arrangementen.append(obj.arrangementen.get())
    overleg.refresh_from_db()
    loket.loketoverleg_afronden(gebruiker=medewerker, overleg=overleg, versie=overleg.versie,
                                berichten=False)  # fmt: skip
    # Demo only: decided on the day of that (past) meeting, not on the day the demo loads.
    Ondersteuningsvraag.objects.filter(overleg=overleg).update(besloten_op=overleg.datum)
    Arrangement.objects.filter(vraag__overleg=overleg).update(besloten_op=overleg.datum)
    return arrangementen


def _evalueer(door, arr, gehouden_op, doelen, vervolg, toelichting):
    arr.refresh_from_db()
    moment = arr.evaluaties.filter(gehouden_op__isnull=True).order_by("gepland_op").first()
    a.arrangement_evalueren(gebruiker=door, arrangement=arr, versie=arr.versie, moment=moment,
                            gehouden_op=gehouden_op, doelen=doelen, vervolg=vervolg,
                            toelichting=toelichting)  # fmt: skip


def _arrangementen(dossiers, stdout) -> None:
    noor, ties, _lina = dossiers
    medewerker = Gebruiker.objects.get(username="medewerker")
    tb = Gebruiker.objects.get(username="trajectbegeleider")
    ib = Gebruiker.objects.get(username="ib-innovo")
    vandaag = timezone.localdate()
    dag = timedelta(days=1)

    # INNOVO: two arrangementen from a meeting five months ago.
    overleg = loket.loketoverleg_plannen(gebruiker=medewerker, swv=noor.swv,
                                         datum=vandaag - 150 * dag, deelnemers=[medewerker, tb])  # fmt: skip
    uren = _geagendeerd(medewerker, ib, noor, overleg, "Extra begeleiding rekenen.")
    budget = _geagendeerd(medewerker, ib, noor, overleg, "Middelen voor een prikkelarme plek.")
    lopend, beeindigd = _besluiten(medewerker, overleg, [
        (uren, {"doelen": "Noor rekent op niveau 4 en werkt 20 minuten zelfstandig.",
                "uren_per_week": 3, "budget": None, "startdatum": vandaag - 140 * dag,
                "einddatum": vandaag + 40 * dag, "school": noor.school}),
        (budget, {"doelen": "Een vaste prikkelarme werkplek in de groep.",
                  "uren_per_week": None, "budget": 2400, "startdatum": vandaag - 140 * dag,
                  "einddatum": vandaag + 60 * dag, "school": noor.school}),
    ])  # fmt: skip
    _evalueer(ib, lopend, vandaag - 48 * dag, "deels", "voortzetten",
              "Rekenen gaat vooruit; zelfstandig werken nog lastig.")  # fmt: skip
    _evalueer(ib, beeindigd, vandaag - 25 * dag, "behaald", "stoppen",
              "De werkplek is ingericht en wordt goed gebruikt.")  # fmt: skip
    beeindigd.refresh_from_db()
    a.arrangement_beeindigen(gebruiker=medewerker, arrangement=beeindigd,
                             versie=beeindigd.versie, einddatum=vandaag - 20 * dag,
                             reden="Doelen behaald; de school zet het zelf voort.")  # fmt: skip

    # Movare: granted half a year ago, evaluated twice, extended by a new decision.
    overleg = loket.loketoverleg_plannen(gebruiker=medewerker, swv=ties.swv,
                                         datum=vandaag - 200 * dag, deelnemers=[medewerker, tb])  # fmt: skip
    vraag = _geagendeerd(medewerker, tb, ties, overleg, "Begeleiding bij gedrag, 4 uur.")
    (eerste,) = _besluiten(medewerker, overleg, [
        (vraag, {"doelen": "Ties herkent spanning en vraagt zelf om een time-out.",
                 "uren_per_week": 4, "budget": None, "startdatum": vandaag - 190 * dag,
                 "einddatum": vandaag - 7 * dag, "school": ties.school}),
    ])  # fmt: skip
    _evalueer(tb, eerste, vandaag - 100 * dag, "deels", "voortzetten", "Minder incidenten.")
    _evalueer(tb, eerste, vandaag - 9 * dag, "deels", "voortzetten",
              "Goede vooruitgang; nog een half jaar, afbouwend.")  # fmt: skip
    eerste.refresh_from_db()
    a.arrangement_verlengen(
        gebruiker=medewerker, arrangement=eerste, versie=eerste.versie,
        reden="Evaluatie: doelen deels behaald, afbouwend voortzetten.",
        gegevens={"doelen": eerste.doelen, "uren_per_week": 2, "budget": None,
                  "startdatum": vandaag - 6 * dag, "einddatum": vandaag + 120 * dag,
                  "school": ties.school},
    )  # fmt: skip
    if stdout:
        stdout.write("  4 arrangementen (lopend, beëindigd, verlengd), 2 loketoverleggen")
