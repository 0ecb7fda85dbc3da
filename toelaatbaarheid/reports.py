"""View-models for the TLV documents (beschikking, letter to the parents, LBT dossier).

The same data the case page shows; the PDF is rendered once when the beschikking is
issued and stored (what was sent is what we keep).
"""

from django.utils.translation import gettext as _

from swv.pdf import render_pdf

from . import termijnen as t
from .models import Aanvraag, Beschikking, Besluit, Bezwaar


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


# The kengetallen download: one row per SWV, bestuur and school, the same counts.
KENGETAL_KOLOMMEN = [
    ("aanvragen", "Aanvragen"),
    ("toegekend_sbo", "Toegekend SBO"),
    ("toegekend_so", "Toegekend SO"),
    ("afgewezen", "Afgewezen"),
    ("bezwaren", "Bezwaren"),
    ("terugplaatsingen", "Terugplaatsingen"),
]


def kengetallen_tabel(swvs, per_swv: dict, per_bestuur: list, per_school: list):
    """Columns and rows of the kengetallen export (what the page shows, in one table)."""
    kolommen = [
        "Niveau",
        "Code/nummer",
        "Naam",
        *(label for _sleutel, label in KENGETAL_KOLOMMEN),
        "Doorlooptijd mediaan (dagen)",
        "Doorlooptijd p90 (dagen)",
    ]

    def tellingen(getallen):
        return [getallen[sleutel] for sleutel, _label in KENGETAL_KOLOMMEN]

    rijen = [
        [
            "SWV",
            s.code,
            s.naam,
            *tellingen(per_swv[s.pk]),
            per_swv[s.pk]["doorlooptijd_mediaan_dagen"],
            per_swv[s.pk]["doorlooptijd_p90_dagen"],
        ]
        for s in swvs
    ]
    rijen += [
        ["Bestuur", b["bestuur"].nummer, b["bestuur"].naam, *tellingen(b["tellingen"]), None, None]
        for b in per_bestuur
    ]
    rijen += [
        [
            "School",
            r["school"].vestigingscode,
            r["school"].naam,
            *tellingen(r["tellingen"]),
            None,
            None,
        ]
        for r in per_school
    ]
    return kolommen, rijen
