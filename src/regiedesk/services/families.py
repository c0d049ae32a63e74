"""Families and their members: register, update, close, and the people in them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..domain import validate as v
from ..domain.bsn import normalise_bsn
from ..domain.models import Family, Member
from ..domain.vocabulary import ClosureReason, FamilyStatus, Field, MemberRole
from ..errors import ValidationError
from ..ids import uuid7
from .base import Service
from .removals import Removal, tombstone


class FamilyService(Service):
    def add_family(
        self,
        *,
        name: str,
        caseworker: str | None = None,
        status: str = FamilyStatus.REGISTERED,
        start_date: dt.date | None = None,
        evaluation_date: dt.date | None = None,
        support_profile: str | None = None,
        intensity: str | None = None,
    ) -> Family:
        status = v.choice(Field.STATUS, status, FamilyStatus)
        if status == FamilyStatus.CLOSED:
            raise ValidationError(
                Field.STATUS,
                "Een nieuw gezin kan niet meteen afgesloten zijn.",
                "A new family cannot start out closed.",
            )
        family_id = uuid7()
        row = {
            "id": family_id,
            "name": v.text(Field.NAME, name, limit=200),
            "status": status.value,
            "caseworker": caseworker or self.store.actor.user,
            "start_date": v.iso(start_date),
            "evaluation_date": v.iso(evaluation_date),
            "support_profile": support_profile,
            "intensity": intensity,
        }
        with self.store.transaction(event="create", client=family_id) as tx:
            tx.insert("families", row)
        return self.get_family(family_id)

    def get_family(self, family_id: str) -> Family:
        return Family.from_row(self.store.get("families", family_id))

    def on_this_device(self, family_id: str) -> bool:
        """Whether the family's record is on this laptop (deleted or not): a family that
        left this device's scope is purged from it."""
        return bool(self.store.query("SELECT 1 AS x FROM families WHERE id = ?", (family_id,)))

    def list_families(
        self, *, status: str | None = None, search: str | None = None
    ) -> list[Family]:
        sql = "SELECT * FROM families WHERE deleted = 0"
        params: list[Any] = []
        if status:
            sql += " AND status = ?"
            params.append(v.choice(Field.STATUS, status, FamilyStatus).value)
        if search:
            sql += " AND name LIKE ? ESCAPE '\\'"
            escaped = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            params.append(f"%{escaped}%")
        sql += " ORDER BY name COLLATE NOCASE"
        return [Family.from_row(r) for r in self.store.query(sql, tuple(params))]

    def update_family(
        self,
        family_id: str,
        *,
        name: str | None = None,
        start_date: dt.date | None = None,
        evaluation_date: dt.date | None = None,
        support_profile: str | None = None,
        intensity: str | None = None,
        status: str | None = None,
        end_date: dt.date | None = None,
        closure_reason: str | None = None,
    ) -> Family:
        """Change the given fields in one audited change (None: leave as it is).

        The status moves any way (a mistake is corrected by choosing again): an active
        family has a start date (today unless given), a closed one an end date not before
        its start and a closure reason; leaving 'afgesloten' clears both.
        """
        family = self.get_family(family_id)
        changes: dict[str, Any] = {}
        if name is not None:
            changes["name"] = v.text(Field.NAME, name, limit=200)
        if evaluation_date is not None:
            changes["evaluation_date"] = v.day(Field.DATE, evaluation_date).isoformat()
        if support_profile is not None:
            changes["support_profile"] = support_profile
        if intensity is not None:
            changes["intensity"] = intensity
        start = family.start_date if start_date is None else v.day(Field.DATE, start_date)
        new_status = (
            family.status if status is None else v.choice(Field.STATUS, status, FamilyStatus)
        )
        if new_status == FamilyStatus.CLOSED:
            end = family.end_date if end_date is None else v.day(Field.END_DATE, end_date)
            reason = closure_reason or family.closure_reason
            if end is None:
                raise ValidationError(
                    Field.END_DATE,
                    "Vul de einddatum in: de dag waarop de begeleiding eindigde.",
                    "Fill in the end date: the day the support ended.",
                )
            if reason is None:
                raise ValidationError(
                    Field.REASON,
                    "Kies de reden van afsluiten.",
                    "Choose the reason for closing.",
                )
            v.date_order(Field.END_DATE, start, end)
            changes["end_date"] = end.isoformat()
            changes["closure_reason"] = v.choice(Field.REASON, reason, ClosureReason).value
        else:
            changes["end_date"] = changes["closure_reason"] = None
            if new_status == FamilyStatus.ACTIVE != family.status and start is None:
                start = self.today()  # started now; a rename alone leaves the dates be
        changes["status"] = FamilyStatus(new_status).value
        changes["start_date"] = v.iso(start)
        with self.store.transaction(event="update", client=family_id) as tx:
            tx.update("families", family_id, changes)
        return self.get_family(family_id)

    def activate_family(self, family_id: str, *, start_date: dt.date | None = None) -> Family:
        family = self.get_family(family_id)
        start = start_date or family.start_date or self.today()
        return self.update_family(family_id, status=FamilyStatus.ACTIVE, start_date=start)

    def close_family(self, family_id: str, *, end_date: dt.date, reason: str) -> Family:
        return self.update_family(
            family_id, status=FamilyStatus.CLOSED, end_date=end_date, closure_reason=reason
        )

    def assign_caseworker(self, family_id: str, caseworker: str) -> Family:
        """Record a new caseworker for the family (a handover)."""
        with self.store.transaction(event="transfer", client=family_id) as tx:
            tx.update("families", family_id, {"caseworker": v.text(Field.CASEWORKER, caseworker)})
        return self.get_family(family_id)

    def remove_family(self, family_id: str) -> None:
        self.get_family(family_id)
        with self.store.transaction(event="delete", client=family_id) as tx:
            tx.delete("families", family_id)

    # --- members ------------------------------------------------------------

    def add_member(
        self,
        family_id: str,
        *,
        name: str,
        role: str,
        date_of_birth: dt.date | None = None,
        bsn: str | None = None,
    ) -> Member:
        self.get_family(family_id)
        member_id = uuid7()
        row = {
            "id": member_id,
            "family_id": family_id,
            "name": v.text(Field.NAME, name, limit=200),
            "role": v.choice(Field.ROLE, role, MemberRole).value,
            "date_of_birth": self._birth_date(date_of_birth),
            "bsn": normalise_bsn(bsn) if bsn else None,
        }
        with self.store.transaction(event="create", client=family_id) as tx:
            tx.insert("members", row)
        return self.get_member(member_id)

    def update_member(
        self,
        member_id: str,
        *,
        name: str | None = None,
        role: str | None = None,
        date_of_birth: dt.date | None = None,
        bsn: str | None = None,
        clear_date_of_birth: bool = False,
    ) -> Member:
        """Change the given fields; an empty BSN, or ``clear_date_of_birth``, clears it."""
        member = self.get_member(member_id)
        changes: dict[str, Any] = {}
        if name is not None:
            changes["name"] = v.text(Field.NAME, name, limit=200)
        if role is not None:
            changes["role"] = v.choice(Field.ROLE, role, MemberRole).value
        if date_of_birth is not None or clear_date_of_birth:
            changes["date_of_birth"] = self._birth_date(date_of_birth)
        if bsn is not None:
            changes["bsn"] = normalise_bsn(bsn) if bsn else None
        with self.store.transaction(event="update", client=member.family_id) as tx:
            tx.update("members", member_id, changes)
        return self.get_member(member_id)

    def remove_member(self, member_id: str) -> Removal:
        """Tombstone a member entered by mistake; one with goals or measurements stays
        until those are removed or moved, so no goal silently becomes the household's."""
        member = self.get_member(member_id)
        goals, measurements = (
            self.store.query(
                f"SELECT count(*) AS n FROM {table} WHERE member_id = ? AND deleted = 0",
                (member_id,),
            )[0]["n"]
            for table in ("goals", "assessments")
        )
        if goals or measurements:
            raise ValidationError(
                Field.MEMBER,
                f"{member.name} heeft nog {goals} doel(en) en {measurements} meting(en). "
                "Verwijder die eerst, of zet ze op een ander gezinslid.",
                f"{member.name} still has {goals} goal(s) and {measurements} measurement(s). "
                "Remove those first, or move them to another member.",
            )
        return tombstone(self.store, member.family_id, (("members", member_id),))

    def get_member(self, member_id: str) -> Member:
        return Member.from_row(self.store.get("members", member_id))

    def list_members(self, family_id: str) -> list[Member]:
        rows = self.store.query(
            "SELECT * FROM members WHERE family_id = ? AND deleted = 0"
            " ORDER BY date_of_birth IS NULL, date_of_birth, name",
            (family_id,),
        )
        return [Member.from_row(r) for r in rows]

    def _birth_date(self, value: dt.date | None) -> str | None:
        if value is None:
            return None
        v.not_future(Field.DATE_OF_BIRTH, value, self.today())
        return value.isoformat()
