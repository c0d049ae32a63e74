"""Start-up and settings robustness: bad settings, odd data directories, an unwritable log.

The product rules: "Bad input gets a clear error, and nothing is lost: wrong passphrase,
corrupt or foreign files, a full disk ... Errors a user sees say what happened and what to
do, in Dutch.", "an IT department expects clear logs" and "No client data in plaintext
anywhere on disk or in a log". Each test starts the real window (or the real `regiedesk`
entry point in a child process) over something a user, an installer or a broken disk
could leave behind, and checks that the window starts, says what happened, and changes
nothing.
"""

from __future__ import annotations

import base64
import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QLineEdit

from regiedesk.domain.instruments import available_instruments
from regiedesk.store import create_profile
from regiedesk.ui.settings import SETTINGS_VERSION, Settings
from regiedesk.ui.worker import DbWorker

from ..conftest import FAST_KDF
from .closing import close_profile
from .conftest import PASSPHRASE, by_name
from .startup import (
    PRACTICE_WAIT,
    WAIT,
    assert_dutch,
    ini,
    snapshot,
    start,
    worker,
    writes_are_refused,
)

__all__ = ["worker"]  # the fixtures, imported so pytest uses them here


# --- 1. settings with wrong or foreign values ----------------------------------------------


BAD_VALUES = {
    "taal xx": b"[General]\nlanguage=xx\n",
    "taal leeg": b"[General]\nlanguage=\n",
    "minuten abc": b"[General]\nidle_lock_minutes=abc\n",
    "minuten -5": b"[General]\nidle_lock_minutes=-5\n",
    "minuten 10**9": b"[General]\nidle_lock_minutes=1000000000\n",
    "minuten 1.5": b"[General]\nidle_lock_minutes=1.5\n",
    "minuten lijst": b"[General]\nidle_lock_minutes=3, 4\n",
    "geometrie rommel": b"[General]\ngeometry=@ByteArray(\\x1\\x2rommel\\0\\xff)\n",
    "geometrie tekst": b"[General]\ngeometry=geen geometrie\n",
    "oude versie": b"[General]\nsettings_version=0\nlock_after=600\n",
    "geen ini": b'{"language": "en", "idle_lock_minutes": 3}\n<<<>>>\n',
    "binaire rommel": bytes(range(256)) * 8,
    "leeg": b"",
    "versie abc": b"[General]\nsettings_version=abc\n",
    "versie 0.5": b"[General]\nsettings_version=0.5\n",
    "versie lijst": b"[General]\nsettings_version=1, 2\n",
    "versie leeg": b"[General]\nsettings_version=\n",
    "lock_after abc": b"[General]\nlock_after=abc\n",
    "lock_after leeg": b"[General]\nlock_after=\n",
    "lock_after 90.5": b"[General]\nlock_after=90.5\n",
}


@pytest.mark.parametrize("content", BAD_VALUES.values(), ids=BAD_VALUES.keys())
def test_the_window_starts_over_bad_settings(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, worker: DbWorker, content: bytes
) -> None:
    settings = ini(tmp_path / "settings.ini", content)
    assert settings.language in ("nl", "en")
    minutes = settings.idle_lock_minutes
    assert 1 <= minutes <= 120
    assert settings.geometry is None or isinstance(settings.geometry, QByteArray)
    window = start(qtbot, settings, tmp_path / "data", worker)
    assert window.pages.currentWidget() is window.start_page
    assert window.idle.timer.interval() == minutes * 60_000
    assert window.isVisible() and window.width() > 100 and window.height() > 100
    assert window.start_page.create_button.isEnabled()
    # the settings dialog opens over the same values, and OK writes clean ones
    window.open_settings()
    dialog = window.settings_dialog
    assert dialog is not None
    assert dialog.idle.value() == minutes
    dialog.accept()
    again = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    assert again.idle_lock_minutes == minutes
    assert again.language == settings.language
    assert again.instrument in available_instruments()
    window.close()


def test_an_old_lock_after_in_seconds_is_upgraded(tmp_path: Path) -> None:
    settings = ini(tmp_path / "s.ini", b"[General]\nsettings_version=0\nlock_after=600\n")
    assert settings.idle_lock_minutes == 10
    raw = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert raw.value("lock_after") is None
    assert int(str(raw.value("settings_version"))) == SETTINGS_VERSION


def test_settings_from_a_newer_version_keep_their_version(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    settings = ini(path, b"[General]\nsettings_version=7\nidle_lock_minutes=7\n")
    assert settings.idle_lock_minutes == 7
    settings.sync()
    raw = QSettings(str(path), QSettings.Format.IniFormat)
    # a newer app's upgrade steps must not run a second time over its own values
    assert int(str(raw.value("settings_version"))) == 7


def test_an_unknown_instrument_falls_back_to_a_shipped_one(tmp_path: Path) -> None:
    settings = ini(tmp_path / "settings.ini", b"[General]\ninstrument=onbekend\n")
    assert settings.instrument in available_instruments()


def test_a_junk_settings_file_is_usable_again_after_start(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    settings = ini(path, bytes(range(256)) * 8)
    settings.language = "en"
    settings.idle_lock_minutes = 9
    settings.sync()
    again = Settings(QSettings(str(path), QSettings.Format.IniFormat))
    assert (again.language, again.idle_lock_minutes) == ("en", 9)


def test_the_settings_setters_refuse_foreign_values(tmp_path: Path) -> None:
    settings = ini(tmp_path / "settings.ini", b"")
    settings.language = "xx"
    settings.idle_lock_minutes = -5
    assert settings.language == "nl"
    assert settings.idle_lock_minutes == 1
    settings.idle_lock_minutes = 10**9
    assert settings.idle_lock_minutes == 120


# --- 2. odd data directories ---------------------------------------------------------------


def test_a_data_dir_that_is_a_file(qtbot, tmp_path: Path, worker: DbWorker) -> None:  # type: ignore[no-untyped-def]
    data_dir = tmp_path / "gegevens"
    data_dir.write_bytes(b"dit is een bestand, geen map\n")
    before = snapshot(data_dir)
    window = start(qtbot, ini(tmp_path / "s.ini", b""), data_dir, worker)
    assert window.pages.currentWidget() is window.start_page
    window.create_profile(PASSPHRASE, PASSPHRASE)
    qtbot.waitUntil(lambda: window.start_page.error.text() != "", timeout=WAIT)
    text = window.start_page.error.text()
    assert_dutch(text)
    assert str(data_dir) in text and "Kan niet schrijven" in text
    assert snapshot(data_dir) == before
    assert window.context.services is None
    assert window.start_page.create_button.isEnabled()
    assert window.start_page.practice_button.isEnabled()
    # the practice environment lives beside it, not below it: it still opens
    window.start_page.error.clear()
    window.open_practice()
    qtbot.waitUntil(lambda: window.caseload.model.rowCount() > 0, timeout=PRACTICE_WAIT)
    assert window.practice_banner.isVisible()
    assert snapshot(data_dir) == before
    window.lock()
    qtbot.waitUntil(lambda: worker.idle, timeout=WAIT)


def test_a_read_only_data_dir(qtbot, tmp_path: Path, worker: DbWorker) -> None:  # type: ignore[no-untyped-def]
    data_dir = tmp_path / "alleen-lezen"
    data_dir.mkdir()
    (data_dir / "notitie.txt").write_text("van iemand anders\n")
    data_dir.chmod(0o500)
    try:
        if not writes_are_refused(data_dir):
            pytest.skip("running as root: chmod 0o500 does not stop writes")
        before = snapshot(data_dir)
        window = start(qtbot, ini(tmp_path / "s.ini", b""), data_dir, worker)
        assert window.pages.currentWidget() is window.start_page
        window.create_profile(PASSPHRASE, PASSPHRASE)
        qtbot.waitUntil(lambda: window.start_page.error.text() != "", timeout=WAIT)
        text = window.start_page.error.text()
        assert_dutch(text)
        assert "alleen-lezen" in text
        assert snapshot(data_dir) == before
        assert window.start_page.create_button.isEnabled()
    finally:
        data_dir.chmod(0o700)


def _good_key(tmp_path: Path) -> bytes:
    folder = tmp_path / "bron"
    create_profile(folder, PASSPHRASE, user="anna", kdf=FAST_KDF).close()
    return (folder / "profile.key").read_bytes()


def _good_db(tmp_path: Path) -> bytes:
    folder = tmp_path / "bron"
    if not (folder / "profile.db").exists():
        create_profile(folder, PASSPHRASE, user="anna", kdf=FAST_KDF).close()
    return (folder / "profile.db").read_bytes()


def _plain_sqlite(tmp_path: Path) -> bytes:
    path = tmp_path / "plain.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES ('iets')")
    conn.commit()
    conn.close()
    return path.read_bytes()


FOREIGN: dict[str, Callable[[Path], dict[str, bytes]]] = {
    "db is rommel": lambda t: {"profile.key": _good_key(t), "profile.db": os.urandom(8192)},
    "db is gewone sqlite": lambda t: {"profile.key": _good_key(t), "profile.db": _plain_sqlite(t)},
    "db is leeg": lambda t: {"profile.key": _good_key(t), "profile.db": b""},
    "db is tekst": lambda t: {"profile.key": _good_key(t), "profile.db": b"hallo\n" * 100},
    "db afgekapt": lambda t: {"profile.key": _good_key(t), "profile.db": _good_db(t)[:1000]},
    "key is rommel": lambda t: {"profile.key": os.urandom(300), "profile.db": _good_db(t)},
    "key afgekapt": lambda t: {"profile.key": _good_key(t)[:60], "profile.db": _good_db(t)},
    "key is leeg": lambda t: {"profile.key": b"", "profile.db": _good_db(t)},
    "key is andere json": lambda t: {"profile.key": b'{"format": "x"}', "profile.db": _good_db(t)},
    "alleen key": lambda t: {"profile.key": _good_key(t)},
    "alleen db": lambda t: {"profile.db": _good_db(t)},
}


@pytest.mark.parametrize("make", FOREIGN.values(), ids=FOREIGN.keys())
def test_foreign_or_damaged_profile_files_are_named_and_left_alone(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, worker: DbWorker, make: Callable[[Path], dict[str, bytes]]
) -> None:
    data_dir = tmp_path / "gegevens"
    data_dir.mkdir()
    for name, content in make(tmp_path).items():
        (data_dir / name).write_bytes(content)
    before = snapshot(data_dir)
    window = start(qtbot, ini(tmp_path / "s.ini", b""), data_dir, worker)
    assert window.pages.currentWidget() is window.unlock_page
    page = window.unlock_page
    field = by_name(window, "Wachtwoord", QLineEdit)
    assert isinstance(field, QLineEdit)
    field.setText(PASSPHRASE)
    page.button.click()
    qtbot.waitUntil(lambda: page.error.text() != "", timeout=WAIT)
    qtbot.waitUntil(lambda: window.context.worker.idle, timeout=WAIT)
    text = page.error.text()
    assert_dutch(text)
    assert "klopt niet" not in text  # the passphrase was right: the files are wrong
    assert str(data_dir) in text and "niets aan veranderd" in text
    assert page.failures == 0
    assert page.button.isEnabled()
    assert window.context.services is None
    assert snapshot(data_dir) == before  # no -wal, -shm or rewritten file left behind
    # and the window stays usable: the practice environment opens beside it
    page.practice_button.click()
    qtbot.waitUntil(lambda: window.context.worker.idle, timeout=PRACTICE_WAIT)
    assert window.context.services is not None, window.start_page.error.text()
    assert window.pages.currentWidget() is window.caseload
    close_profile(window.context)
    assert {k: v for k, v in snapshot(data_dir).items() if "oefenomgeving" not in k} == before


def _envelope(tmp_path: Path, **change: object) -> bytes:
    doc = json.loads(_good_key(tmp_path))
    for key, value in change.items():
        if key in ("memory_kib", "iterations", "lanes"):
            doc["kdf"][key] = value
        else:
            doc[key] = value
    return json.dumps(doc).encode()


BROKEN_ENVELOPES: dict[str, dict[str, object]] = {
    "memory_kib 0": {"memory_kib": 0},
    "memory_kib negatief": {"memory_kib": -5},
    "iterations 0": {"iterations": 0},
    "iterations 2**40": {"iterations": 2**40},
    "lanes 0": {"lanes": 0},
    "salt te kort": {"salt": base64.b64encode(b"ab").decode()},
    "nonce leeg": {"nonce": ""},
}


@pytest.mark.parametrize("change", BROKEN_ENVELOPES.values(), ids=BROKEN_ENVELOPES.keys())
def test_a_key_file_with_impossible_parameters_is_named_as_damaged(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, worker: DbWorker, change: dict[str, object]
) -> None:
    data_dir = tmp_path / "gegevens"
    data_dir.mkdir()
    (data_dir / "profile.key").write_bytes(_envelope(tmp_path, **change))
    (data_dir / "profile.db").write_bytes(_good_db(tmp_path))
    before = snapshot(data_dir)
    window = start(qtbot, ini(tmp_path / "s.ini", b""), data_dir, worker)
    by_name(window, "Wachtwoord", QLineEdit).setText(PASSPHRASE)  # type: ignore[attr-defined]
    window.unlock_page.button.click()
    qtbot.waitUntil(lambda: window.unlock_page.error.text() != "", timeout=WAIT)
    assert snapshot(data_dir) == before
    text = window.unlock_page.error.text()
    assert "profile.key" in text and "beschadigd" in text, text
