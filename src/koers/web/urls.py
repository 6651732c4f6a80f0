"""URLs: Dutch at the root, English under /en/ (the language is in the URL, nothing stored)."""

from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

urlpatterns = i18n_patterns(
    path("", include("koers.web.explorer.urls")),
    prefix_default_language=False,
)
