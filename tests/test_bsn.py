from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regiedesk.domain.bsn import is_valid_bsn, normalise_bsn
from regiedesk.errors import ValidationError

WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)
eight_digits = st.text(alphabet="0123456789", min_size=8, max_size=8)


def with_check_digit(prefix: str) -> str | None:
    """Complete eight digits to a valid BSN, or None when no last digit works."""
    partial = sum(w * int(d) for w, d in zip(WEIGHTS, prefix, strict=False))
    for last in range(10):
        if (partial - last) % 11 == 0 and partial - last != 0:
            return prefix + str(last)
    return None


def test_known_values() -> None:
    assert is_valid_bsn("123456782")
    assert not is_valid_bsn("123456789")
    assert not is_valid_bsn("000000000")
    assert not is_valid_bsn("12345678")
    assert not is_valid_bsn("1234567820")
    assert not is_valid_bsn("12345678a")
    assert not is_valid_bsn("１２３４５６７８２")  # full-width digits are not ASCII digits


@given(eight_digits)
def test_completed_numbers_are_valid_and_keep_leading_zeros(prefix: str) -> None:
    bsn = with_check_digit(prefix)
    if bsn is None:
        return
    assert is_valid_bsn(bsn)
    assert normalise_bsn(f"{bsn[:4]}.{bsn[4:6]}.{bsn[6:]}") == bsn
    assert len(normalise_bsn(bsn)) == 9


@given(eight_digits, st.integers(min_value=0, max_value=8), st.integers(1, 9))
def test_changing_one_digit_breaks_the_check(prefix: str, position: int, delta: int) -> None:
    bsn = with_check_digit(prefix)
    if bsn is None:
        return
    digits = list(bsn)
    digits[position] = str((int(digits[position]) + delta) % 10)
    # weights 1..9 are all nonzero mod 11, so any single-digit change moves the sum off 0 mod 11
    assert not is_valid_bsn("".join(digits))


def test_normalise_refuses_with_a_readable_error() -> None:
    with pytest.raises(ValidationError) as err:
        normalise_bsn("12345678")
    assert err.value.field == "bsn"
    assert "elfproef" in err.value.nl
    assert "eleven-test" in err.value.en
