"""The beslistermijn on real calendar dates: N working days after the loket meeting,
skipping weekends, feestdagen (Goede Vrijdag, Paasmaandag, Koningsdag, Kerst) and the
gelijkgestelde dagen passed in."""

from datetime import date

import pytest

from ondersteuning.termijnen import besluit_uiterlijk, werkdagen_later

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("overleg", "werkdagen", "gelijkgesteld", "uiterlijk"),
    [
        # An ordinary week: Monday -> next Monday.
        (date(2026, 6, 8), 5, (), date(2026, 6, 15)),
        # Thursday before Easter 2026: Goede Vrijdag 3 April and Paasmaandag 6 April skip.
        (date(2026, 4, 2), 5, (), date(2026, 4, 13)),
        # Friday before Koningsdag on Monday 27 April 2026 (and 5 mei, a Tuesday, too).
        (date(2026, 4, 24), 5, (), date(2026, 5, 4)),
        (date(2026, 4, 24), 6, (), date(2026, 5, 6)),
        # Koningsdag 2027 on a Tuesday; with the Monday before gelijkgesteld.
        (date(2027, 4, 23), 5, (), date(2027, 5, 3)),
        (date(2027, 4, 23), 5, (date(2027, 4, 26),), date(2027, 5, 4)),
        # Christmas 2026: Friday 25 December; 26 December is a Saturday.
        (date(2026, 12, 23), 5, (), date(2026, 12, 31)),
        # A meeting held on a Saturday counts from the next working day on.
        (date(2026, 6, 13), 1, (), date(2026, 6, 15)),
        (date(2026, 6, 13), 0, (), date(2026, 6, 15)),
    ],
)
def test_besluit_uiterlijk(overleg, werkdagen, gelijkgesteld, uiterlijk):
    assert besluit_uiterlijk(overleg, werkdagen, gelijkgesteld) == uiterlijk


def test_default_is_five_working_days():
    assert besluit_uiterlijk(date(2026, 6, 8)) == werkdagen_later(date(2026, 6, 8), 5)
