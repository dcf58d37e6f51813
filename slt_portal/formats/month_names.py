"""Month names in dates, here so that our catalogues translate them.

Django's Norwegian catalogues capitalise the months ("1. Februar"); in a date
Norwegian writes them in lower case ("1. februar"). The Norwegian formats use the
"alt. month" names (``E``), which this module declares so that ``makemessages``
puts them in the project's catalogues, which come first (``LOCALE_PATHS``). Month
names on their own (a list of months) stay capitalised.
"""

from django.utils.translation import pgettext_lazy

MONTHS_IN_DATES = [
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
]
