"""A new device's first pull from the server's current state ends exactly as one from the
log: record by record (stamps too), tombstones, destroyed members, what a laptop sets
aside, changes pushed while the pages were read; later pulls go on from the log without
a gap or a change twice. On SQLite and PostgreSQL, over real HTTP."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from typing import Any

import httpx
import pytest

from regiedesk.clock import Stamp, wall_clock_ms
from regiedesk.entities import ENTITY_TABLES
from regiedesk.errors import Offline, ServerRefused
from regiedesk.ids import uuid7
from regiedesk.sync import engine as sync_engine
from regiedesk.sync import protocol as p
from regiedesk.sync.apply import local_checksums
from regiedesk.sync.server import destruction, first_pull

from ..conftest import TODAY
from .conftest import HEADERS, Running
from .test_pulled_bad_changes import hours, inject
from .world import Laptop, assert_converged


def held(laptop: Laptop, families: Sequence[str]) -> dict[str, Any]:
    """Everything a pull leaves on a laptop: every record of these families (the stamps
    as a mapping) and the changes it set aside."""
    found: dict[str, Any] = {t: laptop.rows(t, families) for t in ENTITY_TABLES}
    found["set_aside"] = sorted(
        (r["mutation_id"], r["hlc"], r["entity"], r["record_id"], r["op"], r["data"], r["reason"])
        for r in laptop.store.query("SELECT * FROM rejected_changes")
    )
    return found


def from_log_only(laptop: Laptop) -> None:
    """The laptop meets a server without the current state (an older one): the log."""

    def older(*args: Any, **kwargs: Any) -> p.StatePage:
        raise ServerRefused(404, "unknown")

    laptop.client.state = older  # type: ignore[method-assign]


def paced(laptop: Laptop, limit: int, during: Callable[[int], None]) -> list[p.StatePage]:
    """Small state pages; ``during(n)`` runs after the n-th page was read."""
    pages: list[p.StatePage] = []
    real = laptop.client.state

    def state(
        cursor: int = 0,
        after: p.StatePosition | None = None,
        *,
        family: str | None = None,
        limit_: int = limit,
    ) -> p.StatePage:
        page = real(cursor, after, family=family, limit=limit_)
        pages.append(page)
        during(len(pages))
        return page

    laptop.client.state = state  # type: ignore[method-assign]
    return pages


def push(server: Running, token: str, mutations: list[p.Mutation]) -> None:
    """A push by another of the caseworker's devices, straight over HTTP."""
    with httpx.Client(base_url=server.url, headers=HEADERS, timeout=30) as http:
        answer = http.post(
            "/v1/sync/push",
            json={"mutations": mutations},
            headers={"Authorization": f"Bearer {token}"},
        )
    assert answer.status_code == 200, answer.text
    assert all(r["outcome"] == "accepted" for r in answer.json()["results"]), answer.text


def change(entity: str, record: str, family: str, op: str, **data: Any) -> p.Mutation:
    stamp = Stamp(wall_clock_ms(), 0, "otherdevice").encode()
    return {
        "mutation_id": uuid7(),
        "hlc": stamp,
        "entity": entity,
        "record_id": record,
        "family_id": family,
        "op": p.Op(op),
        "data": data,
    }


def caseload(anna: Laptop) -> tuple[list[str], str]:
    """Four families with a history of edits and removals; the member to destroy."""
    s = anna.services
    families = [s.families.add_family(name=f"Gezin {i}", status="actief").id for i in range(4)]
    doomed = ""
    for n, family in enumerate(families):
        child = s.families.add_member(family, name="Kind", role="kind").id
        s.families.add_member(family, name="Ouder", role="ouder")
        s.plan.add_goal(family, domain="financien", text="Schulden op orde", member_id=child)
        entries = [
            s.hours.add_entry(family, date=TODAY - dt.timedelta(days=d), minutes=30 + d,
                              activity="huisbezoek").id
            for d in range(6)
        ]  # fmt: skip
        s.hours.update_entry(entries[0], minutes=45)
        s.hours.update_entry(entries[0], minutes=50)
        s.hours.remove_entry(entries[1])  # a tombstone
        party = s.network.add_party(family, organisation="GGD", role="arts", involved_from=TODAY)
        s.network.update_party(party.id, organisation="GGD Noord")
        gone = s.network.add_party(family, organisation="School", role="mentor",
                                   involved_from=TODAY)  # fmt: skip
        s.network.remove_party(gone.id)
        note, first = s.notes.add_note(family, title="Verslag", body="begin")
        s.notes.revise_note(note.id, body="later", parent_id=first.id)
        s.families.update_family(family, name=f"Gezin {n} (nieuw)")
        if n == 0:
            doomed = child
    anna.sync()
    return families, doomed


def test_a_first_pull_from_the_state_equals_one_from_the_log(
    server: Running, laptop: Callable[[str], Laptop]
) -> None:
    anna = laptop("anna")
    families, doomed = caseload(anna)
    with server.db.transaction() as tx:  # the member goes, with their goal and history
        destruction.destroy_member(tx, doomed, by="fg", reason="verzoek", exceptions=[])
    # an old server's change that left no trace in the state: the migration names it
    inject(server.db, families[2], "families", {"name": "Eeuwig"}, op="update", hlc="9-0-x")
    with server.db.transaction() as tx:
        tx.execute("DELETE FROM log_only_families")
        first_pull.find_log_only(tx)
    # changes a laptop refuses in the state too (the sync rules; the local schema: a
    # revision of a note that is nowhere): that family is replayed from its log
    inject(server.db, families[3], "hours", hours(families[3], minutes=-5))
    inject(server.db, families[3], "note_revisions", {
        "note_id": uuid7(), "family_id": families[3], "body": "Los", "author": "anna",
        "created_at": "2026-11-24T10:00:00+00:00",
    })  # fmt: skip
    bob = laptop("bob")  # another caseworker's family: in no one's pull here
    bob.services.families.add_family(name="Gezin Bob", status="actief")
    bob.sync()

    hours_of = {
        f: [r["id"] for r in anna.store.query(
            "SELECT id FROM hours WHERE family_id = ? AND deleted = 0 ORDER BY id", (f,))]
        for f in families
    }  # fmt: skip
    pushed: list[p.Mutation] = []

    def meanwhile(page: int) -> None:
        """While the pages are read: the first family (served already) and the second
        (not yet) change, get a new record and lose one."""
        if page != 2:
            return
        first, second = families[0], families[1]
        new = [uuid7(), uuid7()]
        batch = [
            change("hours", hours_of[first][0], first, "update", minutes=11),
            change("hours", hours_of[second][0], second, "update", minutes=12),
            change("hours", hours_of[second][1], second, "delete"),
            change("families", second, second, "update", name="Gezin 1 (tijdens)"),
            *[
                change("hours", record, family, "insert", **hours(family, minutes=13), id=record)
                for record, family in zip(new, (first, second), strict=True)
            ],
        ]
        push(server, anna.token, batch)
        pushed.extend(batch)

    fresh = laptop("anna")
    pages = paced(fresh, 4, meanwhile)
    first_report = fresh.sync()
    assert len(pages) > 5 and pushed, "the first pull went page by page, pushes in between"
    served = {r["family_id"] for page in pages for r in page["records"]}
    assert served == {families[0], families[1], families[3]}  # not Bob's, nor the third
    assert pages[0]["log_only"] == [families[2]]
    cursor = int(fresh.store.meta("pull_cursor") or 0)
    assert cursor >= pages[0]["cursor"] > 0  # the mark read before the state, then the log
    assert first_report.pulled > 0 and first_report.backfilled == 0
    assert first_report.repaired == 0  # the log after the mark came in the same sync

    old = laptop("anna")
    from_log_only(old)
    old.sync()
    anna.sync()
    fresh.sync()  # the log after the mark: what came during the pages comes again
    for other in (old, anna):
        assert held(fresh, families) == held(other, families), other.folder.name
    assert fresh.store.set_aside.count() == 3  # the old server's two, the loose revision
    assert fresh.rows("families", families[2:3]) == old.rows("families", families[2:3])
    for one in (anna, fresh, old):  # the set-aside changes count, as the server's do
        assert local_checksums(one.store, families) == one.client.checksums(families)
    assert_converged(server.db, [anna, fresh, old], families[:1])  # no old server's data

    # later pulls: each change after the cursor once, none missing
    s = anna.services
    s.hours.update_entry(hours_of[families[0]][2], minutes=99)
    s.families.update_family(families[1], name="Gezin 1 (daarna)")
    s.hours.add_entry(families[3], date=TODAY, minutes=20, activity="netwerkoverleg")
    anna.sync()
    since = int(fresh.store.meta("pull_cursor") or 0)
    seen: list[int] = []
    real_pull = fresh.client.pull

    def pull(since_: int, **kwargs: Any) -> p.PullPage:
        page = real_pull(since_, **kwargs)
        seen.extend(c["seq"] for c in page["changes"])
        return page

    fresh.client.pull = pull  # type: ignore[method-assign]
    fresh.sync()
    marks = ", ".join("?" for _ in families)
    logged = server.db.query(
        f"SELECT seq FROM changes WHERE seq > ? AND family_id IN ({marks}) ORDER BY seq",
        (since, *families),
    )
    assert seen == [r["seq"] for r in logged] and len(seen) == 3
    old.sync()
    assert held(fresh, families) == held(old, families) == held(anna, families)


def test_a_family_new_in_scope_comes_from_the_state(
    server: Running, laptop: Callable[[str], Laptop]
) -> None:
    anna, bob = laptop("anna"), laptop("bob")
    family = anna.services.families.add_family(name="Gezin Waarneming", status="actief").id
    entry = anna.services.hours.add_entry(family, date=TODAY, minutes=30, activity="netwerkoverleg")
    anna.services.hours.update_entry(entry.id, minutes=40)
    anna.sync()
    bob.sync()  # a caseload of their own first: not a first pull when the family comes
    assert bob.store.meta("pull_cursor") is not None
    pages = paced(bob, 1, lambda n: None)
    server.db.execute(
        "INSERT INTO delegations (id, family_id, user_name, valid_from, valid_until)"
        " VALUES (?, ?, 'bob', '2000-01-01', '2100-01-01')",
        (uuid7(), family),
    )
    report = bob.sync()
    assert report.backfilled == 2  # the family and its hours entry, each once
    assert [r["record_id"] for page in pages for r in page["records"]] == [family, entry.id]
    assert held(bob, [family]) == held(anna, [family])


def test_the_state_is_a_caseworkers_own(server: Running, laptop: Callable[[str], Laptop]) -> None:
    anna, bob = laptop("anna"), laptop("bob")
    family = anna.services.families.add_family(name="Gezin Eigen", status="actief").id
    anna.sync()
    try:
        bob.client.state(family=family)
        raise AssertionError("another caseworker's family was served")
    except ServerRefused as refused:
        assert (refused.status, refused.code) == (404, p.ErrorCode.NOT_FOUND)
    assert bob.client.state()["records"] == []
    with httpx.Client(base_url=server.url, headers=HEADERS) as http:
        answer = http.get("/v1/sync/state", params={"after_family": family})
        assert answer.status_code == 401
        answer = http.get(
            "/v1/sync/state",
            params={"after_family": family},
            headers={"Authorization": f"Bearer {anna.token}"},
        )
        assert answer.status_code == 422  # a position is all three or none


def _twelve_hours_synced(laptop: Callable[[str], Laptop]) -> tuple[Laptop, str]:
    """anna's laptop with a family of twelve hours entries, synced: a first pull of
    several pages for a second laptop."""
    anna = laptop("anna")
    family = anna.services.families.add_family(name="Gezin Onderbroken", status="actief").id
    for day in range(12):
        anna.services.hours.add_entry(
            family, date=TODAY - dt.timedelta(days=day), minutes=10 + day, activity="reistijd"
        )
    anna.sync()
    return anna, family


def test_a_first_pull_cut_short_goes_on_from_the_log(
    server: Running, laptop: Callable[[str], Laptop], monkeypatch: pytest.MonkeyPatch
) -> None:
    anna, family = _twelve_hours_synced(laptop)
    fresh = laptop("anna")
    pages = paced(fresh, 2, lambda n: None)
    monkeypatch.setattr(sync_engine, "STATE_BATCH", 3)
    fresh.engine.sync_once(cancelled=lambda: len(pages) >= 2)
    assert fresh.store.meta("pull_cursor") is None  # the mark only at the end
    assert 0 < fresh.count("hours") < 12
    asked: list[int] = []
    real_pull = fresh.client.pull

    def pull(since: int, **kwargs: Any) -> p.PullPage:
        asked.append(since)
        return real_pull(since, **kwargs)

    fresh.client.pull = pull  # type: ignore[method-assign]
    fresh.sync()
    assert asked[0] == 0  # the log from its start: what came is merged to nothing
    assert held(fresh, [family]) == held(anna, [family])


def test_a_first_pull_broken_off_keeps_the_batches_that_came(
    server: Running, laptop: Callable[[str], Laptop], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches share a local transaction (``STATE_BATCH``): one the network breaks off is
    committed with the batches written in it, as it was with a transaction per batch."""
    anna, family = _twelve_hours_synced(laptop)
    fresh = laptop("anna")

    def cut(page: int) -> None:
        if page == 4:
            raise Offline()

    paced(fresh, 2, cut)
    monkeypatch.setattr(sync_engine, "APPLY_BATCH", 2)
    monkeypatch.setattr(sync_engine, "STATE_BATCH", 100)  # every batch in one transaction
    transfers = len(fresh.store.query("SELECT 1 AS x FROM audit_log WHERE event = 'transfer'"))
    with pytest.raises(Offline):
        fresh.sync()
    assert fresh.store.meta("pull_cursor") is None  # the mark only at the end
    assert fresh.count("families") == 1 and 0 < fresh.count("hours") < 12  # kept
    assert (
        len(fresh.store.query("SELECT 1 AS x FROM audit_log WHERE event = 'transfer'"))
        == transfers + 1
    )  # one transaction for the batches
    fresh.sync()  # the log from its start: what came is merged to nothing
    assert held(fresh, [family]) == held(anna, [family])


def test_the_checksums_after_a_first_pull_take_what_it_wrote_and_catch_what_it_lost(
    server: Running, laptop: Callable[[str], Laptop], monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a first pull from the state the laptop's checksums come from the records as
    written (``StateWriter.written``), not from reading them back: a record the pages
    left out, or one served with an older stamp than the server holds, still shows as a
    mismatch, and that family is fetched again from its log."""
    anna = laptop("anna")
    families = [
        anna.services.families.add_family(name=f"Gezin {i}", status="actief").id for i in range(3)
    ]
    entries = {
        f: [
            anna.services.hours.add_entry(
                f, date=TODAY - dt.timedelta(days=d), minutes=10 + d, activity="reistijd"
            ).id
            for d in range(3)
        ]
        for f in families
    }
    anna.services.hours.update_entry(entries[families[1]][0], minutes=45)
    anna.sync()
    real = local_checksums
    given: list[set[str]] = []

    def spied(store: Any, wanted: Any, written: Any = None, **version: int) -> dict[str, str]:
        given.append(set(written or ()))
        return real(store, wanted, written, **version)

    monkeypatch.setattr(sync_engine, "local_checksums", spied)

    plain = laptop("anna")
    assert plain.sync().repaired == 0
    assert given == [set(families)]  # none of them read back
    assert held(plain, families) == held(anna, families)

    given.clear()
    backwards = laptop("anna")  # a server that serves each page's records backwards
    real_backwards = backwards.client.state

    def reversed_page(*args: Any, **kwargs: Any) -> p.StatePage:
        page = real_backwards(*args, **kwargs)
        return {**page, "records": page["records"][::-1]}

    backwards.client.state = reversed_page  # type: ignore[method-assign]
    assert backwards.sync().repaired == 0
    assert given == [set()]  # not in the checksum's order: each family read back
    assert held(backwards, families) == held(anna, families)

    lost, stale = entries[families[0]][1], entries[families[1]][0]

    def lossy(page: p.StatePage) -> p.StatePage:
        records = []
        for record in page["records"]:
            if record["record_id"] == lost:
                continue  # the pages lose it
            if record["record_id"] == stale:  # served as it was before its update
                inserted = record["field_hlc"]["*"]
                data = {**record["data"], "minutes": 10}
                record = {**record, "hlc": inserted, "field_hlc": {"*": inserted}, "data": data}
            records.append(record)
        return {**page, "records": records}

    fresh = laptop("anna")
    real_state = fresh.client.state
    fresh.client.state = lambda *a, **k: lossy(real_state(*a, **k))  # type: ignore[method-assign]
    report = fresh.sync()
    assert report.repaired == 2  # the two families, fetched again from their log
    assert held(fresh, families) == held(anna, families)
    assert local_checksums(fresh.store, families) == fresh.client.checksums(families)


def test_a_family_checksum_is_the_digest_of_its_sorted_lines() -> None:
    """The protocol's digest (laptops and servers of other versions compute it too)."""
    records = [
        ("hours", "018f0000-0000-7000-8000-000000000002", "000000000000002-0000-d"),
        ("families", "018f0000-0000-7000-8000-000000000001", "000000000000001-0000-d"),
        ("hours", "018f0000-0000-7000-8000-000000000001", "000000000000003-0001-d"),
    ]
    lines = "".join(f"{e}/{r}/{h}\n" for e, r, h in sorted(records)).encode()
    assert p.family_checksum(records) == hashlib.sha256(lines).hexdigest()
    assert p.family_checksum(records) == (
        "9de5beecb4a654ae0cf4748cfaf783f50e590dd72570ef86cd68bc9d6a02bce2"
    )
    assert p.family_checksum([]) == hashlib.sha256(b"").hexdigest()
