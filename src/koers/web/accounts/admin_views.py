"""Pages for admins (users, teams, second-factor resets) and team leads (covers)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from koers.web.accounts import actions, queries
from koers.web.accounts.decorators import current_user, staff_required
from koers.web.accounts.forms import CoverForm, TeamForm, UserCreateForm, UserEditForm
from koers.web.accounts.mail import send_welcome
from koers.web.accounts.models import Team, User
from koers.web.accounts.permissions import can_administer, can_lead_team


def _add_errors(form: forms.Form, error: ValidationError) -> None:
    """Put an action's errors next to the fields they are about (else above the form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        field = name if name in form.fields and name != NON_FIELD_ERRORS else None
        for one in errors:
            form.add_error(field, one)


def _can_arrange_covers(user: User) -> bool:
    return can_lead_team(user) or can_administer(user)


@staff_required(can_administer)
def users(request: HttpRequest) -> TemplateResponse:
    """Every account: role, team, second factor, whether it may sign in, last sign-in."""
    return TemplateResponse(request, "accounts/users.html", {"users": queries.users_for_admin()})


@sensitive_post_parameters("password")
@never_cache
@require_http_methods(["GET", "POST"])
@staff_required(can_administer)
def user_create(request: HttpRequest) -> HttpResponse:
    form = UserCreateForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        data = form.cleaned_data
        by = current_user(request)
        try:
            with transaction.atomic():
                user = actions.create_user(
                    by=by,
                    username=data["username"],
                    role=data["role"],
                    team=data["team"],
                    email=data["email"],
                    password=data["password"] or None,
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                )
                issued = actions.issue_enrolment_code(by=by, user=user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if data["send_reset"]:
                send_welcome(request, user)
                done = _("%(name)s can now sign in: we sent an e-mail to choose a password.")
            else:
                done = _("%(name)s can now sign in with your password, then chooses their own.")
            return _enrolment_code(request, user, issued, done % {"name": user.display_name})
    return TemplateResponse(request, "accounts/user_form.html", {"form": form, "subject": None})


def _enrolment_code(
    request: HttpRequest, subject: User, issued: actions.IssuedCode, done: str
) -> TemplateResponse:
    """The new enrolment code, shown once (never in a message: those may sit in a cookie)."""
    context = {"subject": subject, "issued": issued, "done": done}
    return TemplateResponse(request, "accounts/enrolment_code.html", context)


@require_http_methods(["GET", "POST"])
@staff_required(can_administer)
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    subject = get_object_or_404(User, pk=pk)
    initial = {
        "first_name": subject.first_name,
        "last_name": subject.last_name,
        "email": subject.email,
        "role": subject.role,
        "team": subject.team,
        "is_active": subject.is_active,
    }
    form = UserEditForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_valid():
        try:
            actions.update_user(by=current_user(request), user=subject, values=form.values())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("accounts:users")
    context = {"form": form, "subject": subject, "has_2fa": queries.has_two_factor(subject)}
    return TemplateResponse(request, "accounts/user_form.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required(can_administer)
def user_reset_2fa(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask, then remove the user's second factors (a lost phone) and show a new enrolment code.

    For a user without an authenticator (an expired code, an upgrade) only the new code counts.
    """
    subject = get_object_or_404(User, pk=pk)
    if request.method == "POST":
        issued = actions.reset_two_factor(by=current_user(request), user=subject)
        done = _(
            "Two-factor authentication of %(name)s is reset: they set it up again at sign-in."
        ) % {"name": subject.display_name}
        return _enrolment_code(request, subject, issued, done)
    context = {"subject": subject, "has_2fa": queries.has_two_factor(subject)}
    return TemplateResponse(request, "accounts/user_reset_2fa.html", context)


@require_http_methods(["GET", "POST"])
@staff_required(can_administer)
def teams(request: HttpRequest) -> HttpResponse:
    form = TeamForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            team = actions.create_team(by=current_user(request), name=form.cleaned_data["name"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Team %(name)s is added.") % {"name": team.name})
            return redirect("accounts:teams")
    all_teams = Team.objects.annotate(size=Count("members")).order_by("name")
    return TemplateResponse(request, "accounts/teams.html", {"form": form, "teams": all_teams})


@require_http_methods(["GET", "POST"])
@staff_required(_can_arrange_covers)
def covers(request: HttpRequest) -> HttpResponse:
    """Waarneming in the team: who covers for whom, and arranging a new cover."""
    user = current_user(request)
    form = CoverForm(
        request.POST if request.method == "POST" else None,
        people=queries.cover_candidates(user),
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            cover = actions.arrange_cover(
                by=user,
                coach=data["coach"],
                substitute=data["substitute"],
                starts=data["starts"],
                ends=data["ends"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(substitute)s covers for %(coach)s.")
                % {
                    "substitute": cover.substitute.display_name,
                    "coach": cover.coach.display_name,
                },
            )
            return redirect("accounts:covers")
    context = {"form": form, "covers": queries.covers_for(user), "today": timezone.localdate()}
    return TemplateResponse(request, "accounts/covers.html", context)


@staff_required(_can_arrange_covers)
@require_POST
def end_cover(request: HttpRequest, pk: int) -> HttpResponse:
    """End a cover now (a team lead for the team's covers, or an admin)."""
    user = current_user(request)
    cover = get_object_or_404(queries.covers_for(user), pk=pk)
    actions.end_cover(by=user, cover=cover)
    messages.success(
        request,
        _("%(substitute)s no longer covers for %(coach)s.")
        % {"substitute": cover.substitute.display_name, "coach": cover.coach.display_name},
    )
    return redirect("accounts:covers")
