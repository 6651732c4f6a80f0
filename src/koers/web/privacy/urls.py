"""Personal-data pages: caseload import for coaches, data requests for admins."""

from __future__ import annotations

from django.urls import path

from koers.web.clients import data_views
from koers.web.privacy import views

app_name = "data"
urlpatterns = [
    path("import/", data_views.import_caseload, name="import"),
    path("import/sjabloon.csv", data_views.import_template, name="import_template"),
    path("verzoeken/", views.requests, name="requests"),
    path("client/<int:pk>/inzage/", views.export, name="export"),
    path("client/<int:pk>/wissen/", views.erase, name="erase"),
]
