"""`connect` sends a password only over TLS, unless the server is this computer or told so."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from regiedesk.cli import main
from regiedesk.errors import ConnectUnreachable, InsecureServer
from regiedesk.store import Store
from regiedesk.sync.client import SyncClient, check_server_url
from regiedesk.sync.session import connect_profile


@pytest.mark.parametrize(
    "url",
    ["https://sync.example.org", "http://127.0.0.1:8765", "http://localhost:1", "http://[::1]:80"],
)
def test_tls_or_this_computer_is_allowed(url: str) -> None:
    check_server_url(url)


@pytest.mark.parametrize(
    "url",
    ["http://sync.example.org", "http://10.0.0.5:8765", "http://127.0.0.1.example.org", "ftp://x"],
)
def test_plain_http_to_another_computer_is_refused(url: str) -> None:
    with pytest.raises(InsecureServer) as refused:
        check_server_url(url)
    assert "https://" in refused.value.nl and "--allow-http" in refused.value.en


def test_connect_refuses_before_it_asks_for_anything(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("builtins.input", lambda *_: pytest.fail("asked for input"))
    monkeypatch.setattr("getpass.getpass", lambda *_: pytest.fail("asked for a password"))
    monkeypatch.setenv("LANGUAGE", "nl")
    code = main([
        "connect", "--data-dir", str(tmp_path / "p"), "--log-dir", str(tmp_path / "log"),
        "--server", "http://sync.example.org", "--user", "anna",
    ])  # fmt: skip
    assert code == 2
    assert "niet versleuteld" in capsys.readouterr().err
    assert not (tmp_path / "p").exists()


def test_an_unreachable_server_on_connect_says_nothing_is_linked(store: Store) -> None:
    def unplugged(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("unplugged", request=request)

    def client(url: str, token: str | None) -> SyncClient:
        return SyncClient(url, token, transport=httpx.MockTransport(unplugged))

    with pytest.raises(ConnectUnreachable) as refused:
        connect_profile(
            store, "https://sync.example.org", "anna", "pw", None, client_factory=client
        )
    assert "niet gekoppeld" in refused.value.nl and "gewoon doorwerken" not in refused.value.nl
    assert "not connected" in refused.value.en and "sync.example.org" in refused.value.en
    assert store.meta("server_url") is None
