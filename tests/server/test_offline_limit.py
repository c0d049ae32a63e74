"""The organisation's offline limit over real HTTP: past ``max_days_without_sync`` a
profile syncs before it unlocks, says why and how many days when it cannot, and a laptop
revoked while it was away for a month is wiped when it comes back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from regiedesk.clock import utc_text
from regiedesk.errors import DeviceRevoked, SyncOverdue
from regiedesk.store.profile import profile_exists
from regiedesk.sync.client import SyncClient
from regiedesk.sync.session import sync_before_unlock, wipe_revoked

from .conftest import Running, free_port
from .world import Laptop

NOW = dt.datetime.now(dt.UTC)


def away(laptop: Laptop, days: int) -> None:
    laptop.store.set_metas(
        {
            "server_url": laptop.client.base_url,
            "device_token": laptop.token,
            "last_sync": utc_text(NOW - dt.timedelta(days=days)),
        }
    )


def test_past_the_limit_it_syncs_first(server: Running, laptop: Callable[..., Laptop]) -> None:
    anna = laptop("anna")
    anna.services.families.add_family(name="Gezin Onderweg")
    away(anna, 40)
    sync_before_unlock(anna.store, 30, NOW)
    assert anna.outbox() == 0  # what waited went to the server
    last = dt.datetime.fromisoformat(str(anna.store.meta("last_sync")))
    assert NOW - last < dt.timedelta(minutes=5)
    away(anna, 10)
    sync_before_unlock(anna.store, 30, NOW)  # within the limit: no sync
    assert dt.datetime.fromisoformat(str(anna.store.meta("last_sync"))) < NOW - dt.timedelta(days=9)


def test_it_says_why_and_how_many_days_when_it_cannot(
    server: Running, laptop: Callable[..., Laptop]
) -> None:
    anna = laptop("anna")
    away(anna, 40)
    nowhere = f"http://127.0.0.1:{free_port()}"
    anna.store.set_meta("server_url", nowhere)
    with pytest.raises(SyncOverdue) as overdue:
        sync_before_unlock(
            anna.store, 30, NOW, client_factory=lambda url, token: SyncClient(url, token, timeout=2)
        )
    assert (overdue.value.days, overdue.value.allowed) == (40, 30)
    assert "40 dagen niet gesynchroniseerd" in overdue.value.message


def test_a_laptop_revoked_while_away_for_a_month_is_wiped_when_it_returns(
    server: Running, laptop: Callable[..., Laptop]
) -> None:
    anna = laptop("anna")
    anna.services.families.add_family(name="Gezin Gestolen Laptop")
    anna.sync()
    server.db.execute("UPDATE devices SET revoked = 1")
    server.db.execute("UPDATE devices SET last_seen = ?", (utc_text(NOW - dt.timedelta(days=31)),))
    away(anna, 31)
    with pytest.raises(DeviceRevoked):
        sync_before_unlock(anna.store, 30, NOW)
    anna.close()
    wipe_revoked(anna.folder)
    assert not profile_exists(anna.folder)
