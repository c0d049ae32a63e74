"""The sync engine: one round of sync over a ``SyncClient``.

One ``sync_once`` pushes the outbox (deleting each row only when the server
acknowledged it, in the same local transaction), pulls page by page (each page
applied together with its cursor), backfills families that came into scope,
purges families that left it once their changes are pushed, and compares
per-family checksums, re-fetching a family that drifted.
"""

from __future__ import annotations

import gc
import json
import logging
from collections import deque
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing, contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from ..clock import utc_text
from ..errors import (
    ServerRefused,
    StampsAhead,
)
from ..i18n import Language, pick
from ..store import Store
from . import protocol as p
from .apply import apply_page, local_checksums
from .apply_state import StateWriter
from .purge import destroy_family_copy, destroy_member_copy, purge_family

if TYPE_CHECKING:
    from .client import SyncClient

log = logging.getLogger(__name__)

PUSH_BATCH = 500
# Pulled pages are applied in local transactions of about this many changes (with the cursor
# of the last page): with 1,000 per commit, index pages were rewritten and checkpointed once
# per page, which took more than half the time of a first sync.
APPLY_BATCH = 5000
# A first pull's state records are written in batches of APPLY_BATCH (the pages fetched ahead
# meanwhile), into local transactions of about this many: each commit writes the tables'
# index pages again (bench/sync.py, 100,000 records: the 21 commits of 5,000 took 0.85 s
# under cProfile; batches of 25,000 starved the pages fetched ahead instead).
STATE_BATCH = 25_000
PAGES_AHEAD = 8  # pages fetched ahead while a batch is applied (8,000 changes at most)


@dataclass
class SyncReport:
    pushed: int = 0
    rejected: int = 0
    pulled: int = 0
    backfilled: int = 0
    purged: int = 0
    repaired: int = 0
    set_aside: int = 0  # rejected changes kept in the local database (all rounds so far)
    audit_sent: int = 0  # audit events sent to the central trail
    destroyed: int = 0  # families and members destroyed on the server, and so here

    def text(self, language: Language | None = None) -> str:
        return pick(
            f"verstuurd {self.pushed}, geweigerd {self.rejected}, ontvangen {self.pulled}, "
            f"bijgehaald {self.backfilled}, verwijderd {self.purged}, hersteld {self.repaired}, "
            f"apart bewaard {self.set_aside}",
            f"sent {self.pushed}, refused {self.rejected}, received {self.pulled}, "
            f"fetched {self.backfilled}, removed {self.purged}, repaired {self.repaired}, "
            f"set aside {self.set_aside}",
            language,
        )


STAND_INS_KEY = "stand_ins"  # the meta key of the stand-ins the last sync brought


class SyncEngine:
    def __init__(
        self, store: Store, client: SyncClient, *, now: Callable[[], str] = utc_text
    ) -> None:
        self.store = store
        self.client = client
        self.now = now  # when a refused change was set aside

    def sync_once(
        self, cancelled: Callable[[], bool] = lambda: False, *, verify_all: bool = False
    ) -> SyncReport:
        """One round. Checksums are compared for the families this round touched (all of
        them with ``verify_all``, which a caller does now and then, e.g. daily)."""
        report = SyncReport()
        self.touched: set[str] = set()
        # the checksums of what this round's first pulls wrote (StateWriter.checksums),
        # and the families something else wrote to (their checksums read the tables)
        self._written: dict[str, str] = {}
        self._rewritten: set[str] = set()
        self._push(report, cancelled)
        report.destroyed = self._destroy_copies()  # after the push: what it set aside goes too
        scope = self._pull(report, cancelled)
        known = {r["id"] for r in self.store.query("SELECT id FROM families")}
        unusable = self.store.set_aside.pulled_families()  # fetching them again would not help
        for family in sorted(set(scope) - known - unusable):  # new in scope: its whole history
            fetched = self._from_state(cancelled, family)
            report.backfilled += self._fetch_family(family) if fetched is None else fetched[1]
        for family in sorted(known - set(scope)):
            if not self.store.outbox.has_pending(family):
                purge_family(self.store, family)
                report.purged += 1
        if not cancelled():
            self._verify(report, scope if verify_all else sorted(self.touched & set(scope)))
            self._keep_stand_ins()
        report.set_aside = self.store.set_aside.count()
        if not cancelled():  # last: the round's own events (pulled changes) go along
            report.audit_sent = self._push_audit(cancelled)
        return report

    def _keep_stand_ins(self) -> None:
        """The caseworker's stand-ins, kept in the profile for the caseload to show (a
        server from before them answers 404: nothing to show)."""
        try:
            found = self.client.stand_ins()
        except ServerRefused:
            return
        self.store.set_meta(STAND_INS_KEY, json.dumps(found))

    def _destroy_copies(self) -> int:
        cursor = int(self.store.meta("destroyed_cursor") or 0)
        answer = self.client.destroyed(cursor)
        count = sum(destroy_family_copy(self.store, f) for f in answer["families"])
        count += sum(destroy_member_copy(self.store, m) for m in answer["members"])
        if answer["cursor"] != cursor:
            self.store.set_meta("destroyed_cursor", str(answer["cursor"]))
        return count

    def _push_audit(self, cancelled: Callable[[], bool]) -> int:
        """Send the audit events after the last one the server has, in their order."""
        sent = 0
        while not cancelled():
            events = self.store.audit_events_after(
                int(self.store.meta("audit_pushed_seq") or 0), p.AUDIT_BATCH
            )
            if not events:
                break
            size, batch = 0, list[tuple[int, p.AuditEvent]]()
            for seq, event in events:  # the body stays well under the server's limit
                size += len(event["objects"])
                if batch and size > p.AUDIT_BATCH_CHARS:
                    break
                batch.append((seq, event))
            self.client.push_audit([event for _, event in batch])
            self.store.set_meta("audit_pushed_seq", str(batch[-1][0]))
            sent += len(batch)
            if len(events) < p.AUDIT_BATCH and len(batch) == len(events):
                break
        return sent

    def _push(self, report: SyncReport, cancelled: Callable[[], bool]) -> None:
        rewound = False
        while not cancelled():
            mutations = self.store.outbox.pending(PUSH_BATCH)
            if not mutations:
                return
            self.touched.update(str(m["family_id"]) for m in mutations if m["family_id"])
            try:
                results = self.client.push(mutations)
            except StampsAhead:
                if rewound or not self.store.rewind_future_stamps():
                    raise
                rewound = True  # stamped again from the (now right) clock: push once more
                continue
            settled = self.store.outbox.settle(mutations, results, at=self.now())
            report.pushed += settled.pushed
            report.rejected += settled.rejected
            if len(mutations) < PUSH_BATCH:
                return

    def _pages(self, since: int, family: str | None = None) -> Generator[p.PullPage, None, None]:
        """The pages after ``since``, in order (see ``_ahead``)."""

        def following(page: p.PullPage) -> p.PullPage | None:
            if not page["has_more"]:
                return None
            return self.client.pull(page["cursor"], family=family)

        return _ahead(lambda: self.client.pull(since, family=family), following)

    def _batches(
        self,
        since: int,
        family: str | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> Generator[tuple[list[p.Change], p.PullPage], None, None]:
        """The changes after ``since`` in batches of about APPLY_BATCH, each with the page it
        ends on (whose cursor goes with it); the last batch ends on the last page, or on the
        page after which ``cancelled`` said stop."""
        batch: list[p.Change] = []
        with closing(self._pages(since, family)) as pages:
            for page in pages:
                batch += page["changes"]
                last = not page["has_more"] or cancelled()
                if last or len(batch) >= APPLY_BATCH:
                    yield batch, page
                    batch = []
                if last:
                    return

    def _pull(self, report: SyncReport, cancelled: Callable[[], bool]) -> list[str]:
        cursor = int(self.store.meta("pull_cursor") or 0)
        if cursor == 0 and not self.store.query("SELECT 1 AS x FROM families LIMIT 1"):
            first = self._from_state(cancelled)
            if first is not None:
                report.pulled += first[1]
                cursor = int(self.store.meta("pull_cursor") or 0)
                if cursor == 0 or cancelled():
                    return first[0]  # cut short: the log from the start at the next sync
                # on from the mark: what was pushed while the state was read comes now
        page: p.PullPage | None = None
        with _collector_paused(), closing(self._batches(cursor, cancelled=cancelled)) as batches:
            for batch, page in batches:
                self.touched.update(c["family_id"] for c in batch)
                self._rewritten.update(c["family_id"] for c in batch)
                report.pulled += apply_page(
                    self.store, batch, cursor_key="pull_cursor", cursor=page["cursor"]
                )
        assert page is not None, "the last batch ends on the last page"
        return page["families"]

    def _from_state(
        self, cancelled: Callable[[], bool], family: str | None = None
    ) -> tuple[list[str], int] | None:
        """A first pull (everything in scope, or one family new here) from the server's
        current state, then the log of the families it could not take as they stand
        (``apply_state``): the scope and how many records came. None: a server without
        it (an older one), nothing done.

        The pull cursor moves to the state's high-water mark only at the end: a first
        pull cut short is done again from the log at the next sync, which is exact too."""
        try:
            first = self.client.state(family=family)
        except ServerRefused as refused:
            if refused.status == 404 and refused.code != p.ErrorCode.NOT_FOUND:
                return None
            raise

        def following(page: p.StatePage) -> p.StatePage | None:
            if not page["has_more"] or cancelled():
                return None
            return self.client.state(page["cursor"], page["after"], family=family)

        from_log: set[str] = set()
        batch: list[p.StateRecord] = []
        page, count = first, 0
        with (
            _collector_paused(),
            closing(_ahead(lambda: first, following)) as pages,
            StateWriter(self.store, from_log, per_transaction=STATE_BATCH) as writer,
        ):
            for page in pages:
                from_log.update(page.get("log_only", ()))
                batch += page["records"]
                if len(batch) >= APPLY_BATCH or not page["has_more"]:
                    self.touched.update(r["family_id"] for r in batch)
                    count += writer.write(batch)
                    batch = []
            if batch:  # cut short: what came is kept
                self.touched.update(r["family_id"] for r in batch)
                count += writer.write(batch)
        self._written.update(writer.checksums())
        self._rewritten.update(from_log)
        for again in sorted(from_log):
            if self.store.query("SELECT 1 AS x FROM families WHERE id = ?", (again,)):
                purge_family(self.store, again)
            count += self._fetch_family(again)
        if family is None and not page["has_more"]:
            self.store.set_meta("pull_cursor", str(page["cursor"]))
        return page["families"], count

    def _fetch_family(self, family: str) -> int:
        self._rewritten.add(family)
        with closing(self._batches(0, family)) as batches:
            return sum(
                apply_page(self.store, batch, cursor_key=None, cursor=0) for batch, _ in batches
            )

    def _verify(self, report: SyncReport, families: list[str]) -> None:
        settled = [f for f in families if not self.store.outbox.has_pending(f)]
        if not settled:
            return
        answer = self.client.checksum_answer(settled)
        remote, version = answer["families"], answer.get("version", 1)
        # what the first pulls wrote is counted in version 2 (an older server: read back)
        written = {
            f: c for f, c in self._written.items() if f not in self._rewritten and version == 2
        }
        local = local_checksums(self.store, settled, written, version=version)
        for family in settled:
            if remote.get(family) is not None and remote[family] != local[family]:
                log.warning("checksum mismatch for a family: re-fetching it")
                self._fetch_family(family)
                report.repaired += 1


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while pages are decoded and applied, when it
    was on: the pages' records are many new dicts and tuples and no cycles, and they made
    it run (and walk the records held, up to the oldest generation) over and over, about
    6 % of a first sync's time (py-spy --native, bench/sync.py). The window has it off
    already while it has a worker thread (``ui.worker``: it collects on the GUI thread);
    this leaves that as it is and does the same for the command line."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


_Page = TypeVar("_Page")


def _ahead(
    first: Callable[[], _Page], following: Callable[[_Page], _Page | None]
) -> Generator[_Page, None, None]:
    """Pages in order: ``first()``, then ``following`` of each until it says None. A worker
    thread fetches up to PAGES_AHEAD pages ahead, one request at a time, while the caller
    applies; when the caller stops early, the request under way is finished and the rest
    is not asked for."""

    def after(previous: Future[_Page | None] | None) -> _Page | None:
        if previous is None:
            return first()
        page = previous.result()  # done: the one worker runs these in order
        return None if page is None else following(page)

    ahead = ThreadPoolExecutor(max_workers=1, thread_name_prefix="regiedesk-pull")
    try:
        queued = deque([ahead.submit(after, None)])
        while True:
            while len(queued) < PAGES_AHEAD:
                queued.append(ahead.submit(after, queued[-1]))
            page = queued.popleft().result()
            if page is None:
                return
            yield page
    finally:
        ahead.shutdown(wait=True, cancel_futures=True)
