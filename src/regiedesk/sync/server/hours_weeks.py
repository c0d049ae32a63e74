"""Minutes per family, person and ISO week, kept beside ``record_state`` by the database.

A team overview sums the hours of a period (and of the four weeks before its last week)
for every family of a team: at the issue's size some 30,000 hours records a request,
a number that grows with how busy the team is. ``hours_weeks`` holds one row per
(family, person, week) with the minutes and the number of records that count (the live
hours records with a day and a whole number of minutes: what ``team_facts`` counted),
so whole weeks are read as one row each; only the days of a period's first and last
partial week are still summed from ``record_state``.

The rows are kept by triggers on ``record_state``, so every writer keeps them right in
its own transaction without knowing of them: a push's fold, the rebuild, a destruction
and a migration. A trigger fires only for hours records, and on an update only when
one of the columns counted changed. ``build`` makes the table from the state in one
statement (the migration that adds it, and the check that the triggers agree).

    monday   the week's Monday as ``date.toordinal()``: ((day - 1) / 7) * 7 + 1 (the
             ordinal 1, 0001-01-01, is a Monday; integer division on both databases)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .db import Transaction

TABLE = """CREATE TABLE hours_weeks (
    family_id TEXT NOT NULL, monday INTEGER NOT NULL, person TEXT NOT NULL,
    minutes BIGINT NOT NULL, entries INTEGER NOT NULL,
    PRIMARY KEY (family_id, monday, person))"""

COUNTS = "{r}.live = 1 AND {r}.minutes IS NOT NULL AND {r}.day IS NOT NULL"
MONDAY = "(({r}.day - 1) / 7) * 7 + 1"
_KEY = "family_id = {r}.family_id AND monday = " + MONDAY + " AND person = COALESCE({r}.person, '')"
_WATCHED = ("live", "day", "minutes", "person", "family_id")


def _add(r: str, where: str = "") -> str:
    return (
        "INSERT INTO hours_weeks (family_id, monday, person, minutes, entries)"
        f" SELECT {r}.family_id, {MONDAY.format(r=r)}, COALESCE({r}.person, ''), {r}.minutes, 1"
        f" WHERE {where or 'TRUE'}"
        " ON CONFLICT (family_id, monday, person) DO UPDATE SET"
        " minutes = hours_weeks.minutes + excluded.minutes,"
        " entries = hours_weeks.entries + 1"
    )


def _remove(r: str, where: str = "") -> list[str]:
    key = _KEY.format(r=r)
    guard = f" AND {where}" if where else ""
    return [
        "UPDATE hours_weeks SET minutes = minutes - {r}.minutes, entries = entries - 1"
        f" WHERE {key}{guard}".replace("{r}", r),
        f"DELETE FROM hours_weeks WHERE entries = 0 AND {key}",
    ]


def _changed(old: str, new: str) -> str:
    return " OR ".join(f"{old}.{c} IS DISTINCT FROM {new}.{c}" for c in _WATCHED)


def _postgres() -> list[str]:
    counts_old, counts_new = COUNTS.format(r="OLD"), COUNTS.format(r="NEW")
    remove = ";\n".join(_remove("OLD"))
    function = f"""CREATE OR REPLACE FUNCTION hours_weeks_follow() RETURNS trigger
LANGUAGE plpgsql AS $body$
BEGIN
    IF TG_OP <> 'INSERT' AND {counts_old} THEN
        {remove};
    END IF;
    IF TG_OP <> 'DELETE' AND {counts_new} THEN
        {_add("NEW")};
    END IF;
    RETURN NULL;
END
$body$"""
    run = "FOR EACH ROW WHEN ({when}) EXECUTE FUNCTION hours_weeks_follow()"
    return [
        function,
        "CREATE TRIGGER hours_weeks_insert AFTER INSERT ON record_state "
        + run.format(when="NEW.entity = 'hours'"),
        "CREATE TRIGGER hours_weeks_update AFTER UPDATE ON record_state "
        + run.format(when=f"OLD.entity = 'hours' AND ({_changed('OLD', 'NEW')})"),
        "CREATE TRIGGER hours_weeks_delete AFTER DELETE ON record_state "
        + run.format(when="OLD.entity = 'hours'"),
    ]


def _sqlite() -> list[str]:
    counts_old, counts_new = COUNTS.format(r="OLD"), COUNTS.format(r="NEW")
    remove = ";\n".join(_remove("OLD", counts_old))
    changed = _changed("OLD", "NEW").replace("IS DISTINCT FROM", "IS NOT")
    return [
        "CREATE TRIGGER hours_weeks_insert AFTER INSERT ON record_state"
        f" WHEN NEW.entity = 'hours' AND {counts_new} BEGIN {_add('NEW')}; END",
        "CREATE TRIGGER hours_weeks_update AFTER UPDATE ON record_state"
        f" WHEN OLD.entity = 'hours' AND ({changed})"
        f" BEGIN {remove}; {_add('NEW', counts_new)}; END",
        "CREATE TRIGGER hours_weeks_delete AFTER DELETE ON record_state"
        f" WHEN OLD.entity = 'hours' AND {counts_old} BEGIN {remove}; END",
    ]


def create(tx: Transaction) -> None:
    """The table and the triggers that keep it (the migration's first step)."""
    tx.execute(TABLE)
    for statement in _postgres() if tx.db.postgres else _sqlite():
        tx.execute(statement)


def build(tx: Transaction) -> None:
    """The table made again from ``record_state``, by one aggregate."""
    monday = MONDAY.format(r="s")
    person = "COALESCE(s.person, '')"
    tx.execute("DELETE FROM hours_weeks")
    tx.execute(
        "INSERT INTO hours_weeks (family_id, monday, person, minutes, entries)"
        f" SELECT s.family_id, {monday}, {person}, SUM(s.minutes), COUNT(*)"
        f" FROM record_state s WHERE s.entity = 'hours' AND {COUNTS.format(r='s')}"
        f" GROUP BY s.family_id, {monday}, {person}"
    )
