"""The family's network: involved parties (betrokkenen) and every contact with them."""

from __future__ import annotations

import builtins
import datetime as dt
from typing import Any

from ..domain import validate as v
from ..domain.models import ContactMoment, InvolvedParty
from ..domain.vocabulary import ContactMode
from ..errors import ValidationError
from ..ids import uuid7
from .base import Service


def _email(value: str | None) -> str | None:
    cleaned = v.optional_text("e-mail", value, limit=254)
    if cleaned is None:
        return None
    local, at, domain = cleaned.partition("@")
    if not at or not local or "." not in domain or "@" in domain or " " in cleaned:
        raise ValidationError(
            "e-mail",
            "Dit e-mailadres klopt niet; controleer het (voorbeeld: naam@organisatie.nl).",
            "This e-mail address is not valid; check it (example: name@organisation.nl).",
        )
    return cleaned


class NetworkService(Service):
    def add_party(
        self,
        family_id: str,
        *,
        organisation: str,
        role: str,
        involved_from: dt.date,
        person: str | None = None,
        phone: str | None = None,
        email: str | None = None,
        involved_until: dt.date | None = None,
    ) -> InvolvedParty:
        self.store.get("families", family_id)
        v.date_order("betrokken tot", involved_from, involved_until)
        party_id = uuid7()
        row = {
            "id": party_id,
            "family_id": family_id,
            "organisation": v.text("organisatie", organisation, limit=200),
            "role": v.text("rol", role, limit=200),
            "person": v.optional_text("persoon", person, limit=200),
            "phone": v.optional_text("telefoon", phone, limit=50),
            "email": _email(email),
            "involved_from": involved_from.isoformat(),
            "involved_until": v.iso(involved_until),
        }
        with self.store.transaction(event="create", client=family_id) as tx:
            tx.insert("parties", row)
        return self.party(party_id)

    def update_party(
        self,
        party_id: str,
        *,
        organisation: str | None = None,
        role: str | None = None,
        person: str | None = None,
        phone: str | None = None,
        email: str | None = None,
    ) -> InvolvedParty:
        party = self.party(party_id)
        changes: dict[str, Any] = {}
        if organisation is not None:
            changes["organisation"] = v.text("organisatie", organisation, limit=200)
        if role is not None:
            changes["role"] = v.text("rol", role, limit=200)
        if person is not None:
            changes["person"] = v.optional_text("persoon", person, limit=200)
        if phone is not None:
            changes["phone"] = v.optional_text("telefoon", phone, limit=50)
        if email is not None:
            changes["email"] = _email(email)
        with self.store.transaction(event="update", client=party.family_id) as tx:
            tx.update("parties", party_id, changes)
        return self.party(party_id)

    def end_involvement(self, party_id: str, until: dt.date) -> InvolvedParty:
        party = self.party(party_id)
        v.date_order("betrokken tot", party.involved_from, until)
        with self.store.transaction(event="update", client=party.family_id) as tx:
            tx.update("parties", party_id, {"involved_until": until.isoformat()})
        return self.party(party_id)

    def remove_party(self, party_id: str) -> None:
        party = self.party(party_id)
        with self.store.transaction(event="delete", client=party.family_id) as tx:
            tx.delete("parties", party_id)

    def party(self, party_id: str) -> InvolvedParty:
        return InvolvedParty.from_row(self.store.get("parties", party_id))

    def parties(
        self, family_id: str, *, active_on: dt.date | None = None
    ) -> builtins.list[InvolvedParty]:
        rows = self.store.query(
            "SELECT * FROM parties WHERE family_id = ? AND deleted = 0"
            " ORDER BY involved_from, organisation",
            (family_id,),
        )
        parties = [InvolvedParty.from_row(r) for r in rows]
        return [p for p in parties if active_on is None or p.active_on(active_on)]

    def active_count(self, family_id: str, on: dt.date | None = None) -> int:
        return len(self.parties(family_id, active_on=on or self.today()))

    def add_contact(
        self,
        family_id: str,
        *,
        party_id: str,
        date: dt.date,
        mode: str,
        summary: str | None = None,
    ) -> ContactMoment:
        party = self.party(party_id)
        if party.family_id != family_id:
            raise ValidationError(
                "betrokkene",
                "Deze betrokkene hoort niet bij dit gezin.",
                "This involved party does not belong to this family.",
            )
        v.not_future("datum", date, self.today())
        contact_id = uuid7()
        row = {
            "id": contact_id,
            "family_id": family_id,
            "party_id": party_id,
            "date": date.isoformat(),
            "mode": v.choice("manier", mode, ContactMode).value,
            "summary": v.optional_text("samenvatting", summary, limit=v.MAX_LONG_TEXT),
        }
        with self.store.transaction(event="create", client=family_id) as tx:
            tx.insert("contacts", row)
        return ContactMoment.from_row(self.store.get("contacts", contact_id))

    def contacts(
        self, family_id: str, *, party_id: str | None = None
    ) -> builtins.list[ContactMoment]:
        sql = "SELECT * FROM contacts WHERE family_id = ? AND deleted = 0"
        params: list[Any] = [family_id]
        if party_id:
            sql += " AND party_id = ?"
            params.append(party_id)
        rows = self.store.query(sql + " ORDER BY date DESC, id DESC", tuple(params))
        return [ContactMoment.from_row(r) for r in rows]
