"""Demo knooppunten at the schools of the demo dossiers (leerlingen/demo.py), through the
services: at the INNOVO demo school the six kernpartners, last school year's evaluation
(this year's still to do), a held overleg about Noor and one planned for next week; at
the Movare demo school partners, this year's evaluation and a held overleg about Ties; at
the same school (the demo's Movare school is in PO3104, as is Lina's) an overleg about
Lina that the trajectbegeleider turned into an MDO (a TLV aanvraag in concept). Dates relative to today; idempotent."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from leerlingen.demo import DOSSIERS
from leerlingen.models import Leerling, leerling_sleutel
from swv.models import Gebruiker
from swv.schooljaar import huidig_schooljaar

from .models import Knooppunt, Knooppuntoverleg, PartnerRol
from .services import knooppunt as kp
from .services import overleg as ov

PARTNERS = [
    (PartnerRol.OUDERS, "Ouders van de besproken leerling", ""),
    (PartnerRol.SCHOOL, "Intern begeleider", "de school"),
    (PartnerRol.SMW, "M. Janssen (demo)", "Schoolmaatschappelijk werk Parkstad"),
    (PartnerRol.LEERPLICHT, "R. Hermans (demo)", "Bureau Leerplicht"),
    (PartnerRol.TOEGANG, "S. Peeters (demo)", "Gemeentelijke toegang (wijkteam)"),
    (PartnerRol.JGZ, "Dr. L. Vos (demo)", "GGD Zuid Limburg, JGZ"),
]


def _dossier(voornaam, achternaam):
    return (
        Leerling.objects.filter(leerling_sleutel=leerling_sleutel(voornaam, achternaam))
        .order_by("pk")
        .first()
    )


def _verslag(beeld, onderwijs, gemeente="", zorg="", *, regie=PartnerRol.SCHOOL, volgende):
    return {
        "rollen_aanwezig": [r for r, *_ in PARTNERS],
        "deelnemers": "Intern begeleider; schoolmaatschappelijk werker; jeugdarts; ouders",
        "integraal_beeld": beeld,
        "interventies_onderwijs": onderwijs,
        "interventies_gemeente": gemeente,
        "interventies_zorg": zorg,
        "regie_rol": regie,
        "regie_naam": "",
        "volgende_evaluatie": volgende,
    }


def _gehouden(door, knooppunt, leerling, datum, verslag):
    obj = ov.overleg_plannen(gebruiker=door, knooppunt=knooppunt, leerling=leerling,
                             datum=datum, gegevens=verslag)  # fmt: skip
    return ov.overleg_houden(gebruiker=door, overleg=obj, versie=obj.versie)


MDO_GELEDEN = timedelta(days=3)  # the overleg turned into an MDO (it dates the demo)


def wissen() -> None:
    """Before a reload (`load_demo` runs every app's wissen() in reverse order, then every
    laad()): the demo schools' knooppunten with all that is on them, and the TLV concept
    an overleg was turned into, so the demo moves with the day and the TLV demo may
    rebuild its own cases."""
    from toelaatbaarheid.demo import DEMO_TEKST
    from toelaatbaarheid.models import Aanvraag

    scholen = [d.school_id for d in (_dossier(v, a) for v, a, *_ in DOSSIERS) if d is not None]
    knooppunten = Knooppunt.objects.filter(school_id__in=scholen)
    overleggen = Knooppuntoverleg.objects.filter(knooppunt__in=knooppunten)
    if overleggen.filter(status="naar_mdo", datum=timezone.localdate() - MDO_GELEDEN).exists():
        return  # built today: loading again gives the same data
    mdo = list(overleggen.exclude(aanvraag=None).values_list("aanvraag_id", flat=True))
    overleggen.delete()
    Aanvraag.objects.filter(pk__in=mdo, status="concept").exclude(
        ondersteuningsbehoeften__endswith=DEMO_TEKST
    ).delete()
    knooppunten.delete()


@transaction.atomic
def laad(stdout=None) -> None:
    dossiers = [_dossier(voornaam, achternaam) for voornaam, achternaam, *_ in DOSSIERS]
    if None in dossiers or Knooppunt.objects.filter(school=dossiers[0].school).exists():
        return
    noor, ties, lina = dossiers
    tb = Gebruiker.objects.get(username="trajectbegeleider")
    ib = Gebruiker.objects.get(username="ib-innovo")
    vandaag = timezone.localdate()
    jaar = huidig_schooljaar()

    knooppunten = {}
    for leerling, door in ((noor, ib), (ties, tb), (lina, tb)):
        if leerling.school_id in knooppunten:
            continue  # two demo pupils may share a school
        obj = kp.knooppunt_inrichten(
            gebruiker=door, school=leerling.school,
            werkwijze="Zes keer per schooljaar, op een vaste dinsdagochtend; ouders zijn er "
            "altijd bij. Tussentijds op verzoek van een kernpartner.",
        )  # fmt: skip
        for rol, naam, organisatie in PARTNERS:
            kp.kernpartner_toevoegen(gebruiker=door, knooppunt=obj, rol=rol, naam=naam,
                                     organisatie=organisatie)  # fmt: skip
        knooppunten[leerling.school_id] = obj

    # INNOVO: a held overleg three weeks ago, the follow-up next week.
    _gehouden(ib, knooppunten[noor.school_id], noor, vandaag - timedelta(days=21), _verslag(
        "Noor is thuis en op school snel overprikkeld; de ouders zoeken opvoedsteun.",
        "Prikkelarme werkplek en een vast dagritme in de groep.",
        "Opvoedondersteuning via het wijkteam.",
        volgende=vandaag + timedelta(days=7),
    ))  # fmt: skip
    ov.overleg_plannen(gebruiker=ib, knooppunt=knooppunten[noor.school_id], leerling=noor,
                       datum=vandaag + timedelta(days=7))  # fmt: skip
    kp.evaluatie_vastleggen(
        gebruiker=ib, knooppunt=knooppunten[noor.school_id], schooljaar=jaar - 1,
        datum=vandaag - timedelta(days=120),
        gegevens={"aantal_overleggen": 6, "aantal_leerlingen": 9, "aantal_doorverwijzingen": 1,
                  "tevredenheid_partners": 7, "tevredenheid_ouders": 8, "werkafspraken": True,
                  "mandaat": False, "privacyproof": True, "toestemming_bij_inschrijving": True,
                  "conclusies": "Korte lijnen met het wijkteam werken goed.",
                  "verbeterpunten": "Vervangers zonder mandaat: vaste plaatsvervangers afspreken."},
    )  # fmt: skip

    # Movare: held overleg, this year's evaluation (counts from the overleggen).
    _gehouden(tb, knooppunten[ties.school_id], ties, vandaag - timedelta(days=10), _verslag(
        "Ties verzuimt geregeld; thuis speelt een scheiding.",
        "Maatwerkrooster en een vaste mentor.",
        "Leerplicht in gesprek met ouders; gezinscoach via de toegang.",
        regie=PartnerRol.TOEGANG, volgende=vandaag + timedelta(days=42),
    ))  # fmt: skip
    kp.evaluatie_vastleggen(
        gebruiker=tb, knooppunt=knooppunten[ties.school_id], schooljaar=jaar, datum=vandaag,
        gegevens={"tevredenheid_partners": 8, "werkafspraken": True, "mandaat": True,
                  "conclusies": "Het knooppunt is onderdeel van de ondersteuningsstructuur."},
    )  # fmt: skip

    # PO3104: held, then turned into an MDO by the trajectbegeleider.
    overleg = _gehouden(tb, knooppunten[lina.school_id], lina, vandaag - MDO_GELEDEN, _verslag(
        "Lina heeft een forse ontwikkelingsachterstand; de ondersteuning van niveau 1-4 is "
        "uitgeput.",
        "Arrangement met extra handen in de groep, een half jaar uitgevoerd en geëvalueerd.",
        zorg="Onderzoek door de jeugdarts; logopedie.",
        regie=PartnerRol.TRAJECTBEGELEIDER, volgende=vandaag + timedelta(days=28),
    ))  # fmt: skip
    ov.overleg_naar_mdo(gebruiker=tb, overleg=overleg, versie=overleg.versie, soort="SBO")
    if stdout:
        stdout.write(
            f"  {len(knooppunten)} knooppunten, 4 knooppuntoverleggen (1 omgezet naar MDO)"
        )
