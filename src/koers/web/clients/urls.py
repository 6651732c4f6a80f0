from __future__ import annotations

from django.urls import path

from koers.web.clients.views import (
    caseload,
    client,
    contacts,
    organisation,
    trajecten,
)

app_name = "clients"
urlpatterns = [
    path("", caseload.caseload, name="caseload"),
    path("nieuw/", client.create, name="create"),
    path("opdrachtgevers/", organisation.opdrachtgevers, name="opdrachtgevers"),
    path("opdrachtgevers/<int:pk>/", organisation.opdrachtgevers, name="opdrachtgever_edit"),
    path("afspraken/", organisation.afspraken, name="afspraken"),
    path("afspraken/<int:pk>/", organisation.afspraken, name="afspraak_edit"),
    path("<int:pk>/wijzigen/", client.edit, name="edit"),
    path("<int:pk>/overdragen/", client.reassign, name="reassign"),
    path("<int:pk>/contact/", contacts.log_contact, name="log_contact"),
    path("<int:pk>/toestemming/", contacts.give_consent, name="give_consent"),
    path(
        "<int:pk>/toestemming/<int:consent_pk>/intrekken/",
        contacts.revoke_consent,
        name="revoke_consent",
    ),
    path("<int:pk>/traject/", trajecten.create, name="traject_create"),
    path("<int:pk>/traject/<int:traject_pk>/", trajecten.edit, name="traject_edit"),
    path(
        "<int:pk>/traject/<int:traject_pk>/status/",
        trajecten.change_status,
        name="traject_status",
    ),
]
