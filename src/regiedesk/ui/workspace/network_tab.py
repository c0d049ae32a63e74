"""Netwerk: involved parties, ending an involvement, contact moments, the active count."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from ...domain.models import ContactMoment, InvolvedParty
from ...domain.vocabulary import Activity, ContactMode, Field
from ...errors import ValidationError
from ...services.network import CONTACT_ACTIVITY
from ..format import date_text, duration_text, parse_duration
from .base import (
    FamilyTab,
    add_rows,
    button_row,
    date_edit,
    date_of,
    fill,
    form_box,
    label_items,
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


@dataclass
class NetworkData:
    parties: list[InvolvedParty]
    contacts: list[ContactMoment]
    active: int
    statements: dict[str, str] = dataclasses.field(default_factory=dict)  # the client's


class NetworkTab(FamilyTab):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.data: NetworkData | None = None
        self.names: dict[str, str] = {}
        self.active = QLabel()
        self.parties = table(7)
        self.end_button = QPushButton()
        self.end_date = date_edit("", self.context.today())
        self.organisation = QLineEdit()
        self.person = QLineEdit()
        self.role = QLineEdit()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.since = date_edit("", self.context.today())
        self.add_button = QPushButton()
        self.contacts = table(4)
        self.contact_date = date_edit("", self.context.today())
        self.contact_mode = QComboBox()
        for mode in ContactMode:
            self.contact_mode.addItem("", mode.value)
        self.summary = QLineEdit()
        self.contact_minutes = QLineEdit()  # the contact's time, booked as hours with it
        self.booked = QLabel()  # what the last contact booked
        self.booked.setWordWrap(True)
        self.contact_button = QPushButton()
        self.remove_party_button = QPushButton()
        self.edit_party_button = QPushButton()
        self.edit_contact_button = QPushButton()
        self.editing_party: InvolvedParty | None = None  # the party the form changes
        self.editing_contact: ContactMoment | None = None
        self.remove_contact_button = QPushButton()
        self.party_form, self.contact_form = QFormLayout(), QFormLayout()
        for form, fields in (
            (
                self.party_form,
                (self.organisation, self.person, self.role, self.phone, self.email, self.since),
            ),
            (
                self.contact_form,
                (self.contact_date, self.contact_mode, self.summary, self.contact_minutes),
            ),
        ):
            add_rows(form, *fields)
        self.party_form.addRow(self.add_button)
        self.contact_form.addRow(self.contact_button)
        self.contact_form.addRow(self.booked)
        self.party_box = form_box(self.party_form)
        self.contact_box = form_box(self.contact_form)
        left = QVBoxLayout()
        left.addWidget(self.active)
        left.addWidget(self.parties, 2)
        left.addLayout(
            button_row(
                self.end_date,
                self.end_button,
                None,
                self.edit_party_button,
                self.remove_party_button,
            )
        )
        left.addWidget(self.contacts, 1)
        left.addLayout(button_row(None, self.edit_contact_button, self.remove_contact_button))
        self.lay_out(left, self.party_box, self.contact_box)
        self.add_button.clicked.connect(self.add_party)
        self.end_button.clicked.connect(self.end_party)
        self.contact_button.clicked.connect(self.add_contact)
        record_actions(
            self.parties,
            self.edit_party_button,
            self.edit_party,
            self.remove_party_button,
            self.remove_party,
        )
        record_actions(
            self.contacts,
            self.edit_contact_button,
            self.edit_contact,
            self.remove_contact_button,
            self.remove_contact,
        )
        self.retranslate()

    def retranslate(self) -> None:
        name_table(
            self.parties,
            self.tr("Betrokkenen"),
            [
                self.tr("Organisatie"),
                self.tr("Persoon"),
                self.tr("Rol"),
                self.tr("Van"),
                self.tr("Tot"),
                self.tr("Telefoon"),
                self.tr("E-mail"),
            ],
        )
        name_table(
            self.contacts,
            self.tr("Contactmomenten"),
            [self.tr("Datum"), self.tr("Met"), self.tr("Hoe"), self.tr("Samenvatting")],
        )
        self.end_button.setText(self.tr("Betro&kkenheid beëindigen"))
        self.end_date.setAccessibleName(self.tr("Einddatum betrokkenheid"))
        self.organisation.setAccessibleName(self.tr("Organisatie"))
        self.person.setAccessibleName(self.tr("Persoon"))
        self.role.setAccessibleName(self.tr("Rol"))
        self.phone.setAccessibleName(self.tr("Telefoon"))
        self.email.setAccessibleName(self.tr("E-mail"))
        self.since.setAccessibleName(self.tr("Betrokken vanaf"))
        self.contact_date.setAccessibleName(self.tr("Datum contact"))
        self.contact_mode.setAccessibleName(self.tr("Soort contact"))
        label_items(self.contact_mode, lambda value: ContactMode(value).label())
        self.summary.setAccessibleName(self.tr("Samenvatting contact"))
        self.contact_minutes.setAccessibleName(self.tr("Tijd boeken"))
        self.contact_minutes.setPlaceholderText(self.tr("leeg: geen uren; of 0:45, 0,75, 45"))
        self.contact_minutes.setToolTip(
            self.tr(
                "De tijd van dit contact als urenregel op dezelfde dag: huisbezoek, "
                "telefonisch contact, netwerkoverleg (overleg) of administratie (mail)."
            )
        )
        relabel(self.party_form, self.organisation, self.tr("Org&anisatie:"))
        relabel(self.party_form, self.person, self.tr("P&ersoon:"))
        relabel(self.party_form, self.role, self.tr("&Rol:"))
        relabel(self.party_form, self.phone, self.tr("Telefoon:"))
        relabel(self.party_form, self.email, self.tr("E-mail:"))
        relabel(self.party_form, self.since, self.tr("Betrokken vana&f:"))
        relabel(self.contact_form, self.contact_date, self.tr("Datum:"))
        relabel(self.contact_form, self.contact_mode, self.tr("Hoe:"))
        relabel(self.contact_form, self.summary, self.tr("Samenvatting:"))
        relabel(self.contact_form, self.contact_minutes, self.tr("T&ijd boeken:"))
        self.remove_party_button.setText(self.tr("Betrokkene verwijderen"))
        self.edit_party_button.setText(self.tr("Betrokkene aanpassen"))
        self.edit_contact_button.setText(self.tr("Contact aanpassen"))
        self._label_save_buttons()
        self.remove_contact_button.setText(self.tr("Contact verwijderen"))
        self.party_box.setTitle(self.tr("Nieuwe betrokkene"))
        self.contact_box.setTitle(self.tr("Nieuw contactmoment"))
        if self.data is not None:
            self.show_network(self.data)

    def refresh(self) -> None:
        family_id = self.family_id
        self.load(
            lambda s: NetworkData(
                s.network.list_parties(family_id),
                s.network.list_contacts(family_id),
                s.network.active_count(family_id),
                s.corrections.statements(family_id),
            ),
            self.show_network,
        )

    def show_network(self, data: NetworkData) -> None:
        self.data = data
        self.active.setText(
            self.tr("<b>{0}</b> actieve betrokkenen, {1} in totaal").format(
                data.active, len(data.parties)
            )
        )
        self.names = {p.id: p.organisation for p in data.parties}
        fill(
            self.parties,
            [
                [
                    p.organisation,
                    p.person or "",
                    p.role,
                    date_text(p.involved_from),
                    date_text(p.involved_until),
                    p.phone or "",
                    p.email or "",
                ]
                for p in data.parties
            ],
            [p.id for p in data.parties],
        )
        mark_statements(self.parties, data.statements)
        fill(
            self.contacts,
            [
                [
                    date_text(c.date),
                    self.names.get(c.party_id, ""),
                    ContactMode(c.mode).label(),
                    c.summary or "",
                ]
                for c in data.contacts
            ],
            [c.id for c in data.contacts],
        )
        mark_statements(self.contacts, data.statements)

    def _label_save_buttons(self) -> None:
        """Adding, or saving the record loaded into the form."""
        change = self.tr("Wijziging opslaan")
        self.add_button.setText(change if self.editing_party else self.tr("Betrokkene &toevoegen"))
        self.contact_button.setText(
            change
            if self.editing_contact
            else self.tr("Contact va&stleggen met geselecteerde betrokkene")
        )

    def save_form(self) -> None:
        """The contact form when the focus is in it or in the contacts, else the party's."""
        if self.focus_in(self.contact_box, self.contacts):
            self.add_contact()
        else:
            self.add_party()

    def edit_party(self) -> None:
        """Load the selected party into the form; saving changes that party."""
        party = selected_record(self.parties, self.data.parties if self.data else [])
        if party is None:
            return
        self.editing_party = party
        for field, value in (
            (self.organisation, party.organisation),
            (self.person, party.person),
            (self.role, party.role),
            (self.phone, party.phone),
            (self.email, party.email),
        ):
            field.setText(value or "")
        set_date(self.since, party.involved_from)
        self._label_save_buttons()
        self.organisation.setFocus()

    def edit_contact(self) -> None:
        contact = selected_record(self.contacts, self.data.contacts if self.data else [])
        if contact is None:
            return
        self.editing_contact = contact
        set_date(self.contact_date, contact.date)
        self.contact_mode.setCurrentIndex(max(0, self.contact_mode.findData(contact.mode)))
        self.summary.setText(contact.summary or "")
        self.contact_minutes.clear()
        self.contact_minutes.setEnabled(False)  # time is booked with a new contact only
        self._label_save_buttons()
        self.summary.setFocus()

    @refusing
    def add_party(self) -> None:
        family_id = self.family_id
        organisation, role, since = self.organisation.text(), self.role.text(), date_of(self.since)
        person, phone = self.person.text() or None, self.phone.text() or None
        email = self.email.text() or None
        editing = self.editing_party

        def done(_: object) -> None:
            for field in (self.organisation, self.person, self.role, self.phone, self.email):
                field.clear()
            self.editing_party = None
            self._label_save_buttons()
            self.refresh()

        if editing is not None:
            self.run(
                lambda s: s.network.update_party(
                    editing.id,
                    organisation=organisation,
                    role=role,
                    involved_from=since,
                    person=person or "",
                    phone=phone or "",
                    email=email or "",
                ),
                done,
            )
            return
        self.run(
            lambda s: s.network.add_party(
                family_id,
                organisation=organisation,
                role=role,
                involved_from=since,
                person=person,
                phone=phone,
                email=email,
            ),
            done,
        )

    @refusing
    def end_party(self) -> None:
        party_id, until = selected_id(self.parties), date_of(self.end_date)
        if party_id:
            self.run_and_refresh(lambda s: s.network.end_involvement(party_id, until))

    @refusing
    def add_contact(self) -> None:
        if self.editing_contact is not None:
            self._save_contact(self.editing_contact)
            return
        party_id = selected_id(self.parties)
        if not party_id:
            self.failed(
                ValidationError(
                    Field.PARTY,
                    "Kies eerst in de lijst de betrokkene met wie u contact had.",
                    "First choose the involved party you were in touch with from the list.",
                )
            )
            return
        typed = self.contact_minutes.text().strip()
        minutes = parse_duration(typed) if typed else None
        if typed and minutes is None:
            self.failed(
                ValidationError(
                    Field.DURATION,
                    "Vul de tijd in als u:mm (0:45), in uren met een komma (0,75) of in"
                    " minuten (45), of laat het leeg. Er is niets opgeslagen.",
                    "Enter the time as h:mm (0:45), in hours with a decimal point (0.75)"
                    " or in minutes (45), or leave it empty. Nothing was saved.",
                )
            )
            return
        family_id, day, mode, summary = (
            self.family_id,
            date_of(self.contact_date),
            self.contact_mode.currentData(),
            self.summary.text() or None,
        )

        def saved(contact: object) -> None:
            if minutes is not None:
                self.booked.setText(
                    self.tr("{0} geboekt als {1} op {2} (zie Uren).").format(
                        duration_text(minutes),
                        Activity(CONTACT_ACTIVITY[mode]).label(),
                        date_text(day),
                    )
                )
            else:
                self.booked.clear()
            self._contact_saved(contact)

        self.run(
            lambda s: s.network.add_contact(
                family_id, party_id=party_id, date=day, mode=mode, summary=summary, minutes=minutes
            ),
            saved,
        )

    def remove_party(self) -> None:
        party = selected_record(self.parties, self.data.parties if self.data else [])
        if party is not None:
            what = f"{party.organisation} ({party.role})"
            self.remove_after_asking(what, lambda s: s.network.remove_party(party.id))

    def remove_contact(self) -> None:
        contact = selected_record(self.contacts, self.data.contacts if self.data else [])
        if contact is not None:
            what = self.tr("contact met {0} op {1}").format(
                self.names.get(contact.party_id, ""), date_text(contact.date)
            )
            self.remove_after_asking(what, lambda s: s.network.remove_contact(contact.id))

    def _save_contact(self, contact: ContactMoment) -> None:
        day, mode, summary = (
            date_of(self.contact_date),
            self.contact_mode.currentData(),
            self.summary.text(),
        )

        self.run(
            lambda s: s.network.update_contact(contact.id, date=day, mode=mode, summary=summary),
            self._contact_saved,
        )

    def _contact_saved(self, _: object) -> None:
        self.summary.clear()
        self.contact_minutes.clear()
        self.contact_minutes.setEnabled(True)
        self.editing_contact = None
        self._label_save_buttons()
        self.refresh()
