"""Nothing of the consent app is registered in the admin site, on purpose.

The admin site serves platform staff across every area, outside tenant scoping and
outside the need-to-know rule (C11), and its reads would not reach the access log.
Individual-level data is read only through the consent pages and API, where every
read is logged. The beat schedule entry (``consent-daily-run``) is editable in the
admin site under django-celery-beat.
"""
