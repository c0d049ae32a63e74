"""The report dialog: choose a report and its period, write the progress report's text
and pick notes, then save the PDF where the user chooses and offer to open it.

The PDF is built and written (with its audit event) on the database thread; after half
a second the dialog shows that it is busy, and the window stays responsive.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from ..errors import ValidationError
from ..i18n import current_language
from ..services import Services
from .context import AppContext
from .messages import show_error
from .workspace.base import date_edit, date_of, shown_date


class Kind(StrEnum):
    PLAN = "plan"
    PROGRESS = "progress"
    HOURS = "hours"


def previous_month(today: dt.date) -> tuple[dt.date, dt.date]:
    last = today.replace(day=1) - dt.timedelta(days=1)
    return last.replace(day=1), last


class ReportDialog(QDialog):
    """For one family (plan, progress, its hours) or, without a family, the month's hours
    of every family."""

    def __init__(
        self,
        context: AppContext,
        family_id: str | None = None,
        family_name: str = "",
        *,
        kind: Kind = Kind.PLAN,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.family_id = family_id
        self.family_name = family_name
        self.saved_to: Path | None = None
        today = context.today()
        self.setWindowTitle(self.tr("Rapport afdrukken"))
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Soort rapport"))
        if family_id is not None:
            self.kind.addItem(self.tr("Gezinsplan (om te ondertekenen)"), Kind.PLAN.value)
            self.kind.addItem(self.tr("Voortgangsrapportage"), Kind.PROGRESS.value)
        self.kind.addItem(self.tr("Urenverantwoording"), Kind.HOURS.value)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind.value)))
        start, end = previous_month(today)
        self.start = date_edit(self.tr("Begin van de periode"), start)
        self.end = date_edit(self.tr("Einde van de periode"), end)
        self.text = QPlainTextEdit()
        self.text.setAccessibleName(self.tr("Toelichting voor de rapportage"))
        self.text.setPlaceholderText(
            self.tr("Wat wilt u de gemeente en het gezin vertellen over deze periode?")
        )
        self.text.setTabChangesFocus(True)
        self.notes = QListWidget()
        self.notes.setAccessibleName(self.tr("Verslagen om op te nemen"))
        self.form = QFormLayout()
        self.form.addRow(self.tr("&Rapport:"), self.kind)
        self.form.addRow(self.tr("&Van:"), self.start)
        self.form.addRow(self.tr("&Tot en met:"), self.end)
        self.form.addRow(self.tr("Toe&lichting:"), self.text)
        self.form.addRow(self.tr("Ver&slagen opnemen:"), self.notes)
        for field in (self.start, self.end, self.text, self.notes):
            label = self.form.labelForField(field)
            if isinstance(label, QLabel):
                label.setBuddy(field)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # moving, without a known end
        self.busy.setAccessibleName(self.tr("Het rapport wordt gemaakt"))
        self.busy.setFormat(self.tr("Het rapport wordt gemaakt..."))
        self.busy.setTextVisible(True)
        self.busy.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Opslaan als PDF..."))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if family_name:
            layout.addWidget(QLabel(family_name))
        layout.addLayout(self.form)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        context.worker.busy_changed.connect(self._busy)
        self._kind_changed()
        self.resize(560, 520)
        if family_id is not None:
            key = self.draft_key

            def load(services: Services) -> tuple[list[Any], str | None]:
                return services.notes.list_notes(family_id), services.drafts.get_draft(key)

            self.context.run(load, self._loaded, self._failed, owner=self)

    @property
    def draft_key(self) -> str:
        return f"report-text:{self.family_id}"

    def _loaded(self, loaded: tuple[list[Any], str | None]) -> None:
        notes, draft = loaded
        self._fill_notes(notes)
        if draft and not self.text.toPlainText():
            self.text.setPlainText(draft)  # what was typed before a lock or a cancel

    def reject(self) -> None:
        """Closing (Escape, Annuleren, a lock) keeps the typed account as an encrypted draft."""
        self.keep_draft()
        super().reject()

    def keep_draft(self) -> None:
        text, key = self.text.toPlainText(), self.draft_key
        if self.family_id is not None and text.strip():
            self.context.run(lambda s: s.drafts.save_draft(key, text))

    # --- the form -------------------------------------------------------------------

    @property
    def chosen(self) -> Kind:
        return Kind(self.kind.currentData())

    def _kind_changed(self) -> None:
        kind = self.chosen
        if (
            kind == Kind.PROGRESS
            and shown_date(self.start) == previous_month(self.context.today())[0]
        ):
            self.start.setDate(self.start.date().addMonths(-5))  # a half year by default
        for field, shown in (
            (self.start, kind != Kind.PLAN),
            (self.end, kind != Kind.PLAN),
            (self.text, kind == Kind.PROGRESS),
            (self.notes, kind == Kind.PROGRESS),
        ):
            self.form.setRowVisible(field, shown)

    def _fill_notes(self, notes: list[Any]) -> None:
        self.notes.clear()
        for note in notes:
            when = f"{note.visit_date:%d-%m-%Y}  " if note.visit_date else ""
            item = QListWidgetItem(f"{when}{note.title}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, note.id)
            self.notes.addItem(item)

    def chosen_notes(self) -> list[str]:
        items = (self.notes.item(i) for i in range(self.notes.count()))
        return [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    def suggested_name(self) -> str:
        title = {
            Kind.PLAN: self.tr("Gezinsplan"),
            Kind.PROGRESS: self.tr("Voortgangsrapportage"),
            Kind.HOURS: self.tr("Urenverantwoording"),
        }[self.chosen]
        parts = [title, self.family_name, self.context.today().isoformat()]
        name = " ".join(p for p in parts if p)
        return "".join(c for c in name if c not in '<>:"/\\|?*') + ".pdf"

    # --- saving ---------------------------------------------------------------------

    def save(self) -> None:
        try:  # a period typed that is no date: said now, before the file is chosen
            date_of(self.start), date_of(self.end)
        except ValidationError as error:
            show_error(self, error)
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Rapport opslaan"),
            str(Path(folder) / self.suggested_name()),
            self.tr("PDF-bestanden (*.pdf)"),
        )
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        self._set_working(True)
        job = self._job(target)
        self.context.run(job, self._saved, self._failed, owner=self)

    def _job(self, target: Path) -> Any:
        """What runs on the database thread: build the PDF and write it with its event."""
        from .. import reports

        kind, family = self.chosen, self.family_id
        start, end = date_of(self.start), date_of(self.end)
        text, notes = self.text.toPlainText(), self.chosen_notes()
        language = current_language()
        organisation = self.context.settings.organisation
        letterhead = reports.Letterhead(organisation.name, organisation.logo)
        # the main profile's folder and the practice one, whichever is open
        protected = (self.context.data_dir, self.context.practice_dir)

        def job(services: Services) -> Path:
            if kind == Kind.PLAN:
                assert family is not None
                report = reports.plan_report(
                    services, family, language=language, letterhead=letterhead
                )
            elif kind == Kind.PROGRESS:
                assert family is not None
                report = reports.progress_report(
                    services, family, start=start, end=end, text=text, note_ids=notes,
                    language=language, letterhead=letterhead,
                )  # fmt: skip
            else:
                report = reports.hours_report(
                    services, start=start, end=end,
                    family_ids=None if family is None else [family],
                    caseworker=services.store.actor.user, language=language,
                    letterhead=letterhead,
                )  # fmt: skip
            # the file dialog already asked whether to replace an existing file
            reports.write_report(
                services.store, report, target, overwrite=True, protected=protected
            )
            if kind == Kind.PROGRESS:
                services.drafts.remove_draft(f"report-text:{family}")
            return target

        return job

    def _saved(self, target: Path) -> None:
        self._set_working(False)
        self.saved_to = target
        answer = QMessageBox.question(
            self,
            self.tr("Rapport opgeslagen"),
            self.tr(
                "Het rapport is opgeslagen als {0}. Dit bestand is niet versleuteld: bewaar "
                "het veilig. Wilt u het nu openen?"
            ).format(target),
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close,
            QMessageBox.StandardButton.Open,
        )
        if answer == QMessageBox.StandardButton.Open:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
        self.accept()  # not reject: the text went into the report, no draft is kept

    def _failed(self, error: BaseException) -> None:
        self._set_working(False)
        show_error(self, error)

    def _set_working(self, working: bool) -> None:
        self.save_button.setEnabled(not working)
        self.kind.setEnabled(not working)
        if not working:
            self.busy.hide()

    def _busy(self, busy: bool) -> None:
        """The worker has been at it for half a second: show that the report is coming."""
        self.busy.setVisible(busy and not self.save_button.isEnabled())
