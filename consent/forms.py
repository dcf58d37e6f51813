"""Forms of the consent app. Rules live in the services; forms only shape input."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consent.legal import AnonymisationCheck, InformationCategory, LegalBasis
from consent.models import AccessLog, Consent, Guardian, Subject
from consent.validators import reject_national_id
from slt_portal.forms import DateInput, DateTimeInput

TEXTAREA = forms.Textarea(attrs={"rows": 3})


def start_of_day(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def free_text(label, *, required: bool = True, help_text: str = "", **kwargs):
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=TEXTAREA,
        validators=[reject_national_id],
        **kwargs,
    )


class SubjectForm(forms.Form):
    birth_year = forms.IntegerField(
        label=_("Birth year"),
        help_text=_("The year only. Never the date of birth, name or address."),
    )
    identity_held_by = forms.ModelChoiceField(
        label=_("Agency that holds the identity"),
        queryset=None,
        help_text=_(
            "The portal gives the young person a random pseudonym. Only this agency "
            "knows who it is."
        ),
    )

    def __init__(self, *args, agencies, initial_agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["identity_held_by"].queryset = agencies
        if initial_agency is not None:
            self.fields["identity_held_by"].initial = initial_agency


class GuardianForm(forms.Form):
    label = forms.CharField(
        label=_("Label"),
        max_length=40,
        validators=[reject_national_id],
        help_text=_("For example «Verge 1». Never a name."),
    )
    relation = forms.ChoiceField(label=_("Relation"), choices=Guardian.Relation.choices)
    has_parental_responsibility = forms.BooleanField(
        label=_("Has parental responsibility"), required=False, initial=True
    )


class PurposeForm(forms.Form):
    purpose = forms.ChoiceField(
        label=_("Why do you open this record?"),
        choices=[
            c
            for c in AccessLog.Purpose.choices
            if c[0] != AccessLog.Purpose.ACTIVE_CASE
        ],
        widget=forms.RadioSelect,
    )
    purpose_note = forms.CharField(
        label=_("Purpose, in words"),
        required=False,
        max_length=300,
        validators=[reject_national_id],
        help_text=_("Required for «Other». Do not write names."),
    )
    next = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        data = super().clean()
        if (
            data.get("purpose") == AccessLog.Purpose.OTHER
            and not (data.get("purpose_note") or "").strip()
        ):
            self.add_error("purpose_note", _("Describe the purpose."))
        return data


class ConsentForm(forms.Form):
    recorded_by_agency = forms.ModelChoiceField(
        label=_("Recorded for agency"), queryset=None
    )
    given_on = forms.DateField(
        label=_("Given on"),
        widget=DateInput,
        help_text=_("The day the young person consented."),
    )
    information_categories = forms.MultipleChoiceField(
        label=_("Kinds of information that may be shared"),
        choices=InformationCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    information_scope = free_text(
        _("What information may be shared"),
        required=False,
        help_text=_("As described on the form, e.g. «school attendance and results»."),
    )
    recipient_agencies = forms.ModelMultipleChoiceField(
        label=_("Agencies that may give and receive information"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    recipient_groups = forms.ModelMultipleChoiceField(
        label=_("Groups that may discuss the young person by name"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    purpose = free_text(_("Purpose"), required=False)
    informed_about = free_text(
        _("What the person was told about the consequences"),
        required=False,
        help_text=_(
            "Who will know what, what it may lead to, and that the consent can be "
            "withdrawn at any time."
        ),
    )
    voluntary = forms.BooleanField(
        label=_("The consent was given voluntarily, without pressure"), required=False
    )
    express = forms.BooleanField(
        label=_("The consent was given expressly"), required=False
    )
    form = forms.ChoiceField(
        label=_("Form"),
        choices=Consent.Form.choices,
        widget=forms.RadioSelect,
        initial=Consent.Form.WRITTEN,
    )
    document_reference = forms.CharField(
        label=_("Where the signed form is archived"),
        required=False,
        max_length=200,
        validators=[reject_national_id],
        help_text=_(
            "A reference, e.g. the case number in the agency's archive. Never upload "
            "the form: it carries names."
        ),
    )
    guardians = forms.ModelMultipleChoiceField(
        label=_("Guardians who consented the same day"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Under 18 every guardian with parental responsibility must consent too. "
            "A guardian who consents later can be added on the consent's page."
        ),
    )
    guardian_form = forms.ChoiceField(
        label=_("The guardians consented"),
        choices=Consent.Form.choices,
        initial=Consent.Form.WRITTEN,
    )
    context = forms.ChoiceField(
        label=_("Context"),
        choices=[("", "–"), *Consent.Context.choices],
        required=False,
    )
    valid_until = forms.DateField(
        label=_("Valid until"), widget=DateInput, required=False
    )
    supersedes = forms.ModelChoiceField(
        label=_("Replaces consent"), queryset=None, required=False
    )

    def __init__(
        self, *args, agencies, groups, guardians, open_consents, default_until, **kw
    ):
        super().__init__(*args, **kw)
        self.fields["recorded_by_agency"].queryset = agencies
        self.fields["recipient_agencies"].queryset = agencies
        self.fields["recipient_groups"].queryset = groups
        self.fields["guardians"].queryset = guardians
        self.fields["supersedes"].queryset = open_consents
        self.fields["valid_until"].help_text = _(
            "Leave empty for the longest allowed: %(date)s."
        ) % {"date": default_until.strftime("%d.%m.%Y")}
        if not guardians.exists():
            del self.fields["guardians"]
            del self.fields["guardian_form"]
        if not open_consents.exists():
            del self.fields["supersedes"]


class GuardianConsentForm(forms.Form):
    guardian = forms.ModelChoiceField(label=_("Guardian"), queryset=None)
    consented_on = forms.DateField(label=_("Consented on"), widget=DateInput)
    form = forms.ChoiceField(label=_("Form"), choices=Consent.Form.choices)

    def __init__(self, *args, guardians, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["guardian"].queryset = guardians


class WrittenConsentForm(forms.Form):
    document_reference = forms.CharField(
        label=_("Where the signed form is archived"),
        max_length=200,
        validators=[reject_national_id],
    )


class WithdrawForm(forms.Form):
    party = forms.ChoiceField(label=_("Who withdraws the consent"))
    withdrawn_at = forms.DateTimeField(
        label=_("When was it withdrawn?"),
        widget=DateTimeInput,
        required=False,
        help_text=_("Leave empty for now. Use it when you were told earlier."),
    )
    note = free_text(
        _("Note"), required=False, help_text=_("Optional. Do not write names.")
    )

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = parties


class DisclosureForm(forms.Form):
    legal_basis = forms.ChoiceField(
        label=_("Legal basis"),
        choices=LegalBasis.choices,
        widget=forms.RadioSelect,
        help_text=_("Exactly one. What each basis requires is explained above."),
    )
    consent = forms.ModelChoiceField(
        label=_("Consent"),
        queryset=None,
        required=False,
        help_text=_("Required when the basis is consent."),
    )
    from_agency = forms.ModelChoiceField(label=_("Shared by agency"), queryset=None)
    to_agency = forms.ModelChoiceField(
        label=_("To agency"), queryset=None, required=False
    )
    to_group = forms.ModelChoiceField(
        label=_("Or to a group"), queryset=None, required=False
    )
    meeting = forms.ModelChoiceField(
        label=_("In the meeting"),
        queryset=None,
        required=False,
        help_text=_("Only meetings of groups with named individual cases."),
    )
    information_categories = forms.MultipleChoiceField(
        label=_("Kinds of information shared"),
        choices=InformationCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    information_description = free_text(
        _("What was shared"),
        required=False,
        help_text=_("The minimum needed. No names, addresses or dates of birth."),
    )
    purpose = free_text(_("Purpose"), required=False)
    purpose_within_consent = forms.BooleanField(
        label=_("The purpose is within the purpose of the consent"), required=False
    )
    original_purpose_ref = free_text(
        _("The purpose the information was given or collected for (nr. 2)"),
        required=False,
    )
    necessity_justification = free_text(
        _("Why sharing is necessary for your agency's tasks (nr. 5)"),
        required=False,
    )
    anonymisation_checklist = forms.MultipleChoiceField(
        label=_("Removed from the text (anonymised)"),
        choices=AnonymisationCheck.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    anonymisation_attested = forms.BooleanField(
        label=_("Recognition of the person or case is actually impossible"),
        required=False,
    )
    decided_by_agency = forms.ModelChoiceField(
        label=_("Deciding agency (nr. 6)"), queryset=None, required=False
    )
    decision_ref = forms.CharField(
        label=_("Reference to the agency's decision (nr. 6)"),
        max_length=120,
        required=False,
        validators=[reject_national_id],
    )
    disclosed_at = forms.DateTimeField(
        label=_("Shared at"),
        widget=DateTimeInput,
        required=False,
        help_text=_("Leave empty for now. Not used for nr. 6, which is proposed."),
    )
    confirm_identifiers = forms.BooleanField(
        label=_("I have checked the text: no one can be recognised from it"),
        required=False,
    )

    def __init__(
        self,
        *args,
        consents,
        from_agencies,
        agencies,
        groups,
        meetings,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["consent"].queryset = consents
        self.fields["consent"].label_from_instance = _consent_label
        self.fields["from_agency"].queryset = from_agencies
        self.fields["to_agency"].queryset = agencies
        self.fields["decided_by_agency"].queryset = from_agencies
        self.fields["to_group"].queryset = groups
        self.fields["meeting"].queryset = meetings
        self.fields["meeting"].label_from_instance = _meeting_label


def _consent_label(consent: Consent) -> str:
    given = consent.given_at.strftime("%d.%m.%Y")
    until = consent.valid_until.strftime("%d.%m.%Y")
    return f"{given} – {until} ({consent.get_status_display()})"


def _meeting_label(meeting) -> str:
    return f"{meeting.group.name}: {meeting.title} ({meeting.starts_at:%d.%m.%Y})"


class CancelForm(forms.Form):
    reason = free_text(_("Why is it stopped?"))


class CloseForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why does the follow-up end?"), choices=Subject.ClosedReason.choices
    )


class GrantForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Person"), queryset=None)

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        from municipalities.models import User

        self.fields["user"].queryset = User.objects.filter(
            pk__in=memberships.values("user_id")
        ).order_by("full_name")


class TaskCompleteForm(forms.Form):
    note = free_text(_("What was decided?"), required=False)
