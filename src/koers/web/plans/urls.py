"""The plan editor under a client (``clienten/<pk>/plan/``): the page, one POST per change,
and the versions."""

from __future__ import annotations

from django.urls import path

from koers.web.plans import views

app_name = "plans"
urlpatterns = [
    path("<int:pk>/plan/", views.editor, name="plan"),
    path("<int:pk>/plan/starten/", views.start, name="start"),
    path("<int:pk>/plan/waar-ik-sta/", views.texts, {"part": "standing"}, name="standing"),
    path("<int:pk>/plan/belangrijk/", views.texts, {"part": "reflection"}, name="reflection"),
    path("<int:pk>/plan/notities/", views.texts, {"part": "notes"}, name="notes"),
    path("<int:pk>/plan/beroep/", views.add_occupation, name="add_occupation"),
    path("<int:pk>/plan/vaardigheid/", views.add_skill, name="add_skill"),
    path("<int:pk>/plan/richting/", views.add_direction, name="add_direction"),
    path("<int:pk>/plan/leerstap/", views.add_step, name="add_step"),
    path("<int:pk>/plan/leerstap/koppelen/", views.link_step, name="link_step"),
    path("<int:pk>/plan/afspraak/", views.add_action, name="add_action"),
    path("<int:pk>/plan/afspraak/gedaan/", views.action_done, name="action_done"),
    path("<int:pk>/plan/verwijderen/", views.remove, name="remove"),
    path("<int:pk>/plan/versies/", views.versions, name="versions"),
    path("<int:pk>/plan/versies/<int:number>/", views.version, name="version"),
]
