"""Date and number formats per language (``FORMAT_MODULE_PATH``).

Norwegian keeps the short forms people write (1.2.2026); English uses the month's
name (1 Feb 2026) so that a date is never read as month/day.
"""
