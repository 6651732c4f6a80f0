"""'Aandacht nodig': the clients that need attention now, and why, per coach or team."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import (
    DecimalField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from koers.web.clients.choices import DEADLINE_DAYS, BudgetUnit
from koers.web.clients.models import Client, Consent, Contact, Pause, Traject
from koers.web.clients.queries import OPEN_TRAJECT
from koers.web.training.deadlines import training_deadline_words
from koers.web.training.queries import deadlines_soon

# Rows per section; one section asked for in full shows up to ALL_SHOWN.
SHOWN = 25
ALL_SHOWN = 200
CONSENT_DAYS = 30
BUDGET_MINUTES = Decimal(60) * Decimal("0.8")


@dataclass
class Section:
    key: str
    title: StrOrPromise
    rows: list[tuple[Client, str]] = field(default_factory=list)
    limit: int = SHOWN
    more: bool = False

    def keep(self, rows: list[tuple[Client, str]]) -> None:
        """The first ``limit`` rows; ``more`` says whether there were others (read limit + 1)."""
        self.rows, self.more = rows[: self.limit], len(rows) > self.limit


def _latest(field_name: str) -> Subquery:
    return Subquery(
        Contact.objects.filter(client=OuterRef("pk")).order_by("-at", "-id").values(field_name)[:1]
    )


def attention(
    clients: QuerySet[Client], *, today: datetime.date, expand: str = ""
) -> list[Section]:
    """Each reason a section; a client may be in several. Paused clients only when returning.

    Each section lists SHOWN clients, the section ``expand`` up to ALL_SHOWN.
    """
    paused_now = Pause.objects.filter(
        starts__lte=today, until__gte=today, ended_early_on__isnull=True
    ).values("client_id")
    active = clients.exclude(pk__in=paused_now)
    quiet_since = timezone.make_aware(
        datetime.datetime.combine(
            today - datetime.timedelta(days=settings.KOERS_ATTENTION_DAYS), datetime.time.min
        )
    )
    sections = [
        Section("callbacks", _("Call-backs due")),
        Section("follow_ups", _("Follow-ups due")),
        Section("deadlines", _("Deadlines within 14 days")),
        Section(
            "quiet",
            _("No successful contact for %(days)d days") % {"days": settings.KOERS_ATTENTION_DAYS},
        ),
        Section("pauses", _("Pauses ending this week")),
        Section("consent", _("Consent expiring within 30 days")),
        Section("budget", _("Traject budget nearly used")),
    ]
    by_key = {section.key: section for section in sections}
    if expand in by_key:
        by_key[expand].limit = ALL_SHOWN
    # One more than shown, so that a section knows whether there is more.
    read = {key: section.limit + 1 for key, section in by_key.items()}
    latest = active.annotate(
        latest_callback=_latest("callback_at"), latest_follow_up=_latest("next_action_on")
    )
    end_of_today = timezone.make_aware(datetime.datetime.combine(today, datetime.time.max))
    by_key["callbacks"].keep(
        [
            (client, timezone.localtime(client.latest_callback).strftime("%d-%m %H:%M"))
            for client in latest.filter(latest_callback__lte=end_of_today).order_by(
                "latest_callback"
            )[: read["callbacks"]]
        ]
    )
    by_key["follow_ups"].keep(
        [
            (client, client.latest_follow_up.strftime("%d-%m"))
            for client in latest.filter(latest_follow_up__lte=today).order_by("latest_follow_up")[
                : read["follow_ups"]
            ]
        ]
    )
    due: list[tuple[datetime.date, Client, str]] = []
    for traject in (
        Traject.objects.filter(
            client__in=active,
            status__in=OPEN_TRAJECT,
            ends__range=(today, today + datetime.timedelta(days=DEADLINE_DAYS)),
        )
        .select_related("client__coach", "opdrachtgever")
        .order_by("ends")[: read["deadlines"]]
    ):
        assert traject.ends is not None
        due.append((traject.ends, traject.client, f"{traject} {traject.ends.strftime('%d-%m')}"))
    for application in deadlines_soon(active, today=today)[: read["deadlines"]]:
        assert application.deadline_on is not None
        words = training_deadline_words(application.deadline_kind)
        when = application.deadline_on.strftime("%d-%m")
        if application.deadline_on < today:
            when = str(_("passed on %(date)s") % {"date": when})
        due.append((application.deadline_on, application.traject.client, f"{words} {when}"))
    due.sort(key=lambda row: row[0])
    by_key["deadlines"].keep([(client, text) for _on, client, text in due])
    quiet = list(
        active.filter(Q(last_reached_at__lt=quiet_since) | Q(last_reached_at__isnull=True))
        .order_by(F("last_reached_at").asc(nulls_first=True), "pk")
        .values_list("pk", "last_reached_at")[: read["quiet"]]
    )
    silent = Client.objects.select_related("coach").in_bulk([pk for pk, _ in quiet])
    by_key["quiet"].keep(
        [
            (
                silent[pk],
                timezone.localtime(reached).strftime("%d-%m-%Y") if reached else str(_("never")),
            )
            for pk, reached in quiet
        ]
    )
    by_key["pauses"].keep(
        [
            (pause.client, pause.until.strftime("%d-%m"))
            for pause in Pause.objects.filter(
                client__in=clients,
                ended_early_on__isnull=True,
                until__range=(today, today + datetime.timedelta(days=7)),
            )
            .select_related("client__coach")
            .order_by("until")[: read["pauses"]]
        ]
    )
    consents = (
        Consent.objects.filter(
            client__in=clients,
            revoked_on__isnull=True,
            expires_on__range=(today, today + datetime.timedelta(days=CONSENT_DAYS)),
        )
        .select_related("client__coach")
        .order_by("expires_on")[: read["consent"]]
    )
    by_key["consent"].keep(
        [
            (
                consent.client,
                f"{consent.get_recipient_display()} "
                f"{consent.expires_on.strftime('%d-%m') if consent.expires_on else ''}",
            )
            for consent in consents
        ]
    )
    money: DecimalField[Decimal, Decimal] = DecimalField(max_digits=14, decimal_places=2)
    # Minutes against 80 % of the budget: hours x 60 x 0.8, or euros / rate x 60 x 0.8.
    threshold = ExpressionWrapper(F("budget") * Value(BUDGET_MINUTES), output_field=money)
    used_up = (
        Traject.objects.filter(client__in=active, status__in=OPEN_TRAJECT, budget__gt=0)
        .values("pk")
        .annotate(
            minutes_used=Sum("contacts__minutes"),
            cost_minutes=ExpressionWrapper(
                F("minutes_used") * F("hourly_rate"), output_field=money
            ),
        )
        .filter(
            Q(budget_unit=BudgetUnit.HOURS, minutes_used__gte=threshold)
            | Q(budget_unit=BudgetUnit.EUROS, hourly_rate__gt=0, cost_minutes__gte=threshold)
        )
        # Not the section's own limit: with LIMIT 26 PostgreSQL chose a plan that reads the
        # team's contacts row by row (140 ms instead of 5 ms).
        .values_list("pk", flat=True)[: ALL_SHOWN + 1]
    )
    by_key["budget"].keep(
        [
            (traject.client, str(traject))
            for traject in Traject.objects.filter(pk__in=list(used_up)[: read["budget"]])
            .select_related("client__coach", "opdrachtgever")
            .order_by("pk")
        ]
    )
    return sections
