"""Versioned schema migrations for the local profile database.

Each migration is a list of SQL statements; ``migrate`` runs every pending one
in a single transaction and records the version in ``PRAGMA user_version``.
Synced entity tables share three columns: ``id`` (UUIDv7 from the client),
``updated_hlc`` (the clock stamp of the last write) and ``deleted`` (tombstone).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..audit_chain import GENESIS, event_hash

APPLICATION_ID = 0x52474453  # "RGDS": marks the file as a regiedesk profile

_ENTITY = "id TEXT PRIMARY KEY, updated_hlc TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0"

_V1: tuple[str, ...] = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    f"""CREATE TABLE families ({_ENTITY},
        name TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('aangemeld', 'actief', 'afgesloten')),
        start_date TEXT, end_date TEXT, closure_reason TEXT,
        caseworker TEXT NOT NULL,
        support_profile TEXT, intensity TEXT,
        evaluation_date TEXT)""",
    f"""CREATE TABLE members ({_ENTITY},
        family_id TEXT NOT NULL REFERENCES families(id),
        name TEXT NOT NULL, role TEXT NOT NULL, date_of_birth TEXT, bsn TEXT)""",
    f"""CREATE TABLE hours ({_ENTITY},
        family_id TEXT NOT NULL REFERENCES families(id),
        date TEXT NOT NULL, minutes INTEGER NOT NULL CHECK (minutes > 0),
        activity TEXT NOT NULL, domain TEXT, goal_id TEXT, caseworker TEXT NOT NULL)""",
    f"""CREATE TABLE timers ({_ENTITY},
        family_id TEXT NOT NULL REFERENCES families(id),
        activity TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('running', 'paused', 'stopped')),
        started_at TEXT NOT NULL, segment_started_at TEXT,
        accumulated_seconds INTEGER NOT NULL DEFAULT 0, stopped_at TEXT,
        hours_id TEXT, caseworker TEXT NOT NULL)""",
    f"""CREATE TABLE assessments ({_ENTITY},
        family_id TEXT NOT NULL REFERENCES families(id),
        member_id TEXT, instrument TEXT NOT NULL,
        moment TEXT NOT NULL CHECK (moment IN ('intake', 'tussenmeting', 'eindmeting')),
        date TEXT NOT NULL, assessor TEXT NOT NULL)""",
    f"""CREATE TABLE scores ({_ENTITY},
        assessment_id TEXT NOT NULL REFERENCES assessments(id),
        family_id TEXT NOT NULL,
        domain TEXT NOT NULL, score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
        note TEXT)""",
    f"""CREATE TABLE parties ({_ENTITY},
        family_id TEXT NOT NULL REFERENCES families(id),
        organisation TEXT NOT NULL, person TEXT, role TEXT NOT NULL,
        phone TEXT, email TEXT, involved_from TEXT NOT NULL, involved_until TEXT)""",
    f"""CREATE TABLE contacts ({_ENTITY},
        family_id TEXT NOT NULL REFERENCES families(id),
        party_id TEXT NOT NULL REFERENCES parties(id),
        date TEXT NOT NULL, mode TEXT NOT NULL, summary TEXT)""",
    f"""CREATE TABLE goals ({_ENTITY},
        family_id TEXT NOT NULL REFERENCES families(id),
        domain TEXT NOT NULL, member_id TEXT, text TEXT NOT NULL,
        target_date TEXT, status TEXT NOT NULL, attainment INTEGER)""",
    f"""CREATE TABLE agreements ({_ENTITY},
        family_id TEXT NOT NULL REFERENCES families(id),
        goal_id TEXT, text TEXT NOT NULL,
        owner TEXT NOT NULL CHECK (owner IN ('gezin', 'regisseur', 'betrokkene')),
        party_id TEXT, due_date TEXT, done INTEGER NOT NULL DEFAULT 0, done_date TEXT)""",
    f"""CREATE TABLE notes ({_ENTITY},
        family_id TEXT NOT NULL REFERENCES families(id),
        title TEXT NOT NULL, visit_date TEXT)""",
    f"""CREATE TABLE note_revisions ({_ENTITY},
        note_id TEXT NOT NULL REFERENCES notes(id),
        family_id TEXT NOT NULL,
        parent_id TEXT, merge_parents TEXT,
        body TEXT NOT NULL, author TEXT NOT NULL, created_at TEXT NOT NULL)""",
    """CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE, event TEXT NOT NULL, at TEXT NOT NULL,
        client TEXT, user TEXT NOT NULL, responsible_user TEXT NOT NULL,
        device TEXT NOT NULL, objects TEXT NOT NULL)""",
    """CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
    """CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
    """CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        mutation_id TEXT NOT NULL UNIQUE, hlc TEXT NOT NULL,
        entity TEXT NOT NULL, record_id TEXT NOT NULL, family_id TEXT,
        op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
        data TEXT NOT NULL)""",
    "CREATE INDEX members_family ON members(family_id)",
    "CREATE INDEX hours_family_date ON hours(family_id, date)",
    "CREATE INDEX timers_family ON timers(family_id)",
    "CREATE INDEX assessments_family ON assessments(family_id, date)",
    "CREATE INDEX scores_assessment ON scores(assessment_id)",
    "CREATE INDEX parties_family ON parties(family_id)",
    "CREATE INDEX contacts_family ON contacts(family_id, date)",
    "CREATE INDEX goals_family ON goals(family_id)",
    "CREATE INDEX agreements_family ON agreements(family_id)",
    "CREATE INDEX notes_family ON notes(family_id)",
    "CREATE INDEX note_revisions_note ON note_revisions(note_id)",
    "CREATE INDEX audit_log_client ON audit_log(client, seq)",
)

_V2: tuple[str, ...] = (
    # typed text not yet saved as a record (local only: not synced, not audited)
    "CREATE TABLE drafts (key TEXT PRIMARY KEY, body TEXT NOT NULL, updated_at TEXT NOT NULL)",
)

# per-field clock stamps (JSON: field -> stamp, "*" for the insert) for field-level merge
_V3: tuple[str, ...] = tuple(
    f"ALTER TABLE {table} ADD COLUMN field_hlc TEXT"
    for table in (
        "families", "members", "hours", "timers", "assessments", "scores", "parties",
        "contacts", "goals", "agreements", "notes", "note_revisions",
    )
)  # fmt: skip

# Local changes the server rejected (e.g. a family out of this device's scope), kept aside so
# the work is not lost: purging a family leaves them, the user can look at and export them.
_V4: tuple[str, ...] = (
    """CREATE TABLE rejected_changes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        mutation_id TEXT NOT NULL UNIQUE, hlc TEXT NOT NULL,
        entity TEXT NOT NULL, record_id TEXT NOT NULL, family_id TEXT,
        op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
        data TEXT NOT NULL, reason TEXT, rejected_at TEXT NOT NULL)""",
)


def _chain_existing_events(conn: Any) -> None:
    """Events from before the chain get their links, in their order, once."""
    cursor = conn.execute(
        "SELECT seq, id, event, at, client, user, responsible_user, device, objects"
        " FROM audit_log WHERE hash IS NULL ORDER BY seq"
    )
    names = [column[0] for column in cursor.description]
    prev = GENESIS
    for row in cursor.fetchall():
        event = dict(zip(names, row, strict=True))
        digest = event_hash(prev, event)
        conn.execute(
            "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?",
            (prev, digest, event["seq"]),
        )
        prev = digest


_AUDIT_TRIGGERS = (
    """CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
        WHEN OLD.hash IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
    """CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
)

# Each audit event carries the hash of the one before and its own (``audit_chain``): a
# changed, removed or moved event shows. The update trigger now lets only an event without
# its links yet be updated (once, by the step below).
_V5: tuple[str | Callable[[Any], None], ...] = (
    "DROP TRIGGER audit_log_append_only_update",
    "ALTER TABLE audit_log ADD COLUMN prev_hash TEXT",
    "ALTER TABLE audit_log ADD COLUMN hash TEXT",
    _chain_existing_events,
    _AUDIT_TRIGGERS[0],
)

# A client's request to correct a record (AVG art. 16) and, where the record is not changed,
# the client's own statement kept beside it (Jeugdwet art. 7.3.10); synced like any record.
_V6: tuple[str, ...] = (
    f"""CREATE TABLE corrections ({_ENTITY},
        family_id TEXT NOT NULL REFERENCES families(id),
        target_entity TEXT NOT NULL, target_id TEXT NOT NULL, member_id TEXT,
        requested_on TEXT NOT NULL, request TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('in_behandeling', 'gecorrigeerd',
                                                 'niet_gewijzigd')),
        explanation TEXT, statement TEXT, recorded_by TEXT NOT NULL, field_hlc TEXT)""",
    "CREATE INDEX corrections_family ON corrections(family_id, target_entity, target_id)",
)

# The audit event cost about a sixth of a single write (bench/privacy.py), most of it in
# three pages more to encrypt and write at each commit: the AUTOINCREMENT counter
# (sqlite_sequence), the UNIQUE index on the event id and the index on (client, seq) that
# no query used. The trail is rebuilt without them, its rows and links unchanged: seq stays
# the rowid and keeps rising (nothing is ever deleted here: the trigger), the id is a uuid7
# made here (the server's event_id is unique).
_V7: tuple[str, ...] = (
    "DROP TRIGGER audit_log_append_only_update",
    "DROP TRIGGER audit_log_append_only_delete",
    "DROP INDEX audit_log_client",
    """CREATE TABLE audit_log_v7 (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL, event TEXT NOT NULL, at TEXT NOT NULL,
        client TEXT, user TEXT NOT NULL, responsible_user TEXT NOT NULL,
        device TEXT NOT NULL, objects TEXT NOT NULL, prev_hash TEXT, hash TEXT)""",
    "INSERT INTO audit_log_v7 SELECT seq, id, event, at, client, user, responsible_user,"
    " device, objects, prev_hash, hash FROM audit_log ORDER BY seq",
    "DROP TABLE audit_log",
    "ALTER TABLE audit_log_v7 RENAME TO audit_log",
    *_AUDIT_TRIGGERS,
)

# Every hours entry checks the caseworker's day over all families (the 24 hours,
# HoursService.minutes_on) and the week view sums the caseworker's days: without an index
# both read the whole hours table, a cost that grew with every entry (at 20,000 entries
# most of a single write's time, bench/store.py).
_V8: tuple[str, ...] = ("CREATE INDEX hours_caseworker_date ON hours(caseworker, date)",)

# The outbox's AUTOINCREMENT counter was a page more to encrypt and write at every write
# (sqlite_sequence; ten pages a single write in all): the outbox is rebuilt without it, its
# rows and their seq unchanged. seq only orders the pending changes, and a new row's seq
# is still above every row there (rowid: max + 1); a seq the outbox emptied may come
# again, which nothing reads (the push and its answers go by mutation id).
_V9: tuple[str, ...] = (
    """CREATE TABLE outbox_v9 (
        seq INTEGER PRIMARY KEY,
        mutation_id TEXT NOT NULL UNIQUE, hlc TEXT NOT NULL,
        entity TEXT NOT NULL, record_id TEXT NOT NULL, family_id TEXT,
        op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
        data TEXT NOT NULL)""",
    "INSERT INTO outbox_v9 SELECT seq, mutation_id, hlc, entity, record_id, family_id, op,"
    " data FROM outbox ORDER BY seq",
    "DROP TABLE outbox",
    "ALTER TABLE outbox_v9 RENAME TO outbox",
)

MIGRATIONS: tuple[Sequence[str | Callable[[Any], None]], ...] = (
    _V1, _V2, _V3, _V4, _V5, _V6, _V7, _V8, _V9,
)  # fmt: skip
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: Any) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: Any, *, from_version: int) -> int:
    """Run the pending migrations in one transaction. Returns the new version."""
    if from_version >= SCHEMA_VERSION:
        return from_version
    conn.execute("BEGIN IMMEDIATE")
    try:
        for statements in MIGRATIONS[from_version:]:
            for step in statements:
                if callable(step):
                    step(conn)
                else:
                    conn.execute(step)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return SCHEMA_VERSION
