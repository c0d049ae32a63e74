"""A real server over real HTTP: uvicorn on a free loopback port, SQLite or PostgreSQL."""

from __future__ import annotations

import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest
import uvicorn

from regiedesk.clock import utc_text
from regiedesk.sync import protocol as p
from regiedesk.sync.server import auth
from regiedesk.sync.server.app import create_app
from regiedesk.sync.server.db import ServerDB

if TYPE_CHECKING:
    from .world import Laptop

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PASSWORD = "een lang serverwachtwoord"
HEADERS = {p.PROTOCOL_HEADER: str(p.PROTOCOL_VERSION), p.SCHEMA_HEADER: str(p.SUPPORTED_SCHEMAS[1])}


def postgres_available() -> bool:
    try:
        import psycopg

        psycopg.connect(PG_ADMIN, connect_timeout=3).close()
        return True
    except Exception:
        return False


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'server.db'}"
        return
    if not postgres_available():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL on 127.0.0.1:5432 is not running (.ci/run starts it)")
        pytest.skip("PostgreSQL on 127.0.0.1:5432 is not running")
    import psycopg

    name = f"regiedesk_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    yield f"postgresql://postgres@127.0.0.1:5432/{name}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Running:
    url: str
    db: ServerDB

    def client(self, token: str | None = None, **headers: str) -> httpx.Client:
        all_headers = dict(HEADERS)
        if token:
            all_headers["Authorization"] = f"Bearer {token}"
        all_headers.update(headers)
        return httpx.Client(base_url=self.url, headers=all_headers, timeout=30)

    def add_user(self, name: str, role: str = "caseworker") -> str | None:
        secret = auth.new_totp_secret() if role in auth.NEEDS_SECOND_FACTOR else None
        self.db.execute(
            "INSERT INTO users (name, role, password_hash, totp_secret, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (name, role, auth.hash_password(PASSWORD), secret, utc_text()),
        )
        return secret

    def device(self, name: str, role: str = "caseworker") -> str:
        """A user of that role with a registered device; returns the device token."""
        secret = self.add_user(name, role)
        body: dict[str, Any] = {"user": name, "password": PASSWORD, "device_name": "laptop"}
        if secret:
            body["totp"] = auth.totp_code(secret)
        with self.client() as c:
            response = c.post("/v1/devices", json=body)
        assert response.status_code == 200, response.text
        return str(response.json()["token"])


@pytest.fixture
def server(db_url: str) -> Iterator[Running]:
    with serving(db_url) as running:
        yield running


@pytest.fixture
def laptop(server: Running, tmp_path: Path) -> Iterator[Callable[..., Laptop]]:
    """``laptop(user, transport=None)``: a caseworker's laptop with a device on ``server``
    (``world.enrol``), in a folder of its own (``tmp_path / "anna-1"``; a caseworker may
    have two); all of them are closed after the test. Its ``token`` is its device's."""
    from .world import Laptop, enrol  # world imports this module

    made: list[Laptop] = []

    def make(user: str, *, transport: httpx.BaseTransport | None = None) -> Laptop:
        token = enrol(server.db, user)
        folder = tmp_path / f"{user}-{len(made) + 1}"
        made.append(Laptop(server.url, folder, user, token, transport=transport))
        return made[-1]

    yield make
    for one in made:
        with suppress(Exception):  # a test may have closed it already
            one.close()


@contextmanager
def serving(db_url: str, host: str = "127.0.0.1") -> Iterator[Running]:
    """uvicorn with the app on a free loopback port (or that port on ``host`` too), in a
    thread, until the block ends."""
    db = ServerDB(db_url)
    port = free_port()
    config = uvicorn.Config(create_app(db), host=host, port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.02)
    yield Running(f"http://127.0.0.1:{port}", db)
    instance.should_exit = True
    thread.join(timeout=10)
    db.close()
