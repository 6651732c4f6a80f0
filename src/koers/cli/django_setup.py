"""Start Django for the commands that read or write the workspace database."""

from __future__ import annotations

import os


def setup_django(*, migrate: bool = True) -> None:
    """Configure Django once; bring the database schema up to date unless told not to."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.web.settings")
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()
    if migrate:
        from django.core.management import call_command

        from koers import config

        config.data_dir().mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
