"""Mijn week from hand-made records: hours per day and family, agreements and evaluations
due and overdue, families without a contact for 14 days; the weeks before and after."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from regiedesk.ids import uuid7
from regiedesk.services import Services
from regiedesk.services.week import QUIET_DAYS, MyWeek
from regiedesk.store import Store

from .conftest import TODAY

D = dt.date
MONDAY = D(2026, 11, 23)  # TODAY, 24-11-2026, is a Tuesday
assert MONDAY.weekday() == 0 and TODAY.weekday() == 1


@dataclass
class World:
    s: Services
    ids: dict[str, str]

    def name(self, family_id: str) -> str:
        return next(k for k, v in self.ids.items() if v == family_id)


@pytest.fixture
def world(store: Store) -> World:
    s = Services.over(store, today=lambda: TODAY)
    fam = s.families
    ids = {
        name: fam.add_family(name=f"Gezin {name}", status=status).id
        for name, status in (
            ("Akkerman", "actief"),
            ("Bakker", "actief"),
            ("Dijk", "aangemeld"),  # nothing recorded at all
            ("Eerde", "actief"),
            ("Fransen", "actief"),
            ("Gerrits", "actief"),
            ("Dicht", "actief"),
            ("Weg", "actief"),
        )
    }
    a, b, e, f, g = (ids[n] for n in ("Akkerman", "Bakker", "Eerde", "Fransen", "Gerrits"))
    hours = s.hours.add_entry
    hours(a, date=MONDAY, minutes=60, activity="huisbezoek")
    hours(a, date=TODAY, minutes=30, activity="telefonisch_contact")
    hours(a, date=TODAY, minutes=15, activity="administratie")
    hours(a, date=D(2026, 11, 20), minutes=45, activity="huisbezoek")  # the week before
    hours(b, date=TODAY, minutes=90, activity="administratie")  # no contact with the family
    hours(e, date=D(2026, 11, 1), minutes=20, activity="reistijd")
    hours(f, date=D(2026, 11, 10), minutes=25, activity="telefonisch_contact")  # 14 days
    hours(g, date=D(2026, 11, 11), minutes=25, activity="crisisinterventie")  # 13 days
    # another caseworker's hours on Akkerman (a stand-in): not in my week
    row = s.hours.validated_row(a, TODAY, 120, "huisbezoek", None, None, replacing=None)
    row.update(id=uuid7(), family_id=a, caseworker="regisseur.piet")
    with store.transaction(event="create", client=a) as tx:
        tx.insert("hours", row)
    party = s.network.add_party(
        b, organisation="School", role="mentor", involved_from=D(2026, 1, 1)
    )
    s.network.add_contact(b, party_id=party.id, date=D(2026, 11, 5), mode="telefoon")
    s.notes.add_note(e, title="Bezoek", body="Gesproken.", visit_date=D(2026, 11, 12))
    plan = s.plan.add_agreement
    plan(a, text="Bellen met school", owner="gezin", due_date=MONDAY)  # this week, late
    plan(a, text="Formulier inleveren", owner="gezin", due_date=D(2026, 11, 27))
    done = plan(a, text="Al gedaan", owner="gezin", due_date=D(2026, 11, 26))
    s.plan.complete_agreement(done.id, TODAY)
    plan(a, text="Huisarts bellen", owner="regisseur", due_date=D(2026, 11, 10))  # overdue
    plan(a, text="Volgende week", owner="gezin", due_date=D(2026, 11, 30))
    plan(a, text="Zonder datum", owner="gezin")
    plan(b, text="Schuldhulp aanvragen", owner="gezin", due_date=D(2026, 11, 20))
    gone = plan(b, text="Weggehaald", owner="gezin", due_date=D(2026, 11, 25))
    s.plan.remove_agreement(gone.id)
    fam.update_family(a, evaluation_date=D(2026, 11, 26))
    fam.update_family(b, evaluation_date=D(2026, 11, 1))
    fam.update_family(ids["Dicht"], evaluation_date=D(2026, 11, 20))
    plan(ids["Dicht"], text="Van een gesloten gezin", owner="gezin", due_date=TODAY)
    fam.close_family(ids["Dicht"], end_date=TODAY, reason="doelen_behaald")
    hours(ids["Weg"], date=TODAY, minutes=10, activity="huisbezoek")
    plan(ids["Weg"], text="Van een verwijderd gezin", owner="gezin", due_date=TODAY)
    fam.remove_family(ids["Weg"])
    return World(s, ids)


def names(world: World, items: list) -> list[str]:  # type: ignore[type-arg]
    return [world.name(i.family_id) for i in items]


def test_this_week(world: World) -> None:
    week = world.s.week.my_week()
    assert isinstance(week, MyWeek) and week.monday == MONDAY and week.as_of == TODAY
    assert [(world.name(f.family_id), f.per_day) for f in week.hours] == [
        ("Akkerman", (60, 45, 0, 0, 0, 0, 0)),  # mine only: not the stand-in's 2:00
        ("Bakker", (0, 90, 0, 0, 0, 0, 0)),
    ]
    assert week.per_day == (60, 135, 0, 0, 0, 0, 0) and week.minutes == 195
    assert [(a.text, a.due_date, a.late) for a in week.agreements_due] == [
        ("Bellen met school", MONDAY, True),
        ("Formulier inleveren", D(2026, 11, 27), False),
    ]
    assert [(a.text, a.late) for a in week.agreements_overdue] == [
        ("Huisarts bellen", True),
        ("Schuldhulp aanvragen", True),
    ]
    assert [(e.family_name, e.late) for e in week.evaluations_due] == [("Gezin Akkerman", False)]
    assert [(e.family_name, e.late) for e in week.evaluations_overdue] == [("Gezin Bakker", True)]
    # Bakker's office hours are no contact; the contact moment of 05-11 is
    assert [(world.name(q.family_id), q.last_contact, q.days) for q in week.without_contact] == [
        ("Dijk", None, None),
        ("Bakker", D(2026, 11, 5), 19),
        ("Fransen", D(2026, 11, 10), QUIET_DAYS),
    ]
    assert "Weg" not in names(world, week.hours + week.agreements_due)  # type: ignore[operator]
    assert set(map(world.name, week.family_ids)) == {"Akkerman", "Bakker", "Dijk", "Fransen"}


def test_the_week_before(world: World) -> None:
    week = world.s.week.my_week(D(2026, 11, 19))  # any day of the week will do
    assert week.monday == D(2026, 11, 16) and week.as_of == D(2026, 11, 22)
    assert [(world.name(f.family_id), f.per_day) for f in week.hours] == [
        ("Akkerman", (0, 0, 0, 0, 45, 0, 0))
    ]
    assert week.minutes == 45
    assert [(a.text, a.late) for a in week.agreements_due] == [("Schuldhulp aanvragen", True)]
    assert [a.text for a in week.agreements_overdue] == ["Huisarts bellen"]
    assert week.evaluations_due == []
    assert [e.family_name for e in week.evaluations_overdue] == ["Gezin Bakker"]
    # counted to that Sunday: Fransen's call was 12 days before it, Akkerman's visit 2
    quiet = [(world.name(q.family_id), q.days) for q in week.without_contact]
    assert quiet == [("Dijk", None), ("Bakker", 17)]


def test_the_week_after(world: World) -> None:
    week = world.s.week.my_week(D(2026, 12, 6))  # a Sunday
    assert week.monday == D(2026, 11, 30) and week.as_of == TODAY  # no later than today
    assert week.hours == [] and week.minutes == 0 and week.per_day == (0,) * 7
    assert [(a.text, a.late) for a in week.agreements_due] == [("Volgende week", False)]
    # late is measured against today: everything open and due before today
    assert [a.text for a in week.agreements_overdue] == [
        "Huisarts bellen",
        "Schuldhulp aanvragen",
        "Bellen met school",
    ]
    assert week.evaluations_due == []
    assert [e.family_name for e in week.evaluations_overdue] == ["Gezin Bakker"]


def test_an_agreement_done_or_a_contact_made_leaves_the_lists(world: World) -> None:
    s, ids = world.s, world.ids
    overdue = world.s.week.my_week().agreements_overdue[0]
    s.plan.complete_agreement(overdue.agreement_id, TODAY)
    s.hours.add_entry(ids["Fransen"], date=TODAY, minutes=30, activity="netwerkoverleg")
    week = s.week.my_week()
    assert [a.text for a in week.agreements_overdue] == ["Schuldhulp aanvragen"]
    assert "Fransen" not in names(world, week.without_contact)  # type: ignore[arg-type]


def test_showing_the_week_is_in_the_access_log(world: World, store: Store) -> None:
    week = world.s.week.my_week()
    world.s.audit.log_week_shown(week.family_ids)
    row = store.query("SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1")[0]
    assert row["event"] == "read"
    for family_id in week.family_ids:
        assert f"families/{family_id}" in row["objects"]
    assert "view/my_week" in row["objects"]
