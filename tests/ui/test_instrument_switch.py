"""Another instrument on Leefgebieden asks before the scores entered go (issue 15)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from regiedesk.ui.main_window import MainWindow
from regiedesk.ui.workspace.domains_tab import DomainsTab

from .keyboard import show_tab
from .test_flows import WAIT, family_window

__all__ = ["family_window"]  # the fixture, imported so pytest uses it here


def domains(qtbot, window: MainWindow) -> DomainsTab:  # type: ignore[no-untyped-def]
    tab = show_tab(qtbot, window, "Leefgebieden")
    assert isinstance(tab, DomainsTab)
    return tab


def question(qtbot, tab: DomainsTab) -> QMessageBox:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: tab.switch_question is not None, timeout=WAIT)
    box = tab.switch_question
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(box.isVisible, timeout=WAIT)
    return box


def test_switching_asks_and_keeps_the_scores_unless_told(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = domains(qtbot, family_window)
    score, note = tab.score_inputs["financien"]
    score.setCurrentIndex(2)
    note.setText("Schulden in beeld")
    tab.instrument.setCurrentIndex(tab.instrument.findData("zrm_huishoudens"))
    box = question(qtbot, tab)
    assert "ZRM 2017" in box.text() and "ZRM-Huishoudens" in box.text()
    assert tab.instrument.currentData() == "zrm2017"  # not switched while asking
    box.button(QMessageBox.StandardButton.Cancel).click()  # "Scores houden"
    qtbot.waitUntil(lambda: tab.switch_question is None, timeout=WAIT)
    assert tab.instrument.currentData() == "zrm2017"
    assert tab.score_inputs["financien"] == (score, note)  # the same fields, as filled
    assert (score.currentData(), note.text()) == (2, "Schulden in beeld")

    tab.instrument.setCurrentIndex(tab.instrument.findData("zrm_huishoudens"))
    box = question(qtbot, tab)
    box.button(QMessageBox.StandardButton.Yes).click()  # "Toch wisselen"
    qtbot.waitUntil(lambda: tab.instrument.currentData() == "zrm_huishoudens", timeout=WAIT)
    assert tab.shown_instrument == "zrm_huishoudens"
    assert all(s.currentData() is None for s, _ in tab.score_inputs.values())


def test_an_empty_form_switches_without_a_question(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tab = domains(qtbot, family_window)
    tab.instrument.setCurrentIndex(tab.instrument.findData("zrm_huishoudens"))
    assert tab.switch_question is None and tab.shown_instrument == "zrm_huishoudens"
