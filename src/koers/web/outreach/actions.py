"""Sending a message to a client, keeping the templates, renewing a calendar feed's token."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.web.accounts.models import User
from koers.web.audit.models import AuditAction
from koers.web.audit.trail import record, save_setting, target_of
from koers.web.clients.actions import log_contact, submitted_contact
from koers.web.clients.choices import ContactOutcome
from koers.web.clients.models import Client, Contact
from koers.web.outreach.agenda import hash_of
from koers.web.outreach.channels import (
    LOGGED_AS,
    TEXT_MAX,
    SendChannel,
    check_channel,
    deliver,
)
from koers.web.outreach.models import CalendarFeed, MessageTemplate


@transaction.atomic
def save_template(*, by: User, template: MessageTemplate) -> MessageTemplate:
    """Create or change a message template (admins); placeholders are checked on save."""
    return save_setting(
        by,
        template,
        AuditAction.MESSAGE_TEMPLATE_SAVED,
        ["key", "name", "subject_nl", "body_nl", "subject_en", "body_en", "active"],
    )


def check_message(client: Client, *, channel: str, subject: str, text: str) -> SendChannel:
    """The channel, if the client agreed to it and the text fits it; else ValidationError."""
    allowed = check_channel(client, channel)
    limit = TEXT_MAX[allowed]
    if not text.strip():
        raise ValidationError({"text": _("Write the message.")})
    if len(text) > limit:
        raise ValidationError(
            {
                "text": _("The message is %(length)d characters; by %(channel)s at most %(limit)d.")
                % {"length": len(text), "channel": allowed.label, "limit": limit}
            }
        )
    if allowed == SendChannel.EMAIL and not subject.strip():
        raise ValidationError({"subject": _("An e-mail needs a subject.")})
    if "\n" in subject or "\r" in subject:
        raise ValidationError({"subject": _("Write the subject on one line.")})
    return allowed


@transaction.atomic
def send_message(
    *,
    by: User,
    client: Client,
    template: MessageTemplate,
    channel: str,
    subject: str,
    text: str,
    token: str = "",
) -> Contact:
    """Send ``text`` over ``channel`` and log it in the client's timeline, in one transaction.

    Only over the channel the client agreed to. E-mail and SMS are sent last: when sending
    fails, SendError rolls everything back and nothing is logged as sent. A WhatsApp message
    is sent by the coach through the click-to-chat link; this logs it once she says it went.
    ``token`` (the form's submit token) makes a retried submit return the first contact
    without sending again.
    """
    earlier = submitted_contact(by=by, client=client, token=token)
    if earlier is not None:
        return earlier
    allowed = check_message(client, channel=channel, subject=subject, text=text)
    summary = _("%(channel)s “%(name)s”: %(text)s") % {
        "channel": allowed.label,
        "name": template.name,
        "text": text,
    }
    contact = log_contact(
        by=by,
        client=client,
        values={
            "at": timezone.now(),
            "channel": LOGGED_AS[allowed],
            "outcome": ContactOutcome.MESSAGE,
            "summary": summary,
        },
        token=token,
    )
    record(
        by=by,
        action=AuditAction.MESSAGE_SENT,
        client_id=client.pk,
        target=target_of(contact),
        fields=["subject", "text"] if allowed == SendChannel.EMAIL else ["text"],
        detail=f"{allowed.value} {template.key}",
    )
    if allowed != SendChannel.WHATSAPP:
        deliver(client, allowed, subject=subject, text=text)
    return contact


@transaction.atomic
def renew_feed(*, by: User) -> str:
    """A new secret token for the coach's calendar feed; the old one stops working at once.
    Only its hash is kept: the token is returned to be shown this once."""
    token = secrets.token_urlsafe(32)
    feed, _created = CalendarFeed.objects.update_or_create(
        coach=by, defaults={"token_hash": hash_of(token), "created_at": timezone.now()}
    )
    record(by=by, action=AuditAction.CALENDAR_FEED_RENEWED, target=target_of(feed))
    return token
