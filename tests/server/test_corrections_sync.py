"""Correction over real HTTP on SQLite and PostgreSQL: the client's request and own
statement sync to the server and to a colleague's laptop beside the record, the access
request hands them out with the record (JSON and PDF), and the central trail has who
recorded them."""

from __future__ import annotations

import io
import json
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pypdf

from ..cli_helpers import run_cli
from .conftest import Running
from .test_access_request import officer_profile
from .test_audit_trail import trail
from .world import Laptop, delegate

STATEMENT = "Ik ben het niet eens met deze inschatting: ik zorg elke dag voor eten."


def test_a_statement_travels_with_its_record(
    server: Running, laptop: Callable[..., Laptop], tmp_path: Path
) -> None:
    anna, bert = laptop("anna"), laptop("bert")
    family = anna.services.families.add_family(name="Gezin Verklaring", status="actief")
    mother = anna.services.families.add_member(family.id, name="Moeder Verklaring", role="ouder")
    goal = anna.services.plan.add_goal(
        family.id, domain="financien", text="Moeder zorgt voor eten", member_id=mother.id
    )
    asked = anna.services.corrections.add_correction(
        family.id, target_entity="goals", target_id=goal.id, request="Dit doel klopt niet",
        outcome="niet_gewijzigd", explanation="Inschatting van de regisseur", statement=STATEMENT,
    )  # fmt: skip
    anna.sync()
    [state] = server.db.query(
        "SELECT data FROM record_state WHERE entity = 'corrections' AND record_id = ?",
        (asked.id,),
    )
    assert json.loads(state["data"])["statement"] == STATEMENT
    delegate(server.db, family.id, "bert")
    bert.sync()
    [seen] = bert.services.corrections.list_corrections(family.id, target=("goals", goal.id))
    assert (seen.statement, seen.outcome, seen.recorded_by) == (STATEMENT, "niet_gewijzigd", "anna")
    later = bert.services.corrections.update_correction(asked.id, statement=STATEMENT + " Echt.")
    bert.sync()
    anna.sync()
    assert anna.services.corrections.get_correction(asked.id).statement == later.statement
    recorded = [
        r
        for r in trail(server)
        if f"corrections/{asked.id}" in json.loads(str(r["objects"]))
        and r["event"] in ("create", "update")
    ]  # fmt: skip (a sync's transfer events name it too)
    assert [(r["account"], r["event"]) for r in recorded] == [
        ("anna", "create"),
        ("bert", "update"),
    ]
    assert all(f"goals/{goal.id}" in json.loads(str(r["objects"])) for r in recorded)
    profile = officer_profile(server, tmp_path)
    out, pdf = tmp_path / "inzage.json", tmp_path / "inzage.pdf"
    done = run_cli(
        "privacy", "access", "--data-dir", str(profile), "--client", family.id,
        "--member", mother.id, "--out", str(out), "--pdf", str(pdf),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    records = json.loads(out.read_text(encoding="utf-8"))["records"]
    [given] = records["corrections"]  # the member's access holds what is about her record
    assert (given["target_entity"], given["target_id"]) == ("goals", goal.id)
    assert given["statement"] == later.statement
    assert [g["id"] for g in records["goals"]] == [goal.id]
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    flat = unicodedata.normalize("NFC", " ".join(text.split()))
    record_at = flat.index("Moeder zorgt voor eten")  # the goal, then its request beside it
    beside = flat[record_at : flat.index("Gezinsleden")]
    assert "Correctieverzoek" in beside and "Niet gewijzigd" in beside
    assert "Verklaring van de cliënt Ik ben het niet eens" in beside
