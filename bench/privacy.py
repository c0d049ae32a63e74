"""The figures of issue 13 section 5, in one run:

- single writes (hours entries through the service, one transaction each) with the audit
  event as it is, against the same writes with the audit append left out: at most 10%;
- one read event (``services.audit.log_opened``): at most 1 ms;
- the hash chain of 1,000,000 events verified (``audit_chain.verify_chain``): at most 10 s;
- an access request for a family of two years (server document as JSON and the PDF):
  at most 2 s.

Last stdout line: one JSON object, with ``<figure>_met`` booleans.

    .venv/bin/python bench/privacy.py                      # full size
    .venv/bin/python bench/privacy.py --writes 50 --events 2000 --years 0.1   # smoke
    .venv/bin/python bench/privacy.py --writes 50 --rounds 21 --reads 100 --events 20000
        # smoke, with more rounds: the write ratio on a shared machine
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import emit, machine_state, progress, timed
from regiedesk.audit_chain import EVENT_FIELDS, GENESIS, link_hash, verify_chain
from regiedesk.ids import uuid7
from regiedesk.services import Services
from regiedesk.store import DEFAULT_KDF, Store, create_profile

PASSPHRASE = "benchmark passphrase"
TODAY = dt.date(2026, 11, 24)


_DAYS_USED: dict[str, int] = {}  # per profile: the days already written (24 hours a day at most)


def writes(store: Store, n: int) -> float:
    services = Services.over(store, today=lambda: TODAY)
    family = services.families.add_family(name="Gezin Bench").id
    first = _DAYS_USED.get(store.device_id, 0)
    _DAYS_USED[store.device_id] = first + n // 20 + 1
    return timed(
        lambda: [
            services.hours.add_entry(  # 20 entries a day: within the 24 hours of a day
                family,
                date=TODAY - dt.timedelta(days=first + i // 20),
                minutes=30,
                activity="huisbezoek",
            )
            for i in range(n)
        ]
    )


def write_costs(folder: Path, n: int, rounds: int = 5) -> dict[str, float]:
    """Median seconds for n writes with the audit append, and without it, in alternating
    rounds on two profiles opened once (so neither side pays a warm-up the other did not):
    wall-clock time (the figure) and this thread's CPU time (the writes run on it; on a
    shared, loaded machine it shows the cost without the waits for the other processes)."""
    audited = create_profile(folder / "with", PASSPHRASE, user="bench", kdf=DEFAULT_KDF)
    bare = create_profile(folder / "without", PASSPHRASE, user="bench", kdf=DEFAULT_KDF)
    bare._append_audit = lambda *args: None  # type: ignore[method-assign]

    def measured(store: Store) -> tuple[float, float]:
        cpu = time.thread_time()
        wall = writes(store, n)
        return wall, time.thread_time() - cpu

    try:
        writes(audited, 20), writes(bare, 20)  # warm up both
        times: dict[str, list[tuple[float, float]]] = {"with": [], "without": []}
        for _ in range(rounds):
            times["with"].append(measured(audited))
            times["without"].append(measured(bare))
    finally:
        audited.close()
        bare.close()

    def median(side: str, i: int) -> float:
        return statistics.median(t[i] for t in times[side])

    return {
        "write_audit_ratio": median("with", 0) / median("without", 0),
        "write_audit_cpu_ratio": median("with", 1) / median("without", 1),
        "write_ms": median("with", 0) / n * 1000,
    }


def read_event_ms(folder: Path, n: int) -> float:
    with create_profile(folder / "reads", PASSPHRASE, user="bench", kdf=DEFAULT_KDF) as store:
        services = Services.over(store, today=lambda: TODAY)
        family = services.families.add_family(name="Gezin Lezen").id
        seconds = timed(lambda: [services.audit.log_opened(family, "hours") for _ in range(n)])
    return seconds / n * 1000


def chain_of(n: int) -> list[dict[str, Any]]:
    events, prev = [], GENESIS
    for seq in range(1, n + 1):
        event = {
            "seq": seq, "id": uuid7(), "event": "read", "at": "2026-11-24T09:00:00.000+00:00",
            "client": "0197c0de-0000-7000-8000-000000000001", "user": "anna",
            "responsible_user": "anna", "device": "0197c0de-0000-7000-8000-0000000000aa",
            "objects": '["families/0197c0de-0000-7000-8000-000000000001","view/hours"]',
        }  # fmt: skip
        event["prev_hash"] = prev
        event["hash"] = prev = link_hash(prev, [event[f] for f in EVENT_FIELDS])
        events.append(event)
    return events


def access_seconds(folder: Path, years: float) -> tuple[float, int]:
    """A two-year family on a real (SQLite) server database: its access document as JSON
    and as PDF. Returns the seconds and how many records it held."""
    from regiedesk.reports import render_access
    from regiedesk.sync.server.access import access_document
    from regiedesk.sync.server.db import ServerDB

    db = ServerDB(f"sqlite:///{folder / 'server.db'}")
    family = uuid7()
    days = int(365 * years)
    rows: list[tuple[Any, ...]] = []
    now = "2026-11-24T09:00:00.000+00:00"

    def change(entity: str, record: str, data: dict[str, Any], i: int) -> None:
        stamp = f"{1_700_000_000_000 + i:015d}-0000-bench"
        rows.append((uuid7(), "dev", "anna", family, entity, record, "insert",
                     json.dumps(data), stamp, now))  # fmt: skip

    change("families", family, {"id": family, "name": "Gezin Twee Jaar", "status": "actief",
                                "caseworker": "anna"}, 0)  # fmt: skip
    for i in range(4):
        change("members", uuid7(), {"family_id": family, "name": f"Lid {i}", "role": "kind"}, i)
    for day in range(0, days, 3):  # a visit every three days, a note every week
        record = uuid7()
        change("hours", record, {"family_id": family, "date": str(TODAY - dt.timedelta(days=day)),
                                 "minutes": 60, "activity": "huisbezoek", "caseworker": "anna"},
               10 + day)  # fmt: skip
        if day % 7 == 0:
            note = uuid7()
            change("notes", note, {"family_id": family, "title": f"Huisbezoek {day}"}, 10 + day)
            change("note_revisions", uuid7(), {"family_id": family, "note_id": note,
                   "body": "Een verslag van een huisbezoek. " * 20, "author": "anna",
                   "created_at": now}, 10 + day)  # fmt: skip
    with db.transaction() as tx:
        tx.append_changes(rows)
    try:

        def request() -> None:
            with db.reading() as tx:
                document = access_document(tx, family)
            json.dumps(document, ensure_ascii=False)
            render_access(document)

        return timed(request), len(rows)
    finally:
        db.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--writes", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds of writes")
    parser.add_argument("--reads", type=int, default=1000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--years", type=float, default=2.0)
    args = parser.parse_args()
    result: dict[str, Any] = machine_state()
    with tempfile.TemporaryDirectory(prefix="regiedesk-privacybench-") as tmp:
        folder = Path(tmp)
        progress(f"{args.writes} single writes, with and without the audit event")
        result.update(write_costs(folder, args.writes, args.rounds))
        result["write_audit_ratio_met"] = result["write_audit_ratio"] <= 1.10
        progress(f"{args.reads} read events")
        result["read_event_ms"] = read_event_ms(folder, args.reads)
        result["read_event_ms_met"] = result["read_event_ms"] <= 1.0
        progress(f"a chain of {args.events} events")
        events = chain_of(args.events)
        seconds = timed(lambda: verify_chain(events))
        assert verify_chain(events).ok
        result["chain_events"] = args.events
        result["chain_verify_s"] = seconds
        result["chain_verify_1m_s"] = seconds * 1_000_000 / args.events
        result["chain_verify_1m_s_met"] = result["chain_verify_1m_s"] <= 10.0
        progress(f"an access request for a family of {args.years} years")
        result["access_s"], result["access_records"] = access_seconds(folder, args.years)
        result["access_s_met"] = result["access_s"] <= 2.0
    emit(result)


if __name__ == "__main__":
    main()
