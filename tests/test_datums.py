"""Months ahead for streefdatum and volgende meting, as the +/- buttons count them."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from board.datums import add_months, months_between


def test_months_ahead_keep_the_day_or_take_the_last_one() -> None:
    assert add_months(date(2026, 3, 2), 3) == date(2026, 6, 2)
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)), st.integers(0, 36))
def test_months_between_undoes_add_months(start: date, months: int) -> None:
    assert months_between(start, add_months(start, months)) == months
