"""The page admins use for a list of organisation settings: the rows, and a form to add one or
to change the one in the URL."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.contrib import messages
from django.db import models
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from koers.web.common.forms import on_valid_post

Row = TypeVar("Row", bound=models.Model)
U = TypeVar("U")


def list_with_form(
    request: HttpRequest,
    user: U,
    pk: int | None,
    rows: QuerySet[Row],
    form_class: type[forms.ModelForm[Row]],
    save: Callable[[U, Row], Row],
    *,
    template: str,
    list_url: str,
) -> HttpResponse:
    """The rows, with a form to add one (or to change row ``pk``); saved, back to the list."""
    instance = None
    if pk is not None:
        instance = rows.filter(pk=pk).first()
        if instance is None:
            raise Http404
    form = form_class(request.POST or None, instance=instance)
    saved = on_valid_post(request, form, lambda: save(user, form.instance))
    if saved is not None:
        messages.success(request, _("Saved."))
        return redirect(list_url)
    return TemplateResponse(request, template, {"form": form, "rows": rows, "editing": instance})
