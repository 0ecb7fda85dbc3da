"""The zorgplicht term of an aanmelding: pure functions over dates (no database, no clock).

Source: domain.md, "Zorgplicht" (WPO art. 40; WVO and WEC have the same rule) [sector]:
the bevoegd gezag of the school where the pupil was registered in writing decides
**within six weeks after receipt** of the written aanmelding, and may extend that term
**once by at most four weeks**. Past ten weeks without a decision, sector guidance says the
pupil has a right to a temporary place at the school of aanmelding until a fitting place
is found [sector, check wording].

Two choices, made here once:

- **The term starts on the day after receipt.** "Binnen zes weken na ontvangst" is counted
  as Awb 4:13 counts "na ontvangst" (`toelaatbaarheid.termijnen.beslistermijn_aanvraag`):
  an aanmelding received on day D runs from D + 1; with domain.md's convention (a term
  of N weeks that starts on S ends on S + 7N - 1) six weeks end on D + 42, the same
  weekday as the receipt.
- **The Algemene termijnenwet applies.** The six weeks (and the extended term) are a term
  set in a formal law (the WPO/WVO), which is what Atw art. 1 lid 1 covers: a term that
  ends on a Saturday, Sunday, algemeen erkende feestdag or gelijkgestelde dag runs on to
  the next day that is none of these. School holidays do not stop the term (neither the
  WPO nor the Atw says so). The extended term is counted again from the receipt (6 + n
  weeks), not from the extended end of the first term, so a Christmas shift is not
  added twice. The ten-week point is the end of the longest possible term (6 + 4 weeks).

The Atw arithmetic itself is `toelaatbaarheid.termijnen.termijn_einde`; callers pass the
gelijkgestelde dagen in (`toelaatbaarheid.termijnen.gelijkgestelde_dagen()` reads them).
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

from toelaatbaarheid.termijnen import termijn_einde

DAG = timedelta(days=1)
BESLISTERMIJN_WEKEN = 6
MAX_VERLENGING_WEKEN = 4
UITERSTE_WEKEN = BESLISTERMIJN_WEKEN + MAX_VERLENGING_WEKEN


def termijn_start(ontvangen: date) -> date:
    """The first day of the term: the day after the written aanmelding was received."""
    return ontvangen + DAG


def uiterste_beslisdatum(
    ontvangen: date, *, verlenging_weken: int = 0, gelijkgesteld: Collection[date] = ()
) -> date:
    """The last day to decide: six weeks after receipt, or 6 + n weeks after an extension
    by n (1-4) weeks; extended under the Algemene termijnenwet."""
    if not 0 <= verlenging_weken <= MAX_VERLENGING_WEKEN:
        raise ValueError("verlenging_weken ligt tussen 0 en 4")
    return termijn_einde(
        termijn_start(ontvangen),
        weken=BESLISTERMIJN_WEKEN + verlenging_weken,
        gelijkgesteld=gelijkgesteld,
    )


def tien_weken_einde(ontvangen: date, *, gelijkgesteld: Collection[date] = ()) -> date:
    """The last day of the longest possible term (6 + 4 weeks). From the day after it, a
    pupil without a decision has a right to a temporary place [sector]."""
    return uiterste_beslisdatum(
        ontvangen, verlenging_weken=MAX_VERLENGING_WEKEN, gelijkgesteld=gelijkgesteld
    )


def verlenging_op_tijd(
    verlengd_op: date, ontvangen: date, *, gelijkgesteld: Collection[date] = ()
) -> bool:
    """An extension is made within the first term (it extends a running term)."""
    return ontvangen <= verlengd_op <= uiterste_beslisdatum(ontvangen, gelijkgesteld=gelijkgesteld)


@dataclass(frozen=True)
class Stand:
    """Where an aanmelding stands on `vandaag`: the deadline, days left (negative: days
    late), past the deadline, past ten weeks."""

    deadline: date
    tien_weken: date
    dagen_over: int
    te_laat: bool
    tien_weken_voorbij: bool

    @property
    def dagen_te_laat(self) -> int:
        return max(0, -self.dagen_over)


def stand(deadline: date, tien_weken: date, vandaag: date) -> Stand:
    return Stand(
        deadline=deadline,
        tien_weken=tien_weken,
        dagen_over=(deadline - vandaag).days,
        te_laat=vandaag > deadline,
        tien_weken_voorbij=vandaag > tien_weken,
    )
