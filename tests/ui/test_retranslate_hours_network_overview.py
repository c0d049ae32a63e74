"""Tabs already built follow a language switch: Uren, Netwerk and Overzicht.

Each test fills in a tab, switches to English through the settings dialog, and checks
that no text the tab shows is still a Dutch interface string, that what the user typed
or chose is still there, and that switching back brings every Dutch text back.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTableWidget,
    QWidget,
)

from regiedesk.domain.instruments import available_instruments, load_instrument
from regiedesk.domain.vocabulary import Activity, ContactMode, MemberRole
from regiedesk.ui.charts import BarChart
from regiedesk.ui.main_window import MainWindow
from regiedesk.ui.workspace.hours_tab import HoursTab
from regiedesk.ui.workspace.network_tab import NetworkTab
from regiedesk.ui.workspace.overview_tab import OverviewTab

from .conftest import TODAY, by_name
from .test_flows import WAIT, family_window, services
from .test_keyboard import english, idle, show_tab

__all__ = ["english", "family_window"]  # the fixtures, imported so pytest uses them here

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
from translations_en import EN


def plain(text: str) -> str:
    return text.replace("&", "")


# Dutch -> English for every text that differs between the two languages: the interface
# strings, the vocabulary labels and the names of the life domains
DUTCH = {plain(nl): plain(en) for nl, en in EN.items() if plain(nl) != plain(en)}
DUTCH |= {
    m.label("nl"): m.label("en")
    for kind in (Activity, ContactMode, MemberRole)
    for m in kind
    if m.label("nl") != m.label("en")
}
DUTCH |= {
    d.name("nl"): d.name("en")
    for code in available_instruments()
    for d in load_instrument(code).domains
    if d.name("nl") != d.name("en")
}


def pattern(template: str) -> re.Pattern[str]:
    """A translated template with its {0}, {1}, ... filled in."""
    parts = re.split(r"\{\d+\}", template)
    return re.compile(".*".join(map(re.escape, parts)), re.DOTALL)


TEMPLATES = [(pattern(nl), pattern(en)) for nl, en in DUTCH.items() if re.search(r"\{\d+\}", nl)]


def is_dutch(text: str) -> bool:
    text = plain(text)
    return text in DUTCH or any(
        nl.fullmatch(text) and not en.fullmatch(text) for nl, en in TEMPLATES
    )


def shown_texts(tab: QWidget) -> list[str]:
    """Every text the tab shows or speaks, in a stable order."""
    texts: list[str] = []
    for widget in [tab, *tab.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        texts += [widget.toolTip(), widget.accessibleName()]
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, BarChart):
            texts += [widget.title, widget.accessibleDescription()]
        if isinstance(widget, QTableWidget):
            for column in range(widget.columnCount()):
                header = widget.horizontalHeaderItem(column)
                texts.append(header.text() if header is not None else "")
                for row in range(widget.rowCount()):
                    item = widget.item(row, column)
                    texts.append(item.text() if item is not None else "")
    return [t for t in texts if t]


def switch_language(qtbot, window: MainWindow, language: str) -> None:  # type: ignore[no-untyped-def]
    """The way a user does it: Instellingen, the language, OK."""
    window.act_settings.trigger()
    dialog = window.settings_dialog
    assert dialog is not None
    combo = by_name(dialog, "Taal" if language == "en" else "Language", QComboBox)
    combo.setCurrentIndex(combo.findData(language))
    dialog.accept()
    menu = "&File" if language == "en" else "&Bestand"
    qtbot.waitUntil(lambda: window.menu_file.title() == menu, timeout=WAIT)
    idle(qtbot, window)


def check_switch(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, tab: QWidget, english: set[str], kept: Callable[[], object]
) -> list[str]:
    """English without a Dutch text left, then Dutch again exactly as before; ``kept``
    (what the user typed or chose) stays the same throughout. Returns the English texts."""
    dutch, before = shown_texts(tab), kept()
    assert any(map(is_dutch, dutch))  # the check below can fail
    switch_language(qtbot, window, "en")
    shown = shown_texts(tab)
    assert [t for t in shown if is_dutch(t)] == []
    assert {plain(t) for t in english} <= {plain(t) for t in shown}
    assert kept() == before
    switch_language(qtbot, window, "nl")
    assert shown_texts(tab) == dutch
    assert kept() == before
    return shown


def test_the_hours_tab_follows_the_language_switch(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow, english: None
) -> None:
    window = family_window
    family_id = window.workspace.family_id  # type: ignore[union-attr]
    s = services(window)
    s.hours.add(family_id, date=TODAY, minutes=45, activity="huisbezoek")
    s.timer.pause(s.timer.start(family_id).id)
    tab = show_tab(qtbot, window, "Uren")
    assert isinstance(tab, HoursTab)
    qtbot.waitUntil(lambda: tab.entries.rowCount() == 1, timeout=WAIT)
    tab.entries.selectRow(0)
    tab.edit_entry()  # editing the entry: the add button says "Wijziging opslaan"
    tab.duration.clear()
    qtbot.keyClicks(tab.duration, "2:15")
    tab.activity.setCurrentIndex(2)
    tab.domain.setCurrentIndex(3)
    english_texts = {
        EN["Wijziging &opslaan"],
        EN["&Hervat"],
        EN["(geen)"],
        EN["Urenregels van deze week"],
        Activity.HOME_VISIT.label("en"),
    }
    check_switch(
        qtbot,
        window,
        tab,
        english_texts,
        lambda: (
            tab.duration.text(),
            tab.date.date(),
            tab.activity.currentIndex(),
            tab.activity.currentData(),
            tab.domain.currentIndex(),
            tab.domain.currentData(),
            tab.entries.currentRow(),
            tab.editing,
        ),
    )
    assert tab.duration.text() == "2:15" and tab.editing is not None


def test_the_network_tab_follows_the_language_switch(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow, english: None
) -> None:
    window = family_window
    family_id = window.workspace.family_id  # type: ignore[union-attr]
    s = services(window)
    party = s.network.add_party(
        family_id, organisation="Wijkteam", role="ondersteuning", involved_from=TODAY
    )
    s.network.add_contact(family_id, party_id=party.id, date=TODAY, mode="telefoon")
    tab = show_tab(qtbot, window, "Netwerk")
    assert isinstance(tab, NetworkTab)
    qtbot.waitUntil(lambda: tab.contacts.rowCount() == 1, timeout=WAIT)
    tab.parties.selectRow(0)
    qtbot.keyClicks(tab.organisation, "Schuldhulp")
    qtbot.keyClicks(tab.summary, "belafspraak gemaakt")
    tab.contact_mode.setCurrentIndex(2)
    english_texts = {
        EN["Betrokkenen"],
        EN["&Organisatie:"],
        EN["&Contact vastleggen met geselecteerde betrokkene"],
        ContactMode.PHONE.label("en"),
    }
    check_switch(
        qtbot,
        window,
        tab,
        english_texts,
        lambda: (
            tab.organisation.text(),
            tab.summary.text(),
            tab.contact_mode.currentIndex(),
            tab.contact_mode.currentData(),
            tab.parties.currentRow(),
        ),
    )
    assert tab.organisation.text() == "Schuldhulp"


def test_the_overview_tab_follows_the_language_switch(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow, english: None
) -> None:
    window = family_window
    family_id = window.workspace.family_id  # type: ignore[union-attr]
    s = services(window)
    s.families.update(family_id, evaluation_date=TODAY - dt.timedelta(days=1))
    s.hours.add(family_id, date=TODAY, minutes=90, activity="huisbezoek")
    tab = show_tab(qtbot, window, "Overzicht")
    assert isinstance(tab, OverviewTab)
    tab.refresh()
    qtbot.waitUntil(lambda: "verstreken" in tab.summary.text(), timeout=WAIT)
    tab.members.selectRow(0)
    english_texts = {
        EN["Gezinsleden"],
        EN["Uren per week"],
        EN["Afspraken te doen (14 dagen)"],
        MemberRole.PARENT.label("en"),
    }
    shown = check_switch(qtbot, window, tab, english_texts, tab.members.currentRow)
    assert any("overdue" in t for t in shown) and "verstreken" in tab.summary.text()
