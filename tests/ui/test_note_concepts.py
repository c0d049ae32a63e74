"""Every unsaved new note is its own concept (issue 15, "A new note's text is lost"): a note
refused for want of a title, then "Nieuw verslag", keeps its text as a concept in the list,
until it is saved or thrown away by choice; a lock keeps them all."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget

from regiedesk.ui.main_window import MainWindow
from regiedesk.ui.workspace.drafts import new_draft_prefix
from regiedesk.ui.workspace.notes_tab import DRAFT_ROLE, NotesTab

from .failing import click, read_error
from .locking import on_db, press_ctrl_l, reopen_family, settle
from .test_flows import WAIT, family_window, go_to_tab, services

__all__ = ["family_window"]  # the fixture, imported so pytest uses it here


def notes(qtbot, window: MainWindow) -> NotesTab:  # type: ignore[no-untyped-def]
    tab = go_to_tab(qtbot, window, "Verslagen")
    assert isinstance(tab, NotesTab)
    settle(qtbot, window)
    return tab


def listed(widget: QListWidget) -> list[str]:
    return [widget.item(r).text() for r in range(widget.count())]


def concepts(window: MainWindow) -> list[str]:
    family_id = window.workspace.family_id  # type: ignore[union-attr]
    prefix = new_draft_prefix(family_id)
    rows = on_db(window, lambda s: s.drafts.list_drafts(prefix))
    return sorted(text for key, text, _ in rows if not key.endswith(":title"))


def test_a_refused_new_note_stays_as_a_concept_beside_the_next(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow
) -> None:
    window = family_window
    family_id = window.workspace.family_id  # type: ignore[union-attr]
    tab = notes(qtbot, window)
    qtbot.keyClicks(tab.body, "Moeder vertelt over de deurwaarder.")
    click(qtbot, tab, "Verslag opslaan")  # no title: refused
    assert "titel" in read_error(qtbot, window).lower()
    click(qtbot, tab, "Nieuw verslag")
    qtbot.waitUntil(lambda: tab.list.count() == 1, timeout=WAIT)
    assert listed(tab.list) == ["concept · Moeder vertelt over de deurwaarder."]
    assert (tab.title.text(), tab.body.toPlainText()) == ("", "")  # a new, empty note
    qtbot.keyClicks(tab.title, "Gesprek met school")
    qtbot.keyClicks(tab.body, "De mentor belde.")
    click(qtbot, tab, "Verslag opslaan")
    qtbot.waitUntil(lambda: len(services(window).notes.list_notes(family_id)) == 1, timeout=WAIT)
    settle(qtbot, window)
    assert concepts(window) == ["Moeder vertelt over de deurwaarder."]  # the first kept
    assert len(listed(tab.list)) == 2 and listed(tab.list)[0].startswith("concept · Moeder")

    tab.list.setCurrentRow(0)  # the concept back in the editor, as typed
    qtbot.waitUntil(
        lambda: tab.body.toPlainText() == "Moeder vertelt over de deurwaarder.", timeout=WAIT
    )
    assert tab.current is None and tab.discard_button.isVisible()
    qtbot.keyClicks(tab.title, "Deurwaarder")
    click(qtbot, tab, "Verslag opslaan")
    qtbot.waitUntil(lambda: len(services(window).notes.list_notes(family_id)) == 2, timeout=WAIT)
    settle(qtbot, window)
    assert concepts(window) == []  # saved: its concept gone
    assert not any(text.startswith("concept") for text in listed(tab.list))


def test_concepts_survive_a_lock_and_go_only_by_choice(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = family_window
    tab = notes(qtbot, window)
    qtbot.keyClicks(tab.title, "Eerste")
    qtbot.keyClicks(tab.body, "Eerste tekst")
    click(qtbot, tab, "Nieuw verslag")
    qtbot.keyClicks(tab.title, "Tweede")
    qtbot.keyClicks(tab.body, "Tweede tekst")  # still typing when the lock comes
    press_ctrl_l(qtbot, window)
    settle(qtbot, window)
    reopen_family(qtbot, window)
    tab = notes(qtbot, window)
    qtbot.waitUntil(lambda: tab.list.count() == 2, timeout=WAIT)
    assert sorted(listed(tab.list)) == ["concept · Eerste", "concept · Tweede"]
    assert tab.body.toPlainText() == "Tweede tekst"  # the one typed last, in the editor
    assert "teruggezet" in tab.draft_state.text()

    row = next(r for r in range(2) if tab.list.item(r).text() == "concept · Eerste")
    tab.list.setCurrentRow(row)
    qtbot.waitUntil(lambda: tab.body.toPlainText() == "Eerste tekst", timeout=WAIT)
    assert tab.list.item(row).data(DRAFT_ROLE) == tab.new_key
    qtbot.mouseClick(tab.discard_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.list.count() == 1, timeout=WAIT)
    assert listed(tab.list) == ["concept · Tweede"]
    assert concepts(window) == ["Tweede tekst"]
    assert (tab.title.text(), tab.body.toPlainText()) == ("", "")
