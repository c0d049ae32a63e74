"""The server's statements on PostgreSQL are planned for the tables as they are now, not
as they were when a connection first ran them (``ServerDB._connect``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from regiedesk.sync.server import state
from regiedesk.sync.server.db import ServerDB


@pytest.fixture
def pg(db_url: str) -> Iterator[ServerDB]:
    if not db_url.startswith("postgresql://"):
        pytest.skip("plans are PostgreSQL's")
    db = ServerDB(db_url, pool_size=1)  # one connection: every statement on the same one
    yield db
    db.close()


def _add(db: ServerDB, entity: str, first: int, count: int) -> None:
    with db.transaction() as tx:
        tx.execute_many(
            "INSERT INTO record_state (entity, record_id, family_id, data, field_hlc, hlc)"
            " VALUES (?, ?, ?, '{}', '{}', '')",
            [(entity, f"r{i:06d}", f"f{i % 50:02d}") for i in range(first, first + count)],
        )


def test_a_state_read_made_on_a_small_table_uses_the_key_once_the_table_grew(
    pg: ServerDB,
) -> None:
    _add(pg, "families", 0, 20)  # a new server: its families, no hours yet
    for i in range(12):  # psycopg prepares it at the 6th; PostgreSQL plans it once at the 11th
        with pg.transaction() as tx:
            state.read(tx, {"hours": [f"new{i}a", f"new{i}b", f"new{i}c"]})
    _add(pg, "hours", 20, 20_000)
    with pg.transaction() as tx:
        names = tx.rows(
            "SELECT name FROM pg_prepared_statements WHERE statement LIKE ?",
            ("%FROM record_state WHERE entity =%",),
        )
        assert names, "the state read was not prepared"
        plan = "\n".join(
            row[0]
            for row in tx.rows(
                f"EXPLAIN EXECUTE {names[0][0]} ('hours', 'r000001', 'r000002', 'r019000')"
            )
        )
    assert "record_state_pkey" in plan, plan
