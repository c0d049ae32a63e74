"""Overzicht: the family at a glance."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from ...domain.instruments import domain_name
from ...domain.models import Agreement, Family, Member
from ...domain.vocabulary import MemberRole
from ...services import Services
from ...services.indicators import DomainTrend, WeekHours
from ..charts import BarChart
from ..format import date_text, duration_text
from .base import FamilyTab, fill, table


@dataclass
class Overview:
    family: Family
    members: list[Member]
    curve: list[WeekHours]
    parties: list[tuple[dt.date, int]]
    trends: list[DomainTrend]
    due: list[Agreement]


def load_overview(services: Services, family_id: str) -> Overview:
    family = services.families.get_family(family_id)
    today = services.families.today()
    curve = services.indicators.intensity_curve(family_id)
    start = family.start_date or (curve[0].monday if curve else today - dt.timedelta(days=365))
    return Overview(
        family,
        services.families.list_members(family_id),
        curve,
        services.indicators.active_parties_over_time(family_id, start=start, end=today),
        services.indicators.domain_trends(family_id),
        [
            a
            for a in services.plan.list_agreements(family_id, open_only=True)
            if a.due_date and a.due_date <= today + dt.timedelta(days=14)
        ],
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
        self.members_box, self.trends_box, self.due_box = (
            self._box(content) for content in (self.members, self.trends, self.due)
        )
        grid = QGridLayout()
        grid.addWidget(self.members_box, 0, 0)
        grid.addWidget(self.trends_box, 0, 1)
        grid.addWidget(self.hours_chart, 1, 0)
        grid.addWidget(self.parties_chart, 1, 1)
        grid.addWidget(self.due_box, 2, 0, 1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(grid)
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
        self.trends_box.setTitle(self.tr("Leefgebieden: laatste meting tegen de eerste"))
        self.due_box.setTitle(self.tr("Afspraken te doen (14 dagen)"))
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
        )
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
