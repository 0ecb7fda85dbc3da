"""Factories for KPI tests: their own plan, speerpunt and KPIs (never the plan demo)."""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from kpi.models import Meting, Thuiszitter
from ondersteuningsplan.models import Kpi, Ondersteuningsplan, Speerpunt, Streefwaarde
from tests.factories import SchoolFactory


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = Ondersteuningsplan
        skip_postgeneration_save = True

    titel = factory.Sequence(lambda n: f"Testplan {n}")
    startjaar = 2022
    eindjaar = 2025

    @factory.post_generation
    def swvs(self, create, extracted, **kwargs):
        if create and extracted:
            self.samenwerkingsverbanden.set(extracted)


class SpeerpuntFactory(DjangoModelFactory):
    class Meta:
        model = Speerpunt

    plan = factory.SubFactory(PlanFactory)
    code = factory.Sequence(lambda n: chr(65 + n % 26) + str(n))
    titel = factory.Sequence(lambda n: f"Speerpunt {n}")


class KpiFactory(DjangoModelFactory):
    class Meta:
        model = Kpi

    speerpunt = factory.SubFactory(SpeerpuntFactory)
    naam = factory.Sequence(lambda n: f"KPI {n}")
    type = "aantal"
    richting = "lager"


class StreefwaardeFactory(DjangoModelFactory):
    class Meta:
        model = Streefwaarde

    kpi = factory.SubFactory(KpiFactory)
    schooljaar = 2022
    comparator = "<"
    waarde = Decimal("10")


class MetingFactory(DjangoModelFactory):
    class Meta:
        model = Meting

    kpi = factory.SubFactory(KpiFactory)
    schooljaar = 2022
    kwartaal = 0
    waarde = Decimal("5")


class ThuiszitterFactory(DjangoModelFactory):
    class Meta:
        model = Thuiszitter

    school = factory.SubFactory(SchoolFactory)
    swv = factory.LazyAttribute(lambda o: o.school.swv)
    pseudoniem = factory.Sequence(lambda n: f"T.{n}")
    geboortejaar = 2014
    type = "relatief"
    vrijstelling = ""
    startdatum = datetime.date(2025, 1, 6)
    status = "lopend"
