"""The demo accounts: teams, coaches, team leads, an admin, and covers for coaches away."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from koers.web.accounts.models import Cover, Team, User
from koers.web.accounts.roles import Role
from koers.web.demo_data.vocabulary import CITIES, FIRST_NAMES, LAST_NAMES

PREFIX = "demo."
TEAM_SIZE = 8


@dataclass
class People:
    teams: list[Team]
    coaches: list[User]
    leads: list[User]
    admin: User
    covers: int


def make_people(
    rng: random.Random, coaches: int, password_hash: str, today: datetime.date
) -> People:
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
    return People(
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
