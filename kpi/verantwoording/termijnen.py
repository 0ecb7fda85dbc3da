"""How late a report is: pure functions over dates (no clock, no queries).

A report is on time when it is submitted on or before the round's deadline (the whole
deadline day counts, in Europe/Amsterdam: the caller passes `timezone.localdate`).
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclass(frozen=True)
class Vertraging:
    """Days after the deadline (always > 0) and the whole calendar months in them."""

    dagen: int
    maanden: int

    def __str__(self) -> str:
        dagen = ngettext("%(n)s dag", "%(n)s dagen", self.dagen) % {"n": self.dagen}
        if self.maanden < 1:
            return dagen
        maanden = ngettext("ruim %(n)s maand", "ruim %(n)s maanden", self.maanden) % {
            "n": self.maanden
        }
        return _("%(dagen)s (%(maanden)s)") % {"dagen": dagen, "maanden": maanden}


def hele_maanden(van: date, tot: date) -> int:
    """Whole calendar months from `van` to `tot` (tot >= van): 31 January to 28 February
    is 0, to 1 March is 1."""
    maanden = (tot.year - van.year) * 12 + (tot.month - van.month)
    if tot.day < van.day:
        maanden -= 1
    return max(maanden, 0)


def te_laat(deadline: date, datum: date) -> Vertraging | None:
    """None when `datum` is on or before `deadline`; else how late."""
    dagen = (datum - deadline).days
    if dagen <= 0:
        return None
    return Vertraging(dagen=dagen, maanden=hele_maanden(deadline, datum))
