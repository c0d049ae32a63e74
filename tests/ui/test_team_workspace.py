"""Issue 10, 3: the team leader's workspace over a real server and a real encrypted profile.

The figures are fetched on the network thread, cached in the profile and shown again
offline with the time they date from; the tables are reached by keyboard; Dutch and
English.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel

from regiedesk import i18n
from regiedesk.reports import render_team
from regiedesk.services.team import OLD_CACHE_KEY, FamilyPages, fetch_team
from regiedesk.store import create_profile
from regiedesk.sync.client import TeamClient
from regiedesk.team_demo import SECRET
from regiedesk.ui.format import euro_text
from regiedesk.ui.translations import install_language

from ..conftest import FAST_KDF
from ..server.conftest import Running
from .keyboard import activate
from .team_world import PASSPHRASE, TODAY, close, open_workspace, team_server

__all__ = ["team_server"]  # the fixture


def test_the_workspace_fetches_caches_and_shows_the_figures_offline(
    qtbot: Any, tmp_path: Path, team_server: tuple[Running, str]
) -> None:
    server, leader = team_server
    client = TeamClient(server.url, leader)
    calls: list[str] = []

    def fetch(start: dt.date, end: dt.date, caseworker: str | None) -> Any:
        calls.append(str(threading_name()))
        return fetch_team(client, start, end, caseworker)

    workspace, worker = open_workspace(qtbot, tmp_path, fetch)
    qtbot.waitUntil(lambda: workspace.snapshot is not None, timeout=20_000)
    assert calls and all(name.startswith("team-net") for name in calls)  # not the GUI thread
    table = workspace.team_table
    assert table.rowCount() == 3
    names = sorted(table.item(r, 0).text() for r in range(3))
    assert names == ["anna", "bert", "chris"]
    figures = {f["caseworker"]: f for f in workspace.snapshot.overview["caseworkers"]}  # type: ignore[union-attr]
    row = next(r for r in range(3) if table.item(r, 0).text() == "bert")
    assert table.item(row, 1).text() == str(figures["bert"]["active"])
    # the figures are read, never typed over: F2 opens no editor
    table.setFocus()
    table.setCurrentCell(row, 1)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    assert table.state() != QAbstractItemView.State.EditingState
    assert table.item(row, 1).text() == str(figures["bert"]["active"])
    # keyboard: Enter on a caseworker opens their families, Enter on a family its page
    table.setFocus()
    table.setCurrentCell(row, 0)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert workspace.tabs.currentIndex() == 1
    families = workspace.families_table
    assert families.rowCount() == len(workspace.snapshot.families_of("bert"))  # type: ignore[union-attr]
    assert {families.item(r, 1).text() for r in range(families.rowCount())} == {"bert"}
    tariffs = {
        families.item(r, families.columnCount() - 1).text() for r in range(families.rowCount())
    }
    expected = {
        euro_text(f["tariff_cents"])
        for f in workspace.snapshot.families_of("bert")  # type: ignore[union-attr]
        if f["tariff_cents"] is not None
    }
    assert expected and expected <= tariffs  # the app's one money form: EUR 12.160,00
    families.setCurrentCell(0, 0)
    qtbot.keyClick(families, Qt.Key.Key_Return)
    assert workspace.tabs.currentIndex() == 2
    assert workspace.intensity_chart.values and workspace.parties_chart.values
    shown = " ".join(
        w.text() for w in (workspace.family_title, workspace.family_facts, workspace.status)
    )
    assert SECRET not in shown
    # the Teamrapportage is fed from the same cached figures
    report = render_team(workspace.snapshot.report_input())  # type: ignore[union-attr]
    assert report.pdf.startswith(b"%PDF") and report.client is None
    close(workspace, worker)
    client.close()
    # offline: the cache in the profile, with the time it dates from
    again, worker = open_workspace(qtbot, tmp_path, None)
    qtbot.waitUntil(lambda: again.snapshot is not None, timeout=10_000)
    assert again.team_table.rowCount() == 3
    assert again.status.text().startswith("Cijfers van ")
    raw = (tmp_path / "profile").rglob("*")
    for file in raw:  # the cached figures are in the encrypted profile only
        if file.is_file():
            assert b"Gezin Anna" not in file.read_bytes(), file
    close(again, worker)


def test_a_failing_refresh_keeps_the_last_figures_and_english_is_complete(
    qtbot: Any, tmp_path: Path, team_server: tuple[Running, str]
) -> None:
    server, leader = team_server
    client = TeamClient(server.url, leader)
    workspace, worker = open_workspace(qtbot, tmp_path, lambda s, e, c: fetch_team(client, s, e, c))
    qtbot.waitUntil(lambda: workspace.snapshot is not None, timeout=20_000)
    before = workspace.snapshot

    def offline(start: dt.date, end: dt.date, caseworker: str | None) -> Any:
        raise OSError("no network")

    workspace.fetch = offline
    activate(qtbot, workspace)
    qtbot.keyClick(workspace, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: "lukte niet" in workspace.status.text(), timeout=5_000)
    assert workspace.snapshot is before and workspace.team_table.rowCount() == 3
    app = QApplication.instance()
    assert app is not None
    try:
        install_language(app, "en")
        i18n.set_language("en")
        qtbot.waitUntil(lambda: workspace.tabs.tabText(1) == "Families", timeout=5_000)
        headers = [
            workspace.team_table.horizontalHeaderItem(c).text()
            for c in range(workspace.team_table.columnCount())
        ]
        assert headers[:3] == ["Caseworker", "Active", "Registered"]
        assert workspace.refresh_button.text() == "&Refresh (F5)"
    finally:
        install_language(app, "nl")
        i18n.set_language(None)
    close(workspace, worker)
    client.close()


def threading_name() -> str:
    import threading

    return threading.current_thread().name


def drawn_right_edge(label: QLabel) -> int:
    """The rightmost column the label's text is painted in, drawn at twice its width."""
    width = label.width()
    label.resize(width * 2, label.height())
    image = label.grab().toImage()
    label.resize(width, label.height())
    dark = [
        x
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).lightness() < 128
    ]
    return max(dark, default=-1)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_period_labels_are_not_cut_off(qtbot: Any, tmp_path: Path, language: str) -> None:
    """'&Tot en met' lost the end of its last t: drawn with the underlined T, the text is
    wider than Qt measures it (the kerning of 'To' is gone)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_language(app, language)
    workspace, worker = open_workspace(qtbot, tmp_path, None)
    try:
        qtbot.waitUntil(lambda: worker.idle, timeout=10_000)
        for label in (workspace.from_label, workspace.to_label, workspace.who_label):
            assert label.isVisible()
            assert drawn_right_edge(label) < label.width(), label.text()
    finally:
        close(workspace, worker)
        install_language(app, "nl")
        i18n.set_language(None)


def test_a_profile_cached_in_the_old_layout_opens_offline_and_a_page_decodes_when_opened(
    qtbot: Any, tmp_path: Path, team_server: tuple[Running, str]
) -> None:
    server, leader = team_server
    client = TeamClient(server.url, leader)
    try:
        team = fetch_team(client, TODAY - dt.timedelta(days=90), TODAY)
    finally:
        client.close()
    store = create_profile(tmp_path / "profile", PASSPHRASE, user="teun", kdf=FAST_KDF)
    with store:  # as the app kept the figures before: the whole snapshot as one value
        store.set_meta(OLD_CACHE_KEY, json.dumps({"overview": team.overview, "pages": team.pages}))
    workspace, worker = open_workspace(qtbot, tmp_path, None)  # offline
    qtbot.waitUntil(lambda: workspace.snapshot is not None, timeout=10_000)
    assert workspace.team_table.rowCount() == 3
    assert workspace.status.text().startswith("Cijfers van ")
    close(workspace, worker)
    # the next start reads the new layout: the pages stay undecoded until one is opened
    again, worker = open_workspace(qtbot, tmp_path, None)
    qtbot.waitUntil(lambda: again.snapshot is not None, timeout=10_000)
    pages = again.snapshot.pages  # type: ignore[union-attr]
    assert isinstance(pages, FamilyPages)
    qtbot.waitUntil(lambda: not pages.pending, timeout=10_000)  # read after the first paint
    assert len(pages) == 9 and pages.decoded == frozenset()
    assert again.families_table.rowCount() == 0  # filled when its tab is first shown
    again.tabs.setCurrentIndex(1)
    assert again.families_table.rowCount() == 9
    again.families_table.setFocus()
    again.families_table.setCurrentCell(0, 0)
    qtbot.keyClick(again.families_table, Qt.Key.Key_Return)
    opened = str(again.families_table.item(0, 0).data(Qt.ItemDataRole.UserRole))
    assert again.tabs.currentIndex() == 2 and pages.decoded == {opened}
    assert again.family_title.text() == f"<h3>{team.pages[opened]['family']['name']}</h3>"
    assert again.intensity_chart.values == [w["minutes"] for w in team.pages[opened]["intensity"]]
    close(again, worker)
