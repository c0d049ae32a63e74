from __future__ import annotations

import datetime as dt
import gzip
import json
import threading
import time
from typing import Any

from regiedesk.ids import uuid7
from regiedesk.sync import protocol as p
from regiedesk.sync.server import auth

from .conftest import PASSWORD, Running

DELEGATE = (
    "INSERT INTO delegations (id, family_id, user_name, valid_from, valid_until)"
    " VALUES (?, ?, ?, ?, ?)"
)


# what an insert of each entity needs besides what a test names (sync.rules refuses less)
COMPLETE: dict[str, dict[str, Any]] = {
    "families": {"name": "Gezin X", "status": "actief", "caseworker": "anna"},
    "hours": {"date": "2026-11-24", "minutes": 60, "activity": "huisbezoek", "caseworker": "anna"},
    "notes": {"title": "Verslag"},
    "members": {"name": "Kind", "role": "kind"},
    "note_revisions": {
        "body": "", "author": "anna", "created_at": "2026-11-24T10:00:00+00:00",
    },
}  # fmt: skip


def mutation(
    entity: str, family: str, record: str | None = None, op: str = "insert", **data: Any
) -> dict[str, Any]:
    record = record or (family if entity == "families" else uuid7())
    if op == "insert":
        required = dict(COMPLETE.get(entity, {}))
        if entity != "families":
            required["family_id"] = family
        if entity == "note_revisions":
            required["note_id"] = uuid7()
        data = {**required, **data}
    return {
        "mutation_id": uuid7(),
        "hlc": f"{int(time.time() * 1000):015d}-0000-dev",
        "entity": entity,
        "record_id": record,
        "family_id": family,
        "op": op,
        "data": data,
    }


def push(server: Running, token: str, *mutations: dict[str, Any]) -> list[dict[str, Any]]:
    with server.client(token) as c:
        response = c.post("/v1/sync/push", json={"mutations": list(mutations)})
    assert response.status_code == 200, response.text
    return list(response.json()["results"])


def pull_all(
    server: Running, token: str, since: int = 0, limit: int = 1000
) -> tuple[list[dict[str, Any]], int]:
    changes: list[dict[str, Any]] = []
    with server.client(token) as c:
        while True:
            page = c.get("/v1/sync/pull", params={"since": since, "limit": limit}).json()
            changes += page["changes"]
            since = page["cursor"]
            if not page["has_more"]:
                return changes, since


def new_family(server: Running, token: str, user: str, name: str = "Gezin X") -> str:
    family = uuid7()
    results = push(
        server, token, mutation("families", family, name=name, caseworker=user, status="actief")
    )
    assert results[0]["outcome"] == "accepted", results
    return family


def test_health_and_openapi(server: Running) -> None:
    with server.client() as c:
        assert c.get("/health").json()["status"] == "ok"
        assert "/v1/sync/push" in c.get("/openapi.json").json()["paths"]


def test_register_device(server: Running) -> None:
    server.add_user("anna")
    with server.client() as c:
        ok = c.post("/v1/devices", json={"user": "anna", "password": PASSWORD, "device_name": "l"})
        assert ok.status_code == 200 and len(ok.json()["token"]) > 30
        bad = c.post("/v1/devices", json={"user": "anna", "password": "fout", "device_name": "l"})
        nobody = c.post(
            "/v1/devices", json={"user": "niemand", "password": "x", "device_name": "l"}
        )
    assert bad.status_code == nobody.status_code == 401
    assert bad.json() == nobody.json()  # no hint whether the account exists
    token_hash = server.db.query("SELECT token_hash FROM devices")[0]["token_hash"]
    assert token_hash == auth.token_hash(ok.json()["token"])  # only the hash is stored


def test_teamleader_needs_the_second_factor(server: Running) -> None:
    secret = server.add_user("teun", "teamleader")
    assert secret
    body = {"user": "teun", "password": PASSWORD, "device_name": "kantoor"}
    with server.client() as c:
        # answered as a wrong password: the answer never confirms that the password was right
        missing = c.post("/v1/devices", json=body)
        assert (missing.status_code, missing.json()["detail"]["code"]) == (401, "bad_credentials")
        wrong = c.post("/v1/devices", json={**body, "totp": "000000"})
        assert (wrong.status_code, wrong.json()["detail"]["code"]) == (401, "bad_credentials")
        assert (
            c.post("/v1/devices", json={**body, "totp": auth.totp_code(secret)}).status_code == 200
        )


def test_push_is_idempotent_and_pull_pages(server: Running) -> None:
    token = server.device("anna")
    family = new_family(server, token, "anna")
    hours = [mutation("hours", family, minutes=30 + i, date="2026-11-24") for i in range(25)]
    assert {r["outcome"] for r in push(server, token, *hours)} == {"accepted"}
    again = push(server, token, *hours[:5])  # a lost response: the same ids again
    assert [r["outcome"] for r in again] == ["accepted"] * 5
    assert server.db.query("SELECT count(*) AS n FROM changes")[0]["n"] == 26
    changes, cursor = pull_all(server, token, limit=7)
    assert [c["mutation_id"] for c in changes[1:]] == [h["mutation_id"] for h in hours]
    assert [c["seq"] for c in changes] == sorted(c["seq"] for c in changes)
    more, _ = pull_all(server, token, since=cursor)
    assert more == []


def test_scope_and_delegation(server: Running) -> None:
    anna, bert = server.device("anna"), server.device("bert")
    family = new_family(server, anna, "anna", name="Gezin Geheim-Scope")
    push(server, anna, mutation("notes", family, title="Vertrouwelijk verslag"))
    assert pull_all(server, bert)[0] == []
    with server.client(bert) as c:
        refused = c.get("/v1/sync/pull", params={"family": family})
    assert refused.status_code == 404 and "Geheim" not in refused.text
    results = push(server, bert, mutation("hours", family, minutes=60, date="2026-11-24"))
    assert results[0]["outcome"] == "rejected" and results[0]["reason"] == "out_of_scope"
    takeover = push(server, bert, mutation("families", family, op="update", caseworker="bert"))
    assert takeover[0]["outcome"] == "rejected"
    today = dt.date.today()
    server.db.execute(
        DELEGATE,
        (
            uuid7(),
            family,
            "bert",
            (today - dt.timedelta(days=1)).isoformat(),
            (today + dt.timedelta(days=7)).isoformat(),
        ),
    )
    changes, _ = pull_all(server, bert)
    assert len(changes) == 2
    assert (
        push(server, bert, mutation("hours", family, minutes=60, date="2026-11-24"))[0]["outcome"]
        == "accepted"
    )
    server.db.execute(
        "UPDATE delegations SET valid_until = ?", ((today - dt.timedelta(days=1)).isoformat(),)
    )
    changes, _ = pull_all(server, bert)
    assert changes == []


def test_revoked_device_is_told(server: Running) -> None:
    token = server.device("anna")
    server.db.execute("UPDATE devices SET revoked = 1")
    with server.client(token) as c:
        response = c.get("/v1/sync/pull")
    assert response.status_code == 401 and response.json()["detail"]["code"] == "device_revoked"


def test_versions_size_format_and_clock(server: Running) -> None:
    token = server.device("anna")
    with server.client(token, **{p.SCHEMA_HEADER: "1"}) as old:
        response = old.get("/v1/sync/pull")
    assert response.status_code == 426 and response.json()["detail"]["code"] == "upgrade_required"
    with server.client(token) as c:
        big = c.post(
            "/v1/sync/push",
            content=b"{" + b" " * (p.MAX_BODY_BYTES + 10) + b"}",
            headers={"content-type": "application/json"},
        )
        assert big.status_code == 413
        broken = c.post(
            "/v1/sync/push", content=b"{not json", headers={"content-type": "application/json"}
        )
        assert broken.status_code == 422
        ahead = int(time.time() * 1000) + 3_600_000
        late = c.post("/v1/sync/push", json={"mutations": []}, headers={p.CLOCK_HEADER: str(ahead)})
        assert late.status_code == 409 and "device_time" in late.json()["detail"]
        family = uuid7()
        body = json.dumps(
            {"mutations": [mutation("families", family, caseworker="anna", status="actief")]}
        )
        zipped = c.post(
            "/v1/sync/push",
            content=gzip.compress(body.encode()),
            headers={"content-type": "application/json", "content-encoding": "gzip"},
        )
        assert zipped.status_code == 200 and zipped.json()["results"][0]["outcome"] == "accepted"


def test_team_overview_has_no_client_text_but_the_family_name(server: Running) -> None:
    anna = server.device("anna")
    leader = server.device("teun", "teamleader")
    server.db.execute("INSERT INTO teams (name) VALUES ('Oost')")
    for user in ("anna", "teun"):
        server.db.execute("INSERT INTO team_members (team, user_name) VALUES ('Oost', ?)", (user,))
    family = new_family(server, anna, "anna", name="Gezin Zichtbaar-Niet")
    push(
        server,
        anna,
        mutation("members", family, name="Philomena Geheim", bsn="123456782"),
        mutation("note_revisions", family, body="Zeer vertrouwelijke tekst"),
        mutation("hours", family, minutes=90, date="2026-11-23"),
        mutation("hours", family, minutes=30, date="2026-11-24"),
    )
    with server.client(leader) as c:
        response = c.get("/v1/team/overview", params={"from": "2026-11-01", "to": "2026-11-30"})
    assert response.status_code == 200
    for secret in ("Philomena", "123456782", "vertrouwelijk"):
        assert secret.lower() not in response.text.lower()
    person = response.json()["caseworkers"][0]
    assert person["active"] == 1
    assert response.json()["families"][0]["minutes_in_period"] == 120


def test_access_matrix(server: Running) -> None:
    tokens = {role: server.device(f"user-{role}", role) for role in auth.ROLES}
    owner = server.device("eigenaar")
    family = new_family(server, owner, "eigenaar", name="Gezin Buiten-Bereik")
    push(server, owner, mutation("notes", family, title="Buiten-Bereik verslag"))
    device_id = server.db.query("SELECT id FROM devices WHERE user_name = 'eigenaar'")[0]["id"]
    calls = [
        ("GET", "/v1/sync/pull", {"params": {"since": 0}}, {"caseworker"}),
        ("GET", "/v1/sync/pull", {"params": {"family": family}}, set()),
        (
            "POST",
            "/v1/sync/push",
            {"json": {"mutations": [mutation("hours", family, minutes=5, date="2026-11-24")]}},
            {"caseworker"},
        ),
        ("GET", "/v1/sync/checksum", {}, {"caseworker"}),
        ("GET", "/v1/team/overview", {}, {"teamleader"}),
        ("GET", "/v1/admin/devices", {}, {"admin"}),
        ("POST", f"/v1/admin/devices/{device_id}/revoke", {}, {"admin"}),
    ]
    for role, token in [*tokens.items(), ("anonymous", "")]:
        with server.client(token or None) as c:
            for method, path, kwargs, allowed in calls:
                response = c.request(method, path, **kwargs)
                assert "Buiten-Bereik" not in response.text, (role, path)
                if role in allowed:
                    assert response.status_code == 200, (role, path, response.text)
                    if path == "/v1/sync/push":
                        assert response.json()["results"][0]["outcome"] == "rejected"
                else:
                    assert response.status_code in (401, 403, 404), (
                        role,
                        path,
                        response.status_code,
                    )
    assert server.db.query("SELECT count(*) AS n FROM access_log WHERE outcome != 'ok'")[0]["n"] > 0


def test_refusals_are_logged_and_anonymous_calls_refused_before_their_body(
    server: Running,
) -> None:
    token = server.device("karin")
    device_id = server.db.query("SELECT id FROM devices WHERE user_name = 'karin'")[0]["id"]
    with server.client(token) as c:
        assert c.get("/v1/admin/devices").status_code == 403
    server.db.execute("UPDATE devices SET revoked = 1 WHERE id = ?", (device_id,))
    with server.client(token) as c:
        response = c.get("/v1/sync/pull", params={"since": 0})
    assert response.status_code == 401
    assert response.json()["detail"]["code"] == "device_revoked"
    logged = server.db.query(
        "SELECT action, outcome FROM access_log WHERE device_id = ? ORDER BY at", (device_id,)
    )
    assert [(r["action"], r["outcome"]) for r in logged[-2:]] == [
        ("role:admin", "refused"),
        ("/v1/sync/pull", "device_revoked"),
    ]
    with server.client() as c:  # no token and a body that would not validate
        response = c.post("/v1/sync/push", json={"mutations": "niet-een-lijst"})
    assert response.status_code == 401


def test_concurrent_pushes_never_let_a_puller_skip(server: Running) -> None:
    writers = [server.device(f"w{i}") for i in range(4)]
    families = [new_family(server, t, f"w{i}") for i, t in enumerate(writers)]
    reader_token = server.device("lezer")
    for family in families:  # the reader stands in for every family
        server.db.execute(
            DELEGATE,
            (uuid7(), family, "lezer", "2000-01-01", "2100-01-01"),
        )
    pushed: list[str] = []
    lock = threading.Lock()

    def write(token: str, family: str) -> None:
        for _ in range(15):
            batch = [mutation("hours", family, minutes=10, date="2026-11-24") for _ in range(3)]
            push(server, token, *batch)
            with lock:
                pushed.extend(m["mutation_id"] for m in batch)

    threads = [
        threading.Thread(target=write, args=(t, f)) for t, f in zip(writers, families, strict=True)
    ]
    for t in threads:
        t.start()
    seen: list[str] = []
    cursor = 0
    with server.client(reader_token) as c:
        while any(t.is_alive() for t in threads) or cursor == 0:
            page = c.get("/v1/sync/pull", params={"since": cursor, "limit": 50}).json()
            seen += [ch["mutation_id"] for ch in page["changes"]]
            cursor = page["cursor"]
        for t in threads:
            t.join()
        while True:
            page = c.get("/v1/sync/pull", params={"since": cursor, "limit": 50}).json()
            seen += [ch["mutation_id"] for ch in page["changes"]]
            cursor = page["cursor"]
            if not page["has_more"]:
                break
    assert len(seen) == len(set(seen))
    assert set(pushed) <= set(seen)


def test_work_from_before_a_handover_is_still_accepted(server: Running) -> None:
    anna, bert = server.device("anna"), server.device("bert")
    family = new_family(server, anna, "anna")
    before = mutation("hours", family, minutes=45, date="2026-11-20")
    before["hlc"] = f"{int((time.time() - 3600) * 1000):015d}-0000-dev"  # made an hour ago
    handed = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=30)
    server.db.execute(
        "UPDATE families SET previous_caseworker = caseworker, caseworker = 'bert',"
        " handed_over_at = ? WHERE id = ?",
        (handed.isoformat(), family),
    )
    # anna's laptop was last in touch two hours ago: what it pushes now may be older than now
    offline_since = dt.datetime.now(dt.UTC) - dt.timedelta(hours=2)
    server.db.execute(
        "UPDATE devices SET last_seen = ? WHERE user_name = 'anna'",
        (offline_since.isoformat(timespec="milliseconds"),),
    )
    after = mutation("hours", family, minutes=15, date="2026-11-24")  # made just now
    results = push(server, anna, before, after)
    assert [r["outcome"] for r in results] == ["accepted", "rejected"]
    assert len(pull_all(server, bert)[0]) == 2  # bert gets the family with anna's last hours
