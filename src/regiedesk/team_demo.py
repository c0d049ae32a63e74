"""A demo organisation's records as pushed mutations: families with their members, hours,
network, contacts, plan, measurements and notes, for the team figures' tests and
``bench/team.py``.

Deterministic for a seed. Mutations come in push order with increasing clock stamps
(so folding them in order is the merge), each with the caseworker that pushes it.
Members carry names and BSNs, contacts summaries and notes text: the team leader's
answers must show none of them.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .domain.bsn import is_valid_bsn
from .domain.vocabulary import (
    Activity,
    AgreementOwner,
    ClosureReason,
    ContactMode,
    FamilyStatus,
    GoalStatus,
    MemberRole,
    Moment,
)
from .ids import uuid7

INSTRUMENTS = {
    "zrm2010": ("z10_financien", "z10_huisvesting", "z10_sociaal_netwerk"),
    "zrm2017": ("financien", "huisvesting", "sociaal_netwerk", "werk_opleiding"),
}
PROFILES = ("OP01", "OP02", "OP05")
INTENSITIES = ("licht", "midden", "zwaar")
CLOSURES = tuple(
    c.value
    for c in (ClosureReason.GOALS_REACHED, ClosureReason.DROPOUT, ClosureReason.MOVED,
              ClosureReason.REFERRED)
)  # fmt: skip
# the status a family ends in, three in five active (the plain values, as the wire has them)
STATUSES = tuple(
    f.value
    for f in (FamilyStatus.REGISTERED, FamilyStatus.ACTIVE, FamilyStatus.ACTIVE,
              FamilyStatus.ACTIVE, FamilyStatus.CLOSED)
)  # fmt: skip
ROLES = (MemberRole.PARENT.value, MemberRole.CHILD.value)
MODES = (ContactMode.HOME_VISIT.value, ContactMode.PHONE.value)
GOAL_STATUSES = tuple(g.value for g in GoalStatus)
SECRET = "Geheim"  # in every member name, contact summary and note text


@dataclass
class Seeder:
    """Stamps and ids for one run; ``mutations`` collects (caseworker, mutation)."""

    seed: int
    start_ms: int
    rng: random.Random = field(init=False)
    mutations: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    _tick: int = 0

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    def stamp(self) -> str:
        self._tick += 1  # one millisecond per change: a strictly increasing order
        return f"{self.start_ms + self._tick:015d}-0000-demo{self.seed}"

    def add(
        self,
        who: str,
        entity: str,
        family: str,
        op: str = "insert",
        record: str | None = None,
        **data: Any,
    ) -> str:
        record_id = record or (family if entity == "families" else uuid7())
        self.mutations.append(
            (
                who,
                {
                    "mutation_id": uuid7(),
                    "hlc": self.stamp(),
                    "entity": entity,
                    "record_id": record_id,
                    "family_id": family,
                    "op": op,
                    "data": data,
                },
            )
        )
        return record_id

    def bsn(self) -> str:
        while True:
            number = f"{self.rng.randrange(10**8, 10**9):09d}"
            if is_valid_bsn(number):
                return number


def _day(value: dt.date) -> str:
    return value.isoformat()


def seed_family(
    s: Seeder, who: str, number: int, today: dt.date, *, days: int, busy: int = 1
) -> str:
    """One family of ``who`` with ``days`` of history up to ``today`` (``busy``: times as
    many hours entries); returns its id."""
    r = s.rng
    family = uuid7()
    start = today - dt.timedelta(days=r.randrange(days // 3, days))
    status = r.choice(STATUSES)
    record: dict[str, Any] = {
        "name": f"Gezin {who.title()} {number}",
        "status": FamilyStatus.REGISTERED.value,
        "caseworker": who,
        "start_date": _day(start),
    }
    if r.random() < 0.7:
        record["support_profile"] = r.choice(PROFILES)
        record["intensity"] = r.choice(INTENSITIES)
    if r.random() < 0.8:
        record["evaluation_date"] = _day(today + dt.timedelta(days=r.randrange(-60, 60)))
    s.add(who, "families", family, **record)
    members = [
        s.add(
            who,
            "members",
            family,
            family_id=family,
            name=f"{SECRET} Lid{i} {who}",
            role=r.choice(ROLES),
            bsn=s.bsn(),
        )
        for i in range(r.randrange(1, 4))
    ]
    if len(members) > 1 and r.random() < 0.3:  # a member removed: their measurements go too
        s.add(who, "members", family, "delete", members.pop())
    parties = []
    for i in range(r.randrange(2, 22)):
        since = start - dt.timedelta(days=r.randrange(0, 60))
        party: dict[str, Any] = {
            "family_id": family,
            "organisation": f"Organisatie {i}",
            "role": "hulpverlener",
            "involved_from": _day(since),
        }
        if r.random() < 0.6:
            party["involved_until"] = _day(start + dt.timedelta(days=r.randrange(0, days)))
        parties.append(s.add(who, "parties", family, **party))
    for _ in range(r.randrange(0, 6)):
        when = start + dt.timedelta(days=r.randrange(0, max(1, (today - start).days + 1)))
        s.add(
            who,
            "contacts",
            family,
            family_id=family,
            party_id=r.choice(parties),
            date=_day(when),
            mode=r.choice(MODES),
            summary=f"{SECRET} gesprek over thuis",
        )
    weeks = max(1, (today - start).days // 7)
    hours = []
    for _ in range(busy * r.randrange(weeks, 3 * weeks + 2)):
        when = start + dt.timedelta(days=r.randrange(0, (today - start).days + 1))
        hours.append(
            s.add(
                who,
                "hours",
                family,
                family_id=family,
                date=_day(when),
                minutes=r.randrange(15, 240),
                activity=Activity.HOME_VISIT.value,
                caseworker=who,
            )
        )
    for entry in r.sample(hours, k=len(hours) // 10):
        if r.random() < 0.5:
            s.add(who, "hours", family, "delete", entry)
        else:
            s.add(who, "hours", family, "update", entry, minutes=r.randrange(15, 240))
    goals = [
        s.add(
            who,
            "goals",
            family,
            family_id=family,
            domain="financien",
            text=f"Doel {i}",
            status=r.choice(GOAL_STATUSES),
        )
        for i in range(r.randrange(0, 5))
    ]
    for i in range(r.randrange(0, 5)):
        due = today + dt.timedelta(days=r.randrange(-40, 40))
        s.add(
            who,
            "agreements",
            family,
            family_id=family,
            text=f"Afspraak {i}",
            owner=AgreementOwner.FAMILY.value,
            due_date=_day(due),
            done=int(r.random() < 0.4),
            goal_id=r.choice(goals) if goals else None,
        )
    for i, instrument in enumerate(r.sample(sorted(INSTRUMENTS), k=r.randrange(0, 3))):
        member = r.choice([None, *members])
        for moment in range(r.randrange(1, 3)):
            when = start + dt.timedelta(days=30 * moment + i)
            assessment = s.add(
                who,
                "assessments",
                family,
                family_id=family,
                member_id=member,
                instrument=instrument,
                moment=(Moment.INTAKE if moment == 0 else Moment.INTERIM).value,
                date=_day(min(when, today)),
                assessor=who,
            )
            for domain in INSTRUMENTS[instrument]:
                s.add(
                    who,
                    "scores",
                    family,
                    assessment_id=assessment,
                    family_id=family,
                    domain=domain,
                    score=r.randrange(1, 6),
                )
    note = s.add(who, "notes", family, family_id=family, title="Huisbezoek")
    s.add(
        who,
        "note_revisions",
        family,
        note_id=note,
        family_id=family,
        body=f"{SECRET}: vertrouwelijke tekst",
        author=who,
        created_at=f"{_day(today)}T10:00:00+00:00",
    )
    if status != FamilyStatus.REGISTERED:
        s.add(who, "families", family, "update", status=FamilyStatus.ACTIVE.value)
    if status == FamilyStatus.CLOSED:
        end = min(today, start + dt.timedelta(days=r.randrange(30, days)))
        s.add(
            who,
            "families",
            family,
            "update",
            status=FamilyStatus.CLOSED.value,
            end_date=_day(end),
            closure_reason=r.choice(CLOSURES),
        )
    if r.random() < 0.1:  # a family registered by mistake, removed again
        s.add(who, "families", family, "delete")
    return family


def seed_caseworkers(
    s: Seeder,
    caseworkers: list[str],
    families_each: int,
    today: dt.date,
    *,
    days: int,
    busy: int = 1,
) -> Iterator[tuple[str, str]]:
    """(caseworker, family id) of every family seeded."""
    for who in caseworkers:
        for number in range(1, families_each + 1):
            yield who, seed_family(s, who, number, today, days=days, busy=busy)
