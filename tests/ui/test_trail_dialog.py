"""Gezin > Wie zag of wijzigde dit gezin: the open family's access overview; on a laptop
not connected, its own events, and it says the overview is this laptop's alone."""

from __future__ import annotations

import datetime as dt
import json

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QTableWidget

from regiedesk.ui.main_window import MainWindow

from .conftest import by_name
from .test_flows import WAIT, family_window, go_to_tab, rows, services

__all__ = ["family_window"]  # the fixture, imported so pytest uses it here


def test_the_family_trail_from_the_menu(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = family_window
    go_to_tab(qtbot, window, "Plan")
    window.act_trail.trigger()
    qtbot.waitUntil(lambda: window.trail_dialog is not None, timeout=WAIT)
    dialog = window.trail_dialog
    assert dialog is not None
    events = by_name(dialog, "Gebeurtenissen", QTableWidget)
    # the tests' 'today' is fixed; the events are stamped by the wall clock
    today = dt.date.today()
    dialog.end.setDate(QDate(today.year, today.month, today.day))
    qtbot.mouseClick(dialog.show_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: events.rowCount() > 0, timeout=WAIT)  # type: ignore[attr-defined]
    assert "Alleen van deze laptop" in dialog.source.text()
    shown = rows(events)  # type: ignore[arg-type]
    assert shown[0][1:3] == ["aangemaakt", "anna"]
    assert any(r[1] == "ingezien" and "view/plan" in r[5] for r in shown)
    assert all(r[4] == "deze laptop (nog niet verstuurd)" for r in shown)
    people = rows(by_name(dialog, "Per gebruiker", QTableWidget))  # type: ignore[arg-type]
    assert [p[0] for p in people] == ["anna"] and int(people[0][1]) >= 1
    logged = services(window).store.query("SELECT objects FROM audit_log WHERE event = 'read'")
    assert any("view/trail" in json.loads(r["objects"]) for r in logged)
    window.lock()
    assert window.trail_dialog is None  # it goes with the lock
