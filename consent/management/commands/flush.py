"""``manage.py flush``, able to empty the append-only access log with everything else.

Flushing empties every table of the database in one statement; the test runner does
it after each transactional test. The access log refuses TRUNCATE (a trigger), so
this command lifts that one guard for the flush alone: the log can disappear only
together with the whole database, never on its own. UPDATE and DELETE stay refused.
"""

import pgtrigger
from django.core.management.commands import flush


class Command(flush.Command):
    def handle(self, **options):
        with pgtrigger.ignore("consent.AccessLog:accesslog_no_truncate"):
            return super().handle(**options)
