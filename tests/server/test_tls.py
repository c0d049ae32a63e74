"""TLS to the server trusts the operating system's store (truststore), not a bundled list:
a server certified by the organisation's own CA works once that CA is trusted, and an
untrusted certificate is named as such, not as an unreachable server."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from regiedesk.store import create_profile
from regiedesk.sync.server.app import create_app
from regiedesk.sync.server.db import ServerDB

from ..cli_helpers import PASSPHRASE, run_cli
from ..conftest import FAST_KDF
from ..tls_helpers import make_certificates
from .conftest import PASSWORD, Running, free_port


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[Running, Path]]:
    ca, cert, key = make_certificates(tmp_path)
    db = ServerDB(f"sqlite:///{tmp_path / 'server.db'}")
    port = free_port()
    config = uvicorn.Config(
        create_app(db), host="127.0.0.1", port=port, log_level="warning",
        ssl_certfile=str(cert), ssl_keyfile=str(key),
    )  # fmt: skip
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.02)
    yield Running(f"https://localhost:{port}", db), ca
    server.should_exit = True
    thread.join(timeout=10)
    db.close()


def test_the_organisations_ca_is_trusted_through_the_system_store(
    tls_server: tuple[Running, Path], tmp_path: Path
) -> None:
    server, ca = tls_server
    server.add_user("anna")
    data_dir = tmp_path / "laptop"
    create_profile(data_dir, PASSPHRASE, user="anna", kdf=FAST_KDF).close()
    args = ("connect", "--data-dir", str(data_dir), "--server", server.url, "--user", "anna")
    env = {"REGIEDESK_SERVER_PASSWORD": PASSWORD, "SSL_CERT_DIR": str(tmp_path / "none")}
    untrusted = run_cli(*args, extra_env={**env, "SSL_CERT_FILE": str(tmp_path / "none.pem")})
    assert untrusted.returncode == 5
    assert "certificaat van de server" in untrusted.stderr and "niet bereikbaar" not in (
        untrusted.stderr
    )
    trusted = run_cli(*args, extra_env={**env, "SSL_CERT_FILE": str(ca)})
    assert trusted.returncode == 0, trusted.stderr
    assert server.db.query("SELECT user_name FROM devices") == [{"user_name": "anna"}]
