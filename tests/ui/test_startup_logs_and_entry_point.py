"""Start-up with a log folder that cannot be written, and the real entry point in a child
process: the app starts, says nothing technical, and leaves no client data in a log."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from regiedesk.logging_setup import LOG_FILE, setup_logging

from .conftest import PASSPHRASE
from .startup import (
    CHILD_TIMEOUT,
    FAMILY_NAME,
    make_profile,
    snapshot,
    writes_are_refused,
)

# --- 3. a log folder that cannot be written ------------------------------------------------


@pytest.fixture
def restore_logging() -> Iterator[None]:
    import logging

    root = logging.getLogger("regiedesk")
    handlers, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


@pytest.mark.usefixtures("restore_logging")
def test_a_log_folder_below_a_file_gives_no_log_and_no_error(tmp_path: Path) -> None:
    blocker = tmp_path / "geen-map"
    blocker.write_bytes(b"x")
    assert setup_logging(blocker / "logs") is None
    assert setup_logging(blocker) is None
    assert blocker.read_bytes() == b"x"


@pytest.mark.usefixtures("restore_logging")
def test_a_read_only_log_folder_gives_no_log_and_no_error(tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if not writes_are_refused(folder):
            pytest.skip("running as root: chmod 0o500 does not stop writes")
        assert setup_logging(folder) is None
    finally:
        folder.chmod(0o700)


@pytest.mark.usefixtures("restore_logging")
def test_a_log_file_that_is_a_folder_gives_no_log_and_no_error(tmp_path: Path) -> None:
    (tmp_path / LOG_FILE).mkdir()
    assert setup_logging(tmp_path) is None


# --- 4. the real entry point in a child process -------------------------------------------

CHILD = textwrap.dedent(
    """
    import os, sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from regiedesk.ui.main_window import MainWindow

    secret = os.environ.get("CHILD_PASSPHRASE", "")
    shown = MainWindow.show

    def show(window):
        shown(window)
        def report():
            page = type(window.pages.currentWidget()).__name__
            rows = window.caseload.model.rowCount()
            print("PAGE", page, "ROWS", rows, flush=True)
            print("ERROR", window.unlock_page.error.text() or window.start_page.error.text(),
                  flush=True)
            window.close()
            QApplication.quit()
        def poll():
            done = (not secret or window.context.services is not None
                    or window.unlock_page.error.text())
            if os.environ.get("CHILD_OPEN_HOURS") and window.context.services is not None:
                done = window.workspace is not None
            if done and window.context.worker.idle:
                QTimer.singleShot(100, report)
            else:
                QTimer.singleShot(50, poll)
        def open_hours():
            from regiedesk.ui.workspace.hours_tab import HoursTab
            if window.caseload.model.rowCount() == 0:  # a slow machine: not read yet
                QTimer.singleShot(50, open_hours)
                return
            window.open_family(window.caseload.model.rows[0].family_id)
            window.workspace.select(HoursTab)
            built = [t for t in window.workspace.built if isinstance(t, HoursTab)]
            print("HOURS", len(built), flush=True)
        if os.environ.get("CHILD_OPEN_HOURS"):
            window.unlocked.connect(open_hours)
        if secret:
            window.unlock_page.passphrase.setText(secret)
            window.unlock_page.button.click()
        QTimer.singleShot(50, poll)
        QTimer.singleShot(45_000, QApplication.quit)

    MainWindow.show = show
    from regiedesk.cli import main
    code = main(sys.argv[1:])
    print("EXIT", code, flush=True)
    sys.exit(code)
    """
)


def run_child(
    tmp_path: Path,
    args: list[str],
    *,
    passphrase: str = "",
    env: dict[str, str] | None = None,
    code: str = CHILD,
) -> subprocess.CompletedProcess[str]:
    """``code`` (the window started through the real entry point, by default) in a child
    with a home, settings and log of its own under ``tmp_path``."""
    home = tmp_path / "thuis"
    home.mkdir(exist_ok=True)
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "XDG_RUNTIME_DIR": str(home),
        "REGIEDESK_LOG_DIR": str(tmp_path / "log"),
        "CHILD_PASSPHRASE": passphrase,
        "LANG": "nl_NL.UTF-8",
        "PYTHONIOENCODING": "utf-8",
    }
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=CHILD_TIMEOUT,
        env=environment,
        check=False,
    )


def read_logs(folder: Path) -> str:
    return "".join(p.read_text("utf-8", "replace") for p in sorted(folder.rglob(f"{LOG_FILE}*")))


JUNK = ["--onzin", "-x", "--data-dir-extra=1", "plat", "--log-level", "BLAH", "--", "rest"]


def test_the_window_starts_with_junk_arguments_and_a_non_ascii_data_dir(tmp_path: Path) -> None:
    data_dir = tmp_path / "Gegevens Zoë"
    make_profile(data_dir)
    before = snapshot(data_dir)
    result = run_child(tmp_path, ["--data-dir", str(data_dir), *JUNK], passphrase=PASSPHRASE)
    assert result.returncode == 0, result.stderr
    assert "PAGE CaseloadPage ROWS 1" in result.stdout, result.stdout + result.stderr
    assert "EXIT 0" in result.stdout
    log = read_logs(tmp_path / "log")
    assert "window shown" in log
    assert FAMILY_NAME not in log and "Geheimzegel" not in log
    assert PASSPHRASE not in log
    assert FAMILY_NAME not in result.stdout + result.stderr
    # nothing outside the profile's own files appeared in the data directory
    assert set(snapshot(data_dir)) <= set(before) | {"profile.db-wal", "profile.db-shm"}
    assert not list(data_dir.rglob(f"{LOG_FILE}*"))


def test_the_log_says_where_the_data_is(tmp_path: Path) -> None:
    data_dir = tmp_path / "Gegevens Zoë"
    make_profile(data_dir)
    result = run_child(tmp_path, ["--data-dir", str(data_dir), *JUNK], passphrase=PASSPHRASE)
    assert result.returncode == 0, result.stderr
    log = read_logs(tmp_path / "log")
    assert str(data_dir) in log, log
    assert FAMILY_NAME not in log


def test_the_window_starts_when_the_log_folder_cannot_be_made(tmp_path: Path) -> None:
    blocker = tmp_path / "geen-map"
    blocker.write_bytes(b"x")
    data_dir = tmp_path / "data"
    result = run_child(tmp_path, ["--data-dir", str(data_dir), "--log-dir", str(blocker / "log")])
    assert result.returncode == 0, result.stderr
    assert "PAGE StartPage" in result.stdout, result.stdout + result.stderr
    assert blocker.read_bytes() == b"x"
    assert not data_dir.exists() or not any(data_dir.iterdir())


def test_the_window_starts_on_a_data_dir_that_is_a_file(tmp_path: Path) -> None:
    data_dir = tmp_path / "Gegevens Zoë"
    data_dir.write_bytes(b"geen map\n")
    result = run_child(tmp_path, ["--data-dir", str(data_dir)])
    assert result.returncode == 0, result.stderr
    assert "PAGE StartPage" in result.stdout, result.stdout + result.stderr
    assert data_dir.read_bytes() == b"geen map\n"


def test_the_window_starts_over_a_junk_settings_file_in_the_real_location(
    tmp_path: Path,
) -> None:
    conf = tmp_path / "thuis" / ".config" / "regiedesk" / "regiedesk.conf"
    conf.parent.mkdir(parents=True)
    conf.write_bytes(bytes(range(256)) * 4)
    result = run_child(tmp_path, ["--data-dir", str(tmp_path / "data")])
    assert result.returncode == 0, result.stderr
    assert "PAGE StartPage" in result.stdout, result.stdout + result.stderr


def test_the_window_starts_over_a_garbled_settings_version(tmp_path: Path) -> None:
    conf = tmp_path / "thuis" / ".config" / "regiedesk" / "regiedesk.conf"
    conf.parent.mkdir(parents=True)
    conf.write_bytes(b"[General]\nsettings_version=twee\n")
    result = run_child(tmp_path, ["--data-dir", str(tmp_path / "data")])
    assert result.returncode == 0, result.stderr
    assert "PAGE StartPage" in result.stdout, result.stdout + result.stderr


def test_the_log_never_lands_in_the_data_directory(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    make_profile(data_dir)
    result = run_child(
        tmp_path,
        ["--data-dir", str(data_dir)],
        passphrase=PASSPHRASE,
        env={"REGIEDESK_LOG_DIR": str(data_dir / "logs")},
    )
    assert result.returncode == 0, result.stderr
    assert "PAGE CaseloadPage" in result.stdout, result.stdout + result.stderr
    assert not list(data_dir.rglob(f"{LOG_FILE}*"))


def test_the_hours_tab_opens_with_an_unknown_instrument_in_the_settings(tmp_path: Path) -> None:
    conf = tmp_path / "thuis" / ".config" / "regiedesk" / "regiedesk.conf"
    conf.parent.mkdir(parents=True)
    conf.write_bytes(b"[General]\nsettings_version=1\ninstrument=onbekend\n")
    data_dir = tmp_path / "data"
    make_profile(data_dir)
    result = run_child(
        tmp_path,
        ["--data-dir", str(data_dir)],
        passphrase=PASSPHRASE,
        env={"CHILD_OPEN_HOURS": "1"},
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in result.stderr, result.stderr
    assert "HOURS 1" in result.stdout, output
