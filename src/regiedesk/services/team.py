"""The team leader's figures, fetched from the server and cached in the encrypted profile.

A team leader reads the last fetched figures offline, with the time they date from.
Fetching (``fetch_team``) is network work for the network thread; keeping and reading
the cache (``TeamService``) is store work for the database thread. The cache holds only
what the server sends a team leader: figures and family names, never client text.

The cache is one meta value for the overview (``OVERVIEW_KEY``) and one per family page
(``PAGE_PREFIX`` and the family's id): the workspace paints from the overview, and a
page is decoded only when its family is opened (``FamilyPages``). A profile cached before
(the whole snapshot as one value, ``OLD_CACHE_KEY``) is read once and written again in
this layout; a cache that cannot be read is dropped and fetched again, never shown as an
error.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import RegiedeskError
from .base import Service

if TYPE_CHECKING:
    from ..reports.inputs import TeamInput
    from ..sync import protocol as p
    from ..sync.client import TeamClient

OVERVIEW_KEY = "team_overview"
PAGE_PREFIX = "team_page:"  # and the family's id: one meta value per family page
# every key with the prefix sorts from PAGE_PREFIX up to below this
_PAGES_END = PAGE_PREFIX[:-1] + chr(ord(PAGE_PREFIX[-1]) + 1)
OLD_CACHE_KEY = "team_cache"  # the layout before: overview and pages as one JSON value
STAND_INS_KEY = "stand_ins"  # written by the sync engine (``sync.client.STAND_INS_KEY``)

log = logging.getLogger(__name__)


class FamilyPages(Mapping[str, "p.FamilyPage"]):
    """The families' pages of a cached snapshot, by family id: each kept as the JSON text
    read from the cache and decoded when it is first asked for (the family opened).
    Without texts (``pending``) until ``fill``: the workspace reads them after its first
    paint (``TeamService.cached(pages=False)``, then ``cached_pages``)."""

    def __init__(self, texts: Mapping[str, str] | None) -> None:
        self._texts = {} if texts is None else dict(texts)
        self.pending = texts is None
        self._decoded: dict[str, p.FamilyPage] = {}

    def fill(self, texts: Mapping[str, str]) -> None:
        """The texts of pending pages, read after the overview (once; later calls: none)."""
        if self.pending:
            self._texts, self.pending = dict(texts), False

    def __getitem__(self, family: str) -> p.FamilyPage:
        page = self._decoded.get(family)
        if page is None:
            try:
                page = json.loads(self._texts[family])
            except ValueError:  # a damaged page: as if not cached (the next fetch has it)
                log.warning("a cached family page could not be read; it is left out")
                raise KeyError(family) from None
            self._decoded[family] = page
        return page

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)

    def __contains__(self, family: object) -> bool:
        return family in self._texts

    @property
    def decoded(self) -> frozenset[str]:
        """The families whose page has been decoded so far."""
        return frozenset(self._decoded)

    def text(self, family: str) -> str:
        """The page as it was cached, not decoded and encoded again."""
        return self._texts[family]


@dataclass(frozen=True)
class TeamSnapshot:
    """One fetch: the overview and every family's page, as the server sent them (read
    from the cache: ``FamilyPages``, decoded one by one when opened)."""

    overview: p.TeamOverview
    pages: Mapping[str, p.FamilyPage]

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
        """Replace the cached figures (in the encrypted profile): the overview and each
        family's page as meta values of their own; the pages of families no longer in the
        figures, and a cache of the old layout, are removed."""
        pages = snapshot.pages
        if isinstance(pages, FamilyPages) and pages.pending:
            pages.fill(self.cached_pages())
        if isinstance(pages, FamilyPages):  # read from the cache: kept as they were read
            texts = {PAGE_PREFIX + f: pages.text(f) for f in pages}
        else:
            texts = {PAGE_PREFIX + f: json.dumps(page) for f, page in pages.items()}
        self.store.set_metas({**texts, OVERVIEW_KEY: json.dumps(snapshot.overview)})
        # after the new values are in: a stop in between leaves pages nothing points to
        self.store.write_local(
            "DELETE FROM meta WHERE key = ? OR (key >= ? AND key < ?"
            " AND key NOT IN (SELECT value FROM json_each(?)))",
            (OLD_CACHE_KEY, PAGE_PREFIX, _PAGES_END, json.dumps(list(texts))),
        )

    def cached(self, *, pages: bool = True) -> TeamSnapshot | None:
        """The last fetched figures; None before the first fetch, or when the cache cannot
        be read (it is dropped then, and the workspace fetches the figures again). Only the
        overview is decoded here; a family's page when it is opened. ``pages=False``: the
        pages' texts are not read either (pending, for ``cached_pages``)."""
        overview = self.store.meta(OVERVIEW_KEY)
        if overview is None:
            return self._cached_in_old_layout()
        texts = self.cached_pages() if pages else None
        snapshot = _readable(lambda: TeamSnapshot(json.loads(overview), FamilyPages(texts)))
        if snapshot is None:
            self._drop_cache()
        return snapshot

    def cached_pages(self) -> dict[str, str]:
        """Each cached family page as its JSON text, by family id (decoded when opened)."""
        rows = self.store.query(
            "SELECT key, value FROM meta WHERE key >= ? AND key < ?", (PAGE_PREFIX, _PAGES_END)
        )
        return {str(r["key"])[len(PAGE_PREFIX) :]: str(r["value"]) for r in rows}

    def _cached_in_old_layout(self) -> TeamSnapshot | None:
        """A cache written before the per-page layout: read whole once, and kept again in
        the new layout (so the next start decodes only the overview)."""
        raw = self.store.meta(OLD_CACHE_KEY)
        if not raw:
            return None

        def read() -> TeamSnapshot:
            kept = json.loads(raw)
            return TeamSnapshot(kept["overview"], dict(kept["pages"]))

        snapshot = _readable(read)
        if snapshot is None:
            self._drop_cache()
            return None
        try:
            self.keep(snapshot)
        except RegiedeskError as error:  # the figures are readable all the same
            log.warning("the cached team figures stay in the old layout: %s", type(error).__name__)
        return snapshot

    def _drop_cache(self) -> None:
        log.warning("the cached team figures could not be read; they are fetched again")
        self.store.write_local(
            "DELETE FROM meta WHERE key IN (?, ?) OR (key >= ? AND key < ?)",
            (OVERVIEW_KEY, OLD_CACHE_KEY, PAGE_PREFIX, _PAGES_END),
        )


def _readable(read: Callable[[], TeamSnapshot]) -> TeamSnapshot | None:
    """The snapshot ``read`` makes, if its overview holds what the workspace shows first
    (the time it dates from, the period, the caseworkers, the families); else None."""
    try:
        snapshot = read()
        snapshot.fetched_at, snapshot.period  # noqa: B018
        overview = snapshot.overview
        if not isinstance(overview["caseworkers"], list) or not isinstance(
            overview["families"], list
        ):
            return None
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    return snapshot
