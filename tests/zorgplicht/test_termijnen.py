"""The zorgplicht term on real calendar dates: six weeks from the day after receipt
(so the same weekday six weeks on), 6 + n after an extension, the ten-week point, and the
Algemene termijnenwet moving an end on a weekend, feestdag or gelijkgestelde dag."""

from datetime import date

import pytest

from zorgplicht import termijnen as t

D = date.fromisoformat


@pytest.mark.parametrize(
    ("ontvangen", "weken", "verwacht", "waarom"),
    [
        ("2026-12-04", 0, "2027-01-15", "vrijdag ontvangen: zes weken later vrijdag"),
        ("2026-12-04", 2, "2027-01-29", "verlengd met 2 weken: 8 weken na ontvangst"),
        ("2026-12-04", 4, "2027-02-12", "verlengd met 4 weken: 10 weken na ontvangst"),
        ("2026-11-13", 0, "2026-12-28", "eindigt op eerste kerstdag (vr): maandag na de kerst"),
        ("2026-11-13", 1, "2027-01-04", "eindigt op nieuwjaarsdag (vr): maandag 4 januari"),
        ("2026-11-20", 0, "2027-01-04", "nieuwjaarsdag op vrijdag"),
        ("2026-12-05", 0, "2027-01-18", "zaterdag ontvangen: einde op zaterdag, dus maandag"),
        ("2028-02-29", 0, "2028-04-11", "schrikkeldag: zes weken later dinsdag 11 april"),
        ("2028-02-29", 3, "2028-05-02", "schrikkeldag, verlengd met 3 weken"),
        ("2028-02-29", 4, "2028-05-09", "schrikkeldag, tien weken"),
        ("2027-02-12", 0, "2027-03-30", "Goede Vrijdag, weekend, tweede paasdag: dinsdag"),
    ],
)
def test_uiterste_beslisdatum(ontvangen, weken, verwacht, waarom):
    assert t.uiterste_beslisdatum(D(ontvangen), verlenging_weken=weken) == D(verwacht), waarom


def test_term_starts_the_day_after_receipt():
    assert t.termijn_start(D("2026-12-04")) == D("2026-12-05")
    # Counted from the day after: 42 days after receipt, not 41.
    assert (t.uiterste_beslisdatum(D("2026-12-02")) - D("2026-12-02")).days == 42


def test_gelijkgestelde_dag_moves_the_end():
    # Friday after Hemelvaartsdag 2027 (6 May) is a gelijkgestelde dag only by decree.
    assert t.uiterste_beslisdatum(D("2027-03-26")) == D("2027-05-07")
    assert t.uiterste_beslisdatum(D("2027-03-26"), gelijkgesteld={D("2027-05-07")}) == D(
        "2027-05-10"
    )


def test_extension_is_counted_from_receipt_not_from_the_shifted_end():
    # The six weeks end on 28 December (Christmas shift); 6 + 1 weeks is 1 January -> 4
    # January, not 28 December + 7 days.
    assert t.uiterste_beslisdatum(D("2026-11-13"), verlenging_weken=1) == D("2027-01-04")


@pytest.mark.parametrize("weken", [-1, 5])
def test_extension_is_at_most_four_weeks(weken):
    with pytest.raises(ValueError):
        t.uiterste_beslisdatum(D("2026-12-04"), verlenging_weken=weken)


def test_ten_week_point():
    assert t.tien_weken_einde(D("2026-12-04")) == D("2027-02-12")
    assert t.tien_weken_einde(D("2026-12-05")) == D("2027-02-15")  # Saturday -> Monday


def test_extension_only_within_the_first_term():
    ontvangen = D("2026-12-04")
    assert t.verlenging_op_tijd(D("2027-01-15"), ontvangen)
    assert not t.verlenging_op_tijd(D("2027-01-16"), ontvangen)
    assert not t.verlenging_op_tijd(D("2026-12-03"), ontvangen)
    # The first term itself was extended by the Atw (Christmas): still in time on the 28th.
    assert t.verlenging_op_tijd(D("2026-12-28"), D("2026-11-13"))


def test_stand_days_left_late_and_ten_weeks():
    deadline, tien = D("2027-01-15"), D("2027-02-12")
    op_tijd = t.stand(deadline, tien, D("2027-01-05"))
    assert (op_tijd.dagen_over, op_tijd.te_laat, op_tijd.tien_weken_voorbij) == (10, False, False)
    laatste_dag = t.stand(deadline, tien, deadline)
    assert (laatste_dag.dagen_over, laatste_dag.te_laat) == (0, False)
    laat = t.stand(deadline, tien, D("2027-01-18"))
    assert (laat.te_laat, laat.dagen_te_laat, laat.tien_weken_voorbij) == (True, 3, False)
    assert not t.stand(deadline, tien, tien).tien_weken_voorbij
    assert t.stand(deadline, tien, D("2027-02-13")).tien_weken_voorbij
