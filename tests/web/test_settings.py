"""Settings come from the environment: HTTPS hardening passes Django's deploy check, and
nothing starts without a secret key of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from koers.cli.django_setup import ensure_secret_key
from koers.web.settings import _database

MANAGE = Path(__file__).parents[2] / "manage.py"


def test_with_https_on_the_deploy_check_is_clean(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "koers.web.settings",
        "KOERS_DEBUG": "0",
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
        "OPTIONS": {"server_side_binding": True, "prepare_threshold": 2},
    }


def test_prepared_statements_can_be_turned_off_for_a_pooler(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KOERS_DB_PREPARE", "0")
    assert _database("postgresql://koers@db.example/koers")["OPTIONS"] == {}


def test_sqlite_in_the_data_folder_is_the_default() -> None:
    assert _database(None)["ENGINE"] == "django.db.backends.sqlite3"


def test_another_database_is_refused_with_a_clear_message() -> None:
    with pytest.raises(ValueError, match="unsupported database 'mysql'"):
        _database("mysql://x@y/z")


def start_settings(data_dir: Path, **settings: str) -> subprocess.CompletedProcess[str]:
    """Import the settings in a new process, as a server does, with only these KOERS_ settings."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("KOERS_")}
    env.update(KOERS_DATA_DIR=str(data_dir), **settings)
    return subprocess.run(
        [sys.executable, "-c", "from koers.web import settings; print(settings.SECRET_KEY)"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_it_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    result = start_settings(tmp_path)
    assert result.returncode != 0
    assert "ImproperlyConfigured: Koers has no secret key" in result.stderr
    assert "KOERS_SECRET_KEY" in result.stderr


def test_it_starts_with_the_key_in_the_data_folder_or_the_environment(tmp_path: Path) -> None:
    (tmp_path / "secret-key").write_text("the-key-koers-serve-wrote\n", encoding="utf-8")
    assert start_settings(tmp_path).stdout.strip() == "the-key-koers-serve-wrote"
    assert start_settings(tmp_path, KOERS_SECRET_KEY="from-env").stdout.strip() == "from-env"


def test_only_debug_mode_starts_with_the_development_key(tmp_path: Path) -> None:
    result = start_settings(tmp_path, KOERS_DEBUG="1")
    assert result.stdout.startswith("koers-insecure-key-for-development-only-")


def test_the_workspace_commands_write_a_private_key_first(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KOERS_SECRET_KEY")
    ensure_secret_key()
    key = data_dir / "secret-key"
    assert len(key.read_text(encoding="utf-8")) >= 50
    assert key.stat().st_mode & 0o077 == 0
    assert start_settings(data_dir).returncode == 0
