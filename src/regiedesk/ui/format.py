"""How the interface writes dates, durations and money (Dutch conventions)."""

from __future__ import annotations

import datetime as dt
import re


def date_text(value: dt.date | None) -> str:
    """dd-mm-jjjj; empty for no date."""
    return "" if value is None else f"{value.day:02d}-{value.month:02d}-{value.year:04d}"


def parse_date(text: str) -> dt.date | None:
    """Read dd-mm-jjjj (also d-m-jjjj, with / or .); None when it is not a date."""
    cleaned = text.strip().replace("/", "-").replace(".", "-")
    parts = cleaned.split("-")
    if len(parts) != 3 or len(parts[2]) != 4:  # "03-12-26" is not read as the year 26
        return None
    try:
        day, month, year = (int(p) for p in parts)
        return dt.date(year, month, day)
    except ValueError:
        return None


def duration_text(minutes: int) -> str:
    """u:mm, e.g. 90 -> 1:30."""
    sign = "-" if minutes < 0 else ""
    minutes = abs(minutes)
    return f"{sign}{minutes // 60}:{minutes % 60:02d}"


# U+25F7, a clock face: in DejaVu Sans, shipped in resources/fonts (the stopwatch U+23F1
# used before is in none of them and drew as an empty box where the system lacks it)
TIMER_GLYPH = "\u25f7"


def elapsed_text(seconds: int) -> str:
    """The visit timer: seconds in its first minute ("35 s"), then u:mm."""
    if seconds < 60:
        return f"{max(seconds, 0)} s"
    return duration_text(seconds // 60)


def next_tick_ms(seconds: int) -> int:
    """When the timer's text next changes: in a second during the first minute, then at
    the next whole minute."""
    return 1000 if seconds < 60 else (60 - seconds % 60) * 1000


_DURATION = re.compile(r"(\d+):([0-5]\d)|(\d+)[,.](\d{1,2})|(\d+)")


def parse_duration(text: str) -> int | None:
    """Minutes from u:mm (1:30), hours with a decimal comma or point (1,5) or a plain
    number of minutes (45); None when unreadable (a sign too: int() read "-0:30" as 30
    minutes). Decimal hours are rounded to the minute (1,33 is 80 minutes)."""
    found = _DURATION.fullmatch(text.strip())
    if found is None:
        return None
    hours, minutes, whole, fraction, plain = found.groups()
    if plain is not None:
        return int(plain)
    if whole is not None:
        hundredths = int(whole) * 100 + int(fraction.ljust(2, "0"))
        return (hundredths * 60 + 50) // 100
    return int(hours) * 60 + int(minutes)


def euro_text(cents: int) -> str:
    """EUR 1.234,56"""
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    grouped = f"{euros:,}".replace(",", ".")
    return f"EUR {sign}{grouped},{rest:02d}"


def week_text(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"
