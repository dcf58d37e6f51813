"""Browser pages of the consent app (``/o/<area>/consent/``)."""
