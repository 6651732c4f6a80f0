"""The caseload written in chunks: parties and agreements, then clients with all they hold."""

from __future__ import annotations

import datetime
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate

from koers.web.clients.choices import ContactOutcome, FinancierKind
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
from koers.web.demo_data.generator import ClientGenerator, WeightedPick
from koers.web.demo_data.people import People
from koers.web.demo_data.results import Progress
from koers.web.demo_data.vocabulary import AFSPRAKEN, OPDRACHTGEVERS

CHUNK = 2000  # clients generated and written per round: bounded memory at any size
BATCH = 1000  # rows per INSERT (Django splits further where SQLite needs it)


def _organisations(rng: random.Random) -> tuple[list[Opdrachtgever], list[Afspraak]]:
    """The commissioning parties and agreements, made once and reused by later runs."""
    have = set(Opdrachtgever.objects.values_list("name", flat=True))
    Opdrachtgever.objects.bulk_create(
        [Opdrachtgever(name=name, kind=kind) for name, kind in OPDRACHTGEVERS if name not in have]
    )
    parties = list(Opdrachtgever.objects.filter(name__in=[name for name, _ in OPDRACHTGEVERS]))
    parties.sort(key=lambda party: party.name)
    funds = [p for p in parties if p.kind == FinancierKind.FUND]
    made = set(Afspraak.objects.values_list("name", flat=True))
    Afspraak.objects.bulk_create(
        [
            Afspraak(name=name, kind=kind, parties=who, financier=rng.choice(funds))
            for name, kind, who in AFSPRAKEN
            if name not in made
        ]
    )
    agreements = list(Afspraak.objects.filter(name__in=[name for name, _, _ in AFSPRAKEN]))
    agreements.sort(key=lambda agreement: agreement.name)
    return parties, agreements


@dataclass
class _Rows:
    """One chunk of the caseload, written parents first (bulk_create sets their ids)."""

    clients: list[Client] = field(default_factory=list)
    trajecten: list[Traject] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    status_changes: list[StatusChange] = field(default_factory=list)
    consents: list[Consent] = field(default_factory=list)
    pauses: list[Pause] = field(default_factory=list)

    def write(self) -> dict[str, int]:
        # What log_contact keeps for each client: its latest reached contact.
        for contact in self.contacts:
            client = contact.client
            if contact.outcome == ContactOutcome.REACHED and (
                client.last_reached_at is None or contact.at > client.last_reached_at
            ):
                client.last_reached_at = contact.at
            # What count_minutes keeps for each traject: the minutes of its contacts.
            if contact.traject is not None:
                contact.traject.contact_minutes += contact.minutes
        Client.objects.bulk_create(self.clients, batch_size=BATCH)
        Traject.objects.bulk_create(self.trajecten, batch_size=BATCH)
        Contact.objects.bulk_create(self.contacts, batch_size=BATCH)
        StatusChange.objects.bulk_create(self.status_changes, batch_size=BATCH)
        Consent.objects.bulk_create(self.consents, batch_size=BATCH)
        Pause.objects.bulk_create(self.pauses, batch_size=BATCH)
        return {
            "trajecten": len(self.trajecten),
            "contacts": len(self.contacts),
            "status_changes": len(self.status_changes),
            "consents": len(self.consents),
            "pauses": len(self.pauses),
        }


def write_caseload(
    rng: random.Random,
    people: People,
    *,
    clients: int,
    contacts: int,
    today: datetime.date,
    occupations: Sequence[tuple[str, float]],
    report: Progress,
) -> Counter[str]:
    """Draw and write the clients in chunks, each with everything that hangs on them."""
    # Its own generator: whether the agreements exist already (a reset) must not shift the
    # caseload's draws.
    parties, agreements = _organisations(random.Random(rng.random()))
    draw = ClientGenerator(rng, today, occupations, parties, agreements)
    # Caseloads differ per coach (60-140 for a hundred on average).
    coach_of = WeightedPick(rng, [(coach, rng.uniform(0.6, 1.4)) for coach in people.coaches])
    # Contacts go to clients in proportion to a random "how much contact" weight.
    weights = [rng.lognormvariate(0, 0.6) for _ in range(clients)]
    per_client = (
        Counter(rng.choices(range(clients), cum_weights=list(accumulate(weights)), k=contacts))
        if clients
        else Counter()
    )
    counts: Counter[str] = Counter()
    for chunk_start in range(0, clients, CHUNK):
        rows = _Rows()
        for number in range(chunk_start, min(clients, chunk_start + CHUNK)):
            client, days_ago = draw.client(coach_of())
            started = today - datetime.timedelta(days=days_ago)
            trajecten = draw.trajecten(client, started)
            made, changes = draw.history(client, trajecten, per_client[number], started)
            consent = draw.consent(client, started)
            rows.clients.append(client)
            rows.trajecten += trajecten
            rows.contacts += made
            rows.status_changes += changes
            rows.consents += [consent] if consent else []
            rows.pauses += draw.pauses(client, started)
        counts.update(rows.write())
        report("caseload", chunk_start + len(rows.clients), clients)
    return counts
