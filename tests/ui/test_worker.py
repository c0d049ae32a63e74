"""The database thread never runs Python's cyclic garbage collector: a widget freed there
(caught in a reference cycle) would be destroyed off the GUI thread and crash the app."""

from __future__ import annotations

import gc
import threading

from regiedesk.ui.worker import DbWorker

WAIT = 10_000


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_garbage_is_collected_on_the_gui_thread_only(qtbot) -> None:  # type: ignore[no-untyped-def]
    started: list[str] = []

    def record(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            started.append(threading.current_thread().name)

    gc.callbacks.append(record)
    worker = DbWorker()
    try:
        done: list[int] = []
        for _ in range(20):  # cyclic garbage made on the database thread, well over a threshold
            worker.submit(lambda: [Cycle() for _ in range(5_000)] and 1, done.append)
        qtbot.waitUntil(lambda: len(done) == 20, timeout=WAIT)
        qtbot.waitUntil(lambda: bool(started), timeout=WAIT)  # collected after all, on the timer
        assert set(started) == {threading.main_thread().name}
    finally:
        worker.shutdown()
        gc.callbacks.remove(record)
    assert gc.isenabled()  # the last worker gone: automatic collection is back
