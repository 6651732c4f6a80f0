"""Messages to clients and the message templates; the coach's calendar feed."""

from __future__ import annotations

from django.urls import path

from koers.web.outreach import agenda_views, views

app_name = "outreach"
urlpatterns = [
    path("clienten/<int:pk>/bericht/", views.compose, name="compose"),
    path("clienten/<int:pk>/afspraak.ics", agenda_views.appointment, name="appointment"),
    path("account/agenda/", agenda_views.my_feed, name="my_feed"),
    path("berichten/", views.templates, name="templates"),
    path("berichten/nieuw/", views.template_form, name="template_create"),
    path("berichten/<int:pk>/", views.template_form, name="template_edit"),
]
