"""Verslagen: notes with their revision history. Typed text is saved as a draft as you type."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QDate, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain.models import Note, NoteRevision
from ...services import Services
from ...services.notes import MergeProposal
from ..format import date_text
from .base import FamilyTab, add_rows, date_edit, date_of, refusing, relabel
from .drafts import (
    Draft,
    NewDraft,
    discard_draft,
    draft_key,
    load_draft,
    new_draft_key,
    new_drafts,
    store_draft,
)
from .merge_dialog import MergeDialog

DRAFT_DELAY_MS = 400
DRAFT_ROLE = 257  # Qt.UserRole + 1: a list item's concept key (a saved note's id is at 256)


@dataclass
class NoteList:
    notes: list[Note]
    drafts: list[NewDraft]
    statements: dict[str, str] = dataclasses.field(default_factory=dict)  # the client's


def load_list(s: Services, family_id: str) -> NoteList:
    return NoteList(
        s.notes.list_notes(family_id), new_drafts(s, family_id), s.corrections.statements(family_id)
    )


@dataclass
class NoteDetail:
    note: Note
    history: list[NoteRevision]
    heads: list[NoteRevision]
    draft: Draft | None


class NotesTab(FamilyTab):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.list = QListWidget()
        self.new_button = QPushButton()
        self.title = QLineEdit()
        self.visit_date = date_edit("", self.context.today())
        self.body = QPlainTextEdit()
        self.body.setTabChangesFocus(True)  # Tab reaches "Verslag opslaan"; a note needs no tabs
        self.save_button = QPushButton()
        self.draft_state = QLabel()
        self.draft_text: Callable[[], str] = str  # what draft_state says, in the language now
        self.conflict = QLabel()
        self.conflict.setWordWrap(True)
        self.conflict.setStyleSheet("color: #a40000")
        self.merge_button = QPushButton()
        self.merge_button.setVisible(False)
        self.history = QListWidget()
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.current: NoteDetail | None = None
        self.new_key: str | None = None  # the draft of the new note in the editor, once typed
        self.drafts: list[NewDraft] = []
        self.first_list = True  # the first list shown puts the last concept back in the editor
        self.discard_button = QPushButton()
        self.merge_dialog: MergeDialog | None = None
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.timeout.connect(self.save_draft)
        left = QVBoxLayout()
        left.addWidget(self.new_button)
        left.addWidget(self.list)
        self.form = QFormLayout()
        add_rows(self.form, self.title, self.visit_date)
        editor = QWidget()
        editor_layout = QVBoxLayout(editor)
        editor_layout.addLayout(self.form)
        conflict_row = QHBoxLayout()
        conflict_row.addWidget(self.conflict, 1)
        conflict_row.addWidget(self.merge_button)
        editor_layout.addLayout(conflict_row)
        editor_layout.addWidget(self.body, 1)
        row = QHBoxLayout()
        row.addWidget(self.draft_state, 1)
        row.addWidget(self.discard_button)
        row.addWidget(self.save_button)
        editor_layout.addLayout(row)
        versions = QWidget()
        versions_layout = QVBoxLayout(versions)
        self.versions_label = QLabel()
        versions_layout.addWidget(self.versions_label)
        versions_layout.addWidget(self.history, 1)
        versions_layout.addWidget(self.preview, 2)
        splitter = QSplitter()
        left_widget = QWidget()
        left_widget.setLayout(left)
        splitter.addWidget(left_widget)
        splitter.addWidget(editor)
        splitter.addWidget(versions)
        splitter.setSizes([300, 500, 260])
        QVBoxLayout(self).addWidget(splitter)
        self.new_button.clicked.connect(self.new_note)
        self.list.currentItemChanged.connect(self._picked)
        self.history.currentItemChanged.connect(self._picked_revision)
        self.body.textChanged.connect(self._typed)
        self.title.textChanged.connect(self._typed)
        self.save_button.clicked.connect(self.save)
        self.discard_button.clicked.connect(self.discard_new)
        self.merge_button.clicked.connect(self.open_merge)
        self.retranslate()

    def retranslate(self) -> None:
        self.list.setAccessibleName(self.tr("Verslagen"))
        self.new_button.setText(self.tr("Ni&euw verslag"))
        self.title.setAccessibleName(self.tr("Titel van het verslag"))
        self.visit_date.setAccessibleName(self.tr("Datum van het bezoek"))
        self.body.setAccessibleName(self.tr("Tekst van het verslag"))
        self.save_button.setText(self.tr("Verslag opsl&aan"))
        self.discard_button.setText(self.tr("Concept &weggooien"))
        self.merge_button.setText(self.tr("Versies &samenvoegen..."))
        self.history.setAccessibleName(self.tr("Versies van het verslag"))
        self.preview.setAccessibleName(self.tr("Tekst van de gekozen versie"))
        relabel(self.form, self.title, self.tr("&Titel:"))
        relabel(self.form, self.visit_date, self.tr("Be&zoekdatum:"))
        self.versions_label.setText(self.tr("Versies"))
        self._say(self.draft_text)
        self._show_conflict()
        self._show_discard()
        self._label_drafts()

    def _say(self, text: Callable[[], str]) -> None:
        """Show the draft's state; kept as a function to say it again in another language."""
        self.draft_text = text
        self.draft_state.setText(text())

    def _show_conflict(self) -> None:
        both = self.current is not None and len(self.current.heads) > 1
        self.conflict.setText(
            self.tr(
                "Dit verslag is op twee plaatsen tegelijk gewijzigd. Beide versies zijn "
                "bewaard; voeg ze samen."
            )
            if both
            else ""
        )
        self.merge_button.setVisible(both)

    # --- loading -----------------------------------------------------------

    def refresh(self) -> None:
        family_id = self.family_id
        self.load(lambda s: load_list(s, family_id), self.show_list)

    def _draft_label(self, draft: NewDraft) -> str:
        what = draft.title.strip() or " ".join(draft.body.split())[:60] or "..."
        return self.tr("concept · {0}").format(what)

    def _label_drafts(self) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            key = item.data(DRAFT_ROLE)
            draft = next((d for d in self.drafts if d.key == key), None)
            if draft is not None:
                item.setText(self._draft_label(draft))

    def show_list(self, data: NoteList) -> None:
        keep = self.current.note.id if self.current else None
        self.drafts = data.drafts
        self.list.blockSignals(True)
        self.list.clear()
        for draft in data.drafts:  # the unsaved new notes first, each its own "concept"
            item = QListWidgetItem(self._draft_label(draft))
            item.setToolTip(draft.title)
            item.setData(DRAFT_ROLE, draft.key)
            font = item.font()
            font.setItalic(True)
            item.setFont(font)
            self.list.addItem(item)
            if keep is None and draft.key == self.new_key:
                self.list.setCurrentItem(item)
        for note in data.notes:
            item = QListWidgetItem(f"{date_text(note.visit_date)}  {note.title}".strip())
            item.setToolTip(note.title)  # a long title is cut off in the list
            item.setData(256, note.id)
            if statement := data.statements.get(note.id):
                item.setText(item.text() + self.tr(" (verklaring)"))
                item.setToolTip(self.tr("{0}\nVerklaring van de cliënt: {1}").format(
                    note.title, statement))  # fmt: skip
            self.list.addItem(item)
            if note.id == keep:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        empty = not self.body.toPlainText() and not self.title.text()
        first, self.first_list = self.first_list, False
        if first and keep is None and self.new_key is None and data.drafts and empty:
            self._open_draft(data.drafts[0])  # what was typed last, back in the editor
        self._show_discard()

    def _open_draft(self, draft: NewDraft) -> None:
        self.current = None
        self.new_key = draft.key
        self._set_editor(draft.title, draft.body)
        self.history.clear()
        self.preview.clear()
        self._show_conflict()
        self._say(lambda: self.tr("Concept teruggezet."))
        for row in range(self.list.count()):
            if self.list.item(row).data(DRAFT_ROLE) == draft.key:
                self.list.blockSignals(True)
                self.list.setCurrentRow(row)
                self.list.blockSignals(False)
        self._show_discard()

    def _show_discard(self) -> None:
        """'Concept weggooien' for a new note that has a draft (thrown away by choice only)."""
        self.discard_button.setVisible(self.current is None and self.new_key is not None)

    def _picked(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        self.flush_draft()
        key = item.data(DRAFT_ROLE)
        if key:
            draft = next((d for d in self.drafts if d.key == key), None)
            if draft is not None:
                self._open_the_draft_as_saved(draft)
            return
        self.new_key = None
        family_id, note_id = self.family_id, str(item.data(256))

        def work(s: Services) -> NoteDetail:
            detail = NoteDetail(
                s.notes.get_note(note_id),
                s.notes.list_revisions(note_id),
                s.notes.list_heads(note_id),
                load_draft(s, draft_key(family_id, note_id)),
            )
            s.audit.log_note_read(family_id, note_id)
            return detail

        self.load(work, self.show_note)

    def _open_the_draft_as_saved(self, draft: NewDraft) -> None:
        """A concept picked in the list: as last saved, with what was typed since."""
        key = draft.key

        def then(loaded: Draft | None) -> None:
            if loaded is not None:
                draft.title, draft.body = loaded.title or "", loaded.body or ""
            self._open_draft(draft)

        self.load(lambda s: load_draft(s, key), then)

    def show_note(self, detail: NoteDetail) -> None:
        self.current = detail
        self.new_key = None
        latest, draft = detail.heads[-1], detail.draft or Draft(None, None)
        self._set_editor(
            detail.note.title if draft.title is None else draft.title,
            latest.body if draft.body is None else draft.body,
        )
        if detail.note.visit_date is not None:
            day = detail.note.visit_date
            self.visit_date.setDate(QDate(day.year, day.month, day.day))
        self._say(lambda: self.tr("Concept teruggezet.") if detail.draft is not None else "")
        self._show_conflict()
        self._show_discard()
        self.history.clear()
        for revision in detail.history:
            local = revision.created_at.astimezone()
            item = QListWidgetItem(f"{date_text(local.date())} {local:%H:%M} · {revision.author}")
            item.setData(256, revision.body)
            self.history.addItem(item)

    def _picked_revision(self, item: QListWidgetItem | None) -> None:
        self.preview.setPlainText("" if item is None else str(item.data(256)))

    def _set_editor(self, title: str, body: str) -> None:
        for widget in (self.title, self.body):
            widget.blockSignals(True)
        self.title.setText(title)
        self.body.setPlainText(body)
        self.body.moveCursor(QTextCursor.MoveOperation.End)  # continue where the text ends
        for widget in (self.title, self.body):
            widget.blockSignals(False)

    # --- typing and drafts --------------------------------------------------

    def new_note(self) -> None:
        """An empty editor for another new note; the one being typed stays as its concept."""
        self.flush_draft()
        had_draft = self.new_key is not None or self.current is not None
        self.current = None
        self.new_key = None
        self.list.blockSignals(True)
        self.list.setCurrentRow(-1)
        self.list.blockSignals(False)
        self._set_editor("", "")
        self.history.clear()
        self.preview.clear()
        self._show_conflict()
        self._show_discard()
        self._say(str)
        self.title.setFocus()
        if had_draft:
            self._reload_list()  # the concept just left shows in the list

    def _reload_list(self) -> None:
        family_id = self.family_id
        self.load(lambda s: load_list(s, family_id), self.show_list)

    def discard_new(self) -> None:
        """Throw away the new note in the editor and its concept (the caseworker's choice)."""
        self._draft_timer.stop()
        key, self.new_key = self.new_key, None
        self._set_editor("", "")
        self._say(lambda: self.tr("Concept weggegooid."))
        self._show_discard()
        if key is not None:
            self.run(lambda s: discard_draft(s, key), lambda _: self._reload_list())

    def _typed(self) -> None:
        self._say(lambda: self.tr("Wijzigingen nog niet opgeslagen (concept bewaard)."))
        self._draft_timer.start(DRAFT_DELAY_MS)

    def save_draft(self) -> None:
        title, text = self.title.text(), self.body.toPlainText()
        if not text.strip() and not title.strip():
            return
        if self.current is not None:
            key = draft_key(self.family_id, self.current.note.id)
        else:
            if self.new_key is None:  # the first words of a new note: its own concept
                self.new_key = new_draft_key(self.family_id)
                self._show_discard()
            key = self.new_key
        self.run(lambda s: store_draft(s, key, title, text))

    def flush_draft(self) -> None:
        """Save what is typed now (before switching notes, locking or closing). The text of
        an open merge dialog, once changed, becomes the note's draft: after a lock it is
        back in the editor, and a new merge starts from it."""
        if self._draft_timer.isActive():
            self._draft_timer.stop()
            self.save_draft()
        dialog = self.merge_dialog
        if dialog is None or not shiboken6.isValid(dialog) or not dialog.isVisible():
            return
        merged = dialog.text()
        if merged != dialog.proposal.text and merged.strip():
            key = draft_key(self.family_id, dialog.proposal.heads[0].note_id)
            self.run(lambda s: s.drafts.save_draft(key, merged))

    # --- saving -----------------------------------------------------------------

    def save_form(self) -> None:
        self.save()

    @refusing
    def save(self) -> None:
        self._draft_timer.stop()
        self.save_draft()  # kept first: a refused note (no title) keeps every word typed
        family_id, title, body = self.family_id, self.title.text(), self.body.toPlainText()
        detail, new_key, day = self.current, self.new_key, date_of(self.visit_date)

        def work(s: Services) -> str:
            if detail is None:
                note, _ = s.notes.add_note(family_id, title=title, body=body, visit_date=day)
                if new_key is not None:
                    discard_draft(s, new_key)
                return note.id
            # from the version shown: a newer one that arrived meanwhile stays as a second head
            s.notes.revise_note(
                detail.note.id, body=body, parent_id=detail.heads[-1].id, title=title or None
            )
            discard_draft(s, draft_key(family_id, detail.note.id))
            return detail.note.id

        def done(note_id: str) -> None:
            if self.new_key == new_key:
                self.new_key = None
            self._say(lambda: self.tr("Opgeslagen."))
            self._reload(note_id)

        self.run(work, done)

    # --- merging two versions ---------------------------------------------------------

    def open_merge(self) -> None:
        detail = self.current
        if detail is None:
            return
        self._draft_timer.stop()
        note_id, family_id, shown = detail.note.id, self.family_id, detail.heads[-1]
        typed = self.body.toPlainText()

        def work(s: Services) -> MergeProposal:
            if typed != shown.body and typed.strip():  # what was typed becomes a version too
                s.notes.revise_note(note_id, body=typed, parent_id=shown.id)
                discard_draft(s, draft_key(family_id, note_id))
            return s.notes.merge_proposal(note_id)

        self.load(work, self._show_merge)

    def _show_merge(self, proposal: MergeProposal) -> None:
        dialog = MergeDialog(proposal, self)
        self.merge_dialog = dialog
        note_id, family_id = proposal.heads[0].note_id, self.family_id

        def save() -> None:
            body, parents = dialog.text(), dialog.parent_ids()

            def work(s: Services) -> str:
                s.notes.merge_revisions(note_id, body=body, parent_ids=parents)
                discard_draft(s, draft_key(family_id, note_id))
                return note_id

            def retry(error: BaseException) -> None:
                dialog.open()  # the merged text is still in it
                self.failed(error)

            self.run(work, self._merged, retry)

        dialog.accepted.connect(save)
        dialog.rejected.connect(lambda: self._reload(note_id))  # typed text may be a version now
        dialog.open()

    def _merged(self, note_id: str) -> None:
        self._say(lambda: self.tr("Versies samengevoegd en opgeslagen."))
        self._reload(note_id)

    def _reload(self, note_id: str) -> None:
        family_id = self.family_id

        def then(data: NoteList) -> None:
            self.current = None
            self.show_list(data)
            for row in range(self.list.count()):
                if self.list.item(row).data(256) == note_id:
                    self.list.setCurrentRow(row)

        self.load(lambda s: load_list(s, family_id), then)
