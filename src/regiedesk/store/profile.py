"""A profile on disk: its key envelope and its encrypted database, and their lifecycle.

Layout of a data directory::

    profile.key   the data key, sealed under the passphrase (JSON, no client data)
    profile.db    the SQLCipher 4 database (plus -wal and -shm while open)

Nothing in here writes to a data directory before the passphrase, the key and
the database have all been verified, so a failure leaves every file as it was.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlcipher3

from .. import __version__
from ..errors import (
    CorruptDatabase,
    MigrationFailed,
    NewerSchema,
    NoProfile,
    NotAProfile,
    ProfileExists,
    ProfileFileMissing,
    RecoveryFailed,
    StorageUnavailable,
    storage_reason,
)
from ..ids import uuid7
from ..recovery_key import (
    RecoveryEnvelope,
    load_private_key,
    seal_for_recovery,
    unseal_with_private_key,
)
from .database import DatabaseError, Store, storage_error
from .keys import (
    DEFAULT_KDF,
    MIN_PASSPHRASE_LENGTH,
    KdfParams,
    KeyEnvelope,
    check_new_passphrase,
    new_data_key,
    seal,
    unseal,
)
from .schema import APPLICATION_ID, SCHEMA_VERSION, migrate, schema_version

log = logging.getLogger(__name__)

KEY_FILE = "profile.key"
RECOVERY_FILE = "profile.recovery"  # the data key sealed to the organisation (recovery.py)
DB_FILE = "profile.db"


def profile_exists(data_dir: Path) -> bool:
    return (data_dir / KEY_FILE).exists() or (data_dir / DB_FILE).exists()


def _connect(db_path: Path, data_key: bytes) -> Any:
    conn = sqlcipher3.connect(str(db_path), isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
    conn.execute("PRAGMA cipher_log_level = NONE")  # our own messages say what happened
    return conn


def _tune(conn: Any) -> None:
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")  # durable across crashes in WAL mode
    conn.execute("PRAGMA temp_store = MEMORY")  # sorts and temp tables never touch the disk
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA cache_size = -32000")


def _read_envelope(data_dir: Path) -> KeyEnvelope:
    key_path = data_dir / KEY_FILE
    if not key_path.exists() or not (data_dir / DB_FILE).exists():
        if key_path.exists() or (data_dir / DB_FILE).exists():
            missing = DB_FILE if key_path.exists() else KEY_FILE
            raise ProfileFileMissing(str(data_dir / missing))
        raise NoProfile(str(data_dir))
    try:
        raw = key_path.read_bytes()
    except OSError as exc:
        raise NotAProfile(str(key_path)) from exc
    return KeyEnvelope.from_bytes(raw, source=str(key_path))


def _verify_database(conn: Any, db_path: Path) -> int:
    """Read the header through the cipher; returns the schema version. Writes nothing."""
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        version = schema_version(conn)
    except DatabaseError as exc:
        text = str(exc).lower()
        if "not a database" in text or "encrypted" in text:
            raise NotAProfile(str(db_path)) from exc
        storage = storage_error(exc, db_path)
        if storage is not None:
            raise storage from exc
        raise CorruptDatabase(str(db_path), type(exc).__name__) from exc
    if app_id != APPLICATION_ID:
        raise NotAProfile(str(db_path))
    if version > SCHEMA_VERSION:
        raise NewerSchema(version, SCHEMA_VERSION)
    return version


def unlock(data_dir: Path, passphrase: str) -> tuple[bytes, KeyEnvelope]:
    """Return the data key; raises WrongPassphrase, NoProfile or NotAProfile."""
    envelope = _read_envelope(data_dir)
    return unseal(envelope, passphrase), envelope


def open_profile(data_dir: Path, passphrase: str, *, recovery_key: bytes | None = None) -> Store:
    """Unlock and open a profile, migrating its schema if it is older than this version.
    With the organisation's ``recovery_key`` the data key is also sealed to it (once)."""
    data_key, _ = unlock(data_dir, passphrase)
    store = _open_with_key(data_dir / DB_FILE, data_key)
    if recovery_key is not None:
        seal_to_organisation(data_dir, data_key, recovery_key)
    return store


def seal_to_organisation(data_dir: Path, data_key: bytes, recovery_key: bytes) -> None:
    """Write ``profile.recovery`` for this key, unless it is there for this key already."""
    path = data_dir / RECOVERY_FILE
    with contextlib.suppress(OSError, RecoveryFailed):
        if RecoveryEnvelope.from_bytes(path.read_bytes()).recipient == recovery_key:
            return
    try:
        _write_atomically(path, seal_for_recovery(data_key, recovery_key).to_bytes())
    except OSError as exc:
        raise _as_storage_error(exc, data_dir) from exc
    log.info("data key sealed to the organisation's recovery key")


def recover_profile(
    data_dir: Path,
    private_key_pem: bytes,
    new: str,
    *,
    repeated: str | None = None,
    kdf: KdfParams = DEFAULT_KDF,
    min_passphrase_length: int = MIN_PASSPHRASE_LENGTH,
) -> None:
    """Set a new passphrase without the old one, with the organisation's private key. The
    old passphrase stops working; the database is not touched."""
    check_new_passphrase(new, repeated, minimum=min_passphrase_length)
    _read_envelope(data_dir)  # a profile, with both its files
    try:
        raw = (data_dir / RECOVERY_FILE).read_bytes()
    except OSError:
        raise RecoveryFailed("missing") from None
    data_key = unseal_with_private_key(
        RecoveryEnvelope.from_bytes(raw), load_private_key(private_key_pem)
    )
    conn = _connect(data_dir / DB_FILE, data_key)
    try:
        _verify_database(conn, data_dir / DB_FILE)  # the key really opens this database
    finally:
        conn.close()
    _reseal_key_file(data_dir, data_key, new, kdf)
    log.warning("passphrase reset with the organisation's recovery key")


@contextlib.contextmanager
def _no_trace_on_failure(db_path: Path) -> Iterator[None]:
    """On failure, remove the WAL and shared-memory files that this attempt created.

    Opening a WAL database creates ``-wal`` and ``-shm`` beside it; when the open
    then fails (a full or read-only disk, a damaged file) SQLite leaves them
    behind. They are removed only if neither existed before (so no other process
    has the profile open) and the WAL is empty (so it holds no commits).
    """
    sidecars = [db_path.with_name(db_path.name + suffix) for suffix in ("-wal", "-shm")]
    existed = any(path.exists() for path in sidecars)
    try:
        yield
    except BaseException:
        wal = sidecars[0]
        with contextlib.suppress(OSError):
            if not existed and (not wal.exists() or wal.stat().st_size == 0):
                for path in sidecars:
                    path.unlink(missing_ok=True)
        raise


def _open_with_key(db_path: Path, data_key: bytes) -> Store:
    with _no_trace_on_failure(db_path):
        store = _open_connection(db_path, data_key)
    store._reopen = lambda: _open_with_key(db_path, data_key)
    return store


def _open_connection(db_path: Path, data_key: bytes) -> Store:
    conn = _connect(db_path, data_key)
    try:
        version = _verify_database(conn, db_path)
        _tune(conn)
        try:
            migrate(conn, from_version=version)
        except DatabaseError as exc:
            storage = storage_error(exc, db_path)
            raise (storage or MigrationFailed(SCHEMA_VERSION)) from exc
    except DatabaseError as exc:
        conn.close()
        storage = storage_error(exc, db_path)
        raise (storage or CorruptDatabase(str(db_path), type(exc).__name__)) from exc
    except BaseException:
        conn.close()
        raise
    return Store(conn, path=db_path)


def create_profile(
    data_dir: Path,
    passphrase: str,
    *,
    user: str,
    repeated: str | None = None,
    kdf: KdfParams = DEFAULT_KDF,
    min_passphrase_length: int = MIN_PASSPHRASE_LENGTH,
    recovery_key: bytes | None = None,
) -> Store:
    """Make a new profile in an empty (or missing) data directory and open it (with the
    data key also sealed to the organisation's ``recovery_key`` when there is one)."""
    check_new_passphrase(passphrase, repeated, minimum=min_passphrase_length)
    if profile_exists(data_dir):
        raise ProfileExists(str(data_dir))
    created: list[Path] = []
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        data_key = new_data_key()
        db_path = data_dir / DB_FILE
        created += [
            db_path,
            db_path.with_name(DB_FILE + "-wal"),
            db_path.with_name(DB_FILE + "-shm"),
        ]
        conn = _connect(db_path, data_key)
        try:
            _tune(conn)
            migrate(conn, from_version=0)
            store = Store(conn, path=db_path)
            store.set_meta("device_id", uuid7())
            store.set_meta("user", user)
            store.set_meta("created_by_version", __version__)
        except BaseException:
            conn.close()
            raise
        store.close()
        created.append(data_dir / KEY_FILE)
        _write_atomically(data_dir / KEY_FILE, seal(data_key, passphrase, kdf).to_bytes())
    except (OSError, DatabaseError, StorageUnavailable) as exc:
        for path in created:  # a half-made profile would block the next attempt
            with contextlib.suppress(OSError):
                path.unlink()
        if isinstance(exc, StorageUnavailable):  # already said in words (by Store._atomic)
            raise
        raise _as_storage_error(exc, data_dir) from exc
    log.info("profile created (schema %d)", SCHEMA_VERSION)
    if recovery_key is not None:
        seal_to_organisation(data_dir, data_key, recovery_key)
    return _open_with_key(db_path, data_key)


def _as_storage_error(exc: BaseException, data_dir: Path) -> StorageUnavailable:
    if isinstance(exc, OSError):
        return StorageUnavailable(str(data_dir), storage_reason(exc.errno))
    return storage_error(exc, data_dir / DB_FILE) or StorageUnavailable(
        str(data_dir), "write_error"
    )


def _write_atomically(path: Path, content: bytes) -> None:
    """Write to a temporary file beside ``path``, fsync, and rename over it."""
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def change_passphrase(
    data_dir: Path,
    old: str,
    new: str,
    *,
    repeated: str | None = None,
    kdf: KdfParams = DEFAULT_KDF,
    min_passphrase_length: int = MIN_PASSPHRASE_LENGTH,
) -> None:
    """Re-seal the data key under a new passphrase. The database is not touched."""
    check_new_passphrase(new, repeated, minimum=min_passphrase_length)
    data_key, _ = unlock(data_dir, old)
    _reseal_key_file(data_dir, data_key, new, kdf)
    log.info("passphrase changed")


def _reseal_key_file(data_dir: Path, data_key: bytes, passphrase: str, kdf: KdfParams) -> None:
    """Replace ``profile.key`` with the data key sealed under ``passphrase``."""
    try:
        _write_atomically(data_dir / KEY_FILE, seal(data_key, passphrase, kdf).to_bytes())
    except OSError as exc:
        raise _as_storage_error(exc, data_dir) from exc


def remove_profile_files(data_dir: Path) -> None:
    """Delete a profile's files (used after a failed restore in tests and by device wipe)."""
    for name in (DB_FILE, DB_FILE + "-wal", DB_FILE + "-shm", KEY_FILE, RECOVERY_FILE):
        with contextlib.suppress(FileNotFoundError):
            (data_dir / name).unlink()
