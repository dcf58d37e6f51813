"""Forms for meetings, agendas, minutes, follow-ups and matters.

Forms only parse and validate input; the rules live in ``meetings.services``.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.models import AgendaItem, Attendance, Decision, FollowUp
from meetings.recurrence import Frequency
from municipalities.models import Group, Topic
from slt_portal.forms import DateInput, DateTimeInput


class GroupChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Group) -> str:
        if getattr(obj, "_show_area", False):
            return f"{obj.name} ({obj.area.name})"
        return obj.name


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        start = timezone.localtime(obj.starts_at)
        return f"{start:%d.%m.%Y %H:%M} – {obj.title}"


def _mark_other_areas(groups, area) -> list[Group]:
    rows = list(groups)
    for group in rows:
        group._show_area = group.area_id != area.pk
    return rows


class MeetingForm(forms.Form):
    group = GroupChoiceField(label=_("Group"), queryset=Group.objects.none())
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("Starts"), widget=DateTimeInput, help_text=_("Norwegian time.")
    )
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DateTimeInput, required=False)
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    video_link = forms.URLField(
        label=_("Video link"), required=False, assume_scheme="https"
    )
    purpose = forms.CharField(
        label=_("Purpose of the meeting"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required before the invitation is sent (rule M4)."),
    )

    def __init__(self, *args, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        if groups is None:
            del self.fields["group"]
        else:
            self.fields["group"].queryset = groups


class SeriesForm(forms.Form):
    group = GroupChoiceField(label=_("Group"), queryset=Group.objects.none())
    title = forms.CharField(label=_("Title"), max_length=200)
    first_starts_at = forms.DateTimeField(
        label=_("First meeting starts"),
        widget=DateTimeInput,
        help_text=_(
            "Norwegian time. Later meetings keep the same clock time, also across "
            "the change to and from summer time."
        ),
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), initial=120, min_value=15, max_value=720
    )
    frequency = forms.ChoiceField(label=_("Repeats"), choices=Frequency.choices)
    until = forms.DateField(
        label=_("Repeat until"),
        widget=DateInput,
        help_text=_("Months the group does not meet (set on the group) are skipped."),
    )
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    video_link = forms.URLField(
        label=_("Video link"), required=False, assume_scheme="https"
    )
    purpose = forms.CharField(
        label=_("Purpose of the meetings"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        max_length=300,
        help_text=_("Members who were invited are told by e-mail."),
    )


TOPIC_FIELD = {
    "label": _("Topics"),
    "choices": Topic.choices,
    "required": False,
    "widget": forms.CheckboxSelectMultiple,
}


class AgendaItemForm(forms.Form):
    group = GroupChoiceField(label=_("Group"), queryset=Group.objects.none())
    meeting = MeetingChoiceField(
        label=_("Meeting"),
        queryset=None,
        required=False,
        help_text=_("Leave empty and the coordinator places it on a meeting."),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_(
            "Describe the matter at system level unless the group discusses "
            "anonymised or named cases."
        ),
    )
    kind = forms.ChoiceField(
        label=_("Kind of item"),
        choices=[
            (k, label)
            for k, label in AgendaItem.Kind.choices
            if k not in (AgendaItem.Kind.MATTER, AgendaItem.Kind.FOLLOW_UP_REVIEW)
        ],
        initial=AgendaItem.Kind.DISCUSSION,
    )
    topics = forms.MultipleChoiceField(**TOPIC_FIELD)
    confidentiality = forms.ChoiceField(
        label=_("Confidentiality"),
        choices=Group.ConfidentialityMode.choices,
        initial=Group.ConfidentialityMode.SYSTEM_ONLY,
    )
    case_paper = forms.FileField(
        label=_("Case paper"),
        required=False,
        help_text=_("Optional saksframlegg (PDF or document)."),
    )

    def __init__(self, *args, groups=None, meetings=None, **kwargs):
        super().__init__(*args, **kwargs)
        if groups is None:
            del self.fields["group"]
        else:
            self.fields["group"].queryset = groups
        if meetings is None:
            del self.fields["meeting"]
        else:
            self.fields["meeting"].queryset = meetings


class ScreenForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            (AgendaItem.Status.ACCEPTED, _("Put it on a meeting's agenda")),
            (AgendaItem.Status.DEFERRED, _("Defer it (keep it in the queue)")),
            (AgendaItem.Status.RETURNED, _("Return it to the sender")),
        ],
    )
    meeting = MeetingChoiceField(label=_("Meeting"), queryset=None, required=False)
    note = forms.CharField(
        label=_("Note to the sender"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required when the item is returned."),
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings


class AttendanceForm(forms.Form):
    """One status (and substitute name) per member."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            member = row.member
            self.fields[f"status_{member.pk}"] = forms.ChoiceField(
                label=_("Attendance"),
                choices=[("", _("Not recorded")), *Attendance.Status.choices],
                required=False,
                initial=row.status,
            )
            self.fields[f"substitute_{member.pk}"] = forms.CharField(
                label=_("Name of the substitute"),
                max_length=150,
                required=False,
                initial=row.attendance.substitute_name if row.attendance else "",
            )

    def grouped(self) -> list[tuple]:
        """(row, status field, substitute field) per member, for the template."""
        return [
            (row, self[f"status_{row.member.pk}"], self[f"substitute_{row.member.pk}"])
            for row in self.rows
        ]

    def entries(self) -> list[tuple]:
        return [
            (
                row.member,
                self.cleaned_data[f"status_{row.member.pk}"],
                self.cleaned_data[f"substitute_{row.member.pk}"],
            )
            for row in self.rows
            if self.cleaned_data.get(f"status_{row.member.pk}")
        ]


class GuestForm(forms.Form):
    guest_name = forms.CharField(label=_("Guest's name"), max_length=150)
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=None, required=False)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        help_text=_("General minutes; notes per agenda item below."),
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for number, item in enumerate(items, start=1):
            self.fields[f"item_{item.pk}"] = forms.CharField(
                label=f"{number}. {item.title}",
                widget=forms.Textarea(attrs={"rows": 4}),
                required=False,
                initial=item.notes,
            )

    def item_notes(self) -> dict[int, str]:
        return {item.pk: self.cleaned_data[f"item_{item.pk}"] for item in self.items}


class CorrectionForm(forms.Form):
    text = forms.CharField(
        label=_("Correction"), widget=forms.Textarea(attrs={"rows": 3})
    )
    reason = forms.CharField(label=_("Reason"), max_length=300)


class DecisionForm(forms.Form):
    agenda_item = forms.ModelChoiceField(
        label=_("Agenda item"), queryset=None, required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (Decision.Kind.RESOLUTION, Decision.Kind.RESOLUTION.label),
            (Decision.Kind.ORDER, _("Order to a lower level")),
        ],
        initial=Decision.Kind.RESOLUTION,
    )
    text = forms.CharField(
        label=_("Decision"), widget=forms.Textarea(attrs={"rows": 4})
    )
    order_to_group = GroupChoiceField(
        label=_("Order sent to"),
        queryset=Group.objects.none(),
        required=False,
        help_text=_("For an order: the group that must carry it out."),
    )
    order_due_date = forms.DateField(
        label=_("Order due"), widget=DateInput, required=False
    )

    def __init__(self, *args, items, order_targets, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = items
        self.fields["order_to_group"].queryset = order_targets
        self.fields["order_to_group"].choices = [("", "---------")] + [
            (g.pk, self.fields["order_to_group"].label_from_instance(g))
            for g in _mark_other_areas(order_targets, area)
        ]


class FollowUpForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=300)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=None,
        required=False,
        help_text=_("The person responsible (rule M6)."),
    )
    owner_agency = forms.ModelChoiceField(
        label=_("Owner's agency"), queryset=None, required=False
    )
    due_date = forms.DateField(label=_("Due"), widget=DateInput, required=False)
    decision = forms.ModelChoiceField(
        label=_("Follows from decision"), queryset=None, required=False
    )

    def __init__(self, *args, owners, agencies, decisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner_agency"].queryset = agencies
        self.fields["decision"].queryset = decisions
        self.fields["decision"].label_from_instance = lambda d: d.text[:80]


class FollowUpStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=FollowUp.Status.choices)
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("What was done, or why it is cancelled."),
    )


class FollowUpReassignForm(forms.Form):
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=None, required=False)
    due_date = forms.DateField(label=_("Due"), widget=DateInput, required=False)

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners


class MatterForm(forms.Form):
    from_group = GroupChoiceField(label=_("From group"), queryset=Group.objects.none())
    to_group = GroupChoiceField(label=_("To group"), queryset=Group.objects.none())
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "What should the other level decide or answer? Describe it at system "
            "level: no names, dates of birth, addresses or other details that can "
            "identify a person."
        ),
    )
    topics = forms.MultipleChoiceField(**TOPIC_FIELD)
    system_level_confirmed = forms.BooleanField(
        label=_("The matter is described at system level, with no individual cases"),
        required=False,
        help_text=_("Required when the receiver is a steering group (rule C1)."),
    )

    def __init__(self, *args, from_groups=None, to_groups, area, **kwargs):
        super().__init__(*args, **kwargs)
        if from_groups is None:
            del self.fields["from_group"]
        else:
            self.fields["from_group"].queryset = from_groups
        field = self.fields["to_group"]
        field.queryset = to_groups
        field.choices = [("", "---------")] + [
            (g.pk, field.label_from_instance(g))
            for g in _mark_other_areas(to_groups, area)
        ]


class ReceiveForm(forms.Form):
    meeting = MeetingChoiceField(
        label=_("Put on the agenda of"),
        queryset=None,
        required=False,
        help_text=_("Leave empty to receive it now and place it later."),
    )

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings


class AnswerForm(forms.Form):
    response = forms.CharField(
        label=_("Answer"), widget=forms.Textarea(attrs={"rows": 5})
    )
    decision = forms.ModelChoiceField(
        label=_("Decision that answers it"), queryset=None, required=False
    )

    def __init__(self, *args, decisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = decisions
        self.fields["decision"].label_from_instance = lambda d: (
            f"{d.meeting.starts_at:%d.%m.%Y}: {d.text[:70]}"
        )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3})
    )


class CloseForm(forms.Form):
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
