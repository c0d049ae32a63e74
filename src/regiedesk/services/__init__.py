"""The use cases the UI and the command line call, one service per job."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from ..store import Store
from .assessments import AssessmentService
from .base import _now, _today
from .drafts import DraftService
from .families import FamilyService
from .hours import HoursService
from .indicators import IndicatorService
from .network import NetworkService
from .notes import NoteService
from .plan import PlanService
from .timer import VisitTimerService


@dataclass(frozen=True)
class Services:
    """Every service over one open store; built once per unlock and passed explicitly."""

    store: Store
    families: FamilyService
    hours: HoursService
    timer: VisitTimerService
    assessments: AssessmentService
    network: NetworkService
    plan: PlanService
    notes: NoteService
    indicators: IndicatorService
    drafts: DraftService

    @classmethod
    def over(
        cls,
        store: Store,
        *,
        today: Callable[[], dt.date] = _today,
        now: Callable[[], dt.datetime] = _now,
    ) -> Services:
        def make(kind: type) -> object:
            return kind(store, today=today, now=now)

        return cls(
            store,
            make(FamilyService),  # type: ignore[arg-type]
            make(HoursService),  # type: ignore[arg-type]
            make(VisitTimerService),  # type: ignore[arg-type]
            make(AssessmentService),  # type: ignore[arg-type]
            make(NetworkService),  # type: ignore[arg-type]
            make(PlanService),  # type: ignore[arg-type]
            make(NoteService),  # type: ignore[arg-type]
            make(IndicatorService),  # type: ignore[arg-type]
            make(DraftService),  # type: ignore[arg-type]
        )


__all__ = ["Services"]
