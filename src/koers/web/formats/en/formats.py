"""English dates in the workspace: 9 Mar 2026, 9 Mar 2026 14:30, and 9 Mar without the year
(Django's English gives "March 9, 2026", "March 9, 2026, 2:30 p.m." and "March 9", which
beside a time reads "March 9 2:30 p.m."). Only what differs from Django's is here."""

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y H:i"
MONTH_DAY_FORMAT = "j M"
