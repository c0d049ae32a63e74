"""Inzage: everything the organisation holds about a family (or one member), readable:
per kind of record a table of its fields, then what was destroyed and who saw or changed
it. A client's correction request and own statement (``corrections``) is shown under the
record it is about, and again in its own list. Built from the server's access document
(``sync/server/access.py``)."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from reportlab.platypus import Flowable

from .document import Document, Letterhead, gap, heading, no_data, styles, subheading, table, text
from .privacy import event_word
from .statements import outcome_word
from .words import Words

if TYPE_CHECKING:
    from ..sync.protocol import AccessAnswer

KINDS = {
    "families": ("Gezin", "Family"), "members": ("Gezinsleden", "Members"),
    "hours": ("Uren", "Hours"), "timers": ("Bezoektimers", "Visit timers"),
    "assessments": ("Metingen", "Assessments"), "scores": ("Scores", "Scores"),
    "parties": ("Betrokkenen", "Parties"), "contacts": ("Contacten", "Contacts"),
    "goals": ("Doelen", "Goals"), "agreements": ("Afspraken", "Agreements"),
    "notes": ("Verslagen", "Notes"), "note_revisions": ("Versies van verslagen", "Note versions"),
    "corrections": ("Correctieverzoeken en verklaringen", "Correction requests and statements"),
}  # fmt: skip
_HIDDEN = frozenset({"deleted", "family_id"})


def title(words: Words) -> str:
    return words("Inzage in de gegevens", "Access to the records")


def access_pdf_document(
    answer: AccessAnswer,
    *,
    words: Words,
    letterhead: Letterhead | None = None,
    printed_at: dt.datetime | None = None,
) -> Document:
    s = styles()
    subject = answer["family"] + (f" / {answer['member']}" if answer.get("member") else "")
    flowables: list[Flowable] = [text(title(words), s.title), text(subject, s.muted), gap()]
    records: dict[str, list[dict[str, Any]]] = answer["records"]
    about: dict[str, list[dict[str, Any]]] = {}
    for correction in records.get("corrections", []):
        about.setdefault(str(correction.get("target_id")), []).append(correction)
    if not records:
        flowables.append(no_data(words("Er zijn geen gegevens.", "There are no records.")))
    for entity, rows in records.items():
        nl, en = KINDS.get(entity, (entity, entity))
        flowables.append(heading(words(nl, en)))
        for row in rows:
            flowables.append(subheading(str(row["id"])))
            pairs = [[k, _shown(v)] for k, v in row.items() if k not in _HIDDEN and k != "id"]
            fields = [words("Veld", "Field"), words("Waarde", "Value")]
            flowables.append(table(fields, pairs, [0.3, 0.7]))
            flowables += [beside(c, words) for c in about.get(str(row["id"]), [])]
    flowables.append(heading(words("Vernietigd", "Destroyed")))
    if answer["destroyed"]:
        header = [words("Wat", "What"), words("Wanneer", "When"), words("Door", "By"),
                  words("Reden", "Reason")]  # fmt: skip
        done = [
            [f"{d['kind']} {d['record_id']}", d["destroyed_at"][:19], d["by_user"], d["reason"]]
            for d in answer["destroyed"]
        ]
        flowables.append(table(header, done, [0.35, 0.2, 0.15, 0.3]))
    else:
        flowables.append(no_data(words("Niets.", "Nothing.")))
    flowables.append(heading(words("Wie zag of wijzigde wat", "Who saw or changed what")))
    header = [words("Moment", "Time"), words("Handeling", "Action"), words("Gebruiker", "User"),
              words("Apparaat", "Device")]  # fmt: skip
    seen = [
        [e["at"][:19], event_word(words, e["event"]), e["account"], e["device_id"]]
        for e in answer["trail"]
    ]
    flowables.append(table(header, seen, [0.25, 0.2, 0.2, 0.35]))
    return Document.of(words, title(words), subject, flowables, letterhead, printed_at)


def beside(correction: dict[str, Any], words: Words) -> Flowable:
    """A correction request under the record it is about: the request, what became of it
    and the client's own statement."""
    pairs = [
        [words("Verzoek van de cliënt", "The client's request"), _shown(correction.get("request"))],
        [
            words("Besluit", "Outcome"),
            f"{outcome_word(words, str(correction.get('outcome')))}"
            f" ({correction.get('requested_on')})",
        ],
    ]
    if correction.get("explanation"):
        pairs.append([words("Toelichting", "Explanation"), _shown(correction["explanation"])])
    if correction.get("statement"):
        pairs.append(
            [words("Verklaring van de cliënt", "The client's statement"), correction["statement"]]
        )
    header = [words("Correctieverzoek", "Correction request"), ""]
    return table(header, pairs, [0.3, 0.7])


def _shown(value: Any) -> str:
    if value is None:
        return "–"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
