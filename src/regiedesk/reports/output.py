"""Printing without leaking: a report's PDF reaches the disk only where the user asked,
and never without its audit event.

The PDF is built in memory. ``write_report`` then writes the file inside the store
transaction that appends the NEN 7513 event "print" (the client, the report type):

- the file cannot be written (a full disk, a read-only folder): the transaction
  rolls back, so there is no event, and the partial file is removed;
- the event cannot be written or committed: the new file is removed, so there is
  no file without its event.

Replacing an existing file (``overwrite``, after the file dialog asked) goes through
a temporary file beside the target that replaces it only after the commit, so a failed
commit leaves the old file as it was. Nothing is ever written in the profile's folder.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from ..errors import ReportError
from ..files import cannot_write, write_new_file
from ..store import Store

log = logging.getLogger(__name__)


class ReportKind(StrEnum):
    PLAN = "plan"
    PROGRESS = "progress"
    HOURS = "hours"
    TEAM = "team"
    PRIVACY = "privacy"  # the privacy officer's view of the audit trail
    ACCESS = "access"  # everything held about a family, for an access request


@dataclass(frozen=True, slots=True)
class RenderedReport:
    """A finished PDF in memory, with what its audit event names."""

    kind: ReportKind
    pdf: bytes
    client: str | None  # the family the report is about; None when it covers several or none
    families: tuple[str, ...] = ()  # every family whose data it prints

    @property
    def objects(self) -> list[str]:
        return [f"reports/{self.kind.value}", *(f"families/{f}" for f in self.families)]


def write_report(
    store: Store,
    report: RenderedReport,
    out: Path,
    *,
    overwrite: bool = False,
    protected: Sequence[Path] = (),
) -> int:
    """Write the PDF to ``out`` with its audit event, all or nothing. Returns the bytes written.

    Without ``overwrite`` an existing file is refused (ReportError) and left alone.
    ``protected``: other folders of profiles (the app's data folder) refused like the
    store's own.
    """
    target = Path(out)
    for folder in (store.path.parent, *protected):
        _refuse_profile_folder(folder, target)
    if target.is_dir():
        raise ReportError(
            f"{target} is een map. Kies een bestandsnaam voor het rapport.",
            f"{target} is a folder. Choose a file name for the report.",
        )
    written: Path | None = None
    try:
        with store.transaction(event="print", client=report.client) as tx:
            tx.objects.extend(report.objects)
            written = _write_new(target, report.pdf, overwrite=overwrite)
    except BaseException:
        if written is not None:  # the event did not commit: no file without it
            with contextlib.suppress(OSError):
                written.unlink()
        raise
    if written != target:
        try:
            os.replace(written, target)
        except OSError as exc:
            with contextlib.suppress(OSError):
                written.unlink()
            raise cannot_write(target, exc) from exc
    log.info("report %s written (%d bytes)", report.kind.value, len(report.pdf))
    return len(report.pdf)


def _write_new(target: Path, data: bytes, *, overwrite: bool) -> Path:
    """Write ``data`` to a new file: ``target`` itself, or a temporary file beside it when
    an existing ``target`` is to be replaced. Returns the file written."""
    path = target
    if overwrite and target.exists():
        path = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
    write_new_file(path, data, exists=ReportError, shown_as=target)
    return path


def _refuse_profile_folder(folder_of_profile: Path, target: Path) -> None:
    profile = folder_of_profile.resolve()
    folder = target.parent.resolve()
    if folder == profile or profile in folder.parents:
        raise ReportError(
            f"Een rapport mag niet in de map van het profiel ({profile}) staan: die map is "
            "alleen voor versleutelde gegevens. Kies een andere map.",
            f"A report may not be saved in the profile's folder ({profile}): that folder holds "
            "encrypted data only. Choose another folder.",
        )
