"""Sending a message from the client's page; the message templates (admins)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from koers.web.accounts.decorators import current_user, for_coaches, staff_required
from koers.web.accounts.models import User
from koers.web.accounts.permissions import can_administer
from koers.web.clients.models import Client
from koers.web.clients.pages import back_to_client, user_and_client
from koers.web.common.forms import on_valid_post, run_on_form
from koers.web.outreach import actions
from koers.web.outreach.channels import SendChannel, channels_for, language_of, whatsapp_link
from koers.web.outreach.filling import fill, values_for
from koers.web.outreach.forms import ChooseForm, MessageForm, TemplateForm
from koers.web.outreach.models import MessageTemplate
from koers.web.outreach.sms import SendError

for_admins = staff_required(can_administer)


def _filled(client: Client, choose: ChooseForm, *, sender: User) -> MessageForm:
    """The message form with the chosen template filled in, in the client's language."""
    data = choose.cleaned_data
    template: MessageTemplate = data["template"]
    language = language_of(client)
    values = values_for(client, sender=sender, language=language, moment=data["moment"])
    return MessageForm(
        initial={
            "template": template,
            "channel": data["channel"],
            "subject": fill(template.subject_in(language), values),
            "text": fill(template.body_in(language), values),
        }
    )


def _checked_link(client: Client, data: dict[str, Any]) -> str:
    actions.check_message(client, channel=data["channel"], subject="", text=data["text"])
    return whatsapp_link(client, data["text"])


def _send(request: HttpRequest, client: Client, form: MessageForm) -> HttpResponse | None:
    """Send (or, for WhatsApp, first show the link); None when the form shows errors."""
    data = form.cleaned_data
    if data["channel"] == SendChannel.WHATSAPP and not data["confirmed"]:
        link = run_on_form(form, lambda: _checked_link(client, data))
        if link is None:
            return None
        context = {"client": client, "form": form, "link": link}
        return TemplateResponse(request, "outreach/whatsapp.html", context)
    try:
        contact = run_on_form(
            form,
            lambda: actions.send_message(
                by=current_user(request),
                client=client,
                template=data["template"],
                channel=data["channel"],
                subject=data["subject"],
                text=data["text"],
                token=data["submit_token"],
            ),
        )
    except SendError as error:
        form.add_error(None, _("Nothing was sent or logged. %(error)s") % {"error": error})
        return None
    if contact is None:
        return None
    return back_to_client(request, client, _("The message was sent and is in the timeline."))


@for_coaches
@require_http_methods(["GET", "POST"])
def compose(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose a message and a channel, read and change the text, send it."""
    user, client = user_and_client(request, pk)
    choose = ChooseForm(request.GET if "template" in request.GET else None, client=client)
    form = None
    if request.method == "POST":
        form = MessageForm(request.POST)
        if form.is_valid():
            sent = _send(request, client, form)
            if sent is not None:
                return sent
    elif choose.is_bound and choose.is_valid():
        form = _filled(client, choose, sender=user)
    context = {
        "client": client,
        "choose": choose,
        "form": form,
        "channels": channels_for(client),
        "language": language_of(client),
    }
    return TemplateResponse(request, "outreach/compose.html", context)


@for_admins
def templates(request: HttpRequest) -> TemplateResponse:
    return TemplateResponse(
        request, "outreach/templates.html", {"templates": MessageTemplate.objects.all()}
    )


@for_admins
@require_http_methods(["GET", "POST"])
def template_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Add a message template, or change the one in the URL."""
    template = get_object_or_404(MessageTemplate, pk=pk) if pk is not None else MessageTemplate()
    form = TemplateForm(request.POST or None, instance=template)
    saved = on_valid_post(
        request,
        form,
        lambda: actions.save_template(by=current_user(request), template=form.instance),
    )
    if saved is not None:
        messages.success(request, _("Message template saved."))
        return redirect("outreach:templates")
    title = _("Change %(name)s") % {"name": template.name} if template.pk else _("New message")
    context = {"form": form, "title": title}
    return TemplateResponse(request, "outreach/template_form.html", context)
