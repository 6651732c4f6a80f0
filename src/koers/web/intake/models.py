"""Call-back requests from the explorer ("Bel mij terug"): the intake queue (aanmeldingen).

A request holds a first name, a phone number, a best time and, only if the person ticked
the box, the short code of their result. Nothing else: no surname, no e-mail, no IP address
(only a keyed hash of it for the rate limit, which changes every day), never a BSN.
Requests nobody took are deleted after 30 days (``actions.purge_expired``); a request that
became a client keeps no personal data of its own (the client file holds it from then on).
"""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.taxonomy.everyday_skills import shipped as everyday_skills
from koers.web.clients.choices import CallTime, ContactOutcome
from koers.web.common.bsn import refuse_bsn
from koers.web.common.choice_labels import ChoiceLabels
from koers.web.common.presenters import esco_language
from koers.web.explorer.short_code import InvalidCodeError, decode
from koers.web.intake.promise import promised_by

# Untaken requests are deleted this many days after they came in.
KEEP_DAYS = 30
PHONE_MAX_LENGTH = 20
# What people write around the digits: spaces, dashes, dots, brackets.
_PHONE_SEPARATORS = re.compile(r"[\s().-]")
# Dutch (0 and nine digits) or international (+ or 00, country code, 8 to 15 digits in all).
_PHONE = re.compile(r"0[1-9]\d{8}|(?:\+|00)[1-9]\d{7,14}")


def phone_digits(value: str) -> str:
    """The number without separators: what a phone dials."""
    return _PHONE_SEPARATORS.sub("", value.strip())


def validate_phone(value: str) -> None:
    if not _PHONE.fullmatch(phone_digits(value)):
        raise ValidationError(
            _("This is not a phone number we can call. For example: 06 12345678."),
            code="phone",
        )


def validate_short_code(value: str) -> None:
    if not value:
        return
    try:
        decode(value)
    except InvalidCodeError:
        raise ValidationError(_("We could not read your code."), code="short_code") from None


class BestTime(models.TextChoices):
    """When to call: the client file's call times, or any time (the same codes)."""

    ANY = "any", _("any time")
    MORNING = CallTime.MORNING.value, CallTime.MORNING.label
    AFTERNOON = CallTime.AFTERNOON.value, CallTime.AFTERNOON.label
    EVENING = CallTime.EVENING.value, CallTime.EVENING.label


class Status(models.TextChoices):
    NEW = "new", _("new")
    ASSIGNED = "assigned", _("assigned")
    CONVERTED = "converted", _("became a client")
    DECLINED = "declined", _("declined")


OPEN = (Status.NEW, Status.ASSIGNED)
NOTE_MAX_LENGTH = 500


class AttemptOutcome(models.TextChoices):
    """How a try to call back went (the contact log's codes for the same outcomes)."""

    NOT_REACHED = ContactOutcome.NOT_REACHED.value, ContactOutcome.NOT_REACHED.label
    VOICEMAIL = ContactOutcome.VOICEMAIL.value, ContactOutcome.VOICEMAIL.label
    WRONG_NUMBER = ContactOutcome.WRONG_NUMBER.value, ContactOutcome.WRONG_NUMBER.label
    CALLBACK = ContactOutcome.CALLBACK.value, _("reached, call again later")


class CallbackRequest(ChoiceLabels, models.Model):
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=PHONE_MAX_LENGTH, blank=True)
    best_time = models.CharField(
        _("best time to call"), max_length=10, choices=BestTime.choices, default=BestTime.ANY
    )
    short_code = models.CharField(
        _("code of the result"), max_length=9, blank=True, validators=[validate_short_code]
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="callback_requests",
        verbose_name=_("coach"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    assigned_at = models.DateTimeField(_("assigned at"), null=True, blank=True)
    client = models.ForeignKey(
        "clients.Client",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("client"),
    )
    # A keyed hash of the address the request came from and the day: for the rate limit only.
    fingerprint = models.CharField(
        _("address hash (for the rate limit)"), max_length=64, blank=True, db_index=True
    )
    # Came in during an hour with very many requests (a flood, perhaps a bot): the team
    # lead's queue marks it, so that someone checks it is real before calling.
    during_flood = models.BooleanField(_("during a rush"), default=False)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("call-back request")
        constraints = [
            # Until it becomes a client, a request has a name and a number to call.
            models.CheckConstraint(
                condition=models.Q(status=Status.CONVERTED)
                | (~models.Q(first_name="") & ~models.Q(phone="")),
                name="callback_has_name_and_phone",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=Status.ASSIGNED) | models.Q(coach__isnull=False),
                name="callback_assigned_has_coach",
            ),
        ]

    def __str__(self) -> str:
        return f"call-back request {self.pk}"

    def clean(self) -> None:
        for name in ("first_name", "phone"):
            try:
                refuse_bsn(getattr(self, name))
            except ValidationError as error:
                raise ValidationError({name: error.messages}) from None
        if self.status != Status.CONVERTED and self.phone:
            validate_phone(self.phone)

    @property
    def dial_number(self) -> str:
        """The number for a ``tel:`` link."""
        return phone_digits(self.phone)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def expires_on(self) -> datetime.date:
        """The day the daily purge deletes this request if nobody takes it."""
        return timezone.localtime(self.created_at).date() + datetime.timedelta(days=KEEP_DAYS)

    @property
    def promised_by(self) -> datetime.date:
        """The last day of the explorer's promise to call back."""
        return promised_by(timezone.localdate(self.created_at))

    @property
    def can_also(self) -> list[str]:
        """What the person ticked in the explorer that they can also do, in words (the code
        of their result holds it); empty without a code or ticks."""
        try:
            keys = decode(self.short_code).can if self.short_code else ()
        except InvalidCodeError:
            return []
        things = everyday_skills()
        return [thing.label(esco_language()) for key in keys if (thing := things.get(key))]


class CallbackAttempt(ChoiceLabels, models.Model):
    """One try to call a request back that did not end it (reaching the person ends in a
    client or a decline). Notes hold no personal data beyond what the call needs."""

    request = models.ForeignKey(
        CallbackRequest,
        on_delete=models.CASCADE,
        related_name="attempts",
        verbose_name=_("call-back request"),
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("by"),
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=AttemptOutcome.choices)
    note = models.CharField(_("note"), max_length=NOTE_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("call-back attempt")

    def __str__(self) -> str:
        return f"attempt {self.pk} on call-back request {self.request_id}"

    def clean(self) -> None:
        try:
            refuse_bsn(self.note)
        except ValidationError as error:
            raise ValidationError({"note": error.messages}) from None
