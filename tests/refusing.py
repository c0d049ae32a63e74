"""A stand-in server for SyncEngine that refuses chosen changes, so the real engine sets
them aside the way it does after a real refusal (see tests/server/test_rejected.py).
tools/screenshots.py uses it too, for the picture of set-aside work."""

from __future__ import annotations

from collections.abc import Callable

from regiedesk.clock import utc_text
from regiedesk.store import Store
from regiedesk.sync import protocol as p
from regiedesk.sync.client import SyncEngine, SyncReport

Refusal = Callable[[p.Mutation], p.Reason | None]


class RefusingServer:
    """Answers pushes with ``refuse(mutation)`` (None accepts); pulls bring nothing new and
    keep ``scope`` as this device's families."""

    def __init__(self, refuse: Refusal, scope: list[str]) -> None:
        self.refuse = refuse
        self.scope = scope

    def push(self, mutations: list[p.Mutation]) -> list[p.MutationResult]:
        return [p.mutation_result(m["mutation_id"], self.refuse(m)) for m in mutations]

    def pull(self, since: int, *, family: str | None = None, limit: int = 0) -> p.PullPage:
        return {"changes": [], "has_more": False, "cursor": since, "families": self.scope}

    def checksum_answer(self, families: list[str] | None = None) -> p.ChecksumAnswer:
        return {"families": {}, "version": p.CHECKSUM_VERSION}

    def push_audit(self, events: list[p.AuditEvent]) -> int:
        return len(events)  # kept, as the central trail does

    def stand_ins(self) -> list[p.StandIn]:
        return []

    def device(self, *, timeout: float | None = None) -> p.DeviceAnswer:
        """A caseworker's device: an unlock of a profile without a kept role asks."""
        return {"device_id": "refused-test-device", "user": "anna", "role": p.Role.CASEWORKER}

    def destroyed(self, since: int) -> p.DestroyedAnswer:
        return {"families": [], "members": [], "cursor": since}

    def close(self) -> None:
        pass


def sync_with(
    store: Store, refuse: Refusal, scope: list[str], *, now: Callable[[], str] = utc_text
) -> SyncReport:
    """One round of the real engine against a server that refuses what ``refuse`` says."""
    server = RefusingServer(refuse, scope)
    return SyncEngine(store, server, now=now).sync_once()  # type: ignore[arg-type]
