"""The plan as one view-model, shared by the plan page, the toets and the PDF; the plan
page's procedure panel; the reactienota's download.

Everything is loaded up front with a fixed number of queries (prefetches), so the page
and the PDF cost the same whatever the plan's size.
"""

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone

from swv.exports import Export, Kolom
from swv.pdf import html_naar_pdf

from . import services
from .models import DocumentSoort, Ondersteuningsplan, PlanStatus
from .selectors import (
    gemeenten_van,
    hoofdstukken_van,
    oogo_van,
    opmerkingen_van,
    overgangen_van,
    speerpunten_met_kpis,
)
from .vereisten import EISEN_PER_CODE, toetsen

# The statuses a plan passes, shown as the procedure's progress on the plan page.
FASEN = [
    PlanStatus.CONCEPT,
    PlanStatus.CONSULTATIE,
    PlanStatus.TER_INSTEMMING,
    PlanStatus.VASTGESTELD,
    PlanStatus.BIJ_INSPECTIE,
    PlanStatus.GEPUBLICEERD,
]


@dataclass
class Agendajaar:
    jaar: int
    label: str
    regels: list = field(default_factory=list)  # (speerpunt, [acties])


@dataclass
class PlanInhoud:
    plan: Ondersteuningsplan
    samenwerkingsverbanden: list
    speerpunten: list
    hoofdstukken: list
    vademecum: list
    bijlagen: list
    agenda: list
    toets: list
    jaren: list
    # The procedure the plan went through: the OPR's decisions (newest first) and the
    # latest OOGO per gemeente of the region ((gemeente, overleg or None) in name order).
    opr_besluiten: list = field(default_factory=list)
    oogo_rijen: list = field(default_factory=list)
    oogo: list = field(default_factory=list)

    @property
    def toets_voldaan(self) -> bool:
        return all(u.voldaan for u in self.toets)

    @property
    def aantal_tekortkomingen(self) -> int:
        return sum(1 for u in self.toets if not u.voldaan)


def plan_inhoud(plan: Ondersteuningsplan) -> PlanInhoud:
    speerpunten = speerpunten_met_kpis(plan)
    hoofdstukken = hoofdstukken_van(plan)
    for h in hoofdstukken:
        h.eisen_lijst = [EISEN_PER_CODE[c] for c in (h.eisen or []) if c in EISEN_PER_CODE]
    documenten = list(plan.documenten.order_by("soort", "volgorde", "id"))
    agenda = []
    for jaar, label in plan.schooljaar_labels:
        regels = []
        for sp in speerpunten:
            acties = [a for a in sp.acties.all() if a.gepland_in(jaar)]
            if acties:
                regels.append((sp, acties))
        agenda.append(Agendajaar(jaar, label, regels))
    for sp in speerpunten:
        for k in sp.kpis.all():
            per_jaar = {s.schooljaar: s for s in k.streefwaarden.all()}
            k.per_jaar = [per_jaar.get(j) for j in plan.schooljaren]
    oogo = oogo_van(plan)
    laatste_oogo = {}
    for o in sorted(oogo, key=lambda o: (o.datum, o.pk)):
        laatste_oogo[o.gemeente_id] = o
    return PlanInhoud(
        opr_besluiten=list(plan.opr_besluiten.select_related("versie").order_by("-datum", "-id")),
        oogo_rijen=[(g, laatste_oogo.get(g.pk)) for g in gemeenten_van(plan)],
        oogo=oogo,
        plan=plan,
        samenwerkingsverbanden=list(plan.samenwerkingsverbanden.order_by("code")),
        speerpunten=speerpunten,
        hoofdstukken=hoofdstukken,
        vademecum=[d for d in documenten if d.soort == DocumentSoort.VADEMECUM],
        bijlagen=[d for d in documenten if d.soort == DocumentSoort.BIJLAGE],
        agenda=agenda,
        toets=toetsen(plan, hoofdstukken, speerpunten),
        jaren=plan.schooljaar_labels,
    )


def plan_html(plan: Ondersteuningsplan, *, met_toets: bool = True) -> str:
    inhoud = plan_inhoud(plan)
    return render_to_string(
        "ondersteuningsplan/pdf/plan.html",
        {"i": inhoud, "plan": plan, "met_toets": met_toets, "gemaakt_op": timezone.localdate()},
    )


def plan_pdf(plan: Ondersteuningsplan, *, met_toets: bool = True) -> bytes:
    return html_naar_pdf(plan_html(plan, met_toets=met_toets))


def plan_pagina(plan: Ondersteuningsplan) -> dict:
    """The plan page apart from what the user may do (stappen.acties): the content, the
    OPR's comments per section, the latest OOGO per gemeente, what still blocks the next
    step, the versions, decisions and the timeline."""
    inhoud = plan_inhoud(plan)
    opmerkingen = opmerkingen_van(plan)
    per_sectie = {}
    for o in opmerkingen:
        per_sectie.setdefault(o.sectie, []).append(o)
    blokkades = {}
    if plan.status in (PlanStatus.CONCEPT, PlanStatus.CONSULTATIE):
        blokkades["voorleggen"] = services.ontbrekend_voor_instemming(
            plan, speerpunten=inhoud.speerpunten, hoofdstukken=inhoud.hoofdstukken
        )
    if plan.status == PlanStatus.TER_INSTEMMING:
        blokkades["vaststellen"] = services.blokkades_vaststelling(plan)
    return {
        "plan": plan,
        "i": inhoud,
        "fasen": [(s, s.label) for s in FASEN],
        "blokkades": blokkades,
        "opmerkingen_per_sectie": per_sectie,
        "aantal_opmerkingen": len(opmerkingen),
        "open_opmerkingen": sum(1 for o in opmerkingen if not o.antwoord),
        "oogo_rijen": inhoud.oogo_rijen,
        "oogo": inhoud.oogo,
        "opr_besluiten": inhoud.opr_besluiten,
        "versies": list(plan.versies.order_by("-nummer")),
        "geschiedenis": overgangen_van(plan),
        "vorige": plan.vorige_versie,
    }


# The reactienota's download (rows: (number, comment) from 1, in the order of the page).
REACTIENOTA = Export(
    "reactienota-{titel}",
    (
        Kolom("Nr", lambda rij, c: rij[0]),
        Kolom("Versie", lambda rij, c: rij[1].versie.nummer if rij[1].versie else ""),
        Kolom("Onderdeel", lambda rij, c: rij[1].sectie_titel),
        Kolom("Opmerking", lambda rij, c: rij[1].tekst),
        Kolom("Datum", lambda rij, c: rij[1].geplaatst_op.date()),
        Kolom("Reactie", lambda rij, c: rij[1].antwoord),
        Kolom("Verwerkt", lambda rij, c: "ja" if rij[1].verwerkt else "nee"),
    ),
)
