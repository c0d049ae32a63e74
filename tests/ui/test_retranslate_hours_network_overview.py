"""Tabs already built follow a language switch: Uren, Netwerk and Overzicht.

Each test fills in a tab, switches to English through the settings dialog, and checks
that no text the tab shows is still a Dutch interface string, that what the user typed
or chose is still there, and that switching back brings every Dutch text back.
"""

from __future__ import annotations

import datetime as dt

from regiedesk.domain.vocabulary import Activity, ContactMode, MemberRole
from regiedesk.ui.main_window import MainWindow
from regiedesk.ui.workspace.hours_tab import HoursTab
from regiedesk.ui.workspace.network_tab import NetworkTab
from regiedesk.ui.workspace.overview_tab import OverviewTab

from .conftest import TODAY
from .keyboard import english, show_tab
from .language import EN, check_switch
from .test_flows import WAIT, family_window, services

__all__ = ["english", "family_window"]  # the fixtures, imported so pytest uses them here


def test_the_hours_tab_follows_the_language_switch(  # type: ignore[no-untyped-def]
    qtbot, family_window: MainWindow, english: None
) -> None:
    window = family_window
    family_id = window.workspace.family_id  # type: ignore[union-attr]
    s = services(window)
    s.hours.add_entry(family_id, date=TODAY, minutes=45, activity="huisbezoek")
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
        EN["Wij&ziging opslaan"],
        EN["H&ervat"],
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
        EN["Org&anisatie:"],
        EN["Contact va&stleggen met geselecteerde betrokkene"],
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
    s.families.update_family(family_id, evaluation_date=TODAY - dt.timedelta(days=1))
    s.hours.add_entry(family_id, date=TODAY, minutes=90, activity="huisbezoek")
    tab = show_tab(qtbot, window, "Overzicht")
    assert isinstance(tab, OverviewTab)
    tab.refresh()
    qtbot.waitUntil(lambda: "verstreken" in tab.summary.text(), timeout=WAIT)
    tab.members.selectRow(0)
    english_texts = {
        EN["Gezinsleden"],
        EN["Uren per week"],
        EN["Afspraken die verlopen zijn of binnen {0} dagen verlopen"].format(14),
        MemberRole.PARENT.label("en"),
    }
    shown = check_switch(qtbot, window, tab, english_texts, tab.members.currentRow)
    assert any("overdue" in t for t in shown) and "verstreken" in tab.summary.text()
