"""The team leader's figures, fetched from the server and cached in the encrypted profile.

A team leader reads the last fetched figures offline, with the time they date from.
Fetching (``fetch_team``) is network work for the network thread; keeping and reading
the cache (``TeamService``) is store work for the database thread. The cache holds only
what the server sends a team leader: figures and family names, never client text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..sync import protocol as p
from .base import Service

if TYPE_CHECKING:
    from ..reports.inputs import TeamInput
    from ..sync.client import TeamClient

CACHE_KEY = "team_cache"
STAND_INS_KEY = "stand_ins"  # written by the sync engine (``sync.client.STAND_INS_KEY``)


@dataclass(frozen=True)
class TeamSnapshot:
    """One fetch: the overview and every family's page, as the server sent them."""

    overview: p.TeamOverview
    pages: dict[str, p.FamilyPage]

    @property
    def fetched_at(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.overview["as_of"])

    @property
    def period(self) -> tuple[dt.date, dt.date]:
        return (
            dt.date.fromisoformat(self.overview["start"]),
            dt.date.fromisoformat(self.overview["end"]),
        )

    def report_input(self) -> TeamInput:
        """The Teamrapportage's input (``reports.render_team``) from these figures: the
        caseworker fields carry the overview's names, so they are copied as they are."""
        from ..reports.inputs import CaseworkerFigures, TeamInput, WeekTotal

        names = {f.name for f in dataclasses.fields(CaseworkerFigures)}
        start, end = self.period
        return TeamInput(
            teams=tuple(self.overview["teams"]),
            start=start,
            end=end,
            caseworkers=tuple(
                CaseworkerFigures(**{k: v for k, v in c.items() if k in names})  # type: ignore[arg-type]
                for c in self.overview["caseworkers"]
            ),
            figures_date=self.fetched_at,
            closures_by_reason=dict(self.overview["team"]["closures_by_reason"]),
            team_weeks=tuple(
                WeekTotal(dt.date.fromisoformat(w["monday"]), w["minutes"])
                for w in self.overview["team"]["weeks"]
            ),
        )

    def families_of(self, caseworker: str | None) -> list[p.TeamFamily]:
        rows = self.overview["families"]
        return [r for r in rows if caseworker is None or r["caseworker"] == caseworker]


def fetch_team(
    client: TeamClient, start: dt.date, end: dt.date, caseworker: str | None = None
) -> TeamSnapshot:
    """The figures of the period from the server, each family's page with them."""
    overview = client.overview(start, end, caseworker)
    pages = {
        row["family_id"]: client.family_page(row["family_id"], start, end)
        for row in overview["families"]
    }
    return TeamSnapshot(overview, pages)


@dataclass(frozen=True)
class StandInLine:
    """A stand-in as a caseworker sees it: ``held`` when they stand in themselves."""

    family_id: str
    family_name: str
    user: str
    start: dt.date
    end: dt.date
    held: bool


class TeamService(Service):
    def list_stand_ins(self) -> list[StandInLine]:
        """The stand-ins of the last sync, for and by this caseworker, with family names."""
        raw = self.store.meta(STAND_INS_KEY)
        if not raw:
            return []
        me = self.store.meta("user")
        lines = []
        for s in json.loads(raw):
            rows = self.store.query(
                "SELECT name FROM families WHERE id = ? AND deleted = 0", (s["family_id"],)
            )
            if rows:
                lines.append(
                    StandInLine(
                        s["family_id"],
                        str(rows[0]["name"]),
                        s["user"],
                        dt.date.fromisoformat(s["start"]),
                        dt.date.fromisoformat(s["end"]),
                        held=s["user"] == me,
                    )
                )
        return lines

    def keep(self, snapshot: TeamSnapshot) -> None:
        """Replace the cached figures (in the encrypted profile)."""
        self.store.set_meta(
            CACHE_KEY, json.dumps({"overview": snapshot.overview, "pages": snapshot.pages})
        )

    def cached(self) -> TeamSnapshot | None:
        """The last fetched figures; None before the first fetch."""
        raw = self.store.meta(CACHE_KEY)
        if not raw:
            return None
        kept = json.loads(raw)
        return TeamSnapshot(kept["overview"], kept["pages"])
