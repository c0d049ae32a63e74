from __future__ import annotations

import uuid

from hypothesis import given
from hypothesis import strategies as st

from regiedesk.ids import uuid7, uuid7_time_ms


@given(st.integers(min_value=0, max_value=2**48 - 1))
def test_uuid7_layout(ms: int) -> None:
    value = uuid.UUID(uuid7(ms))
    assert value.version == 7
    assert value.variant == uuid.RFC_4122
    assert uuid7_time_ms(str(value)) == ms


def test_ids_sort_by_time_and_are_unique() -> None:
    ids = [uuid7(1_000 + i) for i in range(1_000)]
    assert ids == sorted(ids)
    assert len(set(uuid7() for _ in range(10_000))) == 10_000


@given(st.integers(min_value=0, max_value=2**48 - 1))
def test_uuid7_is_the_canonical_form(ms: int) -> None:
    text = uuid7(ms)
    assert text == str(uuid.UUID(text))  # lower-case hex, hyphens at 8-4-4-4-12
