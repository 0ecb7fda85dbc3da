"""Numbers the Dutch way, in one place: a decimal comma, no exponent, no trailing zeros
unless asked for ("12,5", "7", "0,25"). Pages, PDFs, messages and chart labels use it;
amounts of money have their own format (kpi/verantwoording/bedragen.py) because they
carry a currency sign and thousands separators."""

from decimal import ROUND_HALF_UP, Decimal

LEEG = "–"


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
