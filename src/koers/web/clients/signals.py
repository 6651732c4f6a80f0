"""Signals for apps above ``clients`` that keep copies of a client's data elsewhere."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.dispatch import Signal

# Sent (with ``client_id``) inside the transaction that erases a client's personal data, by
# erasure on request and by retention alike: an app that keeps her name outside the register
# (a report as it was sent) removes it then.
client_erased = Signal()

# Sent (with ``client_id``) when a client's personal data is exported (right of access): an
# app that keeps her data outside the register answers with what it holds, as ``HeldElsewhere``.
client_exported = Signal()


@dataclass(frozen=True, slots=True)
class HeldElsewhere:
    """One section of the export from outside the register: ``rows`` as in the JSON, and
    ``labels`` naming each of their keys on the export page."""

    section: str
    title: str
    labels: dict[str, str]
    rows: list[dict[str, Any]]
