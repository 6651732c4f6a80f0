"""Demo training data: schemes with windows, a course catalogue, applications in every status."""

from __future__ import annotations

# Called by :mod:`koers.web.demo_data` after the caseload is written. Like the caseload it
# writes with ``bulk_create`` and computes what the actions would (the next deadline, the
# dated steps) itself, so that it stays fast at 100,000 clients. Schemes and courses are
# found by name and reused by later runs; their windows are drawn again around ``today``.
from koers.web.training.demo.generate import (
    TIMESTAMPS,
    TrainingDemo,
    create_training_demo,
    wipe_training,
)

__all__ = ["TIMESTAMPS", "TrainingDemo", "create_training_demo", "wipe_training"]
