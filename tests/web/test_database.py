"""The web app's database: SQLite by default, PostgreSQL when KOERS_DATABASE_URL says so.

`.ci/run` runs the web tests a second time against a real PostgreSQL server.
"""

from __future__ import annotations

import os

import pytest
from django.db import connection

from koers.web.accounts.models import User


@pytest.mark.django_db
def test_the_database_takes_the_migrations_and_keeps_a_row() -> None:
    expected = "postgresql" if os.environ.get("KOERS_DATABASE_URL") else "sqlite"
    assert connection.vendor == expected
    User.objects.create_user("anna", password="not-used-here-1234")
    assert User.objects.get(username="anna").check_password("not-used-here-1234")


def test_sqlite_waits_for_a_writer_instead_of_failing() -> None:
    from koers.web.settings import _database

    options = _database(None)["OPTIONS"]
    assert isinstance(options, dict)
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    assert "journal_mode=WAL" in options["init_command"]
