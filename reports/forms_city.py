"""Forms for status reports and the Oslostandard self-assessment. Views pass
``cleaned_data`` to the services; no form saves itself."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from actionplans.forms import scoped_formfield
from reports.models import ChecklistAssessment, StatusReport
from reports.services import STATUS_KINDS
from slt_portal.forms import DateInput


class PeriodicReportForm(forms.ModelForm):
    """Statusrapport / rapport til politirådet: the author writes the narrative."""

    class Meta:
        formfield_callback = scoped_formfield
        model = StatusReport
        fields = ["kind", "title", "period_start", "period_end", "to_group", "body"]
        widgets = {
            "period_start": DateInput,
            "period_end": DateInput,
            "body": forms.Textarea(attrs={"rows": 14}),
        }
        help_texts = {
            "body": _(
                "What the figures mean, what went well and what needs a decision. "
                "System level only: never named or recognisable young people."
            ),
            "to_group": _("The body that receives the report."),
        }

    def __init__(self, *args, receivers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            c for c in StatusReport.Kind.choices if c[0] in STATUS_KINDS
        ]
        self.fields["to_group"].queryset = receivers


class ChecklistForm(forms.Form):
    """One recommendation's answer: met / partly / not met, with a comment."""

    rating = forms.ChoiceField(
        label=_("Assessment"),
        choices=ChecklistAssessment.Rating.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, code: str, **kwargs):
        kwargs.setdefault("prefix", code)
        super().__init__(*args, **kwargs)
