"""Field validators that keep identifying data out of the consent app (rule C12)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from slt_portal.anonymisation import find_identifiers, has_national_id

PSEUDONYM_PATTERN = re.compile(r"^UNG-[A-HJ-NP-Z2-9]{4}$")


def reject_national_id(value: str) -> None:
    """Refuse an 11-digit number: the portal never holds a national identity number."""
    if has_national_id(value or ""):
        raise ValidationError(
            _(
                "Remove the 11-digit number. The portal never stores national "
                "identity numbers (fødselsnummer or D-nummer)."
            ),
            code="national_id",
        )


@deconstructible
class NoPersonalName:
    """Refuse text that looks like a person's name (labels that replace names)."""

    message = _("Use a label such as «Verge 1», not a name.")

    def __call__(self, value: str) -> None:
        if any(f.kind == "name" for f in find_identifiers(value or "")):
            raise ValidationError(self.message, code="personal_name")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NoPersonalName)


def validate_pseudonym(value: str) -> None:
    if not PSEUDONYM_PATTERN.match(value or ""):
        raise ValidationError(
            _("A pseudonym looks like UNG-7KQ2."), code="pseudonym_format"
        )
