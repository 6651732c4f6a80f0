from __future__ import annotations

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "koers.web.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        # Connects the audit trail to Django's sign-in and sign-out signals.
        from koers.web.accounts import signals  # noqa: F401
