"""Need-to-know (rule C11): who may see which young person, consent and disclosure.

The area's coordinator sees every consent object of the area. Anyone else with a
working role sees a young person only while their agency (their membership's agency
in the area, or their own) or one of their named groups is a party to one of the
young person's consents or disclosures, when their agency holds the identity, or when
the coordinator has granted them access (django-guardian, per Subject).
Steering members, the city secretariat, viewers and API keys other than the
coordinator's see nothing at all (rule C1): every page and endpoint answers 404.

All rules are SQL filters (``Q`` objects with ``EXISTS``), so lists cost the same
number of queries however many rows they hold.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from municipalities import roles
from municipalities.models import GroupMember, Membership, User
from slt_portal.tenancy import Access

COORDINATOR = roles.COORDINATOR
# Roles that may see consent objects where they are a party (C11).
MEMBER_ROLES = frozenset(
    {roles.OPERATIVE, roles.COORDINATION_MEMBER, roles.POLICE_CONTACT}
)
CONSENT_ROLES = MEMBER_ROLES | {COORDINATOR}
# Aggregates (counts, suppressed below the threshold) are for every area role.
STATISTICS_ROLES = roles.ALL_ROLES | {roles.SYSTEM_CLIENT}
VIEW_PERMISSION = "view_subject"


@dataclass(frozen=True)
class Actor:
    """Who is reading or writing consent data, computed once per request."""

    user: User | None
    coordinator_area_ids: frozenset[int] = frozenset()
    member_area_ids: frozenset[int] = frozenset()
    agency_ids: frozenset[int] = frozenset()
    group_ids: frozenset[int] = frozenset()
    request_id: str = ""
    is_api_key: bool = False

    @property
    def area_ids(self) -> frozenset[int]:
        return self.coordinator_area_ids | self.member_area_ids

    @property
    def user_id(self) -> int | None:
        return self.user.pk if self.user is not None else None

    def is_coordinator(self, area_id: int) -> bool:
        return area_id in self.coordinator_area_ids

    def may_use(self, area_id: int) -> bool:
        return area_id in self.area_ids


SYSTEM = Actor(user=None, request_id="system")


def request_id_for(request: HttpRequest) -> str:
    """The caller's X-Request-ID, or one made for this request."""
    cached = getattr(request, "_consent_request_id", None)
    if cached is None:
        given = request.headers.get("X-Request-ID", "")[:64]
        cached = given or uuid.uuid4().hex
        request._consent_request_id = cached
    return cached


def actor_for(
    *,
    access: Access,
    user: User,
    area_ids: Iterable[int] | None = None,
    request_id: str = "",
) -> Actor:
    """The Actor for ``user`` in ``area_ids`` (default: all of the user's areas).

    API keys act only with the coordinator role: a key for any other role reads
    aggregates, never individual-level data.
    """
    wanted = set(access.area_ids if area_ids is None else area_ids)
    coordinator = {a for a in wanted if COORDINATOR in access.roles(a)}
    members = set()
    if not access.is_api_key:
        members = {a for a in wanted if access.roles(a) & MEMBER_ROLES} - coordinator
    consent_areas = coordinator | members
    agencies: set[int] = set()
    groups: set[int] = set()
    if consent_areas and not access.is_api_key:
        today = timezone.localdate()
        agencies = set(
            Membership.objects.filter(
                user=user, area_id__in=consent_areas, agency__isnull=False
            )
            .active_on(today)
            .values_list("agency_id", flat=True)
        )
        if user.agency_id:
            agencies.add(user.agency_id)
        groups = set(
            GroupMember.objects.filter(user=user, area_id__in=consent_areas)
            .active_on(today)
            .values_list("group_id", flat=True)
        )
    return Actor(
        user=user,
        coordinator_area_ids=frozenset(coordinator),
        member_area_ids=frozenset(members),
        agency_ids=frozenset(agencies),
        group_ids=frozenset(groups),
        request_id=request_id,
        is_api_key=access.is_api_key,
    )


# --- Filters ----------------------------------------------------------------------


def consent_party_q(actor: Actor, prefix: str = "") -> Q:
    """The consent names one of the actor's agencies or groups as a party."""
    p = prefix
    return (
        Q(**{f"{p}recorded_by_agency_id__in": actor.agency_ids})
        | Q(**{f"{p}recipient_agencies__in": actor.agency_ids})
        | Q(**{f"{p}recipient_groups__in": actor.group_ids})
    )


def disclosure_party_q(actor: Actor) -> Q:
    return (
        Q(from_agency_id__in=actor.agency_ids)
        | Q(to_agency_id__in=actor.agency_ids)
        | Q(decided_by_agency_id__in=actor.agency_ids)
        | Q(to_group_id__in=actor.group_ids)
    )


def _granted(actor: Actor, subject_ref: str) -> Exists:
    from consent.models import SubjectUserObjectPermission

    return Exists(
        SubjectUserObjectPermission.objects.filter(
            content_object_id=OuterRef(subject_ref),
            user_id=actor.user_id,
            permission__codename=VIEW_PERMISSION,
        )
    )


def _nothing() -> Q:
    return Q(pk__in=[])


def subjects_visible(actor: Actor, queryset: QuerySet) -> QuerySet:
    """Subjects the actor may open: the coordinator all, others by party (C11)."""
    from consent.models import Consent, Disclosure

    if not actor.area_ids:
        return queryset.none()
    as_member = Q(area_id__in=actor.member_area_ids, erased_at__isnull=True) & (
        Q(identity_held_by_id__in=actor.agency_ids)
        | _granted(actor, "pk")
        | Exists(
            Consent.objects.filter(subject_id=OuterRef("pk")).filter(
                consent_party_q(actor)
            )
        )
        | Exists(
            Disclosure.objects.filter(subject_id=OuterRef("pk")).filter(
                disclosure_party_q(actor)
            )
        )
    )
    return queryset.filter(
        Q(area_id__in=actor.coordinator_area_ids)
        | (as_member if actor.member_area_ids else _nothing())
    )


def consents_visible(actor: Actor, queryset: QuerySet) -> QuerySet:
    """Consents the actor may read: all (coordinator), or those naming a party."""
    from consent.models import Consent

    if not actor.area_ids:
        return queryset.none()
    party = Consent.objects.filter(consent_party_q(actor)).values("pk")
    as_member = Q(area_id__in=actor.member_area_ids) & (
        Q(subject__identity_held_by_id__in=actor.agency_ids)
        | _granted(actor, "subject_id")
        | Q(pk__in=party)
    )
    return queryset.filter(
        Q(area_id__in=actor.coordinator_area_ids)
        | (as_member if actor.member_area_ids else _nothing())
    )


def disclosures_visible(actor: Actor, queryset: QuerySet) -> QuerySet:
    """Disclosures the actor may read: all (coordinator), or those it took part in."""
    if not actor.area_ids:
        return queryset.none()
    as_member = Q(area_id__in=actor.member_area_ids) & (
        Q(subject__identity_held_by_id__in=actor.agency_ids)
        | _granted(actor, "subject_id")
        | disclosure_party_q(actor)
    )
    return queryset.filter(
        Q(area_id__in=actor.coordinator_area_ids)
        | (as_member if actor.member_area_ids else _nothing())
    )


def active_case_basis(actor: Actor, subject) -> str:
    """The legal basis of the actor's active case with ``subject``, or "".

    An active case is a consent valid today that names the actor's agency or group,
    or an open disclosure (an fvl. § 13 b nr. 6 decision in progress) it is a party
    to. Outside an active case the user must state a purpose before opening the
    young person's record.
    """
    from consent.legal import LegalBasis
    from consent.models import Consent, Disclosure

    if not (actor.agency_ids or actor.group_ids):
        return ""
    today = timezone.localdate()
    if (
        Consent.objects.filter(subject=subject)
        .valid_on(today)
        .filter(consent_party_q(actor))
        .exists()
    ):
        return LegalBasis.CONSENT.value
    open_disclosure = (
        Disclosure.objects.filter(subject=subject, status__in=Disclosure.OPEN_STATUSES)
        .filter(disclosure_party_q(actor))
        .values_list("legal_basis", flat=True)
        .first()
    )
    return open_disclosure or ""
