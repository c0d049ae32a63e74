"""The reports' speed and memory, against plain reportlab laying out a table in the same run.

Baseline: reportlab alone (no regiedesk code) lays out a 400-row table of paragraph
cells in its built-in Helvetica, as the facts measured it. Then, on a demo profile of
15 families (two years of history):

- ``progress_s``: the two-year progress report of one demo family (gathering and layout)
- ``hours_s``: the hours statement of one month for 15 families
- ``team_s``: the team report of 50 caseworkers (constructed figures)
- ``memory_growth_mb``: the growth of the process's resident memory while writing 100
  reports in a row (after 10 to warm up), through ``write_report`` into a temporary folder

Each time is the median of ``--repeat`` runs; the ratios divide it by the baseline's.
Last stdout line: one JSON object with the figures and a ``<figure>_met`` per target.

    .venv/bin/python bench/reports.py
    .venv/bin/python bench/reports.py --families 3 --repeat 1 --reports 10   # a quick look
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import io
import os
import platform
import resource
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import emit, median_of, progress
from regiedesk import reports
from regiedesk.demo import generate_demo
from regiedesk.reports.practice import practice_team
from regiedesk.services import Services
from regiedesk.store import KdfParams, create_profile

TODAY = dt.date(2026, 11, 24)
FAST = KdfParams(memory_kib=8 * 1024, iterations=1, lanes=1)  # the KDF is not measured here
TARGETS = {"progress_s": 1.0, "hours_s": 1.0, "team_s": 3.0, "memory_growth_mb": 20.0}


def baseline() -> bytes:
    """reportlab alone: a 400-row table of paragraphs over A4 pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate

    style = getSampleStyleSheet()["BodyText"]
    rows = [
        [Paragraph(f"rij {i}", style), Paragraph("Huisbezoek", style), Paragraph("1:30", style)]
        for i in range(400)
    ]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build([LongTable(rows, repeatRows=1)])
    return buffer.getvalue()


def resident_mb() -> float:
    """The process's resident memory now (Linux /proc; elsewhere the peak so far)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--families", type=int, default=15)
    parser.add_argument("--caseworkers", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--reports", type=int, default=100)
    args = parser.parse_args()
    result: dict[str, Any] = {
        "families": args.families,
        "caseworkers": args.caseworkers,
        "reports_in_a_row": args.reports,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_average_1min": os.getloadavg()[0],
    }
    baseline()  # import reportlab and warm its caches before anything is timed
    with tempfile.TemporaryDirectory(prefix="regiedesk-bench-") as tmp:
        root = Path(tmp)
        progress(f"demo profile of {args.families} families")
        store = create_profile(root / "profile", "bench passphrase", user="bench", kdf=FAST)
        generate_demo(store, families=args.families, today=TODAY)
        services = Services(store, today=lambda: TODAY)
        family = services.families.list_families()[0].id
        team = practice_team(caseworkers=args.caseworkers, end=TODAY)

        def progress_report() -> reports.RenderedReport:
            return reports.progress_report(
                services, family, start=TODAY - dt.timedelta(days=730), end=TODAY
            )

        def hours_report() -> reports.RenderedReport:
            return reports.hours_report(
                services, start=dt.date(2026, 10, 1), end=dt.date(2026, 10, 31)
            )

        def team_report() -> reports.RenderedReport:
            return reports.render_team(team)

        reports.plan_report(services, family)  # fonts registered, modules imported
        progress("baseline: reportlab lays out 400 table rows")
        result["baseline_s"] = median_of(args.repeat, baseline)
        for name, build in (
            ("progress", progress_report),
            ("hours", hours_report),
            ("team", team_report),
        ):
            progress(f"{name} report, median of {args.repeat}")
            result[f"{name}_s"] = median_of(args.repeat, build)
            result[f"{name}_ratio"] = result[f"{name}_s"] / result["baseline_s"]

        progress(f"memory: {args.reports} reports in a row, written with their audit events")
        out = root / "out"
        out.mkdir()
        kinds = (
            progress_report,
            hours_report,
            team_report,
            lambda: reports.plan_report(services, family),
        )

        def write(i: int) -> None:
            report = kinds[i % len(kinds)]()
            reports.write_report(store, report, out / f"r{i}.pdf")
            (out / f"r{i}.pdf").unlink()

        for i in range(10):
            write(i)
        gc.collect()
        before = resident_mb()
        for i in range(args.reports):
            write(10 + i)
        gc.collect()
        result["memory_growth_mb"] = resident_mb() - before
        store.close()

    for figure, target in TARGETS.items():
        result[f"{figure}_target"] = target
        result[f"{figure}_met"] = result[figure] <= target
    emit(result)


if __name__ == "__main__":
    main()
