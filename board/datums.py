"""Dates as the app shows and picks them: months ahead, and a long date in the UI language."""

from __future__ import annotations

import calendar
from datetime import date


def add_months(start: date, months: int) -> date:
    """The same day ``months`` later; the 31st becomes the month's last day when it has none."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def months_between(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end`` (the inverse of ``add_months`` for its results)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months if add_months(start, months) <= end else months - 1


def vanaf(meting_datum: date, vandaag: date) -> date:
    """The day "over n maanden" counts from in a meting: the meting's own date, or today where
    an unfinished meting is taken up later (a doel made today is due three months from today,
    not three months after a visit long past)."""
    return max(meting_datum, vandaag)


def te_laat(gepland: date, vandaag: date) -> bool:
    """Whether something planned for ``gepland`` is overdue on ``vandaag``: the day has passed
    (on the day itself it is not late yet)."""
    return gepland < vandaag
