"""The encrypted store against plain SQLite, on the same workload, in one run.

Both sides run the very same regiedesk code (Store, Tx, the services and the
indicators) with the same schema and PRAGMAs; the only difference is the
connection: stdlib ``sqlite3`` on a plain file, or ``sqlcipher3`` with the
profile's raw key. Last stdout line: one JSON object with the ratios
(encrypted / plain) and the raw seconds, and a ``<figure>_met`` per target: every
ratio at most 1.3, unlocking with the default Argon2id cost 0.3 to 1 s (slow enough
to hold off guessing, quick enough to sit through).

    .venv/bin/python bench/store.py            # full size
    .venv/bin/python bench/store.py --scale 0.01
    .venv/bin/python bench/store.py --parts write,bulk   # the write path only

The machine's state (load average, ``cpu_probe_ms``) is taken before and after the run
(``cpu_probe_end_ms``); the write and bulk workloads also report their CPU seconds
(``*_cpu_s``), which a busy machine disturbs less than their wall time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import sqlcipher3

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import emit, machine_state, median_of, progress, timed
from regiedesk.demo import generate_demo
from regiedesk.ids import uuid7
from regiedesk.services.families import FamilyService
from regiedesk.services.hours import HoursService
from regiedesk.services.indicators import IndicatorService
from regiedesk.store import DEFAULT_KDF, Store, create_profile, open_profile
from regiedesk.store.profile import DB_FILE, _connect, _tune, unlock
from regiedesk.store.schema import APPLICATION_ID, SCHEMA_VERSION, migrate

PASSPHRASE = "benchmark passphrase"
TODAY = dt.date(2026, 11, 24)
TARGET_RATIO = 1.3
TARGET_UNLOCK_S = (0.3, 1.0)


def plain_store(path: Path) -> Store:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    _tune(conn)
    migrate(conn, from_version=0)
    store = Store(conn, path=path)
    store.set_meta("device_id", uuid7())
    store.set_meta("user", "bench")
    return Store(conn, path=path)


def encrypted_store(folder: Path) -> Store:
    return create_profile(folder, PASSPHRASE, user="bench", kdf=DEFAULT_KDF)


def write_workload(store: Store, n: int) -> None:
    """n hours entries, one transaction each, through the service as the app does."""
    family = FamilyService(store, today=lambda: TODAY).add_family(name="Gezin Bench").id
    hours = HoursService(store, today=lambda: TODAY)
    start = TODAY - dt.timedelta(days=n // 20 + 1)
    for i in range(n):
        hours.add_entry(
            family, date=start + dt.timedelta(days=i // 20), minutes=30, activity="huisbezoek"
        )


def bulk_workload(store: Store, n: int, batch: int = 10_000) -> None:
    """n hours entries in large transactions (an import), still with outbox and audit."""
    family = FamilyService(store, today=lambda: TODAY).add_family(name="Gezin Bulk").id
    day = TODAY.isoformat()
    done = 0
    while done < n:
        with store.transaction(event="create", client=family) as tx:
            for _ in range(min(batch, n - done)):
                tx.insert(
                    "hours",
                    {
                        "family_id": family,
                        "date": day,
                        "minutes": 15,
                        "activity": "administratie",
                        "caseworker": "bench",
                    },
                )
                done += 1


def overview_queries(store: Store) -> int:
    """The caseload overview and, per family, the curves a team leader or caseworker opens."""
    indicators = IndicatorService(store, today=lambda: TODAY)
    rows = indicators.caseload()
    for row in rows:
        indicators.intensity_curve(row.family_id)
        indicators.active_parties_over_time(
            row.family_id, start=TODAY - dt.timedelta(days=730), end=TODAY
        )
        indicators.domain_trends(row.family_id)
    indicators.overdue_agreements()
    indicators.goals_reached_share()
    return len(rows)


def copy_plain_to_encrypted(plain: Path, encrypted_dir: Path) -> None:
    """Give the encrypted profile exactly the plain database's content."""
    probe = encrypted_store(encrypted_dir)
    probe.close()
    key, _ = unlock(encrypted_dir, PASSPHRASE)
    (encrypted_dir / DB_FILE).unlink()
    conn = sqlcipher3.connect(str(plain), isolation_level=None)  # no key: a plain file
    conn.execute(f"ATTACH DATABASE '{encrypted_dir / DB_FILE}' AS enc KEY \"x'{key.hex()}'\"")
    conn.execute("SELECT sqlcipher_export('enc')")
    conn.execute(f"PRAGMA enc.application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA enc.user_version = {SCHEMA_VERSION}")
    conn.execute("DETACH DATABASE enc")
    conn.close()


def timed_cpu(fn: Any) -> tuple[float, float]:
    """Wall and CPU seconds of one call."""
    cpu = time.process_time()
    wall = timed(fn)
    return wall, time.process_time() - cpu


PARTS = ("write", "bulk", "query")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=20261124)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--parts", default=",".join(PARTS), help="which of write,bulk,query to run (default all)"
    )
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    if not parts <= set(PARTS):
        parser.error(f"--parts: choose from {','.join(PARTS)}")
    writes = max(50, int(20_000 * args.scale))
    bulk = max(100, int(200_000 * args.scale))
    families = max(2, int(100 * args.scale))
    result: dict[str, Any] = {
        "writes": writes,
        "bulk_rows": bulk,
        "families": families,
        "python": platform.python_version(),
        **machine_state(),
    }
    with tempfile.TemporaryDirectory(prefix="regiedesk-bench-") as tmp:
        root = Path(tmp)
        for side in ("plain", "encrypted"):
            for part, size, workload in (
                ("write", writes, write_workload),
                ("bulk", bulk, bulk_workload),
            ):
                if part not in parts:
                    continue
                progress(f"{side}: {size} {part} rows")
                name = f"{side}-{part[0]}"
                store = (
                    plain_store(root / f"{name}.db")
                    if side == "plain"
                    else encrypted_store(root / name)
                )
                wall, cpu = timed_cpu(lambda s=store, w=workload, n=size: w(s, n))
                result[f"{part}_{side}_s"], result[f"{part}_{side}_cpu_s"] = wall, cpu
                result[f"{part}_{side}_ms"] = wall / size * 1000
                store.close()
        if "query" in parts:
            measure_queries(root, args.seed, families, args.repeat, result)

    names = [p for p in ("write", "bulk") if p in parts]
    names += ["query", "query_cold"] if "query" in parts else []
    for name in names:
        result[f"{name}_ratio"] = result[f"{name}_encrypted_s"] / result[f"{name}_plain_s"]
        result[f"{name}_ratio_met"] = result[f"{name}_ratio"] <= TARGET_RATIO
    if "unlock_seconds" in result:
        low, high = TARGET_UNLOCK_S
        result["unlock_seconds_met"] = low <= result["unlock_seconds"] <= high
    end = machine_state()
    result["cpu_probe_end_ms"] = end["cpu_probe_ms"]
    result["load_average_end"] = end["load_average_1min"]
    emit(result)


def measure_queries(
    root: Path, seed: int, families: int, repeat: int, result: dict[str, Any]
) -> None:
    """The overview's queries on demo data, warm and cold, and the unlock."""
    progress(f"caseload of {families} families (demo data, seed {seed})")
    plain_path = root / "caseload.db"
    store = plain_store(plain_path)
    generate_demo(store, seed=seed, families=families, today=TODAY)
    store.close()
    copy_plain_to_encrypted(plain_path, root / "caseload")

    def plain_open() -> Store:
        conn = sqlite3.connect(plain_path, isolation_level=None)
        _tune(conn)
        return Store(conn, path=plain_path)

    def encrypted_open() -> Store:
        key, _ = unlock(root / "caseload", PASSPHRASE)
        conn = _connect(root / "caseload" / DB_FILE, key)
        _tune(conn)
        return Store(conn, path=root / "caseload" / DB_FILE)

    for side, opener in (("plain", plain_open), ("encrypted", encrypted_open)):
        store = opener()
        assert overview_queries(store) == families
        result[f"query_{side}_s"] = median_of(repeat, lambda s=store: overview_queries(s))
        store.close()

        def cold(o: Any = opener) -> None:
            s = o()
            overview_queries(s)
            s.close()

        # the encrypted opener includes Argon2id; time the cold queries without it
        key_time = (
            median_of(3, lambda: unlock(root / "caseload", PASSPHRASE))
            if side == "encrypted"
            else 0.0
        )
        result[f"query_cold_{side}_s"] = max(0.0, median_of(repeat, cold) - key_time)

    progress("unlock with the default Argon2id cost")
    result["unlock_seconds"] = median_of(
        3, lambda: open_profile(root / "caseload", PASSPHRASE).close()
    )


if __name__ == "__main__":
    main()
