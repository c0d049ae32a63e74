"""Plan: goals per domain and member in the family's words, agreements, the evaluation date."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from ...domain.instruments import domain_name, load_instrument
from ...domain.models import Agreement, Family, Goal, InvolvedParty, Member
from ...domain.vocabulary import AgreementOwner, GoalStatus
from ..format import date_text
from .base import FamilyTab, date_edit, date_of, fill, selected_id, table


@dataclass
class PlanData:
    family: Family
    goals: list[Goal]
    agreements: list[Agreement]
    members: list[Member]
    parties: list[InvolvedParty]


class PlanTab(FamilyTab):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        language = self.context.settings.language
        self.goals = table(
            [
                self.tr("Doel"),
                self.tr("Leefgebied"),
                self.tr("Voor"),
                self.tr("Streefdatum"),
                self.tr("Status"),
                self.tr("Behaald"),
            ],
            self.tr("Doelen"),
        )
        self.agreements = table(
            [self.tr("Afspraak"), self.tr("Wie"), self.tr("Uiterlijk"), self.tr("Gedaan")],
            self.tr("Afspraken"),
        )
        self.goal_text = QLineEdit()
        self.goal_text.setPlaceholderText(self.tr("In de woorden van het gezin"))
        self.goal_text.setAccessibleName(self.tr("Doel in de woorden van het gezin"))
        self.goal_domain = QComboBox()
        self.goal_domain.setAccessibleName(self.tr("Leefgebied van het doel"))
        for code in ("zrm2017", "zrm_huishoudens"):
            for d in load_instrument(code).domains:
                self.goal_domain.addItem(d.name(language), d.code)
        self.goal_member = QComboBox()
        self.goal_member.setAccessibleName(self.tr("Doel voor gezinslid"))
        self.goal_target = date_edit(self.tr("Streefdatum"), self.context.today())
        self.add_goal_button = QPushButton(self.tr("&Doel toevoegen"))
        self.goal_status = QComboBox()
        self.goal_status.setAccessibleName(self.tr("Status van het doel"))
        for status in GoalStatus:
            self.goal_status.addItem(status.label(language), status.value)
        self.attainment = QSpinBox()
        self.attainment.setRange(0, 100)
        self.attainment.setSuffix(" %")
        self.attainment.setAccessibleName(self.tr("Hoe ver behaald"))
        self.update_goal_button = QPushButton(self.tr("Status &bijwerken"))
        self.agreement_text = QLineEdit()
        self.agreement_text.setAccessibleName(self.tr("Afspraak"))
        self.owner = QComboBox()
        self.owner.setAccessibleName(self.tr("Eigenaar van de afspraak"))
        for owner in AgreementOwner:
            self.owner.addItem(owner.label(language), owner.value)
        self.party = QComboBox()
        self.party.setAccessibleName(self.tr("Betrokkene"))
        self.due = date_edit(self.tr("Uiterlijk op"), self.context.today())
        self.add_agreement_button = QPushButton(self.tr("&Afspraak toevoegen"))
        self.done_button = QPushButton(self.tr("Afspraak &gedaan"))
        self.evaluation = date_edit(self.tr("Evaluatiedatum"), self.context.today())
        self.evaluation_button = QPushButton(self.tr("Evaluatiedatum opslaan"))
        goal_form = QFormLayout()
        goal_form.addRow(self.tr("Doel:"), self.goal_text)
        goal_form.addRow(self.tr("Leefgebied:"), self.goal_domain)
        goal_form.addRow(self.tr("Voor:"), self.goal_member)
        goal_form.addRow(self.tr("Streefdatum:"), self.goal_target)
        goal_form.addRow(self.add_goal_button)
        goal_box = QGroupBox(self.tr("Nieuw doel"))
        goal_box.setLayout(goal_form)
        status_row = QHBoxLayout()
        status_row.addWidget(self.goal_status)
        status_row.addWidget(self.attainment)
        status_row.addWidget(self.update_goal_button)
        status_row.addStretch(1)
        agreement_form = QFormLayout()
        agreement_form.addRow(self.tr("Afspraak:"), self.agreement_text)
        agreement_form.addRow(self.tr("Wie:"), self.owner)
        agreement_form.addRow(self.tr("Betrokkene:"), self.party)
        agreement_form.addRow(self.tr("Uiterlijk:"), self.due)
        agreement_form.addRow(self.add_agreement_button)
        agreement_box = QGroupBox(self.tr("Nieuwe afspraak"))
        agreement_box.setLayout(agreement_form)
        evaluation_row = QHBoxLayout()
        evaluation_row.addWidget(self.evaluation)
        evaluation_row.addWidget(self.evaluation_button)
        evaluation_row.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.goals, 2)
        left.addLayout(status_row)
        left.addWidget(self.agreements, 2)
        left.addWidget(self.done_button)
        left.addLayout(evaluation_row)
        right = QVBoxLayout()
        right.addWidget(goal_box)
        right.addWidget(agreement_box)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)
        self.add_goal_button.clicked.connect(self.add_goal)
        self.update_goal_button.clicked.connect(self.update_goal)
        self.add_agreement_button.clicked.connect(self.add_agreement)
        self.done_button.clicked.connect(self.complete_agreement)
        self.evaluation_button.clicked.connect(self.save_evaluation)

    def refresh(self) -> None:
        family_id = self.family_id
        self.load(
            lambda s: PlanData(
                s.families.get(family_id),
                s.plan.goals(family_id),
                s.plan.agreements(family_id),
                s.families.members(family_id),
                s.network.parties(family_id),
            ),
            self.show_plan,
        )

    def show_plan(self, data: PlanData) -> None:
        language = self.context.settings.language
        names = {m.id: m.name for m in data.members}
        parties = {p.id: p.organisation for p in data.parties}
        fill(
            self.goals,
            [
                [
                    g.text,
                    domain_name(g.domain, language),
                    names.get(g.member_id or "", self.tr("Het hele gezin")),
                    date_text(g.target_date),
                    GoalStatus(g.status).label(language),
                    "" if g.attainment is None else f"{g.attainment} %",
                ]
                for g in data.goals
            ],
            [g.id for g in data.goals],
        )
        fill(
            self.agreements,
            [
                [
                    a.text,
                    parties.get(a.party_id or "", AgreementOwner(a.owner).label(language)),
                    date_text(a.due_date),
                    date_text(a.done_date) if a.done else "",
                ]
                for a in data.agreements
            ],
            [a.id for a in data.agreements],
        )
        self.goal_member.clear()
        self.goal_member.addItem(self.tr("Het hele gezin"), None)
        for m in data.members:
            self.goal_member.addItem(m.name, m.id)
        self.party.clear()
        self.party.addItem(self.tr("(geen)"), None)
        for p in data.parties:
            self.party.addItem(p.organisation, p.id)
        if data.family.evaluation_date:
            from PySide6.QtCore import QDate

            d = data.family.evaluation_date
            self.evaluation.setDate(QDate(d.year, d.month, d.day))

    def add_goal(self) -> None:
        family_id, text, domain = (
            self.family_id,
            self.goal_text.text(),
            self.goal_domain.currentData(),
        )
        member, target = self.goal_member.currentData(), date_of(self.goal_target)

        def done(_: object) -> None:
            self.goal_text.clear()
            self.refresh()

        self.run(
            lambda s: s.plan.add_goal(
                family_id, domain=domain, text=text, member_id=member, target_date=target
            ),
            done,
            self.failed,
        )

    def update_goal(self) -> None:
        goal_id = selected_id(self.goals)
        if goal_id:
            status, attainment = self.goal_status.currentData(), self.attainment.value()
            self.run(
                lambda s: s.plan.update_goal(goal_id, status=status, attainment=attainment),
                lambda _: self.refresh(),
                self.failed,
            )

    def add_agreement(self) -> None:
        family_id, text, owner = (
            self.family_id,
            self.agreement_text.text(),
            self.owner.currentData(),
        )
        party = self.party.currentData() if owner == "betrokkene" else None
        due = date_of(self.due)

        def done(_: object) -> None:
            self.agreement_text.clear()
            self.refresh()

        self.run(
            lambda s: s.plan.add_agreement(
                family_id, text=text, owner=owner, due_date=due, party_id=party
            ),
            done,
            self.failed,
        )

    def complete_agreement(self) -> None:
        agreement_id = selected_id(self.agreements)
        if agreement_id:
            self.run(
                lambda s: s.plan.complete_agreement(agreement_id),
                lambda _: self.refresh(),
                self.failed,
            )

    def save_evaluation(self) -> None:
        family_id, day = self.family_id, date_of(self.evaluation)
        self.run(
            lambda s: s.families.update(family_id, evaluation_date=day),
            lambda _: self.refresh(),
            self.failed,
        )
