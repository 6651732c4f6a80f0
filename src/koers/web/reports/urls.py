from __future__ import annotations

from django.urls import path

from koers.web.reports import sent_views, views

app_name = "reports"
urlpatterns = [
    path("", views.report_page, name="report"),
    path("opdrachtgever/", views.party_page, name="party"),
    path("opdrachtgever/verstuurd/", sent_views.record_sent, name="record_sent"),
    path("verstuurd/<int:pk>/", sent_views.sent_report, name="sent"),
    path("verstuurd/<int:pk>/pdf/", sent_views.sent_pdf, name="sent_pdf"),
]
