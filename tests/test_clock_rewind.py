"""A device clock set hours ahead, then put right; and one that runs behind."""

from __future__ import annotations

import json

from regiedesk.clock import HybridLogicalClock, wall_clock_ms
from regiedesk.services.families import FamilyService
from regiedesk.store import Store

from .conftest import TODAY

HOURS_3 = 3 * 3600 * 1000


def skewable(store: Store) -> list[int]:
    skew = [HOURS_3]
    old = store.clock
    store.clock = HybridLogicalClock(
        old.node, last=old.last, now_ms=lambda: wall_clock_ms() + skew[0]
    )
    return skew


def test_pending_future_stamps_are_reissued_in_order_before_the_next_edit(store: Store) -> None:
    skew = skewable(store)
    families = FamilyService(store, today=lambda: TODAY)
    family = families.add_family(name="Gezin Toekomst", status="actief")
    families.update_family(family.id, name="Gezin Toekomst-2")
    future = [r["hlc"] for r in store.query("SELECT hlc FROM outbox ORDER BY seq")]
    assert all(int(h.split("-")[0]) > wall_clock_ms() + HOURS_3 - 60_000 for h in future)

    skew[0] = 0  # the date and time are put right; the server refuses the stamps, and then:
    assert store.rewind_future_stamps() == 2
    families.update_family(family.id, evaluation_date=TODAY)
    stamps = [r["hlc"] for r in store.query("SELECT hlc FROM outbox ORDER BY seq")]
    horizon = store.clock.horizon().encode()
    assert all(h < horizon for h in stamps)  # nothing from the future is left
    assert stamps == sorted(stamps) and len(set(stamps)) == 3  # the order of the edits kept
    row = store.get("families", family.id)
    clocks = json.loads(row["field_hlc"])
    assert all(v < horizon for v in clocks.values())
    assert clocks["name"] == stamps[1] and clocks["evaluation_date"] == stamps[2]
    assert row["updated_hlc"] == stamps[2]
    assert int(store.meta("clock").split("-")[0]) < wall_clock_ms() + 60_000  # type: ignore[union-attr]


def test_an_edit_on_a_clock_that_runs_behind_still_comes_after_what_it_replaces(
    store: Store,
) -> None:
    families = FamilyService(store, today=lambda: TODAY)
    family = families.add_family(name="Gezin Achter", status="actief")
    seen = store.get("families", family.id)["updated_hlc"]
    skew = skewable(store)
    skew[0] = -HOURS_3  # this laptop's clock runs three hours behind
    store.clock = HybridLogicalClock(
        store.clock.node, now_ms=lambda: wall_clock_ms() + skew[0]
    )  # and it never saw its own earlier stamps (as after a pull it could not take in)
    families.update_family(family.id, name="Gezin Achter-2")
    assert store.get("families", family.id)["updated_hlc"] > seen
    families.remove_family(family.id)
    row = store.get("families", family.id, include_deleted=True)
    assert json.loads(row["field_hlc"])["deleted"] > json.loads(row["field_hlc"])["name"] > seen


def test_reissued_edits_stay_after_what_they_replaced_when_the_clock_now_runs_behind(
    store: Store,
) -> None:
    """Found by the state machine: clock +1 h, an edit, clock -3 h, the server refuses the
    stamps. Re-issued from the wall clock, the edit sorted before the synced insert it
    replaced: the server and the other laptops kept the old value, this one the new."""
    families = FamilyService(store, today=lambda: TODAY)
    family = families.add_family(name="Gezin Gedeeld", status="actief")
    synced = store.get("families", family.id)["updated_hlc"]
    store.conn.execute("DELETE FROM outbox")  # pushed and accepted: it stays as it is
    skew = skewable(store)
    skew[0] = 3600 * 1000
    families.update_family(family.id, name="Gezin Gedeeld-2")
    skew[0] = -HOURS_3
    families.update_family(family.id, evaluation_date=TODAY)
    assert store.rewind_future_stamps() == 2
    stamps = [r["hlc"] for r in store.query("SELECT hlc FROM outbox ORDER BY seq")]
    assert synced < stamps[0] < stamps[1]
    clocks = json.loads(store.get("families", family.id)["field_hlc"])
    assert clocks["name"] == stamps[0] and clocks["evaluation_date"] == stamps[1]
    assert int(stamps[0].split("-")[0]) < wall_clock_ms() + 60_000  # not an hour ahead
