from rest_framework import serializers

from municipalities.models import Agency, Area, Membership, User


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
