"""Every record can be removed after a question, and the last removal undone."""

from __future__ import annotations

import datetime as dt

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QTableWidget

from regiedesk.ui.main_window import MainWindow
from regiedesk.ui.workspace.base import FamilyTab

from .conftest import TODAY, button, by_name
from .keyboard import focus
from .test_flows import WAIT, family_window, go_to_tab, services

__all__ = ["family_window"]  # the fixture, imported so pytest uses it here


def seed(window: MainWindow) -> None:
    s = services(window)
    family_id = window.workspace.family_id  # type: ignore[union-attr]
    member = s.families.list_members(family_id)[0]
    s.hours.add_entry(family_id, date=TODAY, minutes=45, activity="huisbezoek")
    party = s.network.add_party(
        family_id, organisation="Wijkteam Zuid", role="coach", involved_from=TODAY
    )
    s.network.add_contact(family_id, party_id=party.id, date=TODAY, mode="telefoon", summary="x")
    s.plan.add_goal(family_id, domain="financien", text="Rust in de post")
    s.plan.add_agreement(family_id, text="Brieven openen", owner="gezin")
    s.assessments.add_assessment(
        family_id, instrument="zrm2017", moment="intake", date=TODAY,
        scores={"financien": 2}, member_id=member.id,
    )  # fmt: skip


# (tab, table's accessible name, remove button, what the question names)
CASES = [
    ("Uren", "Urenregels van deze week", "Regel verwijderen", "Huisbezoek 0:45 op 24-11-2026"),
    (
        "Netwerk",
        "Contactmomenten",
        "Contact verwijderen",
        "contact met Wijkteam Zuid op 24-11-2026",
    ),
    ("Netwerk", "Betrokkenen", "Betrokkene verwijderen", "Wijkteam Zuid (coach)"),
    ("Plan", "Doelen", "Doel verwijderen", "Rust in de post"),
    ("Plan", "Afspraken", "Afspraak verwijderen", "Brieven openen"),
    ("Leefgebieden", "Eerdere metingen", "Meting verwijderen", "meting van 24-11-2026 (Intake)"),
    ("Overzicht", "Gezinsleden", "Gezinslid verwijderen", "Moeder Flow"),
]


def question(qtbot, tab: FamilyTab) -> QMessageBox:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: tab.question is not None and tab.question.isVisible(), timeout=WAIT)
    assert tab.question is not None
    return tab.question


def table_of(tab: FamilyTab, name: str) -> QTableWidget:
    found = by_name(tab, name, QTableWidget)
    assert isinstance(found, QTableWidget)
    return found


@pytest.mark.parametrize(("title", "table", "remove", "what"), CASES, ids=[c[2] for c in CASES])
def test_removed_after_a_question_and_back_with_ctrl_z(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow, title: str, table: str, remove: str, what: str
) -> None:
    window = family_window
    seed(window)
    if title == "Overzicht":  # a member with a measurement stays: remove the measurement
        s = services(window)
        for a in s.assessments.list_assessments(window.workspace.family_id):  # type: ignore[union-attr]
            s.assessments.remove_assessment(a.id)
    tab = go_to_tab(qtbot, window, title)
    tab.refresh()
    rows = table_of(tab, table)
    qtbot.waitUntil(lambda: rows.rowCount() >= 1, timeout=WAIT)
    before = rows.rowCount()
    texts = [rows.item(0, c).text() for c in range(rows.columnCount())]
    rows.selectRow(0)

    # asked first; Annuleren (the default) keeps it
    qtbot.mouseClick(button(tab, remove), Qt.MouseButton.LeftButton)
    box = question(qtbot, tab)
    assert f"'{what}' verwijderen?" == box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not shiboken6.isValid(box) or not box.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: window.context.worker.idle, timeout=WAIT)
    assert rows.rowCount() == before

    # Verwijderen removes it, and the undo bar names it
    qtbot.mouseClick(button(tab, remove), Qt.MouseButton.LeftButton)
    box = question(qtbot, tab)
    qtbot.mouseClick(button(box, "Verwijderen"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: rows.rowCount() < before, timeout=WAIT)
    workspace = window.workspace
    assert workspace is not None
    bar = workspace.undo_bar
    assert bar.isVisible() and bar.text.text() == f"'{what}' verwijderd."
    assert bar.button.text() == "Ongedaan maken"

    # Ctrl+Z brings it back (with what belonged to it), once
    focus(qtbot, rows)
    qtbot.keyClick(rows, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: rows.rowCount() == before, timeout=WAIT)
    assert [rows.item(0, c).text() for c in range(rows.columnCount())] == texts
    assert not bar.isVisible() and workspace.last_removal is None


def test_the_bar_undoes_and_ctrl_z_in_a_field_undoes_typing_only(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow
) -> None:
    window = family_window
    seed(window)
    tab = go_to_tab(qtbot, window, "Plan")
    tab.refresh()
    goals = table_of(tab, "Doelen")
    qtbot.waitUntil(lambda: goals.rowCount() == 1, timeout=WAIT)
    goals.selectRow(0)
    qtbot.mouseClick(button(tab, "Doel verwijderen"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button(question(qtbot, tab), "Verwijderen"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: goals.rowCount() == 0, timeout=WAIT)
    # Ctrl+Z while typing a new goal takes back the typing, not the removal
    field = by_name(tab, "Doel in de woorden van het gezin", QLineEdit)
    assert isinstance(field, QLineEdit)
    focus(qtbot, field)
    qtbot.keyClicks(field, "Werk")
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.context.worker.idle, timeout=WAIT)
    assert field.text() == ""
    assert goals.rowCount() == 0 and window.workspace.last_removal is not None  # type: ignore[union-attr]
    qtbot.mouseClick(window.workspace.undo_bar.button, Qt.MouseButton.LeftButton)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: goals.rowCount() == 1, timeout=WAIT)
    assert goals.item(0, 0).text() == "Rust in de post"
    # the undo synced as a new record: the outbox holds the delete and the insert
    store = services(window).store
    ops = [r["op"] for r in store.query("SELECT op FROM outbox WHERE entity = 'goals'")]
    assert ops == ["insert", "delete", "insert"]
    assert QApplication.activeModalWidget() is None
    assert dt.date.today()  # the test ran on the profile's own day, TODAY
