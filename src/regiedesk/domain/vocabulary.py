"""The fixed lists of the domain, with their Dutch and English labels.

Stored values are the Dutch codes of the design (the vocabulary caseworkers
use); labels are for display.
"""

from __future__ import annotations

from enum import StrEnum

from ..i18n import Language, current_language


class Labelled(StrEnum):
    """An enum whose members carry a Dutch and an English label."""

    def label(self, language: Language | None = None) -> str:
        nl, en = _LABELS[self]
        return en if (language or current_language()) == "en" else nl


class FamilyStatus(Labelled):
    REGISTERED = "aangemeld"
    ACTIVE = "actief"
    CLOSED = "afgesloten"


class ClosureReason(Labelled):
    GOALS_REACHED = "doelen_behaald"
    DROPOUT = "uitval"
    MOVED = "verhuisd"
    TRANSFERRED = "overgedragen"
    REFERRED = "doorverwezen"
    OTHER = "anders"


class MemberRole(Labelled):
    PARENT = "ouder"
    CARER = "verzorger"
    CHILD = "kind"
    OTHER = "anders"


class Activity(Labelled):
    HOME_VISIT = "huisbezoek"
    PHONE = "telefonisch_contact"
    NETWORK_MEETING = "netwerkoverleg"
    TRAVEL = "reistijd"
    ADMIN = "administratie"
    CRISIS = "crisisinterventie"


class Moment(Labelled):
    INTAKE = "intake"
    INTERIM = "tussenmeting"
    FINAL = "eindmeting"


class ContactMode(Labelled):
    HOME_VISIT = "huisbezoek"
    PHONE = "telefoon"
    MAIL = "mail"
    MEETING = "overleg"


class GoalStatus(Labelled):
    OPEN = "open"
    IN_PROGRESS = "lopend"
    REACHED = "behaald"
    NOT_REACHED = "niet_behaald"
    DROPPED = "vervallen"


class AgreementOwner(Labelled):
    FAMILY = "gezin"
    CASEWORKER = "regisseur"
    PARTY = "betrokkene"


_LABELS: dict[Labelled, tuple[str, str]] = {
    FamilyStatus.REGISTERED: ("Aangemeld", "Registered"),
    FamilyStatus.ACTIVE: ("Actief", "Active"),
    FamilyStatus.CLOSED: ("Afgesloten", "Closed"),
    ClosureReason.GOALS_REACHED: ("Doelen behaald", "Goals reached"),
    ClosureReason.DROPOUT: ("Uitval", "Dropout"),
    ClosureReason.MOVED: ("Verhuisd", "Moved away"),
    ClosureReason.TRANSFERRED: ("Overgedragen", "Transferred"),
    ClosureReason.REFERRED: ("Doorverwezen", "Referred"),
    ClosureReason.OTHER: ("Anders", "Other"),
    MemberRole.PARENT: ("Ouder", "Parent"),
    MemberRole.CARER: ("Verzorger", "Carer"),
    MemberRole.CHILD: ("Kind", "Child"),
    MemberRole.OTHER: ("Anders", "Other"),
    Activity.HOME_VISIT: ("Huisbezoek", "Home visit"),
    Activity.PHONE: ("Telefonisch contact", "Phone call"),
    Activity.NETWORK_MEETING: ("Netwerkoverleg", "Network meeting"),
    Activity.TRAVEL: ("Reistijd", "Travel"),
    Activity.ADMIN: ("Administratie", "Administration"),
    Activity.CRISIS: ("Crisisinterventie", "Crisis intervention"),
    Moment.INTAKE: ("Intake", "Intake"),
    Moment.INTERIM: ("Tussenmeting", "Interim measurement"),
    Moment.FINAL: ("Eindmeting", "Final measurement"),
    ContactMode.HOME_VISIT: ("Huisbezoek", "Home visit"),
    ContactMode.PHONE: ("Telefoon", "Phone"),
    ContactMode.MAIL: ("Mail", "Mail"),
    ContactMode.MEETING: ("Overleg", "Meeting"),
    GoalStatus.OPEN: ("Open", "Open"),
    GoalStatus.IN_PROGRESS: ("Lopend", "In progress"),
    GoalStatus.REACHED: ("Behaald", "Reached"),
    GoalStatus.NOT_REACHED: ("Niet behaald", "Not reached"),
    GoalStatus.DROPPED: ("Vervallen", "Dropped"),
    AgreementOwner.FAMILY: ("Gezin", "Family"),
    AgreementOwner.CASEWORKER: ("Regisseur", "Caseworker"),
    AgreementOwner.PARTY: ("Betrokkene", "Involved party"),
}
