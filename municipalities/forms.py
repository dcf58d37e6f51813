from django import forms
from django.utils.translation import gettext_lazy as _

from municipalities.models import ApiKey, Role, User
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
