from __future__ import annotations

from django.urls import path

from koers.web.casework import views

app_name = "casework"
urlpatterns = [
    path("aandacht/", views.needs_attention, name="attention"),
    path("<int:pk>/", views.client_page, name="client"),
    path("<int:pk>/pauze/", views.pause, name="pause"),
    path("<int:pk>/pauze/stoppen/", views.end_pause, name="end_pause"),
]
