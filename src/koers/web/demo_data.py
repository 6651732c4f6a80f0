"""Demo data: teams, coaches and a synthetic caseload, the same for the same seed and day.

The actions write one audited row at a time, which would take hours for a million
contacts. This module writes with ``bulk_create`` in batches instead, inside one
transaction, and records one audit entry for the whole generation. Nothing here is a real
person: names are drawn from common Dutch names, e-mail addresses use example.org.
"""

from __future__ import annotations

import datetime
import random
import secrets
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from itertools import accumulate
from typing import Any, cast

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.utils import timezone

from koers.web.accounts.models import Cover, Team, User
from koers.web.accounts.roles import Role
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import record
from koers.web.clients.choices import (
    AfspraakKind,
    BudgetUnit,
    CallTime,
    Channel,
    ContactOutcome,
    ContractType,
    DigitalSkills,
    EducationLevel,
    FinancierKind,
    Outcome,
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
from koers.web.training import demo as training_demo

# (stage, done, total): "users", "caseload" (clients written so far), then "training".
Progress = Callable[[str, int, int], None]

PREFIX = "demo."
HISTORY_DAYS = 548  # about 18 months
TEAM_SIZE = 8
CLIENTS_PER_COACH = 100
CHUNK = 2000  # clients generated and written per round: bounded memory at any size
BATCH = 1000  # rows per INSERT (Django splits further where SQLite needs it)


def _words(text: str, sep: str = ",") -> tuple[str, ...]:
    return tuple(word.strip() for word in text.split(sep) if word.strip())


FIRST_NAMES = _words(
    """Anna, Sanne, Lisa, Eva, Fleur, Femke, Iris, Lotte, Emma, Julia, Sophie, Noor, Anouk,
    Esther, Marieke, Ingrid, Petra, Monique, Sandra, Wendy, Linda, Yvonne, Karin, Annemarie,
    Chantal, Ilse, Hanneke, Fatima, Samira, Nadia, Aylin, Zeynep, Meryem, Priya, Agnieszka,
    Kasia, Olena, Maria, Ana, Daan, Sem, Lucas, Milan, Thijs, Bram, Jesse, Ruben, Tim, Joost,
    Mark, Jeroen, Peter, Erik, Martijn, Dennis, Sander, Kees, Henk, Gerrit, Wim, Johan, Marco,
    Patrick, Richard, Stefan, Vincent, Hans, Mohamed, Ahmed, Youssef, Mustafa, Hamza, Emre,
    Mehmet, Burak, Kofi, Tomasz, Piotr, Andrei, Rajesh"""
)
LAST_NAMES = _words(
    """de Jong, Jansen, de Vries, van den Berg, van Dijk, Bakker, Janssen, Visser, Smit,
    Meijer, de Boer, Mulder, de Groot, Bos, Vos, Peters, Hendriks, van Leeuwen, Dekker,
    Brouwer, de Wit, Dijkstra, Smits, de Graaf, van der Meer, van der Linden, Kok, Jacobs,
    de Haan, Vermeulen, van den Heuvel, van der Veen, van den Broek, de Bruijn, de Bruin,
    van der Heijden, Schouten, van Beek, Willems, van Vliet, van de Ven, Hoekstra, Maas,
    Verhoeven, Koster, van Dam, Prins, Blom, Huisman, Peeters, el Amrani, Bouzid, Yilmaz,
    Kaya, Demir, Öztürk, Kowalski, Nowak, Mahabier, Ramdin, Tjon, Asante, Haddou, Ait Taleb,
    Postma, Kuipers, Veenstra, Kramer, van Wijk"""
)
EMPLOYER_KINDS = _words(
    """Bakkerij, Zorggroep, Transport, Schoonmaakbedrijf, Supermarkt, Installatiebedrijf,
    Garage, Hotel, Drukkerij, Kinderopvang, Thuiszorg, Bouwbedrijf, Logistiek, Metaalbedrijf,
    Callcenter, Woningcorporatie, Tuincentrum, Uitzendbureau, Catering, Verpleeghuis"""
)
EMPLOYER_NAMES = _words(
    """De Linde, Van Dijk, Noord, Rivierenland, De Horst, Zuidwest, Het Anker, De Kroon,
    Van Vliet, Midden, De Brug, Kennemerland, Oost, De Wieken, Ommelanden, Van der Heijden,
    De Poort, Gooi"""
)
CITIES = _words(
    """Amsterdam, Rotterdam, Utrecht, Den Haag, Eindhoven, Groningen, Tilburg, Almere, Breda,
    Nijmegen, Apeldoorn, Arnhem, Haarlem, Enschede, Amersfoort, Zaanstad, Zwolle, Leiden,
    Maastricht, Dordrecht, Leeuwarden, Emmen, Delft, Venlo, Deventer, Helmond, Assen, Hoorn,
    Middelburg, Lelystad"""
)

OPDRACHTGEVERS = (
    ("O&O-fonds Detailhandel", FinancierKind.FUND),
    ("Opleidingsfonds Zorg en Welzijn", FinancierKind.FUND),
    ("O&O-fonds Metaal en Techniek", FinancierKind.FUND),
    ("Sectorfonds Transport en Logistiek", FinancierKind.FUND),
    ("Fonds Schoonmaak", FinancierKind.FUND),
    ("UWV", FinancierKind.UWV),
    ("Gemeente Utrecht", FinancierKind.MUNICIPALITY),
    ("Gemeente Rotterdam", FinancierKind.MUNICIPALITY),
    ("Gemeente Groningen", FinancierKind.MUNICIPALITY),
    ("Gemeente Eindhoven", FinancierKind.MUNICIPALITY),
    ("Zorggroep Rivierenland", FinancierKind.EMPLOYER),
    ("Logistiek Centrum Noord", FinancierKind.EMPLOYER),
    ("Drukkerij De Kroon", FinancierKind.EMPLOYER),
    ("Metaalbedrijf Van Dijk", FinancierKind.EMPLOYER),
    ("Eigen betaling", FinancierKind.PRIVATE),
)
AFSPRAKEN = (
    ("Cao Metaal en Techniek", AfspraakKind.CAO, "werkgevers en vakbonden in de metaal"),
    ("Sociaal plan Drukkerij De Kroon", AfspraakKind.SOCIAL_PLAN, "Drukkerij De Kroon, FNV"),
    ("Van-werk-naar-werkregeling Zorg", AfspraakKind.VWNW, "Zorggroep Rivierenland, OR"),
    ("Loopbaanafspraak FNV-leden", AfspraakKind.UNION, "FNV"),
)
SUMMARIES = (
    "Gesproken over de reorganisatie en wat er op {who} afkomt.",
    "Cv doorgenomen; {who} stuurt de nieuwe versie volgende week.",
    "Vacatures bekeken in de zorg en het onderwijs.",
    "Mogelijkheden voor een opleiding via het fonds besproken.",
    "Netwerkgesprek voorbereid; drie contacten benoemd.",
    "Zorgen over geld en de toekomst; doorverwezen naar het Juridisch Loket.",
    "Sollicitatiebrief samen geschreven.",
    "Terugblik op het proefplaatsingsgesprek: positief.",
    "Kort contact: alles loopt, volgende stap blijft staan.",
    "Besproken welke vaardigheden {who} al heeft voor een overstap.",
)
NEXT_ACTIONS = (
    "Cv opsturen",
    "Vacatures bekijken",
    "Opleiding aanvragen",
    "Netwerkgesprek voeren",
    "Gesprek met werkgever plannen",
    "Aanmelden bij uitzendbureau",
    "Proefplaatsing evalueren",
)

# (value, weight): how often each occurs in a career-guidance caseload.
SITUATIONS = (
    (Situation.AT_RISK, 25),
    (Situation.WORKING, 20),
    (Situation.LOST_JOB, 15),
    (Situation.IN_TRAINING, 12),
    (Situation.HOME_WAITING, 8),
    (Situation.NO_ASSIGNMENTS, 8),
    (Situation.WORKING_MORE, 6),
    (Situation.WORKING_WITH_CHILDREN, 6),
)
URGENCIES = ((Urgency.HIGH, 20), (Urgency.MEDIUM, 50), (Urgency.LOW, 30))
CONTRACTS = (
    (ContractType.PERMANENT, 45),
    (ContractType.TEMPORARY, 20),
    (ContractType.ON_CALL, 8),
    (ContractType.AGENCY, 10),
    (ContractType.SELF_EMPLOYED, 8),
    (ContractType.NONE, 9),
)
EDUCATION = (
    (EducationLevel.PRIMARY, 4),
    (EducationLevel.VMBO, 15),
    (EducationLevel.MBO1, 6),
    (EducationLevel.MBO24, 35),
    (EducationLevel.HAVO_VWO, 8),
    (EducationLevel.HBO, 18),
    (EducationLevel.WO, 7),
    (EducationLevel.ABROAD, 5),
    (EducationLevel.UNKNOWN, 2),
)
LANGUAGES = (("nl", 88), ("en", 4), ("ar", 2), ("tr", 2), ("pl", 2), ("uk", 2))
CHANNELS = (
    (Channel.PHONE, 55),
    (Channel.WHATSAPP, 12),
    (Channel.VIDEO, 10),
    (Channel.IN_PERSON, 10),
    (Channel.EMAIL, 10),
    (Channel.LETTER, 3),
)
OUTCOMES = (
    (ContactOutcome.REACHED, 62),
    (ContactOutcome.NOT_REACHED, 14),
    (ContactOutcome.VOICEMAIL, 10),
    (ContactOutcome.MESSAGE, 8),
    (ContactOutcome.CALLBACK, 4),
    (ContactOutcome.WRONG_NUMBER, 1),
    (ContactOutcome.WANTS_TO_STOP, 1),
)
WITH_WHOM = (
    (WithWhom.CLIENT, 86),
    (WithWhom.EMPLOYER, 9),
    (WithWhom.FINANCIER, 3),
    (WithWhom.OTHER, 2),
)
TRAJECT_STATUSES = (
    (TrajectStatus.ACTIVE, 55),
    (TrajectStatus.CLOSED, 25),
    (TrajectStatus.INTAKE, 8),
    (TrajectStatus.REGISTERED, 6),
    (TrajectStatus.PAUSED, 6),
)
OUTCOMES_CLOSED = (
    (Outcome.WORK_TO_WORK, 25),
    (Outcome.KEPT_JOB, 20),
    (Outcome.TRAINING, 15),
    (Outcome.OTHER_ROLE, 10),
    (Outcome.NO_WORK, 10),
    (Outcome.STOPPED, 10),
    (Outcome.OWN_BUSINESS, 5),
    (Outcome.UNREACHABLE, 5),
)
# ISCO major group -> weight: most clients work in clerical, service, trade and elementary jobs.
ISCO_WEIGHTS = {"1": 1, "2": 3, "3": 4, "4": 6, "5": 8, "6": 1, "7": 6, "8": 5, "9": 6}


class CaseloadNotEmptyError(Exception):
    """Demo data would mix with clients already there; ``reset`` replaces them."""

    def __init__(self, clients: int) -> None:
        super().__init__(f"the caseload holds {clients} clients")
        self.clients = clients


@dataclass(frozen=True, slots=True)
class DemoData:
    """What was made, and how to sign in (every demo account has ``password``)."""

    teams: int
    coaches: int
    teamleads: int
    clients: int
    trajecten: int
    contacts: int
    status_changes: int
    consents: int
    pauses: int
    covers: int
    schemes: int
    courses: int
    applications: int
    password: str
    coach: str
    teamlead: str
    admin: str
    seconds: float

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class _Pick:
    """A weighted choice that sums the weights once (``random.choices`` does it per call)."""

    def __init__(self, rng: random.Random, pairs: Sequence[tuple[Any, float]]) -> None:
        self.rng = rng
        self.values = [value for value, _ in pairs]
        self.cum = list(accumulate(weight for _, weight in pairs))

    def __call__(self) -> Any:
        return self.rng.choices(self.values, cum_weights=self.cum)[0]


def knowledge_base_occupations() -> list[tuple[str, float]]:
    """(occupation URI, weight) from the loaded knowledge base; empty when there is none."""
    from koers import knowledge
    from koers.taxonomy import SnapshotError

    try:
        occupations = knowledge.taxonomy().occupations
    except SnapshotError:
        return []
    return [
        (o.uri, ISCO_WEIGHTS.get(o.isco_group[:1], 0))
        for o in occupations
        if ISCO_WEIGHTS.get(o.isco_group[:1], 0)
    ]


def create_demo_data(
    *,
    clients: int,
    contacts: int,
    coaches: int | None = None,
    seed: int = 1,
    reset: bool = False,
    password: str | None = None,
    today: datetime.date | None = None,
    occupations: Sequence[tuple[str, float]] | None = None,
    progress: Progress | None = None,
) -> DemoData:
    """Make teams of about eight coaches with a team lead, an admin, a caseload and training.

    ``coaches`` defaults to one per hundred clients. The same ``seed`` and ``today`` give
    the same data. Raises :class:`CaseloadNotEmptyError` when there are clients already and
    ``reset`` is false; with ``reset`` they go first, in the same transaction, so that a
    failure leaves the old caseload as it was. Occupations come from the knowledge base
    when one is loaded (pass ``occupations=[]`` to leave them blank). Training: schemes with
    windows, a course catalogue and applications (see :mod:`koers.web.training.demo`).
    """
    started = time.perf_counter()
    coaches = max(1, round(clients / CLIENTS_PER_COACH)) if coaches is None else coaches
    if clients < 0 or contacts < 0 or coaches < 1:
        raise ValueError("clients and contacts must be at least 0, coaches at least 1")
    password = password or secrets.token_urlsafe(12)
    today = today or timezone.localdate()
    if occupations is None:
        occupations = knowledge_base_occupations()
    report = progress or (lambda stage, done, total: None)
    with transaction.atomic(), _keeping_given_times():
        existing = Client.objects.count()
        if existing and not reset:
            raise CaseloadNotEmptyError(existing)
        if existing:
            _wipe_caseload()
        people = _people(random.Random(f"{seed}-people"), coaches, make_password(password), today)
        report("users", 1, 1)
        counts = _caseload(
            random.Random(f"{seed}-caseload"),
            people,
            clients=clients,
            contacts=contacts,
            today=today,
            occupations=occupations,
            report=report,
        )
        training = training_demo.create_training_demo(
            random.Random(f"{seed}-training"), today=today
        )
        report("training", 1, 1)
        record(
            by=None,
            action=AuditAction.DEMO_DATA,
            target="demo",
            detail=f"{clients} clients, {contacts} contacts, {coaches} coaches, seed {seed}",
        )
    return DemoData(
        teams=len(people.teams),
        coaches=len(people.coaches),
        teamleads=len(people.leads),
        clients=clients,
        trajecten=counts["trajecten"],
        contacts=counts["contacts"],
        status_changes=counts["status_changes"],
        consents=counts["consents"],
        pauses=counts["pauses"],
        covers=people.covers,
        schemes=training.schemes,
        courses=training.courses,
        applications=training.applications,
        password=password,
        coach=people.coaches[0].username,
        teamlead=people.leads[0].username,
        admin=people.admin.username,
        seconds=round(time.perf_counter() - started, 1),
    )


@contextmanager
def _keeping_given_times() -> Iterator[None]:
    """Let ``bulk_create`` keep the times set here: the history lies in the past.

    ``auto_now``/``auto_now_add`` would stamp every row with the moment of generation. The
    flags live on the model's fields, shared by the process, so this is for a command, not
    for a request.
    """
    fields = [
        cast("models.DateTimeField[Any, Any]", model._meta.get_field(name))
        for model, name in (
            (Client, "created_at"),
            (Client, "updated_at"),
            (StatusChange, "at"),
            (Contact, "created_at"),
            (Pause, "created_at"),
            *training_demo.TIMESTAMPS,
        )
    ]
    saved = [(stamp.auto_now, stamp.auto_now_add) for stamp in fields]
    for stamp in fields:
        stamp.auto_now = stamp.auto_now_add = False
    try:
        yield
    finally:
        for stamp, (auto_now, auto_now_add) in zip(fields, saved, strict=True):
            stamp.auto_now, stamp.auto_now_add = auto_now, auto_now_add


def _wipe_caseload() -> None:
    """Every client and all that hangs on them; the audit trail stays (it is append-only)."""
    # Children first, each in one DELETE, so that the cascade from Client has little to do.
    training_demo.wipe_training()
    for model in (Contact, StatusChange, Consent, Pause, Traject):
        model.objects.all().delete()
    Client.objects.all().delete()
    Cover.objects.filter(coach__username__startswith=PREFIX).delete()


@dataclass
class _People:
    teams: list[Team]
    coaches: list[User]
    leads: list[User]
    admin: User
    covers: int


def _people(rng: random.Random, coaches: int, password_hash: str, today: datetime.date) -> _People:
    """Teams, coaches, leads and an admin, reusing the demo accounts of an earlier run."""
    cities = CITIES
    team_count = -(-coaches // TEAM_SIZE)
    names = []
    for number in range(team_count):
        city = cities[number % len(cities)]
        round_ = number // len(cities)
        names.append(f"Team {city}" + (f" {round_ + 1}" if round_ else ""))
    teams = {team.name: team for team in Team.objects.filter(name__in=names)}
    Team.objects.bulk_create([Team(name=name) for name in names if name not in teams])
    teams = {team.name: team for team in Team.objects.filter(name__in=names)}
    ordered_teams = [teams[name] for name in names]

    wanted: list[User] = []
    for number in range(team_count):
        wanted.append(
            _user(rng, f"{PREFIX}lead{number + 1:03d}", Role.TEAMLEAD, ordered_teams[number])
        )
    for number in range(coaches):
        team = ordered_teams[number // TEAM_SIZE]
        wanted.append(_user(rng, f"{PREFIX}coach{number + 1:04d}", Role.COACH, team))
    wanted.append(_user(rng, f"{PREFIX}admin", Role.ADMIN, None))
    for user in wanted:
        user.password = password_hash
    existing = {
        u.username: u for u in User.objects.filter(username__in=[u.username for u in wanted])
    }
    for user in wanted:
        if user.username in existing:
            user.pk = existing[user.username].pk
    changed = ["first_name", "last_name", "email", "role", "team", "password", "is_active"]
    User.objects.bulk_update([u for u in wanted if u.pk is not None], changed, batch_size=500)
    User.objects.bulk_create([u for u in wanted if u.pk is None], batch_size=500)
    saved = {u.username: u for u in User.objects.filter(username__in=[u.username for u in wanted])}
    leads = [saved[u.username] for u in wanted if u.role == Role.TEAMLEAD]
    coach_users = [saved[u.username] for u in wanted if u.role == Role.COACH]

    # About one coach in forty is away this fortnight; a teammate covers (waarneming).
    covers = []
    for number, coach in enumerate(coach_users):
        mates = coach_users[
            (number // TEAM_SIZE) * TEAM_SIZE : (number // TEAM_SIZE + 1) * TEAM_SIZE
        ]
        if len(mates) > 1 and rng.random() < 0.025:
            covers.append(
                Cover(
                    coach=coach,
                    substitute=rng.choice([m for m in mates if m != coach]),
                    starts=today - datetime.timedelta(days=rng.randint(0, 5)),
                    ends=today + datetime.timedelta(days=rng.randint(3, 14)),
                    created_by=leads[number // TEAM_SIZE],
                )
            )
    Cover.objects.bulk_create(covers)
    return _People(
        teams=ordered_teams,
        coaches=coach_users,
        leads=leads,
        admin=saved[f"{PREFIX}admin"],
        covers=len(covers),
    )


def _user(rng: random.Random, username: str, role: Role, team: Team | None) -> User:
    return User(
        username=username,
        first_name=rng.choice(FIRST_NAMES),
        last_name=rng.choice(LAST_NAMES),
        email=f"{username}@example.org",
        role=role,
        team=team,
        is_active=True,
    )


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


class _Generator:
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
        self.situation = _Pick(rng, SITUATIONS)
        self.urgency = _Pick(rng, URGENCIES)
        self.contract = _Pick(rng, CONTRACTS)
        self.education = _Pick(rng, EDUCATION)
        self.language = _Pick(rng, LANGUAGES)
        self.channel = _Pick(rng, CHANNELS)
        self.outcome = _Pick(rng, OUTCOMES)
        self.with_whom = _Pick(rng, WITH_WHOM)
        self.status = _Pick(rng, TRAJECT_STATUSES)
        self.closed_outcome = _Pick(rng, OUTCOMES_CLOSED)
        self.occupation = _Pick(rng, occupations) if occupations else None
        weights = {
            FinancierKind.FUND: 30,
            FinancierKind.EMPLOYER: 30,
            FinancierKind.MUNICIPALITY: 20,
            FinancierKind.UWV: 15,
            FinancierKind.PRIVATE: 5,
        }
        self.party = _Pick(rng, [(p, weights[FinancierKind(p.kind)] / 4) for p in parties])
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
        first = _at(started, 9 * 60)
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
            at = _at(date, rng.randint(510, 1050))
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
                callback_at=_at(
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
            created_at=_at(starts, 9 * 60),
        )


def _at(date: datetime.date, minute: int) -> datetime.datetime:
    """``minute`` minutes after midnight on ``date``, in the local time zone."""
    naive = datetime.datetime.combine(date, datetime.time(minute // 60, minute % 60))
    return timezone.make_aware(naive)


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


def _caseload(
    rng: random.Random,
    people: _People,
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
    draw = _Generator(rng, today, occupations, parties, agreements)
    # Caseloads differ per coach (60-140 for a hundred on average).
    coach_of = _Pick(rng, [(coach, rng.uniform(0.6, 1.4)) for coach in people.coaches])
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
