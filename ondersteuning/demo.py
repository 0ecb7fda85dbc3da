"""Demo ondersteuningsroute on the demo dossiers (leerlingen/demo.py), through the
services: in the SWV of the INNOVO demo school a loket meeting last week (afgerond) with
two decided vragen, in the SWV of the Movare demo dossier a meeting next week with one
vraag on its agenda, a submitted vraag in PO3104 (with a report attached) and a vraag in
concept at the INNOVO school. Arrangementen: in the INNOVO SWV a meeting five months ago granted two (one
running with its halfway evaluation held, one evaluated and ended); in the Movare SWV one
granted half a year ago, evaluated twice and extended by a new decision. Dates relative to
today. Loading again on the same day changes nothing; on a later day `wissen()` removes
the demo's vragen, meetings and arrangementen and `laad()` builds them anew around that
day, so the loket always shows an upcoming meeting and open vragen.
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from leerlingen.demo import DOSSIERS
from leerlingen.models import Leerling, leerling_sleutel
from swv.models import Gebruiker

from .models import (
    Arrangement,
    Besluit,
    Loketoverleg,
    Ondersteuningsvraag,
    Soort,
    VraagBijlage,
)
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


# A minimal valid PDF, the demo's attachment.
DEMO_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
VOLGENDE_WEEK = timedelta(days=7)  # the upcoming meeting (it dates the demo)


def _dossiers():
    return [_dossier(voornaam, achternaam) for voornaam, achternaam, *_ in DOSSIERS]


def _vandaag_gebouwd(dossiers) -> bool:
    ties = dossiers[1]
    return Loketoverleg.objects.filter(
        swv_id=ties.swv_id, datum=timezone.localdate() + VOLGENDE_WEEK, vragen__leerling=ties
    ).exists()


def _elders_gebruikt():
    """Filters for the vragen a record of another app points to (a placement rests on its
    decision): read from the models, so this app imports none of the apps above it.
    Those records' own demo removes them (and their vragen) first."""
    for rel in Ondersteuningsvraag._meta.related_objects:
        if rel.related_model._meta.app_label != Ondersteuningsvraag._meta.app_label:
            yield rel.related_model.objects.filter(**{rel.field.name: OuterRef("pk")})


@transaction.atomic
def wissen() -> None:
    """Before a reload on another day: the demo dossiers' vragen (but those another app's
    records still rest on), their arrangementen (extensions first) and the meetings
    that are left without vragen."""
    dossiers = _dossiers()
    if None in dossiers or _vandaag_gebouwd(dossiers):
        return
    arrangementen = Arrangement.objects.filter(leerling__in=dossiers)
    for _ronde in range(10):  # an extension protects the one it extends: last ones first
        if not arrangementen.exists():
            break
        arrangementen.filter(verlenging__isnull=True).delete()
    vragen = Ondersteuningsvraag.objects.filter(leerling__in=dossiers)
    for elders in _elders_gebruikt():
        vragen = vragen.filter(~Exists(elders))
    overleggen = set(vragen.exclude(overleg=None).values_list("overleg_id", flat=True))
    for bijlage in VraagBijlage.objects.filter(vraag__in=vragen):
        bijlage.bestand.delete(save=False)
    vragen.delete()
    Loketoverleg.objects.filter(pk__in=overleggen, vragen__isnull=True).delete()


@transaction.atomic
def laad(stdout=None) -> None:
    dossiers = _dossiers()
    if None in dossiers:
        return
    if not _vandaag_gebouwd(dossiers):
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
        gebruiker=medewerker, swv=ties.swv, datum=vandaag + VOLGENDE_WEEK,
        deelnemers=[medewerker, tb],
    )  # fmt: skip
    obj = _vraag(tb, ties, Soort.ARRANGEMENT, "Extra begeleiding 4 uur per week, half jaar.")
    v.vraag_agenderen(gebruiker=medewerker, vraag=obj, overleg=volgende, versie=obj.versie)

    # Submitted, waiting for a meeting (with a report attached); and one in concept.
    obj = _vraag(tb, lina, Soort.TLV, "Verkennen of een TLV SBO passend is.")
    v.vraag_bijlage_toevoegen(gebruiker=tb, vraag=obj, bestand=ContentFile(
        DEMO_PDF, name="Verslag observatie (demo).pdf"))  # fmt: skip
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
