"""View-models: the same data for the report page, its PDF, the bundled round PDF and the
comparison table (HTML, CSV, Excel)."""

import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _
from pypdf import PdfReader, PdfWriter

from swv import formats
from swv.pdf import render_pdf

from . import bronnen, selectors
from .bedragen import bedrag_weergeven, niet_besteed, percentage_weergeven
from .models import (
    Aanwending,
    Antwoord,
    Geldstroom,
    Kengetallen,
    OntvangenBedrag,
    Ronde,
    Sectie,
    Stand,
    Verslag,
    VerslagStatus,
    VraagSoort,
)

NIET_BESCHIKBAAR = "nog niet beschikbaar"
CENT = Decimal("0.01")


@dataclass
class Onderdeel:
    vraag: object
    tekst: str = ""
    score: Decimal | None = None
    kengetallen: list[tuple[str, object]] | None = None
    kengetallen_bron: str = ""
    indicatoren: list[tuple[int, str, str]] = field(default_factory=list)
    voorbeeld_nummers: str = ""
    voorbeeld_tekst: str = ""

    @property
    def score_tekst(self) -> str:
        return percentage_weergeven(self.score)


def kengetallen_rijen(
    soort: str, getallen: dict, thuiszitters: tuple | None = None
) -> list[tuple[str, object]] | None:
    """The figures shown beside a question; None = no thuiszitters count yet (before the
    first peildatum of the school year)."""
    if soort == Kengetallen.THUISZITTERS:
        if thuiszitters is None:
            return None
        peil, aantal = thuiszitters
        return [
            (
                _("thuiszitters (> 4 weken) op %(datum)s") % {"datum": formats.kort(peil)},
                aantal,
            )
        ]
    sleutels = bronnen.KENGETALLEN_PER_VRAAG.get(soort)
    if not sleutels:
        return []
    return [(bronnen.KENGETAL_LABELS[s], getallen.get(s, 0)) for s in sleutels]


def _kengetallen_van(verslag: Verslag, live: dict[int, dict]) -> tuple[dict, str]:
    """Submitted reports show the figures the bestuur reflected on (snapshot)."""
    if verslag.status != VerslagStatus.CONCEPT and verslag.kengetallen_bij_indienen is not None:
        return verslag.kengetallen_bij_indienen, _("TLV-kengetallen bij indienen")
    return live[verslag.bestuur_id], _("TLV-kengetallen (actueel)")


def verslag_document(
    verslag: Verslag,
    *,
    vragen=None,
    plan=None,
    tlv: dict[int, dict] | bool = False,
    thuis: dict[int, tuple] | None | bool = False,
) -> dict:
    """Everything one report shows, in form order. Pass `vragen`, `plan`, `tlv`, `thuis`
    when rendering many reports of a round, to load them once."""
    ronde = verslag.ronde
    if vragen is None:
        vragen = selectors.vragen_van_ronde(ronde)
    if tlv is False:
        tlv = bronnen.kengetallen(schooljaar=ronde.schooljaar, bestuur_ids=[verslag.bestuur_id])
    if thuis is False:
        thuis = bronnen.thuiszitters(schooljaar=ronde.schooljaar, bestuur_ids=[verslag.bestuur_id])
    inhoud = selectors.verslag_inhoud(verslag)
    getallen, bron = _kengetallen_van(verslag, tlv)
    standen = dict(Stand.choices)
    secties = {Sectie.RESULTAAT: [], Sectie.PROCES: [], Sectie.EXTRA: []}
    for vraag in vragen:
        if not vraag.geldt_voor(verslag):
            continue
        antwoord = inhoud["antwoorden"].get(vraag.id)
        onderdeel = Onderdeel(
            vraag=vraag,
            tekst=antwoord.tekst if antwoord else "",
            score=antwoord.score if antwoord else None,
            voorbeeld_nummers=antwoord.voorbeeld_nummers if antwoord else "",
            voorbeeld_tekst=antwoord.voorbeeld_tekst if antwoord else "",
        )
        if vraag.kengetallen:
            onderdeel.kengetallen = kengetallen_rijen(
                vraag.kengetallen,
                getallen,
                thuis[verslag.bestuur_id] if thuis is not None else None,
            )
            onderdeel.kengetallen_bron = (
                _("KPI-register thuiszitters")
                if vraag.kengetallen == Kengetallen.THUISZITTERS
                else bron
            )
        if vraag.soort == VraagSoort.HOOFDONDERDEEL:
            onderdeel.indicatoren = [
                (i.nummer, i.tekst, standen.get(inhoud["standen"].get(i.id), ""))
                for i in vraag.indicatoren.all()
            ]
        secties[vraag.sectie].append(onderdeel)
    swvs = list(ronde.samenwerkingsverbanden.order_by("code"))
    soorten = [Geldstroom.TERUGPLOEG] + ([Geldstroom.DOELGROEP] if verslag.heeft_speciaal else [])
    ontvangen_rijen = []
    for soort in soorten:
        bedragen = [inhoud["ontvangen"].get((s.id, soort)) for s in swvs]
        ontvangen_rijen.append(
            {
                "label": Geldstroom(soort).label,
                "bedragen": [bedrag_weergeven(b) for b in bedragen],
                "totaal": bedrag_weergeven(selectors.totaal(bedragen)),
            }
        )
    ontvangen_totaal = selectors.totaal(inhoud["ontvangen"].values())
    aanwending_totaal = selectors.totaal(a.bedrag for a in inhoud["aanwendingen"])
    return {
        "verslag": verslag,
        "ronde": ronde,
        "bestuur": verslag.bestuur,
        "plan": plan if plan is not None else bronnen.plan_context(ronde),
        "focus": [r.strip() for r in ronde.focus_van_handelen.splitlines() if r.strip()],
        "inleiding": [a.strip() for a in ronde.inleiding.split("\n\n") if a.strip()],
        "resultaat": secties[Sectie.RESULTAAT],
        "proces": secties[Sectie.PROCES],
        "extra": secties[Sectie.EXTRA],
        "swvs": swvs,
        "ontvangen_rijen": ontvangen_rijen,
        "ontvangen_totaal": bedrag_weergeven(ontvangen_totaal),
        "aanwendingen": [
            (a.omschrijving, bedrag_weergeven(a.bedrag)) for a in inhoud["aanwendingen"]
        ],
        "aanwending_totaal": bedrag_weergeven(aanwending_totaal),
        "verschil": bedrag_weergeven(ontvangen_totaal - aanwending_totaal),
        # Received but not accounted as spent: a warning on the form, page and PDF.
        "niet_besteed": bedrag_weergeven(niet_besteed(ontvangen_totaal, aanwending_totaal)),
        "te_laat": verslag.te_laat,
    }


NOG_NIET_INGEDIEND = "nog niet ingediend"


@dataclass
class Vergelijking:
    """The comparison across besturen: one row per report, plain values (the exports
    write them as they are; the page formats them by the column's `soort`). Amounts of a
    report that is not (again) submitted are None: they are a working version, not what
    the bestuur accounts for, and must not read as "€ 0,00"."""

    kolommen: list[str]
    soorten: list[str]  # per column: tekst, procent, getal, bedrag, dagen
    rijen: list[list]
    ingediend: list[bool]  # per row: are its amounts submitted ones

    def totalen(self) -> list:
        """Per column the sum over the rows (figures and amounts; amounts of submitted
        reports only, as the rows hold them); None where a sum means nothing."""
        uit = []
        for i, soort in enumerate(self.soorten):
            if soort in ("getal", "bedrag"):
                waarden = [r[i] for r in self.rijen if r[i] is not None]
                uit.append(sum(waarden, Decimal("0.00") if soort == "bedrag" else 0))
            else:
                uit.append(None)
        return uit


def vergelijking_van(ronde: Ronde, verslagen: list[Verslag]) -> Vergelijking:
    """The comparison across besturen: ankerpunt scores, verwijzingen, terugplaatsingen,
    the amounts and how late the report came, in a fixed number of queries whatever the
    number of besturen. `verslagen` come with their `ronde` and `bestuur` loaded."""
    ankerpunten = list(ronde.vragen.filter(soort=VraagSoort.ANKERPUNT).order_by("volgorde", "id"))
    ids = [v.id for v in verslagen]
    scores = {
        (a["verslag_id"], a["vraag_id"]): a["score"]
        for a in Antwoord.objects.filter(verslag_id__in=ids, vraag__in=ankerpunten).values(
            "verslag_id", "vraag_id", "score"
        )
    }
    ontvangen = dict(
        OntvangenBedrag.objects.filter(verslag_id__in=ids)
        .values("verslag_id")
        .annotate(t=Sum("bedrag"))
        .values_list("verslag_id", "t")
    )
    besteed = dict(
        Aanwending.objects.filter(verslag_id__in=ids)
        .values("verslag_id")
        .annotate(t=Sum("bedrag"))
        .values_list("verslag_id", "t")
    )
    live = bronnen.kengetallen(
        schooljaar=ronde.schooljaar, bestuur_ids=[v.bestuur_id for v in verslagen]
    )
    kolommen = [_("Bestuur"), _("Bestuursnummer"), _("Status")]
    soorten = ["tekst", "tekst", "tekst"]
    kolommen += [a.titel.split(" - ")[0] + " (%)" for a in ankerpunten]
    soorten += ["procent"] * len(ankerpunten)
    kolommen += [
        _("Verwijzingen SBO/SO"),
        _("Terugplaatsingen"),
        _("Ontvangen (€)"),
        _("Aangewend (€)"),
        _("Te laat (dagen)"),
    ]
    soorten += ["getal", "getal", "bedrag", "bedrag", "dagen"]
    rijen, ingediend = [], []
    for v in verslagen:
        getallen, _bron = _kengetallen_van(v, live)
        rij = [v.bestuur.naam, v.bestuur.nummer, v.get_status_display()]
        rij += [scores.get((v.id, a.id)) for a in ankerpunten]
        vertraging = v.te_laat
        rij += [
            bronnen.verwijzingen(getallen),
            getallen["terugplaatsingen"],
            Decimal(ontvangen.get(v.id) or 0).quantize(CENT) if v.is_ingediend else None,
            Decimal(besteed.get(v.id) or 0).quantize(CENT) if v.is_ingediend else None,
            vertraging.dagen if vertraging else None,
        ]
        rijen.append(rij)
        ingediend.append(v.is_ingediend)
    return Vergelijking(kolommen=kolommen, soorten=soorten, rijen=rijen, ingediend=ingediend)


def vergelijking(ronde: Ronde, verslagen: list[Verslag]) -> tuple[list[str], list[list]]:
    """The comparison as columns and rows, for the CSV and Excel exports."""
    tabel = vergelijking_van(ronde, verslagen)
    return tabel.kolommen, tabel.rijen


def verslag_pdf(verslag: Verslag) -> bytes:
    """The report as a PDF (tagged, PDF/UA)."""
    return render_pdf("verantwoording/pdf/verslag.html", {**verslag_document(verslag), "pdf": True})


def bundel_pdf(ronde: Ronde, verslagen: list[Verslag]) -> bytes:
    """Cover page with every bestuur's status, then the submitted and accepted reports as
    stored when submitted/accepted (rendered now only if none is stored). Merged page by
    page: laying out all reports in one WeasyPrint run takes about a minute for 25 reports."""
    opgenomen = [
        v for v in verslagen if v.status in (VerslagStatus.INGEDIEND, VerslagStatus.GEACCEPTEERD)
    ]
    voorblad = render_pdf(
        "verantwoording/pdf/ronde.html",
        {"ronde": ronde, "overzicht": verslagen, "opgenomen": opgenomen, "pdf": True},
    )
    schrijver = PdfWriter()
    schrijver.append(PdfReader(io.BytesIO(voorblad)))
    for verslag in opgenomen:
        inhoud = bytes(verslag.pdf.inhoud) if verslag.pdf_id else verslag_pdf(verslag)
        schrijver.append(PdfReader(io.BytesIO(inhoud)), outline_item=verslag.bestuur.naam)
    schrijver.add_metadata({"/Title": f"Verantwoording schoolbesturen {ronde.schooljaar_label}"})
    uit = io.BytesIO()
    schrijver.write(uit)
    return uit.getvalue()
