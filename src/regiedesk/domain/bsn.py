"""The Dutch citizen service number (BSN) and its eleven-test (elfproef)."""

from __future__ import annotations

from ..errors import ValidationError
from .vocabulary import Field

_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def is_valid_bsn(value: str) -> bool:
    """Nine digits (leading zeros count) whose weighted sum is divisible by 11, and not all zero."""
    if len(value) != 9 or not value.isascii() or not value.isdigit():
        return False
    total = sum(w * int(d) for w, d in zip(_WEIGHTS, value, strict=True))
    return total % 11 == 0 and total != 0


def normalise_bsn(value: str) -> str:
    """Strip spaces and dots as people type them; raise ValidationError when invalid.

    The result is always nine digits as text, so a leading zero is kept.
    """
    cleaned = value.replace(" ", "").replace(".", "").replace("-", "")
    if not is_valid_bsn(cleaned):
        raise ValidationError(
            Field.BSN,
            "Dit BSN is ongeldig: een BSN heeft 9 cijfers en moet voldoen aan de elfproef. "
            "Controleer het nummer.",
            "This BSN is invalid: a BSN has 9 digits and must pass the eleven-test. "
            "Check the number.",
        )
    return cleaned
