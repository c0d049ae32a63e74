"""The overview's figures (issue 15, "Wrong figures"): the active parties chart counts a
party involved since this week, also for a family started this week."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from regiedesk.services import Services
from regiedesk.store import create_profile
from regiedesk.ui.context import AppContext
from regiedesk.ui.main_window import MainWindow
from regiedesk.ui.workspace.base import LATE_COLOUR
from regiedesk.ui.workspace.overview_tab import OverviewTab
from regiedesk.ui.workspace.plan_tab import PlanTab

from ..conftest import FAST_KDF
from .conftest import PASSPHRASE, TODAY
from .keyboard import show_tab
from .test_flows import WAIT, services

assert TODAY.weekday() == 1  # a Tuesday: this week's Monday came before the party


@pytest.fixture
def new_family_window(qtbot, context: AppContext, open_window) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """A family started today, with one party involved from today, as on a real profile."""
    store = create_profile(context.data_dir, PASSPHRASE, user="anna", kdf=FAST_KDF)
    s = Services.over(store, today=lambda: TODAY)
    family = s.families.add_family(name="Gezin Nieuw", status="actief", start_date=TODAY)
    s.network.add_party(family.id, organisation="Wijkteam", role="hulp", involved_from=TODAY)
    store.close()
    window = open_window(rows=1)
    window.caseload.table.selectRow(0)
    qtbot.keyClick(window.caseload.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=WAIT)
    yield window


def test_the_parties_chart_counts_a_party_of_this_week(qtbot, new_family_window) -> None:  # type: ignore[no-untyped-def]
    tab = show_tab(qtbot, new_family_window, "Overzicht")
    assert isinstance(tab, OverviewTab)
    qtbot.waitUntil(lambda: tab.overview is not None, timeout=WAIT)
    assert tab.parties_chart.values, "the chart said 'Nog geen gegevens'"
    assert tab.parties_chart.values[-1] == 1  # as Netwerk says: 1 active
    assert tab.overview.parties[-1] == (TODAY, 1)  # type: ignore[union-attr]
    assert dt.date(2026, 11, 23) not in [d for d, _ in tab.overview.parties]  # type: ignore[union-attr]


def test_late_agreements_and_goals_are_marked(qtbot, new_family_window) -> None:  # type: ignore[no-untyped-def]
    window = new_family_window
    family_id = window.workspace.family_id  # type: ignore[union-attr]
    plan = services(window).plan
    week_ago, soon = TODAY - dt.timedelta(days=7), TODAY + dt.timedelta(days=3)
    plan.add_agreement(family_id, text="Bellen met de bank", owner="gezin", due_date=week_ago)
    plan.add_agreement(family_id, text="Naar de huisarts", owner="gezin", due_date=soon)
    plan.add_goal(family_id, domain="financien", text="Rust", target_date=week_ago)
    done = plan.add_goal(family_id, domain="huisvesting", text="Huis", target_date=week_ago)
    plan.update_goal(done.id, status="behaald")
    overview = show_tab(qtbot, window, "Overzicht")
    assert isinstance(overview, OverviewTab)
    overview.refresh()
    qtbot.waitUntil(lambda: overview.due.rowCount() == 2, timeout=WAIT)
    cells = {overview.due.item(r, 0).text(): overview.due.item(r, 1) for r in range(2)}
    late = cells["Bellen met de bank"]
    assert late.text() == f"{week_ago:%d-%m-%Y}, te laat"
    assert late.foreground().color().name() == LATE_COLOUR
    assert cells["Naar de huisarts"].text() == f"{soon:%d-%m-%Y}"
    assert "verlopen" in overview.due_box.title() and "14" in overview.due_box.title()

    plan_tab = show_tab(qtbot, window, "Plan")
    assert isinstance(plan_tab, PlanTab)
    qtbot.waitUntil(lambda: plan_tab.goals.rowCount() == 2, timeout=WAIT)
    targets = {plan_tab.goals.item(r, 0).text(): plan_tab.goals.item(r, 3).text() for r in range(2)}
    assert targets == {"Rust": f"{week_ago:%d-%m-%Y}, te laat", "Huis": f"{week_ago:%d-%m-%Y}"}
    dues = [plan_tab.agreements.item(r, 2).text() for r in range(2)]
    assert sorted(dues) == sorted([f"{week_ago:%d-%m-%Y}, te laat", f"{soon:%d-%m-%Y}"])
