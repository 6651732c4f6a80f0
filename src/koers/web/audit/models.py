"""The audit trail: who saw or changed which client's data, when; append-only."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    CLIENT_LISTED = "client.listed", _("caseload viewed")
    CLIENT_VIEWED = "client.viewed", _("client viewed")
    CLIENT_CREATED = "client.created", _("client created")
    CLIENT_CHANGED = "client.changed", _("client changed")
    CLIENT_REASSIGNED = "client.reassigned", _("client reassigned")
    CLIENT_EXPORTED = "client.exported", _("client exported")
    CLIENT_ERASED = "client.erased", _("client erased")
    CLIENT_ANONYMISED = "client.anonymised", _("client anonymised (retention)")
    CLIENTS_IMPORTED = "clients.imported", _("caseload imported")
    CONTACT_LOGGED = "contact.logged", _("contact logged")
    CLIENT_PAUSED = "client.paused", _("client paused")
    PAUSE_ENDED = "pause.ended", _("pause ended early")
    ROUND_STARTED = "round.started", _("calling round started")
    ROUND_CHANGED = "round.changed", _("calling round changed")
    ROUND_CLOSED = "round.closed", _("calling round closed")
    CALL_TEXT_SAVED = "round.call_text_saved", _("call script or note template saved")
    CONSENT_GIVEN = "consent.given", _("consent recorded")
    CONSENT_REVOKED = "consent.revoked", _("consent revoked")
    TRAJECT_CREATED = "traject.created", _("traject created")
    TRAJECT_CHANGED = "traject.changed", _("traject changed")
    TRAJECT_STATUS = "traject.status", _("traject status changed")
    AFSPRAAK_SAVED = "afspraak.saved", _("agreement saved")
    OPDRACHTGEVER_SAVED = "opdrachtgever.saved", _("commissioning party saved")
    USER_CREATED = "user.created", _("user created")
    USER_CHANGED = "user.changed", _("user changed")
    USER_2FA_RESET = "user.2fa_reset", _("two-factor authentication reset")
    SIGNED_IN = "auth.signed_in", _("signed in")
    SIGN_IN_FAILED = "auth.sign_in_failed", _("sign-in failed")
    SIGNED_OUT = "auth.signed_out", _("signed out")
    PASSWORD_CHANGED = "auth.password_changed", _("password changed")
    TEAM_CREATED = "team.created", _("team created")
    COVER_CREATED = "cover.created", _("cover arranged")
    COVER_ENDED = "cover.ended", _("cover ended")
    AUDIT_SEARCHED = "audit.searched", _("audit trail searched")
    INTAKE_RECEIVED = "intake.received", _("call-back request received")
    INTAKE_LISTED = "intake.listed", _("call-back requests viewed")
    INTAKE_VIEWED = "intake.viewed", _("call-back request viewed")
    INTAKE_ASSIGNED = "intake.assigned", _("call-back request assigned")
    INTAKE_CONVERTED = "intake.converted", _("call-back request turned into a client")
    INTAKE_DECLINED = "intake.declined", _("call-back request declined")
    INTAKE_ATTEMPT_LOGGED = "intake.attempt_logged", _("call-back attempt logged")
    INTAKE_PURGED = "intake.purged", _("old call-back requests deleted")
    SCHEME_SAVED = "scheme.saved", _("scheme saved")
    WINDOW_SAVED = "window.saved", _("scheme window saved")
    COURSE_SAVED = "course.saved", _("course saved")
    COURSES_IMPORTED = "courses.imported", _("courses imported")
    APPLICATION_CREATED = "application.created", _("training application created")
    APPLICATION_CHANGED = "application.changed", _("training application changed")
    APPLICATION_STATUS = "application.status", _("training application status changed")
    APPLICATIONS_LISTED = "applications.listed", _("training applications viewed")
    APPLICATIONS_EXPORTED = "applications.exported", _("training applications exported")
    DEMO_DATA = "demo.created", _("demo data created")
    PLAN_CREATED = "plan.created", _("career plan started")
    PLAN_CHANGED = "plan.changed", _("career plan changed")
    PLAN_VIEWED = "plan.viewed", _("career plan viewed")
    PLAN_AGREED = "plan.agreed", _("client answered on the career plan")
    PLAN_PRINTED = "plan.printed", _("career plan printed for the client")
    PLAN_SHARED = "plan.shared", _("career plan sent to the commissioning party")
    PLAN_LINK_CREATED = "plan.link_created", _("private link to the career plan made")
    PLAN_LINK_REVOKED = "plan.link_revoked", _("private link to the career plan revoked")
    PLAN_LINK_VIEWED = "plan.link_viewed", _("career plan read by the client through the link")
    TOKEN_CREATED = "token.created", _("API token made")
    TOKEN_REVOKED = "token.revoked", _("API token revoked")
    MESSAGE_SENT = "message.sent", _("message sent to the client")
    MESSAGE_TEMPLATE_SAVED = "message_template.saved", _("message template saved")
    CALENDAR_FEED_RENEWED = "calendar_feed.renewed", _("private calendar feed renewed")
    CALENDAR_FEED_READ = "calendar_feed.read", _("private calendar feed read")
    REPORT_VIEWED = "report.viewed", _("report viewed")
    REPORT_EXPORTED = "report.exported", _("report downloaded")
    REPORT_SENT = "report.sent", _("report recorded as sent to the commissioning party")


def action_label(value: str) -> str:
    """The words for a stored action; one this version no longer knows reads as itself."""
    try:
        return str(AuditAction(value).label)
    except ValueError:
        return value


class AppendOnlyError(RuntimeError):
    """Raised on an attempt to change or delete an audit entry."""


class AuditEvent(models.Model):
    """One entry. Field names only, never their values; ``client_id`` survives erasure."""

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
    )
    # Kept as text too, so the entry still reads right if the account is renamed.
    actor_name = models.CharField(_("who"), max_length=150)
    # No ``choices``: a new AuditAction needs no migration; ``action_label`` gives the words.
    action = models.CharField(_("what"), max_length=32)
    client_id = models.BigIntegerField(_("client"), null=True, blank=True, db_index=True)
    target = models.CharField(_("object"), max_length=64, blank=True)
    fields = models.JSONField(_("fields"), default=list, blank=True)
    detail = models.CharField(_("detail"), max_length=200, blank=True)
    via = models.CharField(_("via"), max_length=10, default="web")

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["actor", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit entries cannot be deleted")

    @property
    def action_label(self) -> str:
        return action_label(self.action)
