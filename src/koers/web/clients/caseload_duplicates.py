"""Likely duplicates in a caseload file: the same person twice in the file, or already a
client, by name and phone number or name and e-mail address."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from koers.web.clients.caseload_rows import CaseloadRow
from koers.web.clients.models import Client
from koers.web.common.csv_files import Problem


def _name_key(first_name: str, last_name: str) -> str:
    """A name as people match it: without accents, case or extra spaces."""
    text = unicodedata.normalize("NFKD", f"{first_name} {last_name}")
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


def _phone_key(phone: str) -> str:
    """The digits of a Dutch phone number, +31 and 0031 written as 0 ('' if too short)."""
    digits = re.sub(r"\D", "", phone)
    if phone.strip().startswith("+") and digits.startswith("31"):
        digits = "0" + digits[2:]
    elif digits.startswith("0031"):
        digits = "0" + digits[4:]
    return digits if len(digits) >= 6 else ""


def _person_keys(values: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """What makes two clients likely the same person: the same name and phone, or name and
    e-mail address (a name alone is shared by too many people)."""
    name = _name_key(values.get("first_name", ""), values.get("last_name", ""))
    phone = _phone_key(values.get("phone", ""))
    email = values.get("email", "").strip().casefold()
    return [(name, what, key) for what, key in (("phone", phone), ("email", email)) if key]


def likely_duplicates(rows: Sequence[CaseloadRow], existing: QuerySet[Client]) -> list[Problem]:
    """Rows that are likely the same person as an earlier row or a client in ``existing``."""
    means = {"phone": _("phone number"), "email": _("e-mail address")}
    known: dict[tuple[str, str, str], int] = {}
    for pk, first_name, last_name, phone, email in existing.values_list(
        "pk", "first_name", "last_name", "phone", "email"
    ).order_by("pk"):
        values = {"first_name": first_name, "last_name": last_name, "phone": phone, "email": email}
        for key in _person_keys(values):
            known.setdefault(key, pk)
    seen: dict[tuple[str, str, str], int] = {}
    problems = []
    for row in rows:
        keys = _person_keys(row.client)
        client = next(((key, known[key]) for key in keys if key in known), None)
        earlier = next(((key, seen[key]) for key in keys if key in seen), None)
        if client is not None:
            problems.append(
                Problem(
                    row.row,
                    "",
                    _(
                        "Likely already in the caseload as client %(number)d (same name and "
                        "%(what)s). If these are two people, allow duplicates."
                    )
                    % {"number": client[1], "what": means[client[0][1]]},
                )
            )
        elif earlier is not None:
            problems.append(
                Problem(
                    row.row,
                    "",
                    _(
                        "Likely the same person as row %(row)d (same name and %(what)s). "
                        "If these are two people, allow duplicates."
                    )
                    % {"row": earlier[1], "what": means[earlier[0][1]]},
                )
            )
        for key in keys:
            seen.setdefault(key, row.row)
    return problems
