"""URLs: Dutch at the root, English under /en/ (the language is in the URL, nothing stored)."""

from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

urlpatterns = i18n_patterns(
    path("account/", include("koers.web.accounts.urls")),
    path("clienten/", include("koers.web.clients.urls")),
    path("clienten/", include("koers.web.casework.urls")),
    path("clienten/", include("koers.web.plans.urls")),
    path("gegevens/", include("koers.web.privacy.urls")),
    path("audit/", include("koers.web.accounts.audit_urls")),
    path("belronde/", include("koers.web.rounds.urls")),
    path("aanmeldingen/", include("koers.web.intake.urls")),
    path("scholing/", include("koers.web.training.urls")),
    path("", include("koers.web.explorer.urls")),
    prefix_default_language=False,
)
