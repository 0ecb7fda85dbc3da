"""A bounded load test with wrk (Debian's `wrk`): a page mix (a Lua script rotating the
paths, with the session cookie) and the floor view, 16 connections for a fixed time each.
Without wrk, a thread pool of the bench's own HTTP clients does the same (said so in the
results). Non-200 answers (a redirect to the login page included) count as errors."""

import re
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

LUA = """
local paden = {%(paden)s}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) i = 0; fout = 0 end
request = function()
  i = i %% #paden + 1
  return wrk.format("GET", paden[i], {["Cookie"] = "sessionid=%(sleutel)s"})
end
response = function(status, headers, body)
  if status ~= 200 then fout = fout + 1 end
end
function done(summary, latency, requests)
  local n = 0
  for _, t in ipairs(threads) do n = n + t:get("fout") end
  local e = summary.errors
  io.write(string.format("BENCH %%d %%d %%d %%d %%d %%d %%d %%d %%f %%f %%f\\n",
    summary.requests, summary.duration, n, e.connect, e.read, e.write, e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def wrk_beschikbaar() -> bool:
    return shutil.which("wrk") is not None


def belasten(
    poort: int, paden: list[str], sleutel: str, *, verbindingen: int, seconden: int
) -> dict:
    if wrk_beschikbaar():
        return _wrk(poort, paden, sleutel, verbindingen, seconden)
    return _threads(poort, paden, sleutel, verbindingen, seconden)


def _wrk(poort, paden, sleutel, verbindingen, seconden) -> dict:
    script = LUA % {"paden": ", ".join(f'"{p}"' for p in paden), "sleutel": sleutel}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script)
    try:
        uit = subprocess.run(  # noqa: S603
            [  # noqa: S607
                "wrk",
                "-t2",
                f"-c{verbindingen}",
                f"-d{seconden}s",
                "--timeout",
                "30s",
                "-s",
                f.name,
                f"http://127.0.0.1:{poort}{paden[0]}",
            ],
            capture_output=True,
            text=True,
            timeout=seconden + 60,
        ).stdout
    finally:
        Path(f.name).unlink(missing_ok=True)
    m = re.search(r"^BENCH (.+)$", uit, re.M)
    if not m:
        raise RuntimeError(f"wrk gaf geen uitkomst:\n{uit}")
    w = m.group(1).split()
    n, duur_us, fout = int(w[0]), int(w[1]), int(w[2])
    socket = sum(int(x) for x in w[3:7])
    return {
        "middel": "wrk",
        "verzoeken": n,
        "seconden": duur_us / 1e6,
        "rps": n / (duur_us / 1e6),
        "niet_200": fout,
        "socketfouten": socket,
        "p50_ms": float(w[8]) / 1000,
        "p95_ms": float(w[9]) / 1000,
        "p99_ms": float(w[10]) / 1000,
    }


def _threads(poort, paden, sleutel, verbindingen, seconden) -> dict:
    from bench.server import Klant

    tijden, fouten, socket = [], [0], [0]
    slot = threading.Lock()
    einde = time.monotonic() + seconden

    def werk(k: int):
        klant, i = Klant(poort, sleutel, timeout=30), k
        eigen = []
        while time.monotonic() < einde:
            try:
                status, _, ms = klant.get(paden[i % len(paden)])
            except OSError:
                with slot:
                    socket[0] += 1
                klant.sluiten()
                continue
            eigen.append(ms)
            if status != 200:
                with slot:
                    fouten[0] += 1
            i += 1
        with slot:
            tijden.extend(eigen)

    start = time.monotonic()
    draden = [threading.Thread(target=werk, args=(k,)) for k in range(verbindingen)]
    for d in draden:
        d.start()
    for d in draden:
        d.join(seconden + 60)
    duur = time.monotonic() - start
    tijden.sort()
    pct = lambda q: tijden[min(len(tijden) - 1, int(q * len(tijden)))] if tijden else 0.0  # noqa: E731
    return {
        "middel": "Python-threads (wrk ontbreekt)",
        "verzoeken": len(tijden),
        "seconden": duur,
        "rps": len(tijden) / duur,
        "niet_200": fouten[0],
        "socketfouten": socket[0],
        "p50_ms": pct(0.5),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
    }
