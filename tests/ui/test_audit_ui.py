"""The window logs what a caseworker looks at: the family and each tab opened, a note
read, and a search once the typing stops."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QLineEdit

from regiedesk.ui.main_window import MainWindow

from .conftest import by_name
from .test_flows import WAIT, family_window, go_to_tab

__all__ = ["family_window"]  # the fixture, imported so pytest uses it here


def reads(window: MainWindow) -> list[tuple[str, str | None, list[str]]]:
    services = window.context.services
    assert services is not None
    rows = services.store.query(
        "SELECT event, client, objects FROM audit_log WHERE event IN ('read', 'search')"
        " ORDER BY seq"
    )
    return [(r["event"], r["client"], json.loads(r["objects"])) for r in rows]


def test_opening_a_family_and_a_tab_are_read_events(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    workspace = family_window.workspace
    assert workspace is not None
    family = workspace.family_id
    qtbot.waitUntil(lambda: len(reads(family_window)) == 1, timeout=WAIT)
    go_to_tab(qtbot, family_window, "Uren")
    qtbot.waitUntil(lambda: len(reads(family_window)) == 2, timeout=WAIT)
    assert reads(family_window) == [
        ("read", family, [f"families/{family}", "view/overview"]),
        ("read", family, [f"families/{family}", "view/hours"]),
    ]


def test_a_settled_search_is_logged_with_who_was_listed(qtbot, family_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    workspace = family_window.workspace
    assert workspace is not None
    family = workspace.family_id
    family_window.show_caseload()
    field = by_name(family_window.caseload, "Zoeken op naam", QLineEdit)
    field.setText("Fl")
    field.setText("Flow")  # typing on: still one search
    qtbot.waitUntil(lambda: any(e == "search" for e, _, _ in reads(family_window)), timeout=WAIT)
    searches = [r for r in reads(family_window) if r[0] == "search"]
    assert searches == [("search", None, [f"families/{family}"])]
