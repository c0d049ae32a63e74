"""The main window's menus and shortcuts."""

from __future__ import annotations

import logging

from PySide6.QtGui import QAction, QKeySequence

from .qt_names import key_sequence, set_properties
from .window_parts import WindowBase

log = logging.getLogger(__name__)


class MenusMixin(WindowBase):
    """Part of MainWindow: its actions, their texts, and which work while locked."""

    # --- menus ------------------------------------------------------------------

    def _action(  # type: ignore[no-untyped-def]
        self, shortcut: QKeySequence.StandardKey | str | None, slot
    ) -> QAction:
        action = QAction(self)
        if shortcut:
            set_properties(action, shortcut=key_sequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        self.act_lock = self._action("Ctrl+L", self.lock)
        self.act_settings = self._action("Ctrl+,", self.open_settings)
        self.act_quit = self._action("Ctrl+Q", self.close)
        self.act_caseload = self._action("Ctrl+Home", self.show_caseload)
        self.act_my_week = self._action("Ctrl+Shift+W", lambda: self.show_my_week())
        self.act_new_family = self._action("Ctrl+N", self.new_family)
        self.act_search = self._action("Ctrl+F", self.focus_search)
        self.act_new_hours = self._action("Ctrl+U", self.new_hours)
        self.act_save = self._action(QKeySequence.StandardKey.Save, self.save_current)
        self.act_report = self._action("Ctrl+P", self.open_report)
        self.act_hours_report = self._action("Ctrl+Shift+P", self.open_hours_report)
        self.act_next_tab = self._action("Ctrl+PgDown", lambda: self.step_tab(1))
        self.act_previous_tab = self._action("Ctrl+PgUp", lambda: self.step_tab(-1))
        self.act_refresh = self._action("F5", self.refresh_and_sync)
        self.act_cancel_sync = self._action(None, self.sync.cancel)
        self.act_connect = self._action(None, self.open_connect)
        self.act_rejected = self._action(None, self.open_rejected)
        self.act_trail = self._action(None, self.open_trail)
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
        self.menu_family.addActions(self._family_actions())
        self.menu_family.addSeparator()
        self.menu_family.addActions([self.act_report, self.act_hours_report, self.act_trail])
        self.menu_view = self.menuBar().addMenu("")
        self.menu_view.addActions([self.act_next_tab, self.act_previous_tab, self.act_refresh])
        self.menu_help = self.menuBar().addMenu("")
        self.menu_help.addActions([self.act_help, self.act_about])

    def _family_actions(self) -> list[QAction]:
        """The family menu's first part: what a caseworker does with the caseload."""
        return [
            self.act_caseload,
            self.act_my_week,
            self.act_new_family,
            self.act_search,
            self.act_new_hours,
            self.act_save,
        ]

    def set_unlocked_actions(self, unlocked: bool) -> None:
        for action in (
            self.act_lock,
            *self._family_actions(),
            self.act_report,
            self.act_hours_report,
            self.act_next_tab,
            self.act_previous_tab,
            self.act_refresh,
            self.act_connect,
            self.act_rejected,
            self.act_trail,
        ):
            action.setEnabled(unlocked)
        self.act_cancel_sync.setEnabled(False)
