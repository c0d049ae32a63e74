"""Background sync for the window: one network thread with its own store connection.

The window never waits on the network. A sync starts after local changes (a
short pause after the last one), periodically, on F5 and when the connection
comes back (retried with a growing pause while the server cannot be reached).
Results come back through a signal as a ``SyncStatus`` for the status bar.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from ..errors import DeviceRevoked, NotConnected, Offline, RegiedeskError
from ..sync.session import (
    ClientFactory,
    connect_profile,
    default_client,
    is_connected,
    sync_counts,
    sync_profile,
)
from .messages import error_text

if TYPE_CHECKING:  # httpx and the engine load on the network thread, not at start-up
    from ..store import Store
    from ..sync.client import SyncReport

log = logging.getLogger(__name__)


class SyncState(Enum):
    NOT_CONNECTED = "not_connected"
    IDLE = "idle"
    SYNCING = "syncing"
    OFFLINE = "offline"
    FAILED = "failed"


@dataclass
class SyncStatus:
    state: SyncState
    waiting: int = 0  # local changes not yet on the server
    conflicts: int = 0  # notes with more than one head
    set_aside: int = 0  # changes the server refused, kept in the profile
    last_sync: dt.datetime | None = None
    error: str = ""  # what went wrong, in the interface language
    report: SyncReport | None = field(default=None)


class SyncController(QObject):
    """Owns the network thread. Start it after unlock, stop it before the store closes."""

    status_changed = Signal(object)  # SyncStatus
    arrived = Signal(object)  # SyncReport of a sync that changed local data
    revoked = Signal(object)  # the server revoked this device: wipe this profile folder
    connected = Signal(object)  # None on success, else the error
    _result = Signal(object, object)  # callback, value: back on the GUI thread
    _changed = Signal()  # a local commit on the database thread

    AFTER_CHANGE_MS = 5_000
    PERIOD_MS = 5 * 60_000
    RETRY_MS = (15_000, 30_000, 60_000, 120_000, 300_000)

    def __init__(
        self, client_factory: ClientFactory = default_client, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._client_factory = client_factory
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="regiedesk-net")
        self._store: Store | None = None  # used on the network thread only
        self._profile_dir: Path | None = None
        self._cancel = threading.Event()
        self._generation = 0  # results of an earlier unlock are dropped
        self._shut_down = False
        self._running = False
        self._again = False
        self._verified = False
        self._failures = 0
        self.status = SyncStatus(SyncState.NOT_CONNECTED)
        self._after_change = self._timer(self.AFTER_CHANGE_MS, single=True)
        self._periodic = self._timer(self.PERIOD_MS, single=False)
        self._retry = self._timer(self.RETRY_MS[0], single=True)
        self._result.connect(lambda callback, value: callback(value))
        self._changed.connect(self._local_change)
        self._watching_network = False
        self.known = False  # whether the open profile is linked has been read

    def _watch_network(self) -> None:
        """Sync as soon as the system says the network is back (where Qt can tell)."""
        from PySide6.QtNetwork import QNetworkInformation  # only once a profile syncs

        self._watching_network = True
        if not QNetworkInformation.loadDefaultBackend():
            return
        info = QNetworkInformation.instance()
        if info is None:
            return
        reachable = (QNetworkInformation.Reachability.Online, QNetworkInformation.Reachability.Site)

        def changed(reachability: QNetworkInformation.Reachability) -> None:
            if reachability in reachable and self.status.state in (
                SyncState.OFFLINE,
                SyncState.FAILED,
            ):
                self.sync_now()

        info.reachabilityChanged.connect(changed)

    def _timer(self, interval: int, *, single: bool) -> QTimer:
        timer = QTimer(self)
        timer.setInterval(interval)
        timer.setSingleShot(single)
        timer.timeout.connect(self.sync_now)
        return timer

    def _on_net(self, work: Callable[[], Any], then: Callable[[Any], None]) -> None:
        generation = self._generation

        def deliver(value: object) -> None:
            if generation == self._generation:
                then(value)

        def job() -> None:
            try:
                value = work()
            except BaseException as error:  # handed to the GUI thread, never swallowed
                value = error
            self._result.emit(deliver, value)

        self._pool.submit(job)

    def with_server(
        self, work: Callable[[Store, ClientFactory], Any], then: Callable[[Any], None]
    ) -> None:
        """Run ``work`` with the network thread's store and the client factory (it may call
        the server); ``then`` gets its result or error on the GUI thread, unless the
        profile closed meanwhile."""

        def run() -> Any:
            store = self._store
            if store is None:
                raise RuntimeError("no sync connection")
            return work(store, self._client_factory)

        self._on_net(run, then)

    # --- lifecycle ---------------------------------------------------------------

    @property
    def active(self) -> bool:
        return self._profile_dir is not None

    def start(self, store: Store, profile_dir: Path) -> None:
        """Open a second connection on the network thread and sync once if connected."""
        self._generation += 1
        self._profile_dir = profile_dir
        self._verified = False
        self._failures = 0
        self._running = self._again = False
        self._cancel = threading.Event()
        store.on_change = self._changed.emit  # thread-safe: a queued signal

        def open_and_count() -> SyncStatus:
            self._store = store.another_connection()
            return self._status_now(SyncState.IDLE)

        self.known = False
        self._on_net(open_and_count, self._started)

    def _started(self, status: SyncStatus | BaseException) -> None:
        if not self.active:
            return
        self.known = True  # from now on NOT_CONNECTED means this profile is not linked
        if isinstance(status, BaseException):
            log.error("sync connection could not be opened: %s", type(status).__name__)
            self._publish(SyncStatus(SyncState.FAILED, error=error_text(status)))
            return
        self._publish(status)
        if status.state is not SyncState.NOT_CONNECTED:
            self._begin()

    def _begin(self) -> None:
        """A connected profile: sync now, then periodically and when the network is back."""
        if not self._watching_network:
            self._watch_network()
        self._periodic.start()
        self.sync_now()

    def stop(self) -> None:
        """Cancel a running sync and close the network connection (before a lock or quit)."""
        self._generation += 1
        self._profile_dir = None
        self.known = False
        self._running = self._again = False
        self._cancel.set()
        for timer in (self._after_change, self._periodic, self._retry):
            timer.stop()
        if not self._shut_down:
            self._pool.submit(self._close_store)
        self._publish(SyncStatus(SyncState.NOT_CONNECTED))

    def _close_store(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def shutdown(self) -> None:
        """Stop and wait for the network thread (when the app quits)."""
        self.stop()
        self._shut_down = True
        self._pool.shutdown(wait=True)

    # --- syncing -------------------------------------------------------------------

    def _local_change(self) -> None:
        if self.active and self.status.state is not SyncState.NOT_CONNECTED:
            self._after_change.start()
            self._refresh_counts()

    def recount(self) -> None:
        """Count again for the status bar (after a change that has no outbox entry)."""
        if self.active and self.status.state is not SyncState.NOT_CONNECTED:
            self._refresh_counts()

    def _refresh_counts(self) -> None:
        if not self._running:
            self._on_net(lambda: self._status_now(self.status.state), self._counted)

    def _counted(self, status: SyncStatus | BaseException) -> None:
        if isinstance(status, SyncStatus) and not self._running and self.active:
            status.error = self.status.error
            self._publish(status)

    def sync_now(self) -> None:
        if not self.active or self.status.state is SyncState.NOT_CONNECTED:
            return
        if self._running:
            self._again = True  # once more when this one ends: the newest change goes too
            return
        self._running, self._again = True, False
        cancel = self._cancel = threading.Event()
        self._after_change.stop()
        self._retry.stop()
        verify_all = not self._verified
        self._publish(replace(self.status, state=SyncState.SYNCING, error="", report=None))
        self._on_net(lambda: self._sync(cancel, verify_all), self._synced)

    def cancel(self) -> None:
        self._cancel.set()

    def _sync(self, cancel: threading.Event, verify_all: bool) -> SyncStatus:
        store = self._store
        if store is None:
            raise RuntimeError("no sync connection")
        try:
            report = sync_profile(
                store,
                client_factory=self._client_factory,
                cancelled=cancel.is_set,
                verify_all=verify_all,
            )
        except NotConnected:
            return self._status_now(SyncState.NOT_CONNECTED)
        except Offline as error:
            return self._status_now(SyncState.OFFLINE, error=error.message)
        except DeviceRevoked:
            self._close_store()
            raise
        except RegiedeskError as error:
            return self._status_now(SyncState.FAILED, error=error.message)
        status = self._status_now(SyncState.IDLE)
        status.report = report
        return status

    def _status_now(self, state: SyncState, *, error: str = "") -> SyncStatus:
        store = self._store
        if store is None:
            return SyncStatus(SyncState.NOT_CONNECTED)
        if state is not SyncState.NOT_CONNECTED and not is_connected(store):
            state = SyncState.NOT_CONNECTED
        counts = sync_counts(store)
        return SyncStatus(
            state, counts.waiting, counts.conflicts, counts.set_aside, counts.last_sync, error
        )

    def _synced(self, status: SyncStatus | BaseException) -> None:
        self._running = False
        if isinstance(status, DeviceRevoked):
            self._wipe()
            return
        if isinstance(status, BaseException):
            log.error("sync failed: %s", type(status).__name__)
            status = replace(
                self.status, state=SyncState.FAILED, error=error_text(status), report=None
            )
        if status.state is SyncState.IDLE:
            self._verified = True
            self._failures = 0
        elif status.state in (SyncState.OFFLINE, SyncState.FAILED):
            self._retry.setInterval(self.RETRY_MS[min(self._failures, len(self.RETRY_MS) - 1)])
            self._retry.start()
            self._failures += 1
        self._publish(status)
        report = status.report
        if report is not None and (report.pulled or report.backfilled or report.purged):
            self.arrived.emit(report)
        if self._again:
            self.sync_now()

    def _wipe(self) -> None:
        """The organisation revoked this laptop: the window locks and removes the profile."""
        profile_dir = self._profile_dir
        self.stop()
        self.revoked.emit(profile_dir)

    def _publish(self, status: SyncStatus) -> None:
        self.status = status
        self.status_changed.emit(status)

    # --- connecting this profile to a server ---------------------------------------

    def connect_device(self, url: str, user: str, password: str, totp: str | None) -> None:
        """Register this profile as a device; ``connected`` reports the outcome."""

        def work() -> None:
            store = self._store
            if store is None:
                raise RuntimeError("no sync connection")
            connect_profile(store, url, user, password, totp, client_factory=self._client_factory)

        def done(value: object) -> None:
            if isinstance(value, BaseException):
                self.connected.emit(value)
                return
            self.connected.emit(None)
            self._publish(SyncStatus(SyncState.IDLE))
            self._begin()

        self._on_net(work, done)
