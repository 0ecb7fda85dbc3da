"""Numbers the Dutch way, in one place: a decimal comma, no exponent, no trailing zeros
unless asked for ("12,5", "7", "0,25"). Pages, PDFs, messages and chart labels use it;
amounts of money are `euro()` (the `|euro` template filter): a currency sign, thousands
separators and two decimals."""

from decimal import ROUND_HALF_UP, Decimal

LEEG = "–"
NBSP = "\u00a0"


def getal(waarde, *, decimalen: int | None = None, max_decimalen: int | None = None) -> str:
    """`decimalen`: exactly that many ("3,50"); `max_decimalen`: at most that many, trailing
    zeros dropped ("3,5"); neither: as many as the value has. None gives '–'."""
    if waarde is None:
        return LEEG
    d = Decimal(str(waarde)) if not isinstance(waarde, Decimal) else waarde
    if decimalen is not None:
        d = d.quantize(Decimal(1).scaleb(-decimalen), rounding=ROUND_HALF_UP)
        tekst = f"{d:f}"
    else:
        if max_decimalen is not None:
            d = d.quantize(Decimal(1).scaleb(-max_decimalen), rounding=ROUND_HALF_UP)
        tekst = f"{d.normalize():f}" if d != 0 else "0"
    return tekst.replace(".", ",")


def procent(waarde, *, max_decimalen: int = 1) -> str:
    """'12,5%', '7%'; None gives ''."""
    return "" if waarde is None else f"{getal(waarde, max_decimalen=max_decimalen)}%"


def euro(bedrag) -> str:
    """Dutch notation with the euro sign: € 132.380,00. The space after the sign is a
    no-break space, so a page or PDF never wraps "€" away from its number. None gives ''."""
    if bedrag is None or bedrag == "":
        return ""
    afgerond = Decimal(str(bedrag)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    teken = "-" if afgerond < 0 else ""
    heel, cent = f"{abs(afgerond):.2f}".split(".")
    groepen = []
    while heel:
        groepen.insert(0, heel[-3:])
        heel = heel[:-3]
    return f"€{NBSP}{teken}{'.'.join(groepen)},{cent}"
