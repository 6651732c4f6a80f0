"""Accounts pages, under /account/ (and /en/account/)."""

from __future__ import annotations

from django.urls import path

from koers.web.accounts import admin_views, views

app_name = "accounts"

urlpatterns = [
    path("", views.account, name="account"),
    path("inloggen/", views.login, name="login"),
    path("uitloggen/", views.logout, name="logout"),
    path("wachtwoord-wijzigen/", views.password_change, name="password_change"),
    path("wachtwoord-instellen/", views.password_set, name="password_set"),
    path("wachtwoord-vergeten/", views.password_reset, name="password_reset"),
    path("wachtwoord-vergeten/verstuurd/", views.password_reset_done, name="password_reset_done"),
    path(
        "wachtwoord-kiezen/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("wachtwoord-gekozen/", views.password_reset_complete, name="password_reset_complete"),
    path("tweestaps/", views.two_factor, name="two_factor"),
    path("tweestaps/instellen/", views.two_factor_enrol, name="two_factor_enrol"),
    path("tweestaps/controleren/", views.two_factor_verify, name="two_factor_verify"),
    path("tweestaps/herstelcodes/", views.recovery_codes, name="recovery_codes"),
    path("tokens/<int:pk>/intrekken/", views.token_revoke, name="token_revoke"),
    path("gebruikers/", admin_views.users, name="users"),
    path("gebruikers/nieuw/", admin_views.user_create, name="user_create"),
    path("gebruikers/<int:pk>/", admin_views.user_edit, name="user_edit"),
    path(
        "gebruikers/<int:pk>/tweestaps-herstellen/",
        admin_views.user_reset_2fa,
        name="user_reset_2fa",
    ),
    path("teams/", admin_views.teams, name="teams"),
    path("waarneming/", admin_views.covers, name="covers"),
    path("waarneming/<int:pk>/beeindigen/", admin_views.end_cover, name="end_cover"),
]
