"""The client's own statements (AVG art. 16, Jeugdwet) printed with the records a report
shows: each correction request about one of them, what became of it and the statement."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable

from ..domain.vocabulary import CorrectionOutcome
from .document import heading, styles, table, text
from .inputs import ClientStatement
from .words import Words

KIND = {
    "families": ("Gezin", "Family"), "members": ("Gezinslid", "Member"),
    "hours": ("Uren", "Hours"), "timers": ("Bezoektimer", "Visit timer"),
    "assessments": ("Meting", "Assessment"), "scores": ("Score", "Score"),
    "parties": ("Betrokkene", "Party"), "contacts": ("Contact", "Contact"),
    "goals": ("Doel", "Goal"), "agreements": ("Afspraak", "Agreement"),
    "notes": ("Verslag", "Note"), "note_revisions": ("Verslag", "Note"),
}  # fmt: skip


def outcome_word(words: Words, outcome: str) -> str:
    """The outcome's label (``CorrectionOutcome``) in the report's language; an unknown code
    as it is."""
    try:
        return CorrectionOutcome(outcome).label(words.language)
    except ValueError:
        return outcome


def statements_section(statements: Sequence[ClientStatement], words: Words) -> list[Flowable]:
    """A heading and a table of the statements; nothing when there are none."""
    if not statements:
        return []
    rows = [
        [
            f"{words(*KIND.get(s.kind, (s.kind, s.kind)))}: {s.about}",
            s.request,
            f"{outcome_word(words, s.outcome)} ({words.date(s.requested_on)})",
            s.statement or "–",
        ]
        for s in statements
    ]
    header = [words("Over", "About"), words("Verzoek", "Request"), words("Besluit", "Outcome"),
              words("Verklaring van de cliënt", "The client's statement")]  # fmt: skip
    intro = words(
        "Het gezin vroeg om deze gegevens te verbeteren. Waar een gegeven niet is gewijzigd, "
        "staat de eigen verklaring van het gezin ernaast.",
        "The family asked for these records to be corrected. Where a record was not changed, "
        "the family's own statement stands beside it.",
    )
    return [
        heading(words("Verklaringen van het gezin", "The family's own statements")),
        text(intro, styles().muted),
        table(header, rows, [0.25, 0.25, 0.15, 0.35]),
    ]
