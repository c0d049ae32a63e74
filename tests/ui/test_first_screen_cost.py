"""What the first screen after the unlock costs: the caseload, and the team leader's
workspace from its cache, paint without PySide's `Qt` namespace, whose 93 enums take about
21 ms to make (``ui/qt_names.py``). The real entry point in a child process, as a user
starts it, since this test process has loaded the namespace long ago."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel

from regiedesk.demo import generate_demo
from regiedesk.services import Services
from regiedesk.services.team import fetch_team
from regiedesk.store import create_profile
from regiedesk.sync.client import TeamClient
from regiedesk.sync.codes import Role
from regiedesk.ui.qt_names import (
    ALIGN_RIGHT,
    KEY_DOWN,
    SORT_ROLE,
    TEXT_ALIGNMENT_ROLE,
    USER_ROLE,
    key_sequence,
    set_properties,
)

from ..conftest import FAST_KDF, TODAY
from ..server.conftest import Running, free_port
from .team_world import PASSPHRASE, team_server  # noqa: F401  (the fixture)
from .test_startup_logs_and_entry_point import run_child

CHILD = textwrap.dedent(
    """
    import os, sys
    from PySide6 import QtCore
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication
    from regiedesk.ui.main_window import MainWindow

    shown = MainWindow.show

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                loaded = "Qt" in QtCore.__dict__
                print("PAGE", type(watched).__name__, "QT_NAMESPACE", loaded, flush=True)
                QTimer.singleShot(0, QApplication.quit)
            return False

    def show(window):
        shown(window)
        page = lambda: window.pages.currentWidget()
        window.unlocked.connect(lambda: page().installEventFilter(FirstPaint(page())))
        window.unlock_page.passphrase.setText(os.environ["CHILD_PASSPHRASE"])
        window.unlock_page.button.click()
        QTimer.singleShot(45_000, QApplication.quit)

    MainWindow.show = show
    from regiedesk.cli import main
    sys.exit(main(sys.argv[1:]))
    """
)


def first_paint(tmp_path: Path, data_dir: Path, passphrase: str) -> str:
    done = run_child(tmp_path, ["--data-dir", str(data_dir)], passphrase=passphrase, code=CHILD)
    assert done.returncode == 0, done.stderr
    return next(line for line in done.stdout.splitlines() if line.startswith("PAGE"))


def test_the_team_workspace_paints_from_its_cache_without_the_qt_namespace(
    tmp_path: Path,
    team_server: tuple[Running, str],  # noqa: F811
) -> None:
    server, leader = team_server
    client = TeamClient(server.url, leader)
    try:
        snapshot = fetch_team(client, TODAY - dt.timedelta(days=90), TODAY)
    finally:
        client.close()
    profile = tmp_path / "profile"
    with create_profile(profile, PASSPHRASE, user="teun", kdf=FAST_KDF) as store:
        Services.over(store).team.keep(snapshot)
        store.set_metas(
            {  # offline, as on a home visit: the workspace starts from the cache
                "server_url": f"http://127.0.0.1:{free_port()}",
                "device_token": leader,
                "server_role": Role.TEAMLEADER,
            }
        )
    assert first_paint(tmp_path, profile, PASSPHRASE) == "PAGE TeamWorkspace QT_NAMESPACE False"


def test_the_caseload_paints_without_the_qt_namespace(tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    with create_profile(profile, PASSPHRASE, user="anna", kdf=FAST_KDF) as store:
        generate_demo(store, today=TODAY)
    assert first_paint(tmp_path, profile, PASSPHRASE) == "PAGE CaseloadPage QT_NAMESPACE False"


def test_the_values_set_by_name_are_those_of_the_qt_namespace(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = QLabel()
    qtbot.addWidget(label)
    set_properties(label, alignment="AlignCenter", textFormat="RichText")
    assert label.alignment() == Qt.AlignmentFlag.AlignCenter
    assert label.textFormat() == Qt.TextFormat.RichText
    with pytest.raises(ValueError, match="no property"):
        set_properties(label, alignmnet="AlignCenter")  # a typo never passes unseen
    assert Qt.ItemDataRole.UserRole.value == USER_ROLE and SORT_ROLE == USER_ROLE + 1
    assert Qt.ItemDataRole.TextAlignmentRole.value == TEXT_ALIGNMENT_ROLE
    assert (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value == ALIGN_RIGHT
    assert Qt.Key.Key_Down.value == KEY_DOWN
    for key in ("Ctrl+L", "Ctrl+Shift+W", "Ctrl+PgDown", "F5"):
        assert key_sequence(key) == QKeySequence(key)
    assert key_sequence(QKeySequence.StandardKey.Save) == QKeySequence(
        QKeySequence.StandardKey.Save
    )
