"""The draws for one client: details, trajecten, contacts, status history, consent, pauses."""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from decimal import Decimal
from itertools import accumulate
from typing import Any

from django.conf import settings
from django.utils import timezone

from koers.web.accounts.models import User
from koers.web.clients.choices import (
    BudgetUnit,
    CallTime,
    Channel,
    ContactOutcome,
    DigitalSkills,
    FinancierKind,
    PauseReason,
    QuestionType,
    Recipient,
    Situation,
    SupportReason,
    TrajectStatus,
    Urgency,
    WithWhom,
)
from koers.web.clients.models import (
    Afspraak,
    Client,
    Consent,
    Contact,
    Opdrachtgever,
    Pause,
    StatusChange,
    Traject,
)
from koers.web.demo_data.vocabulary import (
    CHANNELS,
    CONTRACTS,
    EDUCATION,
    EMPLOYER_KINDS,
    EMPLOYER_NAMES,
    FIRST_NAMES,
    LANGUAGES,
    LAST_NAMES,
    NEXT_ACTIONS,
    OUTCOMES,
    OUTCOMES_CLOSED,
    SITUATIONS,
    SUMMARIES,
    TRAJECT_STATUSES,
    URGENCIES,
    WITH_WHOM,
)

HISTORY_DAYS = 548  # about 18 months


class WeightedPick:
    """A weighted choice that sums the weights once (``random.choices`` does it per call)."""

    def __init__(self, rng: random.Random, pairs: Sequence[tuple[Any, float]]) -> None:
        self.rng = rng
        self.values = [value for value, _ in pairs]
        self.cum = list(accumulate(weight for _, weight in pairs))

    def __call__(self) -> Any:
        return self.rng.choices(self.values, cum_weights=self.cum)[0]


class ClientGenerator:
    """Draws one client with their trajecten, contacts, history and consent."""

    def __init__(
        self,
        rng: random.Random,
        today: datetime.date,
        occupations: Sequence[tuple[str, float]],
        parties: list[Opdrachtgever],
        agreements: list[Afspraak],
    ) -> None:
        self.rng = rng
        self.today = today
        self.situation = WeightedPick(rng, SITUATIONS)
        self.urgency = WeightedPick(rng, URGENCIES)
        self.contract = WeightedPick(rng, CONTRACTS)
        self.education = WeightedPick(rng, EDUCATION)
        self.language = WeightedPick(rng, LANGUAGES)
        self.channel = WeightedPick(rng, CHANNELS)
        self.outcome = WeightedPick(rng, OUTCOMES)
        self.with_whom = WeightedPick(rng, WITH_WHOM)
        self.status = WeightedPick(rng, TRAJECT_STATUSES)
        self.closed_outcome = WeightedPick(rng, OUTCOMES_CLOSED)
        self.occupation = WeightedPick(rng, occupations) if occupations else None
        weights = {
            FinancierKind.FUND: 30,
            FinancierKind.EMPLOYER: 30,
            FinancierKind.MUNICIPALITY: 20,
            FinancierKind.UWV: 15,
            FinancierKind.PRIVATE: 5,
        }
        self.party = WeightedPick(rng, [(p, weights[FinancierKind(p.kind)] / 4) for p in parties])
        self.agreements = agreements
        self.order = 0

    def client(self, coach: User) -> tuple[Client, int]:
        """A client (not saved) and the day their first traject started, in days ago."""
        rng = self.rng
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        address = f"{first}.{last}".lower().replace(" ", "")
        reasons = []
        if rng.random() < 0.35:
            reasons = sorted(rng.sample(SupportReason.values, rng.choice((1, 1, 2))))
        client = Client(
            coach=coach,
            first_name=first,
            last_name=last,
            email=f"{address}{rng.randint(1, 999)}@example.org" if rng.random() < 0.8 else "",
            phone=f"06 {rng.randint(10_000_000, 99_999_999)}" if rng.random() < 0.95 else "",
            call_times=sorted(rng.sample(CallTime.values, rng.choice((0, 1, 1, 2)))),
            call_times_note="Na 15:00 i.v.m. kinderen" if rng.random() < 0.05 else "",
            language=self.language(),
            employer=f"{rng.choice(EMPLOYER_KINDS)} {rng.choice(EMPLOYER_NAMES)}"
            if rng.random() < 0.85
            else "",
            contract_type=self.contract(),
            education_level=self.education(),
            occupation_uri=self.occupation() if self.occupation else "",
            situation=self.situation(),
            question_type=QuestionType.LONG if rng.random() < 0.4 else QuestionType.SHORT,
            urgency=self.urgency(),
            channel=rng.choice((Channel.PHONE, Channel.PHONE, Channel.PHONE, Channel.WHATSAPP)),
            digital_skills=rng.choice([*DigitalSkills.values, ""]),
            support_reasons=reasons,
            notes="Wil graag in de buurt blijven werken." if rng.random() < 0.1 else "",
        )
        return client, rng.randint(0, HISTORY_DAYS)

    def trajecten(self, client: Client, started: datetime.date) -> list[Traject]:
        rng = self.rng
        count = rng.choices((0, 1, 2), weights=(6, 82, 12))[0]
        made: list[Traject] = []
        starts = started
        for number in range(count):
            last = number == count - 1
            status = self.status() if last else TrajectStatus.CLOSED
            closed_on = None
            if status == TrajectStatus.CLOSED:
                span = (self.today - starts).days
                closed_on = starts + datetime.timedelta(days=rng.randint(span // 2, span))
            party = self.party()
            euros = party.kind in (FinancierKind.MUNICIPALITY, FinancierKind.UWV)
            self.order += 1
            made.append(
                Traject(
                    client=client,
                    opdrachtgever=party,
                    order_number=f"OG-{starts.year}-{self.order:06d}",
                    budget_unit=BudgetUnit.EUROS if euros else BudgetUnit.HOURS,
                    budget=Decimal(
                        rng.choice((1500, 2500, 3500)) if euros else rng.choice((8, 12, 16, 24))
                    ),
                    hourly_rate=Decimal(rng.choice((95, 110, 125))) if euros else None,
                    starts=starts,
                    ends=starts + datetime.timedelta(days=365),
                    afspraak=rng.choice(self.agreements)
                    if party.kind in (FinancierKind.FUND, FinancierKind.EMPLOYER)
                    and rng.random() < 0.4
                    else None,
                    status=status,
                    outcome=self.closed_outcome() if closed_on else "",
                    closed_on=closed_on,
                )
            )
            if closed_on is not None and not last:
                starts = min(self.today, closed_on + datetime.timedelta(days=rng.randint(1, 30)))
        return made

    def history(
        self, client: Client, trajecten: list[Traject], count: int, started: datetime.date
    ) -> tuple[list[Contact], list[StatusChange]]:
        """``count`` contacts from the start to today (or to the close), and the history."""
        rng = self.rng
        ends = self.today
        if trajecten and trajecten[-1].closed_on is not None:
            ends = trajecten[-1].closed_on
        span = max(0, (ends - started).days - 1)
        coach = client.coach
        situation, urgency = client.situation, client.urgency
        first = at_minute(started, 9 * 60)
        changes = [
            StatusChange(
                client=client, field="situation", old="", new=situation, at=first, by=coach
            ),
            StatusChange(client=client, field="urgency", old="", new=urgency, at=first, by=coach),
        ]
        made = []
        for day in sorted(rng.randint(0, span) for _ in range(count)):
            date = started + datetime.timedelta(days=day)
            if date.weekday() >= 5:
                date -= datetime.timedelta(days=date.weekday() - 4)
            at = at_minute(date, rng.randint(510, 1050))
            outcome = self.outcome()
            reached = outcome == ContactOutcome.REACHED
            channel = self.channel()
            contact = Contact(
                client=client,
                traject=next(
                    (
                        t
                        for t in reversed(trajecten)
                        if t.starts <= date and (t.closed_on or ends) >= date
                    ),
                    None,
                ),
                at=at,
                minutes=rng.randint(10, 60) if reached else rng.randint(1, 5),
                with_whom=self.with_whom() if reached else WithWhom.CLIENT,
                channel=channel,
                outcome=outcome,
                callback_at=at_minute(
                    date + datetime.timedelta(days=rng.randint(1, 5)), rng.choice((600, 840))
                )
                if outcome == ContactOutcome.CALLBACK
                else None,
                summary=rng.choice(SUMMARIES).format(who=client.first_name) if reached else "",
                shareable=reached and rng.random() < 0.1,
                by=coach,
                created_at=at,
            )
            if reached and rng.random() < 0.25:
                contact.next_action = rng.choice(NEXT_ACTIONS)
                contact.next_action_on = date + datetime.timedelta(days=rng.randint(7, 28))
            if reached and rng.random() < 0.06:
                new = rng.choice([s for s in Situation.values if s != situation])
                changes.append(
                    StatusChange(
                        client=client, field="situation", old=situation, new=new, at=at, by=coach
                    )
                )
                contact.situation_after = situation = new
            if reached and rng.random() < 0.08:
                new = rng.choice([u for u in Urgency.values if u != urgency])
                changes.append(
                    StatusChange(
                        client=client, field="urgency", old=urgency, new=new, at=at, by=coach
                    )
                )
                contact.urgency_after = urgency = new
            made.append(contact)
        client.situation, client.urgency = situation, urgency
        client.created_at = first
        client.updated_at = made[-1].at if made else first
        return made, changes

    def consent(self, client: Client, started: datetime.date) -> Consent | None:
        if self.rng.random() >= 0.15:
            return None
        given = min(self.today, started + datetime.timedelta(days=self.rng.randint(0, 30)))
        revoked = None
        if self.rng.random() < 0.1:
            revoked = min(self.today, given + datetime.timedelta(days=self.rng.randint(10, 200)))
        # Most consents hold for a year, so that some run out in the coming weeks.
        expires = given + datetime.timedelta(days=365) if self.rng.random() < 0.8 else None
        return Consent(
            client=client,
            recipient=self.rng.choice(Recipient.values),
            given_on=given,
            expires_on=expires,
            revoked_on=revoked,
        )

    def pauses(self, client: Client, started: datetime.date) -> list[Pause]:
        """About 3 % of clients pause now and 5 % paused before; the reason fits the situation."""
        rng = self.rng
        made = []
        if rng.random() < 0.05 and (self.today - started).days > 120:
            starts = started + datetime.timedelta(
                days=rng.randint(30, (self.today - started).days - 90)
            )
            until = starts + datetime.timedelta(days=rng.randint(14, settings.KOERS_MAX_PAUSE_DAYS))
            early = rng.random() < 0.15
            made.append(
                self._pause(
                    client, starts, min(until, self.today - datetime.timedelta(days=1)), early
                )
            )
        if rng.random() < 0.03:
            starts = max(started, self.today - datetime.timedelta(days=rng.randint(0, 45)))
            until = max(
                self.today,
                starts + datetime.timedelta(days=rng.randint(14, settings.KOERS_MAX_PAUSE_DAYS)),
            )
            made.append(self._pause(client, starts, until, early=False))
        return made

    def _pause(
        self, client: Client, starts: datetime.date, until: datetime.date, early: bool
    ) -> Pause:
        if client.situation == Situation.WORKING_MORE:
            reason = PauseReason.WORKING_MORE
        elif client.situation == Situation.WORKING_WITH_CHILDREN:
            reason = PauseReason.CARE
        else:
            reason = self.rng.choice((PauseReason.ASKED, PauseReason.ASKED, PauseReason.HEALTH))
        span = (until - starts).days
        return Pause(
            client=client,
            starts=starts,
            until=until,
            reason=reason,
            ended_early_on=starts + datetime.timedelta(days=span // 2) if early else None,
            by=client.coach,
            created_at=at_minute(starts, 9 * 60),
        )


def at_minute(date: datetime.date, minute: int) -> datetime.datetime:
    """``minute`` minutes after midnight on ``date``, in the local time zone."""
    naive = datetime.datetime.combine(date, datetime.time(minute // 60, minute % 60))
    return timezone.make_aware(naive)
