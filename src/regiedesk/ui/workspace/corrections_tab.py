"""Correcties: the client's requests to correct a record (AVG art. 16) and, where the record
stays as it is, the client's own statement, shown next to what the record says now."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from ...domain.models import Correction
from ...domain.vocabulary import CorrectionOutcome
from ...services import Services
from ...services.corrections import RecordRef
from ..format import date_text
from ..rejected_dialog import KINDS
from .base import (
    FamilyTab,
    add_rows,
    date_edit,
    date_of,
    fill,
    label_items,
    refusing,
    relabel,
    selected_id,
)
from .base import table as make_table


@dataclass
class CorrectionsData:
    corrections: list[Correction]
    records: list[RecordRef]  # what a new request can be about
    now: dict[tuple[str, str], RecordRef | None]  # each request's record as it is now


def load_corrections(services: Services, family_id: str) -> CorrectionsData:
    corrections = services.corrections.list_corrections(family_id)
    return CorrectionsData(
        corrections,
        services.corrections.correctable_records(family_id),
        {
            (c.target_entity, c.target_id): services.corrections.describe(
                c.target_entity, c.target_id
            )
            for c in corrections
        },
    )


def kind_text(entity: str) -> str:
    """The kind of record, as the set-aside changes name it ('Doel')."""
    text = QCoreApplication.translate("RejectedDialog", KINDS.get(entity, entity))
    return text[:1].upper() + text[1:]


class CorrectionsTab(FamilyTab):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.data: CorrectionsData | None = None
        self.editing: Correction | None = None  # the request the form changes
        self.corrections = make_table(6)
        self.record = QComboBox()
        self.requested_on = date_edit("", self.context.today())
        self.request = QLineEdit()
        self.outcome = QComboBox()
        for outcome in CorrectionOutcome:
            self.outcome.addItem("", outcome.value)
        self.explanation = QLineEdit()
        self.statement = QPlainTextEdit()
        self.save_button = QPushButton()
        self.edit_button = QPushButton()
        self.form = QFormLayout()
        add_rows(
            self.form, self.record, self.requested_on, self.request, self.outcome,
            self.explanation, self.statement,
        )  # fmt: skip
        self.form.addRow(self.save_button)
        self.box = QGroupBox()
        self.box.setLayout(self.form)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.edit_button)
        left = QVBoxLayout()
        left.addWidget(self.corrections, 1)
        left.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addWidget(self.box, 2)
        self.save_button.clicked.connect(self.save)
        self.edit_button.clicked.connect(self.edit_selected)
        self.corrections.doubleClicked.connect(lambda _: self.edit_selected())
        self.retranslate()

    def retranslate(self) -> None:
        self.corrections.setHorizontalHeaderLabels(
            [
                self.tr("Gegeven"),
                self.tr("Zoals het nu is"),
                self.tr("Verzoek van de cliënt"),
                self.tr("Besluit"),
                self.tr("Verklaring van de cliënt"),
                self.tr("Datum"),
            ]
        )
        self.corrections.setAccessibleName(self.tr("Correctieverzoeken"))
        self.record.setAccessibleName(self.tr("Over welk gegeven"))
        self.requested_on.setAccessibleName(self.tr("Datum van het verzoek"))
        self.request.setAccessibleName(self.tr("Verzoek van de cliënt"))
        self.request.setPlaceholderText(self.tr("Wat de cliënt verbeterd wil zien"))
        self.outcome.setAccessibleName(self.tr("Besluit"))
        self.explanation.setAccessibleName(self.tr("Toelichting op het besluit"))
        self.statement.setAccessibleName(self.tr("Verklaring van de cliënt"))
        self.statement.setPlaceholderText(
            self.tr("De eigen woorden van de cliënt; bewaard naast het gegeven")
        )
        self.edit_button.setText(self.tr("Verzoek aanpassen"))
        for field, text in (
            (self.record, self.tr("Gegeven:")),
            (self.requested_on, self.tr("Datum verzoek:")),
            (self.request, self.tr("Verzoek:")),
            (self.outcome, self.tr("Besluit:")),
            (self.explanation, self.tr("Toelichting:")),
            (self.statement, self.tr("Verklaring:")),
        ):
            relabel(self.form, field, text)
        self._label_form()
        label_items(self.outcome, lambda value: CorrectionOutcome(value).label())
        if self.data is not None:
            self.show_corrections(self.data)

    def _label_form(self) -> None:
        editing = self.editing is not None
        self.box.setTitle(self.tr("Correctieverzoek aanpassen") if editing else
                          self.tr("Nieuw correctieverzoek"))  # fmt: skip
        self.save_button.setText(self.tr("Wijziging opsl&aan") if editing else
                                 self.tr("Verzoek v&astleggen"))  # fmt: skip

    def refresh(self) -> None:
        family_id = self.family_id
        self.load(lambda s: load_corrections(s, family_id), self.show_corrections)

    def show_corrections(self, data: CorrectionsData) -> None:
        self.data = data
        fill(
            self.corrections,
            [
                [
                    f"{kind_text(c.target_entity)}",
                    self._now_text(data.now.get((c.target_entity, c.target_id))),
                    c.request,
                    CorrectionOutcome(c.outcome).label(),
                    c.statement or "",
                    date_text(c.requested_on),
                ]
                for c in data.corrections
            ],
            [c.id for c in data.corrections],
        )
        if self.editing is None:
            chosen = self.record.currentData()
            self.record.clear()
            for ref in data.records:
                self.record.addItem(
                    f"{kind_text(ref.entity)}: {ref.label}", f"{ref.entity}/{ref.id}"
                )
            if chosen is not None and (at := self.record.findData(chosen)) >= 0:
                self.record.setCurrentIndex(at)

    def _now_text(self, ref: RecordRef | None) -> str:
        return ref.label if ref is not None else self.tr("(verwijderd)")

    def select_record(self, entity: str, record_id: str) -> None:
        """Put a record in the form (e.g. from another tab), for a request about it."""
        at = self.record.findData(f"{entity}/{record_id}")
        if at >= 0:
            self.record.setCurrentIndex(at)

    def edit_selected(self) -> None:
        chosen = selected_id(self.corrections)
        if self.data is None or chosen is None:
            return
        correction = next(c for c in self.data.corrections if c.id == chosen)
        self.editing = correction
        self.record.clear()
        self.record.addItem(
            f"{kind_text(correction.target_entity)}: "
            + self._now_text(self.data.now.get((correction.target_entity, correction.target_id))),
            f"{correction.target_entity}/{correction.target_id}",
        )
        self.record.setEnabled(False)
        self.requested_on.setEnabled(False)
        self.request.setText(correction.request)
        self.request.setEnabled(False)  # the client's request as it was made
        self.outcome.setCurrentIndex(self.outcome.findData(correction.outcome))
        self.explanation.setText(correction.explanation or "")
        self.statement.setPlainText(correction.statement or "")
        self._label_form()

    def _clear_form(self) -> None:
        self.editing = None
        for field in (self.record, self.requested_on, self.request):
            field.setEnabled(True)
        self.request.clear()
        self.explanation.clear()
        self.statement.clear()
        self.outcome.setCurrentIndex(0)
        self._label_form()

    def save_form(self) -> None:
        self.save()

    @refusing
    def save(self) -> None:
        outcome = str(self.outcome.currentData())
        explanation = self.explanation.text()
        statement = self.statement.toPlainText()
        editing = self.editing
        if editing is not None:
            correction_id = editing.id

            def work(s: Services) -> Correction:
                return s.corrections.update_correction(
                    correction_id, outcome=outcome, explanation=explanation,
                    statement=statement if statement.strip() else None,
                )  # fmt: skip

        else:
            chosen = self.record.currentData()
            if not chosen:
                return
            target = str(chosen).split("/", 1)  # entity/id
            family_id, request, day = (
                self.family_id,
                self.request.text(),
                date_of(self.requested_on),
            )

            def work(s: Services) -> Correction:
                return s.corrections.add_correction(
                    family_id, target_entity=target[0], target_id=target[1], request=request,
                    outcome=outcome, explanation=explanation or None,
                    statement=statement or None, requested_on=day,
                )  # fmt: skip

        def done(_: Correction) -> None:
            self._clear_form()
            self.refresh()

        self.run(work, done)
