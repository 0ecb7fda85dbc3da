"""The SWV's own term for a decision on an ondersteuningsvraag (not law): N working days
after the loket meeting. Pure functions; working days skip weekends, the algemeen erkende
feestdagen and the gelijkgestelde dagen the caller passes in (toelaatbaarheid.termijnen)."""

from collections.abc import Collection
from datetime import date, timedelta

from toelaatbaarheid.termijnen import is_vrije_dag, volgende_werkdag

DAG = timedelta(days=1)


def werkdagen_later(start: date, werkdagen: int, gelijkgesteld: Collection[date] = ()) -> date:
    """The `werkdagen`-th working day after `start` (`start` itself does not count; 0:
    `start`, or the next working day when `start` is free)."""
    dag = start
    if werkdagen <= 0:
        return volgende_werkdag(dag, gelijkgesteld)
    for _ in range(werkdagen):
        dag = volgende_werkdag(dag + DAG, gelijkgesteld)
    return dag


def besluit_uiterlijk(
    overleg: date, werkdagen: int = 5, gelijkgesteld: Collection[date] = ()
) -> date:
    """Last day on which the SWV decides on a vraag discussed at the loket meeting on
    `overleg`: `werkdagen` working days later."""
    return werkdagen_later(overleg, werkdagen, gelijkgesteld)


__all__ = ["besluit_uiterlijk", "werkdagen_later", "is_vrije_dag"]
