"""Screenshots of the team leader's workspace for the user guide, over a real server with
the demo organisation (``regiedesk.team_demo``).

    .venv/bin/python tools/team_screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtWidgets import QApplication
from screenshots import FAST_KDF, settle, shoot
from tests.server.conftest import serving
from tests.server.demo_team import demo_team

from regiedesk.services import Services
from regiedesk.services.team import fetch_team
from regiedesk.store import create_profile
from regiedesk.sync.client import TeamClient
from regiedesk.ui.team.workspace import TeamWorkspace
from regiedesk.ui.worker import DbWorker

TODAY = dt.date(2026, 11, 24)
PEOPLE = ["anna", "bert", "chris", "dewi"]


def main() -> int:
    out = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).parents[1] / "docs" / "screenshots"
    )
    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp, serving(f"sqlite:///{tmp}/server.db") as server:
        leader = demo_team(server, PEOPLE, families=5, today=TODAY, days=300, seed=1)
        client = TeamClient(server.url, leader)
        store = create_profile(
            Path(tmp) / "profile", "teamleider wachtwoord", user="teun", kdf=FAST_KDF
        )
        worker = DbWorker()
        workspace = TeamWorkspace(
            Services.over(store, today=lambda: TODAY),
            worker,
            lambda s, e, w: fetch_team(client, s, e, w),
        )
        workspace.resize(1360, 860)
        workspace.show()
        end = time.monotonic() + 60
        while workspace.snapshot is None and time.monotonic() < end:
            settle(app, worker, 0.1)
        workspace.team_table.sortItems(0)
        shoot(workspace, out, "20-team")
        workspace.caseworker.setCurrentIndex(workspace.caseworker.findData("anna"))
        workspace.tabs.setCurrentIndex(1)
        settle(app, worker)
        shoot(workspace, out, "21-team-gezinnen")
        busiest = max(workspace.snapshot.families_of("anna"), key=lambda f: f["minutes_in_period"])  # type: ignore[union-attr]
        workspace.show_family(busiest["family_id"])
        settle(app, worker)
        shoot(workspace, out, "22-team-gezin")
        # the stand-in dialog over the family page, as a team leader fills it in
        workspace.stand_in_button.click()
        settle(app, worker, 0.3)
        dialog = workspace.dialog
        dialog.caseworker.setCurrentIndex(dialog.caseworker.findData("bert"))  # type: ignore[attr-defined]
        settle(app, worker, 0.2)
        shoot(dialog, out, "25-team-waarneming")
        dialog.reject()
        workspace.tabs.setCurrentIndex(1)
        workspace.families_table.setCurrentCell(0, 0)
        workspace.register_button.click()
        settle(app, worker, 0.3)
        register = workspace.dialog
        register.name.setText("Gezin Jansen")  # type: ignore[attr-defined]
        register.caseworker.setCurrentIndex(register.caseworker.findData("dewi"))  # type: ignore[attr-defined]
        settle(app, worker, 0.2)
        shoot(register, out, "26-team-aanmelden")
        register.reject()
        workspace.shutdown()
        worker.submit(store.close)
        worker.shutdown()
        client.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
