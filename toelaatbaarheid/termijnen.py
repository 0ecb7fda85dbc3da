"""Legal and SWV terms: pure functions over dates (no database, no clock).

Law (domain.md): Awb 4:13 (beslistermijn 8 weeks), 6:7/6:8 (bezwaartermijn 6 weeks from
the day after dispatch), 7:2 (hearing invitation > 10 days ahead), 7:10 (beslistermijn op
bezwaar 6 or 12 weeks from the end of the bezwaartermijn, once extendable by 6), the LBT
reglement (referral within 14 days) and the Algemene termijnenwet: a statutory term that
ends on a Saturday, Sunday, algemeen erkende feestdag or gelijkgestelde dag ends on the
next day that is none of these (art. 1); a term of at least three days contains at least
two working days (art. 2).

Convention: a term of N weeks/days that starts on day S ends on S + 7N - 1 (resp. S + N - 1).
Gelijkgestelde dagen come from the database table; callers pass them in
(`gelijkgestelde_dagen()` reads them) so every function here stays pure.
"""

import calendar
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from swv.schooljaar import schooljaar_periode, schooljaar_van

DAG = timedelta(days=1)


# Feestdagen -----------------------------------------------------------------------------


def pasen(jaar: int) -> date:
    """Easter Sunday (Gregorian computus, the anonymous 'Meeus/Jones/Butcher' algorithm)."""
    a = jaar % 19
    b, c = divmod(jaar, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    maand, dag = divmod(h + ell - 7 * m + 114, 31)
    return date(jaar, maand, dag + 1)


def koningsdag(jaar: int) -> date:
    """27 April; 26 April when the 27th is a Sunday."""
    dag = date(jaar, 4, 27)
    return dag - DAG if dag.weekday() == 6 else dag


def feestdagen(jaar: int) -> dict[date, str]:
    """Algemeen erkende feestdagen of the Algemene termijnenwet (art. 3 lid 1), incl.
    Goede Vrijdag and 5 mei every year (domain.md)."""
    p = pasen(jaar)
    return {
        date(jaar, 1, 1): "Nieuwjaarsdag",
        p - 2 * DAG: "Goede Vrijdag",
        p: "Eerste Paasdag",
        p + DAG: "Tweede Paasdag",
        koningsdag(jaar): "Koningsdag",
        date(jaar, 5, 5): "Bevrijdingsdag",
        p + 39 * DAG: "Hemelvaartsdag",
        p + 49 * DAG: "Eerste Pinksterdag",
        p + 50 * DAG: "Tweede Pinksterdag",
        date(jaar, 12, 25): "Eerste Kerstdag",
        date(jaar, 12, 26): "Tweede Kerstdag",
    }


def gelijkgesteld_patroon(jaar: int) -> dict[date, str]:
    """The decree's usual pattern (seed for the editable table, not law by itself): the
    Friday after Hemelvaartsdag, and a Monday before / Friday after a feestdag that falls
    on a Tuesday / Thursday (not for days already free)."""
    dagen = {pasen(jaar) + 40 * DAG: "Vrijdag na Hemelvaartsdag"}
    vrij = feestdagen(jaar)
    for dag, naam in vrij.items():
        if dag.weekday() == 1:  # Tuesday -> the Monday before
            dagen.setdefault(dag - DAG, f"Maandag vóór {naam}")
        elif dag.weekday() == 3 and naam != "Hemelvaartsdag":  # Thursday -> Friday after
            dagen.setdefault(dag + DAG, f"Vrijdag na {naam}")
    return {d: n for d, n in dagen.items() if d not in vrij and d.weekday() < 5}


@lru_cache(maxsize=64)
def _vrije_dagen(jaar: int) -> frozenset[date]:
    return frozenset(feestdagen(jaar))


def is_vrije_dag(dag: date, gelijkgesteld: Collection[date] = ()) -> bool:
    return dag.weekday() >= 5 or dag in _vrije_dagen(dag.year) or dag in gelijkgesteld


def volgende_werkdag(dag: date, gelijkgesteld: Collection[date] = ()) -> date:
    while is_vrije_dag(dag, gelijkgesteld):
        dag += DAG
    return dag


# Terms ----------------------------------------------------------------------------------


def _wettelijk_einde(start: date, einde: date, gelijkgesteld: Collection[date]) -> date:
    """Apply art. 1 (end on a free day moves on) and art. 2 (a term of at least three
    days holds at least two working days) of the Algemene termijnenwet."""
    einde = volgende_werkdag(einde, gelijkgesteld)
    if (einde - start).days + 1 >= 3:
        while (
            sum(
                1
                for i in range((einde - start).days + 1)
                if not is_vrije_dag(start + i * DAG, gelijkgesteld)
            )
            < 2
        ):
            einde = volgende_werkdag(einde + DAG, gelijkgesteld)
    return einde


def termijn_einde(
    start: date,
    *,
    weken: int = 0,
    dagen: int = 0,
    gelijkgesteld: Collection[date] = (),
    wettelijk: bool = True,
) -> date:
    """Last day of a term that starts on `start` (inclusive). A statutory term
    (`wettelijk`) is extended under the Algemene termijnenwet; an SWV's own target term
    is not."""
    einde = start + timedelta(days=7 * weken + dagen - 1)
    return _wettelijk_einde(start, einde, gelijkgesteld) if wettelijk else einde


def beslistermijn_aanvraag(
    ontvangen: date, *, verdaagd_tot: date | None = None, gelijkgesteld: Collection[date] = ()
) -> date:
    """Awb 4:13: eight weeks after receipt (the term starts the day after), unless a 4:14
    notice set a later date."""
    einde = termijn_einde(ontvangen + DAG, weken=8, gelijkgesteld=gelijkgesteld)
    if verdaagd_tot and verdaagd_tot > einde:
        return verdaagd_tot
    return einde


def bezwaartermijn_einde(verzonden: date, *, gelijkgesteld: Collection[date] = ()) -> date:
    """Awb 6:7/6:8: six weeks from the day after the beschikking was sent."""
    return termijn_einde(verzonden + DAG, weken=6, gelijkgesteld=gelijkgesteld)


def bezwaar_tijdig(
    ontvangen: date, verzonden: date, *, gelijkgesteld: Collection[date] = ()
) -> bool:
    return ontvangen <= bezwaartermijn_einde(verzonden, gelijkgesteld=gelijkgesteld)


def lbt_doorsturen_uiterlijk(ontvangen: date, *, gelijkgesteld: Collection[date] = ()) -> date:
    """LBT reglement: the bezwaar goes to the LBT within 14 days of receipt."""
    return termijn_einde(ontvangen + DAG, dagen=14, gelijkgesteld=gelijkgesteld)


def beslistermijn_bezwaar(
    verzonden: date,
    *,
    adviescommissie_gemeld: bool,
    verdaagd: bool = False,
    gelijkgesteld: Collection[date] = (),
) -> date:
    """Awb 7:10: counted from the day after the bezwaartermijn ended; 12 weeks when an
    advisory committee is used and the parties were told, else 6; once +6 weeks."""
    start = bezwaartermijn_einde(verzonden, gelijkgesteld=gelijkgesteld) + DAG
    weken = (12 if adviescommissie_gemeld else 6) + (6 if verdaagd else 0)
    return termijn_einde(start, weken=weken, gelijkgesteld=gelijkgesteld)


def hoorzitting_uitnodiging_ok(uitnodiging: date, hoorzitting: date) -> bool:
    """Awb 7:2 practice: the invitation goes out more than ten days before the hearing."""
    return (hoorzitting - uitnodiging).days > 10


# Dwangsom (Awb 4:17) --------------------------------------------------------------------


def dwangsom(ingebrekestelling: date, peildatum: date) -> int:
    """Euros forfeited by `peildatum` when the decision is late: from two weeks after the
    written ingebrekestelling, EUR 23/day for days 1-14, 35 for days 15-28, 45 after,
    for at most 42 days."""
    eerste = ingebrekestelling + timedelta(days=15)
    dagen = min(42, max(0, (peildatum - eerste).days + 1))
    return sum(23 if d <= 14 else 35 if d <= 28 else 45 for d in range(1, dagen + 1))


# SWV terms (not statutory) --------------------------------------------------------------


def advies_uiterlijk(gevraagd: date, weken: int) -> date:
    return termijn_einde(gevraagd + DAG, weken=weken, wettelijk=False)


def herbeoordeling_aanvraag_uiterlijk(einddatum: date, *, maand: int = 4, dag: int = 15) -> date:
    """The SWV's application deadline for a herbeoordeling of a TLV ending on `einddatum`:
    the configured day (commonly 15 April) before the einddatum."""
    kandidaat = date(einddatum.year, maand, dag)
    if kandidaat >= einddatum:
        kandidaat = date(einddatum.year - 1, maand, dag)
    return kandidaat


def standaard_einddatum(ingangsdatum: date, schooljaren: int = 2) -> date:
    """31 July of the school year `schooljaren` after the start (1 Aug - 31 Jul years)."""
    return schooljaar_periode(schooljaar_van(ingangsdatum) + schooljaren - 1)[1]


@dataclass(frozen=True)
class Termijn:
    omschrijving: str
    datum: date
    eigenaar: str  # who has to act
    wettelijk: bool = True
    url: str = ""

    def te_laat(self, vandaag: date) -> bool:
        return vandaag > self.datum


def gelijkgestelde_dagen() -> frozenset[date]:
    """The editable table (the only database read in this module)."""
    from .models import GelijkgesteldeDag

    return frozenset(GelijkgesteldeDag.objects.values_list("datum", flat=True))


def nazorg_datum(terugplaatsing: date, *, weken: int = 0, maanden: int = 0) -> date:
    """A nazorg moment `weken` weeks or `maanden` calendar months after the terugplaatsing
    (a policy term of the SWV, not law): 31 January + 1 month = 28/29 February."""
    if maanden:
        maand = terugplaatsing.month - 1 + maanden
        jaar, maand = terugplaatsing.year + maand // 12, maand % 12 + 1
        laatste = calendar.monthrange(jaar, maand)[1]
        return date(jaar, maand, min(terugplaatsing.day, laatste))
    return terugplaatsing + timedelta(weeks=weken)
