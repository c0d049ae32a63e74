"""What every workspace tab shares: the context, the family, loading and clearing."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent
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

from ...domain.vocabulary import Field
from ...errors import ValidationError
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


class DateEdit(QDateEdit):
    """A date field where a date is typed as a whole, and never quietly becomes another.

    Qt types into a date's sections one by one, so a date typed over the year (after
    Shift+Tab) became "03-12-00001062027" and, on leaving the field, the old date again
    without a word. Here the first key typed starts the date afresh: the field shows what
    is typed, and on leaving (Tab, Enter, a click elsewhere, saving) reads it as dd-mm-jjjj
    (or dd, dd-mm: the month and year shown, or ddmmjjjj). What does not read as a date is
    kept as ``refused``, and ``date_of`` refuses to save with a message. Arrows, the
    calendar and the mouse work as in Qt."""

    def __init__(self) -> None:
        super().__init__()
        self.refused: str | None = None
        self.typed: str | None = None  # what is being typed, until the field reads it
        self.dateChanged.connect(self._changed)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        plain = not event.modifiers() & ~(
            Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
        )
        if plain and len(text) == 1 and (text.isdigit() or text in "-/. "):
            self.typed = (self.typed or "") + text
            self.lineEdit().setText(self.typed)  # as typed: the sections do not take it in
            return
        if self.typed is not None:
            key = event.key()
            if key == Qt.Key.Key_Backspace:
                self.typed = self.typed[:-1]
                self.lineEdit().setText(self.typed)
                return
            if key == Qt.Key.Key_Escape:
                self.typed = None
                self.setDate(self.date())  # back to the date it held
                self.lineEdit().setText(self.textFromDateTime(self.dateTime()))
                return
            self.settle()  # Enter, Tab, an arrow: the typed date first
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.settle()
        super().focusOutEvent(event)

    def settle(self) -> None:
        """Read what was typed: the date it names, or remember it as refused."""
        typed, self.typed = self.typed, None
        if typed is None:
            return
        day = typed_date(typed, shown_date(self))
        if day is None:
            self.refused = typed.strip()
            self.setToolTip(refused_date_text(self.refused))
            self.lineEdit().setText(self.textFromDateTime(self.dateTime()))
            return
        self.refused = None
        self.setToolTip("")
        set_date(self, day)
        self.lineEdit().setText(self.textFromDateTime(self.dateTime()))

    def _changed(self) -> None:
        if self.typed is None:  # picked in the calendar or stepped with an arrow
            self.refused = None
            self.setToolTip("")


def typed_date(text: str, shown: dt.date) -> dt.date | None:
    """dd-mm-jjjj (also with / . or a space), dd-mm or dd (the month and year ``shown``),
    or ddmmjjjj; None when that is not a date."""
    cleaned = text.strip()
    if cleaned.isdigit() and len(cleaned) == 8:
        cleaned = f"{cleaned[:2]}-{cleaned[2:4]}-{cleaned[4:]}"
    parts = [p for p in re.split(r"[-/. ]", cleaned) if p]
    if not parts or len(parts) > 3 or (len(parts) == 3 and len(parts[2]) != 4):
        return None
    try:
        day = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else shown.month
        year = int(parts[2]) if len(parts) > 2 else shown.year
        return dt.date(year, month, day)
    except ValueError:
        return None


def refused_date_text(typed: str) -> str:
    return QCoreApplication.translate("DateEdit", "'{0}' is geen datum; typ dd-mm-jjjj.").format(
        typed
    )


def date_edit(accessible_name: str, value: dt.date | None = None) -> QDateEdit:
    edit = DateEdit()
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
    """The date in ``edit``, as the user sees it; a typed date that is no date is refused
    (ValidationError), not replaced by the date the field held before."""
    if isinstance(edit, DateEdit):
        edit.settle()  # saved with Ctrl+S, the cursor still in the field
        if edit.refused is not None:
            raise ValidationError(
                Field.DATE,
                f"'{edit.refused}' is geen datum; typ de datum als dd-mm-jjjj en sla opnieuw op.",
                f"'{edit.refused}' is not a date; type the date as dd-mm-yyyy and save again.",
            )
    return shown_date(edit)


def shown_date(edit: QDateEdit) -> dt.date:
    """The date the field holds (for a filter or a draft: never refused)."""
    q = edit.date()
    return dt.date(q.year(), q.month(), q.day())


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
