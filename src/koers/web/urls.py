"""URLs: Dutch at the root, English under /en/ (the language is in the URL, nothing stored);
the client's private link to their plan and the JSON API stand apart."""

from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from koers.web.api.v1 import api
from koers.web.outreach.agenda_views import feed
from koers.web.plans.views.public import plan_link

urlpatterns = [
    *i18n_patterns(
        path("account/", include("koers.web.accounts.urls")),
        path("clienten/", include("koers.web.clients.urls")),
        path("clienten/", include("koers.web.casework.urls")),
        path("clienten/", include("koers.web.plans.urls")),
        path("gegevens/", include("koers.web.privacy.urls")),
        path("audit/", include("koers.web.accounts.audit_urls")),
        path("belronde/", include("koers.web.rounds.urls")),
        path("aanmeldingen/", include("koers.web.intake.urls")),
        path("scholing/", include("koers.web.training.urls")),
        path("", include("koers.web.outreach.urls")),
        path("rapportages/", include("koers.web.reports.urls")),
        path("", include("koers.web.explorer.urls")),
        prefix_default_language=False,
    ),
    # The client's private link: outside the language prefixes, since the client's language
    # (not the URL) decides the language of their plan.
    path("plan/<str:token>/", plan_link, name="plan_link"),
    # The JSON API: outside the language prefixes, its paths are the same in every language.
    path("api/v1/", api.urls),
    # The coach's private calendar feed, read by calendar apps without signing in.
    path("agenda/<str:token>.ics", feed, name="calendar_feed"),
]
