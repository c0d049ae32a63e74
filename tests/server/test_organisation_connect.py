"""A laptop whose organisation file presets the server connects with a name and password."""

from __future__ import annotations

from pathlib import Path

from regiedesk.store import create_profile

from ..cli_helpers import PASSPHRASE, run_cli
from ..conftest import FAST_KDF
from .conftest import PASSWORD, Running


def test_connect_without_server_uses_the_organisations(server: Running, tmp_path: Path) -> None:
    server.add_user("anna")
    data_dir = tmp_path / "laptop"
    create_profile(data_dir, PASSPHRASE, user="anna", kdf=FAST_KDF).close()
    preset = tmp_path / "organisation.toml"
    preset.write_text(f'[server]\nurl = "{server.url}/"\n', encoding="utf-8")
    env = {"REGIEDESK_ORGANISATION_FILE": str(preset), "REGIEDESK_SERVER_PASSWORD": PASSWORD}
    connected = run_cli("connect", "--data-dir", str(data_dir), "--user", "anna", extra_env=env)
    assert connected.returncode == 0, connected.stderr
    assert f"Gekoppeld aan {server.url} als anna" in connected.stdout
    assert server.db.query("SELECT user_name FROM devices") == [{"user_name": "anna"}]
