from rest_framework import serializers

from consent.legal import AnonymisationCheck, InformationCategory, LegalBasis
from consent.models import AccessLog, Consent, ConsentGuardian, Disclosure, Subject
from consent.validators import reject_national_id

# --- Read -------------------------------------------------------------------------


class SubjectSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    has_active_consent = serializers.BooleanField(read_only=True)

    class Meta:
        model = Subject
        fields = [
            "id",
            "area",
            "pseudonym",
            "birth_year",
            "identity_held_by",
            "status",
            "closed_at",
            "closed_reason",
            "delete_after",
            "review_flagged_at",
            "erased_at",
            "has_active_consent",
            "created_at",
        ]
        read_only_fields = fields


class GuardianConsentSerializer(serializers.ModelSerializer):
    label = serializers.CharField(source="guardian.label", read_only=True)

    class Meta:
        model = ConsentGuardian
        fields = ["guardian", "label", "consented_at", "form"]
        read_only_fields = fields


class ConsentSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    pseudonym = serializers.CharField(source="subject.pseudonym", read_only=True)
    guardian_consents = GuardianConsentSerializer(many=True, read_only=True)
    information_categories = serializers.ListField(
        child=serializers.ChoiceField(choices=InformationCategory.choices),
        read_only=True,
    )

    class Meta:
        model = Consent
        fields = [
            "id",
            "area",
            "subject",
            "pseudonym",
            "status",
            "given_at",
            "subject_consented_at",
            "valid_from",
            "valid_until",
            "form",
            "document_reference",
            "context",
            "information_categories",
            "information_scope",
            "recipient_agencies",
            "recipient_groups",
            "purpose",
            "informed_about",
            "voluntary",
            "express",
            "recorded_by",
            "recorded_by_agency",
            "guardian_consents",
            "withdrawn_at",
            "withdrawn_by_party",
            "withdrawal_note",
            "supersedes",
        ]
        read_only_fields = fields


class DisclosureSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    pseudonym = serializers.CharField(source="subject.pseudonym", read_only=True)
    information_categories = serializers.ListField(
        child=serializers.ChoiceField(choices=InformationCategory.choices),
        read_only=True,
    )
    anonymisation_checklist = serializers.ListField(
        child=serializers.ChoiceField(choices=AnonymisationCheck.choices),
        read_only=True,
    )

    class Meta:
        model = Disclosure
        fields = [
            "id",
            "area",
            "subject",
            "pseudonym",
            "legal_basis",
            "consent",
            "status",
            "from_agency",
            "to_agency",
            "to_group",
            "meeting",
            "agenda_item",
            "information_categories",
            "information_description",
            "purpose",
            "original_purpose_ref",
            "necessity_justification",
            "anonymisation_attested",
            "anonymisation_checklist",
            "decided_by_agency",
            "decision_ref",
            "approved_by",
            "approved_at",
            "disclosed_at",
            "disclosed_by",
            "cancelled_at",
            "cancel_reason",
            "created_at",
        ]
        read_only_fields = fields


# --- Write ------------------------------------------------------------------------


def text(required: bool = True, **kwargs) -> serializers.CharField:
    return serializers.CharField(
        required=required,
        allow_blank=not required,
        validators=[reject_national_id],
        **kwargs,
    )


class SubjectCreateSerializer(serializers.Serializer):
    area = serializers.SlugField()
    birth_year = serializers.IntegerField()
    identity_held_by = serializers.IntegerField()


class GuardianConsentInputSerializer(serializers.Serializer):
    guardian = serializers.IntegerField()
    consented_at = serializers.DateTimeField()
    form = serializers.ChoiceField(
        choices=Consent.Form.choices, default=Consent.Form.WRITTEN
    )


class ConsentCreateSerializer(serializers.Serializer):
    subject = serializers.IntegerField()
    recorded_by_agency = serializers.IntegerField()
    given_at = serializers.DateTimeField()
    subject_consented_at = serializers.DateTimeField(required=False)
    information_scope = text(required=False, default="")
    information_categories = serializers.ListField(
        child=serializers.ChoiceField(choices=InformationCategory.choices),
        required=False,
        default=list,
    )
    recipient_agencies = serializers.ListField(
        child=serializers.IntegerField(), required=False, default=list
    )
    recipient_groups = serializers.ListField(
        child=serializers.IntegerField(), required=False, default=list
    )
    purpose = text(required=False, default="")
    informed_about = text(required=False, default="")
    voluntary = serializers.BooleanField(default=False)
    express = serializers.BooleanField(default=False)
    form = serializers.ChoiceField(choices=Consent.Form.choices)
    document_reference = text(required=False, default="", max_length=200)
    context = serializers.ChoiceField(
        choices=Consent.Context.choices, required=False, default="", allow_blank=True
    )
    valid_from = serializers.DateField(required=False)
    valid_until = serializers.DateField(required=False)
    guardian_consents = GuardianConsentInputSerializer(
        many=True, required=False, default=list
    )
    supersedes = serializers.IntegerField(required=False)


class ConsentWithdrawSerializer(serializers.Serializer):
    party = serializers.CharField(
        help_text="`subject`, or `guardian:<id>` of a guardian who consented."
    )
    note = text(required=False, default="")
    withdrawn_at = serializers.DateTimeField(
        required=False, help_text="When it was made known; default now."
    )


class DisclosureCreateSerializer(serializers.Serializer):
    subject = serializers.IntegerField()
    legal_basis = serializers.ChoiceField(choices=LegalBasis.choices)
    consent = serializers.IntegerField(required=False)
    from_agency = serializers.IntegerField()
    to_agency = serializers.IntegerField(required=False)
    to_group = serializers.IntegerField(required=False)
    meeting = serializers.IntegerField(required=False)
    agenda_item = serializers.IntegerField(required=False)
    information_categories = serializers.ListField(
        child=serializers.ChoiceField(choices=InformationCategory.choices),
        required=False,
        default=list,
    )
    information_description = text(required=False, default="")
    purpose = text(required=False, default="")
    purpose_within_consent = serializers.BooleanField(default=False)
    original_purpose_ref = text(required=False, default="")
    necessity_justification = text(required=False, default="")
    anonymisation_attested = serializers.BooleanField(default=False)
    anonymisation_checklist = serializers.ListField(
        child=serializers.ChoiceField(choices=AnonymisationCheck.choices),
        required=False,
        default=list,
    )
    decided_by_agency = serializers.IntegerField(required=False)
    decision_ref = text(required=False, default="", max_length=120)
    disclosed_at = serializers.DateTimeField(required=False)
    confirm_identifiers = serializers.BooleanField(
        default=False,
        help_text="Confirm that text going to a group without named cases "
        "identifies no one (asked for with code `needs_confirmation`).",
    )


# --- Aggregates -------------------------------------------------------------------


class DisclosuresByBasisSerializer(serializers.Serializer):
    consent = serializers.CharField()
    anonymised_13a_nr2 = serializers.CharField()
    fvl_13b_nr2 = serializers.CharField()
    fvl_13b_nr5 = serializers.CharField()
    fvl_13b_nr6 = serializers.CharField()


class ConsentStatisticsSerializer(serializers.Serializer):
    """Counts as text: 1 to 4 are shown as "<5" (small-number suppression)."""

    area = serializers.CharField()
    area_name = serializers.CharField()
    active_subjects = serializers.CharField()
    active_consents = serializers.CharField()
    incomplete_consents = serializers.CharField()
    withdrawn_consents = serializers.CharField()
    expired_consents = serializers.CharField()
    disclosures_by_basis = DisclosuresByBasisSerializer()


PURPOSE_CHOICES = [
    c for c in AccessLog.Purpose.choices if c[0] != AccessLog.Purpose.ACTIVE_CASE
]
