"""Factories for the city report, status reports and the Oslostandard."""

from __future__ import annotations

import factory
from django.utils import timezone

from municipalities.models import Area
from reports.models import ChecklistAssessment
from tests.factories.municipalities import AreaFactory


def oslo_with_districts(n: int, **oslo_fields) -> tuple[Area, list[Area]]:
    """A city with kommunenummer 0301 (Oslo) and ``n`` districts."""
    oslo = AreaFactory(
        name=oslo_fields.pop("name", "Oslo"), kommunenummer="0301", **oslo_fields
    )
    return oslo, [AreaFactory(bydel=True, parent=oslo) for _ in range(n)]


class ChecklistAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChecklistAssessment

    area = factory.SubFactory(AreaFactory, bydel=True)
    year = factory.LazyFunction(lambda: timezone.localdate().year - 1)
    code = "OS01"
    rating = ChecklistAssessment.Rating.MET
