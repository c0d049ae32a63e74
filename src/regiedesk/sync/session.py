"""Sync as the window and the command line use it, for one open profile: connect it to a
server, sync it once, count what waits, and wipe it when the server revoked the device.

httpx and the engine are imported on first use: the window counts on its network thread
before anything syncs, and its start-up should not pay for them.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import NotConnected, SyncOverdue

if TYPE_CHECKING:
    from ..store import Store
    from . import protocol as p
    from .client import SyncClient, SyncReport

log = logging.getLogger(__name__)

ClientFactory = Callable[[str, str | None], "SyncClient"]
ROLE_TIMEOUT_SECONDS = 2.0  # unlock waits for the role: a server that does not answer is offline


def default_client(url: str, token: str | None) -> SyncClient:
    from .client import SyncClient

    return SyncClient(url, token)


def is_connected(store: Store) -> bool:
    return bool(store.meta("server_url") and store.meta("device_token"))


PRACTICE_META = "practice"  # "1" in a practice profile (made-up families, never synced)


def is_practice(store: Store) -> bool:
    return store.meta(PRACTICE_META) == "1"


def mark_practice(store: Store) -> None:
    """Mark a profile of made-up families: the window says so and it is never connected."""
    if not is_practice(store):
        store.set_meta(PRACTICE_META, "1")


def refuse_practice(store: Store) -> None:
    if is_practice(store):
        from ..errors import PracticeNotConnectable

        raise PracticeNotConnectable()


def connect_profile(
    store: Store,
    url: str,
    user: str,
    password: str,
    totp: str | None,
    *,
    allow_http: bool = False,
    client_factory: ClientFactory = default_client,
) -> None:
    """Register this profile with the server at ``url`` as a device of ``user`` (over
    https, or to this computer, unless ``allow_http``); never a practice profile."""
    from .client import register_device

    refuse_practice(store)

    from ..errors import ConnectUnreachable, Offline

    client = client_factory(url, None)
    try:
        register_device(store, client, user, password, totp, allow_http=allow_http)
    except Offline as exc:  # not "syncs as soon as there is a connection": nothing is linked
        raise ConnectUnreachable(url) from exc
    finally:
        client.close()


def learn_role(store: Store, *, client_factory: ClientFactory = default_client) -> str | None:
    """The role of a profile connected before the profile kept it (``server_role``): asked
    once of the server and kept. None when it is not known and the server cannot say now
    (offline, refused, or no answer within ``ROLE_TIMEOUT_SECONDS``: an unlock waits for
    it): the next unlock or sync asks again. ``DeviceRevoked`` as ever."""
    from ..errors import DeviceRevoked, RegiedeskError

    known = store.meta("server_role")
    url, token = store.meta("server_url"), store.meta("device_token")
    if known or not url or not token:
        return known
    client = client_factory(url, token)
    try:
        role = str(client.device(timeout=ROLE_TIMEOUT_SECONDS)["role"])
    except DeviceRevoked:
        raise
    except RegiedeskError as exc:
        log.info("the role of this profile's account is not known yet (%s)", type(exc).__name__)
        return None
    finally:
        client.close()
    store.set_meta("server_role", role)
    return role


def sync_before_unlock(
    store: Store,
    allowed_days: int | None,
    now: dt.datetime,
    *,
    client_factory: ClientFactory = default_client,
) -> None:
    """Past the organisation's days without a sync (``max_days_without_sync``) a profile
    syncs before it unlocks; ``SyncOverdue`` (how many days, how many allowed) when it
    cannot, ``DeviceRevoked`` when the server revoked it meanwhile."""
    if allowed_days is None or not is_connected(store):
        return
    last = store.meta("last_sync")
    days = (now - dt.datetime.fromisoformat(last)).days if last else allowed_days + 1
    if days <= allowed_days:
        return
    from ..errors import DeviceRevoked, RegiedeskError

    try:
        sync_profile(store, client_factory=client_factory)
    except DeviceRevoked:
        raise
    except RegiedeskError as exc:
        log.warning("sync before unlock failed after %d days: %s", days, type(exc).__name__)
        raise SyncOverdue(days, allowed_days) from exc


def sync_profile(
    store: Store,
    *,
    client_factory: ClientFactory = default_client,
    cancelled: Callable[[], bool] = lambda: False,
    verify_all: bool = False,
) -> SyncReport:
    """One sync round with the server the profile is connected to. ``NotConnected`` when it
    is not; ``DeviceRevoked`` when the server revoked this device: the caller closes every
    connection to the profile and then calls ``wipe_revoked``."""
    from .client import SyncEngine, SyncReport
    from .protocol import Role

    url, token = store.meta("server_url"), store.meta("device_token")
    if not url or not token:
        raise NotConnected()
    if learn_role(store, client_factory=client_factory) == Role.TEAMLEADER:
        return SyncReport()  # no caseload to sync: the next unlock opens the team workspace
    client = client_factory(url, token)
    try:
        return SyncEngine(store, client).sync_once(cancelled, verify_all=verify_all)
    finally:
        client.close()


def privacy_trail(
    store: Store,
    client: str,
    start: dt.date,
    end: dt.date,
    *,
    client_factory: ClientFactory = default_client,
) -> list[p.TrailEvent]:
    """The central trail about one client, for a profile connected as privacy officer."""
    url, token = store.meta("server_url"), store.meta("device_token")
    if not url or not token:
        raise NotConnected()
    http = client_factory(url, token)
    try:
        return http.privacy_trail(client, start.isoformat(), end.isoformat())["events"]
    finally:
        http.close()


def privacy_access(
    store: Store,
    client: str,
    member: str | None = None,
    *,
    client_factory: ClientFactory = default_client,
) -> p.AccessAnswer:
    """What the server holds about a family (or member), for a profile connected as
    privacy officer (an access request, AVG art. 15)."""
    url, token = store.meta("server_url"), store.meta("device_token")
    if not url or not token:
        raise NotConnected()
    http = client_factory(url, token)
    try:
        return http.privacy_access(client, member)
    finally:
        http.close()


def wipe_revoked(profile_dir: Path) -> None:
    """The organisation revoked this laptop: its copy of the profile goes (what was synced
    is on the server). Every connection to the profile must be closed first."""
    from ..store.profile import remove_profile_files

    remove_profile_files(profile_dir)
    log.warning("device revoked: the local profile is wiped")


@dataclass(frozen=True)
class SyncCounts:
    waiting: int  # local changes not yet on the server
    conflicts: int  # notes with more than one head
    set_aside: int  # changes the server refused, kept in the profile
    last_sync: dt.datetime | None


def sync_counts(store: Store) -> SyncCounts:
    from ..services.notes import notes_with_two_heads

    last = store.meta("last_sync")
    return SyncCounts(
        waiting=store.outbox.count(),
        conflicts=notes_with_two_heads(store),
        set_aside=store.set_aside.count(),
        last_sync=dt.datetime.fromisoformat(last) if last else None,
    )
