"""The caseload search by keyboard: Enter opens the match, Down moves to it; an unlock
returns to the family that was open."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from regiedesk.services.families import FamilyService
from regiedesk.store import create_profile
from regiedesk.ui.context import AppContext
from regiedesk.ui.main_window import MainWindow

from ..conftest import FAST_KDF
from .closing import close_profile
from .conftest import PASSPHRASE, TODAY, by_name
from .test_flows import WAIT, unlock


@pytest.fixture
def three_families(qtbot, context: AppContext) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    store = create_profile(context.data_dir, PASSPHRASE, user="anna", kdf=FAST_KDF)
    families = FamilyService(store, today=lambda: TODAY)
    for name in ("Gezin Akkerman", "Gezin Bakker", "Gezin Koës"):
        families.add_family(name=name, status="actief")
    store.close()
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.caseload.model.rowCount() == 3, timeout=WAIT)
    yield window
    close_profile(context)


def open_name(window: MainWindow) -> str:
    assert window.workspace is not None
    return next(
        r.name for r in window.caseload.model.rows if r.family_id == window.workspace.family_id
    )


def test_enter_in_the_search_opens_the_match(qtbot, three_families: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = three_families
    window.focus_search()  # Ctrl+F
    search = by_name(window.caseload, "Zoeken op naam", QLineEdit)
    assert search.hasFocus()
    qtbot.keyClicks(search, "koes")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=WAIT)
    assert open_name(window) == "Gezin Koës"


def test_enter_without_a_match_opens_nothing(qtbot, three_families: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = three_families
    window.focus_search()
    search = by_name(window.caseload, "Zoeken op naam", QLineEdit)
    qtbot.keyClicks(search, "jansen")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    qtbot.wait(50)
    assert window.workspace is None and window.pages.currentWidget() is window.caseload


def test_down_in_the_search_moves_to_the_first_match(qtbot, three_families: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = three_families
    window.focus_search()
    search = by_name(window.caseload, "Zoeken op naam", QLineEdit)
    qtbot.keyClicks(search, "ker")  # Akkerman and Bakker
    qtbot.keyClick(search, Qt.Key.Key_Down)
    table = window.caseload.table
    assert table.hasFocus()
    assert window.caseload.selected_family_id() is not None
    qtbot.keyClick(table, Qt.Key.Key_Down)  # on to the second match, then open it
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=WAIT)
    assert open_name(window) == "Gezin Bakker"


def test_an_unlock_returns_to_the_family_and_tab_that_were_open(  # type: ignore[no-untyped-def]
    qtbot, three_families: MainWindow
) -> None:
    window = three_families
    window.focus_search()
    qtbot.keyClicks(by_name(window.caseload, "Zoeken op naam", QLineEdit), "bakker")
    qtbot.keyClick(by_name(window.caseload, "Zoeken op naam", QLineEdit), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=WAIT)
    window.workspace.setCurrentIndex(3)  # type: ignore[union-attr]
    window.act_lock.trigger()
    assert window.workspace is None
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=WAIT)
    assert open_name(window) == "Gezin Bakker"
    assert window.workspace.currentIndex() == 3  # type: ignore[union-attr]
