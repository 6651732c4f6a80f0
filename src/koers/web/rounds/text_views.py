"""The call scripts and note templates of the calling rounds, kept by admins."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from koers.web.accounts.decorators import current_user, staff_required
from koers.web.accounts.permissions import can_administer
from koers.web.common.setting_pages import list_with_form
from koers.web.rounds import actions
from koers.web.rounds.forms import CallScriptForm, NoteTemplateForm
from koers.web.rounds.models import CallScript, NoteTemplate

for_admins = staff_required(can_administer)


@for_admins
@require_http_methods(["GET", "POST"])
def call_scripts(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    return list_with_form(
        request,
        current_user(request),
        pk,
        CallScript.objects.all(),
        CallScriptForm,
        lambda user, row: actions.save_call_script(by=user, script=row),
        template="rounds/call_scripts.html",
        list_url="rounds:scripts",
    )


@for_admins
@require_http_methods(["GET", "POST"])
def note_templates(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    return list_with_form(
        request,
        current_user(request),
        pk,
        NoteTemplate.objects.all(),
        NoteTemplateForm,
        lambda user, row: actions.save_note_template(by=user, template=row),
        template="rounds/note_templates.html",
        list_url="rounds:note_templates",
    )
