"""Demo voorzieningen and placements, through the services. In each of the three
Zuid-Limburg SWVs a few voorzieningen (kantelklas, startklas, observatiegroep, plusklas,
onderwijszorgarrangement, residentieel, voorschools); for each demo dossier a toegekende
vraag om een plaats in een voorziening, decided on a loket meeting three days ago; then
two voorzieningen with a waiting list (Noor and Ties) and Lina placed. Some doelgroepen
have no voorziening on purpose: the dekkend netwerk shows them as gaps. The register is
built once; the decisions and placements move with the day: loading again on the same day
changes nothing, on a later day `wissen()` removes them and `laad()` builds them anew
around that day (so there is always a waiting list). Lina's MDO is the knooppunt demo's
overleg turned into an MDO (loaded before this one): the rule "plaatsen alleen via het
MDO" lets her take a seat; Noor and Ties wait."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from leerlingen.demo import DOSSIERS
from leerlingen.models import Leerling, leerling_sleutel
from ondersteuning.models import Besluit, Loketoverleg, Ondersteuningsvraag
from ondersteuning.models import Soort as VraagSoort
from ondersteuning.services import loket
from ondersteuning.services import vraag as v
from swv.models import Gebruiker, School

from .models import Doelgroep, Plaatsing, Soort, Voorziening
from .services.plaatsing import plaatsing_aanmaken
from .services.voorziening import voorziening_aanmaken

# (name, soort, doelgroep, capacity, gemeente share %, at a school?)
AANBOD = [
    ("Kantelklas", Soort.KANTELKLAS, Doelgroep.GEDRAG, 8, 25, True),
    ("Startklas", Soort.STARTKLAS, Doelgroep.JONG_RISICO, 10, 0, True),
    ("Observatiegroep", Soort.OBSERVATIEGROEP, Doelgroep.LEREN, 6, 0, True),
    ("Plusklas", Soort.PLUSKLAS, Doelgroep.HOOGBEGAAFD, 12, 0, True),
    ("Onderwijszorgarrangement", Soort.ONDERWIJSZORG, Doelgroep.PSYCHIATRISCH, 6, 50, True),
    ("Residentiële onderwijsplek", Soort.RESIDENTIEEL, Doelgroep.MEERVOUDIG, 4, 60, False),
    ("Voorschoolse groep MKD", Soort.VOORSCHOOLS, Doelgroep.ONDERINSTROOM, 8, 75, False),
]


def _dossier(voornaam, achternaam):
    return (
        Leerling.objects.filter(leerling_sleutel=leerling_sleutel(voornaam, achternaam))
        .order_by("pk")
        .first()
    )


def _toegekend(medewerker, door, leerling, overleg):
    toestemming = leerling.toestemmingen.filter(ingetrokken_op__isnull=True).first()
    obj = v.vraag_aanmaken(
        gebruiker=door, leerling=leerling, soort=VraagSoort.VOORZIENING,
        vraag="Plaats in een voorziening (demo).",
        niveaus_1_4="Niveau 1-4 benut; MDO (knooppunt toeleiding) gehouden.",
        zienswijze_ouders="Ouders stemmen in met de plaatsing.", toestemming=toestemming,
    )  # fmt: skip
    obj = v.vraag_indienen(gebruiker=door, vraag=obj, versie=obj.versie)
    obj = v.vraag_agenderen(gebruiker=medewerker, vraag=obj, overleg=overleg, versie=obj.versie)
    return obj


BESLUIT_GELEDEN = timedelta(days=3)  # the meeting that decided the places (dates the demo)


def _dossiers():
    return [_dossier(voornaam, achternaam) for voornaam, achternaam, *_ in DOSSIERS]


def _vandaag_gebouwd(dossiers) -> bool:
    return Plaatsing.objects.filter(
        leerling__in=dossiers,
        besluit__overleg__datum=timezone.localdate() - BESLUIT_GELEDEN,
    ).exists()


@transaction.atomic
def wissen() -> None:
    """Before a reload on another day: the demo dossiers' placements, the decisions they
    rest on and those decisions' meetings (the register itself stays)."""
    dossiers = _dossiers()
    if None in dossiers or _vandaag_gebouwd(dossiers):
        return
    plaatsingen = Plaatsing.objects.filter(leerling__in=dossiers)
    vragen = set(plaatsingen.values_list("besluit_id", flat=True))
    overleggen = set(
        Ondersteuningsvraag.objects.filter(pk__in=vragen).values_list("overleg_id", flat=True)
    )
    plaatsingen.delete()
    Ondersteuningsvraag.objects.filter(pk__in=vragen).delete()
    Loketoverleg.objects.filter(pk__in=overleggen, vragen__isnull=True).delete()


@transaction.atomic
def laad(stdout=None) -> None:
    dossiers = _dossiers()
    if None in dossiers:
        return
    medewerker = Gebruiker.objects.get(username="medewerker")
    tb = Gebruiker.objects.get(username="trajectbegeleider")
    vandaag = timezone.localdate()
    swvs = medewerker.samenwerkingsverbanden.filter(code__in=["PO3104", "PO3105", "PO3106"])
    if Voorziening.objects.exists():
        if _vandaag_gebouwd(dossiers):
            return
        per_swv = {
            swv.pk: list(Voorziening.objects.filter(swv=swv).order_by("pk"))
            for swv in swvs.order_by("code")
        }
        _plaatsingen(dossiers, per_swv, medewerker, tb, vandaag, stdout)
        return
    per_swv = {}
    for i, swv in enumerate(swvs.order_by("code")):
        scholen = list(School.objects.filter(swv=swv, soort="BAO").order_by("vestigingscode")[:7])
        # Each SWV offers part of the range: the rest are the gaps of its dekkend netwerk.
        aanbod = (AANBOD, AANBOD[1:], AANBOD[:4])[i % 3]
        lijst = []
        for k, (naam, soort, doelgroep, capaciteit, aandeel, op_school) in enumerate(aanbod):
            school = scholen[k % len(scholen)] if op_school and scholen else None
            lijst.append(voorziening_aanmaken(
                gebruiker=medewerker, swv=swv, naam=f"{naam} {swv.code}", soort=soort,
                doelgroep=doelgroep, capaciteit=capaciteit, gemeente_aandeel=aandeel,
                gastschool=school,
                gemeente=None if school else swv.gemeenten.order_by("naam").first(),
                regio="" if school else (swv.naam or swv.code),
            ))  # fmt: skip
        per_swv[swv.pk] = lijst
    _plaatsingen(dossiers, per_swv, medewerker, tb, vandaag, stdout)


def _plaatsingen(dossiers, per_swv, medewerker, tb, vandaag, stdout) -> None:
    # The decisions: one toegekende vraag per dossier, on a meeting three days ago.
    besluiten = []
    for leerling in dossiers:
        overleg = loket.loketoverleg_plannen(
            gebruiker=medewerker, swv=leerling.swv, datum=vandaag - BESLUIT_GELEDEN,
            deelnemers=[medewerker, tb],
        )  # fmt: skip
        vraag = _toegekend(medewerker, tb, leerling, overleg)
        overleg = loket.loketoverleg_houden(gebruiker=medewerker, overleg=overleg,
                                            versie=overleg.versie)  # fmt: skip
        vraag = v.vraag_besluiten(
            gebruiker=medewerker, vraag=vraag, overleg=overleg, versie=vraag.versie,
            besluit=Besluit.TOEGEKEND, reden="Het MDO adviseert plaatsing in een voorziening.",
        )  # fmt: skip
        overleg.refresh_from_db()
        loket.loketoverleg_afronden(
            gebruiker=medewerker, overleg=overleg, versie=overleg.versie, berichten=False
        )
        besluiten.append(vraag)
    noor, ties, lina = besluiten
    # Two voorzieningen with a waiting list, one pupil placed.
    plaatsing_aanmaken(gebruiker=medewerker, voorziening=per_swv[noor.swv_id][0], besluit=noor)
    plaatsing_aanmaken(gebruiker=medewerker, voorziening=per_swv[ties.swv_id][1], besluit=ties)
    plaatsing_aanmaken(gebruiker=medewerker, voorziening=per_swv[lina.swv_id][0], besluit=lina,
                       direct_plaatsen=True, startdatum=vandaag)  # fmt: skip
    if stdout:
        aantal = sum(len(x) for x in per_swv.values())
        stdout.write(f"  {aantal} voorzieningen, 3 plaatsingen (2 op een wachtlijst)")
