"""The main window's side of sync: status bar, arrivals, a revoke, connecting, set-aside work."""

from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtWidgets import (
    QMessageBox,
)

from ..sync.session import wipe_revoked
from .format import date_text
from .messages import show_error, show_info
from .sync import SyncState, SyncStatus

if TYPE_CHECKING:
    pass


from .window_parts import WindowBase

log = logging.getLogger(__name__)

SET_ASIDE_LINK = "set-aside"


class SyncMixin(WindowBase):
    """Part of MainWindow: what it shows and does when sync reports."""

    # --- sync ----------------------------------------------------------------------------

    def show_sync_status(self, status: SyncStatus) -> None:
        syncing = status.state is SyncState.SYNCING
        self.cancel_sync_button.setVisible(syncing)
        self.act_cancel_sync.setEnabled(syncing)
        if status.state is SyncState.NOT_CONNECTED:
            self._show_not_linked()
            return
        parts = {
            SyncState.SYNCING: self.tr("Synchroniseren..."),
            SyncState.OFFLINE: self.tr("Offline"),
            SyncState.FAILED: self.tr("Synchronisatie mislukt"),
            SyncState.IDLE: self.tr("Gesynchroniseerd"),
        }
        text = parts[status.state]
        if status.state is SyncState.IDLE and status.last_sync is not None:
            local = status.last_sync.astimezone()
            day = "" if local.date() == self.context.today() else date_text(local.date()) + " "
            text += f" {day}{local:%H:%M}"
        if status.waiting:
            text += " · " + (
                self.tr("1 wijziging wacht")
                if status.waiting == 1
                else self.tr("{0} wijzigingen wachten").format(status.waiting)
            )
        if status.conflicts:
            text += " · " + (
                self.tr("1 verslag met twee versies")
                if status.conflicts == 1
                else self.tr("{0} verslagen met twee versies").format(status.conflicts)
            )
        text = html.escape(text)
        if status.set_aside:  # a link: a click shows the work
            count = html.escape(self.tr("{0} geweigerd, bewaard").format(status.set_aside))
            text += f' · <a href="{SET_ASIDE_LINK}">{count}</a>'
        self.sync_label.setText(text)
        self.sync_label.setStyleSheet("color: #a40000" if status.conflicts else "")
        tip = [status.error] if status.error else []
        if status.set_aside:
            tip.append(
                self.tr(
                    "De server weigerde {0} wijziging(en), bijvoorbeeld na een overdracht. Ze "
                    "zijn versleuteld bewaard en staan in een export (regiedesk export); geef "
                    "ze door aan de nieuwe regisseur. Klik om ze te bekijken."
                ).format(status.set_aside)
            )
        self.sync_label.setToolTip("\n".join(tip))

    def _show_not_linked(self) -> None:
        self.sync_label.setStyleSheet("")
        if self.context.practice and self.context.services is not None:
            text = self.tr("Oefenomgeving: synchroniseert nooit")
            tip = self.tr("Wat u in de oefenomgeving vastlegt, blijft op deze laptop.")
        elif self.sync.known:  # read from the open profile, not a team leader's
            text = self.tr("Niet gekoppeld met een server")
            tip = self.not_linked_text()
        else:
            text, tip = "", ""  # locked, or not read yet
        self.sync_label.setText(html.escape(text))
        self.sync_label.setToolTip(tip)

    def not_linked_text(self) -> str:
        return self.tr(
            "Deze laptop is nog niet gekoppeld met de server van uw organisatie: er wordt "
            "niets gesynchroniseerd, wat u vastlegt blijft op deze laptop. Kies Bestand > "
            "Koppelen met de server."
        )

    def say_why_no_sync(self) -> bool:
        """F5 with nothing to sync with: say so, and what to do (True when said)."""
        if self.context.services is None or self.sync.status.state is not SyncState.NOT_CONNECTED:
            return False
        if self.context.practice:
            text = self.tr("De oefenomgeving synchroniseert nooit; de gegevens zijn vernieuwd.")
        elif not self.sync.known:
            return False
        else:
            text = self.tr(
                "Niets gesynchroniseerd: deze laptop is nog niet gekoppeld met de server. Kies "
                "Bestand > Koppelen met de server."
            )
        self.statusBar().showMessage(text, 10_000)
        return True

    def changes_arrived(self, _report: object) -> None:
        """New data from the server: show it, and leave a family that was handed over."""
        workspace = self.workspace
        if workspace is None:
            self.refresh_current()
            return
        family_id = workspace.family_id

        def still_here(exists: bool) -> None:
            if exists:
                self.refresh_current()
            elif self.workspace is workspace:
                self.show_caseload()
                show_info(
                    self,
                    self.tr("Gezin overgedragen"),
                    self.tr(
                        "Dit gezin staat niet meer op uw naam en is van deze laptop gehaald. "
                        "Uw wijzigingen waren al naar de server gestuurd."
                    ),
                )

        self.context.run(
            lambda s: s.families.on_this_device(family_id),
            still_here,
            lambda e: None,
        )

    def device_revoked(self, profile_dir: Path | None) -> None:
        """The administrator revoked this laptop: lock, then remove the profile."""
        self.lock()
        if profile_dir is not None:
            self.context.worker.submit(
                lambda: wipe_revoked(profile_dir), lambda _: self.show_entry_page()
            )
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Apparaat ingetrokken"),
            self.tr(
                "De beheerder heeft deze laptop ingetrokken. De gegevens op deze laptop zijn "
                "gewist; wat al gesynchroniseerd was staat op de server. Neem contact op met "
                "de ICT-afdeling."
            ),
            parent=self,
        )
        box.open()
        self.revoked_box = box

    def open_connect(self) -> None:
        if self.context.services is None:
            return
        if self.context.practice:  # made-up families never go to a server
            from ..errors import PracticeNotConnectable

            show_error(self, PracticeNotConnectable())
            return
        from .dialogs import ConnectDialog

        settings = self.context.settings
        dialog = ConnectDialog(settings.server_url, self, server_fixed=settings.fixed("server_url"))

        def connect() -> None:
            url, user, password, code = dialog.values()
            self.context.settings.server_url = url
            self.sync.connect_device(url, user, password, code)

        dialog.accepted.connect(connect)
        dialog.open()
        self.connect_dialog = dialog

    def _sync_link(self, link: str) -> None:
        if link == SET_ASIDE_LINK:
            self.open_rejected()

    def open_rejected(self) -> None:
        """The changes the server refused, kept on this laptop: look at them, dismiss them."""
        if self.context.services is None:
            return
        from .rejected_dialog import RejectedDialog

        self.close_rejected()
        dialog = RejectedDialog(self.context, self)
        dialog.dismissed.connect(lambda _count: self.sync.recount())
        self.rejected_dialog = dialog
        dialog.open()
        dialog.load()

    def open_trail(self) -> None:
        """Who saw or changed the open family (or the one chosen in the caseload)."""
        family_id = self.chosen_family()
        if family_id is None:
            return
        chosen: str = family_id

        def show(name: str) -> None:
            from .trail_dialog import TrailDialog

            if self.trail_dialog is not None and shiboken6.isValid(self.trail_dialog):
                self.trail_dialog.reject()
            dialog = TrailDialog(self.context, self.sync, chosen, name, self)
            self.trail_dialog = dialog
            dialog.open()
            dialog.load()

        self.context.run(
            lambda s: s.families.get_family(chosen).name, show,
            lambda error: show_error(self, error), owner=self,
        )  # fmt: skip

    def close_rejected(self) -> None:
        """The dialog shows client data: it goes when the profile locks."""
        if self.rejected_dialog is not None:
            self.rejected_dialog.drop()
            self.rejected_dialog = None

    def device_connected(self, error: BaseException | None) -> None:
        if error is None:
            self.statusBar().showMessage(self.tr("Gekoppeld met de server."), 5000)
            return
        if self.connect_dialog is None:  # locked meanwhile: the dialog went with the lock
            show_error(self, error)
            return
        self.connect_dialog.open()  # what was typed is still there
        show_error(self.connect_dialog, error)
