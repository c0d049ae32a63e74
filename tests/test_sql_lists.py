"""SQL over long id lists: each statement within the parameter bound, nothing lost."""

from __future__ import annotations

import sqlite3

from regiedesk.sql_lists import CHUNK, id_chunks, in_statements


def test_ids_are_split_into_statements_of_at_most_500_parameters() -> None:
    ids = [f"id-{n:04d}" for n in range(2 * CHUNK + 201)]
    statements = in_statements("SELECT id FROM t WHERE id", ids)
    assert [len(chunk) for _, chunk in statements] == [500, 500, 201]
    assert [i for _, chunk in statements for i in chunk] == ids
    for sql, chunk in statements:
        assert sql.count("?") == len(chunk)


def test_no_ids_make_no_statement() -> None:
    assert in_statements("SELECT id FROM t WHERE id", []) == []


def test_the_statements_find_every_row_in_order_on_a_real_database() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (id TEXT PRIMARY KEY, seq INTEGER)")
    rows = [(f"r{n}", 5000 - n) for n in range(1300)]
    conn.executemany("INSERT INTO t VALUES (?, ?)", rows)
    wanted = [f"r{n}" for n in range(0, 1300, 2)] + ["missing"]
    found: list[str] = []
    for sql, chunk in in_statements("SELECT id FROM t WHERE id", wanted, then="ORDER BY seq"):
        assert sql.endswith("ORDER BY seq")
        part = [row[0] for row in conn.execute(sql, chunk)]
        assert part == sorted(part, key=lambda r: 5000 - int(r[1:]))
        found += part
    assert sorted(found) == sorted(wanted[:-1])


def test_id_chunks_give_each_part_its_marks() -> None:
    ids = list(range(1001))
    parts = list(id_chunks(ids))
    assert [len(chunk) for chunk, _ in parts] == [500, 500, 1]
    assert all(marks.count("?") == len(chunk) for chunk, marks in parts)
    assert [i for chunk, _ in parts for i in chunk] == ids
