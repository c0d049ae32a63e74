"""A profile's backup (one still-encrypted zip file) and its restore into an empty folder."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

from .. import __version__
from ..errors import BackupError, CorruptDatabase, FolderNotEmpty, NotAProfile, ProfileExists
from .check import check_profile
from .database import DatabaseError
from .keys import KeyEnvelope
from .profile import (
    DB_FILE,
    KEY_FILE,
    _as_storage_error,
    _connect,
    _no_trace_on_failure,
    _verify_database,
    profile_exists,
    unlock,
)

log = logging.getLogger(__name__)

BACKUP_FORMAT = "regiedesk-backup"


def backup_profile(data_dir: Path, passphrase: str, out: Path) -> None:
    """Write one consistent, still-encrypted copy of the profile to ``out`` (a zip file).

    The copy is taken with SQLite's online backup API, so the profile may be
    open in another process meanwhile. The key envelope travels along: the
    backup opens with the passphrase that was valid when it was made.
    """
    data_key, envelope = unlock(data_dir, passphrase)
    with _no_trace_on_failure(data_dir / DB_FILE):
        _backup(data_dir, data_key, envelope, out)
    log.info("backup written")


def _backup(data_dir: Path, data_key: bytes, envelope: KeyEnvelope, out: Path) -> None:
    if out.exists():
        raise BackupError(
            f"{out} bestaat al; er is niets overschreven. Kies een andere bestandsnaam.",
            f"{out} already exists; nothing was overwritten. Choose another file name.",
        )
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".regiedesk-backup-", dir=out.parent) as tmp:
            copy_path = Path(tmp) / DB_FILE
            source = _connect(data_dir / DB_FILE, data_key)
            try:
                version = _verify_database(source, data_dir / DB_FILE)
                target = _connect(copy_path, data_key)
                try:
                    source.backup(target)
                    target.execute("PRAGMA journal_mode = DELETE")
                finally:
                    target.close()
            finally:
                source.close()
            header = {"format": BACKUP_FORMAT, "version": 1, "schema": version, "app": __version__}
            partial = out.with_name(out.name + ".part")
            with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_STORED) as archive:
                archive.writestr("backup.json", json.dumps(header))
                archive.writestr(KEY_FILE, envelope.to_bytes())
                archive.write(copy_path, DB_FILE)
            os.replace(partial, out)
    except (OSError, DatabaseError) as exc:
        with contextlib.suppress(OSError):
            out.with_name(out.name + ".part").unlink()
        raise _as_storage_error(exc, out.parent) from exc


@contextlib.contextmanager
def _extracted(backup: Path, workdir: Path) -> Iterator[Path]:
    try:
        with zipfile.ZipFile(backup) as archive:
            names = set(archive.namelist())
            if not {"backup.json", KEY_FILE, DB_FILE} <= names:
                raise NotAProfile(str(backup))
            header = json.loads(archive.read("backup.json"))
            if header.get("format") != BACKUP_FORMAT:
                raise NotAProfile(str(backup))
            archive.extract(KEY_FILE, workdir)
            archive.extract(DB_FILE, workdir)
    except (zipfile.BadZipFile, json.JSONDecodeError, KeyError, UnicodeDecodeError) as exc:
        raise NotAProfile(str(backup)) from exc
    yield workdir


def restore_profile(backup: Path, data_dir: Path, passphrase: str) -> None:
    """Restore a backup into an empty data directory, after verifying it opens and is intact.

    A folder that holds anything at all is refused, and a folder this call had to
    create is removed again when the restore fails.
    """
    if profile_exists(data_dir):
        raise ProfileExists(str(data_dir))
    if data_dir.exists() and (not data_dir.is_dir() or any(data_dir.iterdir())):
        raise FolderNotEmpty(str(data_dir))
    if not backup.is_file():
        raise NotAProfile(str(backup))
    created = not data_dir.exists()
    try:
        _restore_into(backup, data_dir, passphrase)
    except BaseException:
        if created:
            shutil.rmtree(data_dir, ignore_errors=True)
        raise
    log.info("backup restored")


def _restore_into(backup: Path, data_dir: Path, passphrase: str) -> None:
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        with (
            tempfile.TemporaryDirectory(prefix=".restore-", dir=data_dir) as tmp,
            _extracted(backup, Path(tmp)) as staged,
        ):
            report = check_profile(staged, passphrase)
            if not report.ok:
                raise CorruptDatabase(str(backup), "integrity")
            os.replace(staged / DB_FILE, data_dir / DB_FILE)
            os.replace(staged / KEY_FILE, data_dir / KEY_FILE)
    except OSError as exc:
        raise _as_storage_error(exc, data_dir) from exc
