"""No client data in plaintext anywhere under the data directory or in the logs."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from regiedesk.logging_setup import setup_logging
from regiedesk.services.assessments import AssessmentService
from regiedesk.services.families import FamilyService
from regiedesk.services.hours import HoursService
from regiedesk.services.network import NetworkService
from regiedesk.services.notes import NoteService
from regiedesk.services.plan import PlanService
from regiedesk.store import create_profile

from .cli_helpers import PASSPHRASE, run_cli
from .conftest import FAST_KDF, TODAY

SECRETS = [
    "Zwanenburg-Oudekerk",
    "Philomena",
    "123456782",
    "Drugsgebruik van vader in de schuur besproken",
    "Schuldeiser Incassobureau Kraaijeveld",
    "Wij willen samen weer lachen aan tafel",
]


def forms(secret: str) -> list[bytes]:
    return [secret.encode("utf-8"), secret.encode("utf-16-le"), secret.encode("utf-16-be")]


def leaks(folder: Path, secrets: list[str]) -> list[str]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            found += [f"{path.name}: {s!r}" for s in secrets if any(f in raw for f in forms(s))]
    return found


def fill(data_dir: Path) -> None:
    store = create_profile(data_dir, PASSPHRASE, user="anna", kdf=FAST_KDF)
    keep = dict(today=lambda: TODAY)
    families = FamilyService(store, **keep)  # type: ignore[arg-type]
    family = families.add_family(name="Gezin Zwanenburg-Oudekerk", status="actief")
    mother = families.add_member(family.id, name="Philomena", role="ouder", bsn="123456782")
    HoursService(store, **keep).add_entry(  # type: ignore[arg-type]
        family.id, date=TODAY, minutes=60, activity="huisbezoek"
    )
    party = NetworkService(store, **keep).add_party(  # type: ignore[arg-type]
        family.id,
        organisation="Schuldeiser Incassobureau Kraaijeveld",
        role="schuldeiser",
        involved_from=TODAY,
    )
    plan = PlanService(store, **keep)  # type: ignore[arg-type]
    goal = plan.add_goal(
        family.id, domain="huiselijke_relaties", text="Wij willen samen weer lachen aan tafel"
    )
    plan.add_agreement(family.id, text="Bellen", owner="betrokkene", party_id=party.id)
    AssessmentService(store, **keep).add_assessment(  # type: ignore[arg-type]
        family.id,
        instrument="zrm2017",
        moment="intake",
        date=TODAY,
        member_id=mother.id,
        scores={"middelengebruik": (2, "Drugsgebruik van vader in de schuur besproken")},
    )
    notes = NoteService(store, **keep)  # type: ignore[arg-type]
    for i in range(50):  # enough pages that the WAL holds them before a checkpoint
        notes.add_note(family.id, title=f"Bezoek {i}", body=SECRETS[3] + " " + SECRETS[5] * 20)
    assert goal.text == SECRETS[5]
    # a snapshot of the folder while the profile is open and the WAL is full
    shutil.copytree(data_dir, data_dir.parent / "while-open")
    logging.getLogger("regiedesk.test").info("filled a profile")
    store.close()


def test_no_plaintext_on_disk(tmp_path: Path) -> None:
    data_dir, log_dir = tmp_path / "profile", tmp_path / "logs"
    setup_logging(log_dir)
    try:
        fill(data_dir)
    finally:
        root = logging.getLogger("regiedesk")
        for handler in list(root.handlers):
            root.removeHandler(handler)
            handler.close()
    assert (data_dir.parent / "while-open" / "profile.db-wal").stat().st_size > 100_000
    backup, restored = tmp_path / "backup.zip", tmp_path / "restored"
    new_passphrase = "een tweede geheim wachtwoord"
    commands = [
        ("check", "--data-dir", str(data_dir)),
        ("backup", "--data-dir", str(data_dir), "--out", str(backup)),
        ("restore", str(backup), "--data-dir", str(restored)),
        ("passwd", "--data-dir", str(data_dir)),
    ]
    for command in commands:
        result = run_cli(
            *command, log_dir=log_dir, extra_env={"REGIEDESK_NEW_PASSPHRASE": new_passphrase}
        )
        assert result.returncode == 0, result.stderr
    wrong = run_cli(
        "check", "--data-dir", str(data_dir), passphrase="fout wachtwoord", log_dir=log_dir
    )
    assert wrong.returncode == 4
    log_text = (log_dir / "regiedesk.log").read_text()
    for event in ("command check", "command backup", "command restore", "command passwd"):
        assert event in log_text
    # names, BSN and note text nowhere; the passphrases not even in the logs or key files
    secrets = [*SECRETS, PASSPHRASE, new_passphrase]
    for folder in (data_dir, data_dir.parent / "while-open", restored, log_dir):
        assert leaks(folder, secrets) == [], folder
    raw_backup = backup.read_bytes()
    assert not any(f in raw_backup for s in secrets for f in forms(s))


def test_the_search_finds_planted_plaintext(tmp_path: Path) -> None:
    (tmp_path / "a.bin").write_bytes(b"\x00\x01" + SECRETS[2].encode() + b"\xff")
    (tmp_path / "b.bin").write_bytes(SECRETS[0].encode("utf-16-le"))
    assert len(leaks(tmp_path, SECRETS)) == 2
