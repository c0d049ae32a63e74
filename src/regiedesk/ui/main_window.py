"""The main window: start or unlock, the caseload, a family's workspace; menus and lock."""

from __future__ import annotations

import html
import importlib
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QWindow
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolButton,
)

from ..domain.vocabulary import TimerState
from ..errors import RegiedeskError
from ..i18n import Language
from ..paths import os_user
from ..services import Services
from ..store import MIN_PASSPHRASE_LENGTH, create_profile, open_profile, profile_exists
from ..sync.session import wipe_revoked
from .caseload import CaseloadPage
from .context import PRACTICE_KDF, PRACTICE_PASSPHRASE, AppContext
from .format import date_text, duration_text
from .messages import error_text, show_error, show_info
from .sync import SyncController, SyncState, SyncStatus
from .translations import install_language
from .unlock import StartPage, UnlockPage

if TYPE_CHECKING:
    from ..domain.models import Family
    from ..services.indicators import CaseloadRow
    from .dialogs import ConnectDialog, NewFamilyDialog, SettingsDialog
    from .guide import GuideWindow
    from .rejected_dialog import RejectedDialog
    from .workspace import FamilyWorkspace

log = logging.getLogger(__name__)

WARM_UP_MS = 200  # after the caseload is painted, before anyone can pick a family
SET_ASIDE_LINK = "set-aside"


class IdleWatcher(QObject):
    """Restarts a timer on every key press and mouse action in the app's windows.

    It watches the top-level windows (QWindow), through which the window system's input
    reaches the widgets, not the whole application: an application-wide filter ran Python
    for every paint and layout event of every widget, which was most of the time a tab
    took to open, and took the GIL from the database thread.
    """

    idle = Signal()
    ACTIVITY: frozenset[QEvent.Type] = frozenset(
        {
            QEvent.Type.KeyPress,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseMove,
            QEvent.Type.Wheel,
        }
    )

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self.watching = False
        self._windows: list[QWindow] = []
        self.set_minutes(minutes)

    def watch(self, on: bool) -> None:
        """Watch while a profile is open (a dialog's window is added when it gets focus)."""
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        if on and not self.watching:
            app.focusWindowChanged.connect(self._follow)
            for window in app.topLevelWindows():
                self._follow(window)
        elif not on and self.watching:  # a lock before the caseload showed finds none
            app.focusWindowChanged.disconnect(self._follow)
            for window in self._windows:
                window.removeEventFilter(self)
            self._windows.clear()
        self.watching = on
        if on:
            self.timer.start()
        else:
            self.timer.stop()

    def _follow(self, window: QWindow | None) -> None:
        if window is not None and window not in self._windows:
            window.installEventFilter(self)
            window.destroyed.connect(lambda: self._forget(window))
            self._windows.append(window)

    def _forget(self, window: QWindow) -> None:
        if window in self._windows:
            self._windows.remove(window)

    def set_minutes(self, minutes: float) -> None:
        self.timer.setInterval(int(minutes * 60_000))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self.ACTIVITY and self.timer.isActive():
            self.timer.start()
        return False


class MainWindow(QMainWindow):
    unlocked = Signal()
    locked = Signal()

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.workspace: FamilyWorkspace | None = None  # imported when a family opens
        self.pages = QStackedWidget()
        self.start_page = StartPage(minimum=self.passphrase_minimum)
        self.unlock_page = UnlockPage()
        self.caseload = CaseloadPage()
        for page in (self.start_page, self.unlock_page, self.caseload):
            self.pages.addWidget(page)
        self.setCentralWidget(self.pages)
        self.timer_label = QLabel()
        self.timer_label.setAccessibleName(self.tr("Bezoektimer"))
        self.busy_label = QLabel()
        self.sync_label = QLabel()
        self.sync_label.setAccessibleName(self.tr("Synchronisatie"))
        self.sync_label.setTextFormat(Qt.TextFormat.RichText)
        self.sync_label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.sync_label.linkActivated.connect(self._sync_link)
        self.rejected_dialog: RejectedDialog | None = None
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
        self.timer_tick = QTimer(self)
        self.timer_tick.setInterval(15_000)
        self.timer_tick.timeout.connect(self.refresh_timer)
        self.running_timer = None
        self._timer_due = False  # the visit timer is looked up once the caseload shows
        self.idle = IdleWatcher(context.settings.idle_lock_minutes, self)
        self.idle.idle.connect(self.lock)
        context.worker.busy_changed.connect(self.show_busy)
        self._build_menus()
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        app.focusWindowChanged.connect(self._lock_from_dialogs)
        self.start_page.create_requested.connect(self.create_profile)
        self.start_page.practice_requested.connect(self.open_practice)
        self.unlock_page.unlock_requested.connect(self.unlock)
        self.unlock_page.practice_requested.connect(self.open_practice)
        self.caseload.open_family.connect(self.open_family)
        self.caseload.new_family.connect(self.new_family)
        self.retranslate()
        if context.settings.geometry is not None:
            self.restoreGeometry(context.settings.geometry)
        else:
            self.resize(1200, 780)
        self.show_entry_page()

    def show_busy(self, busy: bool) -> None:
        self.busy_label.setText(self.tr("Bezig...") if busy else "")

    # --- menus ------------------------------------------------------------------

    def _action(self, shortcut: QKeySequence | str | None, slot) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        self.act_lock = self._action("Ctrl+L", self.lock)
        self.act_settings = self._action("Ctrl+,", self.open_settings)
        self.act_quit = self._action("Ctrl+Q", self.close)
        self.act_caseload = self._action("Ctrl+Home", self.show_caseload)
        self.act_new_family = self._action("Ctrl+N", self.new_family)
        self.act_search = self._action("Ctrl+F", self.focus_search)
        self.act_new_hours = self._action("Ctrl+U", self.new_hours)
        self.act_next_tab = self._action("Ctrl+PgDown", lambda: self.step_tab(1))
        self.act_previous_tab = self._action("Ctrl+PgUp", lambda: self.step_tab(-1))
        self.act_refresh = self._action("F5", self.refresh_and_sync)
        self.act_cancel_sync = self._action(None, self.sync.cancel)
        self.act_connect = self._action(None, self.open_connect)
        self.act_rejected = self._action(None, self.open_rejected)
        self.cancel_sync_button.setDefaultAction(self.act_cancel_sync)
        self.act_about = self._action(None, self.show_about)
        self.act_help = self._action("F1", self.show_help)
        self.menu_file = self.menuBar().addMenu("")
        self.menu_file.addActions([self.act_lock, self.act_settings])
        self.menu_file.addSeparator()
        self.menu_file.addActions(
            [self.act_refresh, self.act_cancel_sync, self.act_connect, self.act_rejected]
        )
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)
        self.menu_family = self.menuBar().addMenu("")
        self.menu_family.addActions(
            [self.act_caseload, self.act_new_family, self.act_search, self.act_new_hours]
        )
        self.menu_view = self.menuBar().addMenu("")
        self.menu_view.addActions([self.act_next_tab, self.act_previous_tab, self.act_refresh])
        self.menu_help = self.menuBar().addMenu("")
        self.menu_help.addActions([self.act_help, self.act_about])

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("regiedesk"))
        self.menu_file.setTitle(self.tr("&Bestand"))
        self.menu_family.setTitle(self.tr("&Gezin"))
        self.menu_view.setTitle(self.tr("Beel&d"))
        self.menu_help.setTitle(self.tr("&Help"))
        for action, text in (
            (self.act_lock, self.tr("&Vergrendelen")),
            (self.act_settings, self.tr("&Instellingen...")),
            (self.act_quit, self.tr("&Afsluiten")),
            (self.act_caseload, self.tr("Mijn &gezinnen")),
            (self.act_new_family, self.tr("&Nieuw gezin...")),
            (self.act_search, self.tr("&Zoeken")),
            (self.act_new_hours, self.tr("Nieuwe &urenregel")),
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
        for page in (self.start_page, self.unlock_page, self.caseload):
            page.retranslate()
        if self.workspace is not None:
            self.workspace.retranslate()
        self.refresh_timer_label()
        self.show_sync_status(self.sync.status)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_unlocked_actions(self, unlocked: bool) -> None:
        for action in (
            self.act_lock,
            self.act_caseload,
            self.act_new_family,
            self.act_search,
            self.act_new_hours,
            self.act_next_tab,
            self.act_previous_tab,
            self.act_refresh,
            self.act_connect,
            self.act_rejected,
        ):
            action.setEnabled(unlocked)
        self.act_cancel_sync.setEnabled(False)

    # --- start, unlock and lock ------------------------------------------------------

    def show_entry_page(self) -> None:
        self.set_unlocked_actions(False)
        if profile_exists(self.context.data_dir):
            self.unlock_page.clear()
            self.pages.setCurrentWidget(self.unlock_page)
            self.unlock_page.passphrase.setFocus()
        else:
            self.start_page.clear()
            self.pages.setCurrentWidget(self.start_page)
            self.start_page.first.setFocus()

    def _opened(self, profile_dir: Path):  # type: ignore[no-untyped-def]
        def done(opened: tuple[Services, list[CaseloadRow]]) -> None:
            services, rows = opened
            self.context.services = services
            self.context.profile_dir = profile_dir
            self.unlock_page.succeeded()
            self.start_page.clear()
            self.set_unlocked_actions(True)
            self.idle.timer.start()  # its event filter goes on once the caseload shows
            self._timer_due = True
            self._to_caseload_page()
            self._caseload_rows(rows)
            if profile_dir != self.context.practice_dir:  # the practice profile never syncs
                self.sync.start(services.store, profile_dir)
            self.unlocked.emit()

        return done

    def _services(self, store) -> tuple[Services, list[CaseloadRow]]:  # type: ignore[no-untyped-def]
        """On the database thread: the services, and the caseload that is shown first."""
        services = Services.over(store, today=self.context.today, now=self.context.now)
        try:
            return services, services.indicators.caseload()
        except BaseException:
            store.close()  # the page that asked says what went wrong; nothing stays open
            raise

    @property
    def passphrase_minimum(self) -> int:
        return self.context.settings.organisation.min_passphrase_length or MIN_PASSPHRASE_LENGTH

    def create_profile(self, passphrase: str, repeated: str) -> None:
        data_dir, kdf, user = self.context.data_dir, self.context.kdf, os_user()
        minimum = self.passphrase_minimum
        self.context.worker.submit(
            lambda: self._services(
                create_profile(
                    data_dir,
                    passphrase,
                    repeated=repeated,
                    user=user,
                    kdf=kdf,
                    min_passphrase_length=minimum,
                )
            ),
            self._opened(data_dir),
            lambda error: self.start_page.show_error(error_text(error)),
        )

    def unlock(self, passphrase: str) -> None:
        data_dir = self.context.data_dir
        self.context.worker.submit(
            lambda: self._services(open_profile(data_dir, passphrase)),
            self._opened(data_dir),
            lambda error: self.unlock_page.failed(error, error_text(error)),
        )

    def open_practice(self) -> None:
        folder = self.context.practice_dir
        today = self.context.today

        def work() -> tuple[Services, list[CaseloadRow]]:
            if profile_exists(folder):
                return self._services(open_profile(folder, PRACTICE_PASSPHRASE))
            from ..demo import generate_demo

            store = create_profile(
                folder, PRACTICE_PASSPHRASE, user="oefenregisseur", kdf=PRACTICE_KDF
            )
            generate_demo(store, today=today())
            return self._services(store)

        self.start_page.set_busy(True)
        self.context.worker.submit(
            work,
            self._opened(folder),
            lambda error: self.start_page.show_error(error_text(error)),
        )

    def lock(self) -> None:
        """Close the store and drop every view and model of client data."""
        if self.context.services is None:
            return
        if self.workspace is not None:
            self.workspace.flush_drafts()
        self.sync.stop()
        self.close_dialogs()
        self.close_workspace()
        self.caseload.clear()
        self.running_timer = None
        self.timer_tick.stop()
        self.refresh_timer_label()
        services, self.context.services = self.context.services, None
        self.context.worker.submit(services.store.close)
        self.idle.watch(False)
        log.info("locked")
        self.show_entry_page()
        if self.context.profile_dir == self.context.practice_dir:
            self.unlock_page.clear()
        self.locked.emit()

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
        if self._timer_due:
            # after the caseload is painted, not beside it: the look-up loads the visit
            # timer's modules on the database thread, which held up the first paint
            self._timer_due = False
            QTimer.singleShot(WARM_UP_MS, self.refresh_timer)
        if "regiedesk.ui.workspace" not in sys.modules:
            # the workspace's modules load on the database thread once the caseload is on
            # screen, so opening the first family does not hold up the window on imports
            QTimer.singleShot(WARM_UP_MS, self._warm_up)

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
            name, status, start = dialog.values()
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
            family_id = self.caseload.selected_family_id()
            if family_id is None:
                self.statusBar().showMessage(self.tr("Kies eerst een gezin."), 5000)
                return
            self.open_family(family_id)
            assert self.workspace is not None
        from .workspace.hours_tab import HoursTab

        tab = self.workspace.select(HoursTab)
        assert isinstance(tab, HoursTab)
        tab.duration.setFocus()

    def step_tab(self, step: int) -> None:
        if self.workspace is not None:
            count = self.workspace.count()
            self.workspace.setCurrentIndex((self.workspace.currentIndex() + step) % count)

    def refresh_and_sync(self) -> None:
        self.refresh_current()
        self.sync.sync_now()

    def refresh_current(self) -> None:
        if self.workspace is not None:
            self.workspace.current_tab().refresh()
        elif self.pages.currentWidget() is self.caseload:
            self.show_caseload()

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
        minutes = timer.elapsed_seconds(self.context.now()) // 60
        state = (
            self.tr("Bezoek loopt")
            if timer.state == TimerState.RUNNING
            else self.tr("Bezoek gepauzeerd")
        )
        self.timer_label.setText(f"⏱ {state}: {duration_text(minutes)}")

    # --- sync ----------------------------------------------------------------------------

    def show_sync_status(self, status: SyncStatus) -> None:
        syncing = status.state is SyncState.SYNCING
        self.cancel_sync_button.setVisible(syncing)
        self.act_cancel_sync.setEnabled(syncing)
        if status.state is SyncState.NOT_CONNECTED:
            self.sync_label.setText("")
            self.sync_label.setToolTip("")
            return
        parts = {
            SyncState.SYNCING: self.tr("Synchroniseren..."),
            SyncState.OFFLINE: self.tr("Offline"),
            SyncState.FAILED: self.tr("Synchronisatie mislukt"),
            SyncState.IDLE: self.tr("Gesynchroniseerd"),
        }
        text = parts[status.state]
        if status.state is SyncState.IDLE and status.last_sync is not None:
            local = status.last_sync.astimezone()
            day = "" if local.date() == self.context.today() else date_text(local.date()) + " "
            text += f" {day}{local:%H:%M}"
        if status.waiting:
            text += " · " + (
                self.tr("1 wijziging wacht")
                if status.waiting == 1
                else self.tr("{0} wijzigingen wachten").format(status.waiting)
            )
        if status.conflicts:
            text += " · " + (
                self.tr("1 verslag met twee versies")
                if status.conflicts == 1
                else self.tr("{0} verslagen met twee versies").format(status.conflicts)
            )
        text = html.escape(text)
        if status.set_aside:  # a link: a click shows the work
            count = html.escape(self.tr("{0} geweigerd, bewaard").format(status.set_aside))
            text += f' · <a href="{SET_ASIDE_LINK}">{count}</a>'
        self.sync_label.setText(text)
        self.sync_label.setStyleSheet("color: #a40000" if status.conflicts else "")
        tip = [status.error] if status.error else []
        if status.set_aside:
            tip.append(
                self.tr(
                    "De server weigerde {0} wijziging(en), bijvoorbeeld na een overdracht. Ze "
                    "zijn versleuteld bewaard en staan in een export (regiedesk export); geef "
                    "ze door aan de nieuwe regisseur. Klik om ze te bekijken."
                ).format(status.set_aside)
            )
        self.sync_label.setToolTip("\n".join(tip))

    def changes_arrived(self, _report: object) -> None:
        """New data from the server: show it, and leave a family that was handed over."""
        workspace = self.workspace
        if workspace is None:
            self.refresh_current()
            return
        family_id = workspace.family_id

        def still_here(exists: bool) -> None:
            if exists:
                self.refresh_current()
            elif self.workspace is workspace:
                self.show_caseload()
                show_info(
                    self,
                    self.tr("Gezin overgedragen"),
                    self.tr(
                        "Dit gezin staat niet meer op uw naam en is van deze laptop gehaald. "
                        "Uw wijzigingen waren al naar de server gestuurd."
                    ),
                )

        self.context.run(
            lambda s: s.families.on_this_device(family_id),
            still_here,
            lambda e: None,
        )

    def device_revoked(self, profile_dir: Path | None) -> None:
        """The administrator revoked this laptop: lock, then remove the profile."""
        self.lock()
        if profile_dir is not None:
            self.context.worker.submit(
                lambda: wipe_revoked(profile_dir), lambda _: self.show_entry_page()
            )
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Apparaat ingetrokken"),
            self.tr(
                "De beheerder heeft deze laptop ingetrokken. De gegevens op deze laptop zijn "
                "gewist; wat al gesynchroniseerd was staat op de server. Neem contact op met "
                "de ICT-afdeling."
            ),
            parent=self,
        )
        box.open()
        self.revoked_box = box

    def open_connect(self) -> None:
        if self.context.services is None:
            return
        from .dialogs import ConnectDialog

        settings = self.context.settings
        dialog = ConnectDialog(settings.server_url, self, server_fixed=settings.fixed("server_url"))

        def connect() -> None:
            url, user, password, code = dialog.values()
            self.context.settings.server_url = url
            self.sync.connect_device(url, user, password, code)

        dialog.accepted.connect(connect)
        dialog.open()
        self.connect_dialog = dialog

    def _sync_link(self, link: str) -> None:
        if link == SET_ASIDE_LINK:
            self.open_rejected()

    def open_rejected(self) -> None:
        """The changes the server refused, kept on this laptop: look at them, dismiss them."""
        if self.context.services is None:
            return
        from .rejected_dialog import RejectedDialog

        self.close_rejected()
        dialog = RejectedDialog(self.context, self)
        dialog.dismissed.connect(lambda _count: self.sync.recount())
        self.rejected_dialog = dialog
        dialog.open()
        dialog.load()

    def close_rejected(self) -> None:
        """The dialog shows client data: it goes when the profile locks."""
        if self.rejected_dialog is not None:
            self.rejected_dialog.drop()
            self.rejected_dialog = None

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
        for name in ("new_family_dialog", "connect_dialog", "settings_dialog", "about_box"):
            dialog = getattr(self, name)
            setattr(self, name, None)
            if dialog is not None and shiboken6.isValid(dialog):
                dialog.reject()
                dialog.deleteLater()

    def device_connected(self, error: BaseException | None) -> None:
        if error is None:
            self.statusBar().showMessage(self.tr("Gekoppeld met de server."), 5000)
            return
        if self.connect_dialog is None:  # locked meanwhile: the dialog went with the lock
            show_error(self, error)
            return
        self.connect_dialog.open()  # what was typed is still there
        show_error(self.connect_dialog, error)

    # --- settings and help -----------------------------------------------------------------

    def open_settings(self) -> None:
        from .dialogs import SettingsDialog

        dialog = SettingsDialog(
            self.context.settings, self.context.profile_dir or self.context.data_dir, self
        )

        def apply() -> None:
            settings = self.context.settings
            settings.idle_lock_minutes = dialog.idle.value()
            settings.instrument = dialog.instrument.currentData()
            self.idle.set_minutes(settings.idle_lock_minutes)
            self.set_language(dialog.language.currentData())

        dialog.accepted.connect(apply)
        dialog.open()
        self.settings_dialog = dialog

    def set_language(self, language: Language) -> None:
        self.context.settings.language = language  # for the next start
        app = QApplication.instance()
        assert app is not None
        install_language(app, language)  # the LanguageChange event retranslates

    def show_about(self) -> None:
        from .dialogs import about_text

        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Over regiedesk"),
            about_text(self.context.profile_dir or self.context.data_dir, self.tr),
            parent=self,
        )
        box.open()
        self.about_box = box

    def show_help(self) -> None:
        """F1: the user guide, in a window of its own beside the work."""
        from .guide import GuideWindow

        if self.guide_window is None:
            self.guide_window = GuideWindow(self)
        self.guide_window.show()
        self.guide_window.raise_()
        self.guide_window.activateWindow()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.context.settings.geometry = self.saveGeometry()
        self.context.settings.sync()
        if self.workspace is not None:
            self.workspace.flush_drafts()
        self.sync.stop()
        if self.context.services is not None:
            services, self.context.services = self.context.services, None
            self.context.worker.submit(services.store.close)
        super().closeEvent(event)


__all__ = ["MainWindow", "RegiedeskError"]
