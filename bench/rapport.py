"""Writes bench/RESULTS.md from one run's figures: machine, date, commit, database, every
figure and ratio, and the targets of issue 15 marked met or not met."""

import os
import platform
import subprocess
from datetime import UTC, datetime
from pathlib import Path

# Targets of issue 15 (ratios, not milliseconds).
MAX_LIJST_VLOER = 3.0
MAX_LIJST_ADMIN = 1.0
MAX_DASHBOARD_VLOER = 5.0
MIN_MIX_DEEL = 1 / 5
MAX_IMPORT_INSERT = 2.0
MAX_PDF_PLAT = 1.2
MAX_HERHAALD_MS = 100.0  # "in milliseconds": a stored file, not a render
MAX_GROEI_KIB = 5 * 1024  # per worker, between two identical load runs


def machine() -> dict:
    kib = 0
    for regel in Path("/proc/meminfo").read_text().splitlines():
        if regel.startswith("MemTotal:"):
            kib = int(regel.split()[1])
    return {
        "cores": os.cpu_count(),
        "ram_gib": kib / 1024 / 1024,
        "python": platform.python_version(),
        "systeem": platform.platform(),
    }


def commit() -> str:
    basis = Path(__file__).resolve().parent.parent
    try:
        h = subprocess.run(
            ["git", "rev-parse", "HEAD"],  # noqa: S607
            cwd=basis,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        vuil = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],  # noqa: S607
            cwd=basis,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return f"{h[:12]}" + (" (with uncommitted changes in the working tree)" if vuil else "")


def _m(ok: bool | None) -> str:
    return "n/a" if ok is None else ("**met**" if ok else "**not met**")


def _ms(x: float) -> str:
    return f"{x:.1f}" if x < 100 else f"{x:.0f}"


def schrijven(pad: Path, r: dict) -> str:
    regels: list[str] = []
    w = regels.append
    mach = r["machine"]
    w("# Benchmark results\n")
    w(
        "Written by `python -m bench` (`make bench`); do not edit by hand, run it again. "
        "Pages are timed over real HTTP against gunicorn, interleaved with a floor view "
        "(signed in, one query of its own) and the Django admin over the same rows; the "
        "targets are ratios (issue 15), which hold better than milliseconds on a shared "
        "machine.\n"
    )
    w("| | |\n|---|---|")
    w(f"| command | `{r['commando']}` |")
    w(f"| date | {datetime.now(UTC):%Y-%m-%d %H:%M} UTC |")
    w(f"| commit | {commit()} |")
    w(
        f"| machine | {mach['cores']} cores, {mach['ram_gib']:.1f} GiB RAM, Python "
        f"{mach['python']}, {mach['systeem']} |"
    )
    la, lb = r["load_voor"], r["load_na"]
    w(
        f"| load average (1/5/15 min) | before {la[0]:.2f} / {la[1]:.2f} / {la[2]:.2f}, "
        f"after {lb[0]:.2f} / {lb[1]:.2f} / {lb[2]:.2f} |"
    )
    w(f"| database | {r['database']} |")
    w(f"| data | {r['data']} |")
    w(f"| server | gunicorn, {r['workers']} sync workers, DEBUG off, `bench.settings` |")
    w(f"| duration of this run | {r['duur_s'] / 60:.1f} min |")
    if r.get("opmerking"):
        w(f"\n{r['opmerking']}\n")
    doelen: list[tuple[str, str, bool | None]] = []

    lijst = r.get("paginas")
    if lijst:
        per_naam = {p.naam: p for p in lijst}
        vloer = per_naam["vloer"]
        w(f"\n## Pages over HTTP ({len(vloer.tijden)} interleaved rounds)\n")
        w(
            "Client-side time per request (Python http.client; gunicorn's sync workers close "
            "the connection after each response, so every request includes a TCP connect, "
            "for the floor as for the pages). Queries: one in-process request with the same "
            "settings and session.\n"
        )
        w(
            "| page | path | p50 ms | p95 ms | x floor (p50) | x admin (p50) | queries | KB | non-200 |"
        )
        w("|---|---|---:|---:|---:|---:|---:|---:|---:|")
        for p in lijst:
            admin = per_naam.get(p.admin)
            xv = p.p50 / vloer.p50
            xa = f"{p.p50 / admin.p50:.2f}" if admin else ""
            q = "" if p.queries is None else str(p.queries)
            w(
                f"| {p.naam} | `{p.pad}` | {_ms(p.p50)} | {_ms(p.p95)} | {xv:.1f} | {xa} | {q} "
                f"| {p.bytes / 1024:.0f} | {p.fouten} |"
            )
        for p in lijst:
            if p.soort in ("lijst", "zaak"):
                xv = p.p50 / vloer.p50
                doelen.append(
                    (
                        f"{p.naam}: p50 <= {MAX_LIJST_VLOER:g}x floor",
                        f"{xv:.1f}x",
                        xv <= MAX_LIJST_VLOER,
                    )
                )
                admin = per_naam.get(p.admin)
                if admin:
                    xa = p.p50 / admin.p50
                    doelen.append(
                        (
                            f"{p.naam}: p50 <= {MAX_LIJST_ADMIN:g}x {admin.naam}",
                            f"{xa:.2f}x",
                            xa <= MAX_LIJST_ADMIN,
                        )
                    )
            if p.soort == "dashboard":
                xv = p.p50 / vloer.p50
                doelen.append(
                    (
                        f"{p.naam}: p50 <= {MAX_DASHBOARD_VLOER:g}x floor",
                        f"{xv:.1f}x",
                        xv <= MAX_DASHBOARD_VLOER,
                    )
                )
        fout = sum(p.fouten for p in lijst)
        doelen.append(("no non-200 answer in the interleaved rounds", f"{fout}", fout == 0))

    last = r.get("last")
    if last:
        w(f"\n## Load test ({last['mix']['middel']}, {r['verbindingen']} connections)\n")
        w(
            "| run | seconds | requests | req/s | p50 ms | p95 ms | p99 ms | non-200 | socket errors |"
        )
        w("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for naam, sleutel in [
            ("page mix", "mix"),
            ("floor view", "vloer"),
            ("page mix again", "mix2"),
        ]:
            x = last.get(sleutel)
            if x:
                w(
                    f"| {naam} | {x['seconden']:.0f} | {x['verzoeken']} | {x['rps']:.1f} | "
                    f"{_ms(x['p50_ms'])} | {_ms(x['p95_ms'])} | {_ms(x['p99_ms'])} | "
                    f"{x['niet_200']} | {x['socketfouten']} |"
                )
        w(f"\nPage mix: {', '.join(f'`{p}`' for p in last['paden'])}.\n")
        deel = last["mix"]["rps"] / last["vloer"]["rps"] if last["vloer"]["rps"] else 0.0
        fouten = sum(
            last[k]["niet_200"] + last[k]["socketfouten"] for k in ("mix", "mix2") if k in last
        )
        doelen.append(
            (
                "page mix >= 1/5 of the floor's throughput",
                f"{last['mix']['rps']:.1f} / {last['vloer']['rps']:.1f} req/s"
                + f" = {deel:.2f} of the floor's",
                deel >= MIN_MIX_DEEL,
            )
        )
        doelen.append(("page mix with zero errors", f"{fouten}", fouten == 0))
        w("Worker memory (VmRSS from /proc/<pid>/status, MiB):\n")
        w(
            "| moment | "
            + " | ".join(f"worker {i + 1}" for i in range(len(last["rss"][0][1])))
            + " |"
        )
        w("|---|" + "---:|" * len(last["rss"][0][1]))
        for moment, rss in last["rss"]:
            w(f"| {moment} | " + " | ".join(f"{v / 1024:.1f}" for v in rss.values()) + " |")
        groei = last["groei_kib"]
        doelen.append(
            (
                "no worker memory growth (second identical mix run vs first, per worker)",
                ", ".join(f"{g / 1024:+.1f} MiB" for g in groei),
                bool(groei) and max(groei) <= MAX_GROEI_KIB,
            )
        )

    duo = r.get("duo")
    if duo:
        w(f"\n## National DUO import ({duo['database']}, a fresh database)\n")
        w(
            f"{duo['vestigingen']} vestigingen, {duo['tellingen']} tellingen; {duo['rijen']} rows added in {len(duo['tabellen'])} tables.\n"
        )
        w("| job | seconds | import / this |")
        w("|---|---:|---:|")
        w(f"| `import_duo`, first import | {duo['import_s']:.1f} | |")
        if "herimport_s" in duo:
            w(f"| `import_duo`, re-import (nothing changed) | {duo['herimport_s']:.1f} | |")
        w(
            f"| floor: batched INSERT (executemany, 5,000 a batch) of the same rows | {duo['insert_s']:.1f} | {duo['ratio_insert']:.1f}x |"
        )
        if "copy_s" in duo:
            w(f"| floor: COPY of the same rows | {duo['copy_s']:.1f} | {duo['ratio_copy']:.1f}x |")
        w(
            "\nRows per table: "
            + ", ".join(f"{t} {n}" for t, n in sorted(duo["tabellen"].items()))
            + "."
        )
        doelen.append(
            (
                f"DUO import <= {MAX_IMPORT_INSERT:g}x batched-insert floor ({duo['database']})",
                f"{duo['ratio_insert']:.1f}x",
                duo["ratio_insert"] <= MAX_IMPORT_INSERT,
            )
        )

    pdf = r.get("pdf")
    if pdf:
        w("\n## Plan PDF\n")
        w("| job | pages | seconds (median) | ratio |")
        w("|---|---:|---:|---:|")
        w(
            f"| plan PDF in-process (view-model, template, WeasyPrint, PDF/UA), {pdf['herhalingen']}x interleaved | {pdf['paginas']} | {pdf['pdf_s']:.2f} | {pdf['ratio']:.2f}x |"
        )
        w(
            f"| floor: WeasyPrint on plain HTML of the same text, a page per page | {pdf['paginas_vloer']} | {pdf['vloer_s']:.2f} | |"
        )
        http = pdf.get("http")
        if http:
            w(
                f"\nOver HTTP (`{http['pad']}`): first download {http['eerste_ms']:.0f} ms, repeated downloads of the same version {', '.join(f'{x:.0f}' for x in http['herhaald_ms'])} ms (median {http['herhaald_p50_ms']:.0f} ms), {http['kb']:.0f} KB, status {http['status']}, `{http['type']}`."
            )
        doelen.append(
            (
                f"plan PDF <= {MAX_PDF_PLAT:g}x WeasyPrint on plain HTML",
                f"{pdf['ratio']:.2f}x",
                pdf["ratio"] <= MAX_PDF_PLAT,
            )
        )
        if http:
            doelen.append(
                (
                    f"repeated download of the same plan version in milliseconds (<= {MAX_HERHAALD_MS:.0f} ms)",
                    f"{http['herhaald_p50_ms']:.0f} ms",
                    http["herhaald_p50_ms"] <= MAX_HERHAALD_MS,
                )
            )

    w("\n## Targets (issue 15)\n")
    w("| target | measured | |")
    w("|---|---|---|")
    for naam, waarde, ok in doelen:
        w(f"| {naam} | {waarde} | {_m(ok)} |")
    gehaald = sum(1 for *_, ok in doelen if ok)
    w(f"\n{gehaald} of {len(doelen)} targets met.")
    if r.get("notities"):
        w("\n## Notes\n")
        for n in r["notities"]:
            w(f"- {n}")
    tekst = "\n".join(regels) + "\n"
    pad.write_text(tekst)
    return tekst
