"""The family's network: involved parties (betrokkenen) and every contact with them.

The number of parties actively involved is one of the key indicators of the
method (from twenty or more down to a handful), so every party keeps its
period of involvement; ending it keeps the party in the history.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..domain import validate as v
from ..domain.models import ContactMoment, InvolvedParty
from ..domain.vocabulary import Activity, ContactMode, Field
from ..errors import ValidationError
from ..ids import uuid7
from .base import Service
from .hours import HoursService
from .removals import Removal, tombstone

MAX_NAME = 200
MAX_PHONE = 50
MAX_EMAIL = 254

# The activity of the hours a contact books, by how the contact went (a mail is written).
CONTACT_ACTIVITY: dict[str, str] = {
    ContactMode.HOME_VISIT.value: Activity.HOME_VISIT.value,
    ContactMode.PHONE.value: Activity.PHONE.value,
    ContactMode.MAIL.value: Activity.ADMIN.value,
    ContactMode.MEETING.value: Activity.NETWORK_MEETING.value,
}


def _email(value: str | None) -> str | None:
    """A light sanity check: one @ with text on both sides and a dotted domain, no spaces."""
    cleaned = v.optional_text(Field.EMAIL, value, limit=MAX_EMAIL)
    if cleaned is None:
        return None
    local, _at, domain = cleaned.partition("@")
    if (
        cleaned.count("@") != 1
        or not local
        or any(c.isspace() for c in cleaned)
        or "." not in domain
        or not all(domain.split("."))
    ):
        raise ValidationError(
            Field.EMAIL,
            "Dit e-mailadres klopt niet; controleer het (voorbeeld: naam@organisatie.nl).",
            "This e-mail address is not valid; check it (example: name@organisation.nl).",
        )
    return cleaned


class NetworkService(Service):
    # --- involved parties ---------------------------------------------------

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
        start = v.day(Field.INVOLVED_FROM, involved_from)
        if involved_until is not None:
            v.date_order(Field.INVOLVED_UNTIL, start, v.day(Field.INVOLVED_UNTIL, involved_until))
        party_id = uuid7()
        row = {
            "id": party_id,
            "family_id": family_id,
            "organisation": v.text(Field.ORGANISATION, organisation, limit=MAX_NAME),
            "role": v.text(Field.ROLE, role, limit=MAX_NAME),
            "person": v.optional_text(Field.PERSON, person, limit=MAX_NAME),
            "phone": v.optional_text(Field.PHONE, phone, limit=MAX_PHONE),
            "email": _email(email),
            "involved_from": start.isoformat(),
            "involved_until": v.iso(involved_until),
        }
        with self.store.transaction(event="create", client=family_id) as tx:
            tx.insert("parties", row)
        return self.get_party(party_id)

    def update_party(
        self,
        party_id: str,
        *,
        organisation: str | None = None,
        role: str | None = None,
        person: str | None = None,
        phone: str | None = None,
        email: str | None = None,
        involved_from: dt.date | None = None,
    ) -> InvolvedParty:
        """Change the given fields; an empty string clears person, phone or e-mail."""
        party = self.get_party(party_id)
        changes: dict[str, Any] = {}
        if organisation is not None:
            changes["organisation"] = v.text(Field.ORGANISATION, organisation, limit=MAX_NAME)
        if role is not None:
            changes["role"] = v.text(Field.ROLE, role, limit=MAX_NAME)
        if person is not None:
            changes["person"] = v.optional_text(Field.PERSON, person, limit=MAX_NAME)
        if phone is not None:
            changes["phone"] = v.optional_text(Field.PHONE, phone, limit=MAX_PHONE)
        if email is not None:
            changes["email"] = _email(email)
        if involved_from is not None:
            start = v.day(Field.INVOLVED_FROM, involved_from)
            v.date_order(Field.INVOLVED_UNTIL, start, party.involved_until)
            changes["involved_from"] = start.isoformat()
        if changes:
            with self.store.transaction(event="update", client=party.family_id) as tx:
                tx.update("parties", party_id, changes)
        return self.get_party(party_id)

    def end_involvement(self, party_id: str, until: dt.date) -> InvolvedParty:
        """The last day the party is involved; not before the first."""
        party = self.get_party(party_id)
        v.date_order(Field.INVOLVED_UNTIL, party.involved_from, v.day(Field.INVOLVED_UNTIL, until))
        with self.store.transaction(event="update", client=party.family_id) as tx:
            tx.update("parties", party_id, {"involved_until": until.isoformat()})
        return self.get_party(party_id)

    def remove_party(self, party_id: str) -> Removal:
        """Tombstone a party entered by mistake, with its contact moments (an ended
        involvement uses ``end_involvement``). One that still owns agreements stays."""
        party = self.get_party(party_id)
        owned = self.store.query(
            "SELECT count(*) AS n FROM agreements WHERE party_id = ? AND deleted = 0", (party_id,)
        )[0]["n"]
        if owned:
            raise ValidationError(
                Field.PARTY,
                f"{party.organisation} heeft nog {owned} afspraak/afspraken in het plan. "
                "Verwijder die eerst of geef ze een andere eigenaar.",
                f"{party.organisation} still owns {owned} agreement(s) in the plan. "
                "Remove those first or give them another owner.",
            )
        contacts = [c.id for c in self.list_contacts(party.family_id, party_id=party_id)]
        return tombstone(
            self.store,
            party.family_id,
            (("parties", party_id), *(("contacts", c) for c in contacts)),
        )

    def get_party(self, party_id: str) -> InvolvedParty:
        return InvolvedParty.from_row(self.store.get("parties", party_id))

    def list_parties(self, family_id: str, active_on: dt.date | None = None) -> list[InvolvedParty]:
        """The family's live parties, or only those involved on ``active_on``."""
        rows = self.store.query(
            "SELECT * FROM parties WHERE family_id = ? AND deleted = 0"
            " ORDER BY involved_from, organisation, id",
            (family_id,),
        )
        parties = [InvolvedParty.from_row(r) for r in rows]
        return [p for p in parties if active_on is None or p.active_on(active_on)]

    def active_count(self, family_id: str, on: dt.date | None = None) -> int:
        """How many parties are involved on ``on`` (default: today)."""
        return len(self.list_parties(family_id, active_on=on or self.today()))

    # --- contact moments ----------------------------------------------------

    def add_contact(
        self,
        family_id: str,
        *,
        party_id: str,
        date: dt.date,
        mode: str,
        summary: str | None = None,
        minutes: int | None = None,
    ) -> ContactMoment:
        """A contact moment; with ``minutes``, its time booked as an hours entry on the same
        day in the same transaction (the activity follows the mode: ``CONTACT_ACTIVITY``).
        A refused booking (a day over 24 hours, ...) saves neither."""
        self._live_party_of(party_id, family_id)
        v.not_future(Field.DATE, v.day(Field.DATE, date), self.today())
        contact_id = uuid7()
        mode_value = v.choice(Field.CHANNEL, mode, ContactMode).value
        row = {
            "id": contact_id,
            "family_id": family_id,
            "party_id": party_id,
            "date": date.isoformat(),
            "mode": mode_value,
            "summary": v.optional_text(Field.SUMMARY, summary, limit=v.MAX_LONG_TEXT),
        }
        hours_row = None
        if minutes is not None:
            hours = HoursService(self.store, today=self.today, now=self.now)
            hours_row = hours.validated_row(
                family_id, date, minutes, CONTACT_ACTIVITY[mode_value], None, None, replacing=None
            )
            hours_row.update(id=uuid7(), family_id=family_id, caseworker=self.store.actor.user)
        with self.store.transaction(event="create", client=family_id) as tx:
            tx.insert("contacts", row)
            if hours_row is not None:
                tx.insert("hours", hours_row)
        return self.get_contact(contact_id)

    def update_contact(
        self,
        contact_id: str,
        *,
        date: dt.date | None = None,
        mode: str | None = None,
        summary: str | None = None,
    ) -> ContactMoment:
        """Change the given fields; an empty summary clears it."""
        contact = self.get_contact(contact_id)
        changes: dict[str, Any] = {}
        if date is not None:
            v.not_future(Field.DATE, v.day(Field.DATE, date), self.today())
            changes["date"] = date.isoformat()
        if mode is not None:
            changes["mode"] = v.choice(Field.CHANNEL, mode, ContactMode).value
        if summary is not None:
            changes["summary"] = v.optional_text(Field.SUMMARY, summary, limit=v.MAX_LONG_TEXT)
        if changes:
            with self.store.transaction(event="update", client=contact.family_id) as tx:
                tx.update("contacts", contact_id, changes)
        return self.get_contact(contact_id)

    def remove_contact(self, contact_id: str) -> Removal:
        contact = self.get_contact(contact_id)
        return tombstone(self.store, contact.family_id, (("contacts", contact_id),))

    def get_contact(self, contact_id: str) -> ContactMoment:
        return ContactMoment.from_row(self.store.get("contacts", contact_id))

    def list_contacts(self, family_id: str, party_id: str | None = None) -> list[ContactMoment]:
        """The family's contact moments (with one party, if given), newest first."""
        sql = "SELECT * FROM contacts WHERE family_id = ? AND deleted = 0"
        params: list[Any] = [family_id]
        if party_id is not None:
            sql += " AND party_id = ?"
            params.append(party_id)
        rows = self.store.query(sql + " ORDER BY date DESC, id DESC", tuple(params))
        return [ContactMoment.from_row(r) for r in rows]

    def _live_party_of(self, party_id: str, family_id: str) -> None:
        self.store.get("families", family_id)
        rows = self.store.query(
            "SELECT family_id FROM parties WHERE id = ? AND deleted = 0", (party_id,)
        )
        if not rows or rows[0]["family_id"] != family_id:
            raise ValidationError(
                Field.PARTY,
                "Deze betrokkene hoort niet bij dit gezin of is verwijderd.",
                "This involved party does not belong to this family or was removed.",
            )
