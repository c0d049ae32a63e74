"""Printing without leaking: the file and its audit event are written together or not at
all, only where the user asked, never in the profile's folder."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from regiedesk import reports
from regiedesk.errors import ReportError, StorageUnavailable
from regiedesk.reports import RenderedReport, ReportKind
from regiedesk.services import Services
from regiedesk.store import Store

from ..conftest import TODAY

PDF = b"%PDF-1.4 test report\n%%EOF\n"


def _report(family_id: str | None) -> RenderedReport:
    return RenderedReport(ReportKind.PLAN, PDF, family_id, (family_id,) if family_id else ())


def _prints(store: Store) -> list[dict]:
    return store.query("SELECT * FROM audit_log WHERE event = 'print' ORDER BY seq")


def _names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def test_a_written_report_is_one_print_event(store: Store, family_id: str, tmp_path: Path) -> None:
    out = tmp_path / "out" / "plan.pdf"
    out.parent.mkdir()
    profile_files = _names(store.path.parent)
    size = reports.write_report(store, _report(family_id), out)
    assert size == len(PDF) and out.read_bytes() == PDF
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    (event,) = _prints(store)
    assert event["client"] == family_id and event["user"] == "regisseur.anna"
    assert json.loads(event["objects"]) == ["reports/plan", f"families/{family_id}"]
    assert _names(out.parent) == {"plan.pdf"}
    assert _names(store.path.parent) == profile_files  # nothing new beside the database


def test_a_real_report_from_the_services(store: Store, family_id: str, tmp_path: Path) -> None:
    services = Services(store, today=lambda: TODAY)
    services.plan.add_goal(family_id, domain="financien", text="Rondkomen.")
    out = tmp_path / "plan.pdf"
    reports.write_report(store, reports.plan_report(services, family_id), out)
    assert out.read_bytes().startswith(b"%PDF") and len(_prints(store)) == 1


def test_file_write_fails_no_event_no_file(
    store: Store, family_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "plan.pdf"
    real_fsync = os.fsync

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(StorageUnavailable, match="de schijf is vol"):
        reports.write_report(store, _report(family_id), out)
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert not out.exists() and _names(tmp_path) == {"profile"}
    assert _prints(store) == []


def test_event_fails_after_the_file_was_written_no_file_no_event(
    store: Store, family_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "plan.pdf"
    seen: list[bool] = []
    real = Store._append_audit

    def failing(self: Store, *args: object, **kwargs: object) -> None:
        seen.append(out.exists())  # the file is there when the event is appended...
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(Store, "_append_audit", failing)
    with pytest.raises(RuntimeError):
        reports.write_report(store, _report(family_id), out)
    monkeypatch.setattr(Store, "_append_audit", real)
    assert seen == [True]
    assert not out.exists() and _names(tmp_path) == {"profile"}  # ...and gone after
    assert _prints(store) == []


def test_commit_fails_no_file(
    store: Store, family_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "plan.pdf"
    real = Store.put_meta

    def failing(self: Store, key: str, value: str) -> None:
        if key == "clock":  # the last statement before COMMIT
            raise StorageUnavailable(str(self.path.parent), "full")
        real(self, key, value)

    monkeypatch.setattr(Store, "put_meta", failing)
    with pytest.raises(StorageUnavailable):
        reports.write_report(store, _report(family_id), out)
    monkeypatch.setattr(Store, "put_meta", real)
    assert not out.exists() and _prints(store) == []


def test_an_existing_file_is_refused_unless_overwrite(
    store: Store, family_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "plan.pdf"
    out.write_bytes(b"old")
    with pytest.raises(ReportError, match="bestaat al"):
        reports.write_report(store, _report(family_id), out)
    assert out.read_bytes() == b"old" and _prints(store) == []

    monkeypatch.setattr(Store, "_append_audit", lambda *a, **k: (_ for _ in ()).throw(OSError()))
    with pytest.raises(OSError):
        reports.write_report(store, _report(family_id), out, overwrite=True)
    monkeypatch.undo()
    assert out.read_bytes() == b"old"  # an event that failed keeps the old file
    assert _names(tmp_path) == {"profile", "plan.pdf"}  # and no temporary file

    reports.write_report(store, _report(family_id), out, overwrite=True)
    assert out.read_bytes() == PDF and len(_prints(store)) == 1
    assert _names(tmp_path) == {"profile", "plan.pdf"}


def test_never_in_the_profile_folder_or_onto_a_folder(
    store: Store, family_id: str, tmp_path: Path
) -> None:
    before = _names(store.path.parent)
    for out in (store.path.parent / "plan.pdf", store.path.parent / "sub" / "plan.pdf"):
        with pytest.raises(ReportError, match="map van het profiel"):
            reports.write_report(store, _report(family_id), out)
    elsewhere = tmp_path / "data"  # the app's data folder, while a practice profile is open
    with pytest.raises(ReportError, match="map van het profiel"):
        reports.write_report(
            store, _report(family_id), elsewhere / "x" / "p.pdf", protected=(elsewhere,)
        )
    with pytest.raises(ReportError, match="is een map"):
        reports.write_report(store, _report(family_id), tmp_path)
    assert _names(store.path.parent) == before and _prints(store) == []


def test_a_missing_folder_is_a_clear_error(store: Store, family_id: str, tmp_path: Path) -> None:
    with pytest.raises(StorageUnavailable, match="Kan niet schrijven"):
        reports.write_report(store, _report(family_id), tmp_path / "nope" / "plan.pdf")
    assert _prints(store) == []
