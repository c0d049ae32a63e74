"""Small dialogs: a new family, settings, about."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..domain.instruments import available_instruments, load_instrument
from ..domain.vocabulary import FamilyStatus
from .settings import Settings
from .workspace.base import date_edit, date_of


def lay_out_form(dialog: QDialog, form: QFormLayout, ok_text: str | None) -> None:
    """The form above OK and Annuleren (Enter accepts, Escape cancels)."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    if ok_text is not None:
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    cancel = QCoreApplication.translate("FormDialog", "Annuleren")
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(buttons)


class NewFamilyDialog(QDialog):
    def __init__(self, today, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.setWindowTitle(self.tr("Nieuw gezin"))
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Naam van het gezin"))
        self.name.setPlaceholderText(self.tr("Gezin ..."))
        self.status = QComboBox()
        self.status.setAccessibleName(self.tr("Status"))
        for status in (FamilyStatus.REGISTERED, FamilyStatus.ACTIVE):
            self.status.addItem(status.label(), status.value)
        self.start = date_edit(self.tr("Startdatum"), today)
        form = QFormLayout()
        form.addRow(self.tr("&Naam:"), self.name)
        form.addRow(self.tr("&Status:"), self.status)
        form.addRow(self.tr("S&tartdatum:"), self.start)
        lay_out_form(self, form, self.tr("Gezin maken"))

    def values(self) -> tuple[str, str, dt.date]:
        return self.name.text(), str(self.status.currentData()), date_of(self.start)


def fixed_by_organisation(widget: QWidget, text: str) -> QWidget:
    """``widget`` greyed out beside ``text`` ("ingesteld door uw organisatie")."""
    widget.setEnabled(False)
    widget.setToolTip(text)
    widget.setAccessibleDescription(text)
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(widget, 1)
    note = QLabel(text)
    note.setEnabled(False)  # drawn in the disabled colour, like the value beside it
    layout.addWidget(note)
    return row


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Instellingen"))
        self.language = QComboBox()
        self.language.addItem("Nederlands", "nl")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.language.setAccessibleName(self.tr("Taal"))
        self.idle = QSpinBox()
        self.idle.setRange(1, 120)
        self.idle.setSuffix(self.tr(" minuten"))
        self.idle.setValue(settings.idle_lock_minutes)
        self.idle.setAccessibleName(self.tr("Vergrendelen na minuten zonder gebruik"))
        self.instrument = QComboBox()
        for code in available_instruments():
            self.instrument.addItem(load_instrument(code).name(), code)
        self.instrument.setCurrentIndex(max(0, self.instrument.findData(settings.instrument)))
        self.instrument.setAccessibleName(self.tr("Instrument"))
        folder = QLabel(str(data_dir))
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        folder.setAccessibleName(self.tr("Gegevensmap"))
        fixed = self.tr("ingesteld door uw organisatie")

        def row(widget: QWidget, setting: str) -> QWidget:
            return fixed_by_organisation(widget, fixed) if settings.fixed(setting) else widget

        form = QFormLayout()
        if settings.organisation.name:
            form.addRow(self.tr("Organisatie:"), QLabel(settings.organisation.name))
        form.addRow(self.tr("&Taal:"), self.language)
        form.addRow(self.tr("&Vergrendelen na:"), row(self.idle, "idle_lock_minutes"))
        form.addRow(self.tr("&Instrument:"), row(self.instrument, "instrument"))
        form.addRow(self.tr("Gegevensmap (versleuteld):"), folder)
        lay_out_form(self, form, None)


class ConnectDialog(QDialog):
    """Register this profile with the organisation's server (like `regiedesk connect`)."""

    def __init__(
        self, server_url: str, parent: QWidget | None = None, *, server_fixed: bool = False
    ) -> None:
        """With ``server_fixed`` (the organisation file sets the server) only the user name
        and password are asked (and the code, for those who need one)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Koppelen met de server"))
        self.server = QLineEdit(server_url)
        self.server.setAccessibleName(self.tr("Adres van de server"))
        self.server.setPlaceholderText("https://regiedesk.organisatie.nl")
        self.user = QLineEdit()
        self.user.setAccessibleName(self.tr("Gebruikersnaam"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Wachtwoord voor de server"))
        self.code = QLineEdit()
        self.code.setAccessibleName(self.tr("Code uit de authenticator-app"))
        self.code.setPlaceholderText(self.tr("alleen voor teamleiders en beheerders"))
        for field in (self.server, self.code):  # wide enough to show the hint in full
            hint = field.fontMetrics().horizontalAdvance(field.placeholderText())
            field.setMinimumWidth(hint + 24)
        form = QFormLayout()
        if server_fixed:
            self.server.setParent(self)
            self.server.hide()
        else:
            form.addRow(self.tr("&Server:"), self.server)
        form.addRow(self.tr("&Gebruikersnaam:"), self.user)
        form.addRow(self.tr("&Wachtwoord:"), self.password)
        form.addRow(self.tr("&Code:"), self.code)
        lay_out_form(self, form, self.tr("&Koppelen"))
        (self.user if server_url or server_fixed else self.server).setFocus()

    def values(self) -> tuple[str, str, str, str | None]:
        code = self.code.text().strip()
        return (
            self.server.text().strip(),
            self.user.text().strip(),
            self.password.text(),
            code or None,
        )


def about_text(data_dir: Path, tr: Callable[[str], str]) -> str:
    return tr(
        "<h3>regiedesk {0}</h3><p>Eén gezin, één plan, één regisseur.</p>"
        "<p>Uw gegevens staan versleuteld (SQLCipher 4, AES-256) in:<br><tt>{1}</tt></p>"
        "<p>De gebruikershandleiding opent met F1 (menu Help, Handleiding).</p>"
    ).format(__version__, data_dir)
