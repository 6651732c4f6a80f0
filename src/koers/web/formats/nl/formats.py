"""Dutch dates as Koers writes them: day and month with two digits (02-12-2026, 02-12) rather
than Django's 2-12-2026 and "2 december", and in the workspace the month shortened in lower
case (9 mrt 2026: Dutch does not capitalise months, where Django's "M" gives "Mrt"). Only what
differs from Django's own Dutch formats is here."""

DATE_FORMAT = "j b Y"
DATETIME_FORMAT = "j b Y H:i"
SHORT_DATE_FORMAT = "d-m-Y"
SHORT_DATETIME_FORMAT = "d-m-Y H:i"
MONTH_DAY_FORMAT = "d-m"
