from __future__ import annotations

from django.urls import path

from koers.web.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report_page, name="report"),
    path("opdrachtgever/", views.party_page, name="party"),
]
