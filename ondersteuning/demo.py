"""Demo ondersteuningsroute on the demo dossiers (leerlingen/demo.py), through the
services: in the SWV of the INNOVO demo school a loket meeting last week (afgerond) with
two decided vragen, in the SWV of the Movare demo dossier a meeting next week with one
vraag on its agenda, a submitted vraag in PO3104 and a vraag in concept at the INNOVO
school. Dates relative to today; idempotent (nothing is added once the demo vragen exist).
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from leerlingen.demo import DOSSIERS
from leerlingen.models import Leerling, leerling_sleutel
from swv.models import Gebruiker

from .models import Besluit, Ondersteuningsvraag, Soort
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
    if None in dossiers or Ondersteuningsvraag.objects.filter(leerling__in=dossiers).exists():
        return
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
