"""What a demo-data run reports as it goes, returns and raises."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

# (stage, done, total): "users", "caseload" (clients written so far), "training", then
# "plans" (clients drawn from so far).
Progress = Callable[[str, int, int], None]


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
    plans: int  # career plans, about a third of the clients
    plans_agreed: int  # whose current version the client agreed with
    plan_actions: int
    password: str
    coach: str
    teamlead: str
    admin: str
    seconds: float

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
