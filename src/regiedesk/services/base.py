"""What every service shares: the open store and a source of 'today' and 'now'."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ..clock import utc_now
from ..store import Store


class Service:
    """Base of the use-case services. Pass ``today``/``now`` to pin time in tests."""

    def __init__(
        self,
        store: Store,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        now: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self.store = store
        self.today = today
        self.now = now
