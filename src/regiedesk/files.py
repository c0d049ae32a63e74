"""Files the user asked for (exports, reports): always new, private (0600) and on disk
before they count."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from .errors import RegiedeskError, StorageUnavailable, storage_reason


def cannot_write(target: Path, exc: OSError) -> StorageUnavailable:
    return StorageUnavailable(str(target.parent), storage_reason(exc.errno))


def write_new_file(
    path: Path, data: bytes, *, exists: type[RegiedeskError], shown_as: Path | None = None
) -> None:
    """Create ``path`` (never over an existing file: ``exists`` is raised), mode 0600, write
    ``data`` and fsync it. A file that could not be written whole is removed again.
    ``shown_as`` is the name messages use (the target when ``path`` is a file beside it)."""
    target = shown_as or path
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise exists(
            f"{target} bestaat al; er is niets overschreven. Kies een andere bestandsnaam.",
            f"{target} already exists; nothing was overwritten. Choose another file name.",
        ) from None
    except OSError as exc:
        raise cannot_write(target, exc) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        with contextlib.suppress(OSError):
            path.unlink()
        raise cannot_write(target, exc) from exc
