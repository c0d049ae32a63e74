"""The laptop's side of sync: an httpx client for the protocol (SyncClient, TeamClient),
the server address check and the device's registration. The engine that runs a round
with it is ``sync.engine``."""

from __future__ import annotations

import datetime as dt
import gzip
import ipaddress
import json
import logging
import socket
import ssl
from collections.abc import Callable
from functools import cache
from typing import Any, cast
from urllib.parse import urlsplit

import httpx

from ..clock import wall_clock_ms
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
from ..store import Store
from ..store.schema import SCHEMA_VERSION
from . import protocol as p
from .engine import SyncEngine as SyncEngine
from .engine import SyncReport as SyncReport

log = logging.getLogger(__name__)


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


# gzip level of the bodies this client sends: 1 packs an audit push of a first sync (5 MB
# of record names) in 0.03 s where the default 9 took 0.18 s, for a body 9 % larger; the
# server packs its answers at 1 as well (``server.fast_lane.GZIP_LEVEL``)
GZIP_LEVEL = 1


def _gzip_json(body: object) -> bytes:
    return gzip.compress(json.dumps(body).encode(), compresslevel=GZIP_LEVEL)


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
        clock_ms: Callable[[], int] = wall_clock_ms,
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

    def device(self, *, timeout: float | None = None) -> p.DeviceAnswer:
        """Whose device this token is, and their role (``GET /v1/devices/me``); ``timeout``:
        seconds for each of connecting, sending and waiting for the answer (None: the
        client's own)."""
        extra: dict[str, Any] = {} if timeout is None else {"timeout": timeout}
        answer: p.DeviceAnswer = self._request("GET", "/v1/devices/me", **extra)
        return answer

    def push(self, mutations: list[p.Mutation]) -> list[p.MutationResult]:
        body = _gzip_json({"mutations": mutations})
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

    def privacy_access(self, client: str, member: str | None) -> p.AccessAnswer:
        params = {"client": client, **({"member": member} if member else {})}
        answer: p.AccessAnswer = self._request("GET", "/v1/privacy/access", params=params)
        return answer

    def destroyed(self, since: int) -> p.DestroyedAnswer:
        answer: p.DestroyedAnswer = self._request("GET", "/v1/destroyed", params={"since": since})
        return answer

    def push_audit(self, events: list[p.AuditEvent]) -> int:
        body = _gzip_json({"events": events})
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

    def checksums(
        self, families: list[str] | None = None, *, version: int = p.CHECKSUM_VERSION
    ) -> dict[str, str]:
        """The server's per-family checksums (of the version it answered: see
        ``checksum_answer``)."""
        return self.checksum_answer(families, version=version)["families"]

    def checksum_answer(
        self, families: list[str] | None = None, *, version: int = p.CHECKSUM_VERSION
    ) -> p.ChecksumAnswer:
        """Per-family checksums of ``version`` or an older one: ``version`` in the answer
        says which (an old server names none: 1)."""
        params: dict[str, Any] = {"version": version}
        if families is not None:
            params["families"] = ",".join(families)
        answer: p.ChecksumAnswer = self._request("GET", "/v1/sync/checksum", params=params)
        return answer

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
