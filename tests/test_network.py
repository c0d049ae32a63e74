from __future__ import annotations

import datetime as dt

import pytest

from regiedesk.errors import NotFound, ValidationError
from regiedesk.services.families import FamilyService
from regiedesk.services.network import NetworkService
from regiedesk.store import Store

from .conftest import TODAY


@pytest.fixture
def network(store: Store) -> NetworkService:
    return NetworkService(store, today=lambda: TODAY)


def test_parties_active_over_time(network: NetworkService, family_id: str) -> None:
    school = network.add_party(
        family_id,
        organisation="Basisschool De Linde",
        role="intern begeleider",
        person="J. de Boer",
        email="j.deboer@school.example",
        involved_from=dt.date(2025, 1, 1),
    )
    debt = network.add_party(
        family_id,
        organisation="Schuldhulp",
        role="schuldhulpverlener",
        involved_from=dt.date(2025, 3, 1),
    )
    assert network.active_count(family_id, dt.date(2025, 2, 1)) == 1
    assert network.active_count(family_id, dt.date(2025, 4, 1)) == 2
    network.end_involvement(debt.id, dt.date(2025, 6, 30))
    assert network.active_count(family_id, dt.date(2025, 6, 30)) == 2
    assert network.active_count(family_id, dt.date(2025, 7, 1)) == 1
    assert [p.id for p in network.parties(family_id, active_on=TODAY)] == [school.id]
    network.remove_party(school.id)
    assert network.active_count(family_id) == 0
    with pytest.raises(NotFound):
        network.party(school.id)


def test_end_before_start_and_bad_email_are_refused(
    network: NetworkService, family_id: str, store: Store
) -> None:
    party = network.add_party(
        family_id, organisation="GGZ", role="behandelaar", involved_from=dt.date(2025, 5, 1)
    )
    before = store.query("SELECT count(*) AS n FROM outbox")[0]["n"]
    with pytest.raises(ValidationError):
        network.end_involvement(party.id, dt.date(2025, 4, 30))
    for bad in ("geen-adres", "a@b", "@x.nl", "a b@x.nl", "a@b@c.nl"):
        with pytest.raises(ValidationError):
            network.update_party(party.id, email=bad)
    with pytest.raises(ValidationError):
        network.add_party(family_id, organisation=" ", role="x", involved_from=TODAY)
    assert store.query("SELECT count(*) AS n FROM outbox")[0]["n"] == before


def test_contacts_newest_first_and_only_with_own_parties(
    network: NetworkService, family_id: str, store: Store
) -> None:
    party = network.add_party(
        family_id, organisation="Wijkteam", role="wijkcoach", involved_from=dt.date(2025, 1, 1)
    )
    network.add_contact(family_id, party_id=party.id, date=dt.date(2025, 2, 1), mode="telefoon")
    network.add_contact(
        family_id, party_id=party.id, date=dt.date(2025, 3, 1), mode="overleg", summary="plan"
    )
    assert [c.date.month for c in network.contacts(family_id)] == [3, 2]
    other = FamilyService(store, today=lambda: TODAY).create(name="Gezin Ander").id
    with pytest.raises(ValidationError):
        network.add_contact(other, party_id=party.id, date=TODAY, mode="mail")
    with pytest.raises(ValidationError):
        network.add_contact(family_id, party_id=party.id, date=TODAY, mode="postduif")
    with pytest.raises(ValidationError):
        network.add_contact(
            family_id, party_id=party.id, date=TODAY + dt.timedelta(days=1), mode="mail"
        )
