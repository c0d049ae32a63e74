"""The family's own forms: its details and status (closing with a reason), and its members.

Each form is a dialog that saves through the services and stays open, with what was
typed, until the save succeeded: a refusal shows beside it and nothing is lost. A lock
(or quitting) keeps what is typed as an encrypted draft, put back when the form opens
again; saving or Annuleren removes it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QFormLayout, QLabel, QLineEdit, QWidget

from ...domain.models import Family, Member
from ...domain.vocabulary import ClosureReason, FamilyStatus, Field, MemberRole
from ...errors import ValidationError
from ...services import Services
from ..context import AppContext
from ..dialogs import lay_out_form  # imported once a form opens: dialogs imports the workspace
from ..format import date_text, parse_date
from ..messages import show_error
from .base import date_edit, date_of, set_date, shown_date

FormField = QLineEdit | QComboBox | QDateEdit


def field_value(field: FormField) -> str | None:
    if isinstance(field, QLineEdit):
        return field.text()
    if isinstance(field, QComboBox):
        value = field.currentData()
        return None if value is None else str(value)
    return shown_date(field).isoformat()


def set_field_value(field: FormField, value: str | None) -> None:
    if isinstance(field, QLineEdit):
        field.setText(value or "")
    elif isinstance(field, QComboBox):
        field.setCurrentIndex(max(0, field.findData(value)))
    elif value:
        set_date(field, dt.date.fromisoformat(value))


class SavingDialog(QDialog):
    """OK saves on the database thread; the dialog closes only once that succeeded."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.saving = False
        self.kept = False  # its draft was kept (a lock): closing then must not remove it
        self.restored = QLabel()
        self.restored.setWordWrap(True)
        self.restored.hide()
        QShortcut(QKeySequence.StandardKey.Save, self, self.accept)  # Ctrl+S, as in the tabs

    # --- the draft of what is typed ------------------------------------------------

    @property
    def draft_key(self) -> str:
        raise NotImplementedError

    def fields(self) -> dict[str, FormField]:
        """The form's fields by name, as their draft keeps them."""
        raise NotImplementedError

    def draft(self) -> str:
        return json.dumps({name: field_value(f) for name, f in self.fields().items()})

    def restore(self, draft: str | None) -> None:
        """Put back what was typed before a lock (a draft that does not read is ignored)."""
        if not draft:
            return
        try:
            values = json.loads(draft)
            for name, field in self.fields().items():
                if name in values:
                    set_field_value(field, values[name])
        except (ValueError, TypeError, AttributeError):
            return
        self.restored.setText(
            self.tr("Wat u typte voor de vergrendeling staat er weer; het is nog niet opgeslagen.")
        )
        self.restored.show()

    def keep_draft(self) -> None:
        """On a lock or quitting: keep what is typed, encrypted, for the next time."""
        key, draft = self.draft_key, self.draft()
        self.kept = True
        self.context.run(lambda s: s.drafts.save_draft(key, draft))

    def _drop_draft(self) -> None:
        key = self.draft_key
        self.context.run(lambda s: s.drafts.remove_draft(key))

    def reject(self) -> None:
        if not self.kept:  # Annuleren or Escape: the caseworker chose to throw it away
            self._drop_draft()
        super().reject()

    def work(self) -> Callable[[Services], Any]:
        """What OK does, read from the fields now (may raise ValidationError)."""
        raise NotImplementedError

    def accept(self) -> None:
        if self.saving:
            return
        try:
            work = self.work()
        except ValidationError as error:
            show_error(self, error)
            return
        self.saving = True
        self.context.run(work, self._saved, self._refused, owner=self)

    def _saved(self, _: object) -> None:
        self.saving = False
        self._drop_draft()
        super().accept()

    def _refused(self, error: BaseException) -> None:
        self.saving = False
        show_error(self, error)  # the dialog stays open with everything typed in it


def family_form_key(family_id: str) -> str:
    return f"family-form:{family_id}"


def member_form_key(family_id: str, member_id: str | None) -> str:
    return f"member-form:{family_id}:{member_id or 'new'}"


def _choices(combo: QComboBox, options: list[Any], chosen: str | None) -> None:
    for option in options:
        combo.addItem(option.label(), option.value)
    combo.setCurrentIndex(max(0, combo.findData(chosen)))


class FamilyDialog(SavingDialog):
    """Name, status, start and end date, the closure reason and the evaluation date."""

    def __init__(
        self,
        context: AppContext,
        family: Family,
        parent: QWidget | None = None,
        draft: str | None = None,
    ) -> None:
        super().__init__(context, parent)
        self.family = family
        today = context.today()
        self.setWindowTitle(self.tr("Gezinsgegevens"))
        self.name = QLineEdit(family.name)
        self.name.setAccessibleName(self.tr("Naam van het gezin"))
        self.status = QComboBox()
        self.status.setAccessibleName(self.tr("Status"))
        _choices(self.status, list(FamilyStatus), family.status)
        self.start = date_edit(self.tr("Startdatum"), family.start_date or today)
        self.end = date_edit(self.tr("Einddatum"), family.end_date or today)
        self.reason = QComboBox()
        self.reason.setAccessibleName(self.tr("Reden van afsluiten"))
        _choices(self.reason, list(ClosureReason), family.closure_reason)
        self.evaluation = date_edit(
            self.tr("Evaluatiedatum"), family.evaluation_date or today + dt.timedelta(days=91)
        )
        self.form = form = QFormLayout()
        form.addRow(self.tr("&Naam:"), self.name)
        form.addRow(self.tr("&Status:"), self.status)
        form.addRow(self.tr("S&tartdatum:"), self.start)
        form.addRow(self.tr("&Einddatum:"), self.end)
        form.addRow(self.tr("&Reden van afsluiten:"), self.reason)
        form.addRow(self.tr("E&valuatiedatum:"), self.evaluation)
        form.insertRow(0, self.restored)
        lay_out_form(self, form, self.tr("Opslaan"))
        self.restore(draft)
        self.status.currentIndexChanged.connect(self._show_closing)
        self._show_closing()
        self.name.setFocus()

    @property
    def draft_key(self) -> str:
        return family_form_key(self.family.id)

    def fields(self) -> dict[str, FormField]:
        return {
            "name": self.name,
            "status": self.status,
            "start": self.start,
            "end": self.end,
            "reason": self.reason,
            "evaluation": self.evaluation,
        }

    def _show_closing(self) -> None:
        """End date and reason belong to a closed family only."""
        closing = self.status.currentData() == FamilyStatus.CLOSED
        for field in (self.end, self.reason):
            self.form.setRowVisible(field, closing)

    def work(self) -> Callable[[Services], Any]:
        family_id, name, status = self.family.id, self.name.text(), self.status.currentData()
        closing = status == FamilyStatus.CLOSED
        start, evaluation = date_of(self.start), date_of(self.evaluation)
        end = date_of(self.end) if closing else None
        reason = self.reason.currentData() if closing else None
        return lambda s: s.families.update_family(
            family_id,
            name=name,
            status=status,
            start_date=start,
            end_date=end,
            closure_reason=reason,
            evaluation_date=evaluation,
        )


class MemberDialog(SavingDialog):
    """A new member of the family, or one to change: name, role, date of birth, BSN."""

    def __init__(
        self,
        context: AppContext,
        family_id: str,
        member: Member | None = None,
        parent: QWidget | None = None,
        draft: str | None = None,
    ) -> None:
        super().__init__(context, parent)
        self.family_id, self.member = family_id, member
        self.setWindowTitle(self.tr("Gezinslid") if member else self.tr("Nieuw gezinslid"))
        self.name = QLineEdit(member.name if member else "")
        self.name.setAccessibleName(self.tr("Naam van het gezinslid"))
        self.role = QComboBox()
        self.role.setAccessibleName(self.tr("Rol in het gezin"))
        _choices(self.role, list(MemberRole), member.role if member else None)
        # typed, not picked: a date of birth is known by heart, and it may be unknown
        self.birth = QLineEdit(date_text(member.date_of_birth) if member else "")
        self.birth.setAccessibleName(self.tr("Geboortedatum"))
        self.birth.setPlaceholderText(self.tr("dd-mm-jjjj (mag leeg)"))
        self.bsn = QLineEdit(member.bsn or "" if member else "")
        self.bsn.setAccessibleName(self.tr("BSN"))
        self.bsn.setPlaceholderText(self.tr("9 cijfers (mag leeg)"))
        form = QFormLayout()
        form.addRow(self.tr("&Naam:"), self.name)
        form.addRow(self.tr("&Rol:"), self.role)
        form.addRow(self.tr("&Geboortedatum:"), self.birth)
        form.addRow(self.tr("&BSN:"), self.bsn)
        form.insertRow(0, self.restored)
        lay_out_form(self, form, self.tr("Opslaan"))
        self.restore(draft)
        self.name.setFocus()

    @property
    def draft_key(self) -> str:
        return member_form_key(self.family_id, self.member.id if self.member else None)

    def fields(self) -> dict[str, FormField]:
        return {"name": self.name, "role": self.role, "birth": self.birth, "bsn": self.bsn}

    def work(self) -> Callable[[Services], Any]:
        typed = self.birth.text().strip()
        birth = parse_date(typed) if typed else None
        if typed and birth is None:
            raise ValidationError(
                Field.DATE_OF_BIRTH,
                f"'{typed}' is geen datum; schrijf de geboortedatum als dd-mm-jjjj.",
                f"'{typed}' is not a date; write the date of birth as dd-mm-yyyy.",
            )
        name, role, bsn = self.name.text(), self.role.currentData(), self.bsn.text().strip()
        family_id, member = self.family_id, self.member
        if member is None:
            return lambda s: s.families.add_member(
                family_id, name=name, role=role, date_of_birth=birth, bsn=bsn or None
            )
        return lambda s: s.families.update_member(
            member.id,
            name=name,
            role=role,
            date_of_birth=birth,
            bsn=bsn,
            clear_date_of_birth=not typed,
        )
