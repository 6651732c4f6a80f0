from __future__ import annotations

from django.urls import path

from koers.web.rounds import text_views, views

app_name = "rounds"
urlpatterns = [
    path("", views.index, name="index"),
    path("aandacht/<slug:section>/", views.from_attention, name="from_attention"),
    path("belscripts/", text_views.call_scripts, name="scripts"),
    path("belscripts/<int:pk>/", text_views.call_scripts, name="script_edit"),
    path("notitiesjablonen/", text_views.note_templates, name="note_templates"),
    path("notitiesjablonen/<int:pk>/", text_views.note_templates, name="note_template_edit"),
    path("<int:pk>/", views.call, name="call"),
    path("<int:pk>/lijst/", views.call_list, name="list"),
    path("<int:pk>/verslag/", views.report, name="report"),
    path("<int:pk>/afsluiten/", views.close, name="close"),
    path("<int:pk>/<int:entry_pk>/overslaan/", views.skip, name="skip"),
    path("<int:pk>/<int:entry_pk>/vastzetten/", views.pin, name="pin"),
]
