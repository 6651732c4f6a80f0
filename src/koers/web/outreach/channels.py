"""Which channel may carry a message to a client, and carrying it.

Koers keeps no consent per channel: a client's consent is to share with recipients. What the
client agreed to about being reached is their preferred channel, with the number or address
they gave. So a message goes only over the channel that matches it: a text message to the
phone number of a client who prefers the phone, WhatsApp for one who prefers WhatsApp, e-mail
for one who prefers e-mail; none for a letter, a video call or a visit (docs/outreach.md).
"""

from __future__ import annotations

import re
import urllib.parse

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.web.clients.choices import Channel
from koers.web.clients.models import Client
from koers.web.outreach.sms import SendError, sms_backend


class SendChannel(models.TextChoices):
    SMS = "sms", gettext_lazy("text message (SMS)")
    WHATSAPP = "whatsapp", gettext_lazy("WhatsApp")
    EMAIL = "email", gettext_lazy("e-mail")


# The preferred channel of the client file, and the one message channel it allows.
ALLOWED = {
    Channel.PHONE: SendChannel.SMS,
    Channel.WHATSAPP: SendChannel.WHATSAPP,
    Channel.EMAIL: SendChannel.EMAIL,
}
# How a message shows in the contact log (which has no SMS channel: it went to the phone).
LOGGED_AS = {
    SendChannel.SMS: Channel.PHONE,
    SendChannel.WHATSAPP: Channel.WHATSAPP,
    SendChannel.EMAIL: Channel.EMAIL,
}
# The longest text per channel: three SMS parts; a readable mail or chat message.
TEXT_MAX = {SendChannel.SMS: 459, SendChannel.WHATSAPP: 1000, SendChannel.EMAIL: 2000}


def channels_for(client: Client) -> list[SendChannel]:
    """The channels a message to ``client`` may go over (none or one)."""
    allowed = ALLOWED.get(Channel(client.channel)) if client.channel in Channel.values else None
    return [allowed] if allowed is not None else []


def language_of(client: Client) -> str:
    """English for a client whose language is English ("en", "Engels"), else Dutch."""
    return "en" if client.language.strip().lower().startswith(("en", "eng")) else "nl"


def international(phone: str) -> str:
    """A Dutch or international phone number as digits with the country code (31612345678)."""
    digits = re.sub(r"[\s().-]", "", phone)
    if digits.startswith("+"):
        digits = digits[1:]
    elif digits.startswith("00"):
        digits = digits[2:]
    elif digits.startswith("0"):
        digits = "31" + digits[1:]
    if not digits.isdigit() or not 10 <= len(digits) <= 15:
        raise ValidationError(
            _("The phone number “%(phone)s” cannot receive a message: check it in the details.")
            % {"phone": phone}
        )
    return digits


def address_of(client: Client, channel: SendChannel) -> str:
    """Where the message goes: the e-mail address or the phone number in international form."""
    if channel == SendChannel.EMAIL:
        if not client.email:
            raise ValidationError(_("There is no e-mail address in the client's details."))
        return client.email
    if not client.phone:
        raise ValidationError(_("There is no phone number in the client's details."))
    return international(client.phone)


def check_channel(client: Client, channel: str) -> SendChannel:
    """``channel`` if the client agreed to it, else ValidationError saying why not."""
    if channel not in channels_for(client):
        raise ValidationError(
            _(
                "%(name)s prefers to be reached by %(preferred)s: a message by %(channel)s "
                "is not allowed. Change the preferred channel if the client agrees."
            )
            % {
                "name": client.first_name,
                "preferred": client.get_channel_display(),
                "channel": SendChannel(channel).label if channel in SendChannel.values else channel,
            }
        )
    return SendChannel(channel)


def whatsapp_link(client: Client, text: str) -> str:
    """The click-to-chat link that opens WhatsApp with ``text`` filled in, to the client."""
    number = address_of(client, SendChannel.WHATSAPP)
    return f"https://wa.me/{number}?text={urllib.parse.quote(text)}"


def deliver(client: Client, channel: SendChannel, *, subject: str, text: str) -> None:
    """Send the message by e-mail or SMS; SendError says what failed. WhatsApp goes by hand."""
    to = address_of(client, channel)
    if channel == SendChannel.EMAIL:
        try:
            EmailMessage(subject=subject, body=text, to=[to]).send(fail_silently=False)
        except OSError as error:  # smtplib.SMTPException is an OSError
            raise SendError(
                _("The e-mail could not be sent: the mail server answered “%(error)s”.")
                % {"error": error}
            ) from error
    elif channel == SendChannel.SMS:
        sms_backend().send(to=to, text=text)
