"""The gate in front of every workspace page: signed in, second step, own password, role."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from koers.web.accounts.models import User
from koers.web.accounts.permissions import can_work_with_clients

V = TypeVar("V", bound=Callable[..., HttpResponse])


def staff_required(allowed: Callable[[User], bool] | None = None) -> Callable[[V], V]:
    """Sign-in, 2FA (if KOERS_REQUIRE_2FA), one's own password; then ``allowed(user)`` or a 404.

    The password comes after the second step: whoever learned a password an admin chose can
    then not take the account over by changing it.
    """

    def decorate(view: V) -> V:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            assert isinstance(user, User)
            query = urlencode({"next": request.get_full_path()})
            if settings.KOERS_REQUIRE_2FA and not user.is_verified():  # type: ignore[attr-defined]
                return redirect(f"{reverse('accounts:two_factor')}?{query}")
            if user.must_set_password:
                return redirect(f"{reverse('accounts:password_set')}?{query}")
            if allowed is not None and not allowed(user):
                raise Http404
            return view(request, *args, **kwargs)

        return cast(V, wrapper)

    return decorate


def current_user(request: HttpRequest) -> User:
    """The signed-in user of a request that passed ``staff_required``."""
    user = request.user
    if not isinstance(user, User):
        raise Http404
    return user


# Coaches and team leads; admins handle data requests, not caseloads.
for_coaches = staff_required(can_work_with_clients)
