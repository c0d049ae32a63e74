"""Merging a note that was changed in two places: both versions side by side, one result.

The result starts as the proposal of ``NoteService.merge_proposal``: every change
that does not clash is already in; where two versions changed the same lines both
are kept between markers, and the dialog will not save while a marker is left.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...services.notes import MergeProposal
from ..format import date_text


class MergeDialog(QDialog):
    def __init__(self, proposal: MergeProposal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.proposal = proposal
        self.setWindowTitle(self.tr("Versies samenvoegen"))
        intro = QLabel(
            self.tr(
                "Dit verslag is op twee plaatsen tegelijk gewijzigd. Links staan de versies, "
                "rechts het samengevoegde verslag. Waar beide versies dezelfde regels "
                "wijzigden staan ze tussen <<<<<<< en >>>>>>>: kies wat blijft en haal de "
                "markeringen weg."
            )
        )
        intro.setWordWrap(True)
        versions = QWidget()
        versions_layout = QVBoxLayout(versions)
        versions_layout.setContentsMargins(0, 0, 0, 0)
        for head in proposal.heads:
            local = head.created_at.astimezone()
            label = QLabel(
                self.tr("Versie van {0}, {1} {2}").format(
                    head.author, date_text(local.date()), f"{local:%H:%M}"
                )
            )
            text = QPlainTextEdit(head.body)
            text.setReadOnly(True)
            text.setAccessibleName(label.text())
            versions_layout.addWidget(label)
            versions_layout.addWidget(text, 1)
        self.result_text = QPlainTextEdit(proposal.text)
        self.result_text.setAccessibleName(self.tr("Samengevoegd verslag"))
        result = QWidget()
        result_layout = QVBoxLayout(result)
        result_layout.setContentsMargins(0, 0, 0, 0)
        result_label = QLabel(self.tr("&Samengevoegd verslag:"))
        result_label.setBuddy(self.result_text)
        result_layout.addWidget(result_label)
        result_layout.addWidget(self.result_text, 1)
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #a40000")
        self.hint.setWordWrap(True)
        result_layout.addWidget(self.hint)
        splitter = QSplitter()
        splitter.addWidget(versions)
        splitter.addWidget(result)
        splitter.setSizes([400, 500])
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(
            self.tr("Samengevoegd verslag &opslaan")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Later"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(splitter)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row, 1)
        layout.addWidget(self.buttons)
        self.result_text.textChanged.connect(self._check)
        self.resize(1000, 620)
        self._check()
        self.result_text.setFocus()

    def _check(self) -> None:
        text = self.result_text.toPlainText()
        markers = MergeProposal.has_markers(text)
        self.hint.setText(
            self.tr("Er staan nog markeringen in de tekst: kies per plek wat blijft.")
            if markers
            else ""
        )
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(bool(text.strip()) and not markers)

    def text(self) -> str:
        return self.result_text.toPlainText()

    def parent_ids(self) -> list[str]:
        return [head.id for head in self.proposal.heads]
