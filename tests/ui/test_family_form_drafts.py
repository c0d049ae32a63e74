"""What is typed in the family's and a member's form survives a lock (issue 15, "never lose
a word"): kept as an encrypted draft, the form open again after unlocking, in the family
and tab that were open; saving or Annuleren removes the draft."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from regiedesk.ui.main_window import MainWindow
from regiedesk.ui.workspace.family_forms import (
    FamilyDialog,
    MemberDialog,
    family_form_key,
    member_form_key,
)
from regiedesk.ui.workspace.overview_tab import OverviewTab
from regiedesk.ui.workspace.plan_tab import PlanTab

from .locking import assert_nothing_shows, on_db, settle
from .test_family_forms import bare_window, closed, form, overview, set_date
from .test_flows import WAIT, services, unlock

__all__ = ["bare_window"]  # the fixture, imported so pytest uses it here

BSN = "111222333"  # passes the elfproef


def resumed_overview(qtbot, window: MainWindow) -> OverviewTab:  # type: ignore[no-untyped-def]
    """Unlock; the window goes back to the family that was open, on its overview."""
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=WAIT)
    tab = window.workspace.current_tab()  # type: ignore[union-attr]
    assert isinstance(tab, OverviewTab)
    return tab


def test_a_new_members_typing_survives_the_idle_lock(qtbot, bare_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = bare_window
    tab = overview(qtbot, window)
    family_id = tab.family_id
    tab.add_member()
    dialog = form(qtbot, tab, MemberDialog)
    assert isinstance(dialog, MemberDialog)
    qtbot.keyClicks(dialog.name, "Sanne Kaal")
    dialog.role.setCurrentIndex(dialog.role.findData("kind"))
    qtbot.keyClicks(dialog.birth, "14-03-2015")
    qtbot.keyClicks(dialog.bsn, BSN)
    window.idle.set_minutes(0.005)  # 300 ms without a key: the profile locks
    window.idle.timer.start()
    qtbot.waitUntil(lambda: window.context.services is None, timeout=WAIT)
    assert closed(dialog)
    assert_nothing_shows(qtbot, window, ["Sanne Kaal", BSN, "Gezin Kaal"])
    window.idle.set_minutes(5)

    tab = resumed_overview(qtbot, window)
    assert tab.family_id == family_id
    again = form(qtbot, tab, MemberDialog)
    assert isinstance(again, MemberDialog) and again is not dialog
    assert (again.name.text(), again.role.currentData()) == ("Sanne Kaal", "kind")
    assert (again.birth.text(), again.bsn.text()) == ("14-03-2015", BSN)
    assert again.restored.isVisible() and "vergrendeling" in again.restored.text()
    again.accept()
    qtbot.waitUntil(lambda: closed(again), timeout=WAIT)
    members = services(window).families.list_members(family_id)
    assert [(m.name, m.bsn, m.date_of_birth) for m in members] == [
        ("Sanne Kaal", BSN, dt.date(2015, 3, 14))
    ]
    settle(qtbot, window)
    key = member_form_key(family_id, None)
    assert on_db(window, lambda s: s.drafts.get_draft(key)) is None  # saved: no draft left


def test_the_family_forms_changes_come_back_and_annuleren_throws_them_away(  # type: ignore[no-untyped-def]
    qtbot, bare_window: MainWindow
) -> None:
    window = bare_window
    tab = overview(qtbot, window)
    family_id = tab.family_id
    tab.edit_family()
    dialog = form(qtbot, tab, FamilyDialog)
    assert isinstance(dialog, FamilyDialog)
    dialog.name.setText("Gezin Kaal-Verhoef")
    dialog.status.setCurrentIndex(dialog.status.findData("afgesloten"))
    dialog.reason.setCurrentIndex(dialog.reason.findData("verhuisd"))
    set_date(dialog.end, dt.date(2026, 11, 20))
    qtbot.keyClick(dialog.name, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # Ctrl+L
    qtbot.waitUntil(lambda: window.context.services is None, timeout=WAIT)
    assert_nothing_shows(qtbot, window, ["Gezin Kaal-Verhoef"])

    tab = resumed_overview(qtbot, window)
    again = form(qtbot, tab, FamilyDialog)
    assert isinstance(again, FamilyDialog)
    assert again.name.text() == "Gezin Kaal-Verhoef"
    assert (again.status.currentData(), again.reason.currentData()) == ("afgesloten", "verhuisd")
    assert again.end.date().toPython() == dt.date(2026, 11, 20)
    assert again.end.isVisibleTo(again)  # a closed family's rows show
    assert services(window).families.get_family(family_id).name == "Gezin Kaal"  # not saved
    again.reject()  # Annuleren: thrown away by choice
    settle(qtbot, window)
    assert on_db(window, lambda s: s.drafts.get_draft(family_form_key(family_id))) is None
    tab.edit_family()
    fresh = form(qtbot, tab, FamilyDialog)
    assert isinstance(fresh, FamilyDialog)
    assert fresh.name.text() == "Gezin Kaal" and not fresh.restored.isVisible()
    fresh.reject()


def test_unlocking_returns_to_the_family_and_tab_that_were_open(  # type: ignore[no-untyped-def]
    qtbot, bare_window: MainWindow
) -> None:
    window = bare_window
    workspace = window.workspace
    assert workspace is not None
    family_id = workspace.family_id
    workspace.select(PlanTab)
    settle(qtbot, window)
    window.lock()
    assert window.workspace is None
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=WAIT)
    assert window.workspace.family_id == family_id  # type: ignore[union-attr]
    assert isinstance(window.workspace.current_tab(), PlanTab)  # type: ignore[union-attr]
    assert window.pages.currentWidget() is window.workspace
    window.show_caseload()  # from the caseload, a lock returns to the caseload
    settle(qtbot, window)
    window.lock()
    unlock(qtbot, window)
    settle(qtbot, window)
    assert window.workspace is None and window.pages.currentWidget() is window.caseload
