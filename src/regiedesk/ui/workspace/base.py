"""What every workspace tab shares: the context, the family, loading and clearing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ...services import Services
from ...services.removals import Removal
from ..context import AppContext
from ..messages import show_error


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
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Verwijderen"),
            self.tr("'{0}' verwijderen?").format(what),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        yes = box.button(QMessageBox.StandardButton.Yes)
        yes.setText(self.tr("Verwijderen"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)  # Enter keeps the record

        def answered(_: int) -> None:
            if self.question is box:
                self.question = None
            box.deleteLater()
            if box.clickedButton() is yes:
                self.run(work, done)

        def done(removal: Removal) -> None:
            self.removed.emit(removal, what)
            self.refresh()

        box.finished.connect(answered)
        self.question = box
        box.open()

    def run(  # type: ignore[no-untyped-def]
        self, fn: Callable[[Services], Any], then=None, failed=None
    ) -> None:
        """``context.run`` for this tab: what comes back after it closed is dropped."""
        self.context.run(fn, then, failed or self.failed, owner=self)

    def load(self, fn: Callable[[Services], Any], then: Callable[[Any], None]) -> None:
        self.run(fn, then)

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


def date_edit(accessible_name: str, value: dt.date | None = None) -> QDateEdit:
    edit = QDateEdit()
    edit.setDisplayFormat("dd-MM-yyyy")
    edit.setCalendarPopup(True)
    edit.setAccessibleName(accessible_name)
    if value is not None:
        set_date(edit, value)
    return edit


def set_date(edit: QDateEdit, value: dt.date) -> None:
    edit.setDate(QDate(value.year, value.month, value.day))


def never_cut_off(label: QLabel) -> None:
    """Keep a label beside its field as wide as its text is drawn. Qt measures the text
    without its underlined Alt+letter, but draws it with: the underline splits the text, a
    kerned pair such as 'To' loses its kerning, and '&Tot en met' lost the end of its t."""
    label.setMinimumWidth(label.sizeHint().width() + label.fontMetrics().horizontalAdvance(" "))


def date_of(edit: QDateEdit) -> dt.date:
    q = edit.date()
    return dt.date(q.year(), q.month(), q.day())


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
