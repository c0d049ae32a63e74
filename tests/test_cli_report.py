"""`regiedesk report ...` through the real command line, in a child process."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from regiedesk.demo import generate_demo
from regiedesk.reports.practice import practice_team
from regiedesk.reports.team_file import team_figures_document
from regiedesk.store import create_profile, open_profile

from .cli_helpers import PASSPHRASE, run_cli
from .conftest import FAST_KDF, TODAY
from .reports.conftest import flat, pages


@pytest.fixture(scope="module")
def profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("cli-report") / "profile"
    with create_profile(data_dir, PASSPHRASE, user="oefenregisseur", kdf=FAST_KDF) as store:
        generate_demo(store, families=2, today=TODAY)
    return data_dir


def _prints(data_dir: Path) -> list[dict]:
    with open_profile(data_dir, PASSPHRASE) as store:
        return store.query("SELECT * FROM audit_log WHERE event = 'print' ORDER BY seq")


def test_each_report_kind_writes_its_pdf_and_event(profile: Path, tmp_path: Path) -> None:
    before = len(_prints(profile))
    figures = tmp_path / "team.json"
    team = practice_team(caseworkers=3, end=TODAY)
    figures.write_text(json.dumps(team_figures_document(team)), encoding="utf-8")
    commands = {
        "plan": ["--family", "gezin achterberg"],
        "progress": ["--family", "Gezin Boezeman", "--from", "2025-01-01", "--to", "2026-11-24",
                     "--text", "Het gaat beter."],
        "hours": ["--month", "2026-10"],
        "team": ["--figures", str(figures)],
    }  # fmt: skip
    for kind, extra in commands.items():
        out = tmp_path / f"{kind}.pdf"
        result = run_cli("report", kind, "--data-dir", str(profile), "--out", str(out), *extra)
        assert result.returncode == 0, result.stderr
        assert f"Rapport geschreven: {out}" in result.stdout and "NIET versleuteld" in result.stdout
        assert out.read_bytes().startswith(b"%PDF")
    assert "Gezin Achterberg" in flat(pages((tmp_path / "plan.pdf").read_bytes())[0])
    assert "Het gaat beter." in flat(" ".join(pages((tmp_path / "progress.pdf").read_bytes())))
    assert "oefenregisseur" in pages((tmp_path / "hours.pdf").read_bytes())[0]
    team_text = flat(" ".join(pages((tmp_path / "team.pdf").read_bytes())))
    assert all(c.caseworker in team_text for c in team.caseworkers)
    events = _prints(profile)[before:]
    assert [json.loads(e["objects"])[0] for e in events] == [
        "reports/plan", "reports/progress", "reports/hours", "reports/team",
    ]  # fmt: skip
    assert events[0]["client"] and events[3]["client"] is None


def test_english_with_the_organisation_and_the_errors_a_person_sees(
    profile: Path, tmp_path: Path
) -> None:
    from PIL import Image
    from pypdf import PdfReader

    Image.new("RGB", (120, 40), (29, 91, 121)).save(tmp_path / "logo.png")
    organisation = tmp_path / "organisation.toml"
    organisation.write_text('[organisation]\nname = "Jeugdzorg Ĳssel"\nlogo = "logo.png"\n')
    out = tmp_path / "plan.pdf"
    result = run_cli(
        "report", "plan", "--data-dir", str(profile), "--family", "Gezin Achterberg",
        "--out", str(out), lang="en_GB.UTF-8",
        extra_env={"REGIEDESK_ORGANISATION_FILE": str(organisation)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    first = pages(out.read_bytes())[0]
    assert "Family plan" in first and "Jeugdzorg Ĳssel" in first
    assert len(PdfReader(out).pages[0].images) == 1  # the logo
    again = run_cli(
        "report", "plan", "--data-dir", str(profile), "--family", "Gezin Achterberg",
        "--out", str(out),
    )  # fmt: skip
    assert again.returncode == 2 and "bestaat al" in again.stderr
    unknown = run_cli(
        "report", "plan", "--data-dir", str(profile), "--family", "Gezin Niemand",
        "--out", str(tmp_path / "x.pdf"),
    )  # fmt: skip
    assert unknown.returncode == 2 and "Geen gezin met de naam" in unknown.stderr
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "regiedesk-team-figures", "version": 1, "caseworkers": []}')
    broken = run_cli(
        "report", "team", "--data-dir", str(profile), "--figures", str(bad),
        "--out", str(tmp_path / "t.pdf"), passphrase=None,
    )  # fmt: skip
    assert broken.returncode == 2 and "start: verwacht een datum" in broken.stderr
    no_period = run_cli(
        "report", "hours", "--data-dir", str(profile), "--out", str(tmp_path / "h.pdf")
    )
    assert no_period.returncode == 2 and "--from en --to" in no_period.stderr
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "h.pdf").exists()


def test_the_team_figures_file_is_read_back_as_written() -> None:
    from regiedesk.reports.team_file import parse_team_figures

    team = practice_team(caseworkers=4, end=dt.date(2026, 11, 22))
    assert parse_team_figures(json.loads(json.dumps(team_figures_document(team)))) == team
