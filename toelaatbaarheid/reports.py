"""View-models for the TLV pages and documents: the case page, the kengetallen page and
its download, the beschikking, the letter to the parents and the LBT dossier.

The documents show the same data the case page shows; the beschikking's PDF is rendered
once when it is issued and stored (what was sent is what we keep).
"""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from swv.exports import Export, Kolom, veld
from swv.pdf import render_pdf
from swv.schooljaar import huidig_schooljaar
from swv.selectors import samenwerkingsverbanden_voor

from . import kengetallen, selectors, stappen
from . import termijnen as t
from .models import (
    Aanvraag,
    Beschikking,
    Besluit,
    Bezwaar,
    BezwaarBeslissing,
    Categorie,
    Soort,
    Status,
)

# The case page ------------------------------------------------------------------------

# What the case page asks per step of the step table: the permissions on the case itself
# (creating one has no case yet; an advies is asked on the advies, below).
PERMS = sorted(
    {
        stap.permissie.split(".", 1)[1]
        for stap in stappen.STAPPEN
        if stap not in (stappen.AANMAKEN, stappen.ADVIES, stappen.ADVIEZEN_COMPLEET)
    }
)


def zaakpagina(user, zaak: Aanvraag) -> dict:
    """The case page without its forms: what the user may do (`mag`, per permission of
    the step table), the parts of the case, its running terms. Reads only what
    `selectors.aanvraag_detail` prefetched, plus the holidays and the SWV's settings."""
    mag = {p: user.has_perm(f"toelaatbaarheid.{p}", zaak) for p in PERMS}
    adviezen = list(zaak.adviezen.all())
    eigen_adviezen = [a for a in adviezen if user.has_perm(stappen.ADVIES.permissie, a)]
    mag[stappen.ADVIES.permissie.split(".", 1)[1]] = bool(eigen_adviezen)
    termijnen = selectors.termijnen_van(
        zaak,
        gelijkgesteld=t.gelijkgestelde_dagen(),
        instellingen=selectors.instellingen_voor(zaak.swv_id),
    )
    vandaag = timezone.localdate()
    beslis = next(
        (x for x in termijnen if x.omschrijving.startswith("Beslistermijn aanvraag")), None
    )
    bezwaren = list(zaak.bezwaren.all())
    terug = getattr(zaak, "terugplaatsing", None)
    return {
        "zaak": zaak,
        "mag": mag,
        "adviezen": adviezen,
        "eigen_adviezen": eigen_adviezen,
        "beschikkingen": list(zaak.beschikkingen.all()),
        "bezwaren": bezwaren,
        "open_bezwaar": next((b for b in bezwaren if b.open), None),
        "historie": list(zaak.historie.all()),
        "bijlagen": list(zaak.bijlagen.all()),
        "herbeoordelingen": list(zaak.herbeoordelingen.all()),
        "ontbrekend": selectors.ontbrekend(zaak) if zaak.status == Status.CONCEPT else [],
        "termijnen": termijnen,
        "volgende_termijn": termijnen[0] if termijnen else None,
        "vandaag": vandaag,
        "dwangsom_risico": beslis is not None and beslis.te_laat(vandaag),
        "dwangsom_max": t.dwangsom(date(2000, 1, 1), date(2001, 1, 1)),
        "eensgezind": selectors.adviezen_eensgezind(zaak),
        "mdo": getattr(zaak, "mdo", None),
        "terugplaatsing": terug,
        "nazorgmomenten": list(terug.nazorgmomenten.all()) if terug else [],
    }


# Documents ----------------------------------------------------------------------------


def _rechtsmiddelen(besch: Beschikking) -> dict:
    swv = besch.swv
    return {
        "formele_naam": swv.formele_naam or swv.naam or swv.code,
        "postadres": swv.postadres,
        "email": swv.email,
        "bezwaar_uiterlijk": t.bezwaartermijn_einde(
            besch.verzonden_op, gelijkgesteld=t.gelijkgestelde_dagen()
        ),
    }


def beschikking_context(besch: Beschikking) -> dict:
    zaak: Aanvraag = besch.aanvraag
    adviezen = [a for a in zaak.adviezen.select_related("deskundige__gebruiker") if a.gegeven]
    return {
        "b": besch,
        "zaak": zaak,
        "swv": besch.swv,
        "toegekend": besch.besluit == Besluit.TOEGEKEND,
        "adviezen": adviezen,
        "mdo": getattr(zaak, "mdo", None),
        "rm": _rechtsmiddelen(besch),
        "titel": _("Beschikking toelaatbaarheidsverklaring %(n)s") % {"n": besch.nummer},
    }


def beschikking_pdf(besch: Beschikking) -> bytes:
    return render_pdf("toelaatbaarheid/pdf/beschikking.html", beschikking_context(besch))


def brief_pdf(besch: Beschikking) -> bytes:
    ctx = beschikking_context(besch)
    ctx["titel"] = _("Brief aan de ouders bij beschikking %(n)s") % {"n": besch.nummer}
    return render_pdf("toelaatbaarheid/pdf/brief_ouders.html", ctx)


def lbt_dossier_context(bezwaar: Bezwaar) -> dict:
    zaak = bezwaar.aanvraag
    besch = bezwaar.beschikking
    return {
        "bezwaar": bezwaar,
        "zaak": zaak,
        "b": besch,
        "swv": zaak.swv,
        "adviezen": [a for a in zaak.adviezen.select_related("deskundige__gebruiker") if a.gegeven],
        "mdo": getattr(zaak, "mdo", None),
        "bijlagen": list(zaak.bijlagen.all()),
        "historie": list(zaak.historie.select_related("door")),
        "uiterlijk_lbt": t.lbt_doorsturen_uiterlijk(
            bezwaar.ontvangen_op, gelijkgesteld=t.gelijkgestelde_dagen()
        ),
        "titel": _("Dossier voor de LBT bij bezwaar tegen %(n)s") % {"n": besch.nummer},
    }


def lbt_dossier_pdf(bezwaar: Bezwaar) -> bytes:
    return render_pdf("toelaatbaarheid/pdf/lbt_dossier.html", lbt_dossier_context(bezwaar))


# Kengetallen --------------------------------------------------------------------------

KENGETAL_KOLOMMEN = [
    ("aanvragen", "Aanvragen"),
    ("toegekend_sbo", "Toegekend SBO"),
    ("toegekend_so", "Toegekend SO"),
    ("afgewezen", "Afgewezen"),
    ("bezwaren", "Bezwaren"),
    ("terugplaatsingen", "Terugplaatsingen"),
]


def kengetallen_overzicht(user, *, schooljaar: int, swv_id: int | None = None) -> dict:
    """The kengetallen page of one school year for the SWVs the user acts in (only the
    one of `swv_id` when given): per SWV, bestuur and school, per kind and category, and
    the outcomes of bezwaren."""
    keuze = samenwerkingsverbanden_voor(user).order_by("code")
    swvs = list(keuze if swv_id is None else keuze.filter(pk=swv_id))
    ids = [s.pk for s in swvs]
    per_swv = kengetallen.swv_kengetallen(schooljaar=schooljaar, swv_ids=ids)
    per_bestuur = kengetallen.per_bestuur_in_swvs(schooljaar=schooljaar, swv_ids=ids)
    per_school = kengetallen.per_school_in_swvs(schooljaar=schooljaar, swv_ids=ids)
    per_soort = kengetallen.per_categorie(schooljaar=schooljaar, swv_ids=ids)
    for rij in per_soort:
        rij["besluit_label"] = Besluit(rij["besluit"]).label
        rij["soort_label"] = Soort(rij["soort"]).label
        rij["categorie_label"] = Categorie(rij["categorie"]).label if rij["categorie"] else ""
    uitkomsten = kengetallen.bezwaar_uitkomsten(schooljaar=schooljaar, swv_ids=ids)
    huidig = huidig_schooljaar()
    return {
        "schooljaar": schooljaar,
        "schooljaren": list(range(huidig, huidig - 6, -1)),
        "swv_keuze": keuze,
        "gekozen_swv": swv_id,
        "swv_rijen": [(s, per_swv[s.pk]) for s in swvs],
        "bestuur_rijen": per_bestuur,
        "school_rijen": per_school,
        "per_soort": per_soort,
        "bezwaar_uitkomsten": {
            (BezwaarBeslissing(k).label if k else _("nog niet beslist")): n
            for k, n in uitkomsten.items()
        },
        "kolommen": KENGETAL_KOLOMMEN,
        "totaal": {k: sum(r[k] for r in per_swv.values()) for k, _l in KENGETAL_KOLOMMEN},
    }


def kengetallen_rijen(overzicht: dict) -> list[dict]:
    """The rows of the kengetallen download: one per SWV, bestuur and school, with the
    figures the page shows (lead times only per SWV)."""
    rijen = [
        {
            "niveau": "SWV",
            "code": s.code,
            "naam": s.naam,
            "tellingen": getallen,
            "mediaan": getallen["doorlooptijd_mediaan_dagen"],
            "p90": getallen["doorlooptijd_p90_dagen"],
        }
        for s, getallen in overzicht["swv_rijen"]
    ]
    rijen += [
        {
            "niveau": "Bestuur",
            "code": b["bestuur"].nummer,
            "naam": b["bestuur"].naam,
            "tellingen": b["tellingen"],
        }
        for b in overzicht["bestuur_rijen"]
    ]
    rijen += [
        {
            "niveau": "School",
            "code": r["school"].vestigingscode,
            "naam": r["school"].naam,
            "tellingen": r["tellingen"],
        }
        for r in overzicht["school_rijen"]
    ]
    return rijen


def _telling(sleutel: str, naam: str) -> Kolom:
    return Kolom(naam, lambda rij, context: rij["tellingen"][sleutel])


KENGETALLEN = Export(
    "tlv-kengetallen-{schooljaar}-{tot}",
    (
        veld("Niveau", "niveau"),
        veld("Code/nummer", "code"),
        veld("Naam", "naam"),
        *(_telling(sleutel, naam) for sleutel, naam in KENGETAL_KOLOMMEN),
        Kolom("Doorlooptijd mediaan (dagen)", lambda rij, context: rij.get("mediaan")),
        Kolom("Doorlooptijd p90 (dagen)", lambda rij, context: rij.get("p90")),
    ),
)
