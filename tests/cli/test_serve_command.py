"""``koers serve``: what it hands to gunicorn."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.db import connection, connections
from typer.testing import CliRunner

from koers import knowledge
from koers.cli import serve
from koers.cli.main import app


@pytest.mark.django_db(transaction=True)
def test_the_workers_do_not_inherit_an_open_database_connection(
    imported_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Regression (issue 7): sync workers used the master's connection, opened by migrate, all
    # at once: "lost synchronization with server" and corrupted sessions on PostgreSQL.
    # (An in-memory SQLite test database ignores close(), so the test follows the calls.)
    events: list[str] = []
    handed: dict[str, Any] = {}
    close_all = connections.close_all

    def migrate(*args: object, **kwargs: object) -> None:
        connection.ensure_connection()
        events.append("database used")

    def close_connections() -> None:
        close_all()
        events.append("connections closed")

    def run_gunicorn(application: Any, options: dict[str, Any]) -> None:
        events.append("workers forked")
        handed.update(options, application=application)
        # Built before the fork, so that the workers share them and nobody waits for them.
        handed["skill indexes"] = knowledge.skill_index.cache_info().currsize

    monkeypatch.setenv("KOERS_ALLOWED_HOSTS", "")
    monkeypatch.setattr("django.core.management.call_command", migrate)
    monkeypatch.setattr(connections, "close_all", close_connections)
    monkeypatch.setattr(serve, "_run_gunicorn", run_gunicorn)
    knowledge.forget()
    result = CliRunner().invoke(app, ["serve", "--port", "8799", "--workers", "3"])
    assert result.exit_code == 0, result.output
    assert events[-2:] == ["connections closed", "workers forked"]
    assert handed["workers"] == 3
    assert handed["threads"] == 1
    assert handed["skill indexes"] == 2  # Dutch and English
    # The app itself, warmed up (koers/web/warm_up.py), is loaded before the fork too.
    from koers.web.wsgi import application

    assert handed["application"] is application
