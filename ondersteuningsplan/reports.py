"""The plan as one view-model, shared by the plan page, the toets and the PDF.

Everything is loaded up front with a fixed number of queries (prefetches), so the page
and the PDF cost the same whatever the plan's size.
"""

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone

from swv.pdf import html_naar_pdf

from .models import DocumentSoort, Ondersteuningsplan
from .selectors import hoofdstukken_van, speerpunten_met_kpis
from .vereisten import EISEN_PER_CODE, toetsen


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
    return PlanInhoud(
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
