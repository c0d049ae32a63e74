from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from regiedesk.ui.format import (
    date_text,
    duration_text,
    euro_text,
    parse_date,
    parse_duration,
    week_text,
)


def test_examples() -> None:
    assert date_text(dt.date(2026, 3, 7)) == "07-03-2026"
    assert date_text(None) == ""
    assert duration_text(90) == "1:30" and duration_text(5) == "0:05"
    assert euro_text(123456) == "EUR 1.234,56"
    assert euro_text(5) == "EUR 0,05"
    assert euro_text(-100_000_00) == "EUR -100.000,00"
    assert week_text(dt.date(2027, 1, 1)) == "2026-W53"
    assert parse_date("7/3/2026") == dt.date(2026, 3, 7)
    assert parse_date("31-02-2026") is None
    assert parse_duration("1:30") == 90 and parse_duration("45") == 45
    assert parse_duration("1:75") is None and parse_duration("anderhalf") is None
    assert parse_duration(" 1:30 ") == 90 and parse_duration("0:05") == 5
    for signed in ("-0:30", "-45", "+1:30", "1:-5", "1:5", "1:30:00"):
        assert parse_duration(signed) is None, signed


def test_hours_with_a_decimal_comma() -> None:
    assert parse_duration("1,5") == 90 and parse_duration("1.5") == 90
    assert parse_duration("0,25") == 15 and parse_duration(" 2,75 ") == 165
    assert parse_duration("1,05") == 63 and parse_duration("1,33") == 80  # to the minute
    for rubbish in ("1,", ",5", "1,5,0", "1,555", "1,5u", "-1,5", "1;30", "anderhalf", ""):
        assert parse_duration(rubbish) is None, rubbish


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_dates_round_trip(day: dt.date) -> None:
    assert parse_date(date_text(day)) == day


@given(st.integers(0, 10_000))
def test_durations_round_trip(minutes: int) -> None:
    assert parse_duration(duration_text(minutes)) == minutes
