"""Section-by-section comparison of two versions of a plan (difflib, word level)."""

import difflib
import re
from dataclasses import dataclass, field

_WOORDEN = re.compile(r"\S+|\n")


@dataclass
class Sectieverschil:
    sleutel: str
    titel: str
    soort: str  # "gelijk", "gewijzigd", "nieuw", "vervallen"
    stukken: list[tuple[str, str]] = field(default_factory=list)  # (gelijk|weg|erbij, tekst)


def _stukken(oud: str, nieuw: str) -> list[tuple[str, str]]:
    a, b = _WOORDEN.findall(oud or ""), _WOORDEN.findall(nieuw or "")
    uit = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            uit.append(("gelijk", " ".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            uit.append(("weg", " ".join(a[i1:i2])))
        if op in ("insert", "replace"):
            uit.append(("erbij", " ".join(b[j1:j2])))
    return uit


def vergelijken(oud: list[dict], nieuw: list[dict]) -> list[Sectieverschil]:
    """Compare two section lists ({sleutel, titel, tekst}); order follows the newer one,
    removed sections follow at the end."""
    oud_per = {s["sleutel"]: s for s in oud}
    nieuw_sleutels = {s["sleutel"] for s in nieuw}
    uit = []
    for s in nieuw:
        o = oud_per.get(s["sleutel"])
        if o is None:
            uit.append(Sectieverschil(s["sleutel"], s["titel"], "nieuw", [("erbij", s["tekst"])]))
        elif o["tekst"] == s["tekst"] and o["titel"] == s["titel"]:
            uit.append(Sectieverschil(s["sleutel"], s["titel"], "gelijk"))
        else:
            stukken = _stukken(f"{o['titel']}\n{o['tekst']}", f"{s['titel']}\n{s['tekst']}")
            uit.append(Sectieverschil(s["sleutel"], s["titel"], "gewijzigd", stukken))
    for o in oud:
        if o["sleutel"] not in nieuw_sleutels:
            uit.append(Sectieverschil(o["sleutel"], o["titel"], "vervallen", [("weg", o["tekst"])]))
    return uit
