"""One database thread: every service call runs there, results come back as signals.

The store's connection is opened, used and closed on this one thread only,
so the window never waits on SQLite or on Argon2id.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger(__name__)

Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]


GC_EVERY_MS = 500
_live_workers: list[DbWorker] = []  # the automatic collector is off while any exists


def collect_garbage() -> None:
    """What the automatic collector would do now, here: the oldest generation whose count
    is over its threshold (a young collection takes well under a millisecond)."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    for generation in (2, 1, 0):
        if counts[generation] > thresholds[generation]:
            gc.collect(generation)
            return


class DbWorker(QObject):
    """Runs callables one at a time on a dedicated thread (like Anki's taskman)."""

    _finished = Signal(object, object, object, object)  # job id, on_success, result, on_failure
    _failed = Signal(object, object, object)  # job id, on_failure, error
    busy_changed = Signal(bool)  # True when work has lasted longer than a moment

    BUSY_AFTER_MS = 500

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="regiedesk-db")
        self._pending = 0
        self._next_id = 0
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.timeout.connect(lambda: self.busy_changed.emit(True))
        self._finished.connect(self._deliver)
        self._failed.connect(self._deliver_failure)
        # Python's cyclic garbage collector runs in whichever thread happens to allocate:
        # on this thread it could free a widget caught in a cycle, and a widget destroyed
        # off the GUI thread crashes the process (seen as a segfault in the UI tests).
        # While a worker exists, the collector runs on the GUI thread only.
        _live_workers.append(self)
        gc.disable()
        self._gc_timer = QTimer(self)
        self._gc_timer.setInterval(GC_EVERY_MS)
        self._gc_timer.timeout.connect(collect_garbage)
        self._gc_timer.start()

    def submit(
        self,
        fn: Callable[[], Any],
        on_success: Success | None = None,
        on_failure: Failure | None = None,
    ) -> None:
        self._next_id += 1
        job_id = self._next_id
        self._pending += 1
        if self._pending == 1:
            self._busy_timer.start(self.BUSY_AFTER_MS)

        def job() -> None:
            try:
                result = fn()
            except BaseException as error:  # delivered to the GUI thread, never lost
                self._failed.emit(job_id, on_failure, error)
            else:
                self._finished.emit(job_id, on_success, result, on_failure)

        self._pool.submit(job)

    def _done(self) -> None:
        self._pending -= 1
        if self._pending == 0:
            self._busy_timer.stop()
            self.busy_changed.emit(False)

    def _deliver(
        self, _job: int, on_success: Success | None, result: Any, on_failure: Failure | None
    ) -> None:
        self._done()
        if on_success is not None:
            try:
                on_success(result)
            except Exception as error:  # a bug in a GUI callback: show it, keep the app
                log.error("callback failed: %s", type(error).__name__)
                if on_failure is not None:
                    on_failure(error)

    def _deliver_failure(self, _job: int, on_failure: Failure | None, error: BaseException) -> None:
        self._done()
        log.warning("background job failed: %s", type(error).__name__)
        if on_failure is not None:
            on_failure(error)

    @property
    def idle(self) -> bool:
        return self._pending == 0

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True)
        self._gc_timer.stop()
        collect_garbage()
        if self in _live_workers:
            _live_workers.remove(self)
        if not _live_workers:
            gc.enable()
