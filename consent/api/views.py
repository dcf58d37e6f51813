"""API of the consent app.

Individual-level endpoints (subjects, consents, disclosures) answer 404 to everyone
without consent access: steering members, the secretariat, viewers and API keys
other than the coordinator's (rule C1). Every object listed or read is logged;
reading a record outside an active case needs ``?purpose=`` (and ``purpose_note``
for ``other``). Aggregates (consent-statistics) are for every area role.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from consent import policy, selectors, services
from consent.api import filters, serializers
from consent.audit import Purpose
from consent.models import AccessLog, Consent, Disclosure, Guardian, Subject
from consent.validators import reject_national_id
from municipalities import selectors as municipality_selectors
from municipalities.models import Area
from slt_portal.api.views import AreaScopedMixin
from slt_portal.exceptions import ApplicationError

PURPOSE_PARAMETERS = [
    OpenApiParameter(
        "purpose",
        OpenApiTypes.STR,
        enum=[c[0] for c in serializers.PURPOSE_CHOICES],
        description="Required outside an active case: why the record is read.",
    ),
    OpenApiParameter("purpose_note", OpenApiTypes.STR, description="Free text."),
]


class ConsentApiMixin(AreaScopedMixin):
    """Scopes to the caller's areas, then applies need-to-know (C11)."""

    read_roles = policy.STATISTICS_ROLES

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.actor = policy.actor_for(
            access=self.access,
            user=request.user,
            area_ids=self.scope_area_ids,
            request_id=policy.request_id_for(request),
        )
        if not self.actor.area_ids:
            raise exceptions.NotFound()

    def purpose(self) -> Purpose:
        code = self.request.query_params.get("purpose", "")
        note = self.request.query_params.get("purpose_note", "")[:300]
        if code and code not in dict(serializers.PURPOSE_CHOICES):
            raise ApplicationError(_("Unknown purpose."), field="purpose")
        if code == AccessLog.Purpose.OTHER and not note.strip():
            raise ApplicationError(_("Describe the purpose."), field="purpose_note")
        try:
            reject_national_id(note)
        except DjangoValidationError as error:
            raise ApplicationError(error.messages[0], field="purpose_note") from error
        return Purpose(code=code, note=note)

    def open(self, opener, pk: int, detail: str):
        """Open one record; the purpose is checked only once the caller may see it
        (a missing record and a forbidden one both answer 404 first)."""
        try:
            purpose, invalid = self.purpose(), None
        except ApplicationError as error:
            purpose, invalid = Purpose(), error
        try:
            return opener(
                actor=self.actor,
                area_id=None,
                pk=int(pk),
                purpose=purpose,
                detail=detail,
            )
        except selectors.PurposeRequired as needed:
            raise invalid or ApplicationError(
                _("State a purpose: you are not part of an active case here."),
                field="purpose",
                code="purpose_required",
            ) from needed

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        selectors.record_listed(actor=self.actor, objects=page)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def require_coordinator(self, area_id: int) -> None:
        if not self.actor.is_coordinator(area_id):
            raise PermissionDenied(_("Only the area's coordinator can do this."))

    def agencies(self, area, ids) -> list:
        return self._resolve(
            municipality_selectors.agency_list(area=area), ids, "recipient_agencies"
        )

    @staticmethod
    def _resolve(queryset, ids, field) -> list:
        ids = [i for i in ids if i is not None]
        found = list(queryset.filter(pk__in=ids))
        if len(found) != len(set(ids)):
            raise ApplicationError(_("Unknown or not allowed here."), field=field)
        return found

    def one(self, queryset, pk, field):
        if pk is None:
            return None
        return self._resolve(queryset, [pk], field)[0]


class SubjectViewSet(
    ConsentApiMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Unge personer (pseudonymised) the caller may see."""

    queryset = Subject.objects.none()
    serializer_class = serializers.SubjectSerializer
    filterset_class = filters.SubjectFilter
    ordering_fields = ["pseudonym", "created_at"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return self.scoped(selectors.subject_queryset(actor=self.actor))

    @extend_schema(parameters=PURPOSE_PARAMETERS)
    def retrieve(self, request, pk=None):
        opened = self.open(selectors.subject_open, pk, "api")
        return Response(self.get_serializer(opened.subject).data)

    @extend_schema(
        request=serializers.SubjectCreateSerializer,
        responses={201: serializers.SubjectSerializer},
    )
    def create(self, request):
        data = _valid(serializers.SubjectCreateSerializer, request)
        area = Area.objects.filter(
            slug=data["area"], pk__in=self.actor.coordinator_area_ids
        ).first()
        if area is None:
            raise PermissionDenied(_("Only the area's coordinator can do this."))
        agency = (
            municipality_selectors.agency_list(area=area)
            .filter(pk=data["identity_held_by"])
            .first()
        )
        subject = services.subject_create(
            actor=self.actor,
            area=area,
            birth_year=data["birth_year"],
            identity_held_by=agency,
        )
        subject.has_active_consent = False
        return Response(
            self.get_serializer(subject).data, status=status.HTTP_201_CREATED
        )


class ConsentViewSet(
    ConsentApiMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Samtykker the caller may see."""

    queryset = Consent.objects.none()
    serializer_class = serializers.ConsentSerializer
    filterset_class = filters.ConsentFilter
    ordering_fields = ["given_at", "valid_until"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return self.scoped(selectors.consent_queryset(actor=self.actor))

    @extend_schema(parameters=PURPOSE_PARAMETERS)
    def retrieve(self, request, pk=None):
        consent = self.open(selectors.consent_open, pk, "api")
        return Response(self.get_serializer(consent).data)

    @extend_schema(
        request=serializers.ConsentCreateSerializer,
        responses={201: serializers.ConsentSerializer},
    )
    def create(self, request):
        data = _valid(serializers.ConsentCreateSerializer, request)
        subject = selectors.subject_visible_or_404(
            actor=self.actor, area_id=None, pk=data["subject"]
        )
        self.require_coordinator(subject.area_id)
        area = subject.area
        guardians = Guardian.objects.filter(subject=subject)
        result = services.consent_create(
            actor=self.actor,
            subject=subject,
            recorded_by_agency=self.one(
                municipality_selectors.agency_list(area=area),
                data["recorded_by_agency"],
                "recorded_by_agency",
            ),
            given_at=data["given_at"],
            subject_consented_at=data.get("subject_consented_at"),
            information_scope=data["information_scope"],
            information_categories=data["information_categories"],
            recipient_agencies=self.agencies(area, data["recipient_agencies"]),
            recipient_groups=self._resolve(
                selectors.group_choices(area=area, named_only=True),
                data["recipient_groups"],
                "recipient_groups",
            ),
            purpose=data["purpose"],
            informed_about=data["informed_about"],
            voluntary=data["voluntary"],
            express=data["express"],
            form=data["form"],
            document_reference=data["document_reference"],
            context=data["context"],
            valid_from=data.get("valid_from"),
            valid_until=data.get("valid_until"),
            guardian_consents=[
                services.GuardianConsentInput(
                    guardian=self.one(guardians, item["guardian"], "guardian_consents"),
                    consented_at=item["consented_at"],
                    form=item["form"],
                )
                for item in data["guardian_consents"]
            ],
            supersedes=self.one(
                Consent.objects.filter(subject=subject),
                data.get("supersedes"),
                "supersedes",
            ),
        )
        consent = selectors.consent_queryset(actor=self.actor).get(pk=result.consent.pk)
        body = {**self.get_serializer(consent).data, "warnings": result.warnings}
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=serializers.ConsentWithdrawSerializer,
        responses=serializers.ConsentSerializer,
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """Trekk tilbake samtykke: effective at once (C7)."""
        data = _valid(serializers.ConsentWithdrawSerializer, request)
        consent = selectors.consent_for_write(actor=self.actor, pk=int(pk))
        services.consent_withdraw(
            actor=self.actor,
            consent=consent,
            party=data["party"],
            note=data["note"],
            withdrawn_at=data.get("withdrawn_at"),
        )
        consent = selectors.consent_queryset(actor=self.actor).get(pk=consent.pk)
        return Response(self.get_serializer(consent).data)


class DisclosureViewSet(
    ConsentApiMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Delinger the caller may see; recording one checks its legal basis."""

    queryset = Disclosure.objects.none()
    serializer_class = serializers.DisclosureSerializer
    filterset_class = filters.DisclosureFilter
    ordering_fields = ["created_at", "disclosed_at"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return self.scoped(selectors.disclosure_queryset(actor=self.actor))

    @extend_schema(parameters=PURPOSE_PARAMETERS)
    def retrieve(self, request, pk=None):
        disclosure = self.open(selectors.disclosure_open, pk, "api")
        return Response(self.get_serializer(disclosure).data)

    @extend_schema(
        request=serializers.DisclosureCreateSerializer,
        responses={201: serializers.DisclosureSerializer},
    )
    def create(self, request):
        data = _valid(serializers.DisclosureCreateSerializer, request)
        subject = selectors.subject_visible_or_404(
            actor=self.actor, area_id=None, pk=data.pop("subject")
        )
        area = subject.area
        agencies = municipality_selectors.agency_list(area=area)
        from_agencies = (
            agencies
            if self.actor.is_coordinator(area.pk)
            else agencies.filter(pk__in=self.actor.agency_ids)
        )
        meeting = self.one(
            selectors.meeting_choices(area=area), data.pop("meeting", None), "meeting"
        )
        fields = {
            **data,
            "from_agency": self.one(from_agencies, data["from_agency"], "from_agency"),
            "to_agency": self.one(agencies, data.get("to_agency"), "to_agency"),
            "to_group": self.one(
                selectors.group_choices(area=area, named_only=False),
                data.get("to_group"),
                "to_group",
            ),
            "decided_by_agency": self.one(
                from_agencies, data.get("decided_by_agency"), "decided_by_agency"
            ),
            "consent": self.one(
                Consent.objects.filter(subject=subject), data.get("consent"), "consent"
            ),
            "meeting": meeting,
            "agenda_item": _agenda_item(meeting, data.pop("agenda_item", None)),
        }
        disclosure = services.disclosure_create(
            actor=self.actor, subject=subject, **fields
        )
        return Response(
            self.get_serializer(disclosure).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=None, responses=serializers.DisclosureSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """fvl. § 13 b nr. 6: another person of the deciding agency approves."""
        disclosure = selectors.disclosure_for_write(actor=self.actor, pk=int(pk))
        services.disclosure_approve(actor=self.actor, disclosure=disclosure)
        return Response(self.get_serializer(disclosure).data)


def _agenda_item(meeting, pk):
    if pk is None:
        return None
    item = meeting.agenda_items.filter(pk=pk).first() if meeting else None
    if item is None:
        raise ApplicationError(
            _("The agenda item belongs to another meeting."), field="agenda_item"
        )
    return item


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class ConsentStatisticsViewSet(AreaScopedMixin, viewsets.GenericViewSet):
    """Aggregates per area: small numbers shown as "<5". No individual data."""

    read_roles = policy.STATISTICS_ROLES
    serializer_class = serializers.ConsentStatisticsSerializer
    pagination_class = None
    queryset = Subject.objects.none()

    @extend_schema(
        parameters=[OpenApiParameter("area", OpenApiTypes.STR)],
        responses=serializers.ConsentStatisticsSerializer(many=True),
    )
    def list(self, request):
        area_ids = self.scope_area_ids
        if slug := request.query_params.get("area"):
            area_ids = list(
                Area.objects.filter(slug=slug, pk__in=area_ids).values_list(
                    "pk", flat=True
                )
            )
        rows = selectors.consent_statistics(
            area_ids=area_ids, today=timezone.localdate()
        )
        return Response(self.get_serializer(rows, many=True).data)
