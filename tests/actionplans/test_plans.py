"""The plan's lifecycle and rules P1, P2, P5, P6 and M9."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from actionplans import selectors, services
from actionplans.models import ActionPlan, FocusArea, Measure
from meetings.models import Decision, Meeting
from municipalities.models import Agency, Group
from slt_portal.exceptions import ApplicationError
from tests import factories

pytestmark = pytest.mark.django_db


def held_meeting(group, **kwargs):
    return factories.MeetingFactory(group=group, held=True, **kwargs)


def submitted_plan(area, **kwargs):
    plan = factories.ActionPlanFactory(area=area, **kwargs)
    factories.MeasureFactory(focus_area=factories.FocusAreaFactory(plan=plan))
    return services.plan_submit(plan=plan)


def test_plan_create_refuses_a_period_that_ends_before_it_starts(area):
    with pytest.raises(ValidationError) as error:
        services.plan_create(
            area=area,
            title="Plan",
            period_start=dt.date(2026, 1, 1),
            period_end=dt.date(2025, 12, 31),
            created_by=None,
        )
    assert "period_end" in error.value.message_dict
    assert not ActionPlan.objects.exists()


def test_a_programme_cannot_be_made_in_a_district():
    district = factories.AreaFactory(bydel=True)
    with pytest.raises(ApplicationError) as error:
        services.plan_create(
            area=district,
            title="Program",
            kind=ActionPlan.Kind.PROGRAMME,
            period_start=dt.date(2026, 1, 1),
            period_end=dt.date(2029, 12, 31),
            created_by=None,
        )
    assert error.value.field == "kind"


def test_a_district_plan_may_build_on_the_citys_programme():
    district = factories.AreaFactory(bydel=True)
    programme = factories.ActionPlanFactory(
        area=district.parent, kind=ActionPlan.Kind.PROGRAMME, approved=True
    )
    plan = services.plan_create(
        area=district,
        title="Handlingsplan",
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2027, 12, 31),
        parent_programme=programme,
        created_by=None,
    )
    assert plan.parent_programme == programme


def test_a_plan_from_another_city_cannot_be_the_parent_programme(area):
    elsewhere = factories.ActionPlanFactory(kind=ActionPlan.Kind.PROGRAMME)
    with pytest.raises(ApplicationError) as error:
        services.plan_create(
            area=area,
            title="Plan",
            period_start=dt.date(2026, 1, 1),
            period_end=dt.date(2027, 12, 31),
            parent_programme=elsewhere,
            created_by=None,
        )
    assert error.value.field == "parent_programme"


def test_submitting_needs_a_focus_area(area):
    plan = factories.ActionPlanFactory(area=area)
    with pytest.raises(ApplicationError, match="innsatsområde"):
        services.plan_submit(plan=plan)
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.DRAFT


def test_submitting_is_refused_while_a_measure_has_no_owner(area):
    plan = factories.ActionPlanFactory(area=area)
    factories.MeasureFactory(
        focus_area=factories.FocusAreaFactory(plan=plan), title="Uten eier", owner=None
    )
    with pytest.raises(ApplicationError, match="«Uten eier»"):
        services.plan_submit(plan=plan)


def test_a_submitted_plan_is_frozen_until_withdrawn(area):
    plan = submitted_plan(area)
    with pytest.raises(ApplicationError) as error:
        services.plan_update(plan=plan, title="Nytt navn")
    assert error.value.code == "plan_submitted"
    services.plan_withdraw(plan=plan)
    services.plan_update(plan=plan, title="Nytt navn")
    plan.refresh_from_db()
    assert plan.title == "Nytt navn"


def test_steering_group_approves_the_plan_with_a_decision_in_a_held_meeting(area):
    plan = submitted_plan(area)
    meeting = held_meeting(factories.GroupFactory(area=area, steering=True))
    user = factories.user_with_role(area, "coordinator")
    services.plan_approve(
        plan=plan, meeting=meeting, text="Planen vedtas.", approved_by=user
    )
    plan.refresh_from_db()
    decision = plan.approval_decision
    assert plan.status == ActionPlan.Status.APPROVED
    assert plan.approved_by_group == meeting.group
    assert decision.kind == Decision.Kind.APPROVAL
    assert decision.meeting == meeting
    assert decision.approves == plan
    assert plan.approved_at == decision.decided_at


def test_a_coordination_group_cannot_approve_a_plan(area):
    plan = submitted_plan(area)
    meeting = held_meeting(factories.GroupFactory(area=area))
    with pytest.raises(ApplicationError) as error:
        services.plan_approve(
            plan=plan, meeting=meeting, text="Vedtatt", approved_by=None
        )
    assert error.value.field == "meeting"
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.SUBMITTED
    assert not Decision.objects.exists()


def test_a_police_council_acting_as_steering_group_approves_a_plan(area):
    plan = submitted_plan(area)
    council = factories.GroupFactory(
        area=area,
        steering=True,
        kind=Group.Kind.POLICE_COUNCIL,
        acts_as_steering_group=True,
    )
    services.plan_approve(
        plan=plan, meeting=held_meeting(council), text="Vedtatt", approved_by=None
    )
    assert ActionPlan.objects.get(pk=plan.pk).status == ActionPlan.Status.APPROVED


def test_a_police_council_that_is_not_the_steering_group_does_not_approve_plans(area):
    plan = submitted_plan(area)
    council = factories.GroupFactory(
        area=area, steering=True, kind=Group.Kind.POLICE_COUNCIL
    )
    with pytest.raises(ApplicationError):
        services.plan_approve(
            plan=plan, meeting=held_meeting(council), text="Vedtatt", approved_by=None
        )


def test_only_a_police_council_approves_a_programme(area):
    programme = submitted_plan(area, kind=ActionPlan.Kind.PROGRAMME)
    steering = factories.GroupFactory(area=area, steering=True)
    with pytest.raises(ApplicationError, match="politirådet"):
        services.plan_approve(
            plan=programme,
            meeting=held_meeting(steering),
            text="Vedtatt",
            approved_by=None,
        )
    council = factories.GroupFactory(
        area=area, steering=True, kind=Group.Kind.POLICE_COUNCIL
    )
    services.plan_approve(
        plan=programme, meeting=held_meeting(council), text="Vedtatt", approved_by=None
    )
    assert ActionPlan.objects.get(pk=programme.pk).status == "approved"


def test_approval_needs_a_meeting_that_has_been_held(area):
    plan = submitted_plan(area)
    steering = factories.GroupFactory(area=area, steering=True)
    future = factories.MeetingFactory(group=steering)
    with pytest.raises(ApplicationError, match="gjennomført"):
        services.plan_approve(
            plan=plan, meeting=future, text="Vedtatt", approved_by=None
        )
    cancelled = factories.MeetingFactory(
        group=steering,
        status=Meeting.Status.CANCELLED,
        starts_at=timezone.now() - dt.timedelta(days=3),
    )
    with pytest.raises(ApplicationError):
        services.plan_approve(
            plan=plan, meeting=cancelled, text="Vedtatt", approved_by=None
        )


def test_a_steering_group_of_another_area_cannot_approve(area, other_area):
    plan = submitted_plan(area)
    meeting = held_meeting(factories.GroupFactory(area=other_area, steering=True))
    with pytest.raises(ApplicationError):
        services.plan_approve(
            plan=plan, meeting=meeting, text="Vedtatt", approved_by=None
        )


def test_a_regional_steering_group_covering_the_district_approves_its_plan():
    district = factories.AreaFactory(bydel=True)
    regional = factories.GroupFactory(area=district.parent, steering=True)
    regional.covered_areas.set([district])
    plan = submitted_plan(district)
    services.plan_approve(
        plan=plan, meeting=held_meeting(regional), text="Vedtatt", approved_by=None
    )
    assert ActionPlan.objects.get(pk=plan.pk).status == "approved"
    assert [m.pk for m in selectors.approval_meetings(plan=plan)]


def test_a_draft_cannot_be_approved_without_being_submitted(area):
    plan = factories.ActionPlanFactory(area=area)
    meeting = held_meeting(factories.GroupFactory(area=area, steering=True))
    with pytest.raises(ApplicationError, match="sendt til behandling"):
        services.plan_approve(
            plan=plan, meeting=meeting, text="Vedtatt", approved_by=None
        )


def test_an_empty_decision_text_leaves_the_plan_submitted(area):
    plan = submitted_plan(area)
    meeting = held_meeting(factories.GroupFactory(area=area, steering=True))
    with pytest.raises(ApplicationError) as error:
        services.plan_approve(plan=plan, meeting=meeting, text="  ", approved_by=None)
    assert error.value.field == "text"
    assert ActionPlan.objects.get(pk=plan.pk).status == "submitted"


def test_an_approved_plan_is_frozen(area):
    plan = factories.ActionPlanFactory(area=area, approved=True)
    focus_area = factories.FocusAreaFactory(plan=plan)
    measure = factories.MeasureFactory(focus_area=focus_area)
    for change in (
        lambda: services.plan_update(plan=plan, title="Endret"),
        lambda: services.focus_area_create(plan=plan, title="Nytt", created_by=None),
        lambda: services.measure_update(measure=measure, title="Endret"),
        lambda: services.goal_create(
            focus_area=focus_area, text="Mål", created_by=None
        ),
    ):
        with pytest.raises(ApplicationError) as error:
            change()
        assert error.value.code == "plan_frozen"


def test_a_new_version_copies_the_plan_and_replaces_it_when_approved(area):
    plan = factories.ActionPlanFactory(area=area, approved=True)
    focus_area = factories.FocusAreaFactory(plan=plan, title="Rus")
    goal = factories.GoalFactory(focus_area=focus_area)
    measure = factories.MeasureFactory(focus_area=focus_area, goal=goal, active=True)
    report = factories.StatusReportFactory(area=area, submitted=True)
    focus_area.evidence_reports.set([report])
    user = factories.user_with_role(area, "coordinator")

    new = services.plan_revise(plan=plan, created_by=user)

    assert (new.version, new.status, new.supersedes) == (2, "draft", plan)
    copied = FocusArea.objects.get(plan=new)
    assert copied.title == "Rus"
    assert list(copied.evidence_reports.all()) == [report]
    new_measure = Measure.objects.get(focus_area=copied)
    assert new_measure.previous_version == measure
    assert new_measure.goal.focus_area == copied
    with pytest.raises(ApplicationError, match="allerede"):
        services.plan_revise(plan=plan, created_by=user)

    services.plan_submit(plan=new)
    meeting = held_meeting(factories.GroupFactory(area=area, steering=True))
    services.plan_approve(
        plan=new, meeting=meeting, text="Ny versjon", approved_by=user
    )
    assert ActionPlan.objects.get(pk=plan.pk).status == ActionPlan.Status.SUPERSEDED


def test_only_an_approved_plan_is_closed(area):
    draft = factories.ActionPlanFactory(area=area)
    with pytest.raises(ApplicationError):
        services.plan_close(plan=draft)
    approved = factories.ActionPlanFactory(area=area, approved=True)
    assert services.plan_close(plan=approved).status == ActionPlan.Status.ENDED


def test_a_sub_goal_needs_a_main_goal_in_the_same_focus_area(area):
    focus_area = factories.FocusAreaFactory(plan__area=area)
    with pytest.raises(ApplicationError) as error:
        services.goal_create(
            focus_area=focus_area, text="Delmål", kind="sub", created_by=None
        )
    assert error.value.field == "parent"
    other_main = factories.GoalFactory(focus_area__plan=focus_area.plan)
    with pytest.raises(ApplicationError):
        services.goal_create(
            focus_area=focus_area,
            text="Delmål",
            kind="sub",
            parent=other_main,
            created_by=None,
        )
    main = factories.GoalFactory(focus_area=focus_area)
    sub = services.goal_create(
        focus_area=focus_area, text="Delmål", kind="sub", parent=main, created_by=None
    )
    assert sub.parent == main


def test_focus_area_evidence_must_come_from_the_same_area(area, other_area):
    plan = factories.ActionPlanFactory(area=area)
    foreign = factories.StatusReportFactory(area=other_area, submitted=True)
    with pytest.raises(ApplicationError):
        services.focus_area_create(
            plan=plan, title="Rus", created_by=None, evidence_reports=[foreign]
        )
    assert not FocusArea.objects.exists()


def test_warnings_name_focus_areas_without_evidence_and_measures_without_evaluation(
    area,
):
    plan = factories.ActionPlanFactory(area=area)
    bare = factories.FocusAreaFactory(plan=plan, title="Uten grunnlag")
    factories.MeasureFactory(focus_area=bare, title="Uten evaluering")
    factories.MeasureFactory(
        focus_area=bare,
        title="Kostbart",
        evaluation_type="none",
        evaluation_plan="Ingen evaluering: tiltaket er lite.",
        evaluation_flags=["costly"],
    )
    cited = factories.FocusAreaFactory(plan=plan, title="Med grunnlag")
    cited.evidence_indicators.set([factories.IndicatorFactory(area=area)])
    codes = {
        (w.code, w.message.split("»")[0].split("«")[-1])
        for w in selectors.plan_warnings(
            plan=plan, focus_areas=selectors.plan_focus_areas(plan=plan)
        )
    }
    assert ("P3", "Uten evaluering") in codes
    assert ("P4", "Kostbart") in codes
    assert ("P6", "Uten grunnlag") in codes
    assert not any(title == "Med grunnlag" for _code, title in codes)


def test_district_plan_without_programme_and_parties_gets_a_p5_warning():
    district = factories.AreaFactory(bydel=True)
    plan = factories.ActionPlanFactory(area=district)
    codes = [w.code for w in selectors.plan_warnings(plan=plan, focus_areas=[])]
    assert codes.count("P5") == 2
    plan.parent_programme = factories.ActionPlanFactory(
        area=district.parent, kind=ActionPlan.Kind.PROGRAMME, approved=True
    )
    plan.save()
    plan.contributors.set(
        [
            factories.AgencyFactory(area=district, kind=Agency.Kind.LEISURE),
            factories.AgencyFactory(area=district, kind=Agency.Kind.SCHOOL),
            factories.AgencyFactory(area=district, kind=Agency.Kind.POLICE),
        ]
    )
    assert [w.code for w in selectors.plan_warnings(plan=plan, focus_areas=[])] == []


def test_a_draft_report_cannot_be_cited_as_evidence(area):
    plan = factories.ActionPlanFactory(area=area)
    draft = factories.StatusReportFactory(area=area)
    with pytest.raises(ApplicationError) as error:
        services.focus_area_create(
            plan=plan, title="Rus", created_by=None, evidence_reports=[draft]
        )
    assert error.value.field == "evidence_reports"
