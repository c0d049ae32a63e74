"""Mijn week in the window: reached from the caseload by keyboard, the week's hours per
day and family, what is due or late, families without contact; other weeks; English."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableWidget

from regiedesk.services import Services
from regiedesk.store import create_profile
from regiedesk.ui.context import AppContext
from regiedesk.ui.main_window import MainWindow
from regiedesk.ui.my_week import MyWeekPage

from ..conftest import FAST_KDF
from .conftest import PASSPHRASE, TODAY, button, by_name
from .keyboard import activate, english, to_english, unlocked_window
from .test_flows import WAIT, rows

__all__ = ["english", "unlocked_window"]

MONDAY = TODAY - dt.timedelta(days=TODAY.weekday())


@pytest.fixture
def week_window(qtbot, context: AppContext, open_window) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    store = create_profile(context.data_dir, PASSPHRASE, user="anna", kdf=FAST_KDF)
    s = Services.over(store, today=lambda: TODAY)
    akkerman = s.families.add_family(name="Gezin Akkerman", status="actief").id
    bakker = s.families.add_family(name="Gezin Bakker", status="actief").id
    s.families.add_family(name="Gezin Stil", status="aangemeld")
    s.hours.add_entry(akkerman, date=MONDAY, minutes=90, activity="huisbezoek")
    s.hours.add_entry(akkerman, date=TODAY, minutes=30, activity="telefonisch_contact")
    s.hours.add_entry(bakker, date=TODAY, minutes=45, activity="huisbezoek")
    s.hours.add_entry(bakker, date=MONDAY - dt.timedelta(days=3), minutes=20, activity="reistijd")
    s.plan.add_agreement(bakker, text="Schuldhulp bellen", owner="gezin", due_date=MONDAY)
    s.plan.add_agreement(
        akkerman, text="Formulier inleveren", owner="gezin", due_date=TODAY + dt.timedelta(days=2)
    )
    s.families.update_family(akkerman, evaluation_date=TODAY - dt.timedelta(days=30))
    store.close()
    window = open_window(rows=3)
    yield window


def open_week(qtbot, window: MainWindow) -> MyWeekPage:  # type: ignore[no-untyped-def]
    activate(qtbot, window)
    window.caseload.table.setFocus()
    qtbot.keyClick(window.caseload.table, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.my_week is not None and window.my_week.isVisible(), timeout=WAIT)
    page = window.my_week
    assert page is not None
    qtbot.waitUntil(lambda: page.week is not None, timeout=WAIT)
    return page


def test_alt_w_on_the_caseload_shows_the_week(qtbot, week_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    page = open_week(qtbot, week_window)
    assert "Week 48 van 2026 (23-11-2026 t/m 29-11-2026)" in page.week_label.text()
    hours = by_name(page, "Uren per dag en gezin", QTableWidget)
    assert hours.horizontalHeaderItem(1).text() == "ma 23-11"  # type: ignore[union-attr]
    assert rows(hours) == [
        ["Gezin Akkerman", "1:30", "0:30", "", "", "", "", "", "2:00"],
        ["Gezin Bakker", "", "0:45", "", "", "", "", "", "0:45"],
        ["Totaal", "1:30", "1:15", "", "", "", "", "", "2:45"],
    ]
    assert "2:45" in page.total.text()
    agreements = rows(by_name(page, "Afspraken deze week en te laat", QTableWidget))
    assert agreements == [
        ["23-11-2026, te laat", "Gezin Bakker", "Schuldhulp bellen", "te laat"],
        ["26-11-2026", "Gezin Akkerman", "Formulier inleveren", "deze week"],
    ]
    evaluations = rows(by_name(page, "Evaluaties deze week en verstreken", QTableWidget))
    assert evaluations == [["25-10-2026, verstreken", "Gezin Akkerman", "verstreken"]]
    quiet = rows(by_name(page, "Gezinnen zonder contact", QTableWidget))
    assert quiet == [["Gezin Stil", "nog geen contact", ""]]


def test_other_weeks_and_back(qtbot, week_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    page = open_week(qtbot, week_window)
    hours = by_name(page, "Uren per dag en gezin", QTableWidget)
    qtbot.mouseClick(button(page, "< Vorige week"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Week 47 " in page.week_label.text(), timeout=WAIT)
    assert rows(hours) == [
        ["Gezin Bakker", "", "", "", "", "0:20", "", "", "0:20"],
        ["Totaal", "", "", "", "", "0:20", "", "", "0:20"],
    ]
    for _ in range(2):
        qtbot.mouseClick(button(page, "Volgende week >"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Week 49 " in page.week_label.text(), timeout=WAIT)
    assert rows(hours) == [["Totaal", *[""] * 7, "0:00"]]
    qtbot.keyClick(page.hours, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)  # Deze week
    qtbot.waitUntil(lambda: "Week 48 " in page.week_label.text(), timeout=WAIT)
    qtbot.keyClick(page.hours, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: week_window.pages.currentWidget() is week_window.caseload, timeout=WAIT)


def test_enter_on_a_line_opens_its_family(qtbot, week_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = week_window
    page = open_week(qtbot, window)
    agreements = by_name(page, "Afspraken deze week en te laat", QTableWidget)
    agreements.setFocus()
    agreements.setCurrentCell(0, 1)
    qtbot.keyClick(agreements, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=WAIT)
    opened = window.workspace.family_id  # type: ignore[union-attr]
    names = {r.family_id: r.name for r in window.caseload.model.rows}
    assert names[opened] == "Gezin Bakker"
    window.act_my_week.trigger()  # Ctrl+Shift+W from a family
    qtbot.waitUntil(lambda: window.pages.currentWidget() is page, timeout=WAIT)
    assert window.workspace is None


def test_the_week_is_in_the_access_log_and_gone_after_a_lock(  # type: ignore[no-untyped-def]
    qtbot, week_window: MainWindow
) -> None:
    window = week_window
    page = open_week(qtbot, window)
    qtbot.waitUntil(lambda: window.context.worker.idle, timeout=WAIT)
    store = window.context.services.store  # type: ignore[union-attr]
    window.context.worker.submit(
        lambda: setattr(
            page, "_logged", store.query("SELECT objects FROM audit_log ORDER BY seq DESC LIMIT 1")
        )
    )
    qtbot.waitUntil(lambda: hasattr(page, "_logged"), timeout=WAIT)
    assert "view/my_week" in page._logged[0]["objects"]  # type: ignore[attr-defined]
    window.act_lock.trigger()
    assert page.hours.rowCount() == 0 and page.agreements.rowCount() == 0
    assert page.quiet.rowCount() == 0 and "Week" not in page.week_label.text()


def test_in_english(qtbot, week_window: MainWindow, english: None) -> None:  # type: ignore[no-untyped-def]
    window = week_window
    to_english(qtbot, window)
    page = open_week(qtbot, window)
    assert "Week 48 of 2026" in page.week_label.text()
    assert page.hours.horizontalHeaderItem(1).text() == "Mon 23-11"  # type: ignore[union-attr]
    assert page.hours.item(2, 0).text() == "Total"  # type: ignore[union-attr]
    assert page.agreements.item(0, 3).text() == "late"  # type: ignore[union-attr]
    assert button(page, "< Previous week") is not None
    assert QApplication.instance() is not None


def test_a_team_leaders_workspace_stays(qtbot, unlocked_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = unlocked_window
    window.open_team(("http://127.0.0.1:9", "no-token"))  # offline: the fetch fails, quietly
    try:
        window.act_my_week.trigger()
        assert window.pages.currentWidget() is window.team and window.my_week is None
    finally:
        window.close_team()
