"""Measures: owner and dates (P3), starting with an evaluation plan, progress updates
with status history, and the overdue flag."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from actionplans import selectors, services
from actionplans.models import Measure, ProgressUpdate
from slt_portal.exceptions import ApplicationError
from tests import factories

pytestmark = pytest.mark.django_db


def measure_fields(area, **overrides):
    return {
        "title": "Utsett!",
        "prevention_level": Measure.PreventionLevel.UNIVERSAL,
        "target_group": "Foreldre til elever på 8.–10. trinn",
        "responsible_agency": factories.AgencyFactory(area=area),
        "owner": factories.user_with_role(area, "coordination_member"),
        **overrides,
    }


def test_a_measure_without_an_owner_is_refused_and_nothing_is_saved(area):
    focus_area = factories.FocusAreaFactory(plan__area=area)
    with pytest.raises(ApplicationError) as error:
        services.measure_create(
            focus_area=focus_area, created_by=None, **measure_fields(area, owner=None)
        )
    assert error.value.field == "owner"
    assert not Measure.objects.exists()


def test_a_measure_without_a_responsible_agency_is_refused(area):
    focus_area = factories.FocusAreaFactory(plan__area=area)
    with pytest.raises(ApplicationError) as error:
        services.measure_create(
            focus_area=focus_area,
            created_by=None,
            **measure_fields(area, responsible_agency=None),
        )
    assert error.value.field == "responsible_agency"


def test_a_measure_that_ends_before_it_starts_is_refused(area):
    focus_area = factories.FocusAreaFactory(plan__area=area)
    with pytest.raises(ValidationError) as error:
        services.measure_create(
            focus_area=focus_area,
            created_by=None,
            **measure_fields(
                area, start_date=dt.date(2026, 3, 1), end_date=dt.date(2026, 2, 1)
            ),
        )
    assert "end_date" in error.value.message_dict
    assert not Measure.objects.exists()


def test_a_measure_without_evaluation_names_no_evaluator(area):
    focus_area = factories.FocusAreaFactory(plan__area=area)
    with pytest.raises(ApplicationError) as error:
        services.measure_create(
            focus_area=focus_area,
            created_by=None,
            **measure_fields(area, evaluation_type="none", evaluator="external"),
        )
    assert error.value.field == "evaluator"


def test_agency_and_owner_must_belong_to_the_area(area, other_area):
    focus_area = factories.FocusAreaFactory(plan__area=area)
    with pytest.raises(ApplicationError) as error:
        services.measure_create(
            focus_area=focus_area,
            created_by=None,
            **measure_fields(
                area, responsible_agency=factories.AgencyFactory(area=other_area)
            ),
        )
    assert error.value.field == "responsible_agency"
    with pytest.raises(ApplicationError) as error:
        services.measure_create(
            focus_area=focus_area,
            created_by=None,
            **measure_fields(area, owner=factories.UserFactory()),
        )
    assert error.value.field == "owner"
    assert not Measure.objects.exists()


def test_the_citys_agencies_may_be_responsible_for_a_district_measure():
    district = factories.AreaFactory(bydel=True)
    focus_area = factories.FocusAreaFactory(plan__area=district)
    city_agency = factories.AgencyFactory(area=district.parent, name="Utdanningsetaten")
    measure = services.measure_create(
        focus_area=focus_area,
        created_by=None,
        **measure_fields(district, responsible_agency=city_agency),
    )
    assert measure.responsible_agency == city_agency


def test_a_goal_from_another_focus_area_is_refused(area):
    focus_area = factories.FocusAreaFactory(plan__area=area)
    other_goal = factories.GoalFactory(focus_area__plan=focus_area.plan)
    with pytest.raises(ApplicationError) as error:
        services.measure_create(
            focus_area=focus_area,
            created_by=None,
            **measure_fields(area, goal=other_goal),
        )
    assert error.value.field == "goal"


def test_starting_a_measure_needs_an_evaluation_plan(area):
    measure = factories.MeasureFactory(focus_area__plan__area=area)
    user = factories.UserFactory()
    with pytest.raises(ApplicationError) as error:
        services.measure_start(
            measure=measure,
            started_by=user,
            start_date=timezone.localdate(),
            evaluation_type="process",
            evaluation_plan="",
            evaluation_due=timezone.localdate() + dt.timedelta(days=200),
        )
    assert error.value.code == "evaluation_plan_missing"
    assert Measure.objects.get(pk=measure.pk).status == Measure.Status.PLANNED


def test_starting_a_measure_records_the_evaluation_plan_and_the_status_change(area):
    measure = factories.MeasureFactory(focus_area__plan__area=area)
    user = factories.UserFactory()
    today = timezone.localdate()
    services.measure_start(
        measure=measure,
        started_by=user,
        start_date=today,
        evaluation_type="effect",
        evaluator="external",
        evaluation_plan="KoRus evaluerer etter to år.",
        evaluation_due=today + dt.timedelta(days=700),
    )
    measure.refresh_from_db()
    assert measure.status == Measure.Status.ACTIVE
    assert measure.evaluation_plan == "KoRus evaluerer etter to år."
    history = ProgressUpdate.objects.get(measure=measure)
    assert (history.status_from, history.status_to) == ("planned", "active")


def test_a_measure_starts_on_an_approved_plan(area):
    measure = factories.MeasureFactory(
        focus_area__plan__area=area,
        focus_area__plan__approved=True,
        with_evaluation=True,
    )
    update = services.progress_update_create(
        measure=measure,
        author=factories.UserFactory(),
        text="Oppstartsmøte holdt.",
        status_to="active",
    )
    assert update.status_to == "active"
    assert Measure.objects.get(pk=measure.pk).status == "active"


def test_progress_cannot_start_a_measure_without_an_evaluation_plan(area):
    measure = factories.MeasureFactory(focus_area__plan__area=area)
    with pytest.raises(ApplicationError) as error:
        services.progress_update_create(
            measure=measure,
            author=factories.UserFactory(),
            text="Vi har startet.",
            status_to="active",
        )
    assert error.value.code == "evaluation_plan_missing"
    assert not ProgressUpdate.objects.exists()


def test_progress_update_keeps_the_status_history(area):
    measure = factories.MeasureFactory(focus_area__plan__area=area, active=True)
    author = factories.UserFactory()
    services.progress_update_create(
        measure=measure, author=author, text="Godt oppmøte.", rating="on_track"
    )
    services.progress_update_create(
        measure=measure,
        author=author,
        text="Overført til ordinær drift i Ungdom og fritid.",
        status_to="handed_over",
        figure=42,
        figure_label="ungdommer nådd",
    )
    history = list(measure.progress_updates.order_by("pk"))
    assert [(u.status_from, u.status_to) for u in history] == [
        ("", ""),
        ("active", "handed_over"),
    ]
    measure.refresh_from_db()
    assert measure.status == "handed_over"
    assert measure.end_date is not None


def test_a_finished_measure_cannot_be_restarted(area):
    measure = factories.MeasureFactory(
        focus_area__plan__area=area, active=True, status="completed"
    )
    with pytest.raises(ApplicationError) as error:
        services.progress_update_create(
            measure=measure,
            author=factories.UserFactory(),
            text="Starter igjen",
            status_to="active",
        )
    assert error.value.field == "status_to"


def test_progress_needs_text_and_no_future_date(area):
    measure = factories.MeasureFactory(focus_area__plan__area=area, active=True)
    author = factories.UserFactory()
    with pytest.raises(ApplicationError) as error:
        services.progress_update_create(measure=measure, author=author, text=" ")
    assert error.value.field == "text"
    with pytest.raises(ApplicationError) as error:
        services.progress_update_create(
            measure=measure,
            author=author,
            text="Fra fremtiden",
            date=timezone.localdate() + dt.timedelta(days=1),
        )
    assert error.value.field == "date"


def test_a_figure_needs_to_say_what_it_counts(area):
    measure = factories.MeasureFactory(focus_area__plan__area=area, active=True)
    with pytest.raises(ApplicationError) as error:
        services.progress_update_create(
            measure=measure, author=factories.UserFactory(), text="Tall", figure=12
        )
    assert error.value.field == "figure_label"


def test_no_progress_is_logged_on_a_replaced_plan(area):
    measure = factories.MeasureFactory(
        focus_area__plan__area=area, focus_area__plan__status="superseded", active=True
    )
    with pytest.raises(ApplicationError, match="erstattet"):
        services.progress_update_create(
            measure=measure, author=factories.UserFactory(), text="Oppdatering"
        )


def test_evaluation_result_is_recorded_on_a_started_measure(area):
    planned = factories.MeasureFactory(focus_area__plan__area=area)
    with pytest.raises(ApplicationError):
        services.measure_evaluation_record(
            measure=planned, result="Bra", recorded_by=None
        )
    active = factories.MeasureFactory(
        focus_area__plan__area=area, focus_area__plan__approved=True, active=True
    )
    services.measure_evaluation_record(
        measure=active, result="God effekt på debutalder.", recorded_by=None
    )
    assert Measure.objects.get(pk=active.pk).evaluation_result


@time_machine.travel(dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC), tick=False)
def test_a_measure_past_its_end_or_evaluation_date_is_overdue(area):
    plan = factories.ActionPlanFactory(area=area, approved=True)
    focus_area = factories.FocusAreaFactory(plan=plan)
    ended = factories.MeasureFactory(
        focus_area=focus_area, active=True, end_date=dt.date(2026, 5, 31)
    )
    evaluation_late = factories.MeasureFactory(
        focus_area=focus_area, active=True, evaluation_due=dt.date(2026, 5, 1)
    )
    evaluated = factories.MeasureFactory(
        focus_area=focus_area,
        active=True,
        evaluation_due=dt.date(2026, 5, 1),
        evaluation_result="Ferdig evaluert.",
    )
    fine = factories.MeasureFactory(
        focus_area=focus_area, active=True, end_date=dt.date(2026, 6, 1)
    )
    completed = factories.MeasureFactory(
        focus_area=focus_area,
        active=True,
        status="completed",
        end_date=dt.date(2026, 5, 1),
    )
    overdue = selectors.measure_list(
        area=area, area_roles={"coordinator"}, overdue=True
    )
    assert set(overdue) == {ended, evaluation_late}
    flags = {
        m.pk: m.is_overdue
        for m in selectors.measure_list(area=area, area_roles={"coordinator"})
    }
    assert flags[ended.pk]
    assert flags[evaluation_late.pk]
    assert not (flags[evaluated.pk])
    assert not (flags[fine.pk])
    assert not (flags[completed.pk])


def test_my_measures_include_those_of_my_agency(area):
    police = factories.AgencyFactory(area=area, name="Nærpolitiet")
    user = factories.user_with_role(area, "police_contact")
    mine = factories.MeasureFactory(focus_area__plan__area=area, owner=user)
    contributed = factories.MeasureFactory(focus_area__plan__area=area)
    contributed.contributors.set([police])
    factories.MeasureFactory(focus_area__plan__area=area)
    listed = selectors.measure_list(
        area=area,
        area_roles={"police_contact"},
        owner=user,
        agency_ids={police.pk},
    )
    assert set(listed) == {mine, contributed}
