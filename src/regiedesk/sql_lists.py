"""SQL over a list of ids, for the laptop's store and the server alike: one statement per
500 ids, so a statement's number of parameters stays within what SQLite and PostgreSQL
take."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

CHUNK = 500

Statement = tuple[str, Sequence[Any]]  # SQL with ? marks, and its parameters


def id_chunks(ids: Sequence[Any]) -> Iterator[tuple[Sequence[Any], str]]:
    """The ids 500 at a time, each part with its ``?, ?, ...`` marks."""
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        yield chunk, ", ".join("?" for _ in chunk)


def in_statements(select: str, ids: Sequence[Any], *, then: str = "") -> list[Statement]:
    """``select`` (ending in a column) ``IN`` these ids, then ``then`` (an ORDER BY, say),
    one statement per 500 ids."""
    tail = f" {then}" if then else ""
    return [(f"{select} IN ({marks}){tail}", chunk) for chunk, marks in id_chunks(ids)]
