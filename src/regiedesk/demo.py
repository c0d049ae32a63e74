"""The practice environment: a profile filled with realistic, clearly fictional families.

Everything comes from a fixed seed, so trainers, tests and benchmarks see the
same families (ids and clock stamps differ per run). BSNs are drawn from the
9999 test range, which is never issued to a person.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass

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
from .services.assessments import AssessmentService
from .services.families import FamilyService
from .services.hours import HoursService
from .services.network import NetworkService
from .services.notes import NoteService
from .services.plan import PlanService
from .store import Store
from .sync.session import mark_practice

DEFAULT_SEED = 20261124

SURNAMES = (
    "Achterberg", "Boezeman", "Claassen", "Dijkgraaf", "Eikenhout", "Flierman", "Goudsmit",
    "Hoekstra", "IJzerman", "Jonkers", "Kamphuis", "Lindeboom", "Meerman", "Noordzij",
    "Oosterveld", "Pronk", "Quist", "Roelofsen", "Spijkerman", "Terpstra", "Uiterwijk",
    "Veldkamp", "Wolters", "Yildiz", "Zandvliet", "El Amrani", "Bouzid", "Nguyen", "Pinas",
)  # fmt: skip
PARENT_NAMES = (
    "Sanne", "Mark", "Fatima", "Dennis", "Naima", "Ricardo", "Linda", "Mehmet", "Priya",
    "Jeroen", "Shirley", "Youssef", "Marieke", "Kofi", "Anouk", "Bas",
)  # fmt: skip
CHILD_NAMES = (
    "Daan", "Emma", "Noah", "Julia", "Sem", "Lotte", "Adam", "Sara", "Finn", "Yara", "Luuk",
    "Nora", "Milan", "Zoë", "Amir", "Fleur", "Ilias", "Tess", "Jayden", "Liv",
)  # fmt: skip
ORGANISATIONS = (
    ("Basisschool De Regenboog", "intern begeleider"),
    ("Voortgezet onderwijs Het Baken", "mentor"),
    ("Wijkteam Oost", "wijkcoach"),
    ("GGZ Rivierenland", "behandelaar"),
    ("Verslavingszorg Noord", "casemanager"),
    ("Schuldhulpverlening gemeente", "schuldhulpverlener"),
    ("Woningcorporatie Thuis", "woonconsulent"),
    ("Jeugdbescherming Regio", "jeugdbeschermer"),
    ("Reclassering", "reclasseringswerker"),
    ("Huisartsenpraktijk De Linde", "huisarts"),
    ("Consultatiebureau", "jeugdverpleegkundige"),
    ("UWV", "werkcoach"),
    ("Leerplicht", "leerplichtambtenaar"),
    ("Veilig Thuis", "medewerker"),
    ("Maatschappelijk werk", "maatschappelijk werker"),
    ("Kinderopvang Zonnetje", "pedagogisch medewerker"),
    ("Sportvereniging", "trainer"),
    ("Budgetbeheer", "budgetbeheerder"),
    ("Jeugd-GGZ", "orthopedagoog"),
    ("Politie wijkagent", "wijkagent"),
    ("Bewindvoering", "bewindvoerder"),
    ("Thuisbegeleiding", "ambulant begeleider"),
    ("Buurthuis", "opbouwwerker"),
    ("Speciaal onderwijs", "zorgcoördinator"),
    ("Voedselbank", "vrijwilliger"),
)
GOALS = (
    ("financien", "We willen rondkomen zonder nieuwe schulden."),
    ("hh_huisvesting", "We willen in dit huis kunnen blijven wonen."),
    ("werk_opleiding", "Ik wil een opleiding afmaken."),
    ("kind_scholing", "De kinderen gaan elke dag naar school."),
    ("huiselijke_relaties", "We maken minder ruzie thuis."),
    ("geestelijke_gezondheid", "Ik wil me minder somber voelen."),
    ("middelengebruik", "Ik wil stoppen met blowen."),
    ("sociaal_netwerk", "We willen mensen om ons heen die helpen."),
    ("hh_organisatie", "Er is elke dag eten en het huis is opgeruimd."),
)
AGREEMENTS = (
    "Post samen openen en sorteren",
    "Afspraak maken bij de huisarts",
    "Aanvraag toeslagen indienen",
    "Gesprek met school plannen",
    "Huurachterstand bespreken met de corporatie",
    "Weekplanning op de koelkast hangen",
    "Netwerkberaad organiseren",
    "Formulier schuldhulp invullen",
)
HOUSEHOLD_DOMAINS = (
    "hh_financien",
    "hh_huisvesting",
    "hh_organisatie",
    "hh_huiselijke_relaties",
    "hh_sociale_omgeving",
    "kind_scholing",
    "kind_gezinsstructuur",
)
PERSON_DOMAINS = (
    "financien",
    "geestelijke_gezondheid",
    "middelengebruik",
    "werk_opleiding",
    "sociaal_netwerk",
)
NOTE_TOPICS = (
    "Huisbezoek",
    "Netwerkberaad",
    "Gesprek met school",
    "Evaluatie gezinsplan",
    "Telefonisch contact",
    "Crisis in het weekend",
)


@dataclass(frozen=True, slots=True)
class DemoSummary:
    families: int
    members: int
    hours_entries: int
    parties: int
    assessments: int


def fictional_bsn(rng: random.Random) -> str:
    """A valid BSN from the 9999 test range."""
    while True:
        digits = "9999" + f"{rng.randrange(10_000):04d}"
        partial = sum(w * int(d) for w, d in zip((9, 8, 7, 6, 5, 4, 3, 2), digits, strict=True))
        last = partial % 11
        if last <= 9:
            return digits + str(last)


def generate_demo(
    store: Store,
    *,
    seed: int = DEFAULT_SEED,
    families: int = 12,
    today: dt.date | None = None,
) -> DemoSummary:
    """Fill an open profile with ``families`` fictional families and two years of history,
    and mark it a practice profile: the window says so and it is never connected."""
    mark_practice(store)
    rng = random.Random(seed)
    today = today or dt.date.today()

    # notes are written on the afternoon of the visit and amended later that day, so their
    # revision times fit the story and are the same in every run (screenshots, tests)
    written = [dt.datetime.combine(today, dt.time(9), tzinfo=dt.UTC)]
    clock_rng = random.Random(seed + 1)  # its own, so the content stays that of the seed

    def now() -> dt.datetime:
        return written[0]

    kw = {"today": lambda: today, "now": now}
    fam_service = FamilyService(store, **kw)  # type: ignore[arg-type]
    hours = HoursService(store, **kw)  # type: ignore[arg-type]
    network = NetworkService(store, **kw)  # type: ignore[arg-type]
    plan = PlanService(store, **kw)  # type: ignore[arg-type]
    notes = NoteService(store, **kw)  # type: ignore[arg-type]
    assessments = AssessmentService(store, **kw)  # type: ignore[arg-type]
    totals = {"members": 0, "hours": 0, "parties": 0, "assessments": 0}

    for index in range(families):
        surname = SURNAMES[index % len(SURNAMES)]
        if index >= len(SURNAMES):
            surname += f" {index // len(SURNAMES) + 1}"
        start = today - dt.timedelta(days=rng.randint(690, 760))
        closed = index % 5 == 4
        registered_only = index % 11 == 10
        family = fam_service.add_family(
            name=f"Gezin {surname}",
            status=FamilyStatus.REGISTERED if registered_only else FamilyStatus.ACTIVE,
            start_date=start,
            evaluation_date=today + dt.timedelta(days=rng.randint(-40, 90)),
            support_profile=f"OP{rng.randint(1, 11):02d}",
            intensity=rng.choice(("midden", "zwaar", "zeer_zwaar")),
        )
        fid = family.id
        end = today - dt.timedelta(days=rng.randint(20, 120)) if closed else today

        # members: one or two parents and children
        member_ids = []
        parents = 1 + (rng.random() < 0.6)
        size = rng.randint(max(2, parents + 1), 7)
        for m in range(size):
            is_parent = m < parents
            age = rng.randint(24, 52) if is_parent else rng.randint(0, 17)
            birth = today - dt.timedelta(days=age * 365 + rng.randint(0, 364))
            member = fam_service.add_member(
                fid,
                name=f"{rng.choice(PARENT_NAMES if is_parent else CHILD_NAMES)} {surname}",
                role=MemberRole.PARENT if is_parent else MemberRole.CHILD,
                date_of_birth=birth,
                bsn=fictional_bsn(rng) if rng.random() < 0.7 else None,
            )
            member_ids.append((member.id, is_parent))
        totals["members"] += size

        # hours: high at the start, falling as the family stabilises, with relapses
        weeks = (end - start).days // 7
        relapses = {rng.randint(8, max(9, weeks - 4)) for _ in range(rng.randint(1, 3))}
        peak = rng.uniform(8, 16) * 60
        for week in range(weeks + 1):
            level = peak * math.exp(-week / rng.uniform(18, 30)) + 45
            if any(0 <= week - r < 3 for r in relapses):
                level += peak * 0.6
            minutes_left = int(level * rng.uniform(0.6, 1.3))
            monday = start + dt.timedelta(days=7 * week)
            while minutes_left > 15:
                chunk = min(minutes_left, rng.choice((30, 45, 60, 90, 120, 180)))
                day = monday + dt.timedelta(days=rng.randint(0, 4))
                if day > end:
                    break
                activity = rng.choices(
                    tuple(Activity),  # home visit, phone, network meeting, travel, admin, crisis
                    weights=(45, 15, 10, 15, 10, 5 if week in relapses else 1),
                )[0]
                if hours.minutes_on(day) + chunk <= 600:
                    hours.add_entry(fid, date=day, minutes=chunk, activity=activity)
                    totals["hours"] += 1
                minutes_left -= chunk

        # involved parties: many at the start, fewer as the plan takes hold
        count = rng.randint(5, 25)
        chosen = rng.sample(ORGANISATIONS, k=min(count, len(ORGANISATIONS)))
        while len(chosen) < count:
            chosen.append(rng.choice(ORGANISATIONS))
        span = (end - start).days
        party_ids = []
        for org, role in chosen:
            begin = start - dt.timedelta(days=rng.randint(0, 200))
            keeps = rng.random() < 0.2
            until = None if keeps else start + dt.timedelta(days=int(span * rng.random() ** 1.5))
            if until is not None and until > today:
                until = None
            party = network.add_party(
                fid,
                organisation=org,
                role=role,
                person=f"{rng.choice(PARENT_NAMES)} {rng.choice(SURNAMES)}",
                phone=f"06-{rng.randint(10_000_000, 99_999_999)}",
                involved_from=begin,
                involved_until=until,
            )
            party_ids.append(party.id)
            for _ in range(rng.randint(1, 4)):
                last = min(until or today, today)
                when = max(begin, start) + dt.timedelta(
                    days=rng.randint(0, max(0, (last - max(begin, start)).days))
                )
                network.add_contact(
                    fid,
                    party_id=party.id,
                    date=min(when, today),
                    mode=rng.choice(tuple(ContactMode)),
                    summary=f"Afstemming met {role} over de voortgang.",
                )
        totals["parties"] += count

        # ZRM: household at intake, every ~six months and at the end; parents per person
        moments = [start + dt.timedelta(days=14)]
        while moments[-1] + dt.timedelta(days=180) < end:
            moments.append(moments[-1] + dt.timedelta(days=180))
        base = {d: rng.randint(1, 3) for d in HOUSEHOLD_DOMAINS}
        person_base = {d: rng.randint(1, 3) for d in PERSON_DOMAINS}
        for i, when in enumerate(moments):
            moment = Moment.INTAKE if i == 0 else Moment.INTERIM
            if closed and i == len(moments) - 1 and i > 0:
                moment = Moment.FINAL
            progress = i / max(1, len(moments) - 1)
            assessments.add_assessment(
                fid,
                instrument="zrm_huishoudens",
                moment=moment,
                date=when,
                scores={
                    d: max(
                        1, min(5, round(s + progress * rng.uniform(0.5, 2.5) + rng.gauss(0, 0.4)))
                    )
                    for d, s in base.items()
                },
            )
            totals["assessments"] += 1
            for member_id, is_parent in member_ids:
                if not is_parent:
                    continue
                assessments.add_assessment(
                    fid,
                    instrument="zrm2010" if i == 0 and index % 3 == 0 else "zrm2017",
                    moment=moment,
                    date=when,
                    member_id=member_id,
                    scores=_person_scores(
                        rng, person_base, progress, old=i == 0 and index % 3 == 0
                    ),
                )
                totals["assessments"] += 1

        # the plan: goals in the family's words, agreements with owners
        goal_ids = []
        for domain, text in rng.sample(GOALS, k=rng.randint(3, 6)):
            goal = plan.add_goal(
                fid,
                domain=domain,
                text=text,
                target_date=start + dt.timedelta(days=rng.randint(120, 600)),
            )
            goal_ids.append(goal.id)
            outcome = rng.random()
            if outcome < 0.45:
                plan.update_goal(goal.id, status=GoalStatus.REACHED)
            elif outcome < 0.85:
                plan.update_goal(
                    goal.id, status=GoalStatus.IN_PROGRESS, attainment=rng.randint(10, 80)
                )
        for text in rng.sample(AGREEMENTS, k=rng.randint(3, 7)):
            owner = rng.choice(tuple(AgreementOwner))
            due = today + dt.timedelta(days=rng.randint(-60, 45))
            agreement = plan.add_agreement(
                fid,
                text=text,
                owner=owner,
                due_date=due,
                goal_id=rng.choice(goal_ids),
                party_id=rng.choice(party_ids) if owner == AgreementOwner.PARTY else None,
            )
            if due < today and rng.random() < 0.7:
                plan.complete_agreement(agreement.id, min(due + dt.timedelta(days=3), today))

        # notes, some edited into several revisions
        for n in range(rng.randint(4, 9)):
            visit = start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))
            topic = rng.choice(NOTE_TOPICS)
            written[0] = dt.datetime.combine(
                visit, dt.time(15, clock_rng.randrange(60)), tzinfo=dt.UTC
            )
            note, revision = notes.add_note(
                fid,
                title=f"{topic} {visit:%d-%m-%Y}",
                visit_date=visit,
                body=f"{topic}. Besproken: voortgang op de doelen, afspraken voor de komende "
                f"weken. Het gezin geeft aan dat het {rng.choice(('beter', 'wisselend', 'zwaar'))} "
                "gaat.",
            )
            for r in range(n % 3):
                written[0] += dt.timedelta(minutes=30 + clock_rng.randrange(120))
                revision = notes.revise_note(
                    note.id,
                    body=revision.body + f"\nAanvulling {r + 1}: afspraak nagebeld.",
                    parent_id=revision.id,
                )

        if closed:
            fam_service.close_family(
                fid,
                end_date=end,
                reason=rng.choice((ClosureReason.GOALS_REACHED, ClosureReason.DROPOUT)),
            )
    store.set_meta("demo_seed", str(seed))
    return DemoSummary(
        families, totals["members"], totals["hours"], totals["parties"], totals["assessments"]
    )


def _person_scores(
    rng: random.Random, base: dict[str, int], progress: float, *, old: bool
) -> dict[str, int]:
    old_codes = {
        "financien": "z10_financien",
        "geestelijke_gezondheid": "z10_geestelijke_gezondheid",
        "middelengebruik": "z10_verslaving",
        "werk_opleiding": "z10_dagbesteding",
        "sociaal_netwerk": "z10_sociaal_netwerk",
    }
    scores = {}
    for domain, start in base.items():
        value = max(1, min(5, round(start + progress * rng.uniform(0.5, 2.5) + rng.gauss(0, 0.4))))
        scores[old_codes[domain] if old else domain] = value
    return scores
