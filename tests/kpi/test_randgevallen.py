"""Issue 14, KPI/thuiszitters: the inspectie export holds the quarter's cases only, an
action cannot predate its registration, and the dashboard's "Nog geen meting" is the
home page's count of KPIs without a meting."""

import io
from datetime import date

import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from kpi.aandacht import aandachtspunten
from kpi.models import ThuiszitterActie
from kpi.reports import dashboard
from swv.demo import innovo_school
from tests.factories.kpi import MetingFactory, ThuiszitterFactory


def test_inspectie_export_alleen_wat_in_het_kwartaal_liep(als):
    """2024 K3 is 1 January - 31 March 2025."""
    school = innovo_school()
    geval = {
        "voor_het_kwartaal_geeindigd": ThuiszitterFactory(
            school=school, startdatum=date(2024, 9, 2), einddatum=date(2024, 12, 31), status="terug"
        ),
        "op_de_eerste_dag_geeindigd": ThuiszitterFactory(
            school=school, startdatum=date(2024, 9, 2), einddatum=date(2025, 1, 1), status="terug"
        ),
        "erna_begonnen": ThuiszitterFactory(school=school, startdatum=date(2025, 4, 1)),
        "op_de_peildatum_begonnen": ThuiszitterFactory(school=school, startdatum=date(2025, 3, 31)),
        "lopend": ThuiszitterFactory(school=school, startdatum=date(2024, 11, 4)),
    }
    r = als("medewerker").get(
        reverse("kpi:inspectie-export"), {"schooljaar": "2024", "kwartaal": "3"}
    )
    nummers = {rij[0] for rij in list(load_workbook(io.BytesIO(r.content)).active.values)[1:]}
    erin = {naam for naam, t in geval.items() if t.pk in nummers}
    assert erin == {"op_de_eerste_dag_geeindigd", "op_de_peildatum_begonnen", "lopend"}


def test_actie_van_voor_de_start_geweigerd_met_melding_bij_het_veld(als):
    t = ThuiszitterFactory(school=innovo_school(), startdatum=date(2025, 1, 6))
    url = reverse("kpi:thuiszitter-actie-nieuw", args=[t.pk])
    c = als("ib-innovo")
    actie = {"omschrijving": "Gesprek met ouders.", "betrokkenen": "ouders"}
    r = c.post(url, {**actie, "datum": "2025-01-05"})
    assert r.status_code == 200
    form = r.context["actie_form"]
    assert "voor de start van deze registratie (6 januari 2025)" in form.errors["datum"][0]
    assert "is-invalid" in r.content.decode()
    assert not ThuiszitterActie.objects.filter(thuiszitter=t).exists()
    # On the start date itself it is accepted.
    assert c.post(url, {**actie, "datum": "2025-01-06"}).status_code == 302
    assert ThuiszitterActie.objects.get(thuiszitter=t).datum == date(2025, 1, 6)


def _thuispagina_telling(user) -> int:
    punt = next((p for p in aandachtspunten(user) if "zonder meting" in p.titel), None)
    return int(punt.titel.split()[0]) if punt else 0


@time_machine.travel(date(2026, 11, 23), tick=False)
def test_nog_geen_meting_is_op_dashboard_en_thuispagina_hetzelfde(plan, gebruiker, als):
    mw = gebruiker("medewerker")
    thuis = _thuispagina_telling(mw)
    assert thuis >= 3  # at least the test plan's three hand-measured KPIs (2025-2026)
    db = dashboard(mw)
    assert db.peiljaar == 2025 and db.zonder_meting == thuis
    assert sum(pb.telling["geen_meting"] for pb in db.plannen) == thuis
    (testplan,) = [pb for pb in db.plannen if pb.plan.pk == plan.pk]
    assert testplan.telling["geen_meting"] == 3
    html = als("medewerker").get(reverse("kpi:index")).content.decode()
    assert f"{thuis} KPI's zonder meting over 2025-2026" in html
    # A meting over 2025 takes one off both.
    MetingFactory(kpi=plan.kpi["klachten"], schooljaar=2025)
    assert _thuispagina_telling(mw) == thuis - 1 == dashboard(mw).zonder_meting
