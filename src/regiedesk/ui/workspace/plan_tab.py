"""Plan: goals per domain and member in the family's words, agreements, the evaluation date."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from ...domain.instruments import domain_name, load_instrument
from ...domain.models import Agreement, Family, Goal, InvolvedParty, Member
from ...domain.vocabulary import AgreementOwner, GoalStatus
from ..format import date_text
from .base import (
    FamilyTab,
    add_rows,
    button_row,
    date_edit,
    date_of,
    fill,
    form_box,
    label_items,
    mark_late,
    mark_statements,
    name_table,
    record_actions,
    refusing,
    relabel,
    selected_id,
    selected_record,
    set_date,
    table,
)


def goal_late(goal: Goal, today: dt.date) -> bool:
    """Past its target date and neither reached, given up nor dropped."""
    still = goal.status in (GoalStatus.OPEN, GoalStatus.IN_PROGRESS)
    return still and goal.target_date is not None and goal.target_date < today


def agreement_late(agreement: Agreement, today: dt.date) -> bool:
    return not agreement.done and agreement.due_date is not None and agreement.due_date < today


@dataclass
class PlanData:
    family: Family
    goals: list[Goal]
    agreements: list[Agreement]
    members: list[Member]
    parties: list[InvolvedParty]
    statements: dict[str, str] = dataclasses.field(default_factory=dict)  # the client's, per record


class PlanTab(FamilyTab):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.data: PlanData | None = None
        self.goals = table(6)
        self.agreements = table(4)
        self.goal_text = QLineEdit()
        self.goal_domain = QComboBox()
        for code in ("zrm2017", "zrm_huishoudens"):
            for d in load_instrument(code).domains:
                self.goal_domain.addItem("", d.code)
        self.goal_member = QComboBox()
        self.goal_target = date_edit("", self.context.today())
        self.add_goal_button = QPushButton()
        self.goal_status = QComboBox()
        for status in GoalStatus:
            self.goal_status.addItem("", status.value)
        self.attainment = QSpinBox()
        self.attainment.setRange(0, 100)
        self.attainment.setSuffix(" %")
        self.update_goal_button = QPushButton()
        self.agreement_text = QLineEdit()
        self.owner = QComboBox()
        for owner in AgreementOwner:
            self.owner.addItem("", owner.value)
        self.party = QComboBox()
        self.due = date_edit("", self.context.today())
        self.add_agreement_button = QPushButton()
        self.done_button = QPushButton()
        self.remove_goal_button = QPushButton()
        self.edit_goal_button = QPushButton()
        self.edit_agreement_button = QPushButton()
        self.editing_goal: Goal | None = None  # the goal the form changes
        self.editing_agreement: Agreement | None = None
        self.remove_agreement_button = QPushButton()
        self.evaluation = date_edit("", self.context.today())
        self.evaluation_button = QPushButton()
        self.goal_form = QFormLayout()
        add_rows(
            self.goal_form, self.goal_text, self.goal_domain, self.goal_member, self.goal_target
        )
        self.goal_form.addRow(self.add_goal_button)
        self.goal_box = form_box(self.goal_form)
        self.agreement_form = QFormLayout()
        add_rows(self.agreement_form, self.agreement_text, self.owner, self.party, self.due)
        self.agreement_form.addRow(self.add_agreement_button)
        self.agreement_box = form_box(self.agreement_form)
        left = QVBoxLayout()
        left.addWidget(self.goals, 2)
        left.addLayout(
            button_row(
                self.goal_status,
                self.attainment,
                self.update_goal_button,
                None,
                self.edit_goal_button,
                self.remove_goal_button,
            )
        )
        left.addWidget(self.agreements, 2)
        left.addLayout(
            button_row(
                self.done_button, None, self.edit_agreement_button, self.remove_agreement_button
            )
        )
        left.addLayout(button_row(self.evaluation, self.evaluation_button, None))
        self.lay_out(left, self.goal_box, self.agreement_box)
        self.add_goal_button.clicked.connect(self.add_goal)
        self.update_goal_button.clicked.connect(self.update_goal)
        self.add_agreement_button.clicked.connect(self.add_agreement)
        self.done_button.clicked.connect(self.complete_agreement)
        record_actions(
            self.goals,
            self.edit_goal_button,
            self.edit_goal,
            self.remove_goal_button,
            self.remove_goal,
        )
        record_actions(
            self.agreements,
            self.edit_agreement_button,
            self.edit_agreement,
            self.remove_agreement_button,
            self.remove_agreement,
        )
        self.evaluation_button.clicked.connect(self.save_evaluation)
        self.retranslate()

    def retranslate(self) -> None:
        name_table(
            self.goals,
            self.tr("Doelen"),
            [
                self.tr("Doel"),
                self.tr("Leefgebied"),
                self.tr("Voor"),
                self.tr("Streefdatum"),
                self.tr("Status"),
                self.tr("Behaald"),
            ],
        )
        name_table(
            self.agreements,
            self.tr("Afspraken"),
            [self.tr("Afspraak"), self.tr("Wie"), self.tr("Uiterlijk"), self.tr("Gedaan")],
        )
        self.goal_text.setPlaceholderText(self.tr("In de woorden van het gezin"))
        self.goal_text.setAccessibleName(self.tr("Doel in de woorden van het gezin"))
        self.goal_domain.setAccessibleName(self.tr("Leefgebied van het doel"))
        self.goal_member.setAccessibleName(self.tr("Doel voor gezinslid"))
        self.goal_target.setAccessibleName(self.tr("Streefdatum"))
        self.goal_status.setAccessibleName(self.tr("Status van het doel"))
        self.attainment.setAccessibleName(self.tr("Hoe ver behaald"))
        self.update_goal_button.setText(self.tr("Status bij&werken"))
        self.agreement_text.setAccessibleName(self.tr("Afspraak"))
        self.owner.setAccessibleName(self.tr("Eigenaar van de afspraak"))
        self.party.setAccessibleName(self.tr("Betrokkene"))
        self.due.setAccessibleName(self.tr("Uiterlijk op"))
        self.done_button.setText(self.tr("Afspraak g&edaan"))
        self.remove_goal_button.setText(self.tr("Doel verwijderen"))
        self.edit_goal_button.setText(self.tr("Doel aanpassen"))
        self.edit_agreement_button.setText(self.tr("Afspraak aanpassen"))
        self._label_save_buttons()
        self.remove_agreement_button.setText(self.tr("Afspraak verwijderen"))
        self.evaluation.setAccessibleName(self.tr("Evaluatiedatum"))
        self.evaluation_button.setText(self.tr("Evaluatiedatum opslaan"))
        for form, field, text in (
            (self.goal_form, self.goal_text, self.tr("Doel:")),
            (self.goal_form, self.goal_domain, self.tr("Leefgebied:")),
            (self.goal_form, self.goal_member, self.tr("Voor:")),
            (self.goal_form, self.goal_target, self.tr("Streefdatum:")),
            (self.agreement_form, self.agreement_text, self.tr("Afspraak:")),
            (self.agreement_form, self.owner, self.tr("Wie:")),
            (self.agreement_form, self.party, self.tr("Betrokkene:")),
            (self.agreement_form, self.due, self.tr("Uiterlijk:")),
        ):
            relabel(form, field, text)
        self.goal_box.setTitle(self.tr("Nieuw doel"))
        self.agreement_box.setTitle(self.tr("Nieuwe afspraak"))
        self._label_choices()
        if self.data is not None:
            self._show_tables(self.data)

    def _label_choices(self) -> None:
        """The texts of the combo boxes' items, which keep their data and the current choice."""
        label_items(self.goal_domain, lambda code: domain_name(code))
        label_items(self.goal_status, lambda value: GoalStatus(value).label())
        label_items(self.owner, lambda value: AgreementOwner(value).label())
        self.goal_member.setItemText(0, self.tr("Het hele gezin"))
        self.party.setItemText(0, self.tr("(geen)"))

    def refresh(self) -> None:
        family_id = self.family_id
        self.load(
            lambda s: PlanData(
                s.families.get_family(family_id),
                s.plan.list_goals(family_id),
                s.plan.list_agreements(family_id),
                s.families.list_members(family_id),
                s.network.list_parties(family_id),
                s.corrections.statements(family_id),
            ),
            self.show_plan,
        )

    def show_plan(self, data: PlanData) -> None:
        self.data = data
        self._show_tables(data)
        self.goal_member.clear()
        self.goal_member.addItem("", None)
        for m in data.members:
            self.goal_member.addItem(m.name, m.id)
        self.party.clear()
        self.party.addItem("", None)
        for p in data.parties:
            self.party.addItem(p.organisation, p.id)
        self._label_choices()
        if data.family.evaluation_date:
            set_date(self.evaluation, data.family.evaluation_date)

    def _show_tables(self, data: PlanData) -> None:
        names = {m.id: m.name for m in data.members}
        parties = {p.id: p.organisation for p in data.parties}
        fill(
            self.goals,
            [
                [
                    g.text,
                    domain_name(g.domain),
                    names.get(g.member_id or "", self.tr("Het hele gezin")),
                    date_text(g.target_date),
                    GoalStatus(g.status).label(),
                    "" if g.attainment is None else f"{g.attainment} %",
                ]
                for g in data.goals
            ],
            [g.id for g in data.goals],
        )
        mark_statements(self.goals, data.statements)
        fill(
            self.agreements,
            [
                [
                    a.text,
                    parties.get(a.party_id or "", AgreementOwner(a.owner).label()),
                    date_text(a.due_date),
                    date_text(a.done_date) if a.done else "",
                ]
                for a in data.agreements
            ],
            [a.id for a in data.agreements],
        )
        mark_statements(self.agreements, data.statements)
        today = self.context.today()
        for row, goal in enumerate(data.goals):
            if goal_late(goal, today):
                late = self.tr("{0}, te laat").format(date_text(goal.target_date))
                mark_late(self.goals, row, 3, late)
        for row, agreement in enumerate(data.agreements):
            if agreement_late(agreement, today):
                late = self.tr("{0}, te laat").format(date_text(agreement.due_date))
                mark_late(self.agreements, row, 2, late)

    def _label_save_buttons(self) -> None:
        """Adding, or saving the record loaded into the form."""
        change = self.tr("Wijziging opslaan")
        self.add_goal_button.setText(change if self.editing_goal else self.tr("Doel &toevoegen"))
        self.add_agreement_button.setText(
            change if self.editing_agreement else self.tr("&Afspraak toevoegen")
        )

    def save_form(self) -> None:
        """The agreement form when the focus is in it or in the agreements, else the goal's."""
        if self.focus_in(self.agreement_box, self.agreements, self.done_button):
            self.add_agreement()
        else:
            self.add_goal()

    def edit_goal(self) -> None:
        """Load the selected goal into the form; saving changes that goal."""
        goal = selected_record(self.goals, self.data.goals if self.data else [])
        if goal is None:
            return
        self.editing_goal = goal
        self.goal_text.setText(goal.text)
        self.goal_domain.setCurrentIndex(max(0, self.goal_domain.findData(goal.domain)))
        self.goal_member.setCurrentIndex(max(0, self.goal_member.findData(goal.member_id)))
        if goal.target_date is not None:
            set_date(self.goal_target, goal.target_date)
        self._label_save_buttons()
        self.goal_text.setFocus()

    def edit_agreement(self) -> None:
        agreement = selected_record(self.agreements, self.data.agreements if self.data else [])
        if agreement is None:
            return
        self.editing_agreement = agreement
        self.agreement_text.setText(agreement.text)
        self.owner.setCurrentIndex(max(0, self.owner.findData(agreement.owner)))
        self.party.setCurrentIndex(max(0, self.party.findData(agreement.party_id)))
        if agreement.due_date is not None:
            set_date(self.due, agreement.due_date)
        self._label_save_buttons()
        self.agreement_text.setFocus()

    @refusing
    def add_goal(self) -> None:
        family_id, text, domain = (
            self.family_id,
            self.goal_text.text(),
            self.goal_domain.currentData(),
        )
        member, target = self.goal_member.currentData(), date_of(self.goal_target)
        editing = self.editing_goal

        def done(_: object) -> None:
            self.goal_text.clear()
            self.editing_goal = None
            self._label_save_buttons()
            self.refresh()

        if editing is not None:
            self.run(
                lambda s: s.plan.update_goal(
                    editing.id,
                    text=text,
                    domain=domain,
                    member_id=member,
                    whole_family=member is None,
                    target_date=target,
                ),
                done,
            )
            return

        self.run(
            lambda s: s.plan.add_goal(
                family_id, domain=domain, text=text, member_id=member, target_date=target
            ),
            done,
        )

    def update_goal(self) -> None:
        goal_id = selected_id(self.goals)
        if goal_id:
            status, attainment = self.goal_status.currentData(), self.attainment.value()
            self.run_and_refresh(
                lambda s: s.plan.update_goal(goal_id, status=status, attainment=attainment)
            )

    @refusing
    def add_agreement(self) -> None:
        family_id, text, owner = (
            self.family_id,
            self.agreement_text.text(),
            self.owner.currentData(),
        )
        party = self.party.currentData() if owner == AgreementOwner.PARTY else None
        due = date_of(self.due)
        editing = self.editing_agreement

        def done(_: object) -> None:
            self.agreement_text.clear()
            self.editing_agreement = None
            self._label_save_buttons()
            self.refresh()

        if editing is not None:
            self.run(
                lambda s: s.plan.update_agreement(
                    editing.id, text=text, owner=owner, party_id=party, due_date=due
                ),
                done,
            )
            return

        self.run(
            lambda s: s.plan.add_agreement(
                family_id, text=text, owner=owner, due_date=due, party_id=party
            ),
            done,
        )

    def complete_agreement(self) -> None:
        agreement_id = selected_id(self.agreements)
        if agreement_id:
            self.run_and_refresh(lambda s: s.plan.complete_agreement(agreement_id))

    @refusing
    def save_evaluation(self) -> None:
        family_id, day = self.family_id, date_of(self.evaluation)
        self.run_and_refresh(lambda s: s.families.update_family(family_id, evaluation_date=day))

    def remove_goal(self) -> None:
        goal = selected_record(self.goals, self.data.goals if self.data else [])
        if goal is not None:
            self.remove_after_asking(goal.text, lambda s: s.plan.remove_goal(goal.id))

    def remove_agreement(self) -> None:
        agreement = selected_record(self.agreements, self.data.agreements if self.data else [])
        if agreement is not None:
            self.remove_after_asking(
                agreement.text, lambda s: s.plan.remove_agreement(agreement.id)
            )
