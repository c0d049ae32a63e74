"""Wie zag of wijzigde dit gezin: the family's access overview for the caseworker who holds
it, from the central trail and this laptop's events not yet sent (``sync.family_trail``).
It runs on the network thread (it asks the server); looking is logged there and here."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..sync.family_trail import FamilyTrail, family_trail, summary
from .context import AppContext
from .messages import show_error
from .sync import SyncController
from .translations import QT_TRANSLATE_NOOP
from .workspace.base import date_edit, fill, shown_date, table

EVENTS = {
    "create": QT_TRANSLATE_NOOP("TrailDialog", "aangemaakt"),
    "read": QT_TRANSLATE_NOOP("TrailDialog", "ingezien"),
    "update": QT_TRANSLATE_NOOP("TrailDialog", "gewijzigd"),
    "delete": QT_TRANSLATE_NOOP("TrailDialog", "verwijderd"),
    "print": QT_TRANSLATE_NOOP("TrailDialog", "afgedrukt"),
    "export": QT_TRANSLATE_NOOP("TrailDialog", "geëxporteerd"),
    "search": QT_TRANSLATE_NOOP("TrailDialog", "gezocht"),
    "transfer": QT_TRANSLATE_NOOP("TrailDialog", "gesynchroniseerd"),
}
DEFAULT_DAYS = 365


def event_text(event: str) -> str:
    return QCoreApplication.translate("TrailDialog", EVENTS.get(event, event))


class TrailDialog(QDialog):
    def __init__(
        self,
        context: AppContext,
        sync: SyncController,
        family_id: str,
        name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context, self.sync, self.family_id = context, sync, family_id
        self.trail: FamilyTrail | None = None
        self.setWindowTitle(self.tr("Wie zag of wijzigde {0}").format(name))
        today = context.today()
        self.start = date_edit(self.tr("Vanaf"), today - dt.timedelta(days=DEFAULT_DAYS))
        self.end = date_edit(self.tr("Tot en met"), today)
        self.show_button = QPushButton(self.tr("&Tonen"))
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.people = table(4)
        self.people.setAccessibleName(self.tr("Per gebruiker"))
        self.people.setHorizontalHeaderLabels(
            [self.tr("Gebruiker"), self.tr("Ingezien"), self.tr("Gewijzigd"), self.tr("Laatst")]
        )
        self.events = table(6)
        self.events.setAccessibleName(self.tr("Gebeurtenissen"))
        self.events.setHorizontalHeaderLabels(
            [
                self.tr("Moment (UTC)"), self.tr("Handeling"), self.tr("Gebruiker"),
                self.tr("Namens"), self.tr("Apparaat"), self.tr("Wat"),
            ]
        )  # fmt: skip
        period = QHBoxLayout()
        for widget in (QLabel(self.tr("Periode:")), self.start, self.end, self.show_button):
            period.addWidget(widget)
        period.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Sluiten"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(period)
        layout.addWidget(self.source)
        layout.addWidget(self.people, 1)
        layout.addWidget(self.events, 3)
        layout.addWidget(buttons)
        self.show_button.clicked.connect(self.load)
        self.resize(900, 600)

    def load(self) -> None:
        family, start, end = self.family_id, shown_date(self.start), shown_date(self.end)
        self.source.setText(self.tr("Bezig met ophalen..."))

        def work(store: Any, factory: Any) -> FamilyTrail:
            return family_trail(store, family, start, end, client_factory=factory)

        self.sync.with_server(work, self._loaded)

    def _loaded(self, value: FamilyTrail | BaseException) -> None:
        if not self.isVisible():
            return
        if isinstance(value, BaseException):
            self.source.setText("")
            show_error(self, value)
            return
        self.trail = value
        self.source.setText(
            self.tr("Uit het centrale logboek van de organisatie en van deze laptop.")
            if value.central
            else self.tr(
                "Alleen van deze laptop: de server was niet bereikbaar of kent dit gezin "
                "(nog) niet. Synchroniseer en probeer het opnieuw voor het hele overzicht."
            )
        )
        fill(
            self.people,
            [
                [str(s["user"]), str(s["reads"]), str(s["changes"]), str(s["last"])[:19]]
                for s in summary(value.rows)
            ],
        )
        fill(
            self.events,
            [
                [
                    r.at[:19].replace("T", " "), event_text(r.event), r.user,
                    r.responsible_user if r.responsible_user != r.user else "",
                    r.device if r.central else self.tr("deze laptop (nog niet verstuurd)"),
                    ", ".join(r.objects),
                ]
                for r in value.rows
            ],
        )  # fmt: skip
