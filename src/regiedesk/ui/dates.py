"""Date fields as every window types them (dd-mm-jjjj), and a label kept as wide as it is
drawn: apart from the family workspace (``workspace.base`` takes them from here), so
the team workspace and the dialogs load them without the workspace's tabs."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QDateEdit, QLabel

from ..domain.vocabulary import Field
from ..errors import ValidationError


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
        from PySide6.QtCore import Qt  # not at the start: see qt_names

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
