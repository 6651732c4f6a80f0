from __future__ import annotations

from django.urls import path

from koers.web.explorer import views

app_name = "explorer"
urlpatterns = [
    path("", views.home, name="home"),
    path("code/", views.code, name="code"),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
    path("nadenken/", views.reflection, name="reflection"),
    path("sector/", views.sectors, name="sectors"),
    path("sector/<str:letter>/", views.sector_occupations, name="sector"),
    path("beroep/<str:occupation_id>/", views.occupation, name="occupation"),
    path("beroep/<str:occupation_id>/ik-kan-ook/", views.also_can, name="also_can"),
    path("beroep/<str:occupation_id>/verder/", views.next_steps, name="next_steps"),
    path("beroep/<str:occupation_id>/naar/<str:target_id>/", views.target, name="target"),
]
