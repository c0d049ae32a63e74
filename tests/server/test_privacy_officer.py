"""The privacy officer over real HTTP: a role with a second factor that reads, per client
and period, who saw or changed what, when, from which device (a table and a PDF); the
look itself is logged; audit events past the retention term are removed, the removal
logged, and the chain still verifies from where it was cut."""

from __future__ import annotations

import datetime as dt
import io
import json
import time
from collections.abc import Callable
from pathlib import Path

import pypdf

from regiedesk.reports import render_privacy, write_report
from regiedesk.store import create_profile
from regiedesk.sync import protocol as p
from regiedesk.sync.server import audit_trail
from regiedesk.sync.session import privacy_trail

from ..cli_helpers import run_cli
from ..conftest import FAST_KDF, PASSPHRASE
from .conftest import PASSWORD, Running
from .test_audit_trail import busy_day, trail
from .test_cli_sync import server_cli
from .world import Laptop

TODAY = dt.date.today()  # the trail's moments are the server's and laptops' real ones


def ask(server: Running, token: str, client: str) -> p.TrailAnswer:
    with server.client(token) as c:
        response = c.get(
            "/v1/privacy/trail",
            params={"client": client, "since": TODAY.isoformat(), "until": TODAY.isoformat()},
        )
    assert response.status_code == 200, response.text
    answer: p.TrailAnswer = response.json()
    return answer


def test_the_privacy_officer_signs_in_with_a_second_factor(server: Running) -> None:
    assert server.add_user("pia", "privacy_officer") is not None  # a TOTP secret
    body = {"user": "pia", "password": PASSWORD, "device_name": "laptop"}
    with server.client() as c:
        refused = c.post("/v1/devices", json=body)
    assert refused.status_code == 401 and refused.json()["detail"]["code"] == "bad_credentials"


def test_who_saw_or_changed_what_and_the_look_is_logged(
    server: Running, laptop: Callable[..., Laptop]
) -> None:
    anna, _bert, family = busy_day(server, laptop)
    officer = server.device("pia", "privacy_officer")
    events = ask(server, officer, family)["events"]
    seen = [(e["account"], e["event"]) for e in events]
    assert ("anna", "create") in seen and ("bert", "read") in seen
    bert_read = next(e for e in events if e["account"] == "bert" and e["event"] == "read")
    assert bert_read["device_name"] == "laptop-bert" and bert_read["at"].startswith(str(TODAY))
    assert "view/notes" in json.loads(bert_read["objects"])
    looked = [r for r in trail(server) if r["device_id"] == audit_trail.SERVER_DEVICE]
    assert [(r["account"], r["event"], r["client"]) for r in looked] == [("pia", "read", family)]
    assert ("pia", "read") in [
        (e["account"], e["event"]) for e in ask(server, officer, family)["events"]
    ]
    assert server_cli(server.db.url, "audit", "verify").returncode == 0
    other = anna.services.families.add_family(name="Gezin Ander")
    anna.sync()
    assert ask(server, officer, other.id)["events"][0]["event"] == "create"  # only its own


def test_a_caseworker_cannot_read_the_trail(server: Running, laptop: Callable[..., Laptop]) -> None:
    anna, _, family = busy_day(server, laptop)
    with server.client(anna.token) as c:
        response = c.get(
            "/v1/privacy/trail",
            params={"client": family, "since": "2026-01-01", "until": "2026-12-31"},
        )
    assert response.status_code == 403


def test_the_report_as_table_and_pdf(
    server: Running, laptop: Callable[..., Laptop], tmp_path: Path
) -> None:
    _, _, family = busy_day(server, laptop)
    officer = server.device("pia", "privacy_officer")
    profile = tmp_path / "pia"
    store = create_profile(profile, PASSPHRASE, user="pia", kdf=FAST_KDF)
    store.set_metas({"server_url": server.url, "device_token": officer})
    try:
        events = privacy_trail(store, family, TODAY, TODAY)
        report = render_privacy(family, TODAY, TODAY, events)
        write_report(store, report, tmp_path / "spoor.pdf")
        printed = store.query("SELECT event, client FROM audit_log WHERE event = 'print'")
        assert printed == [{"event": "print", "client": family}]
    finally:
        store.close()
    pdf = pypdf.PdfReader(io.BytesIO((tmp_path / "spoor.pdf").read_bytes()))
    words = " ".join(page.extract_text() for page in pdf.pages)
    assert "Wie zag of wijzigde wat" in words and "anna" in words and "bert" in words
    assert "laptop-bert" in words and "ingezien" in words
    table = run_cli(
        "privacy", "trail", "--data-dir", str(profile), "--client", family,
        "--from", TODAY.isoformat(), "--to", TODAY.isoformat(),
    )  # fmt: skip
    assert table.returncode == 0, table.stderr
    assert "\taangemaakt\tanna\t" in table.stdout and "gebeurtenissen" in table.stdout


def test_events_past_the_term_are_removed_and_the_removal_logged(
    server: Running, laptop: Callable[..., Laptop]
) -> None:
    anna, _, _ = busy_day(server, laptop)
    old = len(trail(server))
    time.sleep(1.1)  # the cut lies between the old events and the new ones
    cut = dt.datetime.now(dt.UTC).replace(microsecond=0)
    anna.services.families.add_family(name="Gezin Later")
    anna.sync()
    kept = len(trail(server))
    five_years_on = cut.replace(year=cut.year + 5)
    assert audit_trail.remove_expired(server.db, years=5, now=five_years_on, by="pia") == old
    rows = trail(server)
    assert len(rows) == kept - old + 1
    removal = rows[-1]
    assert (removal["account"], removal["event"]) == ("pia", "delete")
    assert f"audit/removed/{old}" in json.loads(str(removal["objects"]))
    verified = server_cli(server.db.url, "audit", "verify")
    assert verified.returncode == 0, verified.stdout
    anna.services.audit.log_opened(str(rows[0]["client"] or "x"), "overview")
    anna.sync()  # the chains go on after the cut
    assert server_cli(server.db.url, "audit", "verify").returncode == 0
    server.db.execute("DELETE FROM audit_events WHERE seq = ?", (rows[0]["seq"],))
    assert server_cli(server.db.url, "audit", "verify").returncode == 1


def test_the_term_comes_from_the_command_line_or_the_setting(server: Running) -> None:
    removed = server_cli(server.db.url, "audit", "remove-expired", "--by", "pia")
    assert removed.returncode == 0 and "older than 5 years" in removed.stdout
    removed = server_cli(server.db.url, "audit", "remove-expired", "--by", "pia", "--years", "7")
    assert "older than 7 years" in removed.stdout
