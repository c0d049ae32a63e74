"""The calendar popup of a date field speaks the app's language, not the system's."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from regiedesk.ui.main_window import MainWindow
from regiedesk.ui.translations import install_language
from regiedesk.ui.workspace.network_tab import NetworkTab

from .test_flows import family_window, go_to_tab

__all__ = ["family_window"]
DUTCH, ENGLISH = QLocale.Language.Dutch, QLocale.Language.English


@pytest.fixture
def english_system() -> Iterator[None]:
    """A laptop whose system locale is American English; regiedesk runs in Dutch."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(before)


def test_the_calendar_follows_the_interface_language(  # type: ignore[no-untyped-def]
    qtbot, english_system: None, family_window: MainWindow
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = family_window
    install_language(app, "nl")  # as app.run does at start, with the saved language
    tab = go_to_tab(qtbot, window, "Uren")
    calendar = tab.date.calendarWidget()
    assert calendar.locale().language() == DUTCH
    assert calendar.locale().standaloneMonthName(3) == "maart"
    assert calendar.firstDayOfWeek().name == "Monday"
    window.set_language("en")
    qtbot.waitUntil(lambda: calendar.locale().language() == ENGLISH)
    assert calendar.locale().standaloneMonthName(3) == "March"
    assert calendar.firstDayOfWeek().name == "Monday"  # British, as the Dutch week
    network = window.workspace.select(NetworkTab)  # type: ignore[union-attr]  # made now
    dates = [e for e in network.findChildren(type(tab.date))]
    assert dates and all(d.calendarWidget().locale().language() == ENGLISH for d in dates)
    window.set_language("nl")
    qtbot.waitUntil(lambda: calendar.locale().language() == DUTCH)


def test_a_dialogs_calendar_too(qtbot, english_system: None, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_language(app, "nl")
    window = family_window
    window.show_caseload()
    window.new_family()
    dialog = window.new_family_dialog
    assert dialog is not None
    assert dialog.start.calendarWidget().locale().language() == DUTCH
    dialog.reject()
