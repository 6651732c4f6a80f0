"""Settings come from the environment: HTTPS hardening passes Django's deploy check."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from koers.web.settings import _database

MANAGE = Path(__file__).parents[2] / "manage.py"


def test_with_https_on_the_deploy_check_is_clean(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "KOERS_HTTPS": "1",
        "KOERS_SECRET_KEY": "k" * 20 + "a-long-and-random-enough-secret-for-the-check-1234567",
        "KOERS_DATA_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, str(MANAGE), "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_a_postgresql_url_becomes_a_database_setting() -> None:
    database = _database("postgresql://koers:s%40cret@db.example:5433/koers")
    assert database == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "koers",
        "USER": "koers",
        "PASSWORD": "s@cret",
        "HOST": "db.example",
        "PORT": "5433",
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }


def test_sqlite_in_the_data_folder_is_the_default() -> None:
    assert _database(None)["ENGINE"] == "django.db.backends.sqlite3"


def test_another_database_is_refused_with_a_clear_message() -> None:
    with pytest.raises(ValueError, match="unsupported database 'mysql'"):
        _database("mysql://x@y/z")
