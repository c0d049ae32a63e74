"""The server's HTTP API (FastAPI). Every endpoint checks the caller's role and scope."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import logging
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from json.encoder import encode_basestring_ascii
from typing import Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

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


@dataclass(frozen=True)
class Caller:
    user: str
    role: str
    device_id: str


class Refused(Exception):
    """A refusal that goes into the access log (written outside the refused transaction)."""

    def __init__(
        self, user: str, device: str, action: str, outcome: str, answer: HTTPException
    ) -> None:
        super().__init__(outcome)
        self.user, self.device, self.action, self.outcome = user, device, action, outcome
        self.answer = answer


LAST_SEEN_EVERY = dt.timedelta(seconds=60)


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


_CHANGE = (
    '{"seq":%d,"mutation_id":%s,"hlc":%s,"entity":%s,"record_id":%s,"family_id":%s,"op":%s,'
    '"device_id":%s,"data":'
)


def error(status: int, code: str, message: str, **extra: Any) -> HTTPException:
    return HTTPException(status, detail={"code": code, "message": message, **extra})


def _refuse(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"detail": {"code": code, "message": message, **extra}}, status)


class LimitsAndVersions:
    """Body size, protocol and schema versions, gzip request bodies: before any endpoint.

    Plain ASGI rather than ``@app.middleware("http")``: Starlette's BaseHTTPMiddleware
    runs every request through an extra task and memory streams, a noticeable share of
    the server's CPU time per request when many devices sync.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        refusal = self._check(scope["path"], headers)
        if refusal is None and headers.get("content-encoding") == "gzip":
            body = b""
            more = True
            while more:
                message = await receive()
                if message["type"] != "http.request":
                    break  # the client went away
                body += message.get("body", b"")
                more = message.get("more_body", False)
            try:
                raw = gzip.decompress(body)
            except (OSError, EOFError):
                refusal = _refuse(400, "bad_body", "body is not valid gzip")
            else:
                if len(raw) > p.MAX_BODY_BYTES:
                    refusal = _refuse(413, "too_large", "request body too large")
            if refusal is None:
                scope = dict(scope)
                scope["headers"] = [
                    (k, v) for k, v in scope["headers"] if k != b"content-encoding"
                ]  # the endpoint gets the decompressed body
                receive = _replay(raw, receive)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        await self.app(scope, receive, send)

    @staticmethod
    def _check(path: str, headers: Headers) -> JSONResponse | None:
        if int(headers.get("content-length") or 0) > p.MAX_BODY_BYTES:
            return _refuse(413, "too_large", "request body too large")
        if path.startswith("/v1/"):
            try:
                protocol = int(headers.get(p.PROTOCOL_HEADER, "0"))
                schema = int(headers.get(p.SCHEMA_HEADER, "0"))
            except ValueError:
                protocol = schema = 0
            low, high = p.SUPPORTED_PROTOCOLS
            slow, shigh = p.SUPPORTED_SCHEMAS
            if not (low <= protocol <= high and slow <= schema <= shigh):
                return _refuse(
                    426,
                    "upgrade_required",
                    "this version of regiedesk is not supported: upgrade",
                    protocols=[low, high],
                    schemas=[slow, shigh],
                )
        return None


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive channel that hands out ``body`` once, then the client's own messages."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # blocks until the client disconnects

    return replay


def create_app(db: ServerDB, *, today: Callable[[], dt.date] = dt.date.today) -> FastAPI:
    app = FastAPI(title="regiedesk server", version=str(p.PROTOCOL_VERSION))
    # level 1 rather than Starlette's 9: a pull page of 1,000 changes compresses in a tenth of
    # the time (3 ms instead of 25) and comes out 24% larger (57 KB instead of 46)
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=1)

    app.add_middleware(LimitsAndVersions)

    def access(user: str | None, device: str | None, action: str, outcome: str) -> None:
        db.execute(
            "INSERT INTO access_log (at, user_name, device_id, action, outcome)"
            " VALUES (?, ?, ?, ?, ?)",
            (now_iso(), user, device, action, outcome),
        )

    def identify(tx: Transaction, request: Request, role: str) -> Caller:
        """The caller of a request, checked in the request's own transaction.

        One transaction and one thread hand-off per request: as a FastAPI dependency
        the look-up ran on a thread of its own, in a transaction of its own.
        """
        header = request.headers.get("authorization", "")
        if not header.lower().startswith("bearer "):
            raise error(401, "unauthorized", "sign in first")
        rows = tx.query(
            "SELECT d.id, d.revoked, d.last_seen, u.name, u.role, u.disabled FROM devices d"
            " JOIN users u ON u.name = d.user_name WHERE d.token_hash = ?",
            (auth.token_hash(header[7:].strip()),),
        )
        if not rows:
            raise error(401, "unauthorized", "unknown device token")
        row = rows[0]
        if row["revoked"]:
            raise Refused(
                row["name"], row["id"], request.url.path, "device_revoked",
                error(401, "device_revoked", "this device was revoked: its data must be wiped"),
            )  # fmt: skip
        if row["disabled"]:
            raise error(403, "user_disabled", "this account is disabled")
        if row["role"] != role:
            raise Refused(
                row["name"], row["id"], f"role:{role}", "refused",
                error(403, "forbidden", "not allowed for your role"),
            )  # fmt: skip
        # last_seen is written at most once a minute per device: not a row write and a
        # WAL flush on every request of a device that syncs often
        now = dt.datetime.now(dt.UTC)
        cutoff = (now - LAST_SEEN_EVERY).isoformat(timespec="milliseconds")
        if row["last_seen"] is None or str(row["last_seen"]) < cutoff:
            tx.execute(
                "UPDATE devices SET last_seen = ? WHERE id = ?",
                (now.isoformat(timespec="milliseconds"), row["id"]),
            )
        return Caller(user=row["name"], role=row["role"], device_id=row["id"])

    async def bearer(request: Request) -> None:
        """Anonymous calls are refused before their body is read (on the event loop)."""
        if not request.headers.get("authorization", "").lower().startswith("bearer "):
            raise error(401, "unauthorized", "sign in first")

    signed = [Depends(bearer)]

    @contextmanager
    def signed_in(
        request: Request, role: str, *, read_only: bool = False
    ) -> Iterator[tuple[Transaction, Caller]]:
        """A transaction for a caller with ``role``; refusals are logged after its rollback.

        ``read_only`` requests (pull, checksum) run their statements without a transaction
        around them (``ServerDB.reading``).
        """
        try:
            with db.reading() if read_only else db.transaction() as tx:
                yield tx, identify(tx, request, role)
        except Refused as refused:
            access(refused.user, refused.device, refused.action, refused.outcome)
            raise refused.answer from None

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

    def check_clock(request: Request, stamps: list[str] | None = None) -> None:
        """Refuse a device clock that runs ahead, and stamps made while it ran ahead: they
        would beat everyone's newer edits until the real time caught up with them."""
        raw = request.headers.get(p.CLOCK_HEADER)
        server_ms = int(time.time() * 1000)
        try:
            newest = max((int(stamp.split("-", 1)[0]) for stamp in stamps or []), default=0)
        except ValueError:
            raise error(400, "bad_stamp", "a clock stamp is malformed") from None
        if (raw is None or int(raw) - server_ms <= p.MAX_CLOCK_AHEAD_MS) and (
            newest - server_ms > p.MAX_CLOCK_AHEAD_MS
        ):
            raise error(409, "stamps_ahead", "changes are stamped in the future")
        if raw is None:
            return
        device_ms = int(raw)
        if device_ms - server_ms > p.MAX_CLOCK_AHEAD_MS:
            raise error(
                409,
                "clock_ahead",
                "the device clock is too far ahead of the server",
                device_time=dt.datetime.fromtimestamp(device_ms / 1000, dt.UTC).isoformat(),
                server_time=dt.datetime.fromtimestamp(server_ms / 1000, dt.UTC).isoformat(),
            )

    @app.post("/v1/sync/push", dependencies=signed)
    def push(body: Push, request: Request) -> Response:
        results: list[p.MutationResult] = []
        with signed_in(request, "caseworker") as (tx, who):
            check_clock(request, [m.hlc for m in body.mutations])
            scope = families_in_scope(tx, who.user, today())
            # Known ids are answered without checks. A retry arriving while its original is
            # still being written does not see it here, but its insert below waits for the
            # original's commit and then skips the id (ON CONFLICT DO NOTHING), so it is
            # answered `accepted` too rather than failing on the unique mutation_id with a
            # 500. The sequence row lock, which every push waits for, is taken only by that
            # last step (`append_changes`), in one round trip with the commit.
            known = _known_mutations(tx, [m.mutation_id for m in body.mutations])
            accepted: list[tuple[MutationIn, str]] = []
            for m in body.mutations:
                if m.mutation_id in known:
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
                        "INSERT INTO families (id, caseworker, created_at) VALUES (?, ?, ?)"
                        " ON CONFLICT (id) DO NOTHING",  # a retry of a push still in progress
                        (family, who.user, now_iso()),
                    )
                    scope.add(family)
                accepted.append((m, family))
                known.add(m.mutation_id)  # the same id twice in one push: stored once
                results.append(
                    {"mutation_id": m.mutation_id, "outcome": "accepted", "reason": None}
                )
            if accepted:
                received = now_iso()
                tx.append_changes(
                    [
                        (
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
                        )
                        for m, family in accepted
                    ]
                )
        refused = sum(1 for r in results if r["outcome"] == "rejected")
        if refused:
            access(who.user, who.device_id, "push", f"rejected {refused}")
        # encoded here: FastAPI's serialisation of a returned dict through pydantic was
        # about 2% of the server's CPU time under load (py-spy)
        return Response(json.dumps({"results": results}), media_type="application/json")

    @app.get("/v1/sync/pull", dependencies=signed)
    def pull(
        request: Request,
        since: int = Query(0, ge=0),
        limit: int = Query(p.PAGE_LIMIT, ge=1, le=p.PAGE_LIMIT),
        family: str | None = Query(None, max_length=64),
    ) -> Response:
        rows: list[tuple[Any, ...]] = []
        with signed_in(request, "caseworker", read_only=True) as (tx, who):
            scope = families_in_scope(tx, who.user, today())
            refused = family is not None and family not in scope
            wanted = [family] if family is not None else sorted(scope)
            # Read the high-water mark first: commits happen in sequence order, so every
            # change up to it is visible to the next statement (even under READ COMMITTED).
            high = int(tx.query("SELECT value FROM counters WHERE name = 'changes'")[0]["value"])
            if wanted and not refused:
                marks = ", ".join("?" for _ in wanted)
                # The page's sequence numbers come from the (family_id, seq) index alone and
                # only those rows are read. The first look is at the next 8 pages' worth of the
                # log: with a dense scope the index scan stays short instead of covering (and
                # sorting) everything after the cursor; a sparse scope reads on to the end.
                sql = (
                    "SELECT seq, mutation_id, hlc, entity, record_id, family_id, op, device_id,"
                    " data FROM changes WHERE seq IN (SELECT seq FROM changes WHERE seq > ?"
                    f" AND seq <= ? AND family_id IN ({marks}) ORDER BY seq LIMIT ?) ORDER BY seq"
                )
                window = since + 8 * limit
                rows = tx.rows(sql, (since, min(high, window), *wanted, limit))
                if len(rows) < limit and window < high:
                    rows += tx.rows(sql, (window, high, *wanted, limit - len(rows)))
        if refused:
            access(who.user, who.device_id, "pull-family", "refused")
            raise error(404, "not_found", "no such family in your scope")
        more = len(rows) == limit
        cursor = int(rows[-1][0]) if more else max(since, high)
        # the stored data is JSON already: splice it in rather than parse and re-encode it
        q = encode_basestring_ascii
        items = ",".join(
            _CHANGE
            % (int(seq), q(mutation_id), q(hlc), q(entity), q(record_id), q(family), q(op), q(dev))
            + data
            + "}"
            for seq, mutation_id, hlc, entity, record_id, family, op, dev, data in rows
        )
        tail = json.dumps({"cursor": cursor, "has_more": more, "families": sorted(scope)})
        return Response('{"changes":[' + items + "]," + tail[1:], media_type="application/json")

    @app.get("/v1/sync/checksum", dependencies=signed)
    def checksum(
        request: Request,
        families: str | None = Query(None, max_length=20_000),
    ) -> dict[str, Any]:
        """Per-family checksums; ``families`` (comma-separated) narrows it to those."""
        with signed_in(request, "caseworker", read_only=True) as (tx, who):
            scope = sorted(families_in_scope(tx, who.user, today()))
            if families is not None:
                asked = set(families.split(","))
                scope = [f for f in scope if f in asked]
            result: dict[str, str] = {}
            for family in scope:
                # the newest stamp per record, taken here: twice as fast as GROUP BY on SQLite
                newest: dict[tuple[str, str], str] = {}
                for entity, record_id, hlc in tx.rows(
                    "SELECT entity, record_id, hlc FROM changes WHERE family_id = ?", (family,)
                ):
                    key = (entity, record_id)
                    if hlc > newest.get(key, ""):
                        newest[key] = hlc
                result[family] = p.family_checksum((e, r, h) for (e, r), h in newest.items())
        return {"families": result}

    @app.get("/v1/team/overview", dependencies=signed)
    def team_overview(request: Request) -> dict[str, Any]:
        """Per caseworker of the leader's teams: caseload and hours per family per ISO week.

        Built from the change log's hours and families records only; no note
        text, member names or BSNs are read, let alone returned.
        """
        with signed_in(request, "teamleader") as (tx, who):
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

    @app.get("/v1/admin/devices", dependencies=signed)
    def admin_devices(request: Request) -> dict[str, Any]:
        with signed_in(request, "admin") as (tx, _who):
            rows = tx.query(
                "SELECT id, user_name, name, created_at, last_seen, revoked FROM devices"
                " ORDER BY created_at"
            )
        return {"devices": rows}

    @app.post("/v1/admin/devices/{device_id}/revoke", dependencies=signed)
    def admin_revoke(device_id: str, request: Request) -> dict[str, Any]:
        with signed_in(request, "admin") as (tx, who):
            revoked = tx.execute("UPDATE devices SET revoked = 1 WHERE id = ?", (device_id,))
        if not revoked:
            raise error(404, "not_found", "no such device")
        access(who.user, who.device_id, "revoke", device_id)
        return {"revoked": device_id}

    return app


def _known_mutations(tx: Transaction, ids: list[str]) -> set[str]:
    """Which of these mutation ids the server already holds (one query per 500)."""
    known: set[str] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        known.update(
            row[0]
            for row in tx.rows(
                f"SELECT mutation_id FROM changes WHERE mutation_id IN ({marks})", chunk
            )
        )
    return known


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
    if not may_push(tx, who.user, m.family_id, _when(m.hlc), scope):
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
