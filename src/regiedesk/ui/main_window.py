"""The main window: start or unlock, the caseload, a family's workspace; menus and lock."""

from __future__ import annotations

import importlib
import logging
import sys
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QWindow
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.vocabulary import TimerState
from ..errors import RegiedeskError, ValidationError
from .context import AppContext
from .first_paint import AfterFirstPaint
from .format import TIMER_GLYPH, elapsed_text, next_tick_ms
from .idle import IdleWatcher
from .messages import show_error
from .qt_names import set_properties
from .sync import SyncController
from .unlock import StartPage, UnlockPage
from .window_menus import MenusMixin
from .window_profile import ProfileMixin
from .window_reports import ReportsMixin
from .window_settings import SettingsMixin
from .window_sync import SyncMixin
from .window_team import TeamMixin
from .window_week import WeekMixin

if TYPE_CHECKING:
    from ..domain.models import Family
    from ..services.indicators import CaseloadRow
    from .caseload import CaseloadPage
    from .dialogs import ConnectDialog, NewFamilyDialog, SettingsDialog
    from .guide import GuideWindow
    from .rejected_dialog import RejectedDialog
    from .trail_dialog import TrailDialog
    from .workspace import FamilyWorkspace

log = logging.getLogger(__name__)

WARM_UP_MS = 200  # the visit timer's look-up waits this long after the caseload's rows


class MainWindow(
    MenusMixin,
    ProfileMixin,
    SyncMixin,
    SettingsMixin,
    ReportsMixin,
    TeamMixin,
    WeekMixin,
    QMainWindow,
):
    unlocked = Signal()
    locked = Signal()

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.workspace: FamilyWorkspace | None = None  # imported when a family opens
        self._team_login: tuple[str, str] | None = None  # read where the profile opens
        self.pages = QStackedWidget()  # start, unlock, caseload, then the others
        # made when first shown or asked for (start_page, unlock_page, caseload): a team
        # leader never sees the caseload, a start shows one of the other two
        self._start_page: StartPage | None = None
        self._unlock_page: UnlockPage | None = None
        self._caseload_page: CaseloadPage | None = None
        # above every page while the practice profile is open: no one mistakes it for work
        self.practice_banner = QLabel()
        self.practice_banner.setObjectName("practiceBanner")
        set_properties(self.practice_banner, alignment="AlignCenter")
        self.practice_banner.setStyleSheet(
            "#practiceBanner { background: #f5c211; color: #000000; font-weight: bold;"
            " padding: 6px; border-bottom: 2px solid #c88800; }"
        )
        self.practice_banner.setVisible(False)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.practice_banner)
        column.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.timer_label = QLabel()
        self.timer_label.setAccessibleName(self.tr("Bezoektimer"))
        self.busy_label = QLabel()
        self.sync_label = QLabel()
        self.sync_label.setAccessibleName(self.tr("Synchronisatie"))
        set_properties(
            self.sync_label, textFormat="RichText", textInteractionFlags="LinksAccessibleByMouse"
        )
        self.sync_label.linkActivated.connect(self._sync_link)
        self.rejected_dialog: RejectedDialog | None = None
        self.trail_dialog: TrailDialog | None = None
        self.new_family_dialog: NewFamilyDialog | None = None
        self.connect_dialog: ConnectDialog | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.about_box: QMessageBox | None = None
        self.guide_window: GuideWindow | None = None
        self.cancel_sync_button = QToolButton()
        self.cancel_sync_button.setVisible(False)
        self.statusBar().addPermanentWidget(self.busy_label)
        self.statusBar().addPermanentWidget(self.sync_label)
        self.statusBar().addPermanentWidget(self.cancel_sync_button)
        self.statusBar().addPermanentWidget(self.timer_label)
        self.sync = SyncController(context.sync_client, self)
        self.sync.status_changed.connect(self.show_sync_status)
        self.sync.arrived.connect(self.changes_arrived)
        self.sync.revoked.connect(self.device_revoked)
        self.sync.connected.connect(self.device_connected)
        self.timer_tick = QTimer(self)  # each second in a visit's first minute, then each minute
        self.timer_tick.setInterval(1000)
        self.timer_tick.timeout.connect(self.refresh_timer_label)
        self.running_timer = None
        self._glyph_font = False
        self._timer_due = False  # the visit timer is looked up once the caseload shows
        self._warming: AfterFirstPaint | None = None  # the workspace warm-up, once
        self.idle = IdleWatcher(context.settings.idle_lock_minutes, self)
        self.idle.idle.connect(self.lock)
        context.worker.busy_changed.connect(self.show_busy)
        self._build_menus()
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        app.focusWindowChanged.connect(self._lock_from_dialogs)
        self.retranslate()
        if context.settings.geometry is not None:
            self.restoreGeometry(context.settings.geometry)
        else:
            self.resize(1200, 780)
        self.show_entry_page()

    # --- the pages made on first use ------------------------------------------------

    @property
    def start_page(self) -> StartPage:
        if self._start_page is None:
            page = StartPage(minimum=self.passphrase_minimum)  # in the current language
            page.create_requested.connect(self.create_profile)
            page.practice_requested.connect(self.open_practice)
            self._place("_start_page", page)
        assert self._start_page is not None
        return self._start_page

    @property
    def unlock_page(self) -> UnlockPage:
        if self._unlock_page is None:
            page = UnlockPage()
            page.unlock_requested.connect(self.unlock)
            page.practice_requested.connect(self.open_practice)
            self._place("_unlock_page", page)
        assert self._unlock_page is not None
        return self._unlock_page

    @property
    def caseload(self) -> CaseloadPage:
        if self._caseload_page is None:
            from .caseload import CaseloadPage  # a team leader's start does without it

            page = CaseloadPage()
            page.open_family.connect(self.open_family)
            page.searched.connect(lambda ids: self.context.run(lambda s: s.audit.log_search(ids)))
            page.new_family.connect(self.new_family)
            page.my_week.connect(self.show_my_week)
            self._place("_caseload_page", page)
        assert self._caseload_page is not None
        return self._caseload_page

    _FIRST_PAGES = ("_start_page", "_unlock_page", "_caseload_page")

    def _place(self, slot: str, page: QWidget) -> None:
        """Into the stack where it stood when the three were made with the window: after
        those of the three made before it, before the team, family and week pages."""
        before = self._FIRST_PAGES[: self._FIRST_PAGES.index(slot)]
        setattr(self, slot, page)
        self.pages.insertWidget(sum(getattr(self, s) is not None for s in before), page)

    def show_busy(self, busy: bool) -> None:
        self.busy_label.setText(self.tr("Bezig...") if busy else "")

    def show_practice(self, practice: bool) -> None:
        self.practice_banner.setVisible(practice)
        self._title_and_banner()

    def _title_and_banner(self) -> None:
        practice = self.context.practice
        self.setWindowTitle(
            self.tr("regiedesk - Oefenomgeving (fictieve gezinnen)")
            if practice
            else self.tr("regiedesk")
        )
        self.practice_banner.setText(self.tr("Oefenomgeving: fictieve gezinnen"))
        self.practice_banner.setToolTip(
            self.tr(
                "Wat u hier vastlegt, gaat nooit naar de server. Uw eigen gezinnen staan in uw "
                "eigen profiel: vergrendel (Ctrl+L) en ontgrendel met uw wachtwoord."
            )
        )

    def retranslate(self) -> None:
        self._title_and_banner()
        self.menu_file.setTitle(self.tr("&Bestand"))
        self.menu_family.setTitle(self.tr("&Gezin"))
        self.menu_view.setTitle(self.tr("Beel&d"))
        self.menu_help.setTitle(self.tr("&Help"))
        for action, text in (
            (self.act_lock, self.tr("&Vergrendelen")),
            (self.act_settings, self.tr("&Instellingen...")),
            (self.act_quit, self.tr("&Afsluiten")),
            (self.act_caseload, self.tr("Mijn &gezinnen")),
            (self.act_my_week, self.tr("Mijn wee&k")),
            (self.act_new_family, self.tr("&Nieuw gezin...")),
            (self.act_search, self.tr("&Zoeken")),
            (self.act_new_hours, self.tr("Nieuwe &urenregel")),
            (self.act_save, self.tr("Op&slaan")),
            (self.act_report, self.tr("&Rapport afdrukken...")),
            (self.act_hours_report, self.tr("Uren&verantwoording van alle gezinnen...")),
            (self.act_trail, self.tr("&Wie zag of wijzigde dit gezin...")),
            (self.act_next_tab, self.tr("&Volgend tabblad")),
            (self.act_previous_tab, self.tr("V&orig tabblad")),
            (self.act_refresh, self.tr("Ve&rnieuwen en synchroniseren")),
            (self.act_cancel_sync, self.tr("Synchronisatie a&fbreken")),
            (self.act_connect, self.tr("&Koppelen met de server...")),
            (self.act_rejected, self.tr("A&part gezet werk...")),
            (self.act_help, self.tr("&Handleiding")),
            (self.act_about, self.tr("&Over regiedesk")),
        ):
            action.setText(text)
        for page in (self._start_page, self._unlock_page, self._caseload_page, self.my_week):
            if page is not None:  # one made later comes up in the language of then
                page.retranslate()
        if self.workspace is not None:
            self.workspace.retranslate()
        self.refresh_timer_label()
        self.show_sync_status(self.sync.status)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- caseload and workspace --------------------------------------------------------

    def show_caseload(self) -> None:
        if self.context.services is None:
            return
        self._to_caseload_page()
        self.context.run(
            lambda s: s.indicators.caseload(), self._caseload_rows, lambda e: show_error(self, e)
        )

    def _to_caseload_page(self) -> None:
        self.close_workspace()
        self.pages.setCurrentWidget(self.caseload)
        self.caseload.table.setFocus()

    def _caseload_rows(self, rows: list[CaseloadRow]) -> None:
        self.caseload.set_rows(rows)
        if self.context.services is not None:
            self.idle.watch(True)
            self.context.run(lambda s: s.team.list_stand_ins(), self.caseload.set_stand_ins)
        if self._timer_due:
            # after the caseload is painted, not beside it: the look-up loads the visit
            # timer's modules on the database thread, which held up the first paint
            self._timer_due = False
            QTimer.singleShot(WARM_UP_MS, self.refresh_timer)
        if "regiedesk.ui.workspace" not in sys.modules and self._warming is None:
            # the workspace's modules load on the database thread as soon as the caseload
            # is on screen, so opening the first family does not hold up the window on
            # imports (about 40 ms, bench/ui.py's max_stall_ms)
            self._warming = AfterFirstPaint(self.caseload.table, self._warm_up)

    def _warm_up(self) -> None:
        if self.context.services is not None:  # not locked or closed meanwhile
            self.context.worker.submit(lambda: importlib.import_module(".workspace", __package__))

    def close_workspace(self) -> None:
        if self.workspace is not None:
            self.pages.removeWidget(self.workspace)
            self.workspace.deleteLater()
            self.workspace = None

    def open_family(self, family_id: str) -> None:
        if self.context.services is None:
            return
        from .workspace import FamilyWorkspace

        self.close_workspace()
        self.workspace = FamilyWorkspace(self.context, family_id)
        self.workspace.timer_changed.connect(self.refresh_timer)
        self.pages.addWidget(self.workspace)
        self.pages.setCurrentWidget(self.workspace)
        self.workspace.setFocus()

    def new_family(self) -> None:
        if self.context.services is None:
            return
        from .dialogs import NewFamilyDialog

        dialog = NewFamilyDialog(self.context.today(), self)

        def create() -> None:
            try:
                name, status, start = dialog.values()
            except ValidationError as error:  # a start date typed that is no date
                self._retry_new_family(dialog, error)
                return
            self.context.run(
                lambda s: s.families.add_family(name=name, status=status, start_date=start),
                created,
                lambda error: self._retry_new_family(dialog, error),
                owner=dialog,
            )

        def created(family: Family) -> None:
            self._forget_dialog("new_family_dialog", dialog)  # with the name typed in it
            self.open_family(family.id)

        dialog.accepted.connect(create)
        dialog.rejected.connect(lambda: self._forget_dialog("new_family_dialog", dialog))
        dialog.open()
        self.new_family_dialog = dialog

    def _forget_dialog(self, name: str, dialog: QDialog) -> None:
        if getattr(self, name) is dialog:
            setattr(self, name, None)
        dialog.deleteLater()

    def _retry_new_family(self, dialog: QDialog, error: BaseException) -> None:
        dialog.open()  # what was typed is still in the dialog
        show_error(dialog, error)

    def focus_search(self) -> None:
        if self.pages.currentWidget() is not self.caseload:
            self.show_caseload()
        self.caseload.search.setFocus()
        self.caseload.search.selectAll()

    def new_hours(self) -> None:
        """Ctrl+U: a new hours entry for the open family, or for the one chosen in the
        caseload."""
        if self.workspace is None:
            family_id = self.chosen_family()
            if family_id is None:
                return
            self.open_family(family_id)
            assert self.workspace is not None
        from .workspace.hours_tab import HoursTab

        tab = self.workspace.select(HoursTab)
        assert isinstance(tab, HoursTab)
        tab.duration.setFocus()

    def chosen_family(self) -> str | None:
        """The open family, else the one chosen in the caseload; with neither, a hint in the
        status bar and None."""
        family_id = self.workspace.family_id if self.workspace is not None else None
        family_id = family_id or self.caseload.selected_family_id()
        if family_id is None:
            self.statusBar().showMessage(self.tr("Kies eerst een gezin."), 5000)
        return family_id

    def save_current(self) -> None:
        """Ctrl+S: save the form of the open tab (the one with the focus, where a tab has two)."""
        if self.workspace is not None:
            self.workspace.current_tab().save_form()

    def step_tab(self, step: int) -> None:
        if self.workspace is not None:
            count = self.workspace.count()
            self.workspace.setCurrentIndex((self.workspace.currentIndex() + step) % count)

    def refresh_and_sync(self) -> None:
        self.refresh_current()
        if not self.say_why_no_sync():
            self.sync.sync_now()

    def refresh_current(self) -> None:
        if self.team is not None and self.pages.currentWidget() is self.team:
            self.team.refresh()
        elif self.workspace is not None:
            self.workspace.current_tab().refresh()
        elif self._caseload_page is not None and self.pages.currentWidget() is self.caseload:
            self.show_caseload()
        elif self.my_week is not None and self.pages.currentWidget() is self.my_week:
            self.show_my_week(self.my_week.week.monday if self.my_week.week else None)

    # --- the visit timer in the status bar ----------------------------------------------

    def refresh_timer(self) -> None:
        def shown(timer) -> None:  # type: ignore[no-untyped-def]
            self.running_timer = timer
            if timer is None:
                self.timer_tick.stop()
            else:
                self.timer_tick.start()
            self.refresh_timer_label()

        self.context.run(lambda s: s.timer.current(), shown, lambda e: None)

    def refresh_timer_label(self) -> None:
        timer = self.running_timer
        if timer is None:
            self.timer_label.setText("")
            return
        if not self._glyph_font:  # the font is loaded when a visit first shows, not at start
            from .fonts import with_shipped_fallback  # (with it importlib.resources)

            self._glyph_font = True
            self.timer_label.setFont(with_shipped_fallback(self.timer_label.font()))
        now = self.context.now()
        seconds = timer.elapsed_seconds(now)
        running = timer.state == TimerState.RUNNING
        state = self.tr("Bezoek loopt") if running else self.tr("Bezoek gepauzeerd")
        self.timer_label.setText(f"{TIMER_GLYPH} {state}: {elapsed_text(seconds)}")
        if running:
            self.timer_tick.setInterval(next_tick_ms(seconds))
        if self.workspace is not None:  # the Uren tab, if open, shows the same time
            from .workspace.hours_tab import HoursTab

            for tab in self.workspace.tabs:
                if isinstance(tab, HoursTab):
                    tab.tick(now)

    def _lock_from_dialogs(self, _window: QWindow | None) -> None:
        """Ctrl+L in a dialog locks too: a modal dialog blocks the main window's shortcuts,
        so the lock action joins every window that gets the focus."""
        active = QApplication.activeWindow()
        if active is not None and active is not self and self.act_lock not in active.actions():
            active.addAction(self.act_lock)

    def close_dialogs(self) -> None:
        """Every dialog goes when the profile locks, with what was typed in it (a family's
        name, the server password): none stays open over the lock page or in memory."""
        self.close_rejected()
        self.close_report_dialog()
        for name in (
            "new_family_dialog", "connect_dialog", "settings_dialog", "about_box", "trail_dialog",
        ):  # fmt: skip
            dialog = getattr(self, name)
            setattr(self, name, None)
            if dialog is not None and shiboken6.isValid(dialog):
                dialog.reject()
                dialog.deleteLater()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.context.settings.geometry = self.saveGeometry()
        self.context.settings.sync()
        if self.workspace is not None:
            self.workspace.flush_drafts()
        self.keep_report_draft()
        self.sync.stop()
        if self.context.services is not None:
            services, self.context.services = self.context.services, None
            self.context.worker.submit(services.store.close)
        super().closeEvent(event)


__all__ = ["MainWindow", "RegiedeskError"]
