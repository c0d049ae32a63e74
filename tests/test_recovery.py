"""The organisation's recovery key: with a public key in the organisation file every
profile's data key is also sealed to it; `regiedesk recover --private-key` sets a new
passphrase without the old one, the old one stops working and no data is lost."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from regiedesk.errors import RecoveryFailed, WrongPassphrase
from regiedesk.recovery_key import new_organisation_key
from regiedesk.services.families import FamilyService
from regiedesk.store import open_profile
from regiedesk.store.profile import RECOVERY_FILE, recover_profile

from .cli_helpers import PASSPHRASE, run_cli
from .conftest import FAST_KDF

NEW = "een heel nieuw wachtwoord"


def organisation_key(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    made = subprocess.run(
        [sys.executable, "-m", "regiedesk.sync.server.cli", "org", "key",
         "--out", str(tmp_path / "herstel.pem")],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    public = made.stdout.split('public_key = "')[1].split('"')[0]
    org = tmp_path / "organisation.toml"
    org.write_text(f'[recovery]\npublic_key = "{public}"\n', encoding="utf-8")
    assert (tmp_path / "herstel.pem").stat().st_mode & 0o777 == 0o600
    return tmp_path / "herstel.pem", {"REGIEDESK_ORGANISATION_FILE": str(org)}


def test_a_lost_passphrase_is_replaced_and_nothing_is_lost(tmp_path: Path) -> None:
    private, env = organisation_key(tmp_path)
    data_dir = tmp_path / "profile"
    assert run_cli("init", "--data-dir", str(data_dir), extra_env=env).returncode == 0
    assert (data_dir / RECOVERY_FILE).exists()
    assert b"PRIVATE" not in (data_dir / RECOVERY_FILE).read_bytes()
    with open_profile(data_dir, PASSPHRASE) as store:
        FamilyService(store).add_family(name="Gezin Blijft Bewaard")
    recovered = run_cli(
        "recover", "--data-dir", str(data_dir), "--private-key", str(private),
        passphrase=None, extra_env={**env, "REGIEDESK_NEW_PASSPHRASE": NEW},
    )  # fmt: skip
    assert recovered.returncode == 0, recovered.stderr
    with pytest.raises(WrongPassphrase):
        open_profile(data_dir, PASSPHRASE)
    with open_profile(data_dir, NEW) as store:
        names = [f.name for f in FamilyService(store).list_families()]
    assert names == ["Gezin Blijft Bewaard"]


def test_an_existing_profile_is_sealed_when_it_is_next_opened(
    tmp_path: Path, data_dir: Path
) -> None:
    private, _ = organisation_key(tmp_path)
    from regiedesk.organisation import load_organisation
    from regiedesk.store import create_profile

    create_profile(data_dir, PASSPHRASE, user="anna", kdf=FAST_KDF).close()
    assert not (data_dir / RECOVERY_FILE).exists()
    org = load_organisation(tmp_path / "organisation.toml")
    open_profile(data_dir, PASSPHRASE, recovery_key=org.recovery_public_key).close()
    recover_profile(data_dir, private.read_bytes(), NEW, kdf=FAST_KDF)
    open_profile(data_dir, NEW).close()


def test_another_key_or_no_seal_changes_nothing(tmp_path: Path, data_dir: Path) -> None:
    from regiedesk.store import create_profile

    other_pem, _ = new_organisation_key()
    create_profile(data_dir, PASSPHRASE, user="anna", kdf=FAST_KDF).close()
    with pytest.raises(RecoveryFailed) as missing:
        recover_profile(data_dir, other_pem, NEW, kdf=FAST_KDF)
    assert missing.value.why == "missing"
    private, _ = organisation_key(tmp_path)
    _, public = new_organisation_key()
    import base64

    open_profile(data_dir, PASSPHRASE, recovery_key=base64.b64decode(public)).close()
    with pytest.raises(RecoveryFailed) as other:
        recover_profile(data_dir, private.read_bytes(), NEW, kdf=FAST_KDF)
    assert other.value.why == "other_key"
    open_profile(data_dir, PASSPHRASE).close()  # the old passphrase still works
