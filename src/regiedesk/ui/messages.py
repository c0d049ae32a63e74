"""Showing errors: readable, in the interface language, never blocking, never with client data."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from ..errors import RegiedeskError

log = logging.getLogger(__name__)


def error_text(error: BaseException) -> str:
    if isinstance(error, RegiedeskError):
        return error.message
    return QCoreApplication.translate(
        "messages",
        "Er ging iets mis ({0}). Wat u typte is bewaard. Probeer het opnieuw; blijft het "
        "misgaan, neem dan contact op met de ICT-afdeling.",
    ).format(type(error).__name__)


def show_error(parent: QWidget | None, error: BaseException) -> QMessageBox:
    """A non-blocking message box; the form behind it keeps what the user typed."""
    log.warning("shown to the user: %s", type(error).__name__)
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("messages", "Niet gelukt"),
        error_text(error),
        parent=parent,
    )
    box.setAccessibleName(QCoreApplication.translate("messages", "Foutmelding"))
    box.open()
    return box


def show_info(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=parent)
    box.open()
    return box
