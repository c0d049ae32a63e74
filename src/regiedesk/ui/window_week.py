"""Part of the main window: Mijn week, the caseworker's week across all families."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..domain.weeks import monday_of
from .messages import show_error
from .window_parts import WindowBase

if TYPE_CHECKING:
    from ..services import Services
    from ..services.week import MyWeek
    from .my_week import MyWeekPage


class WeekMixin(WindowBase):
    my_week: MyWeekPage | None = None  # made when first asked for

    def show_my_week(self, day: dt.date | None = None) -> None:
        """Mijn week of the week of ``day`` (this week by default)."""
        if self.context.services is None or self.team is not None:
            return  # a team leader's profile books no hours: the team workspace stays
        from .my_week import MyWeekPage

        page = self.my_week
        if page is None:
            page = self.my_week = MyWeekPage()
            page.open_family.connect(self.open_family)
            page.moved.connect(self.show_my_week)
            page.back.connect(self.show_caseload)
            self.pages.addWidget(page)
        if self.pages.currentWidget() is not page:
            self.close_workspace()
            self.pages.setCurrentWidget(page)
            page.hours.setFocus()

        page.asked = None if day is None else monday_of(day)

        def work(s: Services) -> MyWeek:
            week = s.week.my_week(day)
            s.audit.log_week_shown(week.family_ids)  # NEN 7513: what it showed, of whom
            return week

        self.context.run(work, page.show_week, lambda e: show_error(self, e), owner=page)

    def clear_my_week(self) -> None:
        if self.my_week is not None:
            self.my_week.clear()
