"""What every service shares: the open store and a source of 'today' and 'now'."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ..store import Store


def _today() -> dt.date:
    return dt.date.today()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Service:
    """Base of the use-case services. Pass ``today``/``now`` to pin time in tests."""

    def __init__(
        self,
        store: Store,
        *,
        today: Callable[[], dt.date] = _today,
        now: Callable[[], dt.datetime] = _now,
    ) -> None:
        self.store = store
        self.today = today
        self.now = now
