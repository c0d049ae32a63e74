"""What the windows share, passed explicitly: paths, settings, the worker, the open services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject

from ..clock import utc_now
from ..services import Services
from ..store import DEFAULT_KDF, KdfParams
from ..sync.session import ClientFactory, default_client
from .settings import Settings
from .worker import DbWorker

PRACTICE_FOLDER = "oefenomgeving"
PRACTICE_PASSPHRASE = "oefenen-met-regiedesk"
# The practice passphrase is public (above) and the practice data made up, so a costly
# Argon2id would protect nothing there: it only made opening the practice profile slow
# (8 MiB took 13 ms on first use, 1 MiB takes 2 ms; profiles made earlier keep theirs).
PRACTICE_KDF = KdfParams(memory_kib=1024, iterations=1, lanes=1)


@dataclass
class AppContext:
    data_dir: Path
    settings: Settings
    worker: DbWorker
    kdf: KdfParams = DEFAULT_KDF
    today: Callable[[], dt.date] = dt.date.today
    now: Callable[[], dt.datetime] = utc_now
    services: Services | None = field(default=None)
    profile_dir: Path | None = None  # the profile that is open (main or practice)
    sync_client: ClientFactory = default_client  # tests pass one with a fault transport

    practice: bool = False  # the open profile is a practice one (made-up families)

    @property
    def practice_dir(self) -> Path:
        """Beside the real profile's folder, not in it: a backup, a wipe or a new profile
        there never meets the practice families."""
        return self.data_dir.with_name(f"{self.data_dir.name}-{PRACTICE_FOLDER}")

    @property
    def old_practice_dir(self) -> Path:
        """Where versions before 2026-12 kept it: inside the real profile's folder."""
        return self.data_dir / PRACTICE_FOLDER

    def run(  # type: ignore[no-untyped-def]
        self,
        fn: Callable[[Services], object],
        on_success=None,
        on_failure=None,
        *,
        owner: QObject | None = None,
    ) -> None:
        """Run ``fn(services)`` on the database thread.

        Its result (or error) comes back only while the same profile is open and ``owner``
        still exists: after a lock, or once the tab that asked has closed, it is dropped,
        not put into a widget that is gone (the worker logs a failure either way).
        """
        services = self.services
        if services is None:
            return

        def current(callback: Callable[[Any], None] | None) -> Callable[[Any], None] | None:
            if callback is None:
                return None

            def deliver(value: Any) -> None:
                if self.services is services and (owner is None or shiboken6.isValid(owner)):
                    callback(value)

            return deliver

        self.worker.submit(lambda: fn(services), current(on_success), current(on_failure))
