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
