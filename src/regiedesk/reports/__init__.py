"""Reports on paper: PDFs built with reportlab's platypus, in memory (no Qt).

Each report is made in two steps: gather its typed input (``gather.py``, from the
services; the team report's from a team leader's cached overview) and lay it out
(``plan.py``, ``progress.py``, ``hours.py``, ``team.py``) on the shared document
(``document.py``). ``output.write_report`` writes the finished PDF where the user
asked, with its audit event. The functions here do the first two steps at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..i18n import Language
from .document import Document, Letterhead, build_pdf
from .inputs import HoursInput, PlanInput, ProgressInput, TeamInput
from .output import RenderedReport, ReportKind, write_report
from .words import Words

if TYPE_CHECKING:
    from ..services import Services
    from ..sync.protocol import AccessAnswer, TrailEvent

__all__ = [
    "Document",
    "Letterhead",
    "RenderedReport",
    "ReportKind",
    "build_pdf",
    "hours_report",
    "plan_report",
    "progress_report",
    "render_access",
    "render_hours",
    "render_plan",
    "render_privacy",
    "render_progress",
    "render_team",
    "write_report",
]


def render_plan(
    plan: PlanInput,
    *,
    language: Language = "nl",
    letterhead: Letterhead | None = None,
    printed_at: dt.datetime | None = None,
) -> RenderedReport:
    from .plan import plan_document

    document = plan_document(
        plan, words=Words(language), letterhead=letterhead, printed_at=printed_at
    )
    return RenderedReport(ReportKind.PLAN, build_pdf(document), plan.family_id, (plan.family_id,))


def render_progress(
    progress: ProgressInput,
    *,
    language: Language = "nl",
    letterhead: Letterhead | None = None,
    printed_at: dt.datetime | None = None,
) -> RenderedReport:
    from .progress import progress_document

    document = progress_document(
        progress, words=Words(language), letterhead=letterhead, printed_at=printed_at
    )
    return RenderedReport(
        ReportKind.PROGRESS, build_pdf(document), progress.family_id, (progress.family_id,)
    )


def render_hours(
    hours: HoursInput,
    *,
    language: Language = "nl",
    letterhead: Letterhead | None = None,
    printed_at: dt.datetime | None = None,
) -> RenderedReport:
    from .hours import hours_document

    document = hours_document(
        hours, words=Words(language), letterhead=letterhead, printed_at=printed_at
    )
    families = tuple(f.family_id for f in hours.families)
    client = families[0] if len(families) == 1 else None
    return RenderedReport(ReportKind.HOURS, build_pdf(document), client, families)


def render_team(
    team: TeamInput,
    *,
    language: Language = "nl",
    letterhead: Letterhead | None = None,
    printed_at: dt.datetime | None = None,
) -> RenderedReport:
    from .team import team_document

    document = team_document(
        team, words=Words(language), letterhead=letterhead, printed_at=printed_at
    )
    return RenderedReport(ReportKind.TEAM, build_pdf(document), None, ())


def render_privacy(
    client: str,
    start: dt.date,
    end: dt.date,
    events: Sequence[TrailEvent],
    *,
    language: Language = "nl",
    letterhead: Letterhead | None = None,
    printed_at: dt.datetime | None = None,
) -> RenderedReport:
    """The privacy officer's report of the audit trail about one client."""
    from .privacy import privacy_document

    document = privacy_document(
        client, start, end, events, words=Words(language), letterhead=letterhead,
        printed_at=printed_at,
    )  # fmt: skip
    return RenderedReport(ReportKind.PRIVACY, build_pdf(document), client, (client,))


def render_access(
    answer: AccessAnswer,
    *,
    language: Language = "nl",
    letterhead: Letterhead | None = None,
    printed_at: dt.datetime | None = None,
) -> RenderedReport:
    """The readable form of an access request's answer (``GET /v1/privacy/access``)."""
    from .access import access_pdf_document

    document = access_pdf_document(
        answer, words=Words(language), letterhead=letterhead, printed_at=printed_at
    )
    family = str(answer["family"])
    return RenderedReport(ReportKind.ACCESS, build_pdf(document), family, (family,))


def plan_report(
    services: Services,
    family_id: str,
    *,
    language: Language = "nl",
    letterhead: Letterhead | None = None,
    printed_at: dt.datetime | None = None,
) -> RenderedReport:
    from .gather import gather_plan

    return render_plan(
        gather_plan(services, family_id),
        language=language,
        letterhead=letterhead,
        printed_at=printed_at,
    )


def progress_report(
    services: Services,
    family_id: str,
    *,
    start: dt.date,
    end: dt.date,
    text: str = "",
    note_ids: Sequence[str] = (),
    language: Language = "nl",
    letterhead: Letterhead | None = None,
    printed_at: dt.datetime | None = None,
) -> RenderedReport:
    from .gather import gather_progress

    data = gather_progress(services, family_id, start=start, end=end, text=text, note_ids=note_ids)
    return render_progress(data, language=language, letterhead=letterhead, printed_at=printed_at)


def hours_report(
    services: Services,
    *,
    start: dt.date,
    end: dt.date,
    family_ids: Sequence[str] | None = None,
    caseworker: str | None = None,
    language: Language = "nl",
    letterhead: Letterhead | None = None,
    printed_at: dt.datetime | None = None,
) -> RenderedReport:
    from .gather import gather_hours

    data = gather_hours(
        services,
        start=start,
        end=end,
        family_ids=family_ids,
        caseworker=caseworker,
        language=language,
    )
    return render_hours(data, language=language, letterhead=letterhead, printed_at=printed_at)
