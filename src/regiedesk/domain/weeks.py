"""ISO weeks (Monday to Sunday; 2026-12-31 and 2027-01-01 both fall in 2026-W53)."""

from __future__ import annotations

import datetime as dt


def monday_of(day: dt.date) -> dt.date:
    """The Monday that starts the ISO week of ``day``."""
    return day - dt.timedelta(days=day.weekday())


def first_monday_from(day: dt.date) -> dt.date:
    """``day`` if it is a Monday, else the next Monday."""
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def week_label(day: dt.date) -> str:
    """The ISO week of ``day`` as "2026-W07"."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"
