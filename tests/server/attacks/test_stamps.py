"""Issue 16, 1: stamps chosen by the client must not open old doors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from regiedesk.clock import Stamp, utc_text
from regiedesk.ids import uuid7

from ..conftest import Running
from ..world import Laptop
from .helpers import change, family_of, push, stored

BAD_STAMPS = ["9-0-x", "123", "1_000-0-x", " 42 -0-x", "٩٩٩٩٩٩٩٩٩٩٩٩٩٩٩-0000-x", "9-0-evil"]
DELEGATE = (
    "INSERT INTO delegations (id, family_id, user_name, valid_from, valid_until)"
    " VALUES (?, ?, ?, ?, ?)"
)


def ms(moment: dt.datetime) -> str:
    return Stamp(int(moment.timestamp() * 1000), 0, "attacker").encode()


def seen_at(server: Running, user: str, moment: dt.datetime) -> None:
    """The server's record of when the user's device was last in touch."""
    server.db.execute(
        "UPDATE devices SET last_seen = ? WHERE user_name = ?",
        (moment.isoformat(timespec="milliseconds"), user),
    )


def test_stamps_outside_the_strict_form_are_refused(server: Running) -> None:
    anna = server.device("anna")
    family = family_of(server, anna, "anna")
    changes = [
        change("families", family, op="update", hlc=h, name="Gezin Eeuwig") for h in BAD_STAMPS
    ]
    results = push(server, anna, *changes)
    assert [(r["outcome"], r["reason"]) for r in results] == [("rejected", "bad_stamp")] * len(
        BAD_STAMPS
    )
    assert not any(stored(server, m["mutation_id"]) for m in changes)


def test_a_stand_in_long_over_cannot_write_with_a_stamp_from_back_then(server: Running) -> None:
    anna, bert = server.device("anna"), server.device("bert")
    family = family_of(server, anna, "anna")
    member = change("members", family, family_id=family, name="Sanne de Wit", role="kind")
    assert push(server, anna, member)[0]["outcome"] == "accepted"
    server.db.execute(DELEGATE, (uuid7(), family, "bert", "2020-01-01", "2020-12-31"))
    with server.client(bert) as c:  # bert's laptop synced today: long after the stand-in
        assert c.get("/v1/sync/pull").status_code == 200
    forged = change(
        "members", family, record=member["record_id"], op="update",
        hlc=ms(dt.datetime(2020, 6, 1, tzinfo=dt.UTC)), name="Iemand Anders", bsn="123456782",
    )  # fmt: skip
    results = push(server, bert, forged)
    assert (results[0]["outcome"], results[0]["reason"]) == ("rejected", "out_of_scope")
    assert not stored(server, forged["mutation_id"])


def test_after_a_handover_the_former_caseworker_cannot_push(server: Running) -> None:
    anna = server.device("anna")
    family = family_of(server, anna, "anna")
    member = change("members", family, family_id=family, name="Sanne de Wit", role="kind")
    assert push(server, anna, member)[0]["outcome"] == "accepted"
    handed = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=10)
    server.db.execute(
        "UPDATE families SET previous_caseworker = caseworker, caseworker = 'bert',"
        " handed_over_at = ? WHERE id = ?",
        (handed.isoformat(), family),
    )
    seen_at(server, "anna", dt.datetime.now(dt.UTC))  # anna's laptop synced after the handover
    record = member["record_id"]
    evil = change("members", family, record=record, op="update", hlc="9-0-evil", name="Kwaad")
    old = change(
        "members", family, record=record, op="update", hlc=ms(handed - dt.timedelta(hours=1)),
        name="Oud",
    )  # fmt: skip
    results = push(server, anna, evil, old)
    assert [(r["outcome"], r["reason"]) for r in results] == [
        ("rejected", "bad_stamp"),
        ("rejected", "out_of_scope"),
    ]
    assert not stored(server, evil["mutation_id"]) and not stored(server, old["mutation_id"])


def test_offline_work_inside_a_stand_in_still_arrives_after_it(server: Running) -> None:
    """The documented grace: the device was last in touch during the stand-in, so what it
    pushes now may have been made then (this passes before and after the fix)."""
    anna, bert = server.device("anna"), server.device("bert")
    family = family_of(server, anna, "anna")
    today = dt.date.today()
    start, end = today - dt.timedelta(days=10), today - dt.timedelta(days=2)
    server.db.execute(DELEGATE, (uuid7(), family, "bert", start.isoformat(), end.isoformat()))
    offline_since = dt.datetime.now(dt.UTC) - dt.timedelta(days=3)
    seen_at(server, "bert", offline_since)
    work = change(
        "hours", family, hlc=ms(offline_since + dt.timedelta(hours=2)), family_id=family,
        date=(today - dt.timedelta(days=3)).isoformat(), minutes=45, activity="huisbezoek",
        caseworker="bert",
    )  # fmt: skip
    assert push(server, bert, work)[0]["outcome"] == "accepted"


def test_an_old_bad_stamp_does_not_make_its_family_drift_for_ever(
    server: Running, laptop: Callable[[str], Laptop]
) -> None:
    anna = laptop("anna")
    family = anna.services.families.add_family(name="Gezin Drift", status="actief").id
    anna.sync()
    with server.db.transaction() as tx:  # stored by a server from before the check
        tx.append_changes(
            [(uuid7(), "old", "anna", family, "families", family, "update",
              '{"name":"Gezin Eeuwig"}', "9-0-x", utc_text())]
        )  # fmt: skip
    assert anna.sync(verify_all=True).repaired == 0
    assert anna.services.families.get_family(family).name == "Gezin Drift"
