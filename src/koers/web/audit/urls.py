from __future__ import annotations

from django.urls import path

from koers.web.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.search, name="search"),
]
