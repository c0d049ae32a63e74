"""Read what a report prints from the services, into the typed inputs of ``inputs.py``.

Only reading happens here (on the database thread in the app); the audit event of a
print is written with the file, in ``output.write_report``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..domain.models import Agreement, Goal, InvolvedParty, Member
from ..domain.support_profiles import SupportProfiles, load_support_profiles
from ..domain.vocabulary import Field
from ..errors import ConfigError, ValidationError
from ..i18n import Language
from ..services import Services
from .inputs import (
    ClientStatement,
    DomainProgress,
    FamilyHours,
    HoursInput,
    HoursLine,
    IncludedNote,
    Party,
    Person,
    PlanAgreement,
    PlanGoal,
    PlanInput,
    ProgressInput,
    WeekTotal,
)


def check_period(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise ValidationError(
            Field.PERIOD,
            "Het einde van de periode ligt voor het begin. Kies een einddatum op of na de "
            "begindatum.",
            "The period ends before it starts. Choose an end date on or after the start date.",
        )


def _party(p: InvolvedParty) -> Party:
    return Party(
        organisation=p.organisation,
        role=p.role,
        involved_from=p.involved_from,
        person=p.person,
        phone=p.phone,
        email=p.email,
        involved_until=p.involved_until,
    )


def _goal(goal: Goal, members: dict[str, Member]) -> PlanGoal:
    member = members.get(goal.member_id) if goal.member_id else None
    return PlanGoal(
        domain=goal.domain,
        text=goal.text,
        status=goal.status,
        concerns=member.name if member else None,
        target_date=goal.target_date,
        attainment=goal.attainment,
    )


def _agreement(agreement: Agreement, parties: dict[str, InvolvedParty]) -> PlanAgreement:
    party = parties.get(agreement.party_id) if agreement.party_id else None
    party_name = None
    if party is not None:
        party_name = (
            f"{party.organisation} ({party.person})" if party.person else party.organisation
        )
    return PlanAgreement(
        text=agreement.text,
        owner=agreement.owner,
        party=party_name,
        due_date=agreement.due_date,
        done=agreement.done,
        done_date=agreement.done_date,
    )


PLAN_SHOWS = frozenset({"families", "members", "goals", "agreements", "parties"})
PROGRESS_SHOWS = frozenset({"families", "assessments", "scores", "parties", "goals", "agreements"})


def _statements(
    services: Services, family_id: str, kinds: frozenset[str], notes: Sequence[str] = ()
) -> tuple[ClientStatement, ...]:
    """The correction requests about records the report shows (of ``kinds``, or one of the
    included ``notes`` and their versions), with the record as it is now."""
    wanted = set(notes)
    if notes:
        marks = ", ".join("?" for _ in notes)
        wanted |= {
            str(r["id"])
            for r in services.store.query(
                f"SELECT id FROM note_revisions WHERE note_id IN ({marks})", tuple(notes)
            )
        }
    found = []
    for c in services.corrections.list_corrections(family_id):
        if c.target_entity not in kinds and c.target_id not in wanted:
            continue
        ref = services.corrections.describe(c.target_entity, c.target_id)
        if ref is not None:  # a record removed since is not in the report either
            found.append(
                ClientStatement(
                    c.target_entity, ref.label, c.request, c.outcome, c.requested_on, c.statement
                )
            )
    return tuple(found)


def gather_plan(services: Services, family_id: str) -> PlanInput:
    """The family plan as it stands today."""
    family = services.families.get_family(family_id)
    members = services.families.list_members(family_id)
    by_id = {m.id: m for m in members}
    all_parties = services.network.list_parties(family_id)
    today = services.plan.today()
    return PlanInput(
        family_id=family.id,
        family=family.name,
        caseworker=family.caseworker,
        members=tuple(Person(m.name, m.role) for m in members),
        goals=tuple(_goal(g, by_id) for g in services.plan.list_goals(family_id)),
        agreements=tuple(
            _agreement(a, {p.id: p for p in all_parties})
            for a in services.plan.list_agreements(family_id)
        ),
        parties=tuple(_party(p) for p in all_parties if p.active_on(today)),
        start_date=family.start_date,
        evaluation_date=family.evaluation_date,
        statements=_statements(services, family_id, PLAN_SHOWS),
    )


def gather_progress(
    services: Services,
    family_id: str,
    *,
    start: dt.date,
    end: dt.date,
    text: str = "",
    note_ids: Sequence[str] = (),
) -> ProgressInput:
    """The family's progress from ``start`` to ``end`` (both included), with the text the
    caseworker wrote for the report and the visit notes they chose to include."""
    check_period(start, end)
    family = services.families.get_family(family_id)
    members = services.families.list_members(family_id)
    by_id = {m.id: m for m in members}
    parties = services.network.list_parties(family_id)
    party_by_id = {p.id: p for p in parties}
    agreements = services.plan.list_agreements(family_id)
    notes = []
    for note_id in note_ids:
        note = services.notes.get_note(note_id)
        if note.family_id != family_id:
            raise ValidationError(
                Field.NOTE,
                "Dit verslag hoort niet bij dit gezin.",
                "This note does not belong to this family.",
            )
        notes.append(
            IncludedNote(note.title, note.visit_date, services.notes.latest_revision(note_id).body)
        )
    notes.sort(key=lambda n: (n.visit_date is None, n.visit_date or dt.date.min))
    return ProgressInput(
        family_id=family.id,
        family=family.name,
        caseworker=family.caseworker,
        start=start,
        end=end,
        domains=tuple(_domains(services, family_id, members, start, end)),
        intensity=tuple(
            WeekTotal(w.monday, w.minutes)
            for w in services.indicators.intensity_curve(family_id, start=start, end=end)
        ),
        parties_over_time=tuple(
            services.indicators.active_parties_over_time(family_id, start=start, end=end)
        ),
        parties=tuple(
            _party(p)
            for p in parties
            if p.involved_from <= end and (p.involved_until is None or p.involved_until >= start)
        ),
        goals=tuple(_goal(g, by_id) for g in services.plan.list_goals(family_id)),
        agreements_done=tuple(
            _agreement(a, party_by_id)
            for a in agreements
            if a.done and a.done_date is not None and start <= a.done_date <= end
        ),
        agreements_overdue=tuple(
            _agreement(a, party_by_id)
            for a in agreements
            if not a.done
            and a.due_date is not None
            and a.due_date < min(end, services.plan.today())
        ),
        text=text.strip(),
        notes=tuple(notes),
        support_profile=family.support_profile,
        intensity_level=family.intensity,
        statements=_statements(services, family_id, PROGRESS_SHOWS, note_ids),
    )


def _domains(
    services: Services, family_id: str, members: list[Member], start: dt.date, end: dt.date
) -> list[DomainProgress]:
    subjects: list[tuple[str | None, str | None]] = [(None, None)]
    subjects += [(m.id, m.name) for m in members]
    out = []
    for member_id, name in subjects:
        series = services.assessments.history_by_domain(family_id, member_id=member_id)
        for domain, points in series.items():
            inside = [p for p in points if start <= p.date <= end]
            if not inside:
                continue
            first, latest = inside[0], inside[-1]
            out.append(
                DomainProgress(
                    name, domain, first.score, first.date, latest.score, latest.date, len(inside)
                )
            )
    return out


def gather_hours(
    services: Services,
    *,
    start: dt.date,
    end: dt.date,
    family_ids: Sequence[str] | None = None,
    caseworker: str | None = None,
    language: Language = "nl",
    profiles: SupportProfiles | None = None,
) -> HoursInput:
    """Hours from ``start`` to ``end`` of the given families (default: every family with
    hours in the period) booked by ``caseworker`` (None: by anyone)."""
    check_period(start, end)
    config = profiles if profiles is not None else load_support_profiles()
    families = (
        [services.families.get_family(f) for f in family_ids]
        if family_ids is not None
        else services.families.list_families()
    )
    out = []
    for family in families:
        goals = {g.id: g.text for g in services.plan.list_goals(family.id)}
        lines = tuple(
            HoursLine(e.date, e.minutes, e.activity, e.domain, goals.get(e.goal_id or ""))
            for e in services.hours.list_entries(family.id, start=start, end=end)
            if caseworker is None or e.caseworker == caseworker
        )
        if not lines and family_ids is None:
            continue
        profile = config.profiles.get(family.support_profile or "")
        intensity = config.intensity_names.get(family.intensity or "")
        tariff = None
        if profile is not None and family.intensity:
            try:
                tariff = config.tariff_cents(profile.code, family.intensity)
            except ConfigError:
                tariff = None
        out.append(
            FamilyHours(
                family_id=family.id,
                family=family.name,
                lines=lines,
                support_profile=family.support_profile,
                support_profile_name=(profile.en if language == "en" else profile.nl)
                if profile
                else None,
                intensity=family.intensity,
                intensity_name=(intensity.en if language == "en" else intensity.nl)
                if intensity
                else None,
                tariff_cents=tariff,
            )
        )
    return HoursInput(caseworker=caseworker, start=start, end=end, families=tuple(out))
