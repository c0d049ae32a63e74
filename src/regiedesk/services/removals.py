"""Undoing a removal: the records one removal tombstoned come back.

A tombstone is final in sync (a record's ``deleted`` never syncs back to 0), so an undo
brings back a copy of each record under a new id, as inserts every device and the
server already understand, and points the live records that named an old id (a goal's
agreements, a party's agreements) at the new one. The copies are the records as they
were at their removal; an undo is an audited 'create' like any other.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..entities import ENTITY_TABLES
from ..ids import uuid7
from ..store import Store
from ..store.database import SYNC_COLUMNS
from .base import Service

# which columns name a record of which table (the references an undo re-points)
REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "members": (("goals", "member_id"), ("assessments", "member_id")),
    "assessments": (("scores", "assessment_id"),),
    "parties": (("contacts", "party_id"), ("agreements", "party_id")),
    "goals": (("agreements", "goal_id"), ("hours", "goal_id")),
}


@dataclass(frozen=True, slots=True)
class Removal:
    """The records one removal tombstoned (table, id), the first one the record asked for."""

    family_id: str
    records: tuple[tuple[str, str], ...]


def tombstone(store: Store, family_id: str, records: tuple[tuple[str, str], ...]) -> Removal:
    """Tombstone these records (table, id) of one family in one audited transaction, in
    this order: the removal ``undo_removal`` brings back."""
    with store.transaction(event="delete", client=family_id) as tx:
        for table, record_id in records:
            tx.delete(table, record_id)
    return Removal(family_id, records)


class RemovalService(Service):
    def undo_removal(self, removal: Removal) -> dict[str, str]:
        """Bring the removed records back; returns each old id with its copy's new id."""
        order = {table: i for i, table in enumerate(ENTITY_TABLES)}
        records = sorted(removal.records, key=lambda record: order[record[0]])
        rows = [(table, self.store.get(table, rid, include_deleted=True)) for table, rid in records]
        renamed = {str(row["id"]): uuid7() for _, row in rows}
        with self.store.transaction(event="create", client=removal.family_id) as tx:
            for table, row in rows:
                copy = {k: v for k, v in row.items() if k not in SYNC_COLUMNS}
                for _, column in (ref for refs in REFERENCES.values() for ref in refs):
                    if copy.get(column) in renamed:
                        copy[column] = renamed[copy[column]]
                copy["id"] = renamed[str(row["id"])]
                tx.insert(table, copy)
            for table, row in rows:
                for child, column in REFERENCES.get(table, ()):
                    for live in self.store.query(
                        f"SELECT id FROM {child} WHERE {column} = ? AND deleted = 0",
                        (row["id"],),
                    ):
                        tx.update(child, live["id"], {column: renamed[str(row["id"])]})
        return renamed
