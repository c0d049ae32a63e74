"""Small checks shared by the services. Each raises ValidationError and writes nothing."""

from __future__ import annotations

import datetime as dt
import unicodedata
from enum import StrEnum
from typing import TypeVar

from ..errors import ValidationError
from .vocabulary import Field

MAX_TEXT = 2_000
MAX_LONG_TEXT = 1_000_000  # a note of a million characters is a book; beyond that, refuse

E = TypeVar("E", bound=StrEnum)


def count_nl(n: int) -> str:
    """A number as Dutch writes it: 10.000.000."""
    return f"{n:,}".replace(",", ".")


def text(field: Field, value: str, *, required: bool = True, limit: int = MAX_TEXT) -> str:
    # one form for 'ë' (composed), however it was typed or pasted, so it is found again
    value = unicodedata.normalize("NFC", value.strip())
    if required and not value:
        raise ValidationError(
            field, f"Vul het veld '{field.nl}' in.", f"Fill in the field '{field.en}'."
        )
    if len(value) > limit:
        # only a note's body can be split over several notes; a name is just made shorter
        split_nl, split_en = (
            (" of verdeel hem over meerdere verslagen", " or split it over several notes")
            if field == Field.NOTE
            else ("", "")
        )
        raise ValidationError(
            field,
            f"Het veld '{field.nl}' is te lang: {count_nl(len(value))} tekens, het maximum is "
            f"{count_nl(limit)}. Uw tekst is niet weggegooid; maak hem korter{split_nl}.",
            f"The field '{field.en}' is too long: {len(value):,} characters, the "
            f"maximum is {limit:,}. Your text was kept; shorten it{split_en}.",
        )
    return value


def optional_text(field: Field, value: str | None, *, limit: int = MAX_TEXT) -> str | None:
    if value is None:
        return None
    cleaned = text(field, value, required=False, limit=limit)
    return cleaned or None


def choice(field: Field, value: str, options: type[E]) -> E:
    try:
        return options(value)
    except ValueError:
        allowed = ", ".join(o.value for o in options)
        raise ValidationError(
            field,
            f"Onbekende waarde voor '{field.nl}': kies uit {allowed}.",
            f"Unknown value for '{field.en}': choose from {allowed}.",
        ) from None


def date_order(field: Field, start: dt.date | None, end: dt.date | None) -> None:
    if start is not None and end is not None and end < start:
        raise ValidationError(
            field,
            f"De einddatum ({end:%d-%m-%Y}) ligt vóór de begindatum ({start:%d-%m-%Y}).",
            f"The end date ({end:%d-%m-%Y}) is before the start date ({start:%d-%m-%Y}).",
        )


def not_future(field: Field, value: dt.date, today: dt.date) -> None:
    if value > today:
        raise ValidationError(
            field,
            f"De datum {value:%d-%m-%Y} ligt in de toekomst.",
            f"The date {value:%d-%m-%Y} is in the future.",
        )


def iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def from_iso(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def day(field: Field, value: object) -> dt.date:
    """A calendar date, not a moment: a datetime would be stored with its time and not read back."""
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise ValidationError(
            field,
            f"Het veld '{field.nl}' moet een datum zijn.",
            f"The field '{field.en}' must be a date.",
        )
    return value
