"""Helpers of the start-up tests: a window started over a data folder, snapshots of files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from regiedesk.services.families import FamilyService
from regiedesk.store import create_profile
from regiedesk.ui.context import AppContext
from regiedesk.ui.main_window import MainWindow
from regiedesk.ui.settings import Settings
from regiedesk.ui.worker import DbWorker

from ..conftest import FAST_KDF
from .conftest import PASSPHRASE, TODAY

WAIT = 10_000
# Creating the practice environment (its key and the fictitious families) is the slowest
# step here: under load it took more than WAIT. The test waits for the job to end, either
# way, and then asserts how it ended, so a failure still shows with its message.
PRACTICE_WAIT = 180_000
CHILD_TIMEOUT = 60
FAMILY_NAME = "Gezin Geheimzegel"  # client data: must never reach a log
# Fragments only an English or a technical message would contain.
NOT_DUTCH = ("Traceback", " the ", "Exception", "Error:", "Er ging iets mis (")


# --- helpers -------------------------------------------------------------------------------


def ini(path: Path, content: bytes) -> Settings:
    path.write_bytes(content)
    return Settings(QSettings(str(path), QSettings.Format.IniFormat))


@pytest.fixture
def worker() -> Iterator[DbWorker]:
    w = DbWorker()
    yield w
    w.shutdown()


def start(qtbot, settings: Settings, data_dir: Path, worker: DbWorker) -> MainWindow:  # type: ignore[no-untyped-def]
    context = AppContext(
        data_dir=data_dir, settings=settings, worker=worker, kdf=FAST_KDF, today=lambda: TODAY
    )
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    return window


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` (or ``folder`` itself when it is a file), with its bytes."""
    if folder.is_file():
        return {folder.name: folder.read_bytes()}
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def assert_dutch(text: str) -> None:
    assert text.strip(), "no message at all"
    for fragment in NOT_DUTCH:
        assert fragment not in text, f"not a clear Dutch message: {text!r}"


def writes_are_refused(folder: Path) -> bool:
    """chmod does not stop root: try it."""
    probe = folder / ".probe"
    try:
        probe.write_bytes(b"x")
    except OSError:
        return True
    probe.unlink()
    return False


def make_profile(data_dir: Path) -> None:
    store = create_profile(data_dir, PASSPHRASE, user="anna", kdf=FAST_KDF)
    FamilyService(store).add_family(name=FAMILY_NAME, status="actief")
    store.close()
