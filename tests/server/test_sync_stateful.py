"""A stateful property test of sync: three laptops, one real server, random histories.

The server runs on SQLite and on PostgreSQL (the ``server`` fixture), the same machine on both.

Hypothesis drives edits of family and party fields, hours entries, notes and their
revisions (also from a stale parent), deletions, syncs with and without faults
(dropped requests, lost answers, duplicates, 5xx), conflicting edits on two laptops
synced right away, and laptop clocks set hours ahead or behind. After the faults heal,
the clocks are corrected and every laptop syncs twice: every laptop equals the server,
the merge equals the change log folded by clock stamp (``world.server_model``), the
server's current state equals every laptop record by record, every note revision ever
made exists, every hours entry exists exactly once; then a new device's first pull from the current
state ends as one from the log, and as the others. At the end the migration's rebuild
of the state from the log equals the state the pushes kept.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from regiedesk.errors import RegiedeskError, SyncError
from regiedesk.sync.server import hours_weeks, state

from .conftest import Running
from .test_faults import FaultyTransport
from .test_first_pull_state import from_log_only, held
from .world import TODAY, Laptop, assert_converged, enrol, share_family

LAPTOP = st.integers(0, 2)
OTHER = st.integers(1, 2)  # the other laptop is (i + OTHER) % 3
PICK = st.integers(0, 50)  # index into whatever records the laptop holds, modulo their number
FAMILY_FIELDS = {
    "name": ["Gezin A", "Gezin B", "Gezin C", "Gezin D"],
    "evaluation_date": [TODAY + dt.timedelta(days=d) for d in (7, 14, 30, 60)],
    "intensity": ["laag", "midden", "hoog"],
}
PARTY_FIELDS = {
    "organisation": ["GGD", "Wijkteam", "School", "Veilig Thuis"],
    "role": ["arts", "coach", "mentor"],
    "phone": ["010-1234567", "06-12345678", ""],
}
SKEWS_H = [-3, -1, 0, 0, 1, 3]


def field_edit(fields: dict[str, list[Any]]) -> st.SearchStrategy[tuple[str, Any]]:
    return st.sampled_from(sorted(fields)).flatmap(
        lambda f: st.tuples(st.just(f), st.sampled_from(fields[f]))
    )


class SyncMachine(RuleBasedStateMachine):
    running: ClassVar[Running]
    folder: ClassVar[Path]
    numbers: ClassVar[Iterator[int]] = itertools.count()

    def __init__(self) -> None:
        super().__init__()
        n = next(self.numbers)
        db = self.running.db
        self.transports = [FaultyTransport(random.Random(0)) for _ in range(3)]
        self.laptops: list[Laptop] = []
        for i, transport in enumerate(self.transports):
            transport.healed = True
            user = f"m{n}u{i}"
            folder = self.folder / f"m{n}" / user
            self.laptops.append(
                Laptop(self.running.url, folder, user, enrol(db, user), transport=transport)
            )
        shared = share_family(db, self.laptops, name="Gezin A", role="arts")
        self.family = shared.family
        self.revisions: dict[str, str] = {shared.first: "begin"}
        self.hours: set[str] = set()
        self.steps = 0

    # --- helpers ----------------------------------------------------------------

    def live(self, i: int, table: str) -> list[str]:
        rows = self.laptops[i].store.query(
            f"SELECT id FROM {table} WHERE family_id = ? AND deleted = 0 ORDER BY id",
            (self.family,),
        )
        return [str(r["id"]) for r in rows]

    def pick(self, i: int, table: str, k: int) -> str | None:
        ids = self.live(i, table)
        return ids[k % len(ids)] if ids else None

    def body(self, i: int) -> str:
        self.steps += 1
        return f"{self.laptops[i].user} tekst {self.steps}"

    def sync_ok(self, i: int) -> bool:
        try:
            self.laptops[i].sync()
            return True
        except SyncError:
            return False  # a fault, or a clock too far ahead: the next sync tries again

    # --- edits --------------------------------------------------------------------

    @rule(i=LAPTOP, edit=field_edit(FAMILY_FIELDS))
    def edit_family(self, i: int, edit: tuple[str, Any]) -> None:
        self.laptops[i].services.families.update_family(self.family, **dict([edit]))

    @rule(i=LAPTOP, k=PICK, edit=field_edit(PARTY_FIELDS))
    def edit_party(self, i: int, k: int, edit: tuple[str, Any]) -> None:
        party = self.pick(i, "parties", k)
        if party is not None:
            self.laptops[i].services.network.update_party(party, **dict([edit]))

    @rule(i=LAPTOP, organisation=st.sampled_from(PARTY_FIELDS["organisation"]))
    def add_party(self, i: int, organisation: str) -> None:
        self.laptops[i].services.network.add_party(
            self.family, organisation=organisation, role="coach", involved_from=TODAY
        )

    @rule(i=LAPTOP, k=PICK)
    def remove_party(self, i: int, k: int) -> None:
        party = self.pick(i, "parties", k)
        if party is not None:
            self.laptops[i].services.network.remove_party(party)

    @rule(i=LAPTOP, day=st.integers(0, 6), minutes=st.integers(1, 90))
    def add_hours(self, i: int, day: int, minutes: int) -> None:
        try:
            entry = self.laptops[i].services.hours.add_entry(
                self.family,
                date=TODAY - dt.timedelta(days=day),
                minutes=minutes,
                activity="huisbezoek",
            )
        except RegiedeskError:
            return  # a day with 24 hours booked already
        self.hours.add(entry.id)

    @rule(i=LAPTOP, k=PICK, minutes=st.integers(1, 90))
    def edit_hours(self, i: int, k: int, minutes: int) -> None:
        entry = self.pick(i, "hours", k)
        if entry is not None:
            with contextlib.suppress(RegiedeskError):  # more than 24 hours on the day
                self.laptops[i].services.hours.update_entry(entry, minutes=minutes)

    @rule(i=LAPTOP, k=PICK)
    def delete_hours(self, i: int, k: int) -> None:
        entry = self.pick(i, "hours", k)
        if entry is not None:
            self.laptops[i].services.hours.remove_entry(entry)

    @rule(i=LAPTOP)
    def create_note(self, i: int) -> None:
        body = self.body(i)
        _, first = self.laptops[i].services.notes.add_note(self.family, title="Bezoek", body=body)
        self.revisions[first.id] = body

    @rule(i=LAPTOP, k=PICK, stale=st.none() | PICK)
    def revise_note(self, i: int, k: int, stale: int | None) -> None:
        """From the newest head, or (``stale``) from any older revision: a second head."""
        notes = self.laptops[i].services.notes
        note = self.pick(i, "notes", k)
        if note is None:
            return
        history = notes.list_revisions(note)
        parent = notes.latest_revision(note) if stale is None else history[stale % len(history)]
        body = self.body(i)
        self.revisions[notes.revise_note(note, body=body, parent_id=parent.id).id] = body

    @rule(i=LAPTOP, k=PICK)
    def delete_note(self, i: int, k: int) -> None:
        note = self.pick(i, "notes", k)
        if note is not None and len(self.live(i, "notes")) > 1:
            self.laptops[i].services.notes.remove_note(note)

    # --- sync, faults, clocks ------------------------------------------------------

    @rule(i=LAPTOP, faulty=st.booleans(), seed=st.integers(0, 2**16))
    def sync(self, i: int, faulty: bool, seed: int) -> None:
        self.transports[i].rng = random.Random(seed)
        self.transports[i].healed = not faulty
        self.sync_ok(i)
        self.transports[i].healed = True

    @rule(i=LAPTOP, hours=st.sampled_from(SKEWS_H))
    def set_clock(self, i: int, hours: int) -> None:
        self.laptops[i].skew_ms = hours * 3_600_000

    @rule(i=LAPTOP, d=OTHER, field=st.sampled_from(sorted(FAMILY_FIELDS)), data=st.data())
    def conflicting_family_edits(self, i: int, d: int, field: str, data: st.DataObject) -> None:
        j = (i + d) % 3
        for laptop in (i, j):
            value = data.draw(st.sampled_from(FAMILY_FIELDS[field]))
            self.laptops[laptop].services.families.update_family(self.family, **{field: value})
        self.sync_both(i, j)

    @rule(i=LAPTOP, d=OTHER, field=st.sampled_from(sorted(PARTY_FIELDS)), data=st.data())
    def conflicting_party_edits(self, i: int, d: int, field: str, data: st.DataObject) -> None:
        j = (i + d) % 3
        parties = set(self.live(i, "parties")) & set(self.live(j, "parties"))
        if not parties:
            return
        party = min(parties)
        for laptop in (i, j):
            value = data.draw(st.sampled_from(PARTY_FIELDS[field]))
            self.laptops[laptop].services.network.update_party(party, **{field: value})
        self.sync_both(i, j)

    def sync_both(self, i: int, j: int) -> None:
        """i, j, i: then both hold everything the server has, so they must be equal."""
        if all(self.sync_ok(x) for x in (i, j, i)):
            a, b = self.laptops[i], self.laptops[j]
            for table in ("families", "parties", "hours", "notes", "note_revisions"):
                assert a.rows(table, [self.family]) == b.rows(table, [self.family]), table

    @rule()
    def heal_and_check(self) -> None:
        for laptop, transport in zip(self.laptops, self.transports, strict=True):
            transport.healed = True
            laptop.skew_ms = 0
        for _ in range(2):
            for laptop in self.laptops:
                laptop.sync(verify_all=True)
        assert_converged(
            self.running.db,
            self.laptops,
            [self.family],
            revisions=self.revisions,
            hours=self.hours,
        )

    @invariant()
    def every_revision_made_is_on_the_laptop_that_made_it(self) -> None:
        mine = set()
        for laptop in self.laptops:
            mine |= set(laptop.rows("note_revisions", [self.family]))
        assert set(self.revisions) <= mine

    def teardown(self) -> None:
        try:
            self.heal_and_check()
            self.newcomers_check()
        finally:
            for laptop in self.laptops:
                laptop.close()

    def newcomers_check(self) -> None:
        """A new device's first pull from the server's current state ends as one from
        the log, and as the laptops that were there all along."""
        owner = self.laptops[0]
        folder = self.folder / f"new-{owner.user}"
        db = self.running.db
        fresh = Laptop(self.running.url, folder / "state", owner.user, enrol(db, owner.user))
        old = Laptop(self.running.url, folder / "log", owner.user, enrol(db, owner.user))
        try:
            from_log_only(old)
            for laptop in (fresh, old):
                laptop.sync()
            assert held(fresh, [self.family]) == held(old, [self.family])
            assert_converged(
                db,
                [*self.laptops, fresh, old],
                [self.family],
                revisions=self.revisions,
                hours=self.hours,
            )
        finally:
            fresh.close()
            old.close()


EXAMPLES = 15  # per backend; an example takes about 1.2 times as long on PostgreSQL


def test_laptops_converge_whatever_happens(server: Running, tmp_path: Path) -> None:
    """Once on SQLite, once on PostgreSQL (``server``). The examples share the server: each
    has its own users and family, so nothing of an earlier example is in its scope."""
    SyncMachine.running = server
    SyncMachine.folder = tmp_path
    run_state_machine_as_test(
        SyncMachine,
        settings=settings(
            max_examples=EXAMPLES,
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
    families = server.db.query("SELECT count(DISTINCT family_id) AS n FROM changes")[0]["n"]
    assert families >= EXAMPLES  # every example synced through this very server
    # the migration's fold of the whole log gives the state the pushes kept up to date
    everything = "SELECT * FROM record_state ORDER BY entity, record_id"
    kept = server.db.query(everything)
    weeks = "SELECT * FROM hours_weeks ORDER BY family_id, monday, person"
    kept_weeks = server.db.query(weeks)
    with server.db.transaction() as tx:
        state.rebuild(tx)
    assert server.db.query(everything) == kept and len(kept) > families
    # the minutes per week the triggers kept through the pushes (and the rebuild) are
    # those one aggregate of the state makes
    assert server.db.query(weeks) == kept_weeks and kept_weeks
    with server.db.transaction() as tx:
        hours_weeks.build(tx)
    assert server.db.query(weeks) == kept_weeks
