"""View-models of the KPI pages: the dashboard (the same data for the page, the exports
and the PDF report "kengetallen"), the deelname blocks, the thuiszitters per quarter; and
every download of the KPI app, declared as columns (swv.exports.Export)."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from ondersteuningsplan.models import Berekening, Kpi, KpiType, Streefwaarde
from swv import formats
from swv.charts import Reeks, lijngrafiek, staafgrafiek
from swv.exports import Export, Kolom, attribuut, uit_context, veld
from swv.getallen import getal as nl_getal
from swv.selectors import swv_ids_voor

from . import berekeningen
from .models import Meting, Vrijstelling, peildatum
from .selectors import kpis_zonder_meting, peiljaar, plannen_met_kpis

OP_KOERS = "op_koers"
NIET_OP_KOERS = "niet_op_koers"
GEEN_METING = "geen_meting"
GEEN_STREEFWAARDE = "geen_streefwaarde"
# Plans per dashboard page: one plan's KPIs at a glance on one screen (a compact table of
# status per KPI and year); a user of many SWVs pages through their plans or picks an SWV.
PLANNEN_PER_PAGINA = 1

STATUS_LABEL = {
    OP_KOERS: _("Op koers"),
    NIET_OP_KOERS: _("Niet op koers"),
    GEEN_METING: _("Nog geen meting"),
    GEEN_STREEFWAARDE: _("Geen streefwaarde"),
}


def getal(waarde: Decimal | None, kpi: Kpi) -> str:
    """A value as the page shows it: '12,5%', 'ja', '7'."""
    if waarde is None:
        return "–"
    if kpi.type == KpiType.JA_NEE:
        return _("ja") if waarde >= 1 else _("nee")
    tekst = nl_getal(waarde)
    if kpi.type == KpiType.PERCENTAGE:
        return f"{tekst}%"
    return tekst


def status_van(streef: Streefwaarde | None, waarde: Decimal | None) -> str:
    if waarde is None:
        return GEEN_METING
    if streef is None:
        return GEEN_STREEFWAARDE
    return OP_KOERS if streef.gehaald(waarde) else NIET_OP_KOERS


def _jaarwaarde(metingen: list[Meting]) -> dict[int, Meting]:
    """Per school year the meting that stands for it: the whole-year one, else the last
    quarter measured."""
    uit: dict[int, Meting] = {}
    for m in metingen:
        huidig = uit.get(m.schooljaar)
        rang = 5 if m.kwartaal == 0 else m.kwartaal
        if huidig is None or rang >= (5 if huidig.kwartaal == 0 else huidig.kwartaal):
            uit[m.schooljaar] = m
    return uit


@dataclass
class Jaarregel:
    jaar: int
    label: str
    streefwaarde: str
    waarde: str
    bestuur_waarde: str | None
    status: str
    status_label: str
    toelichting: str = ""
    waarde_getal: Decimal | None = None
    bestuur_getal: Decimal | None = None
    url: str = ""
    bestuur_url: str = ""


@dataclass
class KpiRegel:
    kpi: Kpi
    nummer: int
    jaren: list[Jaarregel]
    laatste: Jaarregel | None
    status: str
    status_label: str
    grafiek: str
    uitleg: str = ""
    drilldown_url: str = ""
    bestuur_laatste: str | None = None


@dataclass
class SpeerpuntBlok:
    speerpunt: object
    kpis: list[KpiRegel]


@dataclass
class PlanBlok:
    plan: object
    speerpunten: list[SpeerpuntBlok]
    telling: dict = field(default_factory=dict)
    jaren: list[str] = field(default_factory=list)


@dataclass
class Dashboard:
    plannen: list[PlanBlok]
    swv: object = None
    bestuur: object = None
    totaal_label: str = ""
    uitleg: dict = field(default_factory=dict)
    pagina: Page | None = None
    # "Nog geen meting": hand-measured KPIs without a meting over the peiljaar, for all
    # the user's plans (kpi.selectors.kpis_zonder_meting, as on the home page).
    peiljaar: int | None = None
    zonder_meting: int = 0


def _toelichting(m: Meting, extra: str = "") -> str:
    delen = [m.periode] if m.kwartaal else []
    return ", ".join([*delen, extra] if extra else delen)


def _metingen_voor_scope(kpi: Kpi, swv, bestuur, scope_ids) -> tuple[dict, dict | None]:
    """Hand-entered values per school year as {jaar: (waarde, toelichting)}, for the total
    and for the bestuur beside it. With an SWV chosen: its own meting, else the plan-wide
    one (marked as such). Without: the plan-wide meting, else, for a count measured per
    SWV in every SWV of the plan that year, their sum (marked). Percentages and scores of
    parts do not add up: those stay empty without a plan-wide meting."""
    alle = list(kpi.metingen.all())  # prefetched
    plan = _jaarwaarde([m for m in alle if not m.swv_id and not m.bestuur_id])
    totaal = {j: (m.waarde, _toelichting(m)) for j, m in plan.items()}
    if swv is not None:
        eigen = _jaarwaarde([m for m in alle if m.swv_id == swv.id and not m.bestuur_id])
        totaal = {
            j: (m.waarde, _toelichting(m, _("cijfer van het hele plan"))) for j, m in plan.items()
        }
        totaal.update({j: (m.waarde, _toelichting(m)) for j, m in eigen.items()})
    elif kpi.type == KpiType.AANTAL and len(scope_ids) > 1:
        per_swv = {
            i: _jaarwaarde([m for m in alle if m.swv_id == i and not m.bestuur_id])
            for i in scope_ids
        }
        for j in set().union(*per_swv.values()) - set(totaal):
            if all(j in w for w in per_swv.values()):
                som = sum(w[j].waarde for w in per_swv.values())
                totaal[j] = (som, _("som van de samenwerkingsverbanden"))
    best = None
    if bestuur is not None:
        eigen_bestuur = _jaarwaarde([m for m in alle if m.bestuur_id == bestuur.id])
        best = {j: (m.waarde, _toelichting(m)) for j, m in eigen_bestuur.items()}
    return totaal, best


def dashboard(
    user,
    *,
    swv=None,
    bestuur=None,
    kan_rijen_zien=False,
    pagina=None,
    alleen_kpi=None,
    grafieken=None,
) -> Dashboard:
    """Per plan of the user's SWVs, per speerpunt, each KPI's values per plan year against
    the streefwaarde of that year. `swv` narrows the totals to one SWV; `bestuur` adds the
    bestuur's own figures beside them. With `pagina` (a page number, as given in the URL)
    only that page of PLANNEN_PER_PAGINA plans; without it all plans (the exports). With
    `alleen_kpi` only that KPI, in its own plan (the KPI's page). Charts only with
    `grafieken` (default: on the KPI's page): the dashboard is a table."""
    if grafieken is None:
        grafieken = alleen_kpi is not None
    eigen_swvs = set(swv_ids_voor(user).values_list("id", flat=True))
    blokken = []
    plan_ids = None if alleen_kpi is None else [alleen_kpi.speerpunt.plan_id]
    plannen_qs = plannen_met_kpis(user, plan_ids=plan_ids, swv=swv)
    page = None
    if pagina is not None:
        page = Paginator(plannen_qs, PLANNEN_PER_PAGINA).get_page(pagina)
        plannen = list(page.object_list)
    else:
        plannen = list(plannen_qs)
    # One cache for the page: every computed figure is fetched once for all plans on it,
    # for the SWVs of those plans.
    op_pagina = {s.id for p in plannen for s in p.samenwerkingsverbanden.all()} & eigen_swvs
    cache: dict = {
        "berekend": {
            "swv_ids": [swv.id] if swv is not None else sorted(op_pagina),
            "jaren": sorted({j for p in plannen for j in p.schooljaren}),
        }
    }
    jaar = peiljaar()
    zonder_per_plan = (
        {}
        if alleen_kpi is not None
        else dict(
            kpis_zonder_meting(user, jaar)
            .values_list("speerpunt__plan_id")
            .annotate(n=Count("id"))
            .order_by()
        )
    )
    nummer = 0
    for plan in plannen:
        plan_swvs = [s for s in plan.samenwerkingsverbanden.all() if s.id in eigen_swvs]
        if swv is not None:
            if swv.id not in {s.id for s in plan_swvs}:
                continue
            scope_ids = [swv.id]
        else:
            scope_ids = sorted(s.id for s in plan_swvs)
        jaren = plan.schooljaren
        speerpunten = []
        telling = dict.fromkeys(STATUS_LABEL, 0)
        # Where each KPI stands (its latest measured year); "nog geen meting" is the due
        # meting over the peiljaar, counted as on the home page.
        for sp in plan.speerpunten.all():
            regels = []
            for kpi in sp.kpis.all():
                if alleen_kpi is not None and kpi.pk != alleen_kpi.pk:
                    continue
                nummer += 1
                regel = _kpi_regel(
                    kpi, nummer, jaren, scope_ids, swv, bestuur, cache, kan_rijen_zien, grafieken
                )
                if regel.status != GEEN_METING:
                    telling[regel.status] += 1
                regels.append(regel)
            if regels or alleen_kpi is None:
                speerpunten.append(SpeerpuntBlok(sp, regels))
        telling[GEEN_METING] = zonder_per_plan.get(plan.pk, 0)
        blokken.append(PlanBlok(plan, speerpunten, telling, [f"{j}-{j + 1}" for j in jaren]))
    return Dashboard(
        plannen=blokken,
        swv=swv,
        bestuur=bestuur,
        totaal_label=swv.code if swv is not None else _("Totaal plan"),
        uitleg=berekeningen.UITLEG,
        pagina=page,
        peiljaar=jaar,
        zonder_meting=sum(zonder_per_plan.values()),
    )


def _berekend(kpi: Kpi, jaren, scope_ids, bestuur_id, cache) -> dict:
    sleutel = (kpi.berekening, tuple(jaren), tuple(scope_ids), bestuur_id)
    if sleutel not in cache:
        cache[sleutel] = berekeningen.berekende_waarden(
            kpi.berekening,
            list(jaren),
            berekeningen.Scope(list(scope_ids), bestuur_id),
            cache=cache["berekend"],
        )
    return cache[sleutel]


def _kpi_regel(
    kpi, nummer, jaren, scope_ids, swv, bestuur, cache, kan_rijen_zien, grafieken=True
) -> KpiRegel:
    streef = {s.schooljaar: s for s in kpi.streefwaarden.all()}
    toelichtingen = {}
    if kpi.is_berekend:
        totaal = _berekend(kpi, jaren, scope_ids, None, cache)
        best = _berekend(kpi, jaren, scope_ids, bestuur.id, cache) if bestuur else None
    else:
        tm, bm = _metingen_voor_scope(kpi, swv, bestuur, scope_ids)
        totaal = {j: tm[j][0] if j in tm else None for j in jaren}
        toelichtingen = {j: tm[j][1] for j in tm}
        best = {j: bm[j][0] if j in bm else None for j in jaren} if bm is not None else None
    regels = []
    for j in jaren:
        w = totaal.get(j)
        st = status_van(streef.get(j), w)
        regels.append(
            Jaarregel(
                jaar=j,
                label=f"{j}-{j + 1}",
                streefwaarde=streef[j].weergave if j in streef else "–",
                waarde=getal(w, kpi),
                bestuur_waarde=getal(best.get(j), kpi) if best is not None else None,
                status=st,
                status_label=STATUS_LABEL[st],
                toelichting=toelichtingen.get(j, ""),
                waarde_getal=w,
                bestuur_getal=best.get(j) if best is not None else None,
                url=_onderliggend(kpi, j, swv, None, kan_rijen_zien) if w is not None else "",
                bestuur_url=(
                    _onderliggend(kpi, j, swv, bestuur, kan_rijen_zien)
                    if best is not None and best.get(j) is not None
                    else ""
                ),
            )
        )
    gemeten = [r for r, j in zip(regels, jaren, strict=True) if totaal.get(j) is not None]
    laatste = gemeten[-1] if gemeten else None
    status = laatste.status if laatste else GEEN_METING
    return KpiRegel(
        kpi=kpi,
        nummer=nummer,
        jaren=regels,
        laatste=laatste,
        status=status,
        status_label=STATUS_LABEL[status],
        grafiek=_grafiek(kpi, regels, jaren, totaal, best, streef, swv, bestuur)
        if grafieken
        else "",
        uitleg=berekeningen.uitleg_voor(kpi.berekening) if kpi.is_berekend else "",
        drilldown_url=laatste.url if laatste else "",
        bestuur_laatste=(
            getal(best.get(laatste.jaar), kpi) if best is not None and laatste else None
        ),
    )


def _grafiek(kpi, regels, jaren, totaal, best, streef, swv, bestuur) -> str:
    """The line chart of a KPI's values against its streefwaarde (the KPI's page, the PDF)."""
    reeksen = [
        Reeks(
            _("Totaal") if swv is None else swv.code,
            [totaal.get(j) for j in jaren],
        )
    ]
    if best is not None:
        reeksen.append(Reeks(str(bestuur), [best.get(j) for j in jaren]))
    if streef:
        reeksen.append(
            Reeks(
                _("Streefwaarde"),
                [streef[j].waarde if j in streef else None for j in jaren],
                kleur="#6b7280",
                stippel=True,
            )
        )
    y_min = y_max = None
    if kpi.type == KpiType.JA_NEE:
        y_min, y_max = 0, 1
    elif kpi.type == KpiType.SCORE and kpi.schaal_max is not None:
        y_min, y_max = kpi.schaal_min or 0, kpi.schaal_max
    return lijngrafiek(
        titel=_("Verloop: %(kpi)s") % {"kpi": kpi.naam},
        beschrijving=_(
            "Waarde per schooljaar tegen de streefwaarde; de tabel eronder geeft dezelfde getallen."
        ),
        labels=[r.label for r in regels],
        reeksen=reeksen,
        eenheid="%" if kpi.type == KpiType.PERCENTAGE else "",
        y_min=y_min,
        y_max=y_max,
    )


def _onderliggend(kpi: Kpi, jaar: int, swv, bestuur, kan_rijen_zien: bool) -> str:
    """The page with the rows behind a computed value of one school year, filtered the way
    the value was counted. Thuiszitter rows only for roles that may see them."""
    if kpi.berekening == Berekening.THUISZITTERS:
        peildata = berekeningen.peildata_van(jaar)
        if not kan_rijen_zien or not peildata:
            return ""
        params = {"thuiszitter_op": peildata[-1].isoformat()}
    elif kpi.berekening in (Berekening.DEELNAME_SBO, Berekening.DEELNAME_SO):
        if bestuur is not None:
            return ""  # the deelname table is per SWV; a bestuur's share has no rows there
        params = {}
    elif kpi.berekening:
        params = {"schooljaar": jaar}
    else:
        return ""
    if swv is not None:
        params["swv"] = swv.id
    if bestuur is not None:
        params["bestuur"] = bestuur.id
    naam = {
        Berekening.THUISZITTERS: "kpi:thuiszitters",
        Berekening.DEELNAME_SBO: "kpi:deelname",
        Berekening.DEELNAME_SO: "kpi:deelname",
    }.get(kpi.berekening) or (
        berekeningen.BRONNEN[kpi.berekening].url_naam
        if kpi.berekening in berekeningen.BRONNEN
        else "kpi:verwijzingen"
    )
    return reverse(naam) + (f"?{urlencode(params)}" if params else "")


class Kengetal(NamedTuple):
    """One row of the dashboard's exports: a KPI's school year, with where it stands."""

    plan: PlanBlok
    speerpunt: SpeerpuntBlok
    kpi: KpiRegel
    jaar: Jaarregel


def kengetallen(db: Dashboard):
    """The dashboard's figures as export rows: per plan, speerpunt, KPI and school year."""
    for pb in db.plannen:
        for sb in pb.speerpunten:
            for r in sb.kpis:
                for j in r.jaren:
                    yield Kengetal(pb, sb, r, j)


_KENGETALLEN = (
    Kolom("plan", lambda r, c: r.plan.plan.titel),
    Kolom("speerpunt", lambda r, c: f"{r.speerpunt.speerpunt.code}. {r.speerpunt.speerpunt.titel}"),
    Kolom("kpi", lambda r, c: r.kpi.kpi.naam),
    Kolom("berekend", lambda r, c: "ja" if r.kpi.kpi.is_berekend else "nee"),
    Kolom("schooljaar", lambda r, c: r.jaar.label),
    Kolom("streefwaarde", lambda r, c: r.jaar.streefwaarde),
    Kolom("waarde", lambda r, c: r.jaar.waarde_getal),
    Kolom("status", lambda r, c: r.jaar.status_label),
    Kolom("bestuur", lambda r, c: str(c["bestuur"]) if c["bestuur"] else ""),
    Kolom("bestuur_waarde", lambda r, c: r.jaar.bestuur_getal),
)
# The dashboard's download and a KPI page's Verloop table: the same columns (context:
# `bestuur`, the dashboard's, and for the KPI page `kpi`).
KENGETALLEN = Export("kengetallen", _KENGETALLEN)
VERLOOP = Export("verloop-kpi-{kpi.pk}", _KENGETALLEN)


# A KPI page's metingen (context: `kpi`).
METINGEN = Export(
    "metingen-kpi-{kpi.pk}",
    (
        Kolom("kpi", lambda m, c: c["kpi"].naam),
        *(
            attribuut(n)
            for n in ("schooljaar", "periode", "reikwijdte", "waarde", "bron", "toelichting")
        ),
    ),
)


# Deelnamepercentages ------------------------------------------------------------------

DEELNAME = Export(
    "deelnamepercentages",
    (
        *(
            veld(n)
            for n in (
                "swv",
                "swv_naam",
                "jaar",
                "leerlingen_bao",
                "leerlingen_sbo",
                "leerlingen_so",
                "sbo_pct",
                "so_pct",
            )
        ),
        veld("gemaskeerde_tellingen", "gemaskeerd"),
    ),
)


def deelname_blokken(rijen) -> list[dict]:
    """Per SWV its rows (newest first) and the line chart of its SBO and SO percentages."""
    per_swv: dict = {}
    for r in rijen:
        per_swv.setdefault((r["swv"], r["swv_naam"]), []).append(r)
    blokken = []
    for (code, naam), jaarrijen in per_swv.items():
        grafiek = lijngrafiek(
            titel=_("Deelnamepercentages %(swv)s") % {"swv": code},
            beschrijving=_("SBO- en SO-percentage per teldatum; de tabel geeft dezelfde getallen."),
            labels=[str(r["jaar"]) if r["jaar"] % 5 == 0 else "" for r in jaarrijen],
            reeksen=[
                Reeks(_("SBO %"), [r["sbo_pct"] for r in jaarrijen]),
                Reeks(_("SO %"), [r["so_pct"] for r in jaarrijen]),
            ],
            eenheid="%",
            breedte=720,
        )
        blokken.append(
            {"code": code, "naam": naam, "rijen": list(reversed(jaarrijen)), "grafiek": grafiek}
        )
    return blokken


# The verwijzingen page's downloads (kpi/verwijzingen/?format=csv&tabel=...).
VERWIJZINGEN_EXPORTS = {
    "school": Export(
        "verwijzingen-per-school-{schooljaar}",
        (
            veld("school"),
            veld("bestuur"),
            uit_context("schooljaar"),
            *(veld(n) for n in ("leerlingen", "naar_sbo", "naar_so", "sbo_pct", "so_pct")),
        ),
    ),
    "bestuur": Export(
        "verwijzingen-{schooljaar}",
        (
            Kolom("bestuur", lambda r, c: r["bestuur"].naam),
            Kolom("nummer", lambda r, c: r["bestuur"].nummer),
            uit_context("schooljaar"),
            *(
                veld(n)
                for n in (
                    "leerlingen_bao",
                    "naar_sbo",
                    "naar_so",
                    "sbo_pct",
                    "so_pct",
                    "terugplaatsingen",
                )
            ),
        ),
    ),
    "swv": Export(
        "tlv-kengetallen-{schooljaar}",
        (
            Kolom("swv", lambda r, c: r["swv"].code),
            uit_context("schooljaar"),
            *(
                veld(n)
                for n in (
                    *berekeningen.TLV_SLEUTELS,
                    "doorlooptijd_mediaan_dagen",
                    "doorlooptijd_p90_dagen",
                )
            ),
        ),
    ),
}


# Thuiszitters --------------------------------------------------------------------------


def kwartaaloverzicht(qs, schooljaar: int) -> dict:
    """The cases of `qs` on the four peildata of the school year, by duration, with the
    bar chart of the same figures."""
    peildata = [peildatum(schooljaar, k) for k in (1, 2, 3, 4)]
    vandaag = timezone.localdate()
    # A peildatum still to come has no count yet (not a projection of today's cases).
    verstreken = [p for p in peildata if p <= vandaag]
    standen = berekeningen.thuiszitters_op(verstreken, qs)
    leeg = dict.fromkeys(
        ["kort", "middel", "lang", "totaal", "vrijstellingen", "vrijstellingen_5a"]
    )
    rijen = [
        (standen.get(p) or {**leeg, "peildatum": p}) | {"kwartaal": k}
        for k, p in enumerate(peildata, start=1)
    ]
    grafiek = staafgrafiek(
        titel=_("Thuiszitters per kwartaal %(jaar)s-%(volgend)s")
        % {"jaar": schooljaar, "volgend": schooljaar + 1},
        beschrijving=_(
            "Aantal per peildatum naar duur, en vrijstellingen; de tabel geeft dezelfde getallen."
        ),
        labels=[formats.kort(p) for p in peildata],
        reeksen=[
            Reeks(_("4 weken - 3 maanden"), [r["middel"] for r in rijen]),
            Reeks(_("meer dan 3 maanden"), [r["lang"] for r in rijen]),
            Reeks(_("vrijstellingen"), [r["vrijstellingen"] for r in rijen]),
        ],
    )
    return {"rijen": rijen, "grafiek": grafiek, "schooljaar": schooljaar}


# The quarterly table's download (rows: kwartaaloverzicht's; context: `schooljaar`).
THUISZITTERS_PER_KWARTAAL = Export(
    "thuiszitters-per-kwartaal-{schooljaar}",
    tuple(
        veld(n)
        for n in (
            "peildatum",
            "kort",
            "middel",
            "lang",
            "totaal",
            "vrijstellingen",
            "vrijstellingen_5a",
        )
    ),
)

# The register's download (rows: Thuiszitter cases, as filtered on the page).
THUISZITTERS = Export(
    "thuiszitters",
    (
        attribuut("nummer", "pk"),
        attribuut("swv", "swv.code"),
        attribuut("school", "school.naam"),
        attribuut("vestigingscode", "school.vestigingscode"),
        attribuut("soort", "get_type_display"),
        *(attribuut(n) for n in ("vrijstelling", "startdatum", "einddatum")),
        attribuut("status", "get_status_display"),
    ),
)


def kwartaal_begin(peildatum):
    """The first day of the (calendar) quarter that ends on the peildatum: 1 July, 1
    October, 1 January or 1 April."""
    return peildatum.replace(month=peildatum.month - 2, day=1)


def inspectie_registratie(qs, peildatum):
    """The cases of `qs` that ran during the quarter ending on the peildatum: started on
    or before the peildatum and not ended before the quarter began (resolved ones during
    the quarter included), with their duration class on the peildatum (`duur`), in the
    order of the registration."""
    begin = kwartaal_begin(peildatum)
    return (
        qs.filter(startdatum__lte=peildatum)
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=begin))
        .annotate(duur=berekeningen.duurklasse(peildatum))
        .order_by("startdatum", "id")
    )


# The quarterly anonymised registration for the inspectie (rows: inspectie_registratie's;
# context: `peildatum`). No pseudonym.
INSPECTIE = Export(
    "thuiszitters-inspectie-{peildatum}",
    (
        attribuut("volgnummer", "pk"),
        uit_context("peildatum"),
        attribuut("samenwerkingsverband", "swv.code"),
        attribuut("vestigingscode", "school.vestigingscode"),
        attribuut("soort_school", "school.get_soort_display"),
        attribuut("geboortejaar"),
        attribuut("soort_verzuim", "get_type_display"),
        Kolom(
            "artikel_vrijstelling",
            lambda t, c: Vrijstelling(t.vrijstelling).label if t.vrijstelling else "",
        ),
        *(attribuut(n) for n in ("startdatum", "einddatum")),
        attribuut("status", "get_status_display"),
        Kolom(
            "loopt_op_peildatum",
            lambda t, c: "ja" if t.einddatum is None or t.einddatum > c["peildatum"] else "nee",
        ),
        attribuut("duur_op_peildatum", "duur"),
    ),
)
