"""Part of MainWindow: the report dialog, for a family (Ctrl+P) or every family's hours.

The dialog's module loads when a report is first asked for, not with the window: it
brings the workspace's date fields, and with them every workspace tab (about 20 ms of
the start before the caseload is on screen).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6

from .messages import show_error
from .window_parts import WindowBase

if TYPE_CHECKING:
    from .report_dialog import Kind, ReportDialog


class ReportsMixin(WindowBase):
    report_dialog: ReportDialog | None = None

    def open_report(self) -> None:
        """Ctrl+P: a report of the open family, or of the one chosen in the caseload."""
        from .report_dialog import Kind

        family_id = self.chosen_family()
        if family_id is None:
            return
        self.context.run(
            lambda s: s.families.get_family(family_id).name,
            lambda name: self._show_report_dialog(family_id, name, Kind.PLAN),
            lambda error: show_error(self, error),
            owner=self,
        )

    def open_hours_report(self) -> None:
        """Ctrl+Shift+P: the hours statement of every family (a month, for finance)."""
        from .report_dialog import Kind

        self._show_report_dialog(None, "", Kind.HOURS)

    def _show_report_dialog(self, family_id: str | None, name: str, kind: Kind) -> None:
        from .report_dialog import ReportDialog

        self.close_report_dialog()
        dialog = ReportDialog(self.context, family_id, name, kind=kind, parent=self)
        dialog.finished.connect(lambda _: self._forget_report_dialog(dialog))
        self.report_dialog = dialog
        dialog.open()

    def _forget_report_dialog(self, dialog: ReportDialog) -> None:
        if self.report_dialog is dialog:
            self.report_dialog = None
        dialog.deleteLater()

    def close_report_dialog(self) -> None:
        """On a lock: the dialog goes, its typed account kept as an encrypted draft."""
        dialog, self.report_dialog = self.report_dialog, None
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.reject()

    def keep_report_draft(self) -> None:
        """On quitting: keep the typed account before the store closes."""
        if self.report_dialog is not None and shiboken6.isValid(self.report_dialog):
            self.report_dialog.keep_draft()
