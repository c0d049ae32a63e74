"""``regiedesk check``: a profile's passphrase, key, schema, integrity and audit chain,
read without writing (a failure leaves every file as it was)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..check_report import CheckReport
from ..i18n import pick
from .database import DatabaseError, verify_audit_rows
from .profile import DB_FILE, _connect, _no_trace_on_failure, _verify_database, unlock
from .schema import SCHEMA_VERSION


def check_profile(data_dir: Path, passphrase: str) -> CheckReport:
    """Verify passphrase, key, schema and integrity. Raises for a profile that cannot be opened."""
    with _no_trace_on_failure(data_dir / DB_FILE):
        return _check(data_dir, passphrase)


def _check(data_dir: Path, passphrase: str) -> CheckReport:
    report = CheckReport()
    data_key, envelope = unlock(data_dir, passphrase)
    report.add(True, pick("Wachtwoord en sleutel: in orde", "Passphrase and key: OK"))
    report.add(
        True,
        pick(
            f"Sleutelafleiding: Argon2id, {envelope.kdf.memory_kib // 1024} MiB, "
            f"{envelope.kdf.iterations} rondes",
            f"Key derivation: Argon2id, {envelope.kdf.memory_kib // 1024} MiB, "
            f"{envelope.kdf.iterations} passes",
        ),
    )
    db_path = data_dir / DB_FILE
    conn = _connect(db_path, data_key)
    try:
        version = _verify_database(conn, db_path)
        report.add(
            version == SCHEMA_VERSION or version < SCHEMA_VERSION,
            pick(
                f"Schemaversie: {version} (deze versie: {SCHEMA_VERSION})",
                f"Schema version: {version} (this version: {SCHEMA_VERSION})",
            ),
        )
        try:
            integrity = [str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall()]
        except DatabaseError as exc:
            integrity = [type(exc).__name__]
        try:
            cipher = [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
        except DatabaseError as exc:
            cipher = [type(exc).__name__]
        report.add(
            integrity == ["ok"],
            pick("Integriteit (SQLite): ", "Integrity (SQLite): ") + "; ".join(integrity[:5]),
        )
        report.add(
            not cipher,
            pick("Integriteit (versleuteling): ", "Integrity (encryption): ")
            + ("; ".join(cipher[:5]) if cipher else "ok"),
        )
        if version >= 5 and integrity == ["ok"]:  # the chain came with schema 5
            report.add(*_audit_chain_line(conn))
    finally:
        conn.close()
    return report


def _audit_chain_line(conn: Any) -> tuple[bool, str]:
    chain = verify_audit_rows(conn)
    if chain.first_break is None:
        return True, pick(
            f"Audittrail: {chain.events} gebeurtenissen, de keten is ongeschonden",
            f"Audit trail: {chain.events} events, the chain is intact",
        )
    broken = chain.first_break
    what = {
        "changed": ("is veranderd", "was changed"),
        "removed_or_reordered": (
            "volgt niet op de vorige (weggehaald of verplaatst)",
            "does not follow the one before (removed or moved)",
        ),
    }[broken.kind]
    return False, pick(
        f"Audittrail: gebeurtenis {broken.seq} {what[0]}",
        f"Audit trail: event {broken.seq} {what[1]}",
    )
