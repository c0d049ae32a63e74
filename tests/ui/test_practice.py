"""The practice environment: beside the real profile's folder, marked on every page,
never connected to a server."""

from __future__ import annotations

from PySide6.QtCore import Qt

from regiedesk.demo import generate_demo
from regiedesk.store import create_profile, open_profile, profile_exists
from regiedesk.ui.context import PRACTICE_KDF, PRACTICE_PASSPHRASE, AppContext
from regiedesk.ui.main_window import MainWindow

from .conftest import PASSPHRASE, button
from .failing import read_error
from .test_start_and_unlock import make_profile

WAIT = 30_000


def open_practice(qtbot, window: MainWindow, label: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button(window, label), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.caseload.model.rowCount() > 0, timeout=WAIT)


def test_practice_lives_outside_the_real_folder_and_says_so(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, context: AppContext
) -> None:
    open_practice(qtbot, window, "Oefenomgeving openen")
    practice = context.practice_dir
    assert profile_exists(practice)
    assert not practice.is_relative_to(context.data_dir)
    assert not context.data_dir.exists()  # nothing of it in the real profile's folder
    assert window.practice_banner.isVisible()
    assert window.practice_banner.text() == "Oefenomgeving: fictieve gezinnen"
    assert "Oefenomgeving" in window.windowTitle()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.start_page, timeout=WAIT)
    assert not window.practice_banner.isVisible()
    assert window.windowTitle() == "regiedesk"
    # the real profile can still be made where it belongs, the practice folder aside
    page = window.start_page
    qtbot.keyClicks(page.first, PASSPHRASE)
    qtbot.keyClicks(page.second, PASSPHRASE)
    qtbot.mouseClick(button(window, "Profiel maken"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.caseload, timeout=WAIT)
    assert not window.practice_banner.isVisible()
    assert profile_exists(context.data_dir)


def test_practice_in_english(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    open_practice(qtbot, window, "Oefenomgeving openen")
    window.set_language("en")
    qtbot.waitUntil(lambda: window.practice_banner.text() == "Practice: fictional families")
    assert "Practice" in window.windowTitle()


def test_a_practice_profile_is_not_connected(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, context: AppContext
) -> None:
    open_practice(qtbot, window, "Oefenomgeving openen")
    window.act_connect.trigger()
    text = read_error(qtbot, window)
    assert "oefenomgeving" in text and "nooit aan een server" in text
    assert window.connect_dialog is None  # no server password is asked


def test_an_old_practice_folder_moves_out_of_the_real_one(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, context: AppContext
) -> None:
    make_profile(context.data_dir)
    old = context.old_practice_dir
    store = create_profile(old, PRACTICE_PASSPHRASE, user="oefenregisseur", kdf=PRACTICE_KDF)
    generate_demo(store, families=2, today=context.today())
    store.close()
    window.show_entry_page()
    open_practice(qtbot, window, "Oefenomgeving")
    assert window.caseload.model.rowCount() == 2  # the same practice families
    assert not old.exists() and profile_exists(context.practice_dir)
    assert window.practice_banner.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.unlock_page, timeout=WAIT)
    assert not window.practice_banner.isVisible()
    qtbot.waitUntil(lambda: context.worker.idle)
    with open_profile(context.data_dir, PASSPHRASE) as real:  # the real profile untouched
        assert len(real.query("SELECT id FROM families")) == 1
