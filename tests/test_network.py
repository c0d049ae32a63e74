from __future__ import annotations

import datetime as dt
import json

import pytest

from regiedesk.errors import NotFound, ValidationError
from regiedesk.services.families import FamilyService
from regiedesk.services.hours import HoursService
from regiedesk.services.network import NetworkService
from regiedesk.store import Store

from .conftest import TODAY


@pytest.fixture
def network(store: Store) -> NetworkService:
    return NetworkService(store, today=lambda: TODAY)


def writes(store: Store) -> tuple[int, int]:
    """(outbox entries, audit events): both must stay put when input is refused."""
    outbox = store.query("SELECT count(*) AS n FROM outbox")[0]["n"]
    audit = store.query("SELECT count(*) AS n FROM audit_log")[0]["n"]
    return int(outbox), int(audit)


def party_of(network: NetworkService, family_id: str, start: dt.date = dt.date(2025, 1, 1)) -> str:
    return network.add_party(
        family_id, organisation="Wijkteam", role="wijkcoach", involved_from=start
    ).id


def test_add_party_stores_every_field_in_one_audited_write(
    network: NetworkService, family_id: str, store: Store
) -> None:
    before = writes(store)
    party = network.add_party(
        family_id,
        organisation="  Basisschool De Linde ",
        role="intern begeleider",
        person="J. de Boer",
        phone="030-1234567",
        email=" j.deboer@school.example ",
        involved_from=dt.date(2025, 1, 1),
    )
    assert (party.organisation, party.role, party.person) == (
        "Basisschool De Linde",
        "intern begeleider",
        "J. de Boer",
    )
    assert (party.phone, party.email) == ("030-1234567", "j.deboer@school.example")
    assert (party.involved_from, party.involved_until) == (dt.date(2025, 1, 1), None)
    assert network.get_party(party.id) == party
    assert writes(store) == (before[0] + 1, before[1] + 1)
    entry = store.query("SELECT * FROM outbox ORDER BY seq DESC LIMIT 1")[0]
    assert (entry["entity"], entry["op"], entry["family_id"]) == ("parties", "insert", family_id)
    audit = store.query("SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1")[0]
    assert (audit["event"], audit["client"]) == ("create", family_id)
    assert json.loads(audit["objects"]) == [f"parties/{party.id}"]


def test_add_party_with_an_end_date(network: NetworkService, family_id: str) -> None:
    party = network.add_party(
        family_id,
        organisation="Jeugdbescherming",
        role="gezinsvoogd",
        involved_from=dt.date(2025, 1, 1),
        involved_until=dt.date(2025, 1, 1),
    )
    assert party.involved_until == dt.date(2025, 1, 1)
    assert not party.active_on(dt.date(2025, 1, 2))


def test_add_party_refuses_bad_input_and_writes_nothing(
    network: NetworkService, family_id: str, store: Store
) -> None:
    before = writes(store)
    start = dt.date(2025, 5, 1)
    bad_calls = [
        dict(organisation=" ", role="rol", involved_from=start),
        dict(organisation="GGZ", role="", involved_from=start),
        dict(organisation="x" * 201, role="rol", involved_from=start),
        dict(organisation="GGZ", role="rol", involved_from=start, phone="1" * 51),
        dict(organisation="GGZ", role="rol", involved_from=start, email="geen-adres"),
        dict(
            organisation="GGZ",
            role="rol",
            involved_from=start,
            involved_until=dt.date(2025, 4, 30),
        ),
        # a moment is not a day: stored with its time it could not be read back
        dict(organisation="GGZ", role="rol", involved_from=dt.datetime(2025, 5, 1, 9, 0)),
    ]
    fields = []
    for kwargs in bad_calls:
        with pytest.raises(ValidationError) as err:
            network.add_party(family_id, **kwargs)  # type: ignore[arg-type]
        fields.append(err.value.field)
    assert fields == [
        "organisatie",
        "rol",
        "organisatie",
        "telefoon",
        "e-mail",
        "betrokken tot",
        "betrokken vanaf",
    ]
    with pytest.raises(NotFound):
        network.add_party("no-such-family", organisation="GGZ", role="rol", involved_from=start)
    assert writes(store) == before
    assert network.list_parties(family_id) == []


@pytest.mark.parametrize(
    "email",
    [
        "geen-adres",
        "a@b",
        "@x.nl",
        "a@",
        "a b@x.nl",
        "a\t@x.nl",
        "a@b@c.nl",
        "a@.nl",
        "a@x.",
        "a@x..nl",
    ],
)
def test_bad_email_is_refused_with_a_clear_message(
    network: NetworkService, family_id: str, store: Store, email: str
) -> None:
    party = party_of(network, family_id)
    before = writes(store)
    with pytest.raises(ValidationError) as err:
        network.update_party(party, email=email)
    assert err.value.field == "e-mail"
    assert "naam@organisatie.nl" in err.value.nl and "name@organisation.nl" in err.value.en
    assert email not in err.value.nl  # the typed address is not echoed back
    assert writes(store) == before
    assert network.get_party(party).email is None


def test_update_party_changes_only_what_is_given(
    network: NetworkService, family_id: str, store: Store
) -> None:
    party = network.add_party(
        family_id,
        organisation="GGZ",
        role="behandelaar",
        person="P. Jansen",
        phone="06-12345678",
        involved_from=dt.date(2025, 5, 1),
    )
    updated = network.update_party(party.id, role="psychiater", email="p.jansen@ggz.example")
    assert (updated.organisation, updated.role, updated.email) == (
        "GGZ",
        "psychiater",
        "p.jansen@ggz.example",
    )
    assert updated.person == "P. Jansen" and updated.phone == "06-12345678"
    last = store.query("SELECT * FROM outbox ORDER BY seq DESC LIMIT 1")[0]
    assert last["op"] == "update"
    assert json.loads(last["data"]) == {"role": "psychiater", "email": "p.jansen@ggz.example"}
    # an empty string clears an optional field
    cleared = network.update_party(party.id, person="", phone=" ")
    assert (cleared.person, cleared.phone) == (None, None)
    moved = network.update_party(party.id, involved_from=dt.date(2025, 4, 1))
    assert moved.involved_from == dt.date(2025, 4, 1)
    # nothing given: nothing written
    before = writes(store)
    assert network.update_party(party.id) == moved
    assert writes(store) == before


def test_update_party_refuses_bad_input_and_writes_nothing(
    network: NetworkService, family_id: str, store: Store
) -> None:
    party = network.end_involvement(party_of(network, family_id), dt.date(2025, 6, 30))
    before = writes(store)
    with pytest.raises(ValidationError):
        network.update_party(party.id, organisation="")
    with pytest.raises(ValidationError):
        # a valid role with a start after the end: the whole update is refused
        network.update_party(party.id, role="coach", involved_from=dt.date(2025, 7, 1))
    with pytest.raises(NotFound):
        network.update_party("no-such-party", role="coach")
    assert writes(store) == before
    assert network.get_party(party.id) == party


def test_end_involvement(network: NetworkService, family_id: str, store: Store) -> None:
    party = party_of(network, family_id, start=dt.date(2025, 5, 1))
    before = writes(store)
    with pytest.raises(ValidationError) as err:
        network.end_involvement(party, dt.date(2025, 4, 30))
    assert err.value.field == "betrokken tot"
    assert "30-04-2025" in err.value.nl
    assert writes(store) == before
    assert network.end_involvement(party, dt.date(2025, 5, 1)).involved_until == dt.date(2025, 5, 1)
    ended = network.end_involvement(party, dt.date(2025, 9, 30))  # a correction
    assert ended.involved_until == dt.date(2025, 9, 30)
    assert ended.active_on(dt.date(2025, 9, 30)) and not ended.active_on(dt.date(2025, 10, 1))


def test_parties_active_over_time(network: NetworkService, family_id: str) -> None:
    school = network.add_party(
        family_id,
        organisation="Basisschool De Linde",
        role="intern begeleider",
        involved_from=dt.date(2025, 1, 1),
    )
    debt = network.add_party(
        family_id,
        organisation="Schuldhulp",
        role="schuldhulpverlener",
        involved_from=dt.date(2025, 3, 1),
    )
    assert [p.id for p in network.list_parties(family_id)] == [school.id, debt.id]
    assert network.active_count(family_id, dt.date(2024, 12, 31)) == 0
    assert network.active_count(family_id, dt.date(2025, 2, 1)) == 1
    assert network.active_count(family_id, dt.date(2025, 4, 1)) == 2
    network.end_involvement(debt.id, dt.date(2025, 6, 30))
    assert network.active_count(family_id, dt.date(2025, 6, 30)) == 2
    assert network.active_count(family_id, dt.date(2025, 7, 1)) == 1
    assert [p.id for p in network.list_parties(family_id, dt.date(2025, 7, 1))] == [school.id]
    assert network.active_count(family_id) == 1  # today
    # an ended party stays in the history
    assert {p.id for p in network.list_parties(family_id)} == {school.id, debt.id}


def test_parties_are_per_family(network: NetworkService, family_id: str, store: Store) -> None:
    other = FamilyService(store, today=lambda: TODAY).add_family(name="Gezin Ander").id
    mine = party_of(network, family_id)
    theirs = party_of(network, other)
    assert [p.id for p in network.list_parties(family_id)] == [mine]
    assert [p.id for p in network.list_parties(other)] == [theirs]


def test_remove_party_is_a_tombstone(network: NetworkService, family_id: str, store: Store) -> None:
    party = party_of(network, family_id)
    network.remove_party(party)
    assert network.list_parties(family_id) == []
    assert network.active_count(family_id) == 0
    with pytest.raises(NotFound):
        network.get_party(party)
    assert store.get("parties", party, include_deleted=True)["deleted"] == 1
    last = store.query("SELECT * FROM outbox ORDER BY seq DESC LIMIT 1")[0]
    assert (last["op"], last["record_id"]) == ("delete", party)
    before = writes(store)
    with pytest.raises(NotFound):
        network.remove_party(party)
    assert writes(store) == before


def test_add_contact(network: NetworkService, family_id: str, store: Store) -> None:
    party = party_of(network, family_id)
    before = writes(store)
    contact = network.add_contact(
        family_id, party_id=party, date=TODAY, mode="overleg", summary=" afstemming plan "
    )
    assert (contact.party_id, contact.date, contact.mode, contact.summary) == (
        party,
        TODAY,
        "overleg",
        "afstemming plan",
    )
    assert network.get_contact(contact.id) == contact
    assert writes(store) == (before[0] + 1, before[1] + 1)
    audit = store.query("SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1")[0]
    assert (audit["event"], audit["client"]) == ("create", family_id)


@pytest.mark.parametrize(
    ("mode", "activity"),
    [
        ("huisbezoek", "huisbezoek"),
        ("telefoon", "telefonisch_contact"),
        ("mail", "administratie"),
        ("overleg", "netwerkoverleg"),
    ],
)
def test_a_contact_books_its_time_in_the_same_write(
    network: NetworkService, family_id: str, store: Store, mode: str, activity: str
) -> None:
    party = party_of(network, family_id)
    before = writes(store)
    day = TODAY - dt.timedelta(days=2)
    network.add_contact(family_id, party_id=party, date=day, mode=mode, minutes=50)
    entries = HoursService(store, today=lambda: TODAY).list_entries(family_id)
    assert [(e.date, e.minutes, e.activity) for e in entries] == [(day, 50, activity)]
    assert writes(store) == (before[0] + 2, before[1] + 1)  # two records, one audited write


def test_a_contact_whose_time_is_refused_saves_neither(
    network: NetworkService, family_id: str, store: Store
) -> None:
    party = party_of(network, family_id)
    hours = HoursService(store, today=lambda: TODAY)
    hours.add_entry(family_id, date=TODAY, minutes=23 * 60, activity="huisbezoek")
    before = writes(store)
    for minutes in (0, 2 * 60):  # no time at all; a day of more than 24 hours
        with pytest.raises(ValidationError) as err:
            network.add_contact(
                family_id, party_id=party, date=TODAY, mode="telefoon", minutes=minutes
            )
        assert err.value.field == "minuten"
    assert writes(store) == before
    assert network.list_contacts(family_id) == [] and len(hours.list_entries(family_id)) == 1


def test_add_contact_refuses_bad_input_and_writes_nothing(
    network: NetworkService, family_id: str, store: Store
) -> None:
    party = party_of(network, family_id)
    removed = party_of(network, family_id)
    network.remove_party(removed)
    other = FamilyService(store, today=lambda: TODAY).add_family(name="Gezin Ander").id
    before = writes(store)
    refused = [
        dict(family_id=other, party_id=party, date=TODAY, mode="mail"),  # not their party
        dict(family_id=family_id, party_id=removed, date=TODAY, mode="mail"),
        dict(family_id=family_id, party_id="no-such-party", date=TODAY, mode="mail"),
        dict(family_id=family_id, party_id=party, date=TODAY, mode="postduif"),
        dict(family_id=family_id, party_id=party, date=TODAY + dt.timedelta(days=1), mode="mail"),
        dict(family_id=family_id, party_id=party, date=TODAY, mode="mail", summary="x" * 1_000_001),
    ]
    fields = []
    for kwargs in refused:
        fid = kwargs.pop("family_id")
        with pytest.raises(ValidationError) as err:
            network.add_contact(fid, **kwargs)  # type: ignore[arg-type]
        fields.append(err.value.field)
    assert fields == ["betrokkene", "betrokkene", "betrokkene", "manier", "datum", "samenvatting"]
    assert writes(store) == before
    assert network.list_contacts(family_id) == [] and network.list_contacts(other) == []


def test_contacts_newest_first_filter_and_remove(
    network: NetworkService, family_id: str, store: Store
) -> None:
    wijk = party_of(network, family_id)
    school = party_of(network, family_id)
    feb = network.add_contact(family_id, party_id=wijk, date=dt.date(2025, 2, 1), mode="telefoon")
    mar = network.add_contact(family_id, party_id=school, date=dt.date(2025, 3, 1), mode="mail")
    jan = network.add_contact(family_id, party_id=wijk, date=dt.date(2025, 1, 1), mode="overleg")
    assert [c.id for c in network.list_contacts(family_id)] == [mar.id, feb.id, jan.id]
    assert [c.id for c in network.list_contacts(family_id, wijk)] == [feb.id, jan.id]
    assert [c.id for c in network.list_contacts(family_id, party_id=school)] == [mar.id]
    network.remove_contact(feb.id)
    assert [c.id for c in network.list_contacts(family_id)] == [mar.id, jan.id]
    assert store.get("contacts", feb.id, include_deleted=True)["deleted"] == 1
    with pytest.raises(NotFound):
        network.remove_contact(feb.id)
