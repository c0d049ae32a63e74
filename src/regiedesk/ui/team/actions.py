"""The team leader's actions as dialogs: register and assign a family, hand one over,
a stand-in (waarneming) with its period, end a stand-in early.

A dialog asks, checks what it can itself (a name, the dates), and hands the request to
``Run``: the workspace sends it on its network thread and calls back on the GUI thread.
A refusal is shown inside the dialog, in plain words, with everything typed kept; a
success closes it (the workspace then refreshes its figures).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...errors import RegiedeskError, TeamFormIncomplete
from ...sync import protocol as p
from ..dates import date_edit, date_of
from ..format import date_text

if TYPE_CHECKING:  # httpx loads with the first request, on the network thread
    from ...sync.client import TeamClient

PROGRESS_AFTER_MS = 500
Job = Callable[["TeamClient"], Any]
# (the request, on success, on failure): sent on the network thread, answered on the GUI's
Run = Callable[[Job, Callable[[Any], None], Callable[[BaseException], None]], None]


class ActionDialog(QDialog):
    """A form above its error line, OK and Annuleren; OK sends ``job()`` through ``run``."""

    def __init__(self, run: Run, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.run = run
        self.answer: Any = None
        self.form = QFormLayout()
        self.error = QLabel()
        self.error.setObjectName("teamActionError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a4262c")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        self.buttons.accepted.connect(self.send)
        self.buttons.rejected.connect(self.reject)
        self._progress = QTimer(self, singleShot=True, interval=PROGRESS_AFTER_MS)
        self._progress.timeout.connect(lambda: self.error.setText(self.tr("Bezig…")))
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def job(self) -> Job:
        """The request to send; raises RegiedeskError for what the form itself refuses."""
        raise NotImplementedError

    def send(self) -> None:
        try:
            job = self.job()
        except RegiedeskError as refused:
            self.error.setText(refused.message)
            return
        self.error.clear()
        self.ok.setEnabled(False)
        self._progress.start()
        self.run(job, self._done, self._failed)

    def _done(self, answer: Any) -> None:
        self._progress.stop()
        self.answer = answer
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._progress.stop()
        self.ok.setEnabled(True)
        text = error.message if isinstance(error, RegiedeskError) else None
        self.error.setText(
            text
            or self.tr(
                "Dit lukte niet door een onverwachte fout. Probeer het opnieuw; lukt het dan "
                "nog niet, neem contact op met de ICT-afdeling."
            )
        )


def _people(combo: QComboBox, people: list[str], leave_out: str | None = None) -> None:
    for person in people:
        if person != leave_out:
            combo.addItem(person, person)


class RegisterFamilyDialog(ActionDialog):
    """A new family, registered and assigned to a caseworker of the team."""

    def __init__(
        self, run: Run, caseworkers: list[str], today: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__(run, parent)
        self.setObjectName("teamRegisterDialog")
        self.setWindowTitle(self.tr("Nieuw gezin aanmelden"))
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Naam van het gezin"))
        self.name.setPlaceholderText(self.tr("Gezin ..."))
        self.caseworker = QComboBox()
        self.caseworker.setAccessibleName(self.tr("Regisseur"))
        _people(self.caseworker, caseworkers)
        self.start = date_edit(self.tr("Startdatum"), today)
        self.form.addRow(self.tr("&Naam:"), self.name)
        self.form.addRow(self.tr("&Regisseur:"), self.caseworker)
        self.form.addRow(self.tr("&Startdatum:"), self.start)
        self.ok.setText(self.tr("Aanmelden"))
        self.name.setFocus()

    def job(self) -> Job:
        name, who = self.name.text().strip(), self.caseworker.currentData()
        start = date_of(self.start)
        if not name:
            raise TeamFormIncomplete("Vul de naam van het gezin in.", "Fill in the family's name.")
        if who is None:
            raise TeamFormIncomplete(
                "Er is geen regisseur in uw team om het gezin aan toe te wijzen.",
                "There is no caseworker in your team to assign the family to.",
            )
        return lambda client: client.register_family(name, who, start)


class HandoverDialog(ActionDialog):
    """A family handed over to another caseworker of the team."""

    def __init__(
        self, run: Run, family: p.TeamFamily, caseworkers: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(run, parent)
        self.setObjectName("teamHandoverDialog")
        self.family = family
        self.setWindowTitle(self.tr("Gezin overdragen"))
        self.caseworker = QComboBox()
        self.caseworker.setAccessibleName(self.tr("Nieuwe regisseur"))
        _people(self.caseworker, caseworkers, leave_out=family["caseworker"])
        self.form.addRow(self.tr("Gezin:"), QLabel(family["name"]))
        self.form.addRow(self.tr("Nu bij:"), QLabel(family["caseworker"]))
        self.form.addRow(self.tr("&Naar regisseur:"), self.caseworker)
        hint = QLabel(
            self.tr(
                "De hele geschiedenis van het gezin gaat mee. Wat de huidige regisseur al "
                "deed, blijft bewaard; diens laptop verwijdert het gezin bij de volgende "
                "synchronisatie."
            )
        )
        hint.setWordWrap(True)
        self.form.addRow(hint)
        self.ok.setText(self.tr("Overdragen"))
        self.caseworker.setFocus()

    def job(self) -> Job:
        family, who = self.family["family_id"], self.caseworker.currentData()
        if who is None:
            raise TeamFormIncomplete(
                "Er is geen andere regisseur in uw team om het gezin aan over te dragen.",
                "There is no other caseworker in your team to hand the family over to.",
            )
        return lambda client: client.hand_over(family, who)


class StandInDialog(ActionDialog):
    """A colleague stands in for a family from one date to another."""

    def __init__(
        self,
        run: Run,
        family: p.TeamFamily,
        caseworkers: list[str],
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(run, parent)
        self.setObjectName("teamStandInDialog")
        self.family = family
        self.setWindowTitle(self.tr("Waarneming regelen"))
        self.caseworker = QComboBox()
        self.caseworker.setAccessibleName(self.tr("Waarnemer"))
        _people(self.caseworker, caseworkers, leave_out=family["caseworker"])
        self.start = date_edit(self.tr("Eerste dag"), today)
        self.end = date_edit(self.tr("Laatste dag"), today + dt.timedelta(days=14))
        self.form.addRow(self.tr("Gezin:"), QLabel(family["name"]))
        self.form.addRow(self.tr("Regisseur:"), QLabel(family["caseworker"]))
        self.form.addRow(self.tr("&Waarnemer:"), self.caseworker)
        self.form.addRow(self.tr("&Eerste dag:"), self.start)
        self.form.addRow(self.tr("&Laatste dag:"), self.end)
        self.ok.setText(self.tr("Waarneming vastleggen"))
        self.caseworker.setFocus()

    def job(self) -> Job:
        family, who = self.family["family_id"], self.caseworker.currentData()
        start, end = date_of(self.start), date_of(self.end)
        if who is None:
            raise TeamFormIncomplete(
                "Er is geen andere regisseur in uw team die kan waarnemen.",
                "There is no other caseworker in your team who can stand in.",
            )
        if end < start:
            raise TeamFormIncomplete(
                "De laatste dag ligt vóór de eerste dag. Pas de data aan.",
                "The last day is before the first day. Change the dates.",
            )
        return lambda client: client.add_stand_in(family, who, start, end)


class EndStandInDialog(ActionDialog):
    """One of a family's stand-ins ended early: yesterday is its last day."""

    def __init__(self, run: Run, family: p.TeamFamily, parent: QWidget | None = None) -> None:
        super().__init__(run, parent)
        self.setObjectName("teamEndStandInDialog")
        self.setWindowTitle(self.tr("Waarneming beëindigen"))
        self.stand_in = QComboBox()
        self.stand_in.setAccessibleName(self.tr("Waarneming"))
        for s in family["stand_ins"]:
            start, end = dt.date.fromisoformat(s["start"]), dt.date.fromisoformat(s["end"])
            self.stand_in.addItem(f"{s['user']} {date_text(start)}–{date_text(end)}", s["id"])
        self.form.addRow(self.tr("Gezin:"), QLabel(family["name"]))
        self.form.addRow(self.tr("&Waarneming:"), self.stand_in)
        hint = QLabel(self.tr("De waarneming stopt nu: gisteren was de laatste dag."))
        hint.setWordWrap(True)
        self.form.addRow(hint)
        self.ok.setText(self.tr("Beëindigen"))
        self.stand_in.setFocus()

    def job(self) -> Job:
        chosen = self.stand_in.currentData()
        if chosen is None:
            raise TeamFormIncomplete(
                "Dit gezin heeft geen waarneming om te beëindigen.",
                "This family has no stand-in to end.",
            )
        return lambda client: client.end_stand_in(chosen)
