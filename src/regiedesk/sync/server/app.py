"""The server's HTTP API (FastAPI). Every endpoint checks the caller's role and scope."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import logging
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from ...ids import uuid7
from ...store.schema import ENTITY_TABLES
from .. import protocol as p
from . import auth
from .db import ServerDB, Transaction
from .scope import families_in_scope, may_push

log = logging.getLogger("regiedesk.server")


class Register(BaseModel):
    user: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=1000)
    device_name: str = Field(min_length=1, max_length=200)
    totp: str | None = Field(default=None, max_length=10)


class MutationIn(BaseModel):
    mutation_id: str = Field(min_length=1, max_length=64)
    hlc: str = Field(min_length=1, max_length=120)
    entity: str = Field(max_length=40)
    record_id: str = Field(min_length=1, max_length=64)
    family_id: str | None = Field(default=None, max_length=64)
    op: str = Field(pattern="^(insert|update|delete)$")
    data: dict[str, Any]


class Push(BaseModel):
    mutations: list[MutationIn] = Field(max_length=5000)


class Caller(BaseModel):
    user: str
    role: str
    device_id: str


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def error(status: int, code: str, message: str, **extra: Any) -> HTTPException:
    return HTTPException(status, detail={"code": code, "message": message, **extra})


def create_app(db: ServerDB, *, today: Callable[[], dt.date] = dt.date.today) -> FastAPI:
    app = FastAPI(title="regiedesk server", version=str(p.PROTOCOL_VERSION))
    app.add_middleware(GZipMiddleware, minimum_size=1024)

    @app.middleware("http")
    async def limits_and_versions(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        size = int(request.headers.get("content-length") or 0)
        if size > p.MAX_BODY_BYTES:
            return JSONResponse(
                {"detail": {"code": "too_large", "message": "request body too large"}}, 413
            )
        if request.url.path.startswith("/v1/"):
            try:
                protocol = int(request.headers.get(p.PROTOCOL_HEADER, "0"))
                schema = int(request.headers.get(p.SCHEMA_HEADER, "0"))
            except ValueError:
                protocol = schema = 0
            low, high = p.SUPPORTED_PROTOCOLS
            slow, shigh = p.SUPPORTED_SCHEMAS
            if not (low <= protocol <= high and slow <= schema <= shigh):
                return JSONResponse(
                    {
                        "detail": {
                            "code": "upgrade_required",
                            "message": "this version of regiedesk is not supported: upgrade",
                            "protocols": [low, high],
                            "schemas": [slow, shigh],
                        }
                    },
                    426,
                )
        if request.headers.get("content-encoding") == "gzip":
            body = await request.body()
            try:
                raw = gzip.decompress(body)
            except (OSError, EOFError):
                return JSONResponse(
                    {"detail": {"code": "bad_body", "message": "body is not valid gzip"}}, 400
                )
            if len(raw) > p.MAX_BODY_BYTES:
                return JSONResponse(
                    {"detail": {"code": "too_large", "message": "request body too large"}}, 413
                )
            request._body = raw  # the decompressed body for the endpoint
            headers = [(k, v) for k, v in request.scope["headers"] if k != b"content-encoding"]
            request.scope["headers"] = headers
        return await call_next(request)

    def access(user: str | None, device: str | None, action: str, outcome: str) -> None:
        db.execute(
            "INSERT INTO access_log (at, user_name, device_id, action, outcome)"
            " VALUES (?, ?, ?, ?, ?)",
            (now_iso(), user, device, action, outcome),
        )

    def caller(request: Request) -> Caller:
        header = request.headers.get("authorization", "")
        if not header.lower().startswith("bearer "):
            raise error(401, "unauthorized", "sign in first")
        rows = db.query(
            "SELECT d.id, d.revoked, u.name, u.role, u.disabled FROM devices d"
            " JOIN users u ON u.name = d.user_name WHERE d.token_hash = ?",
            (auth.token_hash(header[7:].strip()),),
        )
        if not rows:
            raise error(401, "unauthorized", "unknown device token")
        row = rows[0]
        if row["revoked"]:
            access(row["name"], row["id"], request.url.path, "device_revoked")
            raise error(401, "device_revoked", "this device was revoked: its data must be wiped")
        if row["disabled"]:
            raise error(403, "user_disabled", "this account is disabled")
        db.execute("UPDATE devices SET last_seen = ? WHERE id = ?", (now_iso(), row["id"]))
        return Caller(user=row["name"], role=row["role"], device_id=row["id"])

    def require(role: str) -> Callable[[Caller], Caller]:
        def check(who: Caller = Depends(caller)) -> Caller:
            if who.role != role:
                access(who.user, who.device_id, f"role:{role}", "refused")
                raise error(403, "forbidden", "not allowed for your role")
            return who

        return check

    as_caseworker = Depends(require("caseworker"))
    as_teamleader = Depends(require("teamleader"))
    as_admin = Depends(require("admin"))

    @app.get("/health")
    def health() -> dict[str, Any]:
        try:
            ok = db.ping()
        except Exception as exc:  # reported, not raised: this is the monitoring endpoint
            log.error("health: database unreachable (%s)", type(exc).__name__)
            ok = False
        if not ok:
            raise HTTPException(503, detail={"code": "db_down", "message": "database unreachable"})
        return {"status": "ok", "protocol": p.PROTOCOL_VERSION}

    @app.post("/v1/devices")
    def register(body: Register) -> dict[str, str]:
        rows = db.query("SELECT * FROM users WHERE name = ?", (body.user,))
        user = rows[0] if rows else None
        valid = auth.verify_password(user["password_hash"] if user else None, body.password)
        if not user or not valid or user["disabled"]:
            access(body.user, None, "register", "bad_credentials")
            raise error(401, "bad_credentials", "wrong user name or password")
        second = auth.verify_totp(user["totp_secret"] or "", body.totp or "")
        if user["role"] in auth.NEEDS_SECOND_FACTOR and not (body.totp and second):
            access(body.user, None, "register", "second_factor")
            raise error(401, "second_factor", "a valid authenticator code is required")
        token = auth.new_token()
        device_id = uuid7()
        db.execute(
            "INSERT INTO devices (id, user_name, name, token_hash, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (device_id, body.user, body.device_name, auth.token_hash(token), now_iso()),
        )
        access(body.user, device_id, "register", "ok")
        log.info("device registered: %s", device_id)
        return {"device_id": device_id, "token": token, "user": body.user, "role": user["role"]}

    def check_clock(request: Request) -> None:
        raw = request.headers.get(p.CLOCK_HEADER)
        if raw is None:
            return
        device_ms, server_ms = int(raw), int(time.time() * 1000)
        if device_ms - server_ms > p.MAX_CLOCK_AHEAD_MS:
            raise error(
                409,
                "clock_ahead",
                "the device clock is too far ahead of the server",
                device_time=dt.datetime.fromtimestamp(device_ms / 1000, dt.UTC).isoformat(),
                server_time=dt.datetime.fromtimestamp(server_ms / 1000, dt.UTC).isoformat(),
            )

    @app.post("/v1/sync/push")
    def push(body: Push, request: Request, who: Caller = as_caseworker) -> dict[str, Any]:
        check_clock(request)
        results: list[p.MutationResult] = []
        with db.transaction() as tx:
            scope = families_in_scope(tx, who.user, today())
            accepted: list[tuple[MutationIn, str]] = []
            for m in body.mutations:
                seen = tx.query(
                    "SELECT 1 AS x FROM changes WHERE mutation_id = ?", (m.mutation_id,)
                )
                if seen:
                    results.append(
                        {"mutation_id": m.mutation_id, "outcome": "accepted", "reason": None}
                    )
                    continue
                reason = _refusal(tx, m, who, scope)
                if reason is not None:
                    results.append(
                        {"mutation_id": m.mutation_id, "outcome": "rejected", "reason": reason}
                    )
                    continue
                family = m.record_id if m.entity == "families" else str(m.family_id)
                if m.entity == "families" and family not in scope:
                    tx.execute(
                        "INSERT INTO families (id, caseworker, created_at) VALUES (?, ?, ?)",
                        (family, who.user, now_iso()),
                    )
                    scope.add(family)
                accepted.append((m, family))
                results.append(
                    {"mutation_id": m.mutation_id, "outcome": "accepted", "reason": None}
                )
            if accepted:
                first = tx.next_seq(len(accepted))
                received = now_iso()
                for offset, (m, family) in enumerate(accepted):
                    tx.execute(
                        "INSERT INTO changes (seq, mutation_id, device_id, user_name, family_id,"
                        " entity, record_id, op, data, hlc, received_at)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            first + offset,
                            m.mutation_id,
                            who.device_id,
                            who.user,
                            family,
                            m.entity,
                            m.record_id,
                            m.op,
                            p.dumps(m.data),
                            m.hlc,
                            received,
                        ),
                    )
        refused = sum(1 for r in results if r["outcome"] == "rejected")
        if refused:
            access(who.user, who.device_id, "push", f"rejected {refused}")
        return {"results": results}

    @app.get("/v1/sync/pull")
    def pull(
        since: int = Query(0, ge=0),
        limit: int = Query(p.PAGE_LIMIT, ge=1, le=p.PAGE_LIMIT),
        family: str | None = Query(None, max_length=64),
        who: Caller = as_caseworker,
    ) -> Response:
        rows: list[dict[str, Any]] = []
        with db.transaction() as tx:
            scope = families_in_scope(tx, who.user, today())
            refused = family is not None and family not in scope
            wanted = [family] if family is not None else sorted(scope)
            # Read the high-water mark first: commits happen in sequence order, so every
            # change up to it is visible to the next statement (even under READ COMMITTED).
            high = int(tx.query("SELECT value FROM counters WHERE name = 'changes'")[0]["value"])
            if wanted and not refused:
                marks = ", ".join("?" for _ in wanted)
                rows = tx.query(
                    "SELECT seq, mutation_id, hlc, entity, record_id, family_id, op, data,"
                    f" device_id FROM changes WHERE seq > ? AND seq <= ? AND family_id IN ({marks})"
                    " ORDER BY seq LIMIT ?",
                    (since, high, *wanted, limit),
                )
        if refused:
            access(who.user, who.device_id, "pull-family", "refused")
            raise error(404, "not_found", "no such family in your scope")
        more = len(rows) == limit
        cursor = int(rows[-1]["seq"]) if more else max(since, high)
        # the stored data is JSON already: splice it in rather than parse and re-encode it
        items = ",".join(
            json.dumps({**{k: v for k, v in r.items() if k != "data"}, "seq": int(r["seq"])})[:-1]
            + ',"data":'
            + r["data"]
            + "}"
            for r in rows
        )
        tail = json.dumps({"cursor": cursor, "has_more": more, "families": sorted(scope)})
        return Response('{"changes":[' + items + "]," + tail[1:], media_type="application/json")

    @app.get("/v1/sync/checksum")
    def checksum(
        families: str | None = Query(None, max_length=20_000),
        who: Caller = as_caseworker,
    ) -> dict[str, Any]:
        """Per-family checksums; ``families`` (comma-separated) narrows it to those."""
        with db.transaction() as tx:
            scope = sorted(families_in_scope(tx, who.user, today()))
            if families is not None:
                asked = set(families.split(","))
                scope = [f for f in scope if f in asked]
            result: dict[str, str] = {}
            for family in scope:
                rows = tx.query(
                    "SELECT entity, record_id, max(hlc) AS hlc FROM changes WHERE family_id = ?"
                    " GROUP BY entity, record_id",
                    (family,),
                )
                result[family] = p.family_checksum(
                    (r["entity"], r["record_id"], r["hlc"]) for r in rows
                )
        return {"families": result}

    @app.get("/v1/team/overview")
    def team_overview(who: Caller = as_teamleader) -> dict[str, Any]:
        """Per caseworker of the leader's teams: caseload and hours per family per ISO week.

        Built from the change log's hours and families records only; no note
        text, member names or BSNs are read, let alone returned.
        """
        with db.transaction() as tx:
            members = tx.query(
                "SELECT DISTINCT m.user_name FROM team_members m JOIN team_members me"
                " ON me.team = m.team WHERE me.user_name = ?",
                (who.user,),
            )
            people = sorted(r["user_name"] for r in members if r["user_name"] != who.user)
            overview = []
            for person in people:
                families = [
                    r["id"]
                    for r in tx.query("SELECT id FROM families WHERE caseworker = ?", (person,))
                ]
                hours: dict[str, dict[str, int]] = {}
                for family in families:
                    hours[family] = _hours_per_week(
                        tx.query(
                            "SELECT record_id, op, data FROM changes"
                            " WHERE family_id = ? AND entity = 'hours'"
                            " ORDER BY seq",
                            (family,),
                        )
                    )
                overview.append(
                    {"caseworker": person, "caseload": len(families), "hours_per_week": hours}
                )
        return {"caseworkers": overview}

    @app.get("/v1/admin/devices")
    def admin_devices(who: Caller = as_admin) -> dict[str, Any]:
        rows = db.query(
            "SELECT id, user_name, name, created_at, last_seen, revoked FROM devices"
            " ORDER BY created_at"
        )
        return {"devices": rows}

    @app.post("/v1/admin/devices/{device_id}/revoke")
    def admin_revoke(device_id: str, who: Caller = as_admin) -> dict[str, Any]:
        if not db.execute("UPDATE devices SET revoked = 1 WHERE id = ?", (device_id,)):
            raise error(404, "not_found", "no such device")
        access(who.user, who.device_id, "revoke", device_id)
        return {"revoked": device_id}

    return app


def _refusal(tx: Transaction, m: MutationIn, who: Caller, scope: set[str]) -> str | None:
    if m.entity not in ENTITY_TABLES:
        return "unknown_entity"
    if m.entity == "families":
        known = tx.query("SELECT caseworker FROM families WHERE id = ?", (m.record_id,))
        if known and m.record_id not in scope:
            return "out_of_scope"
        if not known and m.op != "insert":
            return "unknown_family"
        caseworker = m.data.get("caseworker")
        if caseworker is not None and caseworker != who.user and not known:
            return "not_your_family"
        if known and "caseworker" in m.data and known[0]["caseworker"] != who.user:
            return "handover_by_teamleader_only"
        return None
    if not m.family_id:
        return "out_of_scope"
    if m.family_id not in scope and not may_push(
        tx, who.user, m.family_id, _when(m.hlc), dt.date.today()
    ):
        return "out_of_scope"
    return None


def _when(hlc: str) -> dt.datetime:
    """The wall time inside a clock stamp (UTC)."""
    try:
        return dt.datetime.fromtimestamp(int(hlc.split("-", 1)[0]) / 1000, dt.UTC)
    except ValueError:
        return dt.datetime.now(dt.UTC)


def _hours_per_week(changes: list[dict[str, Any]]) -> dict[str, int]:
    state: dict[str, dict[str, Any]] = {}
    for change in changes:
        data = json.loads(change["data"])
        if change["op"] == "delete":
            state.pop(change["record_id"], None)
        else:
            state.setdefault(change["record_id"], {}).update(data)
    weeks: dict[str, int] = defaultdict(int)
    for record in state.values():
        if "date" in record and "minutes" in record:
            year, week, _ = dt.date.fromisoformat(record["date"]).isocalendar()
            weeks[f"{year}-W{week:02d}"] += int(record["minutes"])
    return dict(sorted(weeks.items()))
