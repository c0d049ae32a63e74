"""UI tests: the real window on Qt's offscreen platform, a real encrypted profile."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from regiedesk import i18n
from regiedesk.ui.context import AppContext
from regiedesk.ui.main_window import MainWindow
from regiedesk.ui.settings import Settings
from regiedesk.ui.translations import install_language
from regiedesk.ui.worker import DbWorker

from ..conftest import FAST_KDF, START, TODAY, FakeClock
from .closing import close_profile
from .finding import button, by_name  # noqa: F401  (the tests import them from here)

PASSPHRASE = "correct horse battery"


Clock = FakeClock  # the shared clock stand-in, by the name the UI tests use


@pytest.fixture
def clock() -> Clock:
    return FakeClock(START)


@pytest.fixture
def context(tmp_path: Path, clock: Clock) -> Iterator[AppContext]:
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    worker = DbWorker()
    yield AppContext(
        data_dir=tmp_path / "data",
        settings=settings,
        worker=worker,
        kdf=FAST_KDF,
        today=lambda: TODAY,
        now=clock,
    )
    worker.shutdown()


@pytest.fixture
def window(qtbot, context: AppContext) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    win = MainWindow(context)
    qtbot.addWidget(win)
    win.show()
    yield win
    close_profile(context)
    app = QApplication.instance()
    assert app is not None
    install_language(app, "nl")
    i18n.set_language(None)


@pytest.fixture
def open_window(qtbot, context: AppContext) -> Iterator[Callable[..., MainWindow]]:  # type: ignore[no-untyped-def]
    """Open the profile already made in ``context.data_dir``: the window, shown and unlocked,
    waiting (if ``rows`` is given) until the caseload shows that many families; the profile
    is closed again at teardown."""
    from .test_flows import WAIT, unlock  # test_flows imports this module

    def open_(rows: int | None = None) -> MainWindow:
        window = MainWindow(context)
        qtbot.addWidget(window)
        window.show()
        unlock(qtbot, window)
        if rows is not None:
            qtbot.waitUntil(lambda: window.caseload.model.rowCount() == rows, timeout=WAIT)
        return window

    yield open_
    close_profile(context)
