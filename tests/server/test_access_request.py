"""An access request (inzage, AVG art. 15) over real HTTP: everything the server holds
about a family or one member, as JSON and as a readable PDF, and the hand-out logged."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pypdf

from regiedesk.store import create_profile

from ..cli_helpers import run_cli
from ..conftest import FAST_KDF, PASSPHRASE, TODAY
from .conftest import Running
from .test_audit_trail import trail
from .world import Laptop


def officer_profile(server: Running, folder: Path) -> Path:
    """A profile connected as the privacy officer ``pia``."""
    officer = server.device("pia", "privacy_officer")
    profile = folder / "pia"
    store = create_profile(profile, PASSPHRASE, user="pia", kdf=FAST_KDF)
    store.set_metas({"server_url": server.url, "device_token": officer})
    store.close()
    return profile


def test_everything_about_a_family_and_about_one_member(
    server: Running, laptop: Callable[..., Laptop], tmp_path: Path
) -> None:
    anna = laptop("anna")
    family = anna.services.families.add_family(name="Gezin Inzage", status="actief")
    mother = anna.services.families.add_member(family.id, name="Moeder Inzage", role="ouder")
    anna.services.families.add_member(family.id, name="Kind Inzage", role="kind")
    anna.services.hours.add_entry(family.id, date=TODAY, minutes=45, activity="huisbezoek")
    anna.services.notes.add_note(family.id, title="Huisbezoek", body="Het gaat goed met moeder.")
    measured = anna.services.assessments.add_assessment(
        family.id, instrument="zrm2017", moment="intake", date=TODAY, scores={"financien": 2},
        member_id=mother.id,
    )  # fmt: skip
    anna.sync()
    profile = officer_profile(server, tmp_path)
    out, pdf = tmp_path / "inzage.json", tmp_path / "inzage.pdf"
    done = run_cli(
        "privacy", "access", "--data-dir", str(profile), "--client", family.id,
        "--out", str(out), "--pdf", str(pdf),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    answer = json.loads(out.read_text(encoding="utf-8"))
    records = answer["records"]
    assert [r["name"] for r in records["families"]] == ["Gezin Inzage"]
    assert sorted(r["name"] for r in records["members"]) == ["Kind Inzage", "Moeder Inzage"]
    assert records["hours"][0]["minutes"] == 45
    assert records["note_revisions"][0]["body"] == "Het gaat goed met moeder."
    assert any(e["account"] == "anna" and e["event"] == "create" for e in answer["trail"])
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert "Inzage in de gegevens" in text and "Moeder Inzage" in text and "Het gaat goed" in text
    handed = [r for r in trail(server) if r["event"] == "export" and r["account"] == "pia"]
    assert [r["client"] for r in handed] == [family.id]
    one = tmp_path / "moeder.json"
    assert run_cli(
        "privacy", "access", "--data-dir", str(profile), "--client", family.id,
        "--member", mother.id, "--out", str(one),
    ).returncode == 0  # fmt: skip
    only = json.loads(one.read_text(encoding="utf-8"))["records"]
    assert set(only) == {"members", "assessments", "scores"}  # her measurement, its scores
    assert [r["name"] for r in only["members"]] == ["Moeder Inzage"]
    assert [r["id"] for r in only["assessments"]] == [measured.id]
    assert [(r["domain"], r["score"]) for r in only["scores"]] == [("financien", 2)]
