"""The demo data: the Oslo city report across all 15 districts."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from consent.models import Subject
from municipalities.models import Area, User
from reports.checklist import oslostandard_summary
from reports.city import city_aggregate_build
from reports.models import ChecklistAssessment, StatusReport

pytestmark = pytest.mark.django_db


def test_the_oslo_city_report_shows_all_15_districts_and_no_individual_data(client):
    call_command("seed_demo", "--quiet-logins")
    call_command("seed_demo", "--quiet-logins")  # idempotent
    year = timezone.localdate().year - 1
    oslo = Area.objects.get(slug="oslo")

    data = city_aggregate_build(parent=oslo, year=year)

    assert len(data["districts"]) == 15
    assert data["totals"]["checklist_assessed"] == 5
    assert (
        ChecklistAssessment.objects.filter(area__slug="alna", year=year).count() == 34
    )
    names = {i["name"] for i in data["indicators"]}
    assert "Har brukt hasj eller marihuana siste 12 måneder" in names
    grorud = next(d for d in data["districts"] if d["area"] == "grorud")
    assert grorud["coordination"]["behind"] is True  # met only twice (§7)
    assert oslostandard_summary(area=oslo, year=year)["assessed"] == 12
    assert (
        StatusReport.objects.filter(
            area__slug="alna", kind="report_to_council", status="submitted"
        ).count()
        == 1
    )

    client.force_login(User.objects.get(email="sekretariat1@demo.slt-portal.no"))
    response = client.get(f"/o/oslo/reports/city/?year={year}")
    html = response.content.decode()
    assert response.status_code == 200
    assert all(d["name"] in html for d in data["districts"])
    pseudonyms = list(Subject.objects.values_list("pseudonym", flat=True))
    assert pseudonyms
    assert not any(p in html for p in pseudonyms)
    coordinators = User.objects.filter(
        memberships__role="coordinator", memberships__area__parent=oslo
    ).values_list("full_name", flat=True)
    assert not any(name in html for name in coordinators)
