"""WSGI entry point for production servers."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

from koers.web.warm_up import warm_up

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.web.settings")
application = get_wsgi_application()
# What each worker would otherwise do on its first requests (koers/web/warm_up.py): under a
# server that loads the app before it forks its workers (koers serve), done once for all.
warm_up()
