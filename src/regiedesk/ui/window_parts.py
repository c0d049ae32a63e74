"""What the parts of the main window (``window_*.py``) use of each other, for the type
checker only: at run time each part is a plain class that ``MainWindow`` brings together."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtCore import QTimer, SignalInstance
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QStackedWidget, QToolButton

    from ..services.indicators import CaseloadRow
    from .caseload import CaseloadPage
    from .context import AppContext
    from .dialogs import ConnectDialog, NewFamilyDialog, SettingsDialog
    from .guide import GuideWindow
    from .idle import IdleWatcher
    from .rejected_dialog import RejectedDialog
    from .sync import SyncController
    from .unlock import StartPage, UnlockPage
    from .workspace import FamilyWorkspace

    class WindowBase(QMainWindow):
        unlocked: SignalInstance
        locked: SignalInstance
        context: AppContext
        pages: QStackedWidget
        start_page: StartPage
        unlock_page: UnlockPage
        caseload: CaseloadPage
        workspace: FamilyWorkspace | None
        sync: SyncController
        idle: IdleWatcher
        sync_label: QLabel
        cancel_sync_button: QToolButton
        timer_tick: QTimer
        rejected_dialog: RejectedDialog | None
        new_family_dialog: NewFamilyDialog | None
        connect_dialog: ConnectDialog | None
        settings_dialog: SettingsDialog | None
        about_box: QMessageBox | None
        guide_window: GuideWindow | None
        revoked_box: QMessageBox
        act_cancel_sync: QAction
        running_timer: Any

        def lock(self) -> None: ...
        def show_entry_page(self) -> None: ...
        def set_unlocked_actions(self, unlocked: bool) -> None: ...
        def close_dialogs(self) -> None: ...
        def close_workspace(self) -> None: ...
        def show_caseload(self) -> None: ...
        def _to_caseload_page(self) -> None: ...
        def _caseload_rows(self, rows: list[CaseloadRow]) -> None: ...
        def refresh_current(self) -> None: ...
        def refresh_and_sync(self) -> None: ...
        def refresh_timer_label(self) -> None: ...
        def focus_search(self) -> None: ...
        def new_family(self) -> None: ...
        def new_hours(self) -> None: ...
        def step_tab(self, step: int) -> None: ...
        def open_connect(self) -> None: ...
        def open_rejected(self) -> None: ...
        def open_settings(self) -> None: ...
        def show_about(self) -> None: ...
        def show_help(self) -> None: ...

else:
    WindowBase = object
