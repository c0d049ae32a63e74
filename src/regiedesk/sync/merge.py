"""The field-level merge by clock stamp, one rule for the laptops and the server.

Per field, the write with the higher stamp wins; a field without a stamp of its own
carries its insert's (``"*"``). A stored stamp that is not in the strict form counts as
older than every real one, so it can be corrected. ``sync.apply`` applies it to the
local store, ``sync.server.state`` to the server's current state.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..clock import is_stamp

INSERT_CLOCK = "*"  # the key of the insert's stamp among a record's per-field stamps


def stored_stamp(clocks: Mapping[str, str], field: str) -> str:
    """A field's stored stamp; one not in the strict form counts as older than any."""
    stamp = clocks.get(field, clocks.get(INSERT_CLOCK, ""))
    return stamp if is_stamp(stamp) else ""


def winning_fields(
    clocks: Mapping[str, str], data: Mapping[str, Any], stamp: str
) -> dict[str, Any]:
    """The fields of a change stamped ``stamp`` that beat what is stored."""
    return {k: v for k, v in data.items() if k != "id" and stamp > stored_stamp(clocks, k)}


def newest_stamp(current: str, stamp: str) -> str:
    """A record's newest stamp once a change stamped ``stamp`` reached it."""
    return max(current, stamp) if is_stamp(current) else stamp
