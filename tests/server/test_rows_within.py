"""A pull page's byte bound (``rows_within``): rows are kept until their size passes the
budget, the first one always, and the answer says whether rows were left out. The same on
SQLite, PostgreSQL and PostgreSQL's async lane, across the chunks the rows are read in."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from itertools import accumulate
from typing import Any

import pytest

from regiedesk.sync.server.async_db import AsyncPool
from regiedesk.sync.server.db import READ_AHEAD, ServerDB

# rows 1..n (none for n = 0); row i carries i characters, so the sizes are 1, 2, 3, ...
ROWS = (
    "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?)"
    " SELECT i, substr(?, 1, i) FROM n WHERE i > 0 ORDER BY i"
)
TEXT = "x" * 1000


def size(row: tuple[Any, ...]) -> int:
    return len(row[1])


def expected(n: int, budget: int) -> tuple[list[int], bool]:
    """The reference: the longest run of rows whose total stays within the budget."""
    totals = list(accumulate(range(1, n + 1)))
    kept = max(1, sum(1 for total in totals if total <= budget)) if n else 0
    return list(range(1, kept + 1)), kept < n


def budget_before(row: int) -> int:
    """A budget that row ``row`` (1-based) just passes: every row before it fits."""
    return row * (row - 1) // 2


CASES = [
    (0, 10),  # nothing found
    (1, 0),  # one row over the budget: kept, and nothing left out
    (5, 0),  # the first row is always kept
    (5, 15),  # exactly the budget: all kept
    (5, 14),
    (200, 10**9),  # more chunks than one, all kept
    (200, budget_before(READ_AHEAD)),  # the last row of the first chunk is left out
    (200, budget_before(READ_AHEAD + 1)),  # the first row of the second chunk
    (200, budget_before(2 * READ_AHEAD + 2)),
    (200, budget_before(200)),  # only the very last row is left out
]


@pytest.fixture
def db(db_url: str) -> Iterator[ServerDB]:
    server = ServerDB(db_url, pool_size=1)
    yield server
    server.close()


@pytest.mark.parametrize(("n", "budget"), CASES)
def test_rows_within_keeps_the_rows_that_fit(db: ServerDB, n: int, budget: int) -> None:
    with db.transaction() as tx:
        rows, cut = tx.rows_within(ROWS, (n, TEXT), budget, size)
        assert tx.rows("SELECT 1", ()) == [(1,)]  # the cut left the connection usable
    assert ([int(r[0]) for r in rows], cut) == expected(n, budget)
    assert all(isinstance(r, tuple) and len(r[1]) == int(r[0]) for r in rows)


@pytest.mark.parametrize(("n", "budget"), CASES)
def test_the_async_lane_keeps_the_same_rows(db: ServerDB, n: int, budget: int) -> None:
    if not db.postgres:
        pytest.skip("the async lane serves PostgreSQL only")

    async def read() -> tuple[list[tuple[Any, ...]], bool, list[tuple[Any, ...]]]:
        pool = AsyncPool(db)
        try:
            async with pool.reading() as tx:
                rows, cut = await tx.rows_within(ROWS, (n, TEXT), budget, size)
                after = await tx.rows("SELECT 1", ())
            return rows, cut, after
        finally:
            pool.close()

    rows, cut, after = asyncio.run(read())
    assert ([int(r[0]) for r in rows], cut) == expected(n, budget)
    assert after == [(1,)]
