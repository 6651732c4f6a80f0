"""``koers serve``: set up and run the web app behind a production server (gunicorn)."""

from __future__ import annotations

import gc
import os
from typing import Annotated, Any

import typer
from threadpoolctl import threadpool_limits

from koers import config, knowledge
from koers.cli.django_setup import ensure_secret_key
from koers.cli.output import console, fail
from koers.taxonomy import SnapshotError


def serve_command(
    host: Annotated[str, typer.Option(help="The address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="The port to listen on.")] = 8000,
    workers: Annotated[
        int, typer.Option(min=1, max=32, help="Worker processes (default: one per core).")
    ] = os.cpu_count() or 1,
    threads: Annotated[
        int,
        typer.Option(
            min=1,
            max=16,
            help="Threads per worker; with 1 a worker takes a request only when free.",
        ),
    ] = 1,
) -> None:
    """Serve Koers: migrate, collect static files, load the knowledge base, then listen.

    Works on a fresh set-up over plain HTTP; set KOERS_HTTPS=1 behind an HTTPS proxy.

    Example: koers serve --host 127.0.0.1 --port 8000
    """
    data_dir = config.data_dir()
    data_dir.mkdir(parents=True, exist_ok=True)
    try:
        knowledge.taxonomy()
    except SnapshotError as exc:
        fail(str(exc))
    ensure_secret_key()
    hosts = {h for h in os.environ.get("KOERS_ALLOWED_HOSTS", "").split(",") if h}
    os.environ["KOERS_ALLOWED_HOSTS"] = ",".join(sorted(hosts | {host, "127.0.0.1", "localhost"}))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.web.settings")
    import django
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    # One BLAS thread per request thread: the numpy work per request is small, and BLAS
    # threads in every worker fight over the cores (p95 202 ms -> 17 ms in bench_pages.py).
    threadpool_limits(1)
    # Load everything once before the workers fork, so that they share it.
    knowledge.title_index().search("kapper")
    knowledge.ranker()
    # The skill searches (the plan's, the course form's) build their index on first use: 0.3 s
    # in Dutch, 1.1 s in English on the full data. Built here once and shared, no coach waits
    # for it in each worker.
    for language, _name in settings.LANGUAGES:
        knowledge.skill_index(language)
    # The app itself, with its middleware, URLconf, templates and translations, which each
    # worker would otherwise read on its first requests while the coaches queue behind it
    # (koers/web/warm_up.py): loaded before the freeze below, so that all workers share it.
    from koers.web.wsgi import application

    # The knowledge base is some 200,000 objects that live as long as the server: out of the
    # collector's sight, a full collection no longer walks them on every worker, and the
    # workers keep sharing their pages (gc.freeze's own advice for a pre-forking server).
    gc.collect()
    gc.freeze()
    # The workers must not share the master's database connection (used by migrate above):
    # two processes on one socket corrupt each other's sessions and results.
    connections.close_all()
    console.print(f"Koers is running on http://{host}:{port}/ (Ctrl+C stops it)")
    # One thread per worker (gunicorn's sync workers): a busy worker leaves new requests in the
    # shared queue for a free one, where threads would queue them behind its own work and fight
    # over the GIL (p95 of the workspace pages on PostgreSQL 123 ms -> 75 ms in bench_pages.py;
    # docs/decisions/0003-gunicorn.md).
    _run_gunicorn(application, {"bind": f"{host}:{port}", "workers": workers, "threads": threads})


def _run_gunicorn(application: Any, options: dict[str, Any]) -> None:
    """Gunicorn in-process with the app preloaded, so that workers share the knowledge base."""
    from gunicorn.app.base import BaseApplication

    def post_fork(server: Any, worker: Any) -> None:
        threadpool_limits(1)

    class Application(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in {**options, "preload_app": True, "post_fork": post_fork}.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return application

    Application().run()
