"""A caseworker's access overview of their own family over real HTTP on SQLite and
PostgreSQL: the central trail (colleagues' laptops and the server's own events) with this
laptop's events not yet sent; another family is refused; offline, the laptop's alone; the
look itself logged."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

from regiedesk.sync.family_trail import family_trail, summary

from .conftest import Running
from .test_audit_trail import trail
from .world import Laptop, delegate

START, END = dt.date(2026, 1, 1), dt.date.today() + dt.timedelta(days=1)


def connected(laptop: Laptop, url: str) -> Laptop:
    laptop.store.set_metas({"server_url": url, "device_token": laptop.token})
    return laptop


def test_who_saw_or_changed_my_family(server: Running, laptop: Callable[..., Laptop]) -> None:
    anna, bert = connected(laptop("anna"), server.url), connected(laptop("bert"), server.url)
    family = anna.services.families.add_family(name="Gezin Spoor", status="actief")
    anna.services.families.add_member(family.id, name="Moeder Spoor", role="ouder")
    other = bert.services.families.add_family(name="Gezin Ander", status="actief")
    anna.sync()
    bert.sync()
    delegate(server.db, family.id, "bert")
    bert.sync()
    bert.services.audit.log_opened(family.id, "plan")  # bert looks while standing in
    bert.sync()
    anna.services.audit.log_opened(family.id, "overview")  # not sent yet
    seen = family_trail(anna.store, family.id, START, END)
    assert seen.central
    rows = {(r.user, r.event, r.central) for r in seen.rows}
    assert ("anna", "create", True) in rows and ("bert", "read", True) in rows
    assert ("anna", "read", False) in rows  # this laptop's, not yet in the central trail
    [bert_read] = [r for r in seen.rows if r.user == "bert" and r.event == "read"]
    assert bert_read.device == "laptop-bert" and "view/plan" in bert_read.objects
    assert len({(r.at, r.user, r.event, tuple(r.objects)) for r in seen.rows}) == len(seen.rows)
    people = {p["user"]: p for p in summary(seen.rows)}
    assert people["bert"]["reads"] >= 1 and people["anna"]["changes"] >= 2
    assert all(e["client"] != other.id for e in trail(server) if e["account"] == "anna")
    looks = [
        e for e in trail(server)
        if e["account"] == "anna" and e["device_id"] == "server" and e["client"] == family.id
    ]  # fmt: skip
    assert len(looks) == 1 and "families/" + family.id in json.loads(str(looks[0]["objects"]))
    logged = anna.store.query("SELECT objects FROM audit_log WHERE event = 'read'")
    assert any("view/trail" in json.loads(r["objects"]) for r in logged)
    refused = family_trail(anna.store, other.id, START, END)  # bert's family: 404 for anna
    assert not refused.central and refused.rows == []
    with server.client(anna.token) as c:
        answer = c.get("/v1/sync/trail", params={"client": other.id, "since": "2026-01-01",
                                                 "until": "2026-12-31"})  # fmt: skip
    assert answer.status_code == 404 and "Gezin Ander" not in answer.text


def test_offline_the_laptops_own_events(laptop: Callable[..., Laptop]) -> None:
    anna = laptop("anna")
    anna.store.set_metas({"server_url": "https://127.0.0.1:9", "device_token": anna.token})
    family = anna.services.families.add_family(name="Gezin Offline", status="actief")
    seen = family_trail(anna.store, family.id, START, END)
    assert not seen.central
    assert [(r.user, r.event, r.central) for r in seen.rows] == [("anna", "create", False)]
