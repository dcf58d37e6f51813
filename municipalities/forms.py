from django import forms
from django.utils.translation import gettext_lazy as _

from municipalities.models import ApiKey, Group, GroupMember, Role, User
from slt_portal.forms import DateInput


class ApiKeyCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=120,
        help_text=_("Which system uses the key, e.g. «Sak/arkiv» or «Statistikk»."),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=ApiKey.Role.choices,
        initial=ApiKey.Role.SYSTEM_CLIENT,
        help_text=_("Give the least access the system needs."),
    )
    expires_on = forms.DateField(
        label=_("Expires"),
        required=False,
        widget=DateInput,
        help_text=_("Leave empty for a key that is valid until revoked."),
    )


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "phone", "title", "language", "reminder_mode"]


class PersonInviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=None, required=False)
    start_date = forms.DateField(label=_("From"), required=False, widget=DateInput)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


MONTHS = [
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


class ParentGroupField(forms.ModelChoiceField):
    def __init__(self, *args, area=None, **kwargs):
        self.area = area
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Group) -> str:
        if self.area is not None and obj.area_id != self.area.pk:
            return f"{obj.name} ({obj.area.name})"
        return obj.name


class GroupForm(forms.ModelForm):
    """Organ: name, level, mandate, frequency rule, confidentiality mode …

    ``reports_to`` and ``anchored_in`` are declared here, not generated: their
    choices reach into the ancestor areas (a bydel group reports to the city's
    Politiråd) and are given per request.
    """

    reports_to = ParentGroupField(
        label=_("Reports to"),
        queryset=None,
        required=False,
        help_text=_("The next level up: may be in the municipality above."),
    )
    anchored_in = ParentGroupField(
        label=_("Anchored in"),
        queryset=None,
        required=False,
        help_text=_("For a working group: the group that set it up."),
    )

    skip_months = forms.TypedMultipleChoiceField(
        label=_("Months without meetings"),
        choices=MONTHS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Not counted when the meeting rule is checked, e.g. July."),
    )

    class Meta:
        model = Group
        fields = [
            "name",
            "kind",
            "level",
            "mandate",
            "acts_as_steering_group",
            "covered_areas",
            "cadence",
            "min_meetings_per_year",
            "skip_months",
            "confidentiality_mode",
            "age_from",
            "age_to",
            "coverage",
            "established_on",
            "dissolved_on",
        ]
        widgets = {
            "mandate": forms.Textarea(attrs={"rows": 5}),
            "covered_areas": forms.CheckboxSelectMultiple,
            "established_on": DateInput,
            "dissolved_on": DateInput,
        }
        help_texts = {
            "mandate": _("The group's terms of reference. Needed before it invites."),
            "covered_areas": _("A regional steering group covers several districts."),
            "min_meetings_per_year": _(
                "Empty: 4 for a steering group, 10 for a coordination group."
            ),
            "confidentiality_mode": _(
                "Steering groups: system level only. Coordination groups: at most "
                "anonymised cases."
            ),
        }

    field_order = [
        "name",
        "kind",
        "level",
        "mandate",
        "reports_to",
        "anchored_in",
    ]

    def __init__(self, *args, area, parents, covered, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
            self.initial.setdefault("reports_to", self.instance.reports_to_id)
            self.initial.setdefault("anchored_in", self.instance.anchored_in_id)
        for name in ("reports_to", "anchored_in"):
            self.fields[name].queryset = parents
            self.fields[name].area = area
        self.fields["covered_areas"].queryset = covered
        self.fields["covered_areas"].required = False


class GroupMemberForm(forms.Form):
    """A person already in the portal, or a new one by name and e-mail."""

    user = forms.ModelChoiceField(
        label=_("Person"),
        queryset=User.objects.none(),
        required=False,
        help_text=_(
            "Someone with a role in the area, or leave empty and fill in below."
        ),
    )
    full_name = forms.CharField(label=_("Or a new person: full name"), required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    agency = forms.ModelChoiceField(label=_("Represents agency"), queryset=None)
    role = forms.ChoiceField(
        label=_("Role in the group"),
        choices=GroupMember.Role.choices,
        initial=GroupMember.Role.MEMBER,
    )
    position_title = forms.CharField(
        label=_("Position"),
        max_length=150,
        required=False,
        help_text=_("E.g. bydelsdirektør, rektor, stasjonssjef."),
    )
    start_date = forms.DateField(
        label=_("Member from"), required=False, widget=DateInput
    )

    def __init__(self, *args, people, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people
        self.fields["user"].label_from_instance = lambda u: f"{u.full_name} ({u.email})"
        self.fields["agency"].queryset = agencies

    def clean(self):
        data = super().clean()
        if not data.get("user") and not (data.get("full_name") and data.get("email")):
            raise forms.ValidationError(
                _("Choose a person, or write the name and e-mail of a new one.")
            )
        return data


class GroupMemberEndForm(forms.Form):
    end_date = forms.DateField(
        label=_("Member until"), required=False, widget=DateInput
    )
