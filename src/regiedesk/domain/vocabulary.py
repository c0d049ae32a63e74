"""The fixed lists of the domain, each member with its Dutch and English label.

Stored values are the Dutch codes of the design (the vocabulary caseworkers
use); labels are for display, in the interface language (``i18n.pick``).
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from ..i18n import Language, pick


class Labelled(StrEnum):
    """An enum whose members are written ``CODE = "value", "Dutch label", "English label"``."""

    nl: str
    en: str

    if TYPE_CHECKING:  # the value is the code alone, the labels are attributes

        @property
        def value(self) -> str: ...

    else:

        def __new__(cls, value: str, nl: str, en: str) -> Labelled:
            member = str.__new__(cls, value)
            member._value_ = value
            member.nl = nl
            member.en = en
            return member

    def label(self, language: Language | None = None) -> str:
        return pick(self.nl, self.en, language)


class FamilyStatus(Labelled):
    REGISTERED = "aangemeld", "Aangemeld", "Registered"
    ACTIVE = "actief", "Actief", "Active"
    CLOSED = "afgesloten", "Afgesloten", "Closed"


class ClosureReason(Labelled):
    GOALS_REACHED = "doelen_behaald", "Doelen behaald", "Goals reached"
    DROPOUT = "uitval", "Uitval", "Dropout"
    MOVED = "verhuisd", "Verhuisd", "Moved away"
    TRANSFERRED = "overgedragen", "Overgedragen", "Transferred"
    REFERRED = "doorverwezen", "Doorverwezen", "Referred"
    OTHER = "anders", "Anders", "Other"


class MemberRole(Labelled):
    PARENT = "ouder", "Ouder", "Parent"
    CARER = "verzorger", "Verzorger", "Carer"
    CHILD = "kind", "Kind", "Child"
    OTHER = "anders", "Anders", "Other"


class Activity(Labelled):
    HOME_VISIT = "huisbezoek", "Huisbezoek", "Home visit"
    PHONE = "telefonisch_contact", "Telefonisch contact", "Phone call"
    NETWORK_MEETING = "netwerkoverleg", "Netwerkoverleg", "Network meeting"
    TRAVEL = "reistijd", "Reistijd", "Travel"
    ADMIN = "administratie", "Administratie", "Administration"
    CRISIS = "crisisinterventie", "Crisisinterventie", "Crisis intervention"


class Moment(Labelled):
    INTAKE = "intake", "Intake", "Intake"
    INTERIM = "tussenmeting", "Tussenmeting", "Interim measurement"
    FINAL = "eindmeting", "Eindmeting", "Final measurement"


class ContactMode(Labelled):
    HOME_VISIT = "huisbezoek", "Huisbezoek", "Home visit"
    PHONE = "telefoon", "Telefoon", "Phone"
    MAIL = "mail", "Mail", "Mail"
    MEETING = "overleg", "Overleg", "Meeting"


class GoalStatus(Labelled):
    OPEN = "open", "Open", "Open"
    IN_PROGRESS = "lopend", "Lopend", "In progress"
    REACHED = "behaald", "Behaald", "Reached"
    NOT_REACHED = "niet_behaald", "Niet behaald", "Not reached"
    DROPPED = "vervallen", "Vervallen", "Dropped"


class TimerState(Labelled):
    RUNNING = "running", "Loopt", "Running"
    PAUSED = "paused", "Gepauzeerd", "Paused"
    STOPPED = "stopped", "Gestopt", "Stopped"


class AgreementOwner(Labelled):
    FAMILY = "gezin", "Gezin", "Family"
    CASEWORKER = "regisseur", "Regisseur", "Caseworker"
    PARTY = "betrokkene", "Betrokkene", "Involved party"


class CorrectionOutcome(Labelled):
    """What became of a client's request to correct a record (AVG art. 16): a factual error
    is corrected; a professional's view is not rewritten, the client's statement is kept
    beside it (Jeugdwet art. 7.3.10)."""

    PENDING = "in_behandeling", "In behandeling", "Pending"
    CORRECTED = "gecorrigeerd", "Gecorrigeerd", "Corrected"
    NOT_CHANGED = "niet_gewijzigd", "Niet gewijzigd", "Not changed"


class Field(Labelled):
    """A field a person fills in, named in a message about it (``ValidationError.field``)."""

    ACTIVITY = "activiteit", "activiteit", "activity"
    AGREEMENT = "afspraak", "afspraak", "agreement"
    ATTAINED = "behaald", "behaald", "attained"
    INVOLVED_UNTIL = "betrokken tot", "betrokken tot", "involved until"
    INVOLVED_FROM = "betrokken vanaf", "betrokken vanaf", "involved from"
    PARTY = "betrokkene", "betrokkene", "involved party"
    BSN = "bsn", "bsn", "BSN"
    DATE = "datum", "datum", "date"
    GOAL = "doel", "doel", "goal"
    DURATION = "duur", "duur", "duration"
    EMAIL = "e-mail", "e-mail", "email"
    OWNER = "eigenaar", "eigenaar", "owner"
    END_DATE = "einddatum", "einddatum", "end date"
    DATE_OF_BIRTH = "geboortedatum", "geboortedatum", "date of birth"
    MEMBER = "gezinslid", "gezinslid", "family member"
    DOMAIN = "leefgebied", "leefgebied", "life domain"
    CHANNEL = "manier", "manier", "channel"
    MINUTES = "minuten", "minuten", "minutes"
    MOMENT = "moment", "moment", "moment"
    NAME = "naam", "naam", "name"
    ORGANISATION = "organisatie", "organisatie", "organisation"
    PERSON = "persoon", "persoon", "person"
    REASON = "reden", "reden", "reason"
    CASEWORKER = "regisseur", "regisseur", "caseworker"
    REVISION = "revisie", "revisie", "revision"
    ROLE = "rol", "rol", "role"
    SUMMARY = "samenvatting", "samenvatting", "summary"
    SCORE = "score", "score", "score"
    SCORES = "scores", "scores", "scores"
    STATUS = "status", "status", "status"
    TARGET_DATE = "streefdatum", "streefdatum", "target date"
    PHONE = "telefoon", "telefoon", "phone"
    TIMER = "timer", "timer", "timer"
    TITLE = "titel", "titel", "title"
    REMARK = "toelichting", "toelichting", "note"
    DUE_DATE = "uiterlijk", "uiterlijk", "due date"
    NOTE = "verslag", "verslag", "note"
    FAMILY = "gezin", "gezin", "family"
    PERIOD = "periode", "periode", "period"
    TEXT = "tekst", "tekst", "text"
    FIGURES = "cijfers", "cijfers", "figures"
    REQUEST = "verzoek", "verzoek", "request"
    STATEMENT = "verklaring", "verklaring", "statement"
    OUTCOME = "besluit", "besluit", "outcome"
    RECORD = "gegeven", "gegeven", "record"
