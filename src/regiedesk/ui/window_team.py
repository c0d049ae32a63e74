"""Part of the main window: a team leader's profile opens the team workspace (issue 10)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .window_parts import WindowBase

if TYPE_CHECKING:
    from ..reports import Letterhead
    from ..services.team import TeamSnapshot
    from ..sync.client import TeamClient
    from .team.workspace import TeamWorkspace

TeamLogin = tuple[str, str]  # the server's address and the device token


class TeamMixin(WindowBase):
    """A team leader sees the team workspace where a caseworker sees the caseload; their
    device does not sync a caseload (the server refuses it that)."""

    team: TeamWorkspace | None = None

    def open_team(self, login: TeamLogin) -> None:
        # httpx and the reports (reportlab) load on first use, on the network and the
        # database thread: the workspace shows its cached figures without them
        from .team.workspace import TeamWorkspace

        url, token = login

        def fetch(start: dt.date, end: dt.date, caseworker: str | None) -> TeamSnapshot:
            from ..services.team import fetch_team
            from ..sync.client import TeamClient

            client = TeamClient(url, token)  # on the workspace's network thread
            try:
                return fetch_team(client, start, end, caseworker)
            finally:
                client.close()

        def act(job: Callable[[TeamClient], Any]) -> Any:
            from ..sync.client import TeamClient

            client = TeamClient(url, token)  # on the workspace's network thread
            try:
                return job(client)
            finally:
                client.close()

        def letterhead() -> Letterhead:
            from ..reports import Letterhead

            return Letterhead(organisation.name, organisation.logo)

        assert self.context.services is not None
        organisation = self.context.settings.organisation
        self.team = TeamWorkspace(
            self.context.services,
            self.context.worker,
            fetch,
            act=act,
            letterhead=letterhead,
            protected=(self.context.data_dir,),
        )
        self.team.f5.setEnabled(False)  # the window's F5 (refresh_current) refreshes it
        self.pages.addWidget(self.team)
        self.pages.setCurrentWidget(self.team)
        self.team.team_table.setFocus()

    def close_team(self) -> None:
        if self.team is None:
            return
        self.team.shutdown()
        self.pages.removeWidget(self.team)
        self.team.deleteLater()
        self.team = None
