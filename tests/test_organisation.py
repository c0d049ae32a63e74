"""The organisation file: the schema, and a clear refusal (file, line, what) of a bad one."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from regiedesk import i18n
from regiedesk.errors import OrganisationFileError
from regiedesk.organisation import (
    ORGANISATION_FILE_ENV,
    SCHEMA,
    Organisation,
    load_organisation,
    organisation_file,
)

RECOVERY = X25519PrivateKey.generate().public_key()
RAW_KEY = RECOVERY.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
PNG = bytes.fromhex("89504e470d0a1a0a")  # the file is only checked to exist and be readable


def write(folder: Path, text: str) -> Path:
    path = folder / "organisation.toml"
    path.write_text(text, encoding="utf-8")
    return path


def refusal(path: Path) -> OrganisationFileError:
    with pytest.raises(OrganisationFileError) as caught:
        load_organisation(path)
    return caught.value


def test_a_complete_file_fills_every_field(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(PNG)
    path = write(
        tmp_path,
        f"""# Jeugdzorg Oost, rolled out by IT
[organisation]
name = "Jeugdzorg Oost"
logo = "logo.png"

[server]
url = "https://regiedesk.jeugdzorg-oost.nl/"

[policy]
idle_lock_minutes = 3
min_passphrase_length = 14
max_days_without_sync = 30
instrument = "zrm_huishoudens"

[recovery]
public_key = "{base64.b64encode(RAW_KEY).decode()}"
""",
    )
    org = load_organisation(path)
    assert org == Organisation(
        path=path,
        found=True,
        name="Jeugdzorg Oost",
        logo=(tmp_path / "logo.png").resolve(),
        server_url="https://regiedesk.jeugdzorg-oost.nl",
        idle_lock_minutes=3,
        min_passphrase_length=14,
        max_days_without_sync=30,
        instrument="zrm_huishoudens",
        recovery_public_key=RAW_KEY,
    )
    assert all(org.sets(field) for field in SCHEMA)
    key = org.recovery_key()
    assert key is not None and key.public_bytes_raw() == RAW_KEY
    assert "organisation.toml read" in org.describe() and "server_url" in org.describe()


def test_no_file_sets_nothing(tmp_path: Path) -> None:
    org = load_organisation(tmp_path / "absent.toml")
    assert not org.found and not any(org.sets(field) for field in SCHEMA)
    assert org.recovery_key() is None
    assert org.describe() == f"no organisation file at {tmp_path / 'absent.toml'}"


def test_the_variable_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, '[organisation]\nname = "Team West"\n')
    monkeypatch.setenv(ORGANISATION_FILE_ENV, str(path))
    assert organisation_file() == path
    assert load_organisation().name == "Team West"


@pytest.mark.parametrize(
    ("platform", "expected"),
    [
        ("linux", "/etc/regiedesk/organisation.toml"),
        ("darwin", "/Library/Application Support/regiedesk/organisation.toml"),
    ],
)
def test_the_platform_places(monkeypatch: pytest.MonkeyPatch, platform: str, expected: str) -> None:
    monkeypatch.delenv(ORGANISATION_FILE_ENV)
    monkeypatch.setattr("sys.platform", platform)
    assert organisation_file() == Path(expected)


def test_windows_uses_programdata(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ORGANISATION_FILE_ENV)
    monkeypatch.setattr("sys.platform", "win32")
    monkeypatch.setenv("PROGRAMDATA", "/programdata")
    assert organisation_file() == Path("/programdata/regiedesk/organisation.toml")


def test_a_pem_key_is_read_as_the_same_key(tmp_path: Path) -> None:
    pem = RECOVERY.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()
    path = write(tmp_path, f'[recovery]\npublic_key = """\n{pem}"""\n')
    assert load_organisation(path).recovery_public_key == RAW_KEY


def test_what_the_windows_installer_writes(tmp_path: Path) -> None:
    """msiexec writes every property quoted, and an empty one for each property not given."""
    path = write(
        tmp_path,
        '[organisation]\nname="Jeugdzorg Oost"\nlogo=""\n[server]\nurl=""\n'
        '[policy]\nidle_lock_minutes="10"\nmax_days_without_sync=""\n',
    )
    org = load_organisation(path)
    assert (org.name, org.idle_lock_minutes) == ("Jeugdzorg Oost", 10)
    assert org.server_url is None and org.logo is None and org.max_days_without_sync is None


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("[policy]\nidle_lock_minutes = 0\n", 2, "1 to 120"),
        ("[policy]\n\nidle_lock_minutes = true\n", 3, "1 to 120"),
        ('[policy]\nidle_lock_minutes = "vijf"\n', 2, "whole number"),
        ("[policy]\nmin_passphrase_length = 8\n", 2, "10 to 128"),
        ("[policy]\nmax_days_without_sync = 400\n", 2, "1 to 365"),
        ('[policy]\ninstrument = "zrm1999"\n', 2, "unknown instrument 'zrm1999'"),
        ('[server]\nurl = "ftp://server"\n', 2, "is not an address"),
        ('[server]\nurl = "http://regiedesk.example.org"\n', 2, "use https"),
        ('[organisation]\nname = ""\n[server]\nurl = 5\n', 4, "an address as text"),
        ('[organisation]\nname = "   "\n', 2, "1 to 200 characters"),
        ('[organisation]\nlogo = "missing.png"\n', 2, "does not exist"),
        ('[organisation]\nlogo = "logo.gif"\n', 2, "not a PNG or JPEG"),
        ('[recovery]\npublic_key = "bm90IGEga2V5"\n', 2, "X25519 public key"),
        ('[recovery]\npublic_key = "!!"\n', 2, "X25519 public key"),
        ("[policy]\nidle_lock_minute = 5\n", 2, "unknown key 'idle_lock_minute' in [policy]"),
        ('[organisation]\nname = "X"\n\n[polcy]\nx = 1\n', 4, "unknown section or key 'polcy'"),
        ('server_url = "https://a.example"\n', 1, "unknown section or key 'server_url'"),
        ("[policy]\nidle_lock_minutes = 5\nidle_lock_minutes = 6\n", 3, "not valid TOML"),
        ('[organisation]\nname = "Jeugdzorg\n', 2, "not valid TOML"),
    ],
)
def test_a_bad_value_is_named_with_its_line(
    tmp_path: Path, text: str, line: int, words: str
) -> None:
    path = write(tmp_path, text)
    error = refusal(path)
    assert (error.path, error.line) == (str(path), line)
    i18n.set_language("en")
    try:
        assert words in error.message
        assert f"{path}, line {line}" in error.message
        assert "ask your IT department" in error.message
    finally:
        i18n.set_language(None)
    i18n.set_language("nl")
    try:
        assert f"{path}, regel {line}" in error.message and "ICT-afdeling" in error.message
    finally:
        i18n.set_language(None)


def test_one_bad_value_refuses_the_whole_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[server]\nurl = "https://regiedesk.example.org"\n[policy]\nidle_lock_minutes = 999\n',
    )
    assert refusal(path).line == 4  # no Organisation with only the server set comes back


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "organisation.toml"
    path.write_bytes(b'[organisation]\nname = "Jeugdzorg \xe9\xe9n"\n')
    error = refusal(path)
    assert error.line == 2 and "not UTF-8" in error.en


def test_an_unreadable_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "organisation.toml"
    path.mkdir()  # not a file: reading fails even as root
    error = refusal(path)
    assert error.line is None and "cannot be read" in error.en and str(path) in error.en


def test_the_shipped_example_is_valid() -> None:
    example = Path(__file__).parents[1] / "installers" / "organisation.example.toml"
    org = load_organisation(example)
    assert org.found and org.name == "Jeugdzorg Oost" and org.instrument == "zrm2017"
