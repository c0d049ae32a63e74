"""What every workspace tab shares: the context, the family, loading and clearing."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...errors import ValidationError
from ...services import Services
from ...services.removals import Removal
from ..context import AppContext

# the date fields live in ..dates (the team workspace loads them without the tabs);
# the tabs and dialogs take them from here
from ..dates import DateEdit as DateEdit
from ..dates import date_edit as date_edit
from ..dates import date_of as date_of
from ..dates import never_cut_off as never_cut_off
from ..dates import refused_date_text as refused_date_text
from ..dates import set_date as set_date
from ..dates import shown_date as shown_date
from ..dates import typed_date as typed_date
from ..messages import show_error

T = TypeVar("T")


class FamilyTab(QWidget):
    """A tab of the family workspace. Subclasses load in ``refresh`` and fill in ``show``."""

    removed = Signal(object, str)  # a Removal and what it removed, for the workspace's undo

    def __init__(self, context: AppContext, family_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.family_id = family_id
        self.question: QMessageBox | None = None  # the removal asked about, while open

    def remove_after_asking(self, what: str, work: Callable[[Services], Removal]) -> None:
        """Ask before removing ``what``; once removed, the workspace offers to undo it."""

        def closed(box: QMessageBox) -> None:
            if self.question is box:
                self.question = None

        def done(removal: Removal) -> None:
            self.removed.emit(removal, what)
            self.refresh()

        self.question = ask(
            self,
            self.tr("Verwijderen"),
            self.tr("'{0}' verwijderen?").format(what),
            (self.tr("Verwijderen"), self.tr("Annuleren")),  # Enter keeps the record
            lambda: self.run(work, done),
            closed,
        )

    def run(  # type: ignore[no-untyped-def]
        self, fn: Callable[[Services], Any], then=None, failed=None
    ) -> None:
        """``context.run`` for this tab: what comes back after it closed is dropped."""
        self.context.run(fn, then, failed or self.failed, owner=self)

    def load(self, fn: Callable[[Services], Any], then: Callable[[Any], None]) -> None:
        self.run(fn, then)

    def run_and_refresh(self, fn: Callable[[Services], Any]) -> None:
        """Run ``fn``, then show the tab afresh."""
        self.run(fn, lambda _: self.refresh())

    def lay_out(self, left: QVBoxLayout, *boxes: QWidget) -> None:
        """The tab's two columns: the tables (``left``, three parts of the width) and the
        forms' ``boxes`` stacked at the top of the right (two parts)."""
        right = QVBoxLayout()
        for box in boxes:
            right.addWidget(box)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)

    def failed(self, error: BaseException) -> None:
        show_error(self, error)

    def refresh(self) -> None:
        raise NotImplementedError

    def save_form(self) -> None:
        """Ctrl+S: save what the tab's form holds (a tab without a form has nothing to save)."""

    def focus_in(self, *widgets: QWidget) -> bool:
        """Whether the keyboard focus is in one of ``widgets`` (or in a child of one)."""
        focused = QApplication.focusWidget()
        return focused is not None and any(w is focused or w.isAncestorOf(focused) for w in widgets)

    def retranslate(self) -> None:
        pass


def refusing(method: Callable[..., None]) -> Callable[..., None]:
    """A tab's save that reads its fields: a ValidationError becomes the tab's message."""

    @functools.wraps(method)
    def guarded(self: FamilyTab, *_: Any) -> None:  # a button's "checked" is not passed on
        try:
            method(self)
        except ValidationError as error:
            self.failed(error)

    return guarded


def table(columns: int) -> QTableWidget:
    """A read-only table of whole rows; its headers and name come in ``retranslate``."""
    widget = QTableWidget(0, columns)
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    widget.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    widget.verticalHeader().setVisible(False)
    widget.horizontalHeader().setSectionResizeMode(columns - 1, QHeaderView.ResizeMode.Stretch)
    return widget


def fill(widget: QTableWidget, rows: list[list[str]], ids: list[str] | None = None) -> None:
    widget.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            if ids is not None and c == 0:
                item.setData(256, ids[r])  # Qt.UserRole
            widget.setItem(r, c, item)
    widget.resizeColumnsToContents()


def mark_statements(widget: QTableWidget, statements: dict[str, str]) -> None:
    """Rows of records the client made a statement about (``CorrectionService.statements``)
    say so in their first cell and show the statement as its tooltip."""
    for r in range(widget.rowCount()):
        item = widget.item(r, 0)
        statement = statements.get(str(item.data(256))) if item is not None else None
        if item is not None and statement:
            item.setText(item.text() + QCoreApplication.translate("FamilyTab", " (verklaring)"))
            item.setToolTip(
                QCoreApplication.translate("FamilyTab", "Verklaring van de cliënt: {0}").format(
                    statement
                )
            )


LATE_COLOUR = "#a40000"  # the red of a passed evaluation date


def mark_late(widget: QTableWidget, row: int, column: int, text: str) -> None:
    """Show the date in a cell as passed: red, with ``text`` ("12-11-2026, te laat")."""
    item = widget.item(row, column)
    if item is not None:
        item.setText(text)
        item.setForeground(QColor(LATE_COLOUR))
        item.setToolTip(text)
        widget.resizeColumnToContents(column)  # the longer text on one line


def add_rows(form: QFormLayout, *fields: QWidget) -> None:
    """A row per field, its label (with the field as buddy, for Alt+letter) named later by
    ``relabel`` in the tab's ``retranslate``."""
    for field in fields:
        label = QLabel()
        label.setBuddy(field)
        form.addRow(label, field)


def label_items(combo: QComboBox, label: Callable[[Any], str]) -> None:
    """Name a combo box's items by their data; the items and the current choice stay."""
    for i in range(combo.count()):
        combo.setItemText(i, label(combo.itemData(i)))


def relabel(form: QFormLayout, field: QWidget, text: str) -> None:
    """Set the label of ``field``'s row in ``form`` (for a tab's ``retranslate``)."""
    label = form.labelForField(field)
    if isinstance(label, QLabel):
        label.setText(text)


def selected_id(widget: QTableWidget) -> str | None:
    item = widget.item(widget.currentRow(), 0) if widget.currentRow() >= 0 else None
    if item is None:
        return None
    value = item.data(256)
    return str(value) if value else None


def ask(
    parent: QWidget,
    title: str,
    text: str,
    buttons: tuple[str, str],
    yes: Callable[[], None],
    closed: Callable[[QMessageBox], None],
) -> QMessageBox:
    """Open a question with a yes and a cancel button (``buttons``: their texts); Enter
    cancels. On closing it calls ``closed`` with the box, then ``yes`` if that was chosen."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        parent,
    )
    yes_button = box.button(QMessageBox.StandardButton.Yes)
    yes_button.setText(buttons[0])
    box.button(QMessageBox.StandardButton.Cancel).setText(buttons[1])
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)

    def answered(_: int) -> None:
        closed(box)
        box.deleteLater()
        if box.clickedButton() is yes_button:
            yes()

    box.finished.connect(answered)
    box.open()
    return box


def button_row(*widgets: QWidget | None) -> QHBoxLayout:
    """A row of widgets; a None in ``widgets`` is the stretch between them."""
    row = QHBoxLayout()
    for widget in widgets:
        if widget is None:
            row.addStretch(1)
        else:
            row.addWidget(widget)
    return row


def form_box(form: QFormLayout) -> QGroupBox:
    """A group box holding ``form``; its title comes in the tab's ``retranslate``."""
    box = QGroupBox()
    box.setLayout(form)
    return box


def name_table(widget: QTableWidget, name: str, headers: list[str]) -> None:
    """A table's column headers and its accessible name (for a tab's ``retranslate``)."""
    widget.setHorizontalHeaderLabels(headers)
    widget.setAccessibleName(name)


def record_actions(
    widget: QTableWidget,
    edit_button: QPushButton,
    edit: Callable[[], None],
    remove_button: QPushButton,
    remove: Callable[[], None],
) -> None:
    """A table's records open in the form with its edit button or a double click, and go
    with its remove button (after asking)."""
    edit_button.clicked.connect(edit)
    widget.doubleClicked.connect(lambda _: edit())
    remove_button.clicked.connect(remove)


def selected_record(widget: QTableWidget, shown: Sequence[T]) -> T | None:
    """The record of the selected row among ``shown`` (records with an ``id``)."""
    record_id = selected_id(widget)
    return next((r for r in shown if getattr(r, "id", None) == record_id), None)
