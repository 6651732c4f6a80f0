"""What the call card shows beside the client on the line: the running training applications,
the open trajecten, the last three contacts and whom the client consented to share with.

Plain values through kept queries (decision 0010): the call screen shows them at every call,
and building the three querysets and their models cost more than running them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from koers.web.clients.choices import ContactOutcome, Recipient, TrajectStatus
from koers.web.clients.models import Consent, Contact, Traject
from koers.web.clients.queries import consent_holds
from koers.web.common.choice_labels import choice_label
from koers.web.common.kept_queries import KeptQuery
from koers.web.training.choices import ApplicationStatus, DeadlineKind
from koers.web.training.queries import running_applications_of

LAST_CONTACTS = 3


@dataclass(frozen=True, slots=True)
class CardApplication:
    pk: int
    course_title: str
    status: str
    deadline_on: datetime.date | None
    deadline_kind: str

    @property
    def status_label(self) -> str:
        return choice_label(ApplicationStatus, self.status)

    @property
    def deadline_label(self) -> str:
        return choice_label(DeadlineKind, self.deadline_kind)


@dataclass(frozen=True, slots=True)
class CardTraject:
    opdrachtgever: str
    order_number: str
    status: str
    ends: datetime.date | None

    def __str__(self) -> str:
        return Traject.label_of(self.opdrachtgever, self.order_number)

    @property
    def status_label(self) -> str:
        return choice_label(TrajectStatus, self.status)


@dataclass(frozen=True, slots=True)
class CardContact:
    at: datetime.datetime
    outcome: str
    summary: str
    next_action: str
    next_action_on: datetime.date | None
    callback_at: datetime.datetime | None

    @property
    def outcome_label(self) -> str:
        return choice_label(ContactOutcome, self.outcome)


_APPLICATIONS = KeptQuery(
    lambda client_id: running_applications_of(client_id).values_list(
        "pk", "course_title", "status", "deadline_on", "deadline_kind"
    )
)
_TRAJECTEN = KeptQuery(
    lambda client_id: (
        Traject.objects.open()
        .filter(client_id=client_id)
        .values_list("opdrachtgever__name", "order_number", "status", "ends")
    )
)
# The latest, newest first (Contact.Meta.ordering); the card shows no traject or author.
_CONTACTS = KeptQuery(
    lambda client_id: Contact.objects.filter(client_id=client_id).values_list(
        "at", "outcome", "summary", "next_action", "next_action_on", "callback_at"
    )[:LAST_CONTACTS]
)


_CONSENTS = KeptQuery(
    lambda client_id, today: Consent.objects.filter(
        consent_holds(today), client_id=client_id
    ).values_list("recipient", flat=True)
)


@dataclass(frozen=True, slots=True)
class CallCard:
    applications: list[CardApplication]
    trajecten: list[CardTraject]
    contacts: list[CardContact]
    # The recipients of the consents in force today, by name.
    consents: list[str]


def call_card(client_id: int, *, today: datetime.date) -> CallCard:
    return CallCard(
        applications=[CardApplication(*row) for row in _APPLICATIONS(client_id)],
        trajecten=[CardTraject(*row) for row in _TRAJECTEN(client_id)],
        contacts=[CardContact(*row) for row in _CONTACTS(client_id)],
        consents=sorted(
            {choice_label(Recipient, recipient) for recipient in _CONSENTS(client_id, today)}
        ),
    )
