"""Overzicht: the family at a glance."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.instruments import domain_name
from ...domain.models import Agreement, Family, Member
from ...domain.trends import DomainTrend
from ...domain.vocabulary import MemberRole
from ...services import Services
from ...services.indicators import WeekHours
from ..charts import BarChart
from ..format import date_text, duration_text
from .base import FamilyTab, fill, mark_late, mark_statements, selected_id, table
from .plan_tab import agreement_late

DUE_DAYS = 14  # the overview's agreements: those passed, and due within two weeks


@dataclass
class Overview:
    family: Family
    members: list[Member]
    curve: list[WeekHours]
    parties: list[tuple[dt.date, int]]
    trends: list[DomainTrend]
    due: list[Agreement]
    statements: dict[str, str] = dataclasses.field(default_factory=dict)  # the client's


def load_overview(services: Services, family_id: str) -> Overview:
    family = services.families.get_family(family_id)
    today = services.families.today()
    curve = services.indicators.intensity_curve(family_id)
    start = family.start_date or (curve[0].monday if curve else today - dt.timedelta(days=365))
    parties = services.indicators.active_parties_over_time(family_id, start=start, end=today)
    if not parties or parties[-1][0] < today:  # counted on Mondays: today's as well, so a
        # party involved since this week (or a family started this week) shows at once
        parties.append((today, services.network.active_count(family_id, today)))
    return Overview(
        family,
        services.families.list_members(family_id),
        curve,
        parties,
        services.indicators.domain_trends(family_id),
        [
            a
            for a in services.plan.list_agreements(family_id, open_only=True)
            if a.due_date and a.due_date <= today + dt.timedelta(days=DUE_DAYS)
        ],
        services.corrections.statements(family_id),
    )


class OverviewTab(FamilyTab):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.overview: Overview | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.members = table(3)
        self.hours_chart = BarChart()
        self.hours_chart.value_text = lambda v: duration_text(int(v))
        self.parties_chart = BarChart()
        self.parties_chart.value_text = lambda v: str(int(v))
        self.trends = table(4)
        self.due = table(2)
        self.edit_family_button = QPushButton()
        self.add_member_button = QPushButton()
        self.edit_member_button = QPushButton()
        self.remove_member_button = QPushButton()
        self.form: QDialog | None = None  # the family's or a member's form, while open
        self.members_box, self.trends_box, self.due_box = (
            self._box(content) for content in (self.members, self.trends, self.due)
        )
        member_buttons = QHBoxLayout()
        for member_button in (
            self.add_member_button,
            self.edit_member_button,
            self.remove_member_button,
        ):
            member_buttons.addWidget(member_button)
        member_buttons.addStretch(1)
        members_layout = self.members_box.layout()
        assert isinstance(members_layout, QVBoxLayout)
        members_layout.addLayout(member_buttons)
        grid = QGridLayout()
        grid.addWidget(self.members_box, 0, 0)
        grid.addWidget(self.trends_box, 0, 1)
        grid.addWidget(self.hours_chart, 1, 0)
        grid.addWidget(self.parties_chart, 1, 1)
        grid.addWidget(self.due_box, 2, 0, 1, 2)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.edit_family_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(grid)
        self.edit_family_button.clicked.connect(self.edit_family)
        self.add_member_button.clicked.connect(self.add_member)
        self.edit_member_button.clicked.connect(self.edit_member)
        self.members.doubleClicked.connect(lambda _: self.edit_member())
        self.remove_member_button.clicked.connect(self.remove_member)
        self.retranslate()

    @staticmethod
    def _box(content: QWidget) -> QGroupBox:
        box = QGroupBox()
        QVBoxLayout(box).addWidget(content)
        return box

    def retranslate(self) -> None:
        self.members.setHorizontalHeaderLabels(
            [self.tr("Naam"), self.tr("Rol"), self.tr("Geboortedatum")]
        )
        self.members.setAccessibleName(self.tr("Gezinsleden"))
        self.trends.setHorizontalHeaderLabels(
            [self.tr("Leefgebied"), self.tr("Intake"), self.tr("Laatste"), self.tr("Verschil")]
        )
        self.trends.setAccessibleName(self.tr("Leefgebieden tegen intake"))
        self.due.setHorizontalHeaderLabels([self.tr("Afspraak"), self.tr("Datum")])
        self.due.setAccessibleName(self.tr("Afspraken binnenkort"))
        self.members_box.setTitle(self.tr("Gezinsleden"))
        self.edit_family_button.setText(self.tr("Gezinsgegevens &wijzigen..."))
        self.add_member_button.setText(self.tr("Gezinslid &toevoegen..."))
        self.edit_member_button.setText(self.tr("Gezinslid &aanpassen..."))
        self.remove_member_button.setText(self.tr("Gezinslid ve&rwijderen"))
        self.trends_box.setTitle(self.tr("Leefgebieden: laatste meting tegen de eerste"))
        self.due_box.setTitle(
            self.tr("Afspraken die verlopen zijn of binnen {0} dagen verlopen").format(DUE_DAYS)
        )
        self.hours_chart.title = self.tr("Uren per week")
        self.parties_chart.title = self.tr("Actieve betrokkenen")
        if self.overview is not None:
            self.show_overview(self.overview)  # the charts' descriptions take the new titles
        for chart in (self.hours_chart, self.parties_chart):
            chart.update()  # repainted with the new title

    def refresh(self) -> None:
        family_id = self.family_id
        self.load(lambda s: load_overview(s, family_id), self.show_overview)

    def show_overview(self, o: Overview) -> None:
        self.overview = o
        evaluation = date_text(o.family.evaluation_date) or self.tr("niet gepland")
        if o.family.evaluation_date and o.family.evaluation_date < self.context.today():
            late = self.tr("{0}, verstreken").format(evaluation)
            evaluation = f'<span style="color: #a40000">{late}</span>'
        self.summary.setText(
            self.tr("<b>{0}</b> · regisseur {1} · gestart {2} · volgende evaluatie {3}").format(
                o.family.name,
                o.family.caseworker,
                date_text(o.family.start_date) or "-",
                evaluation,
            )
        )
        fill(
            self.members,
            [[m.name, MemberRole(m.role).label(), date_text(m.date_of_birth)] for m in o.members],
            [m.id for m in o.members],
        )
        mark_statements(self.members, o.statements)
        recent = o.curve[-52:]
        self.hours_chart.set_data([w.minutes for w in recent], [f"w{w.week}" for w in recent])
        parties = o.parties[-104:]
        self.parties_chart.set_data(
            [c for _, c in parties], [d.strftime("%m-%y") for d, _ in parties]
        )
        fill(
            self.trends,
            [
                [domain_name(t.domain), str(t.first), str(t.latest), f"{t.delta:+d}"]
                for t in o.trends
                if t.member_id is None
            ]
            + [
                [
                    domain_name(t.domain) + " *",
                    str(t.first),
                    str(t.latest),
                    f"{t.delta:+d}",
                ]
                for t in o.trends
                if t.member_id is not None
            ],
        )
        fill(self.due, [[a.text, date_text(a.due_date)] for a in o.due])
        today = self.context.today()
        for row, agreement in enumerate(o.due):
            if agreement_late(agreement, today):
                late = self.tr("{0}, te laat").format(date_text(agreement.due_date))
                mark_late(self.due, row, 1, late)

    # --- the family's and its members' forms ---------------------------------------

    def _open_form(self, form: QDialog) -> None:
        self.form = form
        form.accepted.connect(self.refresh)
        form.finished.connect(lambda _: self._close_form(form))
        form.open()

    def _close_form(self, form: QDialog) -> None:
        if self.form is form:
            self.form = None
        form.deleteLater()  # with what was typed in it

    def _with_draft(self, key: str, make: Callable[[str | None], QDialog]) -> None:
        """Open the form made by ``make`` with the draft kept under ``key`` (if any): read on
        the database thread first, so what was typed before a lock is in it from the start."""
        self.run(lambda s: s.drafts.get_draft(key), lambda draft: self._open_form(make(draft)))

    def edit_family(self) -> None:
        if self.overview is None:
            return
        from .family_forms import FamilyDialog, family_form_key

        family = self.overview.family
        self._with_draft(
            family_form_key(family.id),
            lambda draft: FamilyDialog(self.context, family, self, draft),
        )

    def add_member(self) -> None:
        self._open_member(None)

    def _open_member(self, member: Member | None) -> None:
        from .family_forms import MemberDialog, member_form_key

        family_id = self.family_id
        self._with_draft(
            member_form_key(family_id, member.id if member else None),
            lambda draft: MemberDialog(self.context, family_id, member, self, draft),
        )

    def flush_draft(self) -> None:
        """A lock or quitting: the open form's typing kept as a draft, the form closed."""
        form = self.form
        if form is not None and shiboken6.isValid(form) and form.isVisible():
            form.keep_draft()  # type: ignore[attr-defined]
            form.reject()

    def open_form_kind(self) -> tuple[str, str | None] | None:
        """Which form is open ("family", or "member" and its id), to open it again later."""
        from .family_forms import FamilyDialog, MemberDialog

        form = self.form
        if isinstance(form, FamilyDialog) and shiboken6.isValid(form) and form.isVisible():
            return ("family", None)
        if isinstance(form, MemberDialog) and shiboken6.isValid(form) and form.isVisible():
            return ("member", form.member.id if form.member else None)
        return None

    def reopen_form(self, kind: tuple[str, str | None]) -> None:
        """Open that form again once the family is loaded (with its draft)."""
        what, member_id = kind

        def when_loaded(o: Overview) -> None:
            self.show_overview(o)
            if what == "family":
                self.edit_family()
                return
            member = next((m for m in o.members if m.id == member_id), None)
            if member_id is None or member is not None:  # a removed member's form stays shut
                self._open_member(member)

        family_id = self.family_id
        self.load(lambda s: load_overview(s, family_id), when_loaded)

    def _selected_member(self) -> Member | None:
        member_id = selected_id(self.members)
        shown = self.overview.members if self.overview is not None else []
        return next((m for m in shown if m.id == member_id), None)

    def edit_member(self) -> None:
        member = self._selected_member()
        if member is not None:
            self._open_member(member)

    def remove_member(self) -> None:
        member = self._selected_member()
        if member is not None:
            member_id = member.id
            self.remove_after_asking(member.name, lambda s: s.families.remove_member(member_id))
