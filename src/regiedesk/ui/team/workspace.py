"""The team leader's workspace: the team table, a caseworker's families, a family's page.

Shows the figures cached in the encrypted profile at once (with the time they date
from), then refreshes them from the server on F5 and on a timer: the fetch runs on a
network thread, the cache is written on the database thread, the window only draws.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.vocabulary import ClosureReason, FamilyStatus
from ...services import Services
from ...services.team import FamilyPages, TeamSnapshot
from ..dates import date_edit, never_cut_off, shown_date
from ..format import date_text
from ..qt_names import USER_ROLE, key_sequence
from ..worker import DbWorker
from .family_page import FamilyPageMixin
from .tables import Item, code_label, family_rows, fill, new_table, team_rows
from .workspace_actions import PROGRESS_AFTER_MS, ActionsMixin

if TYPE_CHECKING:
    # the reports (reportlab) load when a report is made, not at start; the action dialogs
    # and the report's module when first used (after the first paint)
    from ...reports import Letterhead
    from ...sync import protocol as p
    from .actions import Job
    from .report import AskPath

REFRESH_EVERY_MS = 15 * 60 * 1000
DEFAULT_DAYS = 90

Fetch = Callable[[dt.date, dt.date, str | None], TeamSnapshot]
Act = Callable[["Job"], Any]  # runs a team action's request with a client of the server


class TeamWorkspace(FamilyPageMixin, ActionsMixin, QWidget):
    """What a team leader sees instead of the caseload: the team table and a caseworker's
    families here, a family's page in ``family_page.py``, the actions and the report in
    ``workspace_actions.py``."""

    _fetched = Signal(object, object)  # generation, a snapshot or the error
    _acted = Signal(object, object)  # the callback, the answer or the error

    def __init__(
        self,
        services: Services,
        worker: DbWorker,
        fetch: Fetch | None,
        parent: QWidget | None = None,
        *,
        act: Act | None = None,
        letterhead: Callable[[], Letterhead] | None = None,
        protected: Sequence[Path] = (),
    ) -> None:
        """``act(job)``: runs a team action's request with a client of the server (None:
        no actions, offline); ``letterhead`` and ``protected`` (profile folders no report
        may be saved in) for the Teamrapportage."""
        super().__init__(parent)
        self.setObjectName("teamWorkspace")
        self.services, self.worker, self.fetch, self.act = services, worker, fetch, act
        self.letterhead, self.protected = letterhead, tuple(protected)
        self.ask_report_path: AskPath | None = None  # None: the file dialog (a test answers)
        self.snapshot: TeamSnapshot | None = None
        self._page_family: str | None = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="team-net")
        self._generation = 0
        # the cached overview is read on the database thread while the widgets are made
        # (it arrives through the event loop, after them); the pages' texts after the
        # first paint (_show_cached)
        self.worker.submit(lambda: self.services.team.cached(pages=False), self._show_cached)
        self._fetched.connect(self._arrived)
        self._acted.connect(lambda callback, value: callback(value))
        self._build()
        self._progress = QTimer(self, singleShot=True, interval=PROGRESS_AFTER_MS)
        self._progress.timeout.connect(self._show_progress)
        self._timer = QTimer(self, interval=REFRESH_EVERY_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        # the workspace's own F5; in the main window its "sync now" F5 calls refresh instead
        self.f5 = QShortcut(key_sequence("F5"), self, self.refresh)

    # --- building ------------------------------------------------------------------

    def _build(self) -> None:
        today = self.services.team.today()
        self.title = QLabel()
        self.title.setObjectName("teamTitle")
        self.from_label, self.to_label, self.who_label = QLabel(), QLabel(), QLabel()
        self.start = date_edit("", today - dt.timedelta(days=DEFAULT_DAYS))
        self.start.setObjectName("teamFrom")
        self.end = date_edit("", today)
        self.end.setObjectName("teamTo")
        for edit, label in ((self.start, self.from_label), (self.end, self.to_label)):
            label.setBuddy(edit)
        self.caseworker = QComboBox()
        self.caseworker.setObjectName("teamCaseworker")
        self.caseworker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.who_label.setBuddy(self.caseworker)
        self.refresh_button = QPushButton()
        self.refresh_button.setObjectName("teamRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.status = QLabel()
        self.status.setObjectName("teamStatus")
        self.register_button = QPushButton()
        self.handover_button = QPushButton()
        self.stand_in_button = QPushButton()
        self.end_stand_in_button = QPushButton()
        self.report_button = QPushButton()
        actions = QHBoxLayout()
        for button, name, slot in (
            (self.register_button, "teamRegister", self.register_family),
            (self.handover_button, "teamHandover", self.hand_over),
            (self.stand_in_button, "teamStandIn", self.add_stand_in),
            (self.end_stand_in_button, "teamEndStandIn", self.end_stand_in),
            (self.report_button, "teamReport", self.save_report),
        ):
            button.setObjectName(name)
            button.clicked.connect(slot)
            actions.addWidget(button)
        actions.addStretch(1)
        bar = QHBoxLayout()
        for widget in (
            self.from_label,
            self.start,
            self.to_label,
            self.end,
            self.who_label,
            self.caseworker,
            self.refresh_button,
        ):
            bar.addWidget(widget)
        bar.addStretch(1)
        self.team_table = new_table("teamTable")
        self.families_table = new_table("teamFamilies")
        self.team_table.itemActivated.connect(self._open_caseworker)
        self.families_table.itemActivated.connect(self._open_family)
        self.caseworker.currentIndexChanged.connect(self._show_families)
        self.family_page = QWidget()  # its widgets are made when it is first shown
        self._families_due = False  # the families table waits until its tab is shown
        self.tabs = QTabWidget()
        self.tabs.setObjectName("teamTabs")
        self.tabs.addTab(self.team_table, "")
        self.tabs.addTab(self.families_table, "")
        self.tabs.addTab(self.family_page, "")
        self.tabs.currentChanged.connect(self._tab_shown)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(bar)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs)
        self.retranslate()

    def _tab_shown(self, index: int) -> None:
        if index == 1 and self._families_due:
            self._show_families()
        elif index == 2:
            self._build_family_page()

    def retranslate(self) -> None:
        self.title.setText(f"<h2>{self.tr('Teamoverzicht')}</h2>")
        self.from_label.setText(self.tr("&Van"))
        self.to_label.setText(self.tr("&Tot en met"))
        self.who_label.setText(self.tr("&Regisseur"))
        self.refresh_button.setText(self.tr("Ver&nieuwen (F5)"))
        self.register_button.setText(self.tr("Gezin &aanmelden…"))
        self.handover_button.setText(self.tr("&Overdragen…"))
        self.stand_in_button.setText(self.tr("&Waarneming…"))
        self.end_stand_in_button.setText(self.tr("Waarneming &stoppen…"))
        self.report_button.setText(self.tr("Teamra&pportage…"))
        for label in (self.from_label, self.to_label, self.who_label):
            never_cut_off(label)
        self.tabs.setTabText(0, self.tr("Team"))
        self.tabs.setTabText(1, self.tr("Gezinnen"))
        self.tabs.setTabText(2, self.tr("Gezin"))
        if hasattr(self, "intensity_chart"):
            self._title_charts()
        self._show(self.snapshot)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- the figures ---------------------------------------------------------------

    def _show_cached(self, snapshot: TeamSnapshot | None) -> None:
        if self.snapshot is None:
            self._show(snapshot)
        if snapshot is None:
            self.refresh()
        elif isinstance(snapshot.pages, FamilyPages) and snapshot.pages.pending:
            self.worker.submit(self.services.team.cached_pages, snapshot.pages.fill)

    def _show(self, snapshot: TeamSnapshot | None) -> None:
        self.snapshot = snapshot
        if snapshot is None:
            self.status.setText(self.tr("Nog geen cijfers: vernieuw met F5 als u online bent."))
            return
        self.status.setText(
            self.tr("Cijfers van {when}, over {start} tot en met {end}").format(
                when=snapshot.fetched_at.astimezone().strftime("%d-%m-%Y %H:%M"),
                start=date_text(snapshot.period[0]),
                end=date_text(snapshot.period[1]),
            )
        )
        self._show_team(snapshot.overview["caseworkers"])
        chosen = self.caseworker.currentData()
        self.caseworker.blockSignals(True)
        self.caseworker.clear()
        self.caseworker.addItem(self.tr("Alle regisseurs"), None)
        for person in snapshot.overview["caseworkers"]:
            self.caseworker.addItem(person["caseworker"], person["caseworker"])
        self.caseworker.setCurrentIndex(max(0, self.caseworker.findData(chosen)))
        self.caseworker.blockSignals(False)
        self._show_families()

    def _show_team(self, people: list[p.CaseworkerFigures]) -> None:
        headers = [
            self.tr("Regisseur"),
            self.tr("Actief"),
            self.tr("Aangemeld"),
            self.tr("Afgesloten in periode"),
            self.tr("Uren deze week"),
            self.tr("Gemiddeld (4 weken)"),
            self.tr("Zonder contact > 14 dagen"),
            self.tr("Afspraken te laat"),
            self.tr("Evaluaties te laat"),
            self.tr("Uitval in periode"),
        ]
        fill(self.team_table, headers, team_rows(people))

    def _show_families(self) -> None:
        if self.snapshot is None:
            return
        if self.tabs.currentIndex() != 1:  # filled when its tab is shown (not before the
            self._families_due = True  # first paint: a row per family, nine cells each)
            return
        self._families_due = False
        rows = self.snapshot.families_of(self.caseworker.currentData())
        headers = [
            self.tr("Gezin"),
            self.tr("Regisseur"),
            self.tr("Status"),
            self.tr("Dagen sinds contact"),
            self.tr("Partijen nu / bij start"),
            self.tr("Doelen behaald / open / niet"),
            self.tr("Afspraken te laat"),
            self.tr("Waarneming"),
            self.tr("Tarief"),
        ]
        fill(self.families_table, headers, family_rows(rows, self._status))
        for r in range(self.families_table.rowCount()):  # the id rides on the name cell
            cell = self.families_table.item(r, 0)
            if isinstance(cell, Item):
                cell.setData(USER_ROLE, cell.key)

    def _status(self, family: p.TeamFamily) -> str:
        text = code_label(FamilyStatus, family["status"])
        reason = family["closure_reason"]
        return f"{text} ({code_label(ClosureReason, reason)})" if reason else text

    def _open_caseworker(self, item: QTableWidgetItem) -> None:
        name = self.team_table.item(item.row(), 0)
        if name is not None:
            self.caseworker.setCurrentIndex(max(0, self.caseworker.findData(name.text())))
        self.tabs.setCurrentIndex(1)
        self.families_table.setFocus()

    def _open_family(self, item: QTableWidgetItem) -> None:
        cell = self.families_table.item(item.row(), 0)
        if cell is None or self.snapshot is None:
            return
        self.show_family(str(cell.data(USER_ROLE)))

    # --- refreshing ----------------------------------------------------------------

    def refresh(self) -> None:
        """Fetch the figures of the chosen period on the network thread."""
        if self.fetch is None:
            return
        self._generation += 1
        generation, fetch = self._generation, self.fetch
        start, end = shown_date(self.start), shown_date(self.end)
        chosen = self.caseworker.currentData()
        self._progress.start()

        def job() -> None:
            try:
                value: object = fetch(start, end, chosen)
            except BaseException as error:  # handed to the GUI thread, never swallowed
                value = error
            self._fetched.emit(generation, value)

        self._pool.submit(job)

    def _show_progress(self) -> None:
        self.status.setText(self.tr("Cijfers worden vernieuwd…"))

    def _arrived(self, generation: int, value: object) -> None:
        if generation != self._generation:
            return  # an older refresh, overtaken by a newer one
        self._progress.stop()
        if isinstance(value, TeamSnapshot):
            self.worker.submit(lambda: self.services.team.keep(value))
            self._show(value)
            return
        self._show(self.snapshot)
        self.status.setText(
            self.status.text() + " — " + self.tr("vernieuwen lukte niet, u ziet de laatste cijfers")
        )

    def shutdown(self) -> None:
        self._generation += 1  # a fetch still under way is dropped when it arrives
        self._timer.stop()
        self._pool.shutdown(wait=False, cancel_futures=True)
