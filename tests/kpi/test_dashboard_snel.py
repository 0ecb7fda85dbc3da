"""Issue 15: the KPI dashboard is one compact table per plan (status per KPI and year, no
charts inline), its query count does not grow with the data, and computed figures are
cached per source, SWV and school year under a data version that every change raises."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kpi import gegevensversie
from kpi.models import Gegevensversie, Thuiszitter
from kpi.reports import dashboard
from swv.models import School
from tests.factories.kpi import KpiFactory, MetingFactory, ThuiszitterFactory
from tests.kpi.hulp import pagina_met


def _thuis_2022(db, plan) -> str:
    (pb,) = [p for p in db.plannen if p.plan.pk == plan.pk]
    (regel,) = [r for sb in pb.speerpunten for r in sb.kpis if r.kpi.pk == plan.kpi["thuis"].pk]
    return regel.jaren[0].waarde


def _school(zl_swvs):
    return School.objects.filter(swv=zl_swvs[0], soort="BAO").first()


def _zonder_signaal(school, n, start=date(2022, 9, 1)):
    """Thuiszitters written as a bulk import would: no model signals, no version raised."""
    Thuiszitter.objects.bulk_create(
        [
            Thuiszitter(
                school=school,
                swv_id=school.swv_id,
                pseudoniem=f"B.{i}",
                geboortejaar=2014,
                type="relatief",
                startdatum=start,
            )
            for i in range(n)
        ]
    )


def test_dashboard_is_een_tabel_en_de_grafiek_staat_op_de_kpi_pagina(als, plan):
    c = als("medewerker")
    html = pagina_met(c, plan).content.decode()
    assert "<svg" not in html
    assert "kpi-overzicht" in html and 'scope="colgroup"' in html
    assert "2022-2023" in html and "Aantal thuiszittende leerlingen" in html
    kpi_url = reverse("kpi:kpi-detail", args=[plan.kpi["thuis"].pk])
    assert kpi_url in html
    detail = c.get(kpi_url).content.decode()
    assert detail.count("<svg") == 1 and 'role="img"' in detail


def test_aantal_queries_groeit_niet_met_de_gegevens(als, plan, zl_swvs):
    from django.core.cache import cache

    c = als("medewerker")
    url = reverse("kpi:index")
    c.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as weinig:
        assert c.get(url).status_code == 200
    school = _school(zl_swvs)
    _zonder_signaal(school, 40)
    for i in range(15):
        kpi = KpiFactory(speerpunt=plan.kpi["klachten"].speerpunt, naam=f"Extra {i}")
        for jaar in (2022, 2023, 2024):
            MetingFactory(kpi=kpi, schooljaar=jaar)
    cache.clear()
    with CaptureQueriesContext(connection) as veel:
        assert c.get(url).status_code == 200
    assert len(veel) == len(weinig)


def test_berekende_cijfers_uit_de_cache_tot_de_bron_verandert(plan, gebruiker, zl_swvs):
    mw = gebruiker("medewerker")
    _zonder_signaal(_school(zl_swvs), 2)  # a register in use in 2022 (not a fresh commit)
    with CaptureQueriesContext(connection) as koud:
        eerst = _thuis_2022(dashboard(mw), plan)
    # Nothing changed: served from the cache (fewer queries), the same figure.
    with CaptureQueriesContext(connection) as warm:
        assert _thuis_2022(dashboard(mw), plan) == eerst
    assert len(warm) < len(koud)
    # Rows written without signals and without a new version: the cache still answers
    # (which shows the figures really come from it) ...
    _zonder_signaal(_school(zl_swvs), 3)
    assert _thuis_2022(dashboard(mw), plan) == eerst
    # ... and the new version after a committed change makes them unreachable.
    gegevensversie.ophogen([gegevensversie.THUISZITTERS])
    assert int(_thuis_2022(dashboard(mw), plan)) == int(eerst) + 3


def test_cache_slaat_de_figuren_per_versie_op(plan, gebruiker):
    mw = gebruiker("medewerker")
    dashboard(mw)
    with CaptureQueriesContext(connection) as al_gecachet:
        dashboard(mw)
    gegevensversie.ophogen(gegevensversie.ALLE)
    with CaptureQueriesContext(connection) as na_ophogen:
        dashboard(mw)
    with CaptureQueriesContext(connection) as warm:
        dashboard(mw)
    # A new version fetches the figures again; then they are cached again.
    assert len(na_ophogen) > len(warm) and len(al_gecachet) == len(warm)


def test_een_wijziging_verhoogt_de_versie_na_de_commit_eenmaal(
    gebruiker, zl_swvs, django_capture_on_commit_callbacks
):
    def versie():
        return gegevensversie.versies().get(gegevensversie.THUISZITTERS, 0)

    voor = versie()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        for i in range(3):
            ThuiszitterFactory(school=_school(zl_swvs), startdatum=date(2022, 9, 1 + i))
        # Not before the commit: a rollback would leave a version for data never saved.
        assert versie() == voor
    assert len(callbacks) == 1
    assert versie() == voor + 1
    assert Gegevensversie.objects.get(bron="thuiszitters").versie == voor + 1


def test_eigen_onvastgelegde_wijziging_leest_niet_uit_de_cache(plan, gebruiker, zl_swvs):
    """Inside the transaction that changed the register (not committed yet), the figures
    are computed afresh and not kept: they may still be rolled back."""
    mw = gebruiker("medewerker")
    _zonder_signaal(_school(zl_swvs), 2)
    eerst = int(_thuis_2022(dashboard(mw), plan))
    for i in range(2):
        ThuiszitterFactory(school=_school(zl_swvs), startdatum=date(2022, 9, 1 + i))
    assert gegevensversie.THUISZITTERS in gegevensversie.onvastgelegd()
    assert int(_thuis_2022(dashboard(mw), plan)) == eerst + 2


@pytest.mark.parametrize("bestuur", [False, True])
def test_gecachte_cijfers_gelijk_aan_vers_berekende(plan, gebruiker, zl_swvs, bestuur):
    from swv.models import Schoolbestuur

    mw = gebruiker("medewerker")
    b = Schoolbestuur.objects.get(nummer="41506") if bestuur else None
    vers = dashboard(mw, bestuur=b)
    uit_cache = dashboard(mw, bestuur=b)

    def cijfers(db):
        return [
            (r.kpi.pk, [(j.waarde, j.bestuur_waarde, j.status) for j in r.jaren])
            for pb in db.plannen
            for sb in pb.speerpunten
            for r in sb.kpis
        ]

    assert cijfers(vers) == cijfers(uit_cache)
