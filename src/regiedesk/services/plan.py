"""The family plan: goals in the family's own words, and agreements with an owner.

One family, one plan: goals per life domain (and, if it helps, per member),
their status and how far they are reached; agreements say who does what by
when: the family, the caseworker, or one of the involved parties.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..domain import validate as v
from ..domain.instruments import all_domain_codes
from ..domain.models import Agreement, Goal
from ..domain.vocabulary import AgreementOwner, Field, GoalStatus
from ..errors import ValidationError
from ..ids import uuid7
from .base import Service
from .removals import Removal, tombstone


def _domain(value: str) -> str:
    if value not in all_domain_codes():
        raise ValidationError(
            Field.DOMAIN,
            "Onbekend leefgebied; kies een leefgebied uit de lijst.",
            "Unknown life domain; choose a life domain from the list.",
        )
    return value


# (field, Dutch, English) for "this record does not belong to this family or was deleted"
_NOT_OF_FAMILY = {
    "members": (Field.MEMBER, "Dit gezinslid", "This family member"),
    "parties": (Field.PARTY, "Deze betrokkene", "This involved party"),
    "goals": (Field.GOAL, "Dit doel", "This goal"),
}


def _attainment(value: int | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        raise ValidationError(
            Field.ATTAINED,
            "Hoe ver het doel is behaald, is een percentage van 0 tot en met 100.",
            "How far the goal was reached is a percentage from 0 to 100.",
        )
    return value


class PlanService(Service):
    # --- goals --------------------------------------------------------------

    def add_goal(
        self,
        family_id: str,
        *,
        domain: str,
        text: str,
        member_id: str | None = None,
        target_date: dt.date | None = None,
        status: str = GoalStatus.OPEN,
    ) -> Goal:
        """A goal in the family's own words; a goal entered as reached counts as 100%."""
        self.store.get("families", family_id)
        if member_id is not None:
            self._same_family("members", member_id, family_id)
        goal_status = v.choice(Field.STATUS, status, GoalStatus)
        goal_id = uuid7()
        row = {
            "id": goal_id,
            "family_id": family_id,
            "domain": _domain(domain),
            "text": v.text(Field.GOAL, text),
            "member_id": member_id,
            "target_date": v.iso(
                None if target_date is None else v.day(Field.TARGET_DATE, target_date)
            ),
            "status": goal_status.value,
            "attainment": 100 if goal_status == GoalStatus.REACHED else None,
        }
        with self.store.transaction(event="create", client=family_id) as tx:
            tx.insert("goals", row)
        return self.get_goal(goal_id)

    def update_goal(
        self,
        goal_id: str,
        *,
        text: str | None = None,
        status: str | None = None,
        attainment: int | None = None,
        target_date: dt.date | None = None,
        domain: str | None = None,
        member_id: str | None = None,
        whole_family: bool = False,
    ) -> Goal:
        """Change the given fields. Status 'behaald' without an attainment sets it to 100%;
        ``whole_family`` makes a member's goal the household's."""
        goal = self.get_goal(goal_id)
        changes: dict[str, Any] = {}
        if text is not None:
            changes["text"] = v.text(Field.GOAL, text)
        if domain is not None:
            changes["domain"] = _domain(domain)
        if member_id is not None:
            self._same_family("members", member_id, goal.family_id)
            changes["member_id"] = member_id
        elif whole_family:
            changes["member_id"] = None
        if target_date is not None:
            changes["target_date"] = v.day(Field.TARGET_DATE, target_date).isoformat()
        if attainment is not None:
            changes["attainment"] = _attainment(attainment)
        if status is not None:
            new_status = v.choice(Field.STATUS, status, GoalStatus)
            changes["status"] = new_status.value
            if new_status == GoalStatus.REACHED and attainment is None:
                changes["attainment"] = 100
        if changes:
            with self.store.transaction(event="update", client=goal.family_id) as tx:
                tx.update("goals", goal_id, changes)
        return self.get_goal(goal_id)

    def remove_goal(self, goal_id: str) -> Removal:
        goal = self.get_goal(goal_id)
        return tombstone(self.store, goal.family_id, (("goals", goal_id),))

    def get_goal(self, goal_id: str) -> Goal:
        return Goal.from_row(self.store.get("goals", goal_id))

    def list_goals(self, family_id: str) -> list[Goal]:
        """The family's live goals, by domain and then in the order they were added."""
        rows = self.store.query(
            "SELECT * FROM goals WHERE family_id = ? AND deleted = 0 ORDER BY domain, id",
            (family_id,),
        )
        return [Goal.from_row(r) for r in rows]

    # --- agreements ---------------------------------------------------------

    def add_agreement(
        self,
        family_id: str,
        *,
        text: str,
        owner: str,
        due_date: dt.date | None = None,
        goal_id: str | None = None,
        party_id: str | None = None,
    ) -> Agreement:
        """Who does what by when. Owner 'betrokkene' names one of the family's live parties."""
        self.store.get("families", family_id)
        owner_value = self._owner(owner, party_id, family_id)
        if goal_id is not None:
            self._same_family("goals", goal_id, family_id)
        agreement_id = uuid7()
        row = {
            "id": agreement_id,
            "family_id": family_id,
            "text": v.text(Field.AGREEMENT, text),
            "owner": owner_value.value,
            "party_id": party_id,
            "goal_id": goal_id,
            "due_date": v.iso(None if due_date is None else v.day(Field.DUE_DATE, due_date)),
            "done": 0,
        }
        with self.store.transaction(event="create", client=family_id) as tx:
            tx.insert("agreements", row)
        return self.get_agreement(agreement_id)

    def update_agreement(
        self,
        agreement_id: str,
        *,
        text: str | None = None,
        due_date: dt.date | None = None,
        owner: str | None = None,
        party_id: str | None = None,
    ) -> Agreement:
        """Change the given fields; a new ``owner`` comes with its party (or none)."""
        agreement = self.get_agreement(agreement_id)
        changes: dict[str, Any] = {}
        if text is not None:
            changes["text"] = v.text(Field.AGREEMENT, text)
        if due_date is not None:
            changes["due_date"] = v.day(Field.DUE_DATE, due_date).isoformat()
        if owner is not None:
            changes["owner"] = self._owner(owner, party_id, agreement.family_id).value
            changes["party_id"] = party_id
        if changes:
            with self.store.transaction(event="update", client=agreement.family_id) as tx:
                tx.update("agreements", agreement_id, changes)
        return self.get_agreement(agreement_id)

    def complete_agreement(self, agreement_id: str, done_date: dt.date | None = None) -> Agreement:
        """Mark an agreement done, on ``done_date`` (default today; not in the future)."""
        agreement = self.get_agreement(agreement_id)
        day = self.today() if done_date is None else v.day(Field.DATE, done_date)
        v.not_future(Field.DATE, day, self.today())
        with self.store.transaction(event="update", client=agreement.family_id) as tx:
            tx.update("agreements", agreement_id, {"done": 1, "done_date": day.isoformat()})
        return self.get_agreement(agreement_id)

    def reopen_agreement(self, agreement_id: str) -> Agreement:
        agreement = self.get_agreement(agreement_id)
        with self.store.transaction(event="update", client=agreement.family_id) as tx:
            tx.update("agreements", agreement_id, {"done": 0, "done_date": None})
        return self.get_agreement(agreement_id)

    def remove_agreement(self, agreement_id: str) -> Removal:
        agreement = self.get_agreement(agreement_id)
        return tombstone(self.store, agreement.family_id, (("agreements", agreement_id),))

    def get_agreement(self, agreement_id: str) -> Agreement:
        return Agreement.from_row(self.store.get("agreements", agreement_id))

    def list_agreements(self, family_id: str, *, open_only: bool = False) -> list[Agreement]:
        """The family's live agreements, soonest due first, those without a due date last."""
        sql = "SELECT * FROM agreements WHERE family_id = ? AND deleted = 0"
        if open_only:
            sql += " AND done = 0"
        rows = self.store.query(sql + " ORDER BY due_date IS NULL, due_date, id", (family_id,))
        return [Agreement.from_row(r) for r in rows]

    def overdue_agreements(
        self, family_id: str | None = None, *, on: dt.date | None = None
    ) -> list[Agreement]:
        """Open agreements due before ``on`` (default today), of one family or of all."""
        day = (on or self.today()).isoformat()
        sql = (
            "SELECT a.* FROM agreements a JOIN families f ON f.id = a.family_id"
            " WHERE a.deleted = 0 AND f.deleted = 0 AND a.done = 0 AND a.due_date < ?"
        )
        params: list[Any] = [day]
        if family_id is not None:
            sql += " AND a.family_id = ?"
            params.append(family_id)
        rows = self.store.query(sql + " ORDER BY a.due_date, a.id", tuple(params))
        return [Agreement.from_row(r) for r in rows]

    def _owner(self, owner: str, party_id: str | None, family_id: str) -> AgreementOwner:
        """The owner, checked with its party: 'betrokkene' names one of the family's."""
        owner_value = v.choice(Field.OWNER, owner, AgreementOwner)
        if owner_value == AgreementOwner.PARTY:
            if party_id is None:
                raise ValidationError(
                    Field.PARTY,
                    "Kies de betrokkene die deze afspraak uitvoert.",
                    "Choose the involved party who carries out this agreement.",
                )
            self._same_family("parties", party_id, family_id)
        elif party_id is not None:
            raise ValidationError(
                Field.PARTY,
                "Alleen een afspraak van een betrokkene heeft een betrokkene.",
                "Only an agreement owned by an involved party names one.",
            )
        return owner_value

    def _same_family(self, table: str, record_id: str, family_id: str) -> None:
        """Refuse a reference to a record of another family, or to a deleted one."""
        rows = self.store.query(
            f"SELECT family_id FROM {table} WHERE id = ? AND deleted = 0", (record_id,)
        )
        if not rows or rows[0]["family_id"] != family_id:
            field, nl, en = _NOT_OF_FAMILY[table]
            raise ValidationError(
                field,
                f"{nl} hoort niet bij dit gezin of is verwijderd.",
                f"{en} does not belong to this family or was deleted.",
            )
