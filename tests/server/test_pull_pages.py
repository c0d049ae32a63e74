"""Paging of the pull: a sparse scope (the server's first look at the log finds too little),
and a laptop that applies several small pages per local transaction while fetching ahead."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from regiedesk.errors import ServerRefused
from regiedesk.services import Services
from regiedesk.store import Store, create_profile
from regiedesk.sync import engine as sync_engine
from regiedesk.sync.client import SyncClient, SyncEngine

from ..conftest import FAST_KDF, TODAY
from .conftest import PASSWORD, Running
from .test_api import mutation, new_family, pull_all, push


def test_a_sparse_scope_gets_every_change_in_order(server: Running) -> None:
    anna, bert = server.device("anna"), server.device("bert")
    mine, theirs = new_family(server, anna, "anna"), new_family(server, bert, "bert")
    expected = []
    for burst in (1, 30, 2, 45, 1, 3):  # anna's changes between long runs of bert's
        ours = [mutation("hours", mine, minutes=5, date="2026-11-24") for _ in range(burst)]
        push(server, anna, *ours)
        expected += [m["mutation_id"] for m in ours]
        theirs_now = [mutation("hours", theirs, minutes=5, date="2026-11-24") for _ in range(21)]
        push(server, bert, *theirs_now)
    for limit in (1, 2, 3, 7, 1000):  # the first look covers 8 pages of the log: 8 to 8,000
        changes, cursor = pull_all(server, anna, limit=limit)
        assert [c["mutation_id"] for c in changes[1:]] == expected, limit
        assert {c["family_id"] for c in changes} == {mine}
        changes = "SELECT value FROM counters WHERE name = 'changes'"
        assert cursor == server.db.query(changes)[0]["value"]


def test_small_pages_applied_in_batches_with_the_cursor(
    server: Running, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = server.device("anna")
    family = new_family(server, token, "anna", name="Gezin Paginas")
    fields = {"date": "2026-11-24", "family_id": family, "activity": "huisbezoek"}
    hours = [
        mutation("hours", family, minutes=10 + i, caseworker="anna", **fields) for i in range(23)
    ]
    update = mutation("hours", family, hours[0]["record_id"], "update", minutes=99)
    update["hlc"] = max(h["hlc"] for h in hours).replace("-0000-", "-0001-")  # a later stamp
    hours.append(update)
    push(server, token, *hours)

    store = create_profile(tmp_path / "laptop", "laptop passphrase", user="anna", kdf=FAST_KDF)
    registrar = SyncClient(server.url)
    answer = registrar.register("anna", PASSWORD, "laptop", None)
    registrar.close()
    client = SyncClient(server.url, answer["token"])
    try:
        _batches_and_cursor(server, store, client, family, hours, monkeypatch)
    finally:
        client.close()
        store.close()


def _older_server(*args: Any, **kwargs: Any) -> Any:
    raise ServerRefused(404, "unknown")  # a server without GET /v1/sync/state


def _batches_and_cursor(
    server: Running,
    store: Store,
    client: SyncClient,
    family: str,
    hours: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_pull = client.pull
    asked: list[int] = []

    def small_pages(since: int, **kwargs: Any) -> Any:
        asked.append(since)
        return real_pull(since, **{**kwargs, "limit": 2})

    monkeypatch.setattr(client, "pull", small_pages)
    monkeypatch.setattr(client, "state", _older_server)  # the log's pages, not the state's
    monkeypatch.setattr(sync_engine, "APPLY_BATCH", 5)
    cursors: list[str | None] = []
    real_apply = sync_engine.apply_page

    def counted(*args: Any, **kwargs: Any) -> int:
        cursors.append(str(kwargs["cursor"]))
        return real_apply(*args, **kwargs)

    monkeypatch.setattr(sync_engine, "apply_page", counted)
    engine = SyncEngine(store, client)
    # cancelled once two batches of three pages are in: the page after them is applied too
    report = engine.sync_once(cancelled=lambda: len(cursors) >= 2)
    assert len(cursors) == 3 and report.pulled == 14  # 7 pages of 2
    assert store.meta("pull_cursor") == cursors[-1]
    assert store.query("SELECT count(*) AS n FROM hours")[0]["n"] == 13
    assert asked == sorted(asked) and len(set(asked)) == len(asked)  # page after page, once
    # pages fetched ahead of the cancel are not applied: the next sync asks for them again
    ahead, asked[:], resume = list(asked), [], int(cursors[-1])
    engine.sync_once()
    assert asked[0] == resume and asked == sorted(asked), (ahead, asked)
    rows = store.query("SELECT id, minutes FROM hours ORDER BY id")
    assert len(rows) == 23
    assert {r["id"]: r["minutes"] for r in rows}[hours[0]["record_id"]] == 99
    high = server.db.query("SELECT value FROM counters WHERE name = 'changes'")[0]["value"]
    assert store.meta("pull_cursor") == str(high)
    services = Services.over(store, today=lambda: TODAY)
    assert services.families.get_family(family).name == "Gezin Paginas"
