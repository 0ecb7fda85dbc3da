"""View-models for the TLV pages and documents: the case page, the kengetallen page and
its download, the beschikking, the letter to the parents and the LBT dossier.

The documents show the same data the case page shows; the beschikking's PDF is rendered
once when it is issued and stored (what was sent is what we keep).
"""

import io
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
    BijlageSoort,
    Categorie,
    LbtAdvies,
    Soort,
    Status,
    Verzendwijze,
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
    open_bezwaar = next((b for b in bezwaren if b.open), None)
    ontbrekend = selectors.ontbrekend(zaak) if zaak.status == Status.CONCEPT else []
    terug = getattr(zaak, "terugplaatsing", None)
    return {
        "zaak": zaak,
        "mag": mag,
        "adviezen": adviezen,
        "eigen_adviezen": eigen_adviezen,
        "beschikkingen": list(zaak.beschikkingen.all()),
        "bezwaren": bezwaren,
        "open_bezwaar": open_bezwaar,
        "volgende_bezwaarstap": volgende_bezwaarstap(open_bezwaar),
        "bezwaar_beslist": any(not b.open for b in bezwaren),
        "wacht_op_trajectbegeleider": zaak.status == Status.CONCEPT
        and not mag["indienen"]
        and not ontbrekend,
        "historie": list(zaak.historie.all()),
        "bijlagen": list(zaak.bijlagen.all()),
        "herbeoordelingen": list(zaak.herbeoordelingen.all()),
        "ontbrekend": ontbrekend,
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


def volgende_bezwaarstap(bezwaar: Bezwaar | None) -> str | None:
    """The name of the next step of handling an open bezwaar (stappen.BEZWAAR_BEHANDELING
    without the verdaging, which may come any time): confirm receipt, send to the LBT,
    plan the hearing, record the advice; None when only the beslissing is left."""
    if bezwaar is None:
        return None
    for stap, gedaan in (
        (stappen.BEZWAAR_ONTVANGST, bezwaar.ontvangstbevestiging_op),
        (stappen.BEZWAAR_LBT, bezwaar.lbt_verzonden_op),
        (stappen.BEZWAAR_HOORZITTING, bezwaar.hoorzitting_op),
        (stappen.BEZWAAR_ADVIES, bezwaar.advies_uitkomst),
    ):
        if not gedaan:
            return stap.naam
    return None


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


def _adviezen(zaak: Aanvraag) -> list:
    return [
        a
        for a in zaak.adviezen.select_related("deskundige__gebruiker").order_by("volgorde")
        if a.gegeven
    ]


def beschikking_context(besch: Beschikking) -> dict:
    zaak: Aanvraag = besch.aanvraag
    adviezen = _adviezen(zaak)
    mdo = getattr(zaak, "mdo", None)
    toegekend = besch.besluit == Besluit.TOEGEKEND
    return {
        "b": besch,
        "zaak": zaak,
        "swv": besch.swv,
        "toegekend": toegekend,
        "adviezen": adviezen,
        # Which advices the decision departs from (named in the motivering, Awb 3:50).
        "afwijkende_adviezen": [a for a in adviezen if a.toelaatbaar != toegekend],
        "mdo": mdo,
        "ondersteuningsbehoefte": (mdo.ondersteuningsbehoeften if mdo else "")
        or zaak.ondersteuningsbehoeften,
        "per_post": besch.verzendwijze in (Verzendwijze.POST, Verzendwijze.AANGETEKEND),
        "adresregels": [r.strip() for r in besch.aan_adres.splitlines() if r.strip()],
        "rm": _rechtsmiddelen(besch),
        "titel": _("Beschikking toelaatbaarheidsverklaring %(n)s") % {"n": besch.nummer},
    }


def beschikking_pdf(besch: Beschikking) -> bytes:
    """The beschikking with the two deskundigenadviezen as its appendix (one PDF: the
    advices are part of the motivering, Awb 3:49)."""
    return render_pdf("toelaatbaarheid/pdf/beschikking.html", beschikking_context(besch))


def brief_pdf(besch: Beschikking, *, beschikking: bytes | None = None) -> bytes:
    """The letter to the parents followed by the beschikking (with its appendix): one
    mailing, so what the letter says is enclosed is enclosed."""
    ctx = beschikking_context(besch)
    ctx["titel"] = _("Brief aan de ouders bij beschikking %(n)s") % {"n": besch.nummer}
    brief = render_pdf("toelaatbaarheid/pdf/brief_ouders.html", ctx)
    return samenvoegen([brief, beschikking or beschikking_pdf(besch)])


def samenvoegen(delen: list[bytes]) -> bytes:
    """One PDF from several (pypdf), in order."""
    from pypdf import PdfWriter

    schrijver = PdfWriter()
    for deel in delen:
        schrijver.append(io.BytesIO(deel))
    uit = io.BytesIO()
    schrijver.write(uit)
    return uit.getvalue()


def _rechtsmiddel_beroep(bezwaar: Bezwaar) -> dict:
    verzonden = bezwaar.beslist_op or timezone.localdate()
    return {
        "beroep_uiterlijk": t.bezwaartermijn_einde(
            verzonden, gelijkgesteld=t.gelijkgestelde_dagen()
        )
    }


def besluit_op_bezwaar_context(bezwaar: Bezwaar, *, nieuw: Beschikking | None = None) -> dict:
    zaak = bezwaar.aanvraag
    besch = bezwaar.beschikking
    return {
        "bezwaar": bezwaar,
        "zaak": zaak,
        "b": besch,
        "nieuw": nieuw,
        "swv": zaak.swv,
        "adviezen": _adviezen(zaak),
        "lbt_uitkomst": LbtAdvies(bezwaar.advies_uitkomst).label.lower()
        if bezwaar.advies_uitkomst
        else "",
        "volgt_lbt": bezwaar.advies_volgt,
        "beslissing": BezwaarBeslissing(bezwaar.beslissing).label.lower(),
        "gegrond": bezwaar.beslissing == BezwaarBeslissing.GEGROND,
        "niet_ontvankelijk": bezwaar.beslissing == BezwaarBeslissing.NIET_ONTVANKELIJK,
        "rm": _rechtsmiddel_beroep(bezwaar),
        "titel": _("Besluit op bezwaar bij %(n)s") % {"n": zaak.nummer},
    }


def besluit_op_bezwaar_pdf(bezwaar: Bezwaar, *, nieuw: Beschikking | None = None) -> bytes:
    """The besluit op bezwaar (Awb 7:11, 7:12), with the LBT's advice behind it when it
    was uploaded as a PDF (7:13 lid 7: the advice goes with the decision)."""
    besluit = render_pdf(
        "toelaatbaarheid/pdf/besluit_op_bezwaar.html",
        besluit_op_bezwaar_context(bezwaar, nieuw=nieuw),
    )
    stukken = [
        b
        for b in bezwaar.aanvraag.bijlagen.all()
        if b.soort == BijlageSoort.ADVIES_LBT and b.is_pdf
    ]
    advies = [data for data in map(_bijlage_bytes, stukken) if _leesbaar(data)]
    return samenvoegen([besluit, *advies]) if advies else besluit


def _bijlage_bytes(bijlage) -> bytes:
    """The uploaded file's bytes; empty when the file is gone (then it is listed, not
    merged)."""
    if not bijlage.bestand.storage.exists(bijlage.bestand.name):
        return b""
    with bijlage.bestand.open("rb") as f:
        return f.read()


# The LBT dossier: the parts in the order of the LBT reglement (domain.md), each the
# uploaded documents of these kinds.
LBT_ONDERDELEN = (
    ("bezwaarschrift", gettext_lazy("Het bezwaarschrift"), (BijlageSoort.BEZWAARSCHRIFT, BijlageSoort.VOLMACHT)),
    ("aanvraag", gettext_lazy("De aanvraag"), (BijlageSoort.OPP, BijlageSoort.GROEIDOCUMENT,
                                    BijlageSoort.ONDERZOEK, BijlageSoort.MDO,
                                    BijlageSoort.ZIENSWIJZE, BijlageSoort.HANDELINGSPLAN,
                                    BijlageSoort.MEDISCH, BijlageSoort.OVERIG)),
    ("adviezen", gettext_lazy("De deskundigenadviezen"), ()),
    ("beschikking", gettext_lazy("Het bestreden besluit"), ()),
    ("op", gettext_lazy("Het ondersteuningsplan: procedure en criteria voor toelaatbaarheid"), (BijlageSoort.OP_HOOFDSTUK,)),
    ("sop", gettext_lazy("Het schoolondersteuningsprofiel van de aanvragende school"), (BijlageSoort.SOP,)),
)  # fmt: skip


def lbt_dossier_context(bezwaar: Bezwaar) -> dict:
    zaak = bezwaar.aanvraag
    besch = bezwaar.beschikking
    bijlagen = list(zaak.bijlagen.all())
    onderdelen = []
    for sleutel, titel, soorten in LBT_ONDERDELEN:
        stukken = [b for b in bijlagen if b.soort in soorten]
        onderdelen.append({"sleutel": sleutel, "titel": titel, "stukken": stukken})
    return {
        "bezwaar": bezwaar,
        "zaak": zaak,
        "b": besch,
        "swv": zaak.swv,
        "adviezen": _adviezen(zaak),
        "mdo": getattr(zaak, "mdo", None),
        "onderdelen": onderdelen,
        "ontbreekt": [
            o["titel"]
            for o in onderdelen
            if o["sleutel"] in ("bezwaarschrift", "op", "sop") and not o["stukken"]
        ],
        "bijlagen": bijlagen,
        "historie": list(zaak.historie.select_related("door")),
        "uiterlijk_lbt": t.lbt_doorsturen_uiterlijk(
            bezwaar.ontvangen_op, gelijkgesteld=t.gelijkgestelde_dagen()
        ),
        "titel": _("Dossier voor de LBT bij bezwaar tegen %(n)s") % {"n": besch.nummer},
    }


def lbt_dossier_pdf(bezwaar: Bezwaar) -> bytes:
    """One PDF for the LBT: the cover letter with the table of contents (the bezwaar,
    the verweerschrift and the aanvraag as HTML, rendered with WeasyPrint), then per part
    the uploaded PDFs (bezwaarschrift, the aanvraag's documents, the OP chapter, the SOP),
    the deskundigenadviezen and the contested beschikking as it was sent (pypdf).
    Uploads that are not PDF are listed by their original file name."""
    ctx = lbt_dossier_context(bezwaar)
    inhoud = {b.pk: _bijlage_bytes(b) for b in ctx["bijlagen"] if b.is_pdf}
    # A damaged PDF is not merged: it is listed by its name, like a Word file.
    ctx["samengevoegd"] = {pk for pk, data in inhoud.items() if _leesbaar(data)}
    delen = [render_pdf("toelaatbaarheid/pdf/lbt_dossier.html", ctx)]
    for onderdeel in ctx["onderdelen"]:
        if onderdeel["sleutel"] == "adviezen":
            delen.append(
                render_pdf(
                    "toelaatbaarheid/pdf/adviezen.html",
                    {
                        **ctx,
                        "titel": _("Deskundigenadviezen bij %(n)s") % {"n": ctx["zaak"].nummer},
                    },
                )
            )
        elif onderdeel["sleutel"] == "beschikking":
            besch = ctx["b"]
            if besch.pdf_id is not None and bytes(besch.pdf.inhoud):
                delen.append(bytes(besch.pdf.inhoud))
            else:
                delen.append(beschikking_pdf(besch))
        delen.extend(inhoud[b.pk] for b in onderdeel["stukken"] if b.pk in ctx["samengevoegd"])
    return samenvoegen(delen)


def _leesbaar(pdf: bytes) -> bool:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        return len(PdfReader(io.BytesIO(pdf)).pages) > 0
    except (PdfReadError, ValueError, OSError, KeyError):
        return False


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
