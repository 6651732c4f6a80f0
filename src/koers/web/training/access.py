"""Opening an application: allowed exactly when its client may be opened (and then audited)."""

from __future__ import annotations

from django.http import Http404

from koers.web.accounts.models import User
from koers.web.clients.access import get_client_for
from koers.web.training.models import Application


def get_application_for(user: User, pk: int, *, audit: bool = True) -> Application:
    """The application if ``user`` may open its client (the view is audited), else 404."""
    try:
        application = Application.objects.select_related(
            "traject__opdrachtgever", "traject__client__coach", "course"
        ).get(pk=pk)
    except Application.DoesNotExist:
        raise Http404 from None
    get_client_for(user, application.traject.client_id, audit=audit)
    return application
