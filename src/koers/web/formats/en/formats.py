"""English dates in the workspace: 9 Mar 2026 and 9 Mar 2026 14:30 (Django's English gives
"March 9, 2026" and "March 9, 2026, 2:30 p.m."). Only what differs from Django's is here."""

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y H:i"
