"""Signals for apps above ``clients`` that keep copies of a client's data elsewhere."""

from __future__ import annotations

from django.dispatch import Signal

# Sent (with ``client_id``) inside the transaction that erases a client's personal data, by
# erasure on request and by retention alike: an app that keeps her name outside the register
# (a report as it was sent) removes it then.
client_erased = Signal()
