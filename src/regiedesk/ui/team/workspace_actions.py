"""Part of the team workspace: its action buttons and the Teamrapportage. Which family an
action is for, the action's dialog, its request on the network thread and its answer on
the GUI thread; the report made on the database thread and offered to open."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer

from ...errors import Offline
from ..messages import show_error
from ..qt_names import USER_ROLE

if TYPE_CHECKING:
    # the action dialogs and the report's module (reportlab) load when first used
    from PySide6.QtWidgets import QMessageBox

    from ...sync import protocol as p
    from .actions import ActionDialog, Job
    from .parts import WorkspaceBase
else:
    WorkspaceBase = object  # one module fewer at start (parts.py is for the type checker)

PROGRESS_AFTER_MS = 500


class ActionsMixin(WorkspaceBase):
    dialog: ActionDialog
    saved_report: Path
    report_box: QMessageBox
    _progress_report: QTimer

    def chosen_family(self) -> p.TeamFamily | None:
        """The family of the open page, else the one selected in the families table."""
        if self.snapshot is None:
            return None
        family = None
        if self.tabs.currentIndex() == 2:
            family = self._page_family
        else:
            cell = self.families_table.item(self.families_table.currentRow(), 0)
            family = None if cell is None else str(cell.data(USER_ROLE))
        rows = {r["family_id"]: r for r in self.snapshot.overview["families"]}
        return rows.get(family) if family else None

    def _caseworkers(self) -> list[str]:
        if self.snapshot is None:
            return []
        return [c["caseworker"] for c in self.snapshot.overview["caseworkers"]]

    def run_action(
        self, job: Job, done: Callable[[Any], None], failed: Callable[[BaseException], None]
    ) -> None:
        """A team action's request on the network thread; its answer on the GUI thread."""
        act = self.act
        if act is None:
            failed(Offline())
            return

        def request() -> None:
            try:
                value: object = act(job)
            except BaseException as error:  # handed to the GUI thread, never swallowed
                self._acted.emit(failed, error)
            else:
                self._acted.emit(done, value)

        self._pool.submit(request)

    def _open(self, dialog: ActionDialog) -> ActionDialog:
        """Open an action's dialog; when it succeeded the figures are fetched again."""
        dialog.accepted.connect(self.refresh)
        dialog.open()
        self.dialog = dialog
        return dialog

    def _say(self, text: str) -> None:
        self.status.setText(text)

    def register_family(self) -> None:
        if self.snapshot is None:
            self._say(self.tr("Nog geen cijfers: vernieuw met F5 als u online bent."))
            return
        from .actions import RegisterFamilyDialog

        today = self.services.team.today()
        self._open(RegisterFamilyDialog(self.run_action, self._caseworkers(), today, self))

    def _with_family(self) -> p.TeamFamily | None:
        family = self.chosen_family()
        if family is None:
            self._say(self.tr("Kies eerst een gezin op het tabblad Gezinnen."))
        return family

    def hand_over(self) -> None:
        from .actions import HandoverDialog

        if (family := self._with_family()) is not None:
            self._open(HandoverDialog(self.run_action, family, self._caseworkers(), self))

    def add_stand_in(self) -> None:
        from .actions import StandInDialog

        if (family := self._with_family()) is not None:
            today = self.services.team.today()
            dialog = StandInDialog(self.run_action, family, self._caseworkers(), today, self)
            self._open(dialog)

    def end_stand_in(self) -> None:
        if (family := self._with_family()) is None:
            return
        if not family["stand_ins"]:
            self._say(self.tr("Dit gezin heeft geen waarneming om te beëindigen."))
            return
        from .actions import EndStandInDialog

        self._open(EndStandInDialog(self.run_action, family, self))

    def save_report(self) -> None:
        """The Teamrapportage of the figures shown, saved where the team leader chooses."""
        snapshot = self.snapshot
        if snapshot is None:
            self._say(self.tr("Nog geen cijfers: vernieuw met F5 als u online bent."))
            return
        from .report import ask_path, report_job, suggested_name

        target = (self.ask_report_path or ask_path)(self, suggested_name(snapshot))
        if target is None:
            return
        self.report_button.setEnabled(False)
        self._progress_report = QTimer(self, singleShot=True, interval=PROGRESS_AFTER_MS)
        self._progress_report.timeout.connect(
            lambda: self._say(self.tr("Teamrapportage wordt gemaakt…"))
        )
        self._progress_report.start()
        job = report_job(snapshot, target, self.letterhead, self.protected)
        services = self.services
        self.worker.submit(lambda: job(services), self._report_saved, self._report_failed)

    def _report_saved(self, target: Path) -> None:
        self._progress_report.stop()
        self.report_button.setEnabled(True)
        self.saved_report = target
        from .report import offer_to_open

        self._show(self.snapshot)
        self.report_box = offer_to_open(self, target)

    def _report_failed(self, error: BaseException) -> None:
        self._progress_report.stop()
        self.report_button.setEnabled(True)
        show_error(self, error)
