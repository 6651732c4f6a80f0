"""Users with one role, teams, and waarneming (a coach covering for a colleague)."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin

from koers.web.accounts.codes import matches
from koers.web.accounts.roles import Role
from koers.web.common.choice_labels import ChoiceLabels


class Team(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")

    def __str__(self) -> str:
        return self.name


def display_name(first_name: str, last_name: str, username: str) -> str:
    """How a user is named to others: the full name, else the username."""
    return f"{first_name} {last_name}".strip() or username


# The plugin cannot type the reverse manager of RecoveryDevice.user (django-otp has no types).
class User(ChoiceLabels, AbstractUser):  # type: ignore[django-manager-missing]
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.COACH)
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="members"
    )
    # Set when an admin chose the password: the user replaces it before doing anything else.
    must_set_password = models.BooleanField(_("must choose a password"), default=False)

    class Meta:
        ordering = ["username"]
        verbose_name = _("user")

    @property
    def display_name(self) -> str:
        return display_name(self.first_name, self.last_name, self.username)

    # What display_name reads: for a query that loads only these (``.only`` or ``.values``).
    DISPLAY_NAME_FIELDS = ("first_name", "last_name", "username")

    @property
    def is_coach(self) -> bool:
        return self.role == Role.COACH

    @property
    def led_team_id(self) -> int | None:
        """The team this user leads, else None. A team lead sees, and acts for, the coaches of
        her team: every list, round, report and permission asks this one property."""
        return self.team_id if self.role == Role.TEAMLEAD else None

    def leads_team_of(self, coach: User) -> bool:
        return self.led_team_id is not None and coach.team_id == self.led_team_id

    @property
    def is_teamlead(self) -> bool:
        return self.led_team_id is not None

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN


class Cover(models.Model):
    """Waarneming: ``substitute`` handles the clients of ``coach`` from ``starts`` to ``ends``."""

    coach = models.ForeignKey(User, on_delete=models.CASCADE, related_name="covered_by")
    substitute = models.ForeignKey(User, on_delete=models.CASCADE, related_name="covering")
    starts = models.DateField(_("from"))
    ends = models.DateField(_("until"))
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends__gte=models.F("starts")), name="cover_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~models.Q(coach=models.F("substitute")), name="cover_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.substitute} for {self.coach} ({self.starts} - {self.ends})"

    def is_active(self, today: datetime.date) -> bool:
        return self.starts <= today <= self.ends


class PasswordResetRequest(models.Model):
    """One asked-for reset mail, for the throttle per address and per account (issue 14).

    Keyed hashes only, never the address or the e-mail itself; rows older than an hour go.
    """

    address = models.CharField(max_length=64, db_index=True)
    account = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"password-reset request {self.pk}"


class RecoveryDevice(ThrottlingMixin, Device):  # type: ignore[misc]
    """A user's recovery codes as one django-otp device: each code works once.

    django-otp's own static device keeps its codes as plain text; these are salted hashes.
    """

    class Meta:
        verbose_name = _("recovery codes")

    def get_throttle_factor(self) -> int:
        return 1

    def verify_token(self, token: str) -> bool:
        allowed, _details = self.verify_is_allowed()
        if not allowed:
            return False
        match = next((code for code in self.codes.all() if matches(token, code.digest)), None)
        if match is None:
            self.throttle_increment()
            return False
        match.delete()
        self.throttle_reset()
        return True


class RecoveryCode(models.Model):
    device = models.ForeignKey(RecoveryDevice, on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField(max_length=128)

    def __str__(self) -> str:
        return f"recovery code {self.pk} of device {self.device_id}"


class EnrolmentCode(models.Model):
    """The one-time code an admin hands over (in person, by phone) to set up a second factor.

    Without it, someone who learned a user's password could link his own authenticator app.
    """

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="enrolment_code")
    digest = models.CharField(max_length=128)
    expires_at = models.DateTimeField(_("valid until"))

    def __str__(self) -> str:
        return f"enrolment code of user {self.user_id} until {self.expires_at:%Y-%m-%d}"


class ApiToken(models.Model):
    """A personal token for the JSON API: it acts as its user, with that user's role and team.

    Only the SHA-256 of the token is kept (a token is 256 random bits: no slow hash needed);
    ``prefix`` is its start, so that the owner can tell tokens apart.
    """

    class Scope(models.TextChoices):
        READ = "read", _("read")
        WRITE = "write", _("read and write")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, blank=True)
    scope = models.CharField(_("scope"), max_length=5, choices=Scope.choices)
    prefix = models.CharField(max_length=16)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("made"), default=timezone.now)
    expires_at = models.DateTimeField(_("valid until"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")

    def __str__(self) -> str:
        return f"API token {self.prefix}… of user {self.user_id}"

    def works_at(self, now: datetime.datetime) -> bool:
        return self.revoked_at is None and now < self.expires_at

    @property
    def can_write(self) -> bool:
        return self.scope == self.Scope.WRITE
