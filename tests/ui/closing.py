"""Closing a test's open profile the way the window does: on the database thread."""

from __future__ import annotations

import threading

from regiedesk.services import Services
from regiedesk.ui.context import AppContext
from regiedesk.ui.worker import DbWorker

CLOSE_WAIT_S = 30


def close_services(worker: DbWorker, services: Services) -> None:
    """Close the store after the jobs queued before it. Closed from the GUI thread, a job
    still reading on the database thread used a freed connection: a segfault (CI, 12-07)."""
    closed = threading.Event()

    def close() -> None:
        try:
            services.store.close()
        finally:
            closed.set()

    worker.submit(close)
    assert closed.wait(CLOSE_WAIT_S), "the database thread did not close the store"


def close_profile(context: AppContext) -> None:
    """Close the context's open profile, if any, and forget it."""
    services, context.services = context.services, None
    if services is not None:
        close_services(context.worker, services)
