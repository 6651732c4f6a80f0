"""The register of personal data: every model that holds data about a client, field by field.

Export, erasure and retention all read this one register, so that what Koers shows a
person is everything it holds and an erased person is gone everywhere. For each field it
says what erasure (and retention, which is erasure on a timer) does with it:

- ``BLANK``: a name, contact detail, note, summary, next action, employer, order or
  application number, reference or code of the person: emptied ("" or [] or NULL);
- ``KEEP``: a code, date, amount or link that no longer points to a person once the
  blanked fields are gone; reports keep counting them.

Every field is exported. ``tests/web/test_personal_data_register.py`` fails when a model
that leads to a client (through any chain of foreign keys) or one of its fields is missing
here: the next model that holds client data cannot be forgotten.
"""

from __future__ import annotations

import datetime
from typing import cast

from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.web.clients.models import Client, Consent, Contact, Pause, StatusChange, Traject
from koers.web.clients.signals import client_erased
from koers.web.intake.models import CallbackAttempt, CallbackRequest
from koers.web.privacy.holdings import BLANK, KEEP, Holding
from koers.web.privacy.plan_holdings import PLAN_HOLDINGS
from koers.web.rounds.models import Entry
from koers.web.training.models import Application, ApplicationStep, FundingLine

CLIENT = Holding(
    model=Client,
    section="client",
    title=_("Client"),
    client_path="pk",
    fields={
        "coach": KEEP,
        "first_name": BLANK,
        "last_name": BLANK,
        "email": BLANK,
        "phone": BLANK,
        "call_times": BLANK,
        "call_times_note": BLANK,
        "language": KEEP,
        "employer": BLANK,
        "sector": KEEP,
        "contract_type": KEEP,
        "education_level": KEEP,
        "occupation_uri": KEEP,
        "situation": KEEP,
        "question_type": KEEP,
        "urgency": KEEP,
        "channel": KEEP,
        "digital_skills": KEEP,
        # Debts, health, care for others: the person's story, not a code for a report.
        "support_reasons": BLANK,
        "notes": BLANK,
        "version": KEEP,
        "created_at": KEEP,
        "updated_at": KEEP,
        "erased_at": KEEP,
        "needs_other_route": KEEP,
        "last_reached_at": KEEP,
    },
)

# The client first; the rest in the order of the export page.
REGISTER: tuple[Holding, ...] = (
    CLIENT,
    Holding(
        model=Traject,
        section="trajecten",
        title=_("Trajecten"),
        client_path="client",
        fields={
            "client": KEEP,
            "opdrachtgever": KEEP,
            # Invoices live in the practice's accounting, not here: the number goes too.
            "order_number": BLANK,
            "budget_unit": KEEP,
            "budget": KEEP,
            "hourly_rate": KEEP,
            "starts": KEEP,
            "ends": KEEP,
            "afspraak": KEEP,
            "status": KEEP,
            "outcome": KEEP,
            "closed_on": KEEP,
            "anonymised_at": KEEP,
            "version": KEEP,
            # The sum of the contacts' minutes, which erasure keeps too.
            "contact_minutes": KEEP,
        },
    ),
    Holding(
        model=Contact,
        section="contacts",
        title=_("Contacts"),
        client_path="client",
        fields={
            "client": KEEP,
            "traject": KEEP,
            "at": KEEP,
            "minutes": KEEP,
            "with_whom": KEEP,
            "channel": KEEP,
            "outcome": KEEP,
            "callback_at": KEEP,
            "situation_after": KEEP,
            "urgency_after": KEEP,
            "summary": BLANK,
            "next_action": BLANK,
            "next_action_on": KEEP,
            "shareable": KEEP,
            "by": KEEP,
            "created_at": KEEP,
            # A random token of the form it came from (a retry logs it once), never a person's.
            "form_token": KEEP,
        },
    ),
    Holding(
        model=Consent,
        section="consents",
        title=_("Consents"),
        client_path="client",
        fields={
            "client": KEEP,
            "recipient": KEEP,
            "given_on": KEEP,
            "expires_on": KEEP,
            "revoked_on": KEEP,
            "note": BLANK,
        },
    ),
    Holding(
        model=StatusChange,
        section="status_history",
        title=_("Situation and urgency history"),
        client_path="client",
        fields={
            "client": KEEP,
            "field": KEEP,
            "old": KEEP,
            "new": KEEP,
            "at": KEEP,
            "by": KEEP,
        },
    ),
    Holding(
        model=Pause,
        section="pauses",
        title=_("Pauses"),
        client_path="client",
        fields={
            "client": KEEP,
            "starts": KEEP,
            "until": KEEP,
            "reason": KEEP,
            "note": BLANK,
            "ended_early_on": KEEP,
            "by": KEEP,
            "created_at": KEEP,
        },
    ),
    Holding(
        model=Application,
        section="applications",
        title=_("Training applications"),
        client_path="traject__client",
        fields={
            "traject": KEEP,
            "course": KEEP,
            "course_title": KEEP,
            "provider": KEEP,
            "cost": KEEP,
            "target_uri": KEEP,
            "applicant": KEEP,
            "reference": BLANK,
            "study_cost_clause": KEEP,
            "latest_start_on": KEEP,
            "completion_on": KEEP,
            "claim_on": KEEP,
            "note": BLANK,
            "status": KEEP,
            "status_on": KEEP,
            "deadline_on": KEEP,
            "deadline_kind": KEEP,
            "created_at": KEEP,
            "created_by": KEEP,
            "version": KEEP,
        },
    ),
    Holding(
        model=FundingLine,
        section="funding_lines",
        title=_("Funding lines"),
        client_path="application__traject__client",
        fields={
            "application": KEEP,
            "scheme": KEEP,
            "window": KEEP,
            "asked": KEEP,
            "granted": KEEP,
            "paid": KEEP,
        },
    ),
    Holding(
        model=ApplicationStep,
        section="application_steps",
        title=_("Steps of training applications"),
        client_path="application__traject__client",
        fields={
            "application": KEEP,
            "status": KEEP,
            "on": KEEP,
            "at": KEEP,
            "by": KEEP,
            "note": BLANK,
        },
    ),
    Holding(
        model=Entry,
        section="round_entries",
        title=_("Calling rounds"),
        client_path="client",
        fields={
            "round": KEEP,
            "client": KEEP,
            "pinned": KEEP,
            "skipped_at": KEEP,
            "attempts": KEEP,
            "done_at": KEEP,
            "contact": KEEP,
            "situation_before": KEEP,
            "urgency_before": KEEP,
        },
    ),
    Holding(
        model=CallbackRequest,
        section="callback_requests",
        title=_("Call-back requests"),
        client_path="client",
        fields={
            "first_name": BLANK,
            "phone": BLANK,
            "best_time": KEEP,
            # The code reads back the person's explorer result: it points to them.
            "short_code": BLANK,
            "created_at": KEEP,
            "status": KEEP,
            "coach": KEEP,
            "assigned_by": KEEP,
            "assigned_at": KEEP,
            "client": KEEP,
            "fingerprint": BLANK,
            "during_flood": KEEP,
        },
    ),
    # A request's tries to call back; their notes went into the contact log when the request
    # became a client (and are blank here from then on).
    Holding(
        model=CallbackAttempt,
        section="callback_attempts",
        title=_("Call-back attempts"),
        client_path="request__client",
        fields={"request": KEEP, "at": KEEP, "by": KEEP, "outcome": KEEP, "note": BLANK},
    ),
    *PLAN_HOLDINGS,
)


def blank_client_data(client_id: int, *, now: datetime.datetime) -> list[str]:
    """Blank every BLANK field of the client and of all rows linked to them.

    Returns what was blanked as ``section.field`` names, for the audit trail (never values).
    """
    blanked: list[str] = []
    for holding in REGISTER:
        values = holding.blank_values()
        if holding is CLIENT:
            values.update(erased_at=now, version=models.F("version") + 1, updated_at=now)
        holding.rows_of(client_id).update(**values)
        blanked += [f"{holding.section}.{name}" for name in holding.blanked]
    for _receiver, removed in client_erased.send(sender=Client, client_id=client_id):
        blanked += cast(list[str], removed)
    return blanked
