"""Factories for the reports app."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from reports.models import StatusReport
from tests.factories.municipalities import AreaFactory, UserFactory


class StatusReportFactory(factory.django.DjangoModelFactory):
    """Utfordringsbilde by default; ``submitted=True`` for a delivered one."""

    class Meta:
        model = StatusReport

    area = factory.SubFactory(AreaFactory)
    kind = StatusReport.Kind.CHALLENGE_PICTURE
    title = factory.Sequence(lambda n: f"Utfordringsbilde {n}")
    period_start = factory.LazyFunction(
        lambda: dt.date(timezone.localdate().year - 1, 1, 1)
    )
    period_end = factory.LazyFunction(
        lambda: dt.date(timezone.localdate().year - 1, 12, 31)
    )
    body = "Politiet ser økt bruk av cannabis blant elever i videregående skole."
    author = factory.SubFactory(UserFactory)

    class Params:
        submitted = factory.Trait(
            status=StatusReport.Status.SUBMITTED,
            submitted_at=factory.LazyFunction(timezone.now),
        )
