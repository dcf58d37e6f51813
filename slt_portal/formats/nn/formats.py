"""Norwegian (nn): Django's formats with the short date people write (1.2.2026) and
months in lower case within a date (1. februar 2026)."""

from django.conf.locale.nn.formats import *  # noqa: F403

DATE_FORMAT = "j. E Y"
SHORT_DATE_FORMAT = "j.n.Y"
DATETIME_FORMAT = "j. E Y H:i"
SHORT_DATETIME_FORMAT = "j.n.Y H:i"
MONTH_DAY_FORMAT = "j. E"
