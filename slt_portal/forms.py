"""Accessible form rendering on Designsystemet.

Every form renders through :class:`DesignsystemetFormRenderer`: a label per control,
help text and error messages tied to the control with ``aria-describedby``, invalid
controls marked ``aria-invalid``, and an error summary with links to the fields.
"""

from __future__ import annotations

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting


class DesignsystemetBoundField(BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        classes = attrs.get("class", "").split()
        hidden = isinstance(widget, forms.HiddenInput | forms.MultipleHiddenInput)
        if not hidden and "ds-input" not in classes:
            classes.append("ds-input")
        if classes:
            attrs["class"] = " ".join(classes)
        described_by = (
            [attrs["aria-describedby"]] if attrs.get("aria-describedby") else []
        )
        if self.help_text:
            described_by.append(f"{self.auto_id}_helptext")
        if self.errors:
            described_by.append(f"{self.auto_id}_error")
            attrs["aria-invalid"] = "true"
        if described_by:
            attrs["aria-describedby"] = " ".join(dict.fromkeys(described_by))
        return attrs


class DesignsystemetFormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
    bound_field_class = DesignsystemetBoundField


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")
