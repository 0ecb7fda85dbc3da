"""Euro amounts and percentages in Dutch notation, as besturen type them.

Accepted: "€ 132.380,00", "132380", "1.000", "12,50", "250.000,-". A dot is only a
thousands separator (groups of three digits), a comma only the decimal separator (at most
two decimals). Anything else is refused with a message that says how to write it, rather
than guessed: "12.5" could mean twelve and a half or be a typo for 12.500.
"""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from swv.getallen import NBSP, euro, procent

from .models import BEDRAG_MAX

_SPATIES = re.compile(r"[\s\u00a0\u202f]+")
_MET_PUNTEN = re.compile(r"^\d{1,3}(\.\d{3})+(,\d{1,2})?$")
_ZONDER_PUNTEN = re.compile(r"^\d+(,\d{1,2})?$")
_PERCENTAGE = re.compile(r"^\d{1,3}(,\d)?$")


def bedrag_parsen(invoer: str | None) -> Decimal | None:
    """The amount in `invoer`, or None when it is empty. Raises ValidationError (Dutch)."""
    tekst = _SPATIES.sub("", invoer or "")
    tekst = tekst.removeprefix("€").removeprefix("EUR").removeprefix("eur")
    if tekst.endswith((",-", ",--")):
        tekst = tekst.rsplit(",", 1)[0]
    if not tekst:
        return None
    if tekst.startswith("-") or tekst.startswith("−"):
        raise ValidationError(_("Een bedrag kan niet negatief zijn."), code="negatief")
    if not (_MET_PUNTEN.match(tekst) or _ZONDER_PUNTEN.match(tekst)):
        raise ValidationError(
            _(
                "“%(invoer)s” is geen geldig bedrag. Schrijf bijvoorbeeld € 132.380,00 of 132380: "
                "punten alleen tussen duizendtallen, een komma voor de centen (hoogstens twee)."
            ),
            code="ongeldig",
            params={"invoer": (invoer or "").strip()[:40]},
        )
    bedrag = Decimal(tekst.replace(".", "").replace(",", "."))
    if bedrag > BEDRAG_MAX:
        raise ValidationError(_("Dit bedrag is te groot."), code="te_groot")
    return bedrag.quantize(Decimal("0.01"))


def bedrag_weergeven(bedrag: Decimal | None) -> str:
    """Dutch notation with the euro sign (swv.getallen.euro): € 132.380,00."""
    return euro(bedrag)


def bedrag_invoer(bedrag: Decimal | None) -> str:
    """The value to put back in a form field (same notation with a plain space, so a
    copied value pastes anywhere; the parser accepts both)."""
    return bedrag_weergeven(bedrag).replace(NBSP, " ")


def niet_besteed(ontvangen: Decimal, aangewend: Decimal) -> Decimal | None:
    """The part of the received lumpsum not (yet) accounted as spent, when there is one.
    The form says the lumpsum must be spent in full: a warning, not a refusal (the bestuur
    may explain it, and a report is saved half-done)."""
    rest = (ontvangen or Decimal(0)) - (aangewend or Decimal(0))
    return rest if rest > 0 else None


def percentage_parsen(invoer: str | None) -> Decimal | None:
    """A percentage 0-100 with at most one decimal ("99", "83,5", "96 %")."""
    tekst = _SPATIES.sub("", invoer or "").removesuffix("%")
    if not tekst:
        return None
    if tekst.startswith(("-", "−")):
        raise ValidationError(_("Een percentage kan niet negatief zijn."), code="negatief")
    if not _PERCENTAGE.match(tekst):
        raise ValidationError(
            _("Vul een percentage in als heel getal of met één decimaal, bijvoorbeeld 96 of 83,5."),
            code="ongeldig",
        )
    waarde = Decimal(tekst.replace(",", "."))
    if waarde > 100:
        raise ValidationError(_("Een percentage ligt tussen 0 en 100."), code="te_groot")
    return waarde


def percentage_weergeven(waarde: Decimal | None) -> str:
    return procent(waarde)
