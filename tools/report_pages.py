"""One page of each report, from the demo data, as PNG for the user guide (pdftoppm).

    .venv/bin/python tools/report_pages.py [OUT_DIR]      # default docs/screenshots

Dates and the print moment are pinned to 24-11-2026 so the pictures do not change
from day to day. Needs ``pdftoppm`` (Debian: poppler-utils).
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

from regiedesk import reports
from regiedesk.demo import generate_demo
from regiedesk.reports.practice import practice_team
from regiedesk.services import Services
from regiedesk.store import KdfParams, create_profile

TODAY = dt.date(2026, 11, 24)
PRINTED = dt.datetime(2026, 11, 24, 14, 5, tzinfo=dt.UTC)
LETTERHEAD = reports.Letterhead("Jeugdzorg Voorbeeldstad")
FAST = KdfParams(memory_kib=8 * 1024, iterations=1, lanes=1)


def png(pdf: bytes, page: int, out: Path) -> None:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        stem = out.with_suffix("")
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-f", str(page), "-l", str(page), "-singlefile",
             file.name, str(stem)],
            check=True,
        )  # fmt: skip
    print(out)


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        store = create_profile(
            Path(tmp) / "p", "report pages", user="Marieke de Regisseur", kdf=FAST
        )
        generate_demo(store, families=3, today=TODAY)
        services = Services(store, today=lambda: TODAY)
        family = services.families.list_families(search="Boezeman")[0].id
        kw = {"letterhead": LETTERHEAD, "printed_at": PRINTED}
        png(reports.plan_report(services, family, **kw).pdf, 1, out / "15-rapport-gezinsplan.png")
        progress = reports.progress_report(
            services,
            family,
            start=TODAY - dt.timedelta(days=730),
            end=TODAY,
            text="Het gezin heeft de schulden in beeld en de kinderen gaan weer elke dag naar "
            "school. Het netwerk is kleiner geworden: er zijn nu twee vaste hulpverleners.",
            **kw,
        )
        png(progress.pdf, 1, out / "16-rapport-voortgang.png")
        hours = reports.hours_report(
            services, start=dt.date(2026, 10, 1), end=dt.date(2026, 10, 31), **kw
        )
        png(hours.pdf, 1, out / "17-rapport-uren.png")
        team = reports.render_team(practice_team(caseworkers=8, end=TODAY), **kw)
        png(team.pdf, 2, out / "18-rapport-team.png")
        store.close()


if __name__ == "__main__":
    main()
