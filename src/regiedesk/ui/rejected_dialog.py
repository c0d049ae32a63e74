"""Work the server refused and the laptop kept aside: look at it, then dismiss it.

Reading the kept changes shows client data, so opening the dialog writes a read
event to the audit log; dismissing writes a delete event (``RejectedChangeService``).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..services.rejected import RejectedChange
from ..store.outbox import PULLED
from ..sync.protocol import Op, Reason
from .context import AppContext
from .format import date_text
from .messages import show_error
from .translations import QT_TRANSLATE_NOOP


def _tr(text: str) -> str:
    return QCoreApplication.translate("RejectedDialog", text)


KINDS = {
    "families": QT_TRANSLATE_NOOP("RejectedDialog", "gezin"),
    "members": QT_TRANSLATE_NOOP("RejectedDialog", "gezinslid"),
    "hours": QT_TRANSLATE_NOOP("RejectedDialog", "urenregel"),
    "timers": QT_TRANSLATE_NOOP("RejectedDialog", "bezoektimer"),
    "assessments": QT_TRANSLATE_NOOP("RejectedDialog", "meting"),
    "scores": QT_TRANSLATE_NOOP("RejectedDialog", "score van een meting"),
    "parties": QT_TRANSLATE_NOOP("RejectedDialog", "betrokkene"),
    "contacts": QT_TRANSLATE_NOOP("RejectedDialog", "contactmoment"),
    "goals": QT_TRANSLATE_NOOP("RejectedDialog", "doel"),
    "agreements": QT_TRANSLATE_NOOP("RejectedDialog", "afspraak"),
    "notes": QT_TRANSLATE_NOOP("RejectedDialog", "verslag"),
    "note_revisions": QT_TRANSLATE_NOOP("RejectedDialog", "tekst van een verslag"),
    "corrections": QT_TRANSLATE_NOOP("RejectedDialog", "correctieverzoek"),
}
OPS: dict[str, str] = {  # keyed by the wire values, as the stored changes hold them
    Op.INSERT: QT_TRANSLATE_NOOP("RejectedDialog", "nieuw"),
    Op.UPDATE: QT_TRANSLATE_NOOP("RejectedDialog", "gewijzigd"),
    Op.DELETE: QT_TRANSLATE_NOOP("RejectedDialog", "verwijderd"),
}
# the server's refusal reasons (protocol.Reason, given by sync/server/rules.py)
REASONS: dict[str, str] = {
    Reason.OUT_OF_SCOPE: QT_TRANSLATE_NOOP(
        "RejectedDialog",
        "Dit gezin staat niet (meer) op uw naam, bijvoorbeeld na een overdracht of een "
        "afgelopen waarneming.",
    ),
    Reason.UNKNOWN_ENTITY: QT_TRANSLATE_NOOP(
        "RejectedDialog",
        "De server kent dit soort gegevens niet; misschien is de server ouder dan deze app.",
    ),
    Reason.UNKNOWN_FAMILY: QT_TRANSLATE_NOOP(
        "RejectedDialog", "De server kent dit gezin niet (meer)."
    ),
    Reason.NOT_YOUR_FAMILY: QT_TRANSLATE_NOOP(
        "RejectedDialog", "Dit gezin is gemaakt op naam van een andere regisseur."
    ),
    Reason.HANDOVER_BY_TEAMLEADER_ONLY: QT_TRANSLATE_NOOP(
        "RejectedDialog", "Alleen een teamleider kan een gezin aan een andere regisseur overdragen."
    ),
    Reason.DESTROYED: QT_TRANSLATE_NOOP(
        "RejectedDialog",
        "Dit gezin is op verzoek of na de bewaartermijn vernietigd; wijzigingen worden niet "
        "meer bewaard.",
    ),
    Reason.BAD_STAMP: QT_TRANSLATE_NOOP(
        "RejectedDialog", "Deze wijziging heeft een tijdstempel dat de server niet kan lezen."
    ),
    Reason.BAD_OP: QT_TRANSLATE_NOOP("RejectedDialog", "De server kent deze soort wijziging niet."),
    Reason.BAD_ID: QT_TRANSLATE_NOOP(
        "RejectedDialog", "Deze wijziging verwijst naar een ongeldig of ander record."
    ),
    Reason.WRONG_FAMILY: QT_TRANSLATE_NOOP(
        "RejectedDialog", "Deze wijziging hoort bij een ander gezin dan het record."
    ),
    Reason.UNKNOWN_FIELD: QT_TRANSLATE_NOOP(
        "RejectedDialog",
        "Deze wijziging bevat een veld dat de server niet kent; misschien is de server ouder "
        "dan deze app.",
    ),
    Reason.MISSING_FIELD: QT_TRANSLATE_NOOP(
        "RejectedDialog", "Er ontbreekt een verplicht veld in deze wijziging."
    ),
    Reason.INVALID_VALUE: QT_TRANSLATE_NOOP(
        "RejectedDialog",
        "Een waarde in deze wijziging is ongeldig (verkeerd soort, een datum die niet "
        "bestaat of buiten het bereik).",
    ),
    Reason.BAD_TEXT: QT_TRANSLATE_NOOP(
        "RejectedDialog", "Deze wijziging bevat tekens die niet bewaard kunnen worden."
    ),
}
FIELDS = {
    "name": QT_TRANSLATE_NOOP("RejectedDialog", "naam"),
    "status": QT_TRANSLATE_NOOP("RejectedDialog", "status"),
    "start_date": QT_TRANSLATE_NOOP("RejectedDialog", "startdatum"),
    "end_date": QT_TRANSLATE_NOOP("RejectedDialog", "einddatum"),
    "closure_reason": QT_TRANSLATE_NOOP("RejectedDialog", "reden van afsluiten"),
    "caseworker": QT_TRANSLATE_NOOP("RejectedDialog", "regisseur"),
    "role": QT_TRANSLATE_NOOP("RejectedDialog", "rol"),
    "date_of_birth": QT_TRANSLATE_NOOP("RejectedDialog", "geboortedatum"),
    "date": QT_TRANSLATE_NOOP("RejectedDialog", "datum"),
    "minutes": QT_TRANSLATE_NOOP("RejectedDialog", "minuten"),
    "activity": QT_TRANSLATE_NOOP("RejectedDialog", "activiteit"),
    "domain": QT_TRANSLATE_NOOP("RejectedDialog", "leefgebied"),
    "score": QT_TRANSLATE_NOOP("RejectedDialog", "score"),
    "note": QT_TRANSLATE_NOOP("RejectedDialog", "toelichting"),
    "organisation": QT_TRANSLATE_NOOP("RejectedDialog", "organisatie"),
    "person": QT_TRANSLATE_NOOP("RejectedDialog", "persoon"),
    "phone": QT_TRANSLATE_NOOP("RejectedDialog", "telefoon"),
    "email": QT_TRANSLATE_NOOP("RejectedDialog", "e-mail"),
    "mode": QT_TRANSLATE_NOOP("RejectedDialog", "manier van contact"),
    "summary": QT_TRANSLATE_NOOP("RejectedDialog", "samenvatting"),
    "text": QT_TRANSLATE_NOOP("RejectedDialog", "tekst"),
    "target_date": QT_TRANSLATE_NOOP("RejectedDialog", "streefdatum"),
    "due_date": QT_TRANSLATE_NOOP("RejectedDialog", "uiterlijk op"),
    "owner": QT_TRANSLATE_NOOP("RejectedDialog", "wie"),
    "done": QT_TRANSLATE_NOOP("RejectedDialog", "gedaan"),
    "title": QT_TRANSLATE_NOOP("RejectedDialog", "titel"),
    "visit_date": QT_TRANSLATE_NOOP("RejectedDialog", "datum bezoek"),
    "body": QT_TRANSLATE_NOOP("RejectedDialog", "tekst van het verslag"),
    "author": QT_TRANSLATE_NOOP("RejectedDialog", "auteur"),
}


def entity_text(entity: str) -> str:
    return _tr(KINDS[entity]) if entity in KINDS else entity


def op_text(op: str) -> str:
    return _tr(OPS[op]) if op in OPS else op


def reason_text(reason: str | None) -> str:
    if reason in REASONS:
        return _tr(REASONS[reason])
    if reason is not None and reason.startswith(PULLED):
        return _tr(
            QT_TRANSLATE_NOOP(
                "RejectedDialog",
                "Deze wijziging kwam van de server, maar deze laptop kan haar niet verwerken "
                "(code: {0}). De rest is wel gesynchroniseerd. Meld het aan de ICT-afdeling.",
            )
        ).format(reason.removeprefix(PULLED))
    return _tr(
        QT_TRANSLATE_NOOP("RejectedDialog", "De server weigerde deze wijziging (code: {0}).")
    ).format(reason or "-")


def field_text(field: str) -> str:
    return _tr(FIELDS[field]) if field in FIELDS else field


def value_text(value: Any) -> str:
    if value is None or value == "":
        return _tr(QT_TRANSLATE_NOOP("RejectedDialog", "(leeg)"))
    if isinstance(value, str):
        try:  # ISO dates as the interface writes them
            return date_text(dt.date.fromisoformat(value)) if len(value) == 10 else value
        except ValueError:
            return value
    return json.dumps(value, ensure_ascii=False)


def _item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
    return item


class RejectedDialog(QDialog):
    """Lists the kept changes; a selected one shows its fields below the list."""

    dismissed = Signal(int)  # how many were deleted

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.entries: list[RejectedChange] = []
        self.dropped = False  # closed for good: late results from the database thread go
        self.setWindowTitle(self.tr("Apart gezet werk"))
        intro = QLabel(
            self.tr(
                "De server weigerde deze wijzigingen, bijvoorbeeld omdat het gezin is "
                "overgedragen. Ze staan versleuteld op deze laptop. Neem over wat nog nodig is "
                "(of geef het door aan de nieuwe regisseur) en verwijder ze daarna."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setAccessibleName(self.tr("Apart gezet werk"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab moves on to the fields and the buttons
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._show_selected)
        table_label = QLabel(self.tr("&Geweigerde wijzigingen:"))
        table_label.setBuddy(self.table)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setVisible(False)
        self.fields = QTableWidget(0, 2)
        self.fields.setAccessibleName(self.tr("Gewijzigde velden"))
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fields.setTabKeyNavigation(False)
        self.fields.setWordWrap(True)
        self.fields.verticalHeader().setVisible(False)
        self.fields.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.fields.horizontalHeader().setStretchLastSection(True)
        self.fields_label = QLabel(self.tr("Ge&wijzigde velden:"))
        self.fields_label.setBuddy(self.fields)
        self.remove_button = QPushButton(self.tr("&Verwijderen"))
        self.remove_button.setAccessibleName(self.tr("Geselecteerd werk verwijderen"))
        self.remove_button.setAutoDefault(False)
        self.remove_button.setEnabled(False)
        self.remove_button.clicked.connect(self.confirm_dismiss)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("&Sluiten"))
        self.buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)  # also Escape
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(table_label)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.empty)
        layout.addWidget(self.fields_label)
        layout.addWidget(self.fields, 2)
        layout.addWidget(self.buttons)
        QWidget.setTabOrder(self.table, self.fields)
        QWidget.setTabOrder(self.fields, self.remove_button)
        QWidget.setTabOrder(self.remove_button, close)
        self._set_headers()
        self.resize(900, 560)

    def _set_headers(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Geweigerd op"),
                self.tr("Soort"),
                self.tr("Gezin"),
                self.tr("Wat"),
                self.tr("Reden"),
            ]
        )
        self.fields.setHorizontalHeaderLabels([self.tr("Veld"), self.tr("Waarde")])

    def load(self) -> None:
        """Read the kept changes on the database thread (a read event in the audit log)."""
        self.context.run(
            lambda s: s.rejected.list_rejected_changes(),
            self.show_entries,
            self._failed,
            owner=self,
        )

    def _failed(self, error: BaseException) -> None:
        if not self.dropped:
            self._show_selected()
            show_error(self, error)

    def drop(self) -> None:
        self.dropped = True
        self.reject()
        self.deleteLater()

    def show_entries(self, entries: list[RejectedChange]) -> None:
        if self.dropped:
            return
        self.entries = entries
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            local = entry.rejected_at.astimezone()
            if entry.family_name is not None:
                family = entry.family_name
            elif entry.family_id is None:
                family = self.tr("(geen)")
            elif entry.entity == "families" and entry.data.get("name"):
                family = self.tr("{0} (niet meer op deze laptop)").format(entry.data["name"])
            else:
                family = self.tr("gezin niet meer op deze laptop")
            cells = (
                f"{date_text(local.date())} {local:%H:%M}",
                entity_text(entry.entity),
                family,
                op_text(entry.op),
                reason_text(entry.reason),
            )
            for column, text in enumerate(cells):
                item = _item(text)
                if column == 4:
                    item.setToolTip(text)
                self.table.setItem(row, column, item)
        for column in range(4):  # the reason wraps in the rest of the width
            self.table.resizeColumnToContents(column)
        self.table.resizeRowsToContents()
        self.empty.setText("" if entries else self.tr("Er is geen apart gezet werk."))
        self.empty.setVisible(not entries)
        self._show_selected()
        if entries:
            self.table.selectRow(0)
        self.table.setFocus()

    def selected(self) -> list[RejectedChange]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.entries[row] for row in rows if row < len(self.entries)]

    def _show_selected(self) -> None:
        chosen = self.selected()
        self.remove_button.setEnabled(bool(chosen))
        self.fields.setRowCount(0)
        if len(chosen) != 1:
            return
        entry = chosen[0]
        shown = [
            (field_text(k), value_text(v))
            for k, v in entry.data.items()
            if k != "id" and not k.endswith("_id") and k != "merge_parents"
        ]
        if not shown:
            note = self.tr("(geen velden: het record werd verwijderd)")
            shown = [(op_text(entry.op), note if entry.op == Op.DELETE else value_text(None))]
        self.fields.setRowCount(len(shown))
        for row, (name, value) in enumerate(shown):
            self.fields.setItem(row, 0, _item(name))
            self.fields.setItem(row, 1, _item(value))
        self.fields.resizeRowsToContents()

    def confirm_dismiss(self) -> None:
        chosen = self.selected()
        if not chosen:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Apart gezet werk verwijderen"),
            self.tr(
                "{0} apart gezet(te) wijziging(en) definitief van deze laptop verwijderen? "
                "Neem eerst over wat u nog nodig hebt; dit kan niet ongedaan worden gemaakt."
            ).format(len(chosen)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ids = [entry.mutation_id for entry in chosen]
        self.remove_button.setEnabled(False)

        def done(count: int) -> None:
            if not self.dropped:
                self.show_entries([e for e in self.entries if e.mutation_id not in ids])
                self.dismissed.emit(count)

        self.context.run(
            lambda s: s.rejected.remove_rejected_changes(ids), done, self._failed, owner=self
        )
