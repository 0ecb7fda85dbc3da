"""The benchmark harness (bench/) on tiny data: it serves the pages with gunicorn, signs
in, asks every page over HTTP next to the floor and the admin, load-tests with wrk (or
threads) and writes a results file with the targets marked."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench import rapport
from bench.paginas import Pagina

BASIS = Path(__file__).resolve().parents[2]


@pytest.mark.bench
def test_snel_run_measures_every_page_over_http_and_writes_the_results(tmp_path):
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SWV_BENCH_DATABASE_URL")
    }
    env["SWV_BENCH_DATA_DIR"] = str(tmp_path)
    uit = tmp_path / "RESULTS.md"
    run = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "bench", "--snel", "paginas", "last", "--rondes", "1",
         "--seconden", "2", "--uit", str(uit)],
        cwd=BASIS, env=env, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    tekst = uit.read_text()
    # Every page answered 200 to the signed-in (two-factor verified) session: no redirect
    # to the login or code page, no error.
    assert "| no non-200 answer in the interleaved rounds | 0 | **met** |" in tekst
    for naam in ("vloer", "admin changelist", "TLV-zaak", "KPI-dashboard", "dekkend netwerk"):
        assert f"| {naam} |" in tekst
    assert "## Load test" in tekst and "| floor view |" in tekst
    assert "**Reduced size**" in tekst
    # The servers are gone when the run ends (no process left with this run's folder).
    assert not [
        d.name
        for d in Path("/proc").iterdir()
        if d.name.isdigit() and str(tmp_path).encode() in _omgeving(d)
    ]


def _omgeving(proc: Path) -> bytes:
    try:
        return (proc / "environ").read_bytes()
    except OSError:
        return b""


def _pagina(naam, ms, **kw):
    p = Pagina(naam, f"/{naam}/", **kw)
    p.tijden = [ms] * 3
    return p


def test_targets_are_marked_from_the_ratios(tmp_path):
    lijst = [
        _pagina("vloer", 10, soort="vloer"),
        _pagina("admin changelist", 40, beheer=True),
        _pagina("snelle lijst", 25, soort="lijst", admin="admin changelist"),
        _pagina("trage lijst", 35, soort="lijst", admin="admin changelist"),
        _pagina("KPI-dashboard", 60, soort="dashboard"),
    ]
    r = {
        "commando": "python -m bench",
        "machine": {"cores": 2, "ram_gib": 8, "python": "3.11", "systeem": "Linux"},
        "load_voor": (1, 1, 1),
        "load_na": (1, 1, 1),
        "database": "SQLite",
        "data": "klein",
        "workers": 2,
        "verbindingen": 16,
        "duur_s": 60,
        "paginas": lijst,
    }
    tekst = rapport.schrijven(tmp_path / "R.md", r)
    assert "| snelle lijst: p50 <= 3x floor | 2.5x | **met** |" in tekst
    assert "| trage lijst: p50 <= 3x floor | 3.5x | **not met** |" in tekst
    assert "| trage lijst: p50 <= 1x admin changelist | 0.88x | **met** |" in tekst
    assert "| KPI-dashboard: p50 <= 5x floor | 6.0x | **not met** |" in tekst
