"""Forms for plans, measures, progress, indicators, the problem picture and the
årshjul. Views pass ``cleaned_data`` to the services; no form saves itself."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actionplans.models import (
    ActionPlan,
    CycleItem,
    FocusArea,
    Goal,
    Indicator,
    IndicatorValue,
    Measure,
    ProgressUpdate,
)
from municipalities.models import Group, Role, Topic
from reports.models import StatusReport
from slt_portal.forms import DateInput

MONTH_CHOICES = [
    (1, _("January")),
    (2, _("February")),
    (3, _("March")),
    (4, _("April")),
    (5, _("May")),
    (6, _("June")),
    (7, _("July")),
    (8, _("August")),
    (9, _("September")),
    (10, _("October")),
    (11, _("November")),
    (12, _("December")),
]


def scoped_formfield(field, **kwargs):
    """Build model form fields without querying: related choices start empty and
    each form sets them from the area's scoped selectors (tenant models refuse
    queries outside a scope, and choices must never cross areas)."""
    if field.is_relation and field.related_model is not None:
        kwargs.setdefault("queryset", field.related_model._default_manager.none())
    return field.formfield(**kwargs)


def _topics_field(label) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=Topic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class PlanForm(forms.ModelForm):
    linked_plans = forms.CharField(
        label=_("Linked plans"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The municipal plans this plan is anchored in, one per line: "
            "title | period | address (period and address are optional)."
        ),
    )

    class Meta:
        formfield_callback = scoped_formfield
        model = ActionPlan
        fields = [
            "title",
            "kind",
            "period_start",
            "period_end",
            "summary",
            "parent_programme",
            "contributors",
            "linked_plans",
        ]
        widgets = {
            "period_start": DateInput,
            "period_end": DateInput,
            "summary": forms.Textarea(attrs={"rows": 4}),
            "contributors": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "parent_programme": _("A district plan builds on the city's programme."),
            "contributors": _(
                "The parties behind the plan; in Oslo the district, the school and "
                "the police are equal parties."
            ),
        }

    def __init__(self, *args, agencies, programmes, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contributors"].queryset = agencies
        self.fields["parent_programme"].queryset = programmes
        self.fields["kind"].choices = [
            c for c in ActionPlan.Kind.choices if c[0] in kinds
        ]
        if self.instance.pk and not self.is_bound:
            self.initial["linked_plans"] = "\n".join(
                " | ".join(
                    part
                    for part in (p.get("title"), p.get("period"), p.get("url"))
                    if part
                )
                for p in self.instance.linked_plans
            )

    def clean_linked_plans(self) -> list[dict]:
        plans = []
        for line in self.cleaned_data["linked_plans"].splitlines():
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            title, period, url = [*parts, "", "", ""][:3]
            if not title:
                raise forms.ValidationError(_("Each line needs a title."))
            plans.append({"title": title, "period": period, "url": url})
        return plans


class ApproveForm(forms.Form):
    meeting = forms.TypedChoiceField(
        label=_("Meeting"),
        coerce=int,
        help_text=_("A held meeting of the body that approves the plan."),
    )
    text = forms.CharField(
        label=_("Decision"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The decision as it is written in the minutes."),
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.meetings = {m.pk: m for m in meetings}
        self.fields["meeting"].choices = [("", "—")] + [
            (m.pk, f"{m.group.name}: {m.title} ({m.starts_at:%d.%m.%Y})")
            for m in meetings
        ]

    def clean_meeting(self):
        return self.meetings[self.cleaned_data["meeting"]]


class FocusAreaForm(forms.ModelForm):
    class Meta:
        formfield_callback = scoped_formfield
        model = FocusArea
        fields = [
            "title",
            "description",
            "year",
            "evidence_reports",
            "evidence_indicators",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "evidence_reports": forms.CheckboxSelectMultiple,
            "evidence_indicators": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "year": _("For a yearly focus area within a longer plan."),
            "evidence_reports": _("The problem picture this focus area builds on."),
        }

    def __init__(self, *args, reports, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence_reports"].queryset = reports
        self.fields["evidence_indicators"].queryset = indicators


class GoalForm(forms.ModelForm):
    class Meta:
        formfield_callback = scoped_formfield
        model = Goal
        fields = ["text", "kind", "parent", "indicators"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "indicators": forms.CheckboxSelectMultiple,
        }
        labels = {"parent": _("Main goal")}
        help_texts = {"parent": _("For a sub-goal: the main goal it serves.")}

    def __init__(self, *args, main_goals, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = main_goals
        self.fields["indicators"].queryset = indicators


class MeasureForm(forms.ModelForm):
    topics = _topics_field(_("Topics"))
    evaluation_flags = forms.MultipleChoiceField(
        label=_("Evaluation flags"),
        choices=Measure.EvaluationFlag.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Evaluation is recommended for any of these."),
    )

    class Meta:
        formfield_callback = scoped_formfield
        model = Measure
        fields = [
            "title",
            "description",
            "goal",
            "prevention_level",
            "target_group",
            "age_from",
            "age_to",
            "target_type",
            "evidence_basis",
            "responsible_agency",
            "owner",
            "contributors",
            "start_date",
            "end_date",
            "funding_source",
            "funding_amount_nok",
            "funding_ends_on",
            "funding_note",
            "evaluation_type",
            "evaluator",
            "evaluation_plan",
            "evaluation_due",
            "evaluation_flags",
            "topics",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "funding_note": forms.Textarea(attrs={"rows": 2}),
            "evaluation_plan": forms.Textarea(attrs={"rows": 3}),
            "contributors": forms.CheckboxSelectMultiple,
            "start_date": DateInput,
            "end_date": DateInput,
            "funding_ends_on": DateInput,
            "evaluation_due": DateInput,
        }
        help_texts = {
            "evaluation_plan": _(
                "How and when the measure is evaluated. With «None», say why."
            ),
        }

    def __init__(self, *args, agencies, people, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_agency"].queryset = agencies
        self.fields["responsible_agency"].required = True
        self.fields["owner"].queryset = people
        self.fields["owner"].required = True
        self.fields["contributors"].queryset = agencies
        self.fields["goal"].queryset = goals


class MeasureStartForm(forms.ModelForm):
    class Meta:
        formfield_callback = scoped_formfield
        model = Measure
        fields = [
            "start_date",
            "end_date",
            "evaluation_type",
            "evaluator",
            "evaluation_plan",
            "evaluation_due",
        ]
        widgets = {
            "start_date": DateInput,
            "end_date": DateInput,
            "evaluation_due": DateInput,
            "evaluation_plan": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "evaluation_plan": _(
                "Decided now, at the start: what is measured, by whom and when."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in (
            "start_date",
            "evaluation_type",
            "evaluation_plan",
            "evaluation_due",
        ):
            self.fields[name].required = True
        if not self.initial.get("start_date"):
            self.initial["start_date"] = timezone.localdate()


class ProgressForm(forms.Form):
    """Fremdrift: quick to fill in on a phone. Only the text is required."""

    text = forms.CharField(
        label=_("What has happened?"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    rating = forms.ChoiceField(
        label=_("How is it going?"),
        choices=ProgressUpdate.Rating.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    status_to = forms.ChoiceField(label=_("Change status"), required=False)
    figure = forms.DecimalField(
        label=_("Figure"),
        required=False,
        max_digits=12,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "decimal"}),
        help_text=_("For example the number of young people reached."),
    )
    figure_label = forms.CharField(
        label=_("What the figure counts"), required=False, max_length=120
    )
    date = forms.DateField(label=_("Date"), required=False, widget=DateInput)
    is_highlight = forms.BooleanField(
        label=_("Highlight in the annual report"), required=False
    )

    def __init__(self, *args, transitions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status_to"].choices = [("", _("No change"))] + [
            (value, Measure.Status(value).label) for value in transitions
        ]
        self.initial.setdefault("date", timezone.localdate())


class EvaluationResultForm(forms.Form):
    evaluation_result = forms.CharField(
        label=_("Evaluation result"), widget=forms.Textarea(attrs={"rows": 5})
    )


class DirectionSelect(forms.NullBooleanSelect):
    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [
            ("unknown", _("Neither")),
            ("true", _("Higher is better")),
            ("false", _("Lower is better")),
        ]


class IndicatorForm(forms.ModelForm):
    higher_is_better = forms.NullBooleanField(
        label=_("Direction"), required=False, widget=DirectionSelect
    )

    class Meta:
        formfield_callback = scoped_formfield
        model = Indicator
        fields = [
            "name",
            "source",
            "unit",
            "cohort",
            "comparison_label",
            "higher_is_better",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "cohort": _("For example «10. trinn»."),
            "comparison_label": _("For example «Landet» for the national average."),
        }


class IndicatorValueForm(forms.ModelForm):
    class Meta:
        formfield_callback = scoped_formfield
        model = IndicatorValue
        fields = [
            "period_start",
            "period_end",
            "value",
            "n",
            "comparison_value",
            "note",
        ]
        widgets = {"period_start": DateInput, "period_end": DateInput}
        help_texts = {
            "n": _("Values from fewer than 5 respondents are hidden as «<5»."),
        }


class CsvImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: year (or period_start and period_end), value, and optionally "
            "n, comparison_value and note. Comma or semicolon separated."
        ),
    )


class StatusReportForm(forms.ModelForm):
    categories = _topics_field(_("Categories"))

    class Meta:
        formfield_callback = scoped_formfield
        model = StatusReport
        fields = [
            "kind",
            "title",
            "period_start",
            "period_end",
            "author_agency",
            "body",
            "categories",
        ]
        widgets = {
            "period_start": DateInput,
            "period_end": DateInput,
            "body": forms.Textarea(attrs={"rows": 12}),
        }
        help_texts = {
            "body": _(
                "System level only: trends, places and milieus, never named or "
                "recognisable young people."
            ),
        }

    def __init__(self, *args, kinds, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            c for c in StatusReport.Kind.choices if c[0] in kinds
        ]
        self.fields["author_agency"].queryset = agencies


class TemplateChooseForm(forms.Form):
    source = forms.TypedChoiceField(label=_("Template"), coerce=int)

    def __init__(self, *args, templates, **kwargs):
        super().__init__(*args, **kwargs)
        self.templates = {t.pk: t for t in templates}
        self.fields["source"].choices = [
            (t.pk, f"{t.name}{f' ({t.area.name})' if t.area_id else ''}")
            for t in templates
        ]

    def clean_source(self):
        return self.templates[self.cleaned_data["source"]]


class CycleItemForm(forms.ModelForm):
    months = forms.TypedMultipleChoiceField(
        label=_("Months"),
        choices=MONTH_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty for every month of a monthly item."),
    )
    skip_months = forms.TypedMultipleChoiceField(
        label=_("Skip months"),
        choices=MONTH_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    owner_role = forms.ChoiceField(label=_("Owner role"), choices=Role.choices)
    group_kind = forms.ChoiceField(
        label=_("Group kind"),
        choices=[("", "—"), *Group.Kind.choices],
        required=False,
        help_text=_("Meetings are proposed in the area's groups of this kind."),
    )

    class Meta:
        formfield_callback = scoped_formfield
        model = CycleItem
        fields = [
            "title",
            "description",
            "kind",
            "recurrence",
            "months",
            "day",
            "week",
            "skip_months",
            "lead_days",
            "group_kind",
            "owner_role",
            "generates",
            "source_ref",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "day": _("Day of the month (default 15)."),
            "week": _("For weekly items: the first week (default week 2)."),
            "lead_days": _(
                "A preparation task this many days before the date, e.g. 21 for "
                "items due before a steering group meeting."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound and self.instance.month:
            self.initial["months"] = self.instance.months or [self.instance.month]

    def clean(self):
        data = super().clean()
        data["month"] = None  # stored as a list of months
        return data


class CycleTaskForm(forms.Form):
    due_date = forms.DateField(
        label=_("Due"),
        widget=DateInput,
        help_text=_("Weekends and public holidays move to the next working day."),
    )
    assignee = forms.ModelChoiceField(
        label=_("Assignee"), queryset=None, required=False
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = people


class CycleGenerateForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    propose_meetings = forms.BooleanField(
        label=_("Propose meetings in the matching groups"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [
            (y, str(y)) for y in (today.year, today.year + 1)
        ]
        self.initial.setdefault("year", today.year + 1)
