"""One Dutch number format (swv/getallen.py)."""

from decimal import Decimal

import pytest

from swv.getallen import getal, procent


@pytest.mark.parametrize(
    ("waarde", "kwargs", "verwacht"),
    [
        (Decimal("12.50"), {}, "12,5"),
        (Decimal("7.00"), {}, "7"),
        (Decimal("1E+2"), {}, "100"),
        (0, {}, "0"),
        (Decimal("0.00"), {}, "0"),
        (3.14159, {"max_decimalen": 2}, "3,14"),
        (2.0, {"max_decimalen": 2}, "2"),
        (2.5, {"decimalen": 2}, "2,50"),
        (Decimal("2.345"), {"decimalen": 2}, "2,35"),
        (-1.5, {}, "-1,5"),
        (None, {}, "–"),
    ],
)
def test_getal(waarde, kwargs, verwacht):
    assert getal(waarde, **kwargs) == verwacht


def test_procent():
    assert procent(Decimal("12.34")) == "12,3%"
    assert procent(Decimal("7")) == "7%"
    assert procent(None) == ""


def test_euro_met_vaste_spatie_en_duizendtallen():
    from decimal import Decimal

    from swv.getallen import euro

    assert euro(Decimal("132380")) == "€\u00a0132.380,00"
    assert euro(Decimal("-1234.565")) == "€\u00a0-1.234,57"
    assert euro(0) == "€\u00a00,00" and euro(None) == ""
