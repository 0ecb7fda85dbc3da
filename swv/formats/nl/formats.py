"""The two Dutch date formats of the portal (FORMAT_MODULE_PATH = "swv.formats").

Only what differs from Django's own Dutch formats is set here; the rest (input formats,
decimal comma) comes from `django/conf/locale/nl/formats.py`. Month names are Django's
Dutch ones, lower case ("december"). Never "j M Y" (abbreviated, capitalised "Okt") or
"j-n-Y" (no leading zeros)."""

DATE_FORMAT = "j F Y"  # '4 december 2026'
DATETIME_FORMAT = "j F Y H:i"  # '4 december 2026 14:05'
SHORT_DATE_FORMAT = "d-m-Y"  # '04-12-2026'
SHORT_DATETIME_FORMAT = "d-m-Y H:i"  # '04-12-2026 14:05'
