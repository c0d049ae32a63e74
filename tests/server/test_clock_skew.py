"""A laptop whose time was set hours ahead: refused while it is, harmless once put right."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from regiedesk.clock import Stamp, wall_clock_ms
from regiedesk.errors import ClockAhead, StampsAhead
from regiedesk.ids import uuid7

from .conftest import Running
from .world import Laptop, assert_converged, delegate

HOURS_3 = 3 * 3600 * 1000
Pair = tuple[Laptop, Laptop]


@pytest.fixture
def pair(laptop: Callable[[str], Laptop]) -> Pair:
    return laptop("anna"), laptop("bert")


def test_edits_made_hours_ahead_do_not_beat_a_later_edit(server: Running, pair: Pair) -> None:
    anna, bert = pair
    family = anna.services.families.add_family(name="Gezin Klok", status="actief")
    anna.sync()
    delegate(server.db, family.id, "bert")
    bert.sync()

    anna.skew_ms = HOURS_3  # the laptop's date and time are set wrong, it works offline
    anna.services.families.update_family(family.id, name="Gezin Klok (Anna)")
    with pytest.raises(ClockAhead) as refused:
        anna.sync()
    assert "loopt te ver voor" in refused.value.nl
    assert anna.outbox() == 1  # kept, not lost

    anna.skew_ms = 0  # put right; the edit goes now, stamped again
    anna.sync()
    bert.sync()
    assert bert.services.families.get_family(family.id).name == "Gezin Klok (Anna)"
    bert.services.families.update_family(family.id, name="Gezin Klok (Bert, later)")
    bert.sync()
    anna.sync()
    for laptop in (anna, bert):
        assert laptop.services.families.get_family(family.id).name == "Gezin Klok (Bert, later)"
    assert_converged(server.db, [anna, bert], [family.id])


def test_the_server_refuses_stamps_from_the_future_whatever_the_header(
    server: Running, pair: Pair
) -> None:
    anna, _ = pair
    family = anna.services.families.add_family(name="Gezin Stempel", status="actief")
    anna.sync()
    future = Stamp(wall_clock_ms() + HOURS_3, 0, "a" * 32).encode()
    mutation = {
        "mutation_id": uuid7(),
        "hlc": future,
        "entity": "families",
        "record_id": family.id,
        "family_id": family.id,
        "op": "update",
        "data": {"name": "Gezin Toekomst"},
    }
    with pytest.raises(StampsAhead):
        anna.client.push([mutation])
    assert not server.db.query(
        "SELECT 1 AS x FROM changes WHERE mutation_id = ?", (mutation["mutation_id"],)
    )
