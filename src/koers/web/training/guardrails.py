"""What the application form warns about while it is filled in, never blocking a save: a
window that is closed or closes soon, the part of the cost no scheme covers, a missing consent.

It reads the form as shown (typed values or initial ones), so the plain refresh step, the htmx
update and the first view give the same warnings.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.web.clients.choices import DEADLINE_DAYS, Recipient
from koers.web.clients.models import Client
from koers.web.clients.queries import consents_in_force
from koers.web.training.models import Scheme, Window


@dataclass(frozen=True, slots=True)
class FundingCheck:
    """The cost, what the funding lines cover and what to warn the coach about."""

    cost: Decimal | None
    covered: Decimal
    windows: list[str] = field(default_factory=list)
    consents: list[str] = field(default_factory=list)

    @property
    def uncovered(self) -> Decimal | None:
        """The part of the cost no scheme covers (never below zero); None without a cost."""
        return None if self.cost is None else max(self.cost - self.covered, Decimal(0))

    @property
    def over(self) -> Decimal:
        """How much the lines ask beyond the cost (the save will refuse that)."""
        return Decimal(0) if self.cost is None else max(self.covered - self.cost, Decimal(0))


def _shown(bound: forms.BoundField) -> object:
    """A field's value as the form shows it, converted; None when empty or not valid."""
    try:
        return bound.field.to_python(bound.value())
    except ValidationError:
        return None


def _pk(bound: forms.BoundField) -> int | None:
    value = str(bound.value() or "")
    return int(value) if value.isdigit() else None


def _window_warning(window: Window, today: datetime.date) -> str:
    names = {"window": window.label, "scheme": window.scheme.name}
    if window.closes_on < today:
        return _("The window “%(window)s” of %(scheme)s closed on %(date)s.") % {
            **names,
            "date": date_format(window.closes_on),
        }
    if window.opens_on > today:
        return _("The window “%(window)s” of %(scheme)s opens on %(date)s.") % {
            **names,
            "date": date_format(window.opens_on),
        }
    days = (window.closes_on - today).days
    if days > DEADLINE_DAYS:
        return ""
    return ngettext(
        "The window “%(window)s” of %(scheme)s closes on %(date)s, in %(days)d day.",
        "The window “%(window)s” of %(scheme)s closes on %(date)s, in %(days)d days.",
        days,
    ) % {**names, "date": date_format(window.closes_on), "days": days}


def _consent_warning(client: Client, scheme: Scheme, recipient: Recipient) -> str:
    return _(
        "%(name)s has given no consent to share data with “%(recipient)s”, needed for "
        "%(scheme)s. Ask for it before you apply."
    ) % {"name": client.name, "recipient": recipient.label, "scheme": scheme.name}


def check_funding(
    form: forms.BaseForm,
    lines: forms.BaseFormSet[Any],
    client: Client,
    *,
    today: datetime.date,
) -> FundingCheck:
    """The warnings for ``form`` (cost) and ``lines`` (scheme, window, asked, granted) as shown.

    A line covers what was granted, else what it asks.
    """
    cost = _shown(form["cost"])
    covered = Decimal(0)
    scheme_ids: list[int] = []
    window_ids: list[int] = []
    for line in lines.forms:
        scheme_id = _pk(line["scheme"])
        if scheme_id is None:
            continue
        scheme_ids.append(scheme_id)
        if (window_id := _pk(line["window"])) is not None:
            window_ids.append(window_id)
        granted = _shown(line["granted"]) if "granted" in line.fields else None
        amount = granted if granted is not None else _shown(line["asked"])
        covered += amount if isinstance(amount, Decimal) else Decimal(0)
    windows = Window.objects.filter(pk__in=window_ids).select_related("scheme")
    schemes = Scheme.objects.filter(pk__in=scheme_ids).order_by("name")
    agreed = set(consents_in_force(client, today=today).values_list("recipient", flat=True))
    return FundingCheck(
        cost=cost if isinstance(cost, Decimal) else None,
        covered=covered,
        windows=[text for window in windows if (text := _window_warning(window, today))],
        consents=[
            _consent_warning(client, scheme, recipient)
            for scheme in schemes
            if (recipient := scheme.consent_recipient) is not None and recipient not in agreed
        ],
    )
