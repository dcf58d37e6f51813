"""The demo data: plans through the real lifecycle, indicators, the problem picture
and both årshjul templates in use; running it twice changes nothing."""

import pytest
from django.core.management import call_command

from actionplans.models import (
    ActionPlan,
    CycleTask,
    CycleTemplate,
    Indicator,
    IndicatorValue,
    Measure,
    ProgressUpdate,
)
from actionplans.selectors import plan_focus_areas, plan_warnings
from meetings.models import Decision
from reports.models import StatusReport

pytestmark = pytest.mark.django_db

MODELS = (
    ActionPlan,
    Measure,
    ProgressUpdate,
    Indicator,
    IndicatorValue,
    StatusReport,
    CycleTemplate,
    CycleTask,
    Decision,
)


def counts():
    return [m.objects.count() for m in MODELS]


def test_the_demo_plans_are_approved_by_the_right_bodies():
    call_command("seed_demo", "--quiet-logins")
    programme = ActionPlan.objects.get(area__slug="oslo", kind="programme")
    assert programme.status == "approved"
    assert programme.approved_by_group.kind == "police_council"
    alna = ActionPlan.objects.get(area__slug="alna")
    assert alna.status == "approved"
    assert alna.parent_programme == programme
    assert alna.approval_decision.kind == Decision.Kind.APPROVAL
    assert alna.approved_by_group.name == "Styringsgruppe"
    baerum = ActionPlan.objects.get(area__slug="baerum")
    assert baerum.approved_by_group.name == "SLT-styret"
    assert {fa.title for fa in baerum.focus_areas.all()} >= {"Forebygge rus"}
    region = ActionPlan.objects.get(area__slug="indre-sogn")
    assert (region.kind, region.status) == ("strategy_plan", "submitted")


def test_the_alna_plan_shows_a_missing_evaluation_plan_and_an_overdue_measure():
    call_command("seed_demo", "--quiet-logins")
    plan = ActionPlan.objects.get(area__slug="alna")
    warnings = plan_warnings(plan=plan, focus_areas=plan_focus_areas(plan=plan))
    codes = {w.code for w in warnings}
    assert "P3" in codes
    assert "overdue" in codes
    assert "P5" not in codes  # district, school and police are parties


def test_the_demo_has_the_real_figures_from_the_sources():
    call_command("seed_demo", "--quiet-logins")
    acceptance = Indicator.objects.get(
        area__slug="baerum", name="Opplever aksept for alkoholbruk fra foreldrene"
    )
    assert acceptance.values.get(period_start__year=2014).value == 13
    rules = Indicator.objects.get(
        area__slug="baerum", name="Vet ikke om foreldrene har regler for alkoholbruk"
    )
    assert rules.values.get(period_start__year=2014).value == 21
    unsafe = Indicator.objects.get(
        area__slug="alna", name="Føler seg utrygge i nærmiljøet"
    )
    assert unsafe.values.get(period_start__year=2023).value == 15
    assert IndicatorValue.objects.filter(suppressed=True).exists()


def test_both_templates_are_in_use_with_this_years_tasks():
    call_command("seed_demo", "--quiet-logins")
    copies = CycleTemplate.objects.filter(area__isnull=False)
    assert {t.variant for t in copies} == {"generic_slt", "oslo_salto"}
    assert copies.get(area__slug="oslo").is_published
    for slug in ("oslo", "alna", "baerum", "indre-sogn"):
        assert CycleTask.objects.filter(area__slug=slug).exists(), slug
    assert StatusReport.objects.filter(
        area__slug="alna", kind="police_tertial", status="submitted"
    ).exists()


def test_the_demo_is_idempotent():
    call_command("seed_demo", "--quiet-logins")
    first = counts()
    call_command("seed_demo", "--quiet-logins")
    assert counts() == first
