"""Texts and numbers of a report in its language: Dutch by default, English on request."""

from __future__ import annotations

import datetime as dt

from ..i18n import Language, month_name


class Words:
    """``words(nl, en)`` picks the report's language; the methods format figures in it."""

    def __init__(self, language: Language) -> None:
        self.language: Language = language

    def __call__(self, nl: str, en: str) -> str:
        return en if self.language == "en" else nl

    def date(self, day: dt.date | None) -> str:
        if day is None:
            return "–"
        if self.language == "en":
            return f"{day.day} {month_name(day.month, 'en')[:3]} {day.year}"
        return f"{day:%d-%m-%Y}"

    def long_date(self, day: dt.date) -> str:
        return f"{day.day} {month_name(day.month, self.language)} {day.year}"

    def month(self, year: int, month: int) -> str:
        return f"{month_name(month, self.language)} {year}"

    def period(self, start: dt.date, end: dt.date) -> str:
        return self(
            f"{self.long_date(start)} tot en met {self.long_date(end)}",
            f"{self.long_date(start)} to {self.long_date(end)}",
        )

    def moment(self, at: dt.datetime) -> str:
        """An instant in the machine's local time, to the minute."""
        local = at.astimezone()
        return f"{self.date(local.date())} {local:%H:%M}"

    def hours(self, minutes: int) -> str:
        """Minutes as hours and minutes: 754 -> '12:34'."""
        sign = "-" if minutes < 0 else ""
        minutes = abs(minutes)
        return f"{sign}{minutes // 60}:{minutes % 60:02d}"

    def decimal(self, value: float, places: int = 1) -> str:
        text = f"{value:,.{places}f}"
        if self.language == "en":
            return text
        return text.replace(",", "_").replace(".", ",").replace("_", ".")

    def whole(self, value: int) -> str:
        text = f"{value:,}"
        return text if self.language == "en" else text.replace(",", ".")

    def euros(self, cents: int, *, whole: bool = False) -> str:
        """An amount in euro; ``whole`` rounds it to whole euros (team-level totals)."""
        sign = "-" if cents < 0 else ""
        amount = self.whole(round(abs(cents) / 100)) if whole else self.decimal(abs(cents) / 100, 2)
        return f"{sign}€\u00a0{amount}" if self.language == "nl" else f"{sign}€{amount}"

    def percent(self, share: float | None) -> str:
        return "–" if share is None else f"{self.decimal(share * 100, 0)}%"
