"""A caseworker's laptop syncing: push its changes, pull everyone's, compare checksums.

These are the hot paths under load: each request is one thread hand-off and one
database unit, and the answers are encoded here rather than by FastAPI.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from json.encoder import encode_basestring_ascii
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from ....clock import utc_now, utc_text
from ... import protocol as p
from .. import audit_trail, auth, destruction, first_pull, queries, state, team_queries
from ..bodies import Day, MutationIn, Push
from ..db import ServerDB, Transaction
from ..identity import SIGNED, Caller, Refused, error, signed_in
from ..queries import Alongside
from ..rules import check_clock, named, refusal
from ..scope import families_in_scope, scope_column, scope_statement

_CHANGE = (
    '{"seq":%d,"mutation_id":%s,"hlc":%s,"entity":%s,"record_id":%s,"family_id":%s,"op":%s,'
    '"device_id":%s,"data":'
)
_RECORD = '{"entity":%s,"record_id":%s,"family_id":%s,"hlc":%s,"field_hlc":'


def _json(answer: Mapping[str, Any]) -> Response:
    """Encoded here: FastAPI's serialisation of a returned dict through pydantic was about
    2% of the server's CPU time under load (py-spy)."""
    return Response(json.dumps(answer), media_type="application/json")


def _claimed(m: MutationIn) -> str:
    return m.record_id if m.entity == "families" else str(m.family_id)


def _wanted(mutations: Sequence[MutationIn]) -> dict[str, set[str]]:
    wanted: dict[str, set[str]] = {}
    for m in mutations:
        wanted.setdefault(m.entity, set()).add(m.record_id)
    return wanted


def _push_reads(
    tx: Transaction, user: str, day: dt.date, mutations: Sequence[MutationIn]
) -> tuple[set[str], set[str], set[str], dict[tuple[str, str], state.Record]]:
    """The caller's scope, which mutation ids the server holds, which of the records the
    mutations name were destroyed with a member, and the current state of the pushed
    records, read under the lock of their families: one round trip.

    Locked first, so a retry arriving while its original is still being written waits
    for the original's commit and then finds its ids known (and answers them
    `accepted`). The sequence row lock, which every push waits for, is taken only by
    the last step (`append_changes`), in one round trip with the commit.
    """
    locked = state.reads(tx, sorted({_claimed(m) for m in mutations}), _wanted(mutations))
    known = queries.known_statements([m.mutation_id for m in mutations])
    named_ids: set[str] = set().union(*map(named, mutations))
    destroyed = destruction.destroyed_statements(named_ids)
    results = tx.gather([scope_statement(user, day), *known, *destroyed, *locked.statements])
    scope = {row[0] for row in results[0]}
    ends = (1 + len(known), 1 + len(known) + len(destroyed))
    held_ids = {row[0] for rows in results[1 : ends[0]] for row in rows}
    gone = {str(row[0]) for rows in results[ends[0] : ends[1]] for row in rows}
    return scope, held_ids, gone, locked.records(results[ends[1] :])


def push_alongside(
    request: Request, day: dt.date, mutations: Sequence[MutationIn]
) -> tuple[Alongside, state.LockedRead]:
    """``_push_reads`` on PostgreSQL, sent with the token's look-up in one round trip: the
    scope, the known ids and the destroyed ones as columns of the caller's row; the
    families locked (only for a device that may push: nothing is locked for one that is
    refused) and the records read after it."""
    ids = [m.mutation_id for m in mutations]
    named_ids = sorted(set().union(*map(named, mutations)))
    token = auth.token_hash(request.headers.get("authorization", "")[7:].strip())
    allowed = (
        "EXISTS (SELECT 1 FROM devices g JOIN users gu ON gu.name = g.user_name"
        " WHERE g.token_hash = ? AND g.revoked = 0 AND gu.disabled = 0 AND gu.role = ?)"
    )
    locked = state.locking_reads(
        sorted({_claimed(m) for m in mutations}),
        _wanted(mutations),
        (allowed, (token, p.Role.CASEWORKER.value)),
    )
    columns = [
        scope_column(day),
        ("known", "ARRAY(SELECT mutation_id FROM changes WHERE mutation_id = ANY(?))", (ids,)),
        ("gone", "ARRAY(SELECT record_id FROM destroyed_records WHERE record_id = ANY(?))",
         (named_ids,)),
    ]  # fmt: skip
    return Alongside(columns, locked.statements), locked


def push_answer(
    db: ServerDB, today: Callable[[], dt.date], body: Push, request: Request
) -> Response:
    """``POST /v1/sync/push``: through FastAPI's route or the fast lane (``fast_lane``)."""
    day = today()
    alongside: Alongside | None = None
    locked: state.LockedRead | None = None
    if db.postgres:
        alongside, locked = push_alongside(request, day, body.mutations)
    with signed_in(db, request, p.Role.CASEWORKER, alongside=alongside) as (tx, who):
        check_clock(request, [m.hlc for m in body.mutations])
        if locked is None:
            scope, known, gone, held = _push_reads(tx, who.user, day, body.mutations)
        else:
            scope, known, gone, held = pushed_reads(who, locked)
        received = utc_now()  # the right to push is judged by this, not by a stamp
        results, accepted, added = judged(
            tx, body.mutations, who, received, scope, known, gone, held
        )
        if added:  # not locked above (no row yet): a retry of this push may have added it
            news = [m for m, family in accepted if family in added]
            held.update(state.read_locked(tx, sorted(added), _wanted(news)))
        if accepted:
            tx.append_changes(change_rows(accepted, who, received), held)
    refused = sum(1 for r in results if r["outcome"] == p.Outcome.REJECTED)
    if refused:
        queries.log_access(db, who.user, who.device_id, "push", f"rejected {refused}")
    return push_response(results)


Held = dict[tuple[str, str], state.Record]


def pushed_reads(
    who: Caller, locked: state.LockedRead
) -> tuple[set[str], set[str], set[str], Held]:
    """``_push_reads``' answers from what was read with the token (``push_alongside``)."""
    scope, known = set(who.columns["scope"]), set(who.columns["known"])
    return scope, known, {str(i) for i in who.columns["gone"]}, locked.records(who.then)


def judged(
    tx: Transaction,
    mutations: Sequence[MutationIn],
    who: Caller,
    received: dt.datetime,
    scope: set[str],
    known: set[str],
    gone: set[str],
    held: Held,
) -> tuple[list[p.MutationResult], list[tuple[MutationIn, str]], set[str]]:
    """Each mutation's result, the accepted ones with their family, and the families this
    push adds (their rows are written here); ``scope`` and ``known`` grow with it."""
    results: list[p.MutationResult] = []
    homes = {key: record.family_id for key, record in held.items()}
    accepted: list[tuple[MutationIn, str]] = []
    added: set[str] = set()
    for m in mutations:
        if m.mutation_id in known:
            results.append(p.mutation_result(m.mutation_id))
            continue
        reason = refusal(tx, m, who, scope, received, homes, gone)
        if reason is not None:
            results.append(p.mutation_result(m.mutation_id, reason))
            continue
        family = m.record_id if m.entity == "families" else str(m.family_id)
        if m.entity == "families" and family not in scope:
            queries.add_family(tx, family, who.user)
            scope.add(family)
            added.add(family)
        accepted.append((m, family))
        homes.setdefault((m.entity, m.record_id), family)  # later in this push too
        known.add(m.mutation_id)  # the same id twice in one push: stored once
        results.append(p.mutation_result(m.mutation_id))
    return results, accepted, added


def change_rows(
    accepted: Sequence[tuple[MutationIn, str]], who: Caller, received: dt.datetime
) -> list[tuple[Any, ...]]:
    """The rows of ``Transaction.append_changes`` for the accepted mutations."""
    return [
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
            utc_text(received),
        )
        for m, family in accepted
    ]


def push_response(results: list[p.MutationResult]) -> Response:
    answer: p.PushAnswer = {"results": results}
    return _json(answer)


def pull_alongside(today: dt.date) -> Alongside:
    """The scope and the high-water mark, read with the token (PostgreSQL)."""
    return Alongside([scope_column(today), ("high", f"({queries.HIGH_WATER})", ())])


def pull_answer(
    db: ServerDB,
    today: Callable[[], dt.date],
    request: Request,
    since: int,
    limit: int,
    family: str | None,
) -> Response:
    """``GET /v1/sync/pull``: through FastAPI's route or the fast lane (``fast_lane``)."""
    rows: list[tuple[Any, ...]] = []
    more = False
    alongside = pull_alongside(today()) if db.postgres else None
    with signed_in(db, request, p.Role.CASEWORKER, read_only=True, alongside=alongside) as (
        tx,
        who,
    ):
        if alongside is None:
            scope = families_in_scope(tx, who.user, today())
        else:
            scope = set(who.columns["scope"])
        refused = family is not None and family not in scope
        wanted = [family] if family is not None else sorted(scope)
        # Read the high-water mark first (on PostgreSQL in the statement of the scope):
        # commits happen in sequence order, so every change up to it is visible to the next
        # statement (even under READ COMMITTED).
        high = queries.high_water(tx) if alongside is None else int(who.columns["high"])
        if wanted and not refused:
            rows, more = queries.changes_page(tx, since, high, wanted, limit)
    if refused:
        queries.log_access(db, who.user, who.device_id, "pull-family", "refused")
        raise error(404, p.ErrorCode.NOT_FOUND, "no such family in your scope")
    return pull_response(rows, more, since, high, scope)


def pull_response(
    rows: Sequence[tuple[Any, ...]], more: bool, since: int, high: int, scope: set[str]
) -> Response:
    """A pull's page, its cursor and the caller's families, as JSON."""
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


def router(db: ServerDB, today: Callable[[], dt.date]) -> APIRouter:
    api = APIRouter(prefix="/v1/sync", dependencies=SIGNED)

    @api.post("/push")
    def push(body: Push, request: Request) -> Response:
        return push_answer(db, today, body, request)

    @api.get("/pull")
    def pull(
        request: Request,
        since: int = Query(0, ge=0, le=p.MAX_CURSOR),
        limit: int = Query(p.PAGE_LIMIT, ge=1, le=p.PAGE_LIMIT),
        family: str | None = Query(None, max_length=64),
    ) -> Response:
        return pull_answer(db, today, request, since, limit, family)

    @api.get("/state")
    def current_state(
        request: Request,
        cursor: int = Query(0, ge=0, le=p.MAX_CURSOR),
        after_family: str | None = Query(None, max_length=64),
        after_entity: str | None = Query(None, max_length=64),
        after_record: str | None = Query(None, max_length=64),
        limit: int = Query(p.PAGE_LIMIT, ge=1, le=p.PAGE_LIMIT),
        family: str | None = Query(None, max_length=64),
    ) -> Response:
        """A new device's first pull (or a family's, new in its scope) from the current
        state: fewer rows than the log where records changed more than once
        (``first_pull``). The first page (``cursor`` 0) reads the high-water mark."""
        after: p.StatePosition | None = None
        if after_family is not None or after_entity is not None or after_record is not None:
            if after_family is None or after_entity is None or after_record is None:
                why = "after_family, after_entity and after_record go together"
                raise error(422, p.ErrorCode.INVALID_REQUEST, why)
            after = {"family": after_family, "entity": after_entity, "record": after_record}
        rows: list[tuple[Any, ...]] = []
        more = False
        replay: list[str] = []
        with signed_in(db, request, p.Role.CASEWORKER, read_only=True) as (tx, who):
            scope = families_in_scope(tx, who.user, today())
            refused = family is not None and family not in scope
            wanted = [family] if family is not None else sorted(scope)
            high = cursor or queries.high_water(tx)  # first: before the state (see first_pull)
            if wanted and not refused:
                replay = first_pull.log_only(tx, wanted)
                rows, more = first_pull.state_page(tx, wanted, after, limit, replay)
        if refused:
            queries.log_access(db, who.user, who.device_id, "pull-family", "refused")
            raise error(404, p.ErrorCode.NOT_FOUND, "no such family in your scope")
        q = encode_basestring_ascii
        items = ",".join(
            _RECORD % (q(entity), q(record_id), q(family_id), q(hlc))
            + (clocks + ',"data":' + data + "}")
            for entity, record_id, family_id, data, clocks, hlc in rows
        )
        end: p.StatePosition | None = None
        if more:
            entity, record_id, family_id = rows[-1][:3]
            end = {"family": family_id, "entity": entity, "record": record_id}
        tail = {
            "cursor": high,
            "has_more": more,
            "after": end,
            "families": sorted(scope),
            "log_only": replay,
        }
        return Response(
            '{"records":[' + items + "]," + json.dumps(tail)[1:], media_type="application/json"
        )

    @api.get("/checksum")
    def checksum(
        request: Request,
        families: str | None = Query(None, max_length=20_000),
        version: int = Query(1, ge=1),
    ) -> Response:
        """Per-family checksums; ``families`` (comma-separated) narrows it to those.
        ``version``: the newest digest the laptop knows (``CHECKSUM_VERSIONS``); the answer
        is of the newest the server knows up to it, and says which (none asked: 1)."""
        answered = max(v for v in p.CHECKSUM_VERSIONS if v <= version)
        records = state.record_clocks if answered >= 2 else state.record_stamps
        with signed_in(db, request, p.Role.CASEWORKER, read_only=True) as (tx, who):
            scope = sorted(families_in_scope(tx, who.user, today()))
            if families is not None:
                asked = set(families.split(","))
                scope = [f for f in scope if f in asked]
            result: dict[str, str] = {}
            for family in scope:  # from the current state
                result[family] = p.family_checksum(records(tx, family))
        answer: p.ChecksumAnswer = {"families": result, "version": answered}
        return _json(answer)

    @api.get("/stand-ins")
    def stand_ins(request: Request) -> Response:
        """The caller's stand-ins not over yet: for their families and those they hold."""
        with signed_in(db, request, p.Role.CASEWORKER, read_only=True) as (tx, who):
            found = team_queries.stand_ins_around(tx, who.user, today())
        answer: p.StandInList = {"stand_ins": found}
        return _json(answer)

    @api.get("/trail")
    def family_trail(
        request: Request,
        client: Annotated[str, Query(min_length=1, max_length=64)],
        since: Annotated[Day, Query()],
        until: Annotated[Day, Query()],
    ) -> Response:
        """Who saw or changed what of a family the caller holds now (their own file), from
        ``since`` to ``until``; another family is 404. The look goes into the trail."""
        if until < since:
            raise error(400, p.ErrorCode.BAD_PERIOD, "the period ends before it starts")
        with signed_in(db, request, p.Role.CASEWORKER) as (tx, who):
            if client not in families_in_scope(tx, who.user, today()):
                answer = error(404, p.ErrorCode.NOT_FOUND, "not a family you hold")
                raise Refused(who.user, who.device_id, "family-trail", "refused", answer)
            events = audit_trail.read_trail(tx, who.user, client, since, until)
        return _json({"client": client, "events": events})

    return api
