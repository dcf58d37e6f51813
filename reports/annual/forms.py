"""Forms for the årsrapport pages."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting
from reports.annual.sections import SECTIONS
from reports.models import ReportReview


class DraftForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"].choices = [
            (y, y) for y in range(this_year, this_year - 6, -1)
        ]
        self.fields["year"].initial = this_year - 1


class SectionForm(forms.Form):
    text = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "System-level text only: no names, dates of birth or addresses of "
            "young people. Separate paragraphs with a blank line."
        ),
    )


class ReviewForm(forms.Form):
    section = forms.ChoiceField(label=_("Section"), required=False)
    verdict = forms.ChoiceField(
        label=_("Verdict"),
        choices=ReportReview.Verdict.choices,
        widget=forms.RadioSelect,
        initial=ReportReview.Verdict.COMMENT,
    )
    text = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", _("The whole report"))] + [
            (s.code, s.title(year)) for s in SECTIONS
        ]


class ApproveForm(forms.Form):
    meeting = forms.ModelChoiceField(
        label=_("Meeting where it was approved"),
        queryset=Meeting.objects.none(),
        required=False,
        help_text=_("Optional: records the approval as a decision in that meeting."),
    )
    text = forms.CharField(label=_("Decision text"), required=False)

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
