"""Server-side SVG charts: the same markup in the browser and in WeasyPrint PDFs.

Presentation attributes only (fill, stroke, font-size...): no `style=""` and no script, so
the strict CSP holds and WeasyPrint draws them as-is. Every chart carries <title> and
<desc> (role="img", aria-labelledby) and is meant to sit next to a data table with the
same numbers: the chart is a picture of the table, never the only place a number is.
Series differ in marker shape and dash pattern as well as colour (not by colour alone).
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import count

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .getallen import getal

# Colour-blind-safe palette (Okabe-Ito, darkened for contrast on white).
KLEUREN = ["#14506e", "#c2410c", "#047857", "#7c3aed", "#a16207", "#be185d"]
STREEP = ["", "6 4", "2 3", "8 3 2 3"]
VORMEN = ["cirkel", "vierkant", "ruit", "driehoek"]
_volgnummer = count(1)


@dataclass
class Reeks:
    naam: str
    waarden: Sequence[Decimal | float | int | None]
    kleur: str | None = None
    stippel: bool = False  # a target line, drawn dashed without markers
    extra: dict = field(default_factory=dict)


def _getal(w) -> float | None:
    return None if w is None else float(w)


def _fmt(w: float) -> str:
    return getal(w, max_decimalen=2)


def _schaal(waarden: list[float], y_min, y_max) -> tuple[float, float, list[float]]:
    """Axis range and grid values: round steps (1, 2, 2.5, 5 x 10^n), about four of them."""
    laag = min(waarden + [0.0]) if y_min is None else float(y_min)
    hoog = max(waarden + [1.0]) if y_max is None else float(y_max)
    if hoog <= laag:
        hoog = laag + 1
    stap = _mooie_stap((hoog - laag) / 4)
    if y_max is None:
        hoog = laag + stap * -(-(hoog - laag) // stap)
    n = max(1, round((hoog - laag) / stap))
    if y_max is not None and abs(laag + n * stap - hoog) > 1e-9:
        # A fixed scale (a score of 1-10, ja/nee) keeps its own ends.
        return laag, hoog, [laag + (hoog - laag) * j / 4 for j in range(5)]
    return laag, hoog, [laag + stap * j for j in range(n + 1)]


def _mooie_stap(ruw: float) -> float:
    if ruw <= 0:
        return 1.0
    macht = 10 ** int(f"{ruw:e}".split("e")[1])
    for f in (1, 2, 2.5, 5, 10):
        if ruw <= f * macht:
            return f * macht
    return 10 * macht


def _marker(vorm: str, x: float, y: float, kleur: str) -> str:
    if vorm == "vierkant":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{kleur}"/>'
    if vorm == "ruit":
        return (
            f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} '
            f'{x - 5:.1f},{y:.1f}" fill="{kleur}"/>'
        )
    if vorm == "driehoek":
        return (
            f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y + 4:.1f} {x - 5:.1f},{y + 4:.1f}"'
            f' fill="{kleur}"/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{kleur}"/>'


def _kop(titel: str, beschrijving: str, breedte: int, hoogte: int) -> tuple[str, str]:
    nr = next(_volgnummer)
    tid, did = f"grafiek-{nr}-titel", f"grafiek-{nr}-desc"
    kop = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grafiek" viewBox="0 0 {breedte} {hoogte}"'
        f' width="{breedte}" height="{hoogte}" role="img" aria-labelledby="{tid} {did}"'
        f' font-family="Source Sans 3, Segoe UI, sans-serif" font-size="12">'
        f'<title id="{tid}">{escape(titel)}</title><desc id="{did}">{escape(beschrijving)}</desc>'
    )
    return kop, "</svg>"


def lijngrafiek(
    *,
    titel: str,
    beschrijving: str,
    labels: Sequence[str],
    reeksen: Sequence[Reeks],
    eenheid: str = "",
    y_min=None,
    y_max=None,
    breedte: int = 560,
    hoogte: int = 220,
) -> SafeString:
    """A line chart of `reeksen` over `labels` (e.g. school years). Missing values (None)
    break the line. Returns SVG markup, safe to put in a template with {{ }}."""
    links, rechts, boven, onder = 48, 12, 12, 48
    pw, ph = breedte - links - rechts, hoogte - boven - onder
    alle = [v for r in reeksen for v in map(_getal, r.waarden) if v is not None]
    laag, hoog, raster = _schaal(alle, y_min, y_max)
    n = max(len(labels), 1)

    def px(i):
        return links + (pw * (i + 0.5) / n)

    def py(v):
        return boven + ph - (v - laag) / (hoog - laag) * ph

    kop, staart = _kop(titel, beschrijving, breedte, hoogte)
    delen = [kop]
    # Grid and axis labels.
    for v in raster:
        y = py(v)
        delen.append(
            f'<line x1="{links}" y1="{y:.1f}" x2="{breedte - rechts}" y2="{y:.1f}"'
            f' stroke="#dbe4e9" stroke-width="1"/>'
            f'<text x="{links - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#44525a">'
            f"{escape(_fmt(v))}{escape(eenheid)}</text>"
        )
    for i, label in enumerate(labels):
        delen.append(
            f'<text x="{px(i):.1f}" y="{boven + ph + 16}" text-anchor="middle" fill="#1d2327">'
            f"{escape(label)}</text>"
        )
    # Series.
    for k, reeks in enumerate(reeksen):
        kleur = reeks.kleur or KLEUREN[k % len(KLEUREN)]
        streep = "5 4" if reeks.stippel else STREEP[k % len(STREEP)]
        vorm = VORMEN[k % len(VORMEN)]
        punten = [(px(i), py(v)) for i, v in enumerate(map(_getal, reeks.waarden)) if v is not None]
        stukken, huidig = [], []
        for i, v in enumerate(map(_getal, reeks.waarden)):
            if v is None:
                if huidig:
                    stukken.append(huidig)
                huidig = []
            else:
                huidig.append(f"{px(i):.1f},{py(v):.1f}")
        if huidig:
            stukken.append(huidig)
        dash = f' stroke-dasharray="{streep}"' if streep else ""
        for stuk in stukken:
            if len(stuk) > 1:
                delen.append(
                    f'<polyline points="{" ".join(stuk)}" fill="none" stroke="{kleur}"'
                    f' stroke-width="{2 if reeks.stippel else 2.5}"{dash}/>'
                )
        if not reeks.stippel:
            delen.extend(_marker(vorm, x, y, kleur) for x, y in punten)
        else:
            delen.extend(
                f'<line x1="{x - 8:.1f}" y1="{y:.1f}" x2="{x + 8:.1f}" y2="{y:.1f}"'
                f' stroke="{kleur}" stroke-width="2"/>'
                for x, y in punten
            )
    delen.append(_legenda(reeksen, links, hoogte - 12))
    delen.append(staart)
    return mark_safe("".join(delen))  # noqa: S308 - every text and number above is escaped


def _legenda(reeksen: Sequence[Reeks], x: float, y: float) -> str:
    delen = []
    for k, reeks in enumerate(reeksen):
        kleur = reeks.kleur or KLEUREN[k % len(KLEUREN)]
        if reeks.stippel:
            teken = (
                f'<line x1="{x:.1f}" y1="{y - 4:.1f}" x2="{x + 16:.1f}" y2="{y - 4:.1f}"'
                f' stroke="{kleur}" stroke-width="2" stroke-dasharray="5 4"/>'
            )
        else:
            teken = _marker(VORMEN[k % len(VORMEN)], x + 8, y - 4, kleur)
        delen.append(
            f'{teken}<text x="{x + 22:.1f}" y="{y:.1f}" fill="#1d2327">{escape(reeks.naam)}</text>'
        )
        x += 30 + 6.5 * len(reeks.naam)
    return "".join(delen)


def staafgrafiek(
    *,
    titel: str,
    beschrijving: str,
    labels: Sequence[str],
    reeksen: Sequence[Reeks],
    breedte: int = 560,
    hoogte: int = 220,
) -> SafeString:
    """Grouped bars per label (e.g. thuiszitters per kwartaal per bucket), value on top."""
    links, rechts, boven, onder = 40, 12, 16, 48
    pw, ph = breedte - links - rechts, hoogte - boven - onder
    alle = [v for r in reeksen for v in map(_getal, r.waarden) if v is not None]
    laag, hoog, raster = _schaal(alle, 0, None)
    n, m = max(len(labels), 1), max(len(reeksen), 1)
    groep = pw / n
    staaf = groep * 0.8 / m
    kop, staart = _kop(titel, beschrijving, breedte, hoogte)
    delen = [kop]
    for v in raster:
        y = boven + ph - (v - laag) / (hoog - laag) * ph
        delen.append(
            f'<line x1="{links}" y1="{y:.1f}" x2="{breedte - rechts}" y2="{y:.1f}"'
            f' stroke="#dbe4e9" stroke-width="1"/>'
            f'<text x="{links - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#44525a">'
            f"{escape(_fmt(v))}</text>"
        )
    for i, label in enumerate(labels):
        delen.append(
            f'<text x="{links + groep * (i + 0.5):.1f}" y="{boven + ph + 16}"'
            f' text-anchor="middle" fill="#1d2327">{escape(label)}</text>'
        )
        for k, reeks in enumerate(reeksen):
            v = _getal(reeks.waarden[i]) if i < len(reeks.waarden) else None
            if v is None:
                continue
            kleur = reeks.kleur or KLEUREN[k % len(KLEUREN)]
            h = (v - laag) / (hoog - laag) * ph
            x = links + groep * i + groep * 0.1 + staaf * k
            delen.append(
                f'<rect x="{x:.1f}" y="{boven + ph - h:.1f}" width="{staaf:.1f}" height="{h:.1f}"'
                f' fill="{kleur}"/><text x="{x + staaf / 2:.1f}" y="{boven + ph - h - 3:.1f}"'
                f' text-anchor="middle" fill="#1d2327" font-size="11">{escape(_fmt(v))}</text>'
            )
    delen.append(_legenda(reeksen, links, hoogte - 12))
    delen.append(staart)
    return mark_safe("".join(delen))  # noqa: S308 - every text and number above is escaped
