"""Gezinsplan: the family plan to sign at the kitchen table, in plain language."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Table, TableStyle

from ..clock import utc_now
from ..domain.instruments import domain_name, domain_rank
from ..domain.vocabulary import AgreementOwner, GoalStatus, MemberRole
from .document import (
    CONTENT_WIDTH,
    RULE,
    Document,
    Letterhead,
    gap,
    heading,
    no_data,
    styles,
    subheading,
    table,
    text,
    together,
)
from .fonts import FAMILY
from .inputs import Party, PlanAgreement, PlanInput
from .statements import statements_section
from .words import Words

SIGNING_ROLES = (MemberRole.PARENT, MemberRole.CARER)


def title(words: Words) -> str:
    return words("Gezinsplan", "Family plan")


def plan_document(
    plan: PlanInput,
    *,
    words: Words,
    letterhead: Letterhead | None = None,
    printed_at: dt.datetime | None = None,
) -> Document:
    s = styles()
    today = (printed_at or utc_now()).astimezone().date()
    flowables: list[Flowable] = [
        text(f"{title(words)} – {plan.family}", s.title),
        text(
            words(
                f"Dit is het plan van {plan.family}. Hierin staat wat we samen willen bereiken, "
                "wie wat doet en wanneer we samen bekijken hoe het gaat.",
                f"This is the plan of {plan.family}. It says what we want to achieve together, "
                "who does what, and when we look together at how it is going.",
            )
        ),
        gap(),
        _facts(plan, words, today),
        *_members(plan, words),
        *_goals(plan, words),
        *_agreements(plan.agreements, words),
        *statements_section(plan.statements, words),
        *_parties(plan.parties, words),
        heading(words("Volgende evaluatie", "Next evaluation")),
        text(
            words(
                f"We bekijken dit plan samen opnieuw op {words.long_date(plan.evaluation_date)}.",
                f"We review this plan together on {words.long_date(plan.evaluation_date)}.",
            )
            if plan.evaluation_date
            else words(
                "De datum van de volgende evaluatie spreken we samen af.",
                "We agree on the date of the next evaluation together.",
            )
        ),
        *_signatures(plan, words),
    ]
    return Document.of(words, title(words), plan.family, flowables, letterhead, printed_at)


def _facts(plan: PlanInput, words: Words, today: dt.date) -> Table:
    s = styles()
    rows = [
        (words("Gezin", "Family"), plan.family),
        (words("Regisseur", "Caseworker"), plan.caseworker),
        (words("Datum van dit plan", "Date of this plan"), words.date(today)),
        (words("Begeleiding gestart", "Support started"), words.date(plan.start_date)),
        (words("Volgende evaluatie", "Next evaluation"), words.date(plan.evaluation_date)),
    ]
    data = [[text(k, s.cell_bold), text(v, s.cell)] for k, v in rows]
    facts = Table(data, colWidths=[0.3 * CONTENT_WIDTH, 0.7 * CONTENT_WIDTH], hAlign="LEFT")
    facts.setStyle(
        TableStyle([("FONTNAME", (0, 0), (-1, -1), FAMILY), ("TOPPADDING", (0, 0), (-1, -1), 1)])
    )
    return facts


def _members(plan: PlanInput, words: Words) -> list[Flowable]:
    if not plan.members:
        return []
    rows = [(m.name, MemberRole(m.role).label(words.language)) for m in plan.members]
    return [
        heading(words("Het gezin", "The family")),
        table([words("Naam", "Name"), words("Rol", "Role")], rows, (0.6, 0.4)),
    ]


def _goals(plan: PlanInput, words: Words) -> list[Flowable]:
    out: list[Flowable] = [heading(words("Onze doelen", "Our goals"))]
    if not plan.goals:
        return [*out, no_data(words("Er zijn nog geen doelen.", "There are no goals yet."))]
    header = [
        words("Doel", "Goal"),
        words("Voor wie", "For whom"),
        words("Streefdatum", "Target date"),
        words("Hoe staat het", "Status"),
    ]
    goals = sorted(plan.goals, key=lambda g: domain_rank(g.domain))
    for domain, group in groupby(goals, key=lambda g: g.domain):
        rows = [
            (
                g.text,
                g.concerns or words("het hele gezin", "the whole family"),
                words.date(g.target_date),
                _goal_status(g.status, g.attainment, words),
            )
            for g in group
        ]
        out += [
            subheading(domain_name(domain, words.language)),
            table(header, rows, (0.46, 0.2, 0.15, 0.19)),
        ]
    return out


def _goal_status(status: str, attainment: int | None, words: Words) -> str:
    label = GoalStatus(status).label(words.language)
    if status == GoalStatus.IN_PROGRESS and attainment is not None:
        return f"{label} ({attainment}%)"
    return label


def owner_label(agreement: PlanAgreement, words: Words) -> str:
    if agreement.owner == AgreementOwner.PARTY and agreement.party:
        return agreement.party
    if agreement.owner == AgreementOwner.FAMILY:
        return words("het gezin", "the family")
    if agreement.owner == AgreementOwner.CASEWORKER:
        return words("de regisseur", "the caseworker")
    return AgreementOwner(agreement.owner).label(words.language)


def _agreements(agreements: tuple[PlanAgreement, ...], words: Words) -> list[Flowable]:
    out: list[Flowable] = [heading(words("Afspraken", "Agreements"))]
    if not agreements:
        return [*out, no_data(words("Er zijn geen afspraken.", "There are no agreements."))]
    rows = [
        (
            a.text,
            owner_label(a, words),
            words.date(a.due_date),
            words(f"klaar op {words.date(a.done_date)}", f"done on {words.date(a.done_date)}")
            if a.done
            else words("nog te doen", "to do"),
        )
        for a in agreements
    ]
    header = [
        words("Wat", "What"),
        words("Wie", "Who"),
        words("Uiterlijk", "By"),
        words("Klaar", "Done"),
    ]
    return [*out, table(header, rows, (0.44, 0.22, 0.14, 0.2))]


def party_contact(party: Party) -> str:
    return " · ".join(v for v in (party.phone, party.email) if v)


def _parties(parties: tuple[Party, ...], words: Words) -> list[Flowable]:
    out: list[Flowable] = [heading(words("Wie helpen er mee", "Who is helping"))]
    if not parties:
        return [
            *out,
            no_data(words("Er zijn nu geen andere hulpverleners.", "No other helpers right now.")),
        ]
    rows = [(p.organisation, p.person or "–", p.role, party_contact(p) or "–") for p in parties]
    header = [
        words("Organisatie", "Organisation"),
        words("Contactpersoon", "Contact"),
        words("Rol", "Role"),
        words("Bereikbaar", "Reachable at"),
    ]
    return [*out, table(header, rows, (0.3, 0.22, 0.2, 0.28))]


def _signatures(plan: PlanInput, words: Words) -> list[Flowable]:
    role = words("ouder/verzorger", "parent/carer")
    signers = [f"{m.name} ({role})" for m in plan.members if m.role in SIGNING_ROLES]
    signers = signers or [words("Ouder of verzorger", "Parent or carer")]
    blocks = [*signers, f"{plan.caseworker} ({words('regisseur', 'caseworker')})"]
    s = styles()
    cells = []
    for signer in blocks:
        cells.append(
            [
                text(signer, s.cell_bold),
                text(words("Handtekening", "Signature"), s.muted),
                gap(1.2 * cm),
                text(words("Datum en plaats", "Date and place"), s.muted),
                gap(0.6 * cm),
            ]
        )
    rows = [cells[i : i + 2] for i in range(0, len(cells), 2)]
    if len(rows[-1]) == 1:
        rows[-1].append([])
    grid = Table(rows, colWidths=[0.5 * CONTENT_WIDTH] * 2, hAlign="LEFT")
    grid.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.6, RULE),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0.6 * cm),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    agreed = text(
        words(
            "Met onze handtekening laten we zien dat we dit plan samen hebben gemaakt en dat we "
            "ons inzetten voor de doelen en afspraken.",
            "With our signatures we show that we made this plan together and that we commit "
            "to its goals and agreements.",
        )
    )
    return [together(heading(words("Ondertekening", "Signatures")), agreed, gap(), grid)]
