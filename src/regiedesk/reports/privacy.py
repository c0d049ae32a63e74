"""Inzage in de audittrail: for one client and a period, who saw or changed what, when,
from which device: the privacy officer's report, from the server's central trail.

It prints the trail's fields only (event, moment, account, on whose behalf, device,
records): the records are named by their ids, never by their contents.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from reportlab.platypus import Flowable

from ..sync.protocol import TrailEvent
from .document import Document, Letterhead, gap, no_data, styles, table, text
from .words import Words

EVENT_WORDS = {
    "create": ("aangemaakt", "created"),
    "read": ("ingezien", "viewed"),
    "update": ("gewijzigd", "changed"),
    "delete": ("verwijderd", "deleted"),
    "print": ("afgedrukt", "printed"),
    "export": ("geëxporteerd", "exported"),
    "search": ("gezocht", "searched"),
    "transfer": ("gesynchroniseerd", "synchronised"),
    "destroy": ("vernietigd", "destroyed"),
}


def title(words: Words) -> str:
    return words("Wie zag of wijzigde wat", "Who saw or changed what")


def event_word(words: Words, event: str) -> str:
    nl, en = EVENT_WORDS.get(event, (event, event))
    return words(nl, en)


def privacy_document(
    client: str,
    start: dt.date,
    end: dt.date,
    events: Sequence[TrailEvent],
    *,
    words: Words,
    letterhead: Letterhead | None = None,
    printed_at: dt.datetime | None = None,
) -> Document:
    s = styles()
    flowables: list[Flowable] = [
        text(title(words), s.title),
        text(words("Cliënt (gezin) ", "Client (family) ") + client, s.muted),
        text(words.period(start, end), s.muted),
        gap(),
    ]
    if not events:
        flowables.append(
            no_data(words("Geen gebeurtenissen in deze periode.", "No events in this period."))
        )
    else:
        header = [
            words("Moment (UTC)", "Time (UTC)"), words("Handeling", "Action"),
            words("Gebruiker", "User"), words("Namens", "On behalf of"),
            words("Apparaat", "Device"), words("Gegevens", "Records"),
        ]  # fmt: skip
        rows = [
            [
                e["at"].replace("T", " ").removesuffix("Z")[:19],
                event_word(words, e["event"]),
                e["account"] + ("" if e["user"] == e["account"] else f" ({e['user']})"),
                e["responsible_user"],
                e["device_name"] or e["device_id"],
                "\n".join(json.loads(e["objects"]) or ["–"]),
            ]
            for e in events
        ]
        flowables.append(table(header, rows, [0.15, 0.12, 0.14, 0.12, 0.15, 0.32]))
        flowables.append(gap())
        flowables.append(
            text(words(f"{len(events)} gebeurtenissen.", f"{len(events)} events."), s.muted)
        )
    return Document.of(words, title(words), client, flowables, letterhead, printed_at)
