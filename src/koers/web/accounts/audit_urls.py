from __future__ import annotations

from django.urls import path

from koers.web.accounts import audit_views as views

app_name = "audit"
urlpatterns = [
    path("", views.search, name="search"),
]
