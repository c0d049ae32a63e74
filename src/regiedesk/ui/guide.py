"""The user guide shipped with the app (F1), rendered from docs/gebruikershandleiding.md
by tools/build_guide.py. It is Dutch; in English the window says so above it."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from PySide6.QtCore import QEvent, QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from .. import i18n

PAGE = "gebruikershandleiding.html"


def guide_file() -> Path:
    return Path(str(resources.files("regiedesk") / "resources" / "guide" / PAGE))


class GuideWindow(QDialog):
    """Not modal: the guide stays open beside the work. It holds no client data."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        path = guide_file()
        if path.is_file():
            self.browser.setSource(QUrl.fromLocalFile(str(path)))
        self.missing = not path.is_file()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.retranslate()
        self.resize(820, 720)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Handleiding"))
        self.browser.setAccessibleName(self.tr("Handleiding"))
        self.close_button.setText(self.tr("&Sluiten"))
        if self.missing:
            self.note.setText(
                self.tr(
                    "De handleiding ontbreekt in deze installatie. Installeer regiedesk "
                    "opnieuw of vraag de ICT-afdeling om de handleiding."
                )
            )
        else:
            self.note.setText(self.tr("De handleiding is alleen in het Nederlands beschikbaar."))
        self.note.setVisible(self.missing or i18n.current_language() != "nl")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
