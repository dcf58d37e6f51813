"""The scale-data generator (issue 7), on a tiny size."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter

import pytest
from django.contrib.auth.hashers import check_password
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

from actionplans.models import ActionPlan, FocusArea, Measure, ProgressUpdate
from consent.models import Consent, Disclosure, Subject
from meetings.models import Attendance, FollowUp, Meeting
from municipalities import roles
from municipalities.models import Area, Group, Membership, User
from slt_portal.reminders import reminders_sweep
from slt_portal.scale.common import SCALE_PASSWORD
from slt_portal.scale.generate import generate

TODAY = dt.date(2026, 6, 15)
pytestmark = pytest.mark.django_db


def _snapshot() -> dict:
    with scopes_disabled():
        return {
            "areas": sorted(Area.objects.values_list("slug", flat=True)),
            "meetings": Meeting.objects.count(),
            "follow_ups": FollowUp.objects.count(),
            "measures": Measure.objects.count(),
            "progress": ProgressUpdate.objects.count(),
            "pseudonyms": sorted(Subject.objects.values_list("pseudonym", flat=True)),
            "names": sorted(User.objects.values_list("full_name", flat=True)),
        }


class _Rollback(Exception):
    pass


def _run_and_roll_back(**kwargs) -> dict:
    try:
        with transaction.atomic():
            generate(today=TODAY, progress=lambda line: None, **kwargs)
            snapshot = _snapshot()
            raise _Rollback
    except _Rollback:
        return snapshot


def test_the_same_seed_gives_the_same_data():
    first = _run_and_roll_back(areas=2, years=2, seed=7)
    second = _run_and_roll_back(areas=2, years=2, seed=7)
    assert first == second
    assert first["pseudonyms"]
    assert first["meetings"] > 0


def test_another_seed_gives_other_people():
    first = _run_and_roll_back(areas=2, years=1, seed=7)
    other = _run_and_roll_back(areas=2, years=1, seed=8)
    assert first["names"] != other["names"]
    assert first["pseudonyms"] != other["pseudonyms"]


def test_a_rerun_skips_the_area_years_already_built():
    first = generate(areas=2, years=1, seed=3, today=TODAY, progress=lambda s: None)
    before = _snapshot()
    again = generate(areas=2, years=1, seed=3, today=TODAY, progress=lambda s: None)
    assert (first.steps_done, first.steps_skipped) == (4, 0)
    assert (again.steps_done, again.steps_skipped) == (0, 4)
    assert _snapshot() == before


def test_a_larger_run_builds_only_what_is_missing_and_matches_a_fresh_run():
    fresh = _run_and_roll_back(areas=3, years=1, seed=3)
    generate(areas=2, years=1, seed=3, today=TODAY, progress=lambda s: None)
    grown = generate(areas=3, years=1, seed=3, today=TODAY, progress=lambda s: None)
    assert (grown.steps_done, grown.steps_skipped) == (2, 4)
    assert _snapshot() == fresh
    assert len(fresh["areas"]) == 3


def test_each_area_year_has_the_meetings_of_the_three_levels():
    generate(areas=2, years=1, seed=1, today=TODAY, progress=lambda s: None)
    with scopes_disabled():
        per_group = Counter(
            Meeting.objects.values_list("group__area__slug", "group__kind")
        )
        assert per_group[("oslo", Group.Kind.STEERING_GROUP)] == 4
        assert per_group[("oslo", Group.Kind.COORDINATION_GROUP)] == 12
        assert per_group[("oslo", Group.Kind.OPERATIONAL_TEAM)] == 24
        held = Meeting.objects.filter(starts_at__date__lt=TODAY)
        assert held.exists()
        assert not held.filter(attendances__isnull=True).exists()
        assert not Meeting.objects.filter(
            starts_at__date__gt=TODAY, attendances__isnull=False
        ).exists()
        assert FollowUp.objects.filter(status=FollowUp.Status.DONE).exists()
        assert FollowUp.objects.filter(status=FollowUp.Status.OPEN).exists()


def test_each_area_year_has_a_plan_of_five_focus_areas_and_forty_measures():
    generate(areas=2, years=2, seed=1, today=TODAY, progress=lambda s: None)
    with scopes_disabled():
        plans = ActionPlan.objects.filter(area__slug="oslo")
        assert sorted(plans.values_list("status", flat=True)) == [
            ActionPlan.Status.APPROVED,
            ActionPlan.Status.ENDED,
        ]
        plan = plans.get(status=ActionPlan.Status.ENDED)
        assert FocusArea.objects.filter(plan=plan).count() == 5
        measures = Measure.objects.filter(focus_area__plan=plan)
        assert measures.count() == 40
        monthly = ProgressUpdate.objects.filter(measure__in=measures)
        assert monthly.count() == 40 * 12  # a full past year: one update a month
        assert not Measure.objects.filter(
            focus_area__plan=plan, status=Measure.Status.ACTIVE
        ).exists()


def test_each_area_has_one_coordinator_and_one_police_contact_who_can_log_in():
    generate(areas=2, years=1, seed=1, today=TODAY, progress=lambda s: None)
    with scopes_disabled():
        for role in (roles.COORDINATOR, roles.POLICE_CONTACT):
            per_area = Counter(
                Membership.objects.filter(role=role).values_list(
                    "area__slug", flat=True
                )
            )
            assert per_area == {"oslo": 1, "gamle-oslo": 1}
        coordinator = User.objects.get(email="koordinator.oslo@scale.slt-portal.no")
        assert check_password(SCALE_PASSWORD, coordinator.password)
        assert User.objects.values("password").distinct().count() == 1


def test_consents_are_for_pseudonyms_and_disclosures_cite_them():
    generate(areas=2, years=1, seed=1, today=TODAY, progress=lambda s: None)
    with scopes_disabled():
        subjects = Subject.objects.all()
        assert subjects.exists()
        for subject in subjects:
            subject.full_clean()  # the pseudonym format and the birth-year rules
        assert Consent.objects.count() == subjects.count()
        assert Disclosure.objects.filter(consent__isnull=True).count() == 0


def test_old_rows_carry_their_own_dates_not_the_moment_of_insertion():
    generate(areas=1, years=3, seed=1, today=TODAY, progress=lambda s: None)
    with scopes_disabled():
        oldest = Meeting.objects.order_by("created_at").first()
        assert oldest.created_at.year == TODAY.year - 3  # a month before the meeting
        assert Attendance.objects.order_by("created_at").first().created_at.year == (
            TODAY.year - 2
        )


def test_the_command_prints_time_and_database_size():
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "generate_scale_data",
        "--areas=1",
        "--years=1",
        "--seed=2",
        "--today=2026-06-15",
        "--no-migrate",
        stdout=out,
        stderr=err,
    )
    assert "database size" in out.getvalue()
    assert "steps built 2, skipped 0" in out.getvalue()
    assert "[100%]" in err.getvalue()


def _sweep_queries() -> int:
    try:
        with transaction.atomic(), CaptureQueriesContext(connection) as queries:
            result = reminders_sweep(today=TODAY)
            raise _Rollback
    except _Rollback:
        assert result["items"] > 0
        return len(queries)


def test_the_reminder_sweep_query_count_does_not_depend_on_the_number_of_areas():
    generate(areas=1, years=1, seed=1, today=TODAY, progress=lambda s: None)
    one_area = _sweep_queries()
    generate(areas=4, years=1, seed=1, today=TODAY, progress=lambda s: None)
    assert _sweep_queries() == one_area
