"""Builders for plans in tests. `volledig_plan` passes every completeness check; leave
chapters out (`weglaten`) or override texts (`teksten`) to make a deficient one."""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from ondersteuningsplan.models import (
    Hoofdstuk,
    Kpi,
    KpiType,
    Ondersteuningsplan,
    Ontwikkelactie,
    Speerpunt,
    Streefwaarde,
    VademecumDocument,
)
from swv.models import Samenwerkingsverband

# One chapter per requirement, each naming what the inspectie looks for.
HOOFDSTUKTEKSTEN = {
    "a": ("Basisondersteuning", "Elke school biedt basisondersteuning volgens vier ankerpunten."),
    "b": ("Samenhangend geheel", "Het samenhangend geheel van ondersteuningsvoorzieningen."),
    "c": ("Middelen", "Het allocatiemodel is het scholenmodel; de meerjarenbegroting staat in de bijlage."),
    "d": ("Toelaatbaarheid", "De criteria en het deskundigenadvies van twee deskundigen."),
    "e": ("Terugplaatsing", "Bij afloop van de TLV volgt terugplaatsing of overplaatsing."),
    "f-kwalitatief": ("Kwalitatieve resultaten", "Beoogde en bereikte kwalitatieve resultaten."),
    "f-kwantitatief": ("Kwantitatieve resultaten", "Beoogde en bereikte kwantitatieve resultaten."),
    "g": ("Ouders", "Ouders krijgen informatie; onafhankelijke steun via onderwijsconsulenten en de geschillencommissie."),
    "h": ("Bekostiging SBO en SO", "De bekostiging van SBO en SO."),
    "i": ("Groei", "De groei van het SO na de teldatum wordt verrekend."),
    "j": ("Privacy", "Persoonsgegevens volgens de AVG."),
    "thuiszitters": ("Thuiszitters", "Beginsituatie op peildatum 1 oktober: 12. Beoogd resultaat: 0. Plan van aanpak: knooppunt."),
}  # fmt: skip


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = Ondersteuningsplan
        skip_postgeneration_save = True

    titel = factory.Sequence(lambda n: f"Testplan {n}")
    startjaar = 2027
    eindjaar = 2030
    missie = "Elk kind een passende plek."
    visie = "Zo inclusief mogelijk.\nThuisnabij."
    strategie = "Samen met gemeenten."

    @factory.post_generation
    def samenwerkingsverbanden(self, create, extracted, **kwargs):
        if create:
            self.samenwerkingsverbanden.set(
                extracted
                if extracted is not None
                else Samenwerkingsverband.objects.filter(code__in=["PO3104", "PO3105", "PO3106"])
            )


def volledig_plan(*, weglaten=(), teksten=None, speerpunten=2, kpis_per_speerpunt=2, **kwargs):
    plan = PlanFactory(**kwargs)
    teksten = {**HOOFDSTUKTEKSTEN, **(teksten or {})}
    for n, (code, (titel, tekst)) in enumerate(teksten.items(), 1):
        if code in weglaten:
            continue
        Hoofdstuk.objects.create(plan=plan, volgorde=n, titel=titel, tekst=tekst, eisen=[code])
    for s in range(speerpunten):
        sp = Speerpunt.objects.create(
            plan=plan, code=chr(65 + s), titel=f"Speerpunt {s}", volgorde=s,
            resultaatgebied="Leerlingen", beoogde_resultaten="Minder thuiszitters.",
        )  # fmt: skip
        for k in range(kpis_per_speerpunt):
            kpi = Kpi.objects.create(
                speerpunt=sp, naam=f"KPI {s}.{k}", type=KpiType.AANTAL, meetmethode="Telling",
                frequentie="1 x per jaar", bron="Registratie", volgorde=k,
            )  # fmt: skip
            Streefwaarde.objects.bulk_create(
                Streefwaarde(kpi=kpi, schooljaar=j, comparator="<", waarde=Decimal(10 - i))
                for i, j in enumerate(plan.schooljaren)
            )
        Ontwikkelactie.objects.create(
            speerpunt=sp, omschrijving=f"Actie {s}", van_schooljaar=plan.startjaar,
            tot_schooljaar=plan.eindjaar, proceseigenaar="Directeur",
        )  # fmt: skip
    VademecumDocument.objects.create(plan=plan, titel="Privacyreglement", status="vastgesteld")
    return plan
