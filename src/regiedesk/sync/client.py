"""The laptop's side of sync: an httpx client for the protocol and the sync engine.

One ``sync_once`` pushes the outbox (deleting each row only when the server
acknowledged it, in the same local transaction), pulls page by page (each page
applied together with its cursor), backfills families that came into scope,
purges families that left it once their changes are pushed, and compares
per-family checksums, re-fetching a family that drifted.
"""

from __future__ import annotations

import datetime as dt
import gzip
import ipaddress
import json
import logging
import socket
import ssl
import time
from collections import deque
from collections.abc import Callable, Generator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar, cast
from urllib.parse import urlsplit

import httpx

from ..clock import utc_text
from ..errors import (
    ClockAhead,
    DeviceRevoked,
    InsecureServer,
    Offline,
    ServerBusy,
    ServerRefused,
    SignInRefused,
    StampsAhead,
    TeamActionRefused,
    TooManyAttempts,
    UntrustedServer,
    UpgradeRequired,
)
from ..i18n import Language, pick
from ..store import Store
from ..store.schema import SCHEMA_VERSION
from . import protocol as p
from .apply import (
    apply_page,
    apply_state,
    destroy_family_copy,
    destroy_member_copy,
    local_checksums,
    purge_family,
)

log = logging.getLogger(__name__)

PUSH_BATCH = 500
# Pulled pages are applied in local transactions of about this many changes (with the cursor
# of the last page): with 1,000 per commit, index pages were rewritten and checkpointed once
# per page, which took more than half the time of a first sync.
APPLY_BATCH = 5000
PAGES_AHEAD = 8  # pages fetched ahead while a batch is applied (8,000 changes at most)


def _certificate_refused(exc: BaseException) -> bool:
    """Whether a transport error comes from a certificate this computer does not trust."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


@cache
def system_trust() -> ssl.SSLContext:
    """TLS that trusts what the operating system trusts (truststore): the Windows and macOS
    certificate stores, /etc/ssl on Linux. An organisation's own CA, or a TLS-inspecting
    proxy that IT has rolled out, then works as it does in the browser; certifi's bundle
    (httpx's default) knows neither. Made once: loading the store takes some milliseconds."""
    import truststore

    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def _seconds(value: object) -> int:
    """A ``retry_after`` as the server sent it (an int), or a minute if it is not one."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 60


class SyncClient:
    """The protocol over HTTP. Pass ``transport`` to test against an in-process app."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        schema: int = SCHEMA_VERSION,
        transport: httpx.BaseTransport | None = None,
        timeout: float = 30.0,
        clock_ms: Callable[[], int] = lambda: int(time.time() * 1000),
    ) -> None:
        self.base_url = base_url
        headers = {p.PROTOCOL_HEADER: str(p.PROTOCOL_VERSION), p.SCHEMA_HEADER: str(schema)}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self._clock_ms = clock_ms
        self._http = httpx.Client(
            base_url=base_url.rstrip("/"),
            headers=headers,
            transport=transport,
            timeout=httpx.Timeout(timeout, connect=10.0),
            verify=system_trust() if base_url.startswith("https:") else True,
        )

    def close(self) -> None:
        self._http.close()

    def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        try:
            response = self._http.request(method, path, **kwargs)
        except httpx.TransportError as exc:
            if _certificate_refused(exc):
                log.warning("sync: the server's TLS certificate is not trusted")
                raise UntrustedServer(self.base_url) from exc
            log.info("sync: server unreachable (%s)", type(exc).__name__)
            raise Offline() from exc
        if response.status_code == 200:
            return response.json()
        try:
            answer = response.json()
        except ValueError:
            answer = None
        detail = answer.get("detail") if isinstance(answer, dict) else None
        # a server before protocol answers of its own (FastAPI's 422) carries a list there
        refusal = cast("p.ErrorBody", detail) if isinstance(detail, dict) else None
        code = refusal.get("code", "") if refusal else ""
        if response.status_code == 426:
            raise UpgradeRequired()
        if code == p.ErrorCode.DEVICE_REVOKED:
            raise DeviceRevoked()
        if refusal and code == p.ErrorCode.CLOCK_AHEAD:
            raise ClockAhead(str(refusal.get("device_time")))
        if code == p.ErrorCode.STAMPS_AHEAD:
            raise StampsAhead()
        if code in (p.ErrorCode.BAD_CREDENTIALS, p.ErrorCode.SECOND_FACTOR):
            raise SignInRefused()
        if refusal and code == p.ErrorCode.TOO_MANY_ATTEMPTS:
            raise TooManyAttempts(_seconds(refusal.get("retry_after")))
        if refusal and code == p.ErrorCode.BUSY:
            raise ServerBusy(_seconds(refusal.get("retry_after")))
        if response.status_code >= 500:
            raise Offline()
        raise ServerRefused(response.status_code, code or "unknown")

    def register(
        self, user: str, password: str, device_name: str, totp: str | None
    ) -> p.RegisterAnswer:
        body = {"user": user, "password": password, "device_name": device_name, "totp": totp}
        answer: p.RegisterAnswer = self._request("POST", "/v1/devices", json=body)
        return answer

    def device(self) -> p.DeviceAnswer:
        """Whose device this token is, and their role (``GET /v1/devices/me``)."""
        answer: p.DeviceAnswer = self._request("GET", "/v1/devices/me")
        return answer

    def push(self, mutations: list[p.Mutation]) -> list[p.MutationResult]:
        body = gzip.compress(json.dumps({"mutations": mutations}).encode())
        headers = {
            "content-type": "application/json",
            "content-encoding": "gzip",
            p.CLOCK_HEADER: str(self._clock_ms()),
        }
        answer: p.PushAnswer = self._request("POST", "/v1/sync/push", content=body, headers=headers)
        return answer["results"]

    def privacy_trail(self, client: str, since: str, until: str) -> p.TrailAnswer:
        params = {"client": client, "since": since, "until": until}
        answer: p.TrailAnswer = self._request("GET", "/v1/privacy/trail", params=params)
        return answer

    def family_trail(self, client: str, since: str, until: str) -> p.TrailAnswer:
        """The central trail about a family this caseworker holds (``GET /v1/sync/trail``)."""
        params = {"client": client, "since": since, "until": until}
        answer: p.TrailAnswer = self._request("GET", "/v1/sync/trail", params=params)
        return answer

    def privacy_access(self, client: str, member: str | None) -> dict[str, Any]:
        params = {"client": client, **({"member": member} if member else {})}
        answer: dict[str, Any] = self._request("GET", "/v1/privacy/access", params=params)
        return answer

    def destroyed(self, since: int) -> p.DestroyedAnswer:
        answer: p.DestroyedAnswer = self._request("GET", "/v1/destroyed", params={"since": since})
        return answer

    def push_audit(self, events: list[p.AuditEvent]) -> int:
        body = gzip.compress(json.dumps({"events": events}).encode())
        headers = {"content-type": "application/json", "content-encoding": "gzip"}
        answer: p.AuditPushAnswer = self._request(
            "POST", "/v1/audit/push", content=body, headers=headers
        )
        return answer["stored"]

    def pull(
        self, since: int, *, family: str | None = None, limit: int = p.PAGE_LIMIT
    ) -> p.PullPage:
        params: dict[str, Any] = {"since": since, "limit": limit}
        if family:
            params["family"] = family
        page: p.PullPage = self._request("GET", "/v1/sync/pull", params=params)
        return page

    def state(
        self,
        cursor: int = 0,
        after: p.StatePosition | None = None,
        *,
        family: str | None = None,
        limit: int = p.PAGE_LIMIT,
    ) -> p.StatePage:
        """A page of the server's current state (a first pull); ``cursor`` 0 on the first."""
        params: dict[str, Any] = {"cursor": cursor, "limit": limit}
        if after is not None:
            params.update(
                after_family=after["family"],
                after_entity=after["entity"],
                after_record=after["record"],
            )
        if family:
            params["family"] = family
        page: p.StatePage = self._request("GET", "/v1/sync/state", params=params)
        return page

    def checksums(self, families: list[str] | None = None) -> dict[str, str]:
        params = {"families": ",".join(families)} if families is not None else {}
        answer: p.ChecksumAnswer = self._request("GET", "/v1/sync/checksum", params=params)
        return answer["families"]

    def stand_ins(self) -> list[p.StandIn]:
        """The caller's stand-ins not over yet (for their families, and those they hold)."""
        answer: p.StandInList = self._request("GET", "/v1/sync/stand-ins")
        return answer["stand_ins"]


class TeamClient(SyncClient):
    """A team leader's device: the team figures and actions (``/v1/team/...``)."""

    def overview(
        self, start: dt.date, end: dt.date, caseworker: str | None = None
    ) -> p.TeamOverview:
        params = {"from": start.isoformat(), "to": end.isoformat()}
        if caseworker:
            params["caseworker"] = caseworker
        answer: p.TeamOverview = self._request("GET", "/v1/team/overview", params=params)
        return answer

    def family_page(self, family: str, start: dt.date, end: dt.date) -> p.FamilyPage:
        params = {"from": start.isoformat(), "to": end.isoformat()}
        answer: p.FamilyPage = self._request("GET", f"/v1/team/families/{family}", params=params)
        return answer

    def _act(self, action: str, path: str, body: dict[str, Any] | None = None) -> Any:
        """A team action; a refusal as ``TeamActionRefused`` (what to do, in plain words)."""
        try:
            return self._request("POST", path, json=body)
        except ServerRefused as refused:
            raise TeamActionRefused(action, refused.status, refused.code) from refused

    def register_family(
        self, name: str, caseworker: str, start_date: dt.date | None = None
    ) -> p.Assignment:
        body = {
            "name": name,
            "caseworker": caseworker,
            "start_date": start_date.isoformat() if start_date else None,
        }
        answer: p.Assignment = self._act("register", "/v1/team/families", body)
        return answer

    def hand_over(self, family: str, caseworker: str) -> p.Assignment:
        path = f"/v1/team/families/{family}/handover"
        answer: p.Assignment = self._act("handover", path, {"caseworker": caseworker})
        return answer

    def add_stand_in(self, family: str, user: str, start: dt.date, end: dt.date) -> p.StandIn:
        body = {
            "family_id": family,
            "user": user,
            "start": start.isoformat(),
            "end": end.isoformat(),
        }
        answer: p.StandIn = self._act("stand-in", "/v1/team/stand-ins", body)
        return answer

    def end_stand_in(self, stand_in: str) -> p.StandIn:
        answer: p.StandIn = self._act("end-stand-in", f"/v1/team/stand-ins/{stand_in}/end")
        return answer


def check_server_url(url: str, *, allow_http: bool = False) -> None:
    """Refuse a plain-http address unless it is this computer (or ``allow_http``)."""
    parts = urlsplit(url)
    if parts.scheme == "https" or allow_http:
        return
    host = (parts.hostname or "").lower()
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if parts.scheme != "http" or not loopback:
        raise InsecureServer(url)


def register_device(
    store: Store,
    client: SyncClient,
    user: str,
    password: str,
    totp: str | None,
    *,
    allow_http: bool = False,
) -> None:
    """Register this profile with the server as a device of ``user`` and keep its token
    (with the server's address) in the encrypted profile, all of it or nothing. The
    password goes only to an https address (or to this computer, or with ``allow_http``).
    From then on the profile acts as ``user``: the audit trail names the signed-in account,
    not the login the profile was made under."""
    check_server_url(client.base_url, allow_http=allow_http)
    answer = client.register(user, password, socket.gethostname(), totp or None)
    store.set_metas(
        {
            "server_url": client.base_url,
            "device_token": answer["token"],
            "server_device_id": answer["device_id"],
            "server_role": answer["role"],  # a team leader's profile opens the team workspace
            "user": user,
        }
    )


@dataclass
class SyncReport:
    pushed: int = 0
    rejected: int = 0
    pulled: int = 0
    backfilled: int = 0
    purged: int = 0
    repaired: int = 0
    set_aside: int = 0  # rejected changes kept in the local database (all rounds so far)
    audit_sent: int = 0  # audit events sent to the central trail
    destroyed: int = 0  # families and members destroyed on the server, and so here

    def text(self, language: Language | None = None) -> str:
        return pick(
            f"verstuurd {self.pushed}, geweigerd {self.rejected}, ontvangen {self.pulled}, "
            f"bijgehaald {self.backfilled}, verwijderd {self.purged}, hersteld {self.repaired}, "
            f"apart bewaard {self.set_aside}",
            f"sent {self.pushed}, refused {self.rejected}, received {self.pulled}, "
            f"fetched {self.backfilled}, removed {self.purged}, repaired {self.repaired}, "
            f"set aside {self.set_aside}",
            language,
        )


STAND_INS_KEY = "stand_ins"  # the meta key of the stand-ins the last sync brought


class SyncEngine:
    def __init__(
        self, store: Store, client: SyncClient, *, now: Callable[[], str] = utc_text
    ) -> None:
        self.store = store
        self.client = client
        self.now = now  # when a refused change was set aside

    def sync_once(
        self, cancelled: Callable[[], bool] = lambda: False, *, verify_all: bool = False
    ) -> SyncReport:
        """One round. Checksums are compared for the families this round touched (all of
        them with ``verify_all``, which a caller does now and then, e.g. daily)."""
        report = SyncReport()
        self.touched: set[str] = set()
        self._push(report, cancelled)
        report.destroyed = self._destroy_copies()  # after the push: what it set aside goes too
        scope = self._pull(report, cancelled)
        known = {r["id"] for r in self.store.query("SELECT id FROM families")}
        unusable = self.store.set_aside.pulled_families()  # fetching them again would not help
        for family in sorted(set(scope) - known - unusable):  # new in scope: its whole history
            fetched = self._from_state(cancelled, family)
            report.backfilled += self._fetch_family(family) if fetched is None else fetched[1]
        for family in sorted(known - set(scope)):
            if not self.store.outbox.has_pending(family):
                purge_family(self.store, family)
                report.purged += 1
        if not cancelled():
            self._verify(report, scope if verify_all else sorted(self.touched & set(scope)))
            self._keep_stand_ins()
        report.set_aside = self.store.set_aside.count()
        if not cancelled():  # last: the round's own events (pulled changes) go along
            report.audit_sent = self._push_audit(cancelled)
        return report

    def _keep_stand_ins(self) -> None:
        """The caseworker's stand-ins, kept in the profile for the caseload to show (a
        server from before them answers 404: nothing to show)."""
        try:
            found = self.client.stand_ins()
        except ServerRefused:
            return
        self.store.set_meta(STAND_INS_KEY, json.dumps(found))

    def _destroy_copies(self) -> int:
        cursor = int(self.store.meta("destroyed_cursor") or 0)
        answer = self.client.destroyed(cursor)
        count = sum(destroy_family_copy(self.store, f) for f in answer["families"])
        count += sum(destroy_member_copy(self.store, m) for m in answer["members"])
        if answer["cursor"] != cursor:
            self.store.set_meta("destroyed_cursor", str(answer["cursor"]))
        return count

    def _push_audit(self, cancelled: Callable[[], bool]) -> int:
        """Send the audit events after the last one the server has, in their order."""
        sent = 0
        while not cancelled():
            events = self.store.audit_events_after(
                int(self.store.meta("audit_pushed_seq") or 0), p.AUDIT_BATCH
            )
            if not events:
                break
            size, batch = 0, list[tuple[int, p.AuditEvent]]()
            for seq, event in events:  # the body stays well under the server's limit
                size += len(event["objects"])
                if batch and size > p.AUDIT_BATCH_CHARS:
                    break
                batch.append((seq, event))
            self.client.push_audit([event for _, event in batch])
            self.store.set_meta("audit_pushed_seq", str(batch[-1][0]))
            sent += len(batch)
            if len(events) < p.AUDIT_BATCH and len(batch) == len(events):
                break
        return sent

    def _push(self, report: SyncReport, cancelled: Callable[[], bool]) -> None:
        rewound = False
        while not cancelled():
            mutations = self.store.outbox.pending(PUSH_BATCH)
            if not mutations:
                return
            self.touched.update(str(m["family_id"]) for m in mutations if m["family_id"])
            try:
                results = self.client.push(mutations)
            except StampsAhead:
                if rewound or not self.store.rewind_future_stamps():
                    raise
                rewound = True  # stamped again from the (now right) clock: push once more
                continue
            settled = self.store.outbox.settle(mutations, results, at=self.now())
            report.pushed += settled.pushed
            report.rejected += settled.rejected
            if len(mutations) < PUSH_BATCH:
                return

    def _pages(self, since: int, family: str | None = None) -> Generator[p.PullPage, None, None]:
        """The pages after ``since``, in order (see ``_ahead``)."""

        def following(page: p.PullPage) -> p.PullPage | None:
            if not page["has_more"]:
                return None
            return self.client.pull(page["cursor"], family=family)

        return _ahead(lambda: self.client.pull(since, family=family), following)

    def _batches(
        self,
        since: int,
        family: str | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> Generator[tuple[list[p.Change], p.PullPage], None, None]:
        """The changes after ``since`` in batches of about APPLY_BATCH, each with the page it
        ends on (whose cursor goes with it); the last batch ends on the last page, or on the
        page after which ``cancelled`` said stop."""
        batch: list[p.Change] = []
        with closing(self._pages(since, family)) as pages:
            for page in pages:
                batch += page["changes"]
                last = not page["has_more"] or cancelled()
                if last or len(batch) >= APPLY_BATCH:
                    yield batch, page
                    batch = []
                if last:
                    return

    def _pull(self, report: SyncReport, cancelled: Callable[[], bool]) -> list[str]:
        cursor = int(self.store.meta("pull_cursor") or 0)
        if cursor == 0 and not self.store.query("SELECT 1 AS x FROM families LIMIT 1"):
            first = self._from_state(cancelled)
            if first is not None:
                report.pulled += first[1]
                cursor = int(self.store.meta("pull_cursor") or 0)
                if cursor == 0 or cancelled():
                    return first[0]  # cut short: the log from the start at the next sync
                # on from the mark: what was pushed while the state was read comes now
        page: p.PullPage | None = None
        with closing(self._batches(cursor, cancelled=cancelled)) as batches:
            for batch, page in batches:
                self.touched.update(c["family_id"] for c in batch)
                report.pulled += apply_page(
                    self.store, batch, cursor_key="pull_cursor", cursor=page["cursor"]
                )
        assert page is not None, "the last batch ends on the last page"
        return page["families"]

    def _from_state(
        self, cancelled: Callable[[], bool], family: str | None = None
    ) -> tuple[list[str], int] | None:
        """A first pull (everything in scope, or one family new here) from the server's
        current state, then the log of the families it could not take as they stand
        (``apply_state``): the scope and how many records came. None: a server without
        it (an older one), nothing done.

        The pull cursor moves to the state's high-water mark only at the end: a first
        pull cut short is done again from the log at the next sync, which is exact too."""
        try:
            first = self.client.state(family=family)
        except ServerRefused as refused:
            if refused.status == 404 and refused.code != p.ErrorCode.NOT_FOUND:
                return None
            raise

        def following(page: p.StatePage) -> p.StatePage | None:
            if not page["has_more"] or cancelled():
                return None
            return self.client.state(page["cursor"], page["after"], family=family)

        from_log: set[str] = set()
        batch: list[p.StateRecord] = []
        page, count = first, 0
        with closing(_ahead(lambda: first, following)) as pages:
            for page in pages:
                from_log.update(page.get("log_only", ()))
                batch += page["records"]
                if len(batch) >= APPLY_BATCH or not page["has_more"]:
                    self.touched.update(r["family_id"] for r in batch)
                    count += apply_state(self.store, batch, from_log)
                    batch = []
        if batch:  # cut short: what came is kept
            self.touched.update(r["family_id"] for r in batch)
            count += apply_state(self.store, batch, from_log)
        for again in sorted(from_log):
            if self.store.query("SELECT 1 AS x FROM families WHERE id = ?", (again,)):
                purge_family(self.store, again)
            count += self._fetch_family(again)
        if family is None and not page["has_more"]:
            self.store.set_meta("pull_cursor", str(page["cursor"]))
        return page["families"], count

    def _fetch_family(self, family: str) -> int:
        with closing(self._batches(0, family)) as batches:
            return sum(
                apply_page(self.store, batch, cursor_key=None, cursor=0) for batch, _ in batches
            )

    def _verify(self, report: SyncReport, families: list[str]) -> None:
        settled = [f for f in families if not self.store.outbox.has_pending(f)]
        if not settled:
            return
        remote = self.client.checksums(settled)
        local = local_checksums(self.store, settled)
        for family in settled:
            if remote.get(family) is not None and remote[family] != local[family]:
                log.warning("checksum mismatch for a family: re-fetching it")
                self._fetch_family(family)
                report.repaired += 1


_Page = TypeVar("_Page")


def _ahead(
    first: Callable[[], _Page], following: Callable[[_Page], _Page | None]
) -> Generator[_Page, None, None]:
    """Pages in order: ``first()``, then ``following`` of each until it says None. A worker
    thread fetches up to PAGES_AHEAD pages ahead, one request at a time, while the caller
    applies; when the caller stops early, the request under way is finished and the rest
    is not asked for."""

    def after(previous: Future[_Page | None] | None) -> _Page | None:
        if previous is None:
            return first()
        page = previous.result()  # done: the one worker runs these in order
        return None if page is None else following(page)

    ahead = ThreadPoolExecutor(max_workers=1, thread_name_prefix="regiedesk-pull")
    try:
        queued = deque([ahead.submit(after, None)])
        while True:
            while len(queued) < PAGES_AHEAD:
                queued.append(ahead.submit(after, queued[-1]))
            page = queued.popleft().result()
            if page is None:
                return
            yield page
    finally:
        ahead.shutdown(wait=True, cancel_futures=True)
