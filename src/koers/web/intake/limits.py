"""Against abuse of the public form: a rate limit per sender and in total, kept in the database
(so that it holds across web workers), over a keyed hash of the address instead of the address."""

from __future__ import annotations

import datetime

# At most this many requests per sender (fingerprint) per hour, and from everyone together.
PER_SENDER_PER_HOUR = 3
TOTAL_PER_HOUR = 200
WINDOW = datetime.timedelta(hours=1)
# From this share of TOTAL_PER_HOUR on, the requests of that hour are marked as a flood.
FLOOD_SHARE = 0.75
