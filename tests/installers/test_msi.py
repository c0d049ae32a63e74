"""The Windows MSI, as far as it can be checked here: wixl builds regiedesk.wxs around a
stand-in payload, msiinfo reads its tables, and the command line its custom action runs
is run through the real `regiedesk organisation write`."""

from __future__ import annotations

import base64
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from regiedesk.organisation import load_organisation

from ..cli_helpers import run_cli

ROOT = Path(__file__).resolve().parents[2]
UPGRADE_CODE = "{6D6F2B8E-4F1D-4B8E-9D35-0D6C0B0F3A11}"
PROPERTIES = (
    "ORGANISATION", "LOGO", "SERVER_URL", "LOCK_AFTER_MINUTES", "MIN_PASSPHRASE_LENGTH",
    "MAX_DAYS_WITHOUT_SYNC", "INSTRUMENT", "RECOVERY_PUBLIC_KEY",
)  # fmt: skip

pytestmark = pytest.mark.skipif(
    not (shutil.which("wixl") and shutil.which("msiinfo")), reason="needs msitools and wixl"
)


@pytest.fixture(scope="module")
def msi(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("msi")
    built = subprocess.run(
        [sys.executable, ROOT / "installers" / "windows" / "build_msi.py", "--out", out],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return Path(built.stdout.strip().splitlines()[-1])


def table(msi: Path, name: str) -> list[list[str]]:
    text = subprocess.run(
        ["msiinfo", "export", msi, name], capture_output=True, text=True, check=True
    ).stdout
    return [line.split("\t") for line in text.splitlines()[3:]]  # after the header rows


def test_per_machine_with_an_upgrade_code(msi: Path) -> None:
    properties = dict(row[:2] for row in table(msi, "Property"))
    assert properties["ALLUSERS"] == "1"
    assert properties["UpgradeCode"].upper() == UPGRADE_CODE
    secure = properties["SecureCustomProperties"].split(";")
    assert set(PROPERTIES) <= set(secure)
    upgrades = table(msi, "Upgrade")
    assert {row[0] for row in upgrades} == {UPGRADE_CODE}
    assert any(row[-1] == "WIX_UPGRADE_DETECTED" for row in upgrades)  # in-place upgrade
    summary = subprocess.run(["msiinfo", "suminfo", msi], capture_output=True, text=True).stdout
    assert "Template: x64" in summary


def test_a_start_menu_shortcut_to_the_program(msi: Path) -> None:
    shortcuts = table(msi, "Shortcut")
    assert [(row[1], row[2], row[3]) for row in shortcuts] == [
        ("ProgramMenuFolder", "regiedesk", "Launcher")
    ]
    files = {row[0]: row[2] for row in table(msi, "File")}
    assert files["RegiedeskExe"].endswith("regiedesk.exe")  # the window, no console
    assert files["RegiedeskCliExe"].endswith("regiedesk-cli.exe")
    directories = {row[0]: row for row in table(msi, "Directory")}
    assert directories["INSTALLDIR"][1] == "ProgramFiles64Folder"


def custom_action(msi: Path) -> str:
    (action,) = [row for row in table(msi, "CustomAction") if row[0] == "WriteOrganisationFile"]
    assert action[2] == "RegiedeskCliExe"  # runs the installed command line
    assert int(action[1]) & 0x400 and int(action[1]) & 0x800  # deferred, not impersonated
    sequence = {row[0]: row for row in table(msi, "InstallExecuteSequence")}
    assert sequence["WriteOrganisationFile"][1] == "NOT REMOVE"
    assert int(sequence["WriteOrganisationFile"][2]) > int(sequence["InstallFiles"][2])
    return action[3]


def formatted(command: str, values: dict[str, str]) -> list[str]:
    """What Windows Installer makes of the command: each [PROPERTY] replaced by its value
    (an unset property by nothing), then split the way a C program splits its arguments."""
    assert set(re.findall(r"\[([A-Z_]+)\]", command)) == set(PROPERTIES)
    return shlex.split(re.sub(r"\[([A-Z_]+)\]", lambda m: values.get(m.group(1), ""), command))


def test_the_properties_are_written_to_the_organisation_file(msi: Path, tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    key = base64.b64encode(bytes(range(32))).decode()
    values = {
        "ORGANISATION": "Jeugdzorg Oost", "LOGO": str(tmp_path / "logo.png"),
        "SERVER_URL": "https://regiedesk.jeugdzorg-oost.nl", "LOCK_AFTER_MINUTES": "5",
        "MIN_PASSPHRASE_LENGTH": "14", "MAX_DAYS_WITHOUT_SYNC": "30",
        "INSTRUMENT": "zrm_huishoudens", "RECOVERY_PUBLIC_KEY": key,
    }  # fmt: skip
    target = tmp_path / "ProgramData" / "regiedesk" / "organisation.toml"
    args = formatted(custom_action(msi), values)
    result = run_cli(*args, "--file", str(target))
    assert result.returncode == 0, result.stderr
    org = load_organisation(target)
    assert (org.name, org.server_url, org.idle_lock_minutes) == (
        "Jeugdzorg Oost", "https://regiedesk.jeugdzorg-oost.nl", 5,
    )  # fmt: skip
    assert (org.min_passphrase_length, org.max_days_without_sync) == (14, 30)
    assert org.instrument == "zrm_huishoudens" and org.logo == tmp_path / "logo.png"
    assert org.recovery_public_key == bytes(range(32))


def test_a_silent_install_with_only_some_properties(msi: Path, tmp_path: Path) -> None:
    target = tmp_path / "organisation.toml"
    args = formatted(custom_action(msi), {"SERVER_URL": "https://regiedesk.example.org"})
    assert run_cli(*args, "--file", str(target)).returncode == 0
    org = load_organisation(target)
    assert org.server_url == "https://regiedesk.example.org" and org.name is None


def test_no_properties_keep_the_file_and_a_wrong_one_fails_the_install(
    msi: Path, tmp_path: Path
) -> None:
    target = tmp_path / "organisation.toml"
    target.write_text('[organisation]\nname = "Eerder gezet"\n', encoding="utf-8")
    assert run_cli(*formatted(custom_action(msi), {}), "--file", str(target)).returncode == 0
    assert load_organisation(target).name == "Eerder gezet"  # an upgrade without properties
    wrong = formatted(custom_action(msi), {"LOCK_AFTER_MINUTES": "500"})
    result = run_cli(*wrong, "--file", str(target))
    assert result.returncode == 2  # Return="check": the installer rolls back
    assert "1 tot en met 120" in result.stderr
    assert load_organisation(target).name == "Eerder gezet"
    assert not target.with_name("organisation.toml.new").exists()
