"""The settings dialog, the language switch, About and the user guide (F1)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QApplication,
    QMessageBox,
)

from ..i18n import Language
from .translations import install_language

if TYPE_CHECKING:
    pass


from .window_parts import WindowBase

log = logging.getLogger(__name__)


class SettingsMixin(WindowBase):
    """Part of MainWindow: settings and help."""

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
