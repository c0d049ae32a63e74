"""Small checks shared by the services. Each raises ValidationError and writes nothing."""

from __future__ import annotations

import datetime as dt
import unicodedata
from enum import StrEnum
from typing import TypeVar

from ..errors import ValidationError

MAX_TEXT = 2_000
MAX_LONG_TEXT = 1_000_000  # a note of a million characters is a book; beyond that, refuse

E = TypeVar("E", bound=StrEnum)

# The services name a field by its Dutch label; its English one for the English message.
FIELDS_EN = {
    "activiteit": "activity",
    "afspraak": "agreement",
    "behaald": "attained",
    "betrokken tot": "involved until",
    "betrokken vanaf": "involved from",
    "betrokkene": "involved party",
    "datum": "date",
    "doel": "goal",
    "e-mail": "email",
    "eigenaar": "owner",
    "einddatum": "end date",
    "geboortedatum": "date of birth",
    "gezinslid": "family member",
    "leefgebied": "life domain",
    "manier": "channel",
    "minuten": "minutes",
    "moment": "moment",
    "naam": "name",
    "organisatie": "organisation",
    "persoon": "person",
    "reden": "reason",
    "regisseur": "caseworker",
    "revisie": "revision",
    "rol": "role",
    "samenvatting": "summary",
    "score": "score",
    "scores": "scores",
    "status": "status",
    "streefdatum": "target date",
    "telefoon": "phone",
    "timer": "timer",
    "titel": "title",
    "toelichting": "note",
    "uiterlijk": "due date",
    "verslag": "note",
}


def field_en(field: str) -> str:
    return FIELDS_EN.get(field, field)


def count_nl(n: int) -> str:
    """A number as Dutch writes it: 10.000.000."""
    return f"{n:,}".replace(",", ".")


def text(field: str, value: str, *, required: bool = True, limit: int = MAX_TEXT) -> str:
    # one form for 'ë' (composed), however it was typed or pasted, so it is found again
    value = unicodedata.normalize("NFC", value.strip())
    if required and not value:
        raise ValidationError(
            field, f"Vul het veld '{field}' in.", f"Fill in the field '{field_en(field)}'."
        )
    if len(value) > limit:
        raise ValidationError(
            field,
            f"Het veld '{field}' is te lang: {count_nl(len(value))} tekens, het maximum is "
            f"{count_nl(limit)}. Uw tekst is niet weggegooid; maak hem korter of verdeel hem "
            "over meerdere verslagen.",
            f"The field '{field_en(field)}' is too long: {len(value):,} characters, the "
            f"maximum is {limit:,}. Your text was kept; shorten it or split it over several notes.",
        )
    return value


def optional_text(field: str, value: str | None, *, limit: int = MAX_TEXT) -> str | None:
    if value is None:
        return None
    cleaned = text(field, value, required=False, limit=limit)
    return cleaned or None


def choice(field: str, value: str, options: type[E]) -> E:
    try:
        return options(value)
    except ValueError:
        allowed = ", ".join(o.value for o in options)
        raise ValidationError(
            field,
            f"Onbekende waarde voor '{field}': kies uit {allowed}.",
            f"Unknown value for '{field_en(field)}': choose from {allowed}.",
        ) from None


def date_order(field: str, start: dt.date | None, end: dt.date | None) -> None:
    if start is not None and end is not None and end < start:
        raise ValidationError(
            field,
            f"De einddatum ({end:%d-%m-%Y}) ligt vóór de begindatum ({start:%d-%m-%Y}).",
            f"The end date ({end:%d-%m-%Y}) is before the start date ({start:%d-%m-%Y}).",
        )


def not_future(field: str, value: dt.date, today: dt.date) -> None:
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


def day(field: str, value: object) -> dt.date:
    """A calendar date, not a moment: a datetime would be stored with its time and not read back."""
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise ValidationError(
            field,
            f"Het veld '{field}' moet een datum zijn.",
            f"The field '{field_en(field)}' must be a date.",
        )
    return value
