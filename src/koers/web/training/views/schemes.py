"""Schemes (regelingen) and their windows: every staff member reads them, admins keep them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from koers.web.accounts.decorators import current_user, staff_required
from koers.web.accounts.permissions import can_administer, can_read_training
from koers.web.common.forms import on_valid_post
from koers.web.training import actions
from koers.web.training.forms.catalogue import SchemeForm, WindowForm
from koers.web.training.models import Application, Scheme, Window
from koers.web.training.queries import totals_per_scheme

for_staff = staff_required(can_read_training)
for_admins = staff_required(can_administer)


@dataclass(frozen=True, slots=True)
class SchemeRow:
    """A scheme with the window open today (the first to close) or else the next one."""

    scheme: Scheme
    open: Window | None
    next: Window | None


def _row(scheme: Scheme, today: datetime.date) -> SchemeRow:
    windows = sorted(scheme.windows.all(), key=lambda window: window.opens_on)
    open_now = sorted((w for w in windows if w.is_open(today)), key=lambda w: w.closes_on)
    upcoming = [window for window in windows if window.opens_on > today]
    return SchemeRow(scheme, open_now[0] if open_now else None, upcoming[0] if upcoming else None)


@for_staff
def schemes(request: HttpRequest) -> TemplateResponse:
    today = timezone.localdate()
    rows = [_row(scheme, today) for scheme in Scheme.objects.prefetch_related("windows")]
    return TemplateResponse(
        request,
        "training/schemes.html",
        {
            "rows": [row for row in rows if row.scheme.active],
            "inactive": [row for row in rows if not row.scheme.active],
            "may_edit": can_administer(current_user(request)),
        },
    )


@for_staff
def scheme_detail(request: HttpRequest, pk: int) -> TemplateResponse:
    """All about one scheme and its windows; admins also see its totals (no client names)."""
    scheme = get_object_or_404(Scheme, pk=pk)
    today = timezone.localdate()
    windows = list(scheme.windows.order_by("opens_on"))
    may_edit = can_administer(current_user(request))
    totals = None
    if may_edit:
        found = totals_per_scheme(Application.objects.filter(lines__scheme=scheme))
        totals = next((total for total in found if total.scheme == scheme.name), None)
    return TemplateResponse(
        request,
        "training/scheme_detail.html",
        {
            "scheme": scheme,
            "past": [window for window in windows if window.closes_on < today],
            "open": [window for window in windows if window.is_open(today)],
            "upcoming": [window for window in windows if window.opens_on > today],
            "may_edit": may_edit,
            "totals": totals,
        },
    )


@for_admins
@require_http_methods(["GET", "POST"])
def scheme_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Add a scheme, or change the one in the URL."""
    scheme = get_object_or_404(Scheme, pk=pk) if pk is not None else Scheme()
    title = _("Change %(name)s") % {"name": scheme.name} if scheme.pk else _("New scheme")
    form = SchemeForm(request.POST or None, instance=scheme)
    saved = on_valid_post(
        request,
        form,
        lambda: actions.save_scheme(by=current_user(request), scheme=form.instance),
    )
    if saved is not None:
        messages.success(request, _("Scheme saved."))
        return redirect("training:scheme_detail", pk=saved.pk)
    return TemplateResponse(
        request,
        "training/scheme_form.html",
        {"form": form, "title": title, "scheme": scheme if scheme.pk else None},
    )


@for_admins
@require_http_methods(["GET", "POST"])
def window_form(request: HttpRequest, pk: int, window_pk: int | None = None) -> HttpResponse:
    """Add a window to a scheme (next year's too), or change one of its windows."""
    scheme = get_object_or_404(Scheme, pk=pk)
    if window_pk is None:
        window = Window(scheme=scheme)
        title = _("Add a window to %(scheme)s") % {"scheme": scheme.name}
    else:
        window = get_object_or_404(scheme.windows, pk=window_pk)
        title = _("Change the window %(window)s") % {"window": window.label}
    form = WindowForm(request.POST or None, instance=window)
    saved = on_valid_post(
        request,
        form,
        lambda: actions.save_window(by=current_user(request), window=form.instance),
    )
    if saved is not None:
        messages.success(request, _("Window saved."))
        return redirect("training:scheme_detail", pk=scheme.pk)
    return TemplateResponse(
        request, "training/window_form.html", {"form": form, "title": title, "scheme": scheme}
    )
