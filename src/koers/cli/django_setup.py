"""Start Django for the commands that read or write the workspace database."""

from __future__ import annotations

import os
import secrets

from koers import config


def ensure_secret_key() -> None:
    """Write a random secret key to the data folder unless one is configured: the settings
    refuse to start without one."""
    if os.environ.get("KOERS_SECRET_KEY") or os.environ.get("KOERS_SECRET_KEY_FILE"):
        return
    path = config.data_dir() / "secret-key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")


def setup_django(*, migrate: bool = True) -> None:
    """Configure Django once; bring the database schema up to date unless told not to."""
    ensure_secret_key()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.web.settings")
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()
    if migrate:
        from django.core.management import call_command

        config.data_dir().mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
