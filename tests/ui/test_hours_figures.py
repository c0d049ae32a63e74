"""The figures beside the week on Uren (issue 15, "Wrong figures"): the calendar month of
today, named; the activities of the week shown, not of all time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from regiedesk.services import Services
from regiedesk.store import create_profile
from regiedesk.ui.context import AppContext
from regiedesk.ui.main_window import MainWindow
from regiedesk.ui.workspace.hours_tab import HoursTab, month_beside

from ..conftest import FAST_KDF
from .conftest import PASSPHRASE
from .keyboard import english, idle, show_tab, to_english
from .test_flows import WAIT

__all__ = ["english"]  # the fixture, imported so pytest uses it here

DEC_3 = dt.date(2026, 12, 3)  # a Thursday of week 49, which runs 30-11 to 06-12


@pytest.fixture
def december_window(qtbot, context: AppContext, open_window) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    store = create_profile(context.data_dir, PASSPHRASE, user="anna", kdf=FAST_KDF)
    s = Services.over(store, today=lambda: DEC_3)
    family = s.families.add_family(name="Gezin Maand", status="actief")
    for day, minutes, activity in (
        (DEC_3, 150, "huisbezoek"),  # 2:30 on 3 December
        (dt.date(2026, 11, 30), 60, "reistijd"),  # the week's Monday, in November
        (dt.date(2026, 10, 6), 45, "administratie"),  # long ago: not this week's
    ):
        s.hours.add_entry(family.id, date=day, minutes=minutes, activity=activity)
    store.close()
    context.today = lambda: DEC_3
    window = open_window(rows=1)
    window.caseload.table.selectRow(0)
    qtbot.keyClick(window.caseload.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=WAIT)
    yield window


def totals(qtbot, window: MainWindow, title: str = "Uren") -> str:  # type: ignore[no-untyped-def]
    tab = show_tab(qtbot, window, title)
    assert isinstance(tab, HoursTab)
    idle(qtbot, window)
    qtbot.waitUntil(lambda: tab.week is not None, timeout=WAIT)
    return tab.totals.text()


def test_this_month_is_the_calendar_month_of_today_and_named(qtbot, december_window) -> None:  # type: ignore[no-untyped-def]
    text = totals(qtbot, december_window)
    assert "Deze week: 3:30" in text
    assert "december 2026: 2:30" in text  # was "deze maand: 0:00", November's Monday
    assert "Huisbezoek 2:30" in text and "Reistijd 1:00" in text
    assert "Administratie" not in text  # October's hours are not this week's


def test_an_earlier_week_shows_the_month_of_its_monday(qtbot, december_window) -> None:  # type: ignore[no-untyped-def]
    tab = show_tab(qtbot, december_window, "Uren")
    assert isinstance(tab, HoursTab)
    qtbot.mouseClick(tab.previous, Qt.MouseButton.LeftButton)  # week 48: 23-11 to 29-11
    qtbot.waitUntil(lambda: "november 2026: 1:00" in tab.totals.text(), timeout=WAIT)
    assert "nog niets" in tab.totals.text()
    assert tab.totals.text().startswith("Week 48: 0:00")  # not "Deze week"


def test_the_month_is_named_in_english(qtbot, december_window, english: None) -> None:  # type: ignore[no-untyped-def]
    to_english(qtbot, december_window)
    assert "December 2026: 2:30" in totals(qtbot, december_window, "Hours")


def test_month_beside() -> None:
    monday = dt.date(2026, 11, 30)
    assert month_beside(monday, DEC_3) == (2026, 12)
    assert month_beside(monday, dt.date(2026, 12, 20)) == (2026, 11)
