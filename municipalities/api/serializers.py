from django.utils.translation import gettext as _
from rest_framework import serializers

from municipalities.models import Agency, Area, Group, GroupMember, Membership, User


class AreaSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    police_district = serializers.StringRelatedField()

    class Meta:
        model = Area
        fields = [
            "id",
            "slug",
            "name",
            "kind",
            "parent",
            "kommunenummer",
            "bydelsnummer",
            "police_district",
            "police_unit",
            "population",
            "target_age_from",
            "target_age_to",
        ]


class AgencySerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    parent = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Agency
        fields = [
            "id",
            "area",
            "name",
            "parent",
            "kind",
            "sector",
            "school_level",
            "is_external_partner",
        ]


class UserSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "full_name", "email", "phone", "title"]


class MembershipSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    user = UserSummarySerializer(read_only=True)
    agency = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "area", "user", "role", "agency", "start_date", "end_date"]


class MeAreaSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    roles = serializers.ListField(child=serializers.CharField())


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    full_name = serializers.CharField()
    email = serializers.EmailField()
    is_api_key = serializers.BooleanField()
    language = serializers.CharField()
    areas = MeAreaSerializer(many=True)


class GroupSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    reports_to = serializers.PrimaryKeyRelatedField(read_only=True)
    anchored_in = serializers.PrimaryKeyRelatedField(read_only=True)
    covered_areas = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )
    required_meetings_per_year = serializers.IntegerField(read_only=True)

    class Meta:
        model = Group
        fields = [
            "id",
            "area",
            "name",
            "level",
            "kind",
            "mandate",
            "reports_to",
            "anchored_in",
            "acts_as_steering_group",
            "covered_areas",
            "cadence",
            "min_meetings_per_year",
            "required_meetings_per_year",
            "skip_months",
            "confidentiality_mode",
            "age_from",
            "age_to",
            "coverage",
            "established_on",
            "dissolved_on",
        ]


class GroupWriteSerializer(serializers.Serializer):
    """Create or change a group; ``area`` (slug) is required when creating."""

    area = serializers.SlugField(required=False)
    name = serializers.CharField(max_length=200)
    level = serializers.ChoiceField(choices=Group.Level.choices)
    kind = serializers.ChoiceField(choices=Group.Kind.choices)
    mandate = serializers.CharField(required=False, allow_blank=True, default="")
    reports_to = serializers.IntegerField(required=False, allow_null=True)
    anchored_in = serializers.IntegerField(required=False, allow_null=True)
    acts_as_steering_group = serializers.BooleanField(required=False, default=False)
    cadence = serializers.ChoiceField(choices=Group.Cadence.choices)
    min_meetings_per_year = serializers.IntegerField(
        required=False, allow_null=True, min_value=0
    )
    skip_months = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=12),
        required=False,
        default=list,
    )
    confidentiality_mode = serializers.ChoiceField(
        choices=Group.ConfidentialityMode.choices,
        default=Group.ConfidentialityMode.SYSTEM_ONLY,
    )
    age_from = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    age_to = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    coverage = serializers.CharField(required=False, allow_blank=True, default="")
    established_on = serializers.DateField(required=False, allow_null=True)
    dissolved_on = serializers.DateField(required=False, allow_null=True)


class GroupMemberSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    user = UserSummarySerializer(read_only=True)
    agency = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = GroupMember
        fields = [
            "id",
            "area",
            "group",
            "user",
            "role",
            "agency",
            "position_title",
            "start_date",
            "end_date",
        ]
        read_only_fields = fields


class GroupMemberWriteSerializer(serializers.Serializer):
    """Add a member: an existing person (``user``) or a new one (name + e-mail)."""

    group = serializers.IntegerField()
    user = serializers.IntegerField(required=False, allow_null=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    full_name = serializers.CharField(required=False, allow_blank=True)
    agency = serializers.IntegerField()
    role = serializers.ChoiceField(
        choices=GroupMember.Role.choices, default=GroupMember.Role.MEMBER
    )
    position_title = serializers.CharField(required=False, allow_blank=True, default="")
    start_date = serializers.DateField(required=False, allow_null=True)

    def validate(self, attrs):
        if not attrs.get("user") and not (
            attrs.get("email") and attrs.get("full_name")
        ):
            raise serializers.ValidationError(
                _("Give a user id, or the name and e-mail of a new person.")
            )
        return attrs


class GroupMemberEndSerializer(serializers.Serializer):
    end_date = serializers.DateField(required=False, allow_null=True)
