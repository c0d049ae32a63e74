"""Pushes to one family at the same time: the server's current state stays the fold of
its log, and a retry racing its original is stored once."""

from __future__ import annotations

import threading
import time
from typing import Any

from regiedesk.ids import uuid7
from regiedesk.sync.server import state
from regiedesk.sync.server.db import ServerDB

from .conftest import Running
from .test_api import mutation, push


def test_gather_answers_each_statement_in_order(db_url: str) -> None:
    db = ServerDB(db_url)
    db.migrate()
    try:
        with db.transaction() as tx:
            found = tx.gather(
                [
                    ("SELECT 1 AS a", ()),
                    ("SELECT name FROM counters WHERE name = ?", ("nothing",)),
                    ("SELECT ? AS b UNION SELECT ? ORDER BY 1", ("x", "y")),
                ]
            )
    finally:
        db.close()
    assert found == [[(1,)], [], [("x",), ("y",)]]


def held_state(db: ServerDB) -> list[tuple[Any, ...]]:
    with db.reading() as tx:
        return tx.rows("SELECT * FROM record_state ORDER BY entity, record_id")


def test_concurrent_pushes_to_one_family_fold_as_the_log(server: Running) -> None:
    token = server.device("anna")
    family = uuid7()
    first = mutation("families", family, name="Gezin Ünal")
    party = mutation("members", family)
    assert [r["outcome"] for r in push(server, token, first, party)] == ["accepted"] * 2
    now = int(time.time() * 1000)
    pushes: list[list[dict[str, Any]]] = []
    for n in range(40):  # each edits both records, with stamps in no particular order
        edits = []
        for entity, record in (("families", family), ("members", party["record_id"])):
            edit = mutation(entity, family, record, op="update", name=f"edit {n}")
            edit["hlc"] = f"{now - (n * 7919) % 5000:015d}-{n:04d}-dev"
            edits.append(edit)
        pushes.append(edits)
    pushes.append(pushes[3])  # a retry, possibly while its original is being written
    answers: list[list[dict[str, Any]]] = []
    threads = [
        threading.Thread(target=lambda m=m: answers.append(push(server, token, *m))) for m in pushes
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(answers) == len(pushes)
    assert all(r["outcome"] == "accepted" for a in answers for r in a)
    stored = server.db.query("SELECT COUNT(*) AS n FROM changes")[0]["n"]
    assert stored == 2 + 2 * 40  # the retry stored once
    kept = held_state(server.db)
    with server.db.transaction() as tx:
        state.rebuild(tx)
    assert held_state(server.db) == kept
    winner = max(range(40), key=lambda n: pushes[n][0]["hlc"])
    with server.db.reading() as tx:
        folded = state.read(tx, {"families": [family]})[("families", family)]
    assert folded.fields["name"] == f"edit {winner}"
