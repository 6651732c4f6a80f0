"""Dutch dates as Koers has always written them: day and month with two digits (02-12-2026,
02-12) rather than Django's 2-12-2026 and "2 december". Only what differs from Django's own
Dutch formats is here; English keeps Django's English formats."""

SHORT_DATE_FORMAT = "d-m-Y"
SHORT_DATETIME_FORMAT = "d-m-Y H:i"
MONTH_DAY_FORMAT = "d-m"
