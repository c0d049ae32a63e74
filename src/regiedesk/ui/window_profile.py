"""Opening a profile in the main window: create, unlock, practice, and lock."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import DeviceRevoked
from ..paths import os_user
from ..services import Services
from ..store import MIN_PASSPHRASE_LENGTH, create_profile, open_profile, profile_exists
from ..sync.codes import Role
from ..sync.session import (
    is_practice,
    learn_role,
    mark_practice,
    sync_before_unlock,
    wipe_revoked,
)
from .context import PRACTICE_KDF, PRACTICE_PASSPHRASE
from .messages import error_text

if TYPE_CHECKING:
    from ..services.indicators import CaseloadRow
    from .workspace import ResumePoint


from .window_parts import WindowBase

log = logging.getLogger(__name__)


def team_login(store: Any) -> tuple[str, str] | None:
    """The server's address and the device token of a team leader's profile, else None."""
    url, token = store.meta("server_url"), store.meta("device_token")
    if store.meta("server_role") == Role.TEAMLEADER and url and token:
        return str(url), str(token)
    return None


class ProfileMixin(WindowBase):
    """Part of MainWindow: from the start or unlock page to the caseload, and back by a lock."""

    # where the caseworker was when the profile locked (in memory only: ids, no client data)
    _resume_point: tuple[Path | None, ResumePoint] | None = None
    _practice = False  # read where the profile opens, on the database thread

    # --- start, unlock and lock ------------------------------------------------------

    def show_entry_page(self) -> None:
        self.set_unlocked_actions(False)
        if profile_exists(self.context.data_dir):
            self.unlock_page.clear()
            self.pages.setCurrentWidget(self.unlock_page)
            self.unlock_page.passphrase.setFocus()
        else:
            self.start_page.clear()
            self.pages.setCurrentWidget(self.start_page)
            self.start_page.first.setFocus()

    def _opened(self, profile_dir: Path):  # type: ignore[no-untyped-def]
        def done(opened: tuple[Services, list[CaseloadRow]]) -> None:
            services, rows = opened
            self.context.services = services
            self.context.profile_dir = profile_dir
            if self._unlock_page is not None:  # the pages not made yet hold nothing
                self._unlock_page.succeeded()
            if self._start_page is not None:
                self._start_page.clear()
            self.set_unlocked_actions(True)
            self.idle.timer.start()  # its event filter goes on once the caseload shows
            self._timer_due = True
            login, self._team_login = self._team_login, None
            if login is not None:  # a team leader's profile: the team workspace, no caseload
                self.open_team(login)
            else:
                self._to_caseload_page()
                self._caseload_rows(rows)
                self._resume(profile_dir, rows)
            practice, self._practice = self._practice, False
            self.context.practice = practice
            self.show_practice(practice)
            self.show_sync_status(self.sync.status)
            if not practice and login is None:
                self.sync.start(services.store, profile_dir)  # the practice profile never syncs
            self.unlocked.emit()

        return done

    def _resume(self, profile_dir: Path, rows: list[CaseloadRow]) -> None:
        """Back to the family (its tab, its open form) that was open when the profile locked."""
        resume, self._resume_point = self._resume_point, None
        if resume is None or resume[0] != profile_dir:
            return
        point = resume[1]
        if any(r.family_id == point.family_id for r in rows):
            self.open_family(point.family_id)
            if self.workspace is not None:
                self.workspace.resume(point)

    def _services(self, store) -> tuple[Services, list[CaseloadRow]]:  # type: ignore[no-untyped-def]
        """On the database thread: the services, and the caseload that is shown first."""
        services = Services.over(store, today=self.context.today, now=self.context.now)
        try:
            self._practice = is_practice(store)
            self._team_login = team_login(store)
            return services, [] if self._team_login else services.indicators.caseload()
        except BaseException:
            store.close()  # the page that asked says what went wrong; nothing stays open
            raise

    @property
    def passphrase_minimum(self) -> int:
        return self.context.settings.organisation.min_passphrase_length or MIN_PASSPHRASE_LENGTH

    def create_profile(self, passphrase: str, repeated: str) -> None:
        data_dir, kdf, user = self.context.data_dir, self.context.kdf, os_user()
        minimum = self.passphrase_minimum
        recovery = self.context.settings.organisation.recovery_public_key
        self.context.worker.submit(
            lambda: self._services(
                create_profile(
                    data_dir,
                    passphrase,
                    repeated=repeated,
                    user=user,
                    kdf=kdf,
                    min_passphrase_length=minimum,
                    recovery_key=recovery,
                )
            ),
            self._opened(data_dir),
            lambda error: self.start_page.show_error(error_text(error)),
        )

    def unlock(self, passphrase: str) -> None:
        data_dir = self.context.data_dir
        organisation = self.context.settings.organisation
        recovery = organisation.recovery_public_key
        now, client_factory = self.context.now, self.context.sync_client

        def work() -> tuple[Services, list[CaseloadRow]]:
            store = open_profile(data_dir, passphrase, recovery_key=recovery)
            try:  # past the organisation's days without a sync: a sync first
                sync_before_unlock(
                    store, organisation.max_days_without_sync, now(),
                    client_factory=client_factory,
                )  # fmt: skip
                learn_role(store, client_factory=client_factory)  # connected before it was kept
            except DeviceRevoked:
                store.close()
                wipe_revoked(data_dir)  # revoked while away: the copy goes, as at any contact
                raise
            except BaseException:
                store.close()
                raise
            return self._services(store)

        self.context.worker.submit(
            work,
            self._opened(data_dir),
            lambda error: self.unlock_page.failed(error, error_text(error)),
        )

    def open_practice(self) -> None:
        folder = self.context.practice_dir
        today = self.context.today

        old = self.context.old_practice_dir

        def work() -> tuple[Services, list[CaseloadRow]]:
            if not profile_exists(folder) and profile_exists(old):
                folder.parent.mkdir(parents=True, exist_ok=True)
                os.replace(old, folder)  # out of the real profile's folder, once
            if profile_exists(folder):
                store = open_profile(folder, PRACTICE_PASSPHRASE)
                mark_practice(store)  # one made before the mark existed
                return self._services(store)
            from ..demo import generate_demo

            store = create_profile(
                folder, PRACTICE_PASSPHRASE, user="oefenregisseur", kdf=PRACTICE_KDF
            )
            generate_demo(store, today=today())
            return self._services(store)

        self.start_page.set_busy(True)
        self.context.worker.submit(
            work,
            self._opened(folder),
            lambda error: self.start_page.show_error(error_text(error)),
        )

    def lock(self) -> None:
        """Close the store and drop every view and model of client data."""
        if self.context.services is None:
            return
        if self.workspace is not None:
            self._resume_point = (self.context.profile_dir, self.workspace.resume_point())
            self.workspace.flush_drafts()
        self.sync.stop()
        self.close_dialogs()
        self.close_workspace()
        self.close_team()
        if self._caseload_page is not None:
            self._caseload_page.clear()
        self.clear_my_week()
        self.running_timer = None
        self.timer_tick.stop()
        self.refresh_timer_label()
        services, self.context.services = self.context.services, None
        self.context.worker.submit(services.store.close)
        self.idle.watch(False)
        self.context.practice = False
        self.show_practice(False)
        self.show_sync_status(self.sync.status)  # nothing about a profile that is locked
        self.statusBar().clearMessage()  # nor a message about it (F5's, a save's)
        log.info("locked")
        self.show_entry_page()
        page = self._unlock_page  # not made yet: nothing typed in it
        if self.context.profile_dir == self.context.practice_dir and page is not None:
            page.clear()
        self.locked.emit()
