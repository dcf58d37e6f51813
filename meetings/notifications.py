"""E-mails about meetings and matters, queued in the outbox (sent by Celery).

Each e-mail has an idempotency key, so a retried service call or a second click
never sends the same notice twice: the key names the meeting (and its iCalendar
sequence, so a *changed* meeting is announced again), the event and the recipient.
Contexts are plain JSON; the templates are in templates/emails/.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from meetings.models import AgendaItem, Matter, MatterEvent, Meeting
from municipalities import roles
from municipalities.models import Group, GroupMember, Membership, User
from slt_portal.email import EmailMessageSpec, email_enqueue_many


def meeting_path(meeting: Meeting, name: str = "meeting_detail") -> str:
    return reverse(
        f"meetings:{name}", kwargs={"area_slug": meeting.area.slug, "pk": meeting.pk}
    )


def _people(users) -> list[User]:
    seen: dict[int, User] = {}
    for user in users:
        if user.is_active and not user.is_service_account and user.email:
            seen.setdefault(user.pk, user)
    return list(seen.values())


def group_recipients(group: Group, day) -> list[User]:
    """Active members of ``group`` on ``day`` (one query)."""
    members = (
        GroupMember.objects.with_scope(area=[group.area_id])
        .filter(group=group)
        .active_on(day)
        .select_related("user")
    )
    return _people(m.user for m in members)


def group_contacts(group: Group) -> list[User]:
    """Who acts for a group: its secretaries, else the area's coordinators."""
    today = timezone.localdate()
    secretaries = (
        GroupMember.objects.with_scope(area=[group.area_id])
        .filter(group=group, role=GroupMember.Role.SECRETARY)
        .active_on(today)
        .select_related("user")
    )
    people = _people(m.user for m in secretaries)
    if people:
        return people
    coordinators = (
        Membership.objects.with_scope(area=[group.area_id])
        .filter(area_id=group.area_id, role=roles.COORDINATOR)
        .active_on(today)
        .select_related("user")
    )
    return _people(m.user for m in coordinators)


def _meeting_context(meeting: Meeting) -> dict:
    group = meeting.group
    return {
        "area_name": meeting.area.name,
        "group_name": group.name,
        "title": meeting.title,
        "starts_at": meeting.starts_at.isoformat(),
        "ends_at": meeting.ends_at.isoformat() if meeting.ends_at else "",
        "location": meeting.location,
        "video_link": meeting.video_link,
        "purpose": meeting.purpose,
        "path": meeting_path(meeting),
        "ics_path": meeting_path(meeting, "meeting_ics"),
    }


def _agenda(meeting: Meeting) -> list[dict]:
    items = meeting.agenda_items.filter(
        status__in=(AgendaItem.Status.ACCEPTED, AgendaItem.Status.HANDLED)
    ).order_by("order", "submitted_at", "pk")
    return [
        {"number": n, "title": item.title, "description": item.description}
        for n, item in enumerate(items, start=1)
    ]


def _send(
    *, key: str, template: str, context: dict, users: list[User], area_id: int
) -> int:
    specs = [
        EmailMessageSpec(
            key=f"{key}:{user.pk}",
            to_address=user.email,
            template=template,
            context={**context, "recipient_name": user.full_name},
            to_user_id=user.pk,
            area_id=area_id,
            language=user.language or "nb",
        )
        for user in users
    ]
    return len(email_enqueue_many(specs=specs))


def meeting_notice(*, meeting: Meeting, changed: bool = False) -> int:
    """Innkalling with the agenda (or a changed time/place) to every member."""
    context = {**_meeting_context(meeting), "agenda": _agenda(meeting)}
    context["changed"] = changed
    return _send(
        key=f"meeting-notice:{meeting.pk}:{meeting.sequence}",
        template="meeting_notice",
        context=context,
        users=group_recipients(meeting.group, timezone.localdate(meeting.starts_at)),
        area_id=meeting.area_id,
    )


def meeting_cancelled(*, meeting: Meeting) -> int:
    context = {**_meeting_context(meeting), "reason": meeting.cancelled_reason}
    return _send(
        key=f"meeting-cancelled:{meeting.pk}",
        template="meeting_cancelled",
        context=context,
        users=group_recipients(meeting.group, timezone.localdate(meeting.starts_at)),
        area_id=meeting.area_id,
    )


def minutes_sent(*, meeting: Meeting) -> int:
    """Referat sent out on approval («sendes ut raskt»)."""
    items = meeting.agenda_items.filter(status=AgendaItem.Status.HANDLED).order_by(
        "order", "submitted_at", "pk"
    )
    follow_ups = meeting.follow_ups.select_related("owner").order_by("due_date", "pk")
    context = {
        **_meeting_context(meeting),
        "minutes": meeting.minutes,
        "items": [
            {"number": n, "title": i.title, "notes": i.notes}
            for n, i in enumerate(items, start=1)
        ],
        "decisions": [d.text for d in meeting.decisions.order_by("decided_at", "pk")],
        "follow_ups": [
            {
                "title": f.title,
                "owner": f.owner.full_name,
                "due_date": f.due_date.isoformat(),
            }
            for f in follow_ups
        ],
    }
    return _send(
        key=f"minutes:{meeting.pk}",
        template="minutes",
        context=context,
        users=group_recipients(meeting.group, timezone.localdate(meeting.starts_at)),
        area_id=meeting.area_id,
    )


def matter_event(*, matter: Matter, event: MatterEvent, notify_group: Group) -> int:
    """Tell the group on the other side that a matter moved (raised, answered…)."""
    path = reverse(
        "meetings:matter_detail",
        kwargs={"area_slug": notify_group.area.slug, "pk": matter.pk},
    )
    context = {
        "area_name": notify_group.area.name,
        "title": matter.title,
        "kind": matter.kind,
        "status": event.to_status,
        "from_group": matter.from_group.name,
        "to_group": matter.to_group.name if matter.to_group_id else matter.to_external,
        "note": event.note,
        "due_date": matter.due_date.isoformat() if matter.due_date else "",
        "path": path,
    }
    return _send(
        key=f"matter-event:{event.pk}",
        template="matter_update",
        context=context,
        users=group_contacts(notify_group),
        area_id=notify_group.area_id,
    )
