"""The web app's settings with a key of its own for the test suite (and mypy's Django plugin):
the real settings refuse to start without a configured key."""

import os

os.environ.setdefault("KOERS_SECRET_KEY", "koers-test-suite-only-" + "t" * 40)

from koers.web.settings import *  # noqa: F403

# Every kept query also compiles afresh and must give the same SQL and parameters.
KOERS_CHECK_KEPT_QUERIES = True
