"""Issue 10, 5: the team leader's cached figures, one meta value for the overview and one
per family page, over a real server's answers and a real encrypted profile.

The workspace paints from the overview; a family's page is decoded when it is opened. A
profile cached in the old layout (the whole snapshot as one value) still opens and is
written again in the new one; a cache that cannot be read is dropped, never an error.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from regiedesk.services import Services
from regiedesk.services.team import (
    OLD_CACHE_KEY,
    OVERVIEW_KEY,
    PAGE_PREFIX,
    FamilyPages,
    TeamSnapshot,
    fetch_team,
)
from regiedesk.store import Store, create_profile, open_profile
from regiedesk.sync.client import TeamClient

from .conftest import FAST_KDF, TODAY
from .server.conftest import serving
from .server.demo_team import demo_team

PASSPHRASE = "teamleider wachtwoord"
START = TODAY - dt.timedelta(days=90)


@pytest.fixture(scope="module")
def fetched(tmp_path_factory: pytest.TempPathFactory) -> dict[str | None, TeamSnapshot]:
    """The figures of a demo team from a real server: the whole team's, and bert's alone."""
    folder = tmp_path_factory.mktemp("team-server")
    with serving(f"sqlite:///{folder / 'server.db'}") as server:
        leader = demo_team(
            server, ["anna", "bert", "chris"], families=3, today=TODAY, days=120, seed=3
        )
        client = TeamClient(server.url, leader)
        try:
            return {who: fetch_team(client, START, TODAY, who) for who in (None, "bert")}
        finally:
            client.close()


@pytest.fixture
def profile(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "profile"
    create_profile(folder, PASSPHRASE, user="teun", kdf=FAST_KDF).close()
    yield folder


def cache_keys(store: Store) -> set[str]:
    rows = store.query("SELECT key FROM meta WHERE key LIKE 'team%'")
    return {str(r["key"]) for r in rows}


def test_the_overview_and_each_page_are_kept_apart_and_a_page_decodes_when_opened(
    profile: Path, fetched: dict[str | None, TeamSnapshot]
) -> None:
    team = fetched[None]
    families = [f["family_id"] for f in team.overview["families"]]
    assert len(families) == 9 and set(team.pages) == set(families)
    with open_profile(profile, PASSPHRASE) as store:
        Services.over(store).team.keep(team)
        assert cache_keys(store) == {OVERVIEW_KEY} | {PAGE_PREFIX + f for f in families}
    with open_profile(profile, PASSPHRASE) as store:  # the next start
        cached = Services.over(store).team.cached()
    assert cached is not None
    assert cached.overview == team.overview and cached.fetched_at == team.fetched_at
    pages = cached.pages
    assert isinstance(pages, FamilyPages) and len(pages) == 9
    assert pages.decoded == frozenset()  # nothing decoded before a family is opened
    opened = families[4]
    assert pages[opened] == team.pages[opened]
    assert pages.decoded == {opened}
    assert pages.get("no such family") is None and pages.decoded == {opened}
    assert {f: pages[f] for f in pages} == dict(team.pages)


def test_a_later_fetch_replaces_the_pages_and_drops_those_of_families_not_in_it(
    profile: Path, fetched: dict[str | None, TeamSnapshot]
) -> None:
    team, bert = fetched[None], fetched["bert"]
    with open_profile(profile, PASSPHRASE) as store:
        service = Services.over(store).team
        service.keep(team)
        service.keep(bert)
        held = {f["family_id"] for f in bert.overview["families"]}
        assert len(held) == 3
        assert cache_keys(store) == {OVERVIEW_KEY} | {PAGE_PREFIX + f for f in held}
        cached = service.cached()
        assert cached is not None and set(cached.pages) == held
        # a snapshot read from the cache is kept again as it was read, page for page
        service.keep(cached)
        again = service.cached()
    assert again is not None and again.overview == bert.overview
    assert {f: again.pages[f] for f in again.pages} == dict(bert.pages)


def test_a_cache_of_the_old_layout_still_opens_and_is_kept_in_the_new_one(
    profile: Path, fetched: dict[str | None, TeamSnapshot]
) -> None:
    team = fetched[None]
    with open_profile(profile, PASSPHRASE) as store:  # as the app before kept it
        old = json.dumps({"overview": team.overview, "pages": team.pages})
        store.set_meta(OLD_CACHE_KEY, old)
    with open_profile(profile, PASSPHRASE) as store:
        service = Services.over(store).team
        cached = service.cached()
        assert cached is not None
        assert cached.overview == team.overview and dict(cached.pages) == dict(team.pages)
        families = {PAGE_PREFIX + f for f in team.pages}
        assert cache_keys(store) == {OVERVIEW_KEY} | families  # the old value is gone
        again = service.cached()
    assert again is not None and isinstance(again.pages, FamilyPages)
    assert again.overview == team.overview and again.pages.decoded == frozenset()


@pytest.mark.parametrize(
    ("key", "value"),
    [
        (OLD_CACHE_KEY, "{not json"),
        (OLD_CACHE_KEY, json.dumps({"overview": {"as_of": "gisteren"}, "pages": {}})),
        (OVERVIEW_KEY, "{not json"),
        (OVERVIEW_KEY, json.dumps({"start": "2026-01-01", "end": "2026-02-01"})),
    ],
)
def test_a_cache_that_cannot_be_read_is_dropped_so_the_figures_are_fetched_again(
    profile: Path, key: str, value: str
) -> None:
    with open_profile(profile, PASSPHRASE) as store:
        store.set_metas({key: value, PAGE_PREFIX + "f1": "{}"})
        service = Services.over(store).team
        assert service.cached() is None
        assert cache_keys(store) == set()


def test_a_damaged_page_is_left_out_and_the_others_open(
    profile: Path, fetched: dict[str | None, TeamSnapshot]
) -> None:
    team = fetched[None]
    damaged, fine = list(team.pages)[:2]
    with open_profile(profile, PASSPHRASE) as store:
        service = Services.over(store).team
        service.keep(team)
        store.set_meta(PAGE_PREFIX + damaged, '{"family": ')
        cached = service.cached()
    assert cached is not None
    assert cached.pages.get(damaged) is None
    assert cached.pages.get(fine) == team.pages[fine]


def test_the_overview_can_be_read_first_and_the_pages_after_it(
    profile: Path, fetched: dict[str | None, TeamSnapshot]
) -> None:
    team = fetched[None]
    with open_profile(profile, PASSPHRASE) as store:
        service = Services.over(store).team
        service.keep(team)
        first = service.cached(pages=False)
        assert first is not None and first.overview == team.overview
        pages = first.pages
        assert isinstance(pages, FamilyPages) and pages.pending and len(pages) == 0
        pages.fill(service.cached_pages())
        assert not pages.pending and {f: pages[f] for f in pages} == dict(team.pages)
        # kept again while still pending, its pages are read from the cache, not lost
        pending = service.cached(pages=False)
        assert pending is not None
        service.keep(pending)
        again = service.cached()
    assert again is not None and {f: again.pages[f] for f in again.pages} == dict(team.pages)
