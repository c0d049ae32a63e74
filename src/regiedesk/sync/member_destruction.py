"""What destroying one member (AVG art. 17) takes with it: one rule for the server and for
every laptop, so both come to the same records after the next sync.

Destroyed with the member, because they are data about that person:
- the member's own assessments (a ZRM per person) and the scores of those assessments,
- the goals set for the member,
- the correction requests about the member or about any record destroyed here.

Detached (the pointer set to null), because the record is the family's or the
caseworker's and stays: an agreement or an hours entry that names a destroyed goal, and
any other record whose reference field (``REFERENCES``) names a destroyed record. A
record that once pointed at the member and no longer does keeps its current fields; the
pointer goes from its history (the server's change log) too.

Free text (a note, a contact's summary, a score's remark) may still mention the member
by name: no rule can find that reliably, so the destruction's exceptions or a review of
the family's notes by the privacy officer covers it (see the admin guide).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

# the fields by which one record points at another (of the same family)
REFERENCES: tuple[str, ...] = ("member_id", "assessment_id", "goal_id", "target_id")

Key = tuple[str, str]  # (entity, record id)


def doomed_records(member: str, records: Mapping[Key, Mapping[str, Any]]) -> set[Key]:
    """The records of the member's family (``records``: their current fields, tombstones
    too) that go with the member, the member included."""
    doomed: set[Key] = {("members", member)}
    doomed |= {
        key for key, fields in records.items()
        if key[0] in ("assessments", "goals") and fields.get("member_id") == member
    }  # fmt: skip
    assessments = {record_id for entity, record_id in doomed if entity == "assessments"}
    doomed |= {
        key for key, fields in records.items()
        if key[0] == "scores" and fields.get("assessment_id") in assessments
    }  # fmt: skip
    gone = {record_id for _, record_id in doomed}
    doomed |= {
        key for key, fields in records.items()
        if key[0] == "corrections"
        and (fields.get("member_id") == member or fields.get("target_id") in gone)
    }  # fmt: skip
    return doomed


def detached(fields: Mapping[str, Any], gone: Iterable[str]) -> dict[str, None]:
    """The reference fields of a record that stays which name a destroyed record."""
    ids = set(gone)
    return {name: None for name in REFERENCES if name in fields and fields[name] in ids}
