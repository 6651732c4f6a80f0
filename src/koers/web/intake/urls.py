from __future__ import annotations

from django.urls import path

from koers.web.intake import views

app_name = "intake"
urlpatterns = [
    # Public: the explorer's "Call me back" form and its confirmation.
    path("terugbellen/", views.callback, name="callback"),
    path("terugbellen/bedankt/", views.thanks, name="thanks"),
    # Staff: the queue of call-back requests.
    path("", views.queue, name="queue"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/toewijzen/", views.assign, name="assign"),
    path("<int:pk>/poging/", views.attempt, name="attempt"),
    path("<int:pk>/client/", views.convert, name="convert"),
    path("<int:pk>/afwijzen/", views.decline, name="decline"),
]
