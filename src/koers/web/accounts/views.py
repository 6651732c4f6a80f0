"""Signing in and out, the second factor, and one's own account."""

from __future__ import annotations

from base64 import b32encode
from collections.abc import Callable
from typing import cast

import django_otp
import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from koers.web.accounts import actions, queries, tokens
from koers.web.accounts.decorators import current_user, staff_required
from koers.web.accounts.forms import (
    CodeForm,
    EnrolmentCodeForm,
    LinkPasswordForm,
    LoginForm,
    OwnPasswordChangeForm,
    OwnPasswordForm,
    RecoveryCodeForm,
)
from koers.web.accounts.models import RecoveryDevice, User
from koers.web.accounts.password_reset import ThrottledPasswordResetForm

# The session remembers which enrolment code its user typed, until the authenticator is confirmed.
ENROLMENT_KEY = "koers_enrolment_code"


def landing_url(user: User) -> str:
    """Where a person starts: admins at the data requests, the others at their caseload."""
    return reverse("data:requests") if user.is_admin else reverse("clients:caseload")


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def _signed_in(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) and user.is_authenticated else None


def _with_next(name: str, next_url: str) -> str:
    url = reverse(name)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login(request: HttpRequest) -> HttpResponse:
    """Username and password; then the second factor when the organisation requires one."""
    next_url = _safe_next(request)
    signed_in = _signed_in(request)
    if request.method == "GET" and signed_in is not None:
        return redirect(next_url or landing_url(signed_in))
    form = LoginForm(request, data=request.POST if request.method == "POST" else None)
    if form.is_valid():
        user = form.get_user()
        assert isinstance(user, User)
        auth_login(request, user)
        target = next_url or landing_url(user)
        if settings.KOERS_REQUIRE_2FA:
            return redirect(_with_next("accounts:two_factor", target))
        return redirect(target)
    return TemplateResponse(request, "accounts/login.html", {"form": form, "next": next_url})


def logout(request: HttpRequest) -> HttpResponse:
    """Sign out with a form (POST); someone who is not signed in goes to the sign-in page."""
    if _signed_in(request) is None:
        return redirect_to_login(request.get_full_path())
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    auth_logout(request)
    messages.success(request, _("You are signed out."))
    return redirect("accounts:login")


@never_cache
def two_factor(request: HttpRequest) -> HttpResponse:
    """The way in for the second factor: set it up the first time, else check a code."""
    user = _signed_in(request)
    if user is None:
        return redirect_to_login(request.get_full_path())
    next_url = _safe_next(request)
    if user.is_verified():  # type: ignore[attr-defined]
        return redirect(next_url or landing_url(user))
    if queries.has_two_factor(user):
        return redirect(_with_next("accounts:two_factor_verify", next_url))
    return redirect(_with_next("accounts:two_factor_enrol", next_url))


def _qr_code(device: TOTPDevice) -> str:
    """The otpauth:// link as an SVG data URI (the CSP allows data: images, no inline script)."""
    return str(segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2))


def _secret(device: TOTPDevice) -> str:
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@sensitive_post_parameters("code", "enrolment_code")
@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_enrol(request: HttpRequest) -> HttpResponse:
    """Scan the QR code (or type the key), confirm with a code, and see the recovery codes once."""
    user = _signed_in(request)
    if user is None:
        return redirect_to_login(request.get_full_path())
    next_url = _safe_next(request)
    if queries.has_two_factor(user):
        # A second authenticator only after an admin reset: else a password would be enough.
        return redirect(_with_next("accounts:two_factor_verify", next_url))
    enrolment_id = request.session.get(ENROLMENT_KEY)
    if not isinstance(enrolment_id, int) or not queries.has_enrolment_code(user, enrolment_id):
        return _enrolment_code(request, user, next_url)
    device = actions.start_two_factor(by=user)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        codes = actions.confirm_two_factor(
            by=user, device=device, token=form.cleaned_data["code"], enrolment_id=enrolment_id
        )
        if codes is not None:
            del request.session[ENROLMENT_KEY]
            django_otp.login(request, device)
            request.session.cycle_key()
            return TemplateResponse(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": next_url or landing_url(user), "first_time": True},
            )
        form.add_error("code", _wrong_code(device))
    context = {
        "form": form,
        "next": next_url,
        "qr_code": _qr_code(device),
        "secret": _secret(device),
    }
    return TemplateResponse(request, "accounts/two_factor_enrol.html", context)


def _enrolment_code(request: HttpRequest, user: User, next_url: str) -> HttpResponse:
    """The step before the QR code: the one-time code an admin gave, so a password is not enough.

    The QR code holds the key itself, so it is shown only to someone who passed this step.
    """
    posted = request.POST if request.method == "POST" and "enrolment_code" in request.POST else None
    form = EnrolmentCodeForm(posted)
    if form.is_valid():
        enrolment_id = actions.accept_enrolment_code(
            by=user, typed=form.cleaned_data["enrolment_code"]
        )
        if enrolment_id is not None:
            request.session[ENROLMENT_KEY] = enrolment_id
            return redirect(_with_next("accounts:two_factor_enrol", next_url))
        form.add_error(
            "enrolment_code",
            _("That enrolment code is not right, or it has expired. Ask your admin for a new one."),
        )
    context = {"form": form, "next": next_url}
    return TemplateResponse(request, "accounts/two_factor_enrolment_code.html", context)


def _wrong_code(device: TOTPDevice | RecoveryDevice) -> str:
    allowed, _details = device.verify_is_allowed()
    if not allowed:
        return _("Too many wrong codes. Wait a minute, then try again.")
    return _("That code is not right. Wait for the next code and try again.")


@sensitive_post_parameters("code", "recovery_code")
@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """A code from the authenticator app, or one recovery code (each works once)."""
    user = _signed_in(request)
    if user is None:
        return redirect_to_login(request.get_full_path())
    next_url = _safe_next(request)
    totp = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if totp is None:
        return redirect(_with_next("accounts:two_factor_enrol", next_url))
    posted = request.POST if request.method == "POST" else None
    use_recovery = posted is not None and "recovery_code" in posted
    form = CodeForm(None if use_recovery else posted)
    recovery_form = RecoveryCodeForm(posted if use_recovery else None)
    device: TOTPDevice | RecoveryDevice | None = None
    if form.is_valid():
        if actions.verify_second_step(by=user, device=totp, token=form.cleaned_data["code"]):
            device = totp
        else:
            form.add_error("code", _wrong_code(totp))
    elif recovery_form.is_valid():
        recovery = RecoveryDevice.objects.filter(user=user, confirmed=True).first()
        code = recovery_form.cleaned_data["recovery_code"]
        if recovery is not None and actions.verify_second_step(
            by=user, device=recovery, token=code
        ):
            device = recovery
            left = queries.recovery_codes_left(user)
            messages.warning(
                request,
                ngettext(
                    "You used a recovery code; %(count)d is left. Make new ones on My account.",
                    "You used a recovery code; %(count)d are left. Make new ones on My account.",
                    left,
                )
                % {"count": left},
            )
        else:
            recovery_form.add_error(
                "recovery_code",
                _wrong_code(recovery)
                if recovery is not None and not recovery.verify_is_allowed()[0]
                else _("That recovery code is not right, or it was used before."),
            )
    if device is not None:
        django_otp.login(request, device)
        request.session.cycle_key()
        return redirect(next_url or landing_url(user))
    context = {"form": form, "recovery_form": recovery_form, "next": next_url}
    return TemplateResponse(request, "accounts/two_factor_verify.html", context)


@staff_required()
def account(request: HttpRequest) -> TemplateResponse:
    """One's own account: the second factor, recovery codes, the password."""
    user = current_user(request)
    context = {
        "has_2fa": queries.has_two_factor(user),
        "verified": user.is_verified(),  # type: ignore[attr-defined]
        "codes_left": queries.recovery_codes_left(user),
        "tokens": tokens.tokens_of(user).filter(revoked_at__isnull=True),
        "now": timezone.now(),
    }
    return TemplateResponse(request, "accounts/account.html", context)


@staff_required()
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke one of one's own API tokens (another's is not found)."""
    user = current_user(request)
    token = get_object_or_404(tokens.tokens_of(user), pk=pk)
    tokens.revoke_token(by=user, token=token)
    messages.success(request, _("The token is revoked: it no longer works."))
    return redirect("accounts:account")


@staff_required()
@require_POST
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """Ten new recovery codes, shown once; only in a session checked with the second factor."""
    user = current_user(request)
    if not user.is_verified():  # type: ignore[attr-defined]
        return redirect(_with_next("accounts:two_factor", reverse("accounts:account")))
    codes = actions.regenerate_recovery_codes(by=user)
    context = {"codes": codes, "next": reverse("accounts:account"), "first_time": False}
    return TemplateResponse(request, "accounts/recovery_codes.html", context)


@sensitive_post_parameters("new_password1", "new_password2")
@never_cache
@require_http_methods(["GET", "POST"])
def password_set(request: HttpRequest) -> HttpResponse:
    """First sign-in with a password an admin chose: the user picks their own before all else.

    With two-step sign-in required, the second step comes first: someone who learned the
    first password then cannot take the account over by changing it.
    """
    user = _signed_in(request)
    if user is None:
        return redirect_to_login(request.get_full_path())
    next_url = _safe_next(request)
    if settings.KOERS_REQUIRE_2FA and not user.is_verified():  # type: ignore[attr-defined]
        return redirect(_with_next("accounts:two_factor", request.get_full_path()))
    if not user.must_set_password:
        return redirect(next_url or landing_url(user))
    form = OwnPasswordForm(user, request.POST if request.method == "POST" else None)
    if form.is_valid():
        form.save()
        update_session_auth_hash(request, user)
        messages.success(request, _("Your password is set."))
        return redirect(next_url or landing_url(user))
    return TemplateResponse(request, "accounts/password_set.html", {"form": form, "next": next_url})


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")
    form_class = OwnPasswordChangeForm

    def form_valid(self, form: OwnPasswordChangeForm) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("Your password is changed."))
        return response


password_change = staff_required()(
    cast("Callable[..., HttpResponse]", PasswordChangeView.as_view())
)


password_reset = auth_views.PasswordResetView.as_view(
    form_class=ThrottledPasswordResetForm,
    template_name="accounts/password_reset.html",
    email_template_name="accounts/password_reset_email.txt",
    subject_template_name="accounts/password_reset_subject.txt",
    success_url=reverse_lazy("accounts:password_reset_done"),
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    form_class=LinkPasswordForm,
    success_url=reverse_lazy("accounts:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)
