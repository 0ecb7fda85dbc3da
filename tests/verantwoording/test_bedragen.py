"""Euro amounts and percentages in Dutch notation: what besturen type, and what is refused."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from kpi.verantwoording.bedragen import (
    bedrag_invoer,
    bedrag_parsen,
    bedrag_weergeven,
    percentage_parsen,
    percentage_weergeven,
)


@pytest.mark.parametrize(
    "invoer, verwacht",
    [
        ("€ 132.380,00", Decimal("132380.00")),
        ("€  511.599,00", Decimal("511599.00")),
        ("132380", Decimal("132380.00")),
        ("1.000", Decimal("1000.00")),
        ("12,50", Decimal("12.50")),
        ("12,5", Decimal("12.50")),
        ("0", Decimal("0.00")),
        ("€250.000,-", Decimal("250000.00")),
        ("EUR 43.500", Decimal("43500.00")),
        ("1.234.567,89", Decimal("1234567.89")),
        ("\u00a0€\u00a0750.000 ", Decimal("750000.00")),
    ],
)
def test_goede_bedragen(invoer, verwacht):
    assert bedrag_parsen(invoer) == verwacht


@pytest.mark.parametrize("invoer", ["", "   ", None, "€", "€ "])
def test_leeg_is_geen_bedrag(invoer):
    assert bedrag_parsen(invoer) is None


@pytest.mark.parametrize(
    "invoer, code",
    [
        ("12,3.4", "ongeldig"),
        ("-5", "negatief"),
        ("€ -132.380,00", "negatief"),
        ("−12", "negatief"),
        ("twaalf", "ongeldig"),
        ("12.5", "ongeldig"),  # English decimal or a typo for 12.500: not guessed
        ("1.50.000", "ongeldig"),
        ("12,345", "ongeldig"),  # at most two decimals
        ("1,000.00", "ongeldig"),
        ("12a", "ongeldig"),
        ("1e5", "ongeldig"),
        ("99999999999", "te_groot"),
    ],
)
def test_foute_bedragen_met_duidelijke_melding(invoer, code):
    with pytest.raises(ValidationError) as fout:
        bedrag_parsen(invoer)
    assert fout.value.code == code
    melding = " ".join(fout.value.messages)
    if code == "ongeldig":
        assert "geen geldig bedrag" in melding and "132.380,00" in melding
    if code == "negatief":
        assert melding == "Een bedrag kan niet negatief zijn."


def test_weergave():
    # A no-break space after the sign: a page or PDF never wraps "€" from its number.
    assert bedrag_weergeven(Decimal("132380")) == "€\u00a0132.380,00"
    assert bedrag_weergeven(Decimal("43500.5")) == "€\u00a043.500,50"
    assert bedrag_weergeven(Decimal("0")) == "€\u00a00,00"
    assert bedrag_weergeven(Decimal("999")) == "€\u00a0999,00"
    assert bedrag_weergeven(Decimal("-12.5")) == "€\u00a0-12,50"
    assert " " not in bedrag_weergeven(Decimal("1234567.89"))
    # The form gets a plain space back (copy-paste anywhere); the parser reads both.
    assert bedrag_invoer(Decimal("132380")) == "€ 132.380,00"
    assert bedrag_parsen(bedrag_weergeven(Decimal("132380"))) == Decimal("132380.00")
    assert bedrag_weergeven(None) == ""


@given(st.decimals(min_value=0, max_value=Decimal("9999999999.99"), places=2))
def test_weergave_en_invoer_zijn_elkaars_omgekeerde(bedrag):
    assert bedrag_parsen(bedrag_weergeven(bedrag)) == bedrag


@pytest.mark.parametrize(
    "invoer, verwacht",
    [("99", Decimal("99")), ("96 %", Decimal("96")), ("83,5", Decimal("83.5")), ("100", 100)],
)
def test_percentages(invoer, verwacht):
    assert percentage_parsen(invoer) == verwacht


@pytest.mark.parametrize("invoer", ["101", "-3", "83.5", "83,55", "veel"])
def test_foute_percentages(invoer):
    with pytest.raises(ValidationError):
        percentage_parsen(invoer)


def test_percentage_weergave():
    assert percentage_weergeven(Decimal("99")) == "99%"
    assert percentage_weergeven(Decimal("83.5")) == "83,5%"
