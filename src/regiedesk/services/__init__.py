"""The use cases the UI and the command line call, one service per job.

Method names follow one scheme. A record is read and written with
``list_<records>``, ``get_<record>``, ``add_<record>``, ``update_<record>`` and
``remove_<record>`` (a tombstone, synced like any change): ``add_family``,
``list_members``, ``remove_entry``. Another use case is a verb for the act, with the
record it acts on when the service holds more than one kind (``close_family``,
``revise_note``, ``complete_agreement``; the visit timer's ``start`` and ``book``);
figures are named for what they return (``totals_by_week``, ``caseload``).
``tests/test_architecture.py`` keeps the five record verbs from appearing bare.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

from ..clock import utc_now
from .base import Service

if TYPE_CHECKING:
    from ..store import Store
    from .assessments import AssessmentService
    from .audit import AuditService
    from .corrections import CorrectionService
    from .drafts import DraftService
    from .families import FamilyService
    from .hours import HoursService
    from .indicators import IndicatorService
    from .network import NetworkService
    from .notes import NoteService
    from .plan import PlanService
    from .rejected import RejectedChangeService
    from .removals import RemovalService
    from .team import TeamService
    from .timer import VisitTimerService
    from .week import WeekService

S = TypeVar("S", bound=Service)


class Services:
    """Every service over one open store; built once per unlock and passed explicitly.

    A service (and its module) is made on first use: the window's start-up path needs only
    the caseload figures, and importing every service and record type before the caseload
    showed cost it about 15 ms. The services keep no state, so one made twice by two
    threads at once would do no harm.
    """

    def __init__(
        self,
        store: Store,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        now: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self.store = store
        self._today = today
        self._now = now

    @classmethod
    def over(
        cls,
        store: Store,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        now: Callable[[], dt.datetime] = utc_now,
    ) -> Services:
        return cls(store, today=today, now=now)

    def _make(self, kind: type[S]) -> S:
        return kind(self.store, today=self._today, now=self._now)

    @cached_property
    def families(self) -> FamilyService:
        from .families import FamilyService

        return self._make(FamilyService)

    @cached_property
    def hours(self) -> HoursService:
        from .hours import HoursService

        return self._make(HoursService)

    @cached_property
    def timer(self) -> VisitTimerService:
        from .timer import VisitTimerService

        return self._make(VisitTimerService)

    @cached_property
    def assessments(self) -> AssessmentService:
        from .assessments import AssessmentService

        return self._make(AssessmentService)

    @cached_property
    def network(self) -> NetworkService:
        from .network import NetworkService

        return self._make(NetworkService)

    @cached_property
    def plan(self) -> PlanService:
        from .plan import PlanService

        return self._make(PlanService)

    @cached_property
    def notes(self) -> NoteService:
        from .notes import NoteService

        return self._make(NoteService)

    @cached_property
    def indicators(self) -> IndicatorService:
        from .indicators import IndicatorService

        return self._make(IndicatorService)

    @cached_property
    def week(self) -> WeekService:
        from .week import WeekService

        return self._make(WeekService)

    @cached_property
    def rejected(self) -> RejectedChangeService:
        from .rejected import RejectedChangeService

        return self._make(RejectedChangeService)

    @cached_property
    def audit(self) -> AuditService:
        from .audit import AuditService

        return self._make(AuditService)

    @cached_property
    def team(self) -> TeamService:
        from .team import TeamService

        return self._make(TeamService)

    @cached_property
    def removals(self) -> RemovalService:
        from .removals import RemovalService

        return self._make(RemovalService)

    @cached_property
    def corrections(self) -> CorrectionService:
        from .corrections import CorrectionService

        return self._make(CorrectionService)

    @cached_property
    def drafts(self) -> DraftService:
        from .drafts import DraftService

        return self._make(DraftService)


__all__ = ["Services"]
