"""A laptop whose time was set hours ahead: refused while it is, harmless once put right."""

from __future__ import annotations

from collections.abc import Callable
from unittest.mock import Mock

import pytest

from regiedesk.clock import Stamp, wall_clock_ms
from regiedesk.errors import ClockAhead, Offline, StampsAhead
from regiedesk.ids import uuid7

from .conftest import Running
from .world import TODAY, Laptop, assert_converged, delegate

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


@pytest.mark.parametrize("first", ["anna", "bert", "bert, not pulled back"])
def test_an_edit_made_hours_ahead_still_beats_the_synced_edit_it_replaced(
    server: Running, pair: Pair, first: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by the state machine: bert holds a synced phone number (anna's, pulled, or his
    own, pushed), edits it with his clock an hour ahead (his stamp replaces the synced one
    in the row), then his clock runs three hours behind and the server refuses his stamps.
    The rewind re-issued his edit below the synced stamp, which was no longer in his store:
    the server and anna kept the number, bert his edit, with the same newest stamp on both
    sides (so the checksums agreed)."""
    anna, bert = pair
    family = anna.services.families.add_family(name="Gezin Telefoon", status="actief")
    party = anna.services.network.add_party(
        family.id, organisation="GGD", role="arts", involved_from=TODAY
    )
    anna.sync()
    delegate(server.db, family.id, "bert")
    bert.sync()
    (anna if first == "anna" else bert).services.network.update_party(party.id, phone="06-12345678")
    if first == "bert, not pulled back":  # pushed and answered, then the line dropped
        with monkeypatch.context() as patch:
            patch.setattr(bert.client, "pull", Mock(side_effect=Offline()))
            with pytest.raises(Offline):
                bert.sync()
        assert bert.outbox() == 0
        anna.sync()
    else:
        for laptop in (anna, bert):
            laptop.sync()
    assert bert.store.get("parties", party.id)["phone"] == "06-12345678"

    bert.skew_ms = 3_600_000
    bert.services.network.update_party(party.id, phone="010-1234567")
    bert.skew_ms = -HOURS_3
    bert.sync()  # refused as stamped in the future: stamped again, pushed again
    assert bert.outbox() == 0
    anna.sync()
    for laptop in (anna, bert):  # made after he saw the number: his edit wins
        assert laptop.store.get("parties", party.id)["phone"] == "010-1234567"
    assert anna.rows("parties", [family.id]) == bert.rows("parties", [family.id])
    bert.skew_ms = 0
    assert_converged(server.db, [anna, bert], [family.id])
