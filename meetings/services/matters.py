"""Saker mellom nivåer: lifted up (løftet), ordered down (bestilling), answered back.

A matter belongs to the area of the group that sent it; its ``to_group`` may sit in
an ancestor area (a bydel's styringsgruppe → Politirådet i Oslo, rule R1) or, for an
order, in a descendant area. Every step is a :class:`MatterEvent` row, which is the
visible trail: raised → received (on the agenda) → answered → closed, or returned.
When a higher level answers a matter that was lifted further, the answer flows down
the whole chain to the group that first raised it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings import notifications
from meetings.models import AgendaItem, Decision, Matter, MatterEvent, Meeting
from meetings.services.agenda import MODE_RANK, OPEN_MEETING, next_order
from municipalities import selectors as area_selectors
from municipalities.models import Group, User
from slt_portal.anonymisation import Finding, describe, find_identifiers
from slt_portal.exceptions import ApplicationError

LEVEL_RANK = {
    Group.Level.OPERATIONAL: 0,
    Group.Level.COORDINATING: 1,
    Group.Level.STEERING: 2,
}
Mode = Group.ConfidentialityMode


def direction(from_group: Group, to_group: Group) -> str:
    """``up``, ``down`` or ``lateral`` between two groups; ``""`` when unrelated."""
    if to_group.area_id == from_group.area_id:
        diff = LEVEL_RANK[to_group.level] - LEVEL_RANK[from_group.level]
        return "up" if diff > 0 else "down" if diff < 0 else "lateral"
    if to_group.area_id in area_selectors.area_ancestor_ids(area=from_group.area):
        return "up"
    if to_group.area_id in area_selectors.area_descendant_ids(area=from_group.area):
        return "down"
    return ""


def _record(
    matter: Matter,
    *,
    from_status: str,
    to_status: str,
    group: Group | None,
    by: User | None,
    note: str = "",
) -> MatterEvent:
    """One row of the trail (MatterEvent lives in the matter's own area)."""
    return MatterEvent.objects.with_scope(area=[matter.area_id]).create(
        area_id=matter.area_id,
        matter=matter,
        from_status=from_status,
        to_status=to_status,
        group=group,
        note=note,
        created_by=by,
    )


def _transition(
    matter: Matter, status: str, *, group: Group | None, by: User | None, note=""
) -> MatterEvent:
    old, matter.status = matter.status, status
    return _record(
        matter, from_status=old, to_status=status, group=group, by=by, note=note
    )


def needs_anonymising(from_group: Group, to_group: Group) -> bool:
    """A matter from a «named» group to a group that is not (rule C2)."""
    return from_group.confidentiality_mode == Mode.NAMED and (
        MODE_RANK[Mode(to_group.confidentiality_mode)] < MODE_RANK[Mode.NAMED]
    )


def matter_text_findings(*, title: str, description: str) -> list[Finding]:
    return find_identifiers(f"{title}\n{description}")


def redact(text: str, findings: Iterable[Finding]) -> str:
    """Replace each finding in ``text`` with «[…]»; the user reviews the result."""
    for finding in sorted(findings, key=lambda f: f.start, reverse=True):
        text = text[: finding.start] + "[…]" + text[finding.end :]
    return text


def _check_text(
    *, from_group: Group, to_group: Group, title: str, description: str
) -> list[Finding]:
    findings = matter_text_findings(title=title, description=description)
    if any(f.kind == "national_id" for f in findings):
        raise ApplicationError(
            _("Remove the national identity number: it never belongs in the portal."),
            field="description",
        )
    if findings and needs_anonymising(from_group, to_group):
        raise ApplicationError(
            _(
                "«%(from)s» discusses named individuals, «%(to)s» does not. Anonymise "
                "the matter before it is sent: remove %(findings)s, and anything else "
                "that could identify someone (rule C2)."
            )
            % {
                "from": from_group.name,
                "to": to_group.name,
                "findings": describe(findings),
            },
            field="description",
            code="needs_anonymising",
        )
    return findings


def _check_groups(from_group: Group, to_group: Group | None, want: str) -> None:
    if to_group is None:
        raise ApplicationError(
            _("Choose the group that receives it."), field="to_group"
        )
    if to_group.pk == from_group.pk:
        raise ApplicationError(
            _("A group cannot send a matter to itself."), field="to_group"
        )
    today = timezone.localdate()
    if to_group.dissolved_on and to_group.dissolved_on < today:
        raise ApplicationError(_("That group is dissolved."), field="to_group")
    found = direction(from_group, to_group)
    if want == "up" and found != "up":
        raise ApplicationError(
            _(
                "A matter is lifted to a higher level, or to a group in the "
                "municipality above (rule R1)."
            ),
            field="to_group",
        )
    if want == "down" and found != "down":
        raise ApplicationError(
            _("An order goes to a group at a lower level."), field="to_group"
        )


@transaction.atomic
def matter_escalate(
    *,
    from_group: Group,
    to_group: Group | None,
    title: str,
    description: str,
    created_by: User,
    topics: Iterable[str] = (),
    parent_matter: Matter | None = None,
    origin_agenda_item: AgendaItem | None = None,
    system_level_confirmed: bool = False,
    due_date: dt.date | None = None,
) -> tuple[Matter, list[Finding]]:
    """Løft sak to the next level. Returns the matter and text warnings (C2)."""
    if not title.strip():
        raise ApplicationError(_("Give the matter a title."), field="title")
    if not description.strip():
        raise ApplicationError(
            _("Describe what the other level should decide or answer."),
            field="description",
        )
    _check_groups(from_group, to_group, "up")
    findings = _check_text(
        from_group=from_group,
        to_group=to_group,
        title=title,
        description=description,
    )
    if to_group.is_strategic and not system_level_confirmed:
        raise ApplicationError(
            _(
                "Confirm that the matter is described at system level: a steering "
                "group never receives individual cases (rule C1)."
            ),
            field="system_level_confirmed",
        )
    if parent_matter is not None:
        _lift_parent(parent_matter, from_group, to_group, created_by)
    matter = Matter(
        area=from_group.area,
        from_group=from_group,
        to_group=to_group,
        kind=Matter.Kind.ESCALATION,
        title=title.strip(),
        description=description.strip(),
        topics=list(topics),
        parent_matter=parent_matter,
        origin_agenda_item=origin_agenda_item,
        due_date=due_date,
        created_by=created_by,
    )
    _save_raised(matter, by=created_by)
    return matter, findings


def _save_raised(matter: Matter, *, by: User) -> None:
    """Save a new matter as «løftet» and tell the receiving group."""
    matter.full_clean()
    matter.save()
    event = _record(
        matter,
        from_status="",
        to_status=Matter.Status.RAISED,
        group=matter.from_group,
        by=by,
    )
    notifications.matter_event(matter=matter, event=event, notify_group=matter.to_group)


def _lift_parent(parent: Matter, from_group: Group, to_group: Group, by: User) -> None:
    parent = _locked(parent)  # the caller's copy may be stale
    if parent.to_group_id != from_group.pk:
        raise ApplicationError(
            _("Only the group that received a matter can lift it further."),
            field="parent_matter",
        )
    if parent.status not in (Matter.Status.RAISED, Matter.Status.RECEIVED):
        raise ApplicationError(
            _("This matter has already been answered or returned."),
            field="parent_matter",
        )
    if parent.status == Matter.Status.RAISED:
        _transition(parent, Matter.Status.RECEIVED, group=from_group, by=by)
        parent.save(update_fields=["status", "updated_at"])
    _record(
        parent,
        from_status=parent.status,
        to_status=parent.status,
        group=from_group,
        by=by,
        note=_("Lifted further to %(group)s.") % {"group": to_group.name},
    )


@transaction.atomic
def matter_order(
    *,
    decision: Decision,
    to_group: Group | None,
    due_date: dt.date | None,
    created_by: User | None,
    title: str = "",
    kind: str = Matter.Kind.ORDER,
) -> Matter:
    """Bestilling sent down by a decision (rule M8: orders need a due date)."""
    from_group = decision.meeting.group
    _check_groups(from_group, to_group, "down")
    if due_date is None:
        raise ApplicationError(
            _("An order needs a due date (rule M8)."), field="order_due_date"
        )
    if due_date < timezone.localdate(decision.meeting.starts_at):
        raise ApplicationError(
            _("The due date cannot be before the meeting."), field="order_due_date"
        )
    matter = Matter(
        area=from_group.area,
        from_group=from_group,
        to_group=to_group,
        kind=kind,
        title=(title or decision.text).strip()[:200],
        description=decision.text,
        origin_agenda_item=decision.agenda_item,
        origin_decision=decision,
        due_date=due_date,
        created_by=created_by,
    )
    _save_raised(matter, by=created_by)
    return matter


def _locked(matter: Matter) -> Matter:
    return (
        Matter.objects.with_scope(area=[matter.area_id])
        .select_for_update()
        .get(pk=matter.pk)
    )


@transaction.atomic
def matter_receive(
    *, matter: Matter, by: User, meeting: Meeting | None = None
) -> Matter:
    """Motta sak, and put it on one of the receiving group's meetings."""
    matter = _locked(matter)
    if matter.status != Matter.Status.RAISED:
        raise ApplicationError(_("This matter has already been received."))
    note = ""
    if meeting is not None:
        if meeting.group_id != matter.to_group_id:
            raise ApplicationError(
                _("Choose a meeting of the receiving group."), field="meeting"
            )
        if meeting.status not in OPEN_MEETING:
            raise ApplicationError(
                _("Choose a planned or invited meeting."), field="meeting"
            )
        _agenda_item_for(matter, meeting, by)
        note = _("On the agenda for %(meeting)s, %(date)s.") % {
            "meeting": meeting.title,
            "date": timezone.localtime(meeting.starts_at).strftime("%d.%m.%Y"),
        }
    _transition(matter, Matter.Status.RECEIVED, group=matter.to_group, by=by, note=note)
    matter.save(update_fields=["status", "updated_at"])
    return matter


def _agenda_item_for(matter: Matter, meeting: Meeting, by: User) -> AgendaItem:
    group = matter.to_group
    confidentiality = min(
        (matter.from_group.confidentiality_mode, group.confidentiality_mode),
        key=lambda mode: MODE_RANK[Mode(mode)],
    )
    now = timezone.now()
    return AgendaItem.objects.with_scope(area=[group.area_id]).create(
        area_id=group.area_id,
        group=group,
        meeting=meeting,
        title=matter.title,
        description=matter.description,
        topics=matter.topics,
        kind=AgendaItem.Kind.MATTER,
        matter=matter,
        submitted_by=by,
        status=AgendaItem.Status.ACCEPTED,
        screened_by=by,
        screened_at=now,
        confidentiality=confidentiality,
        order=next_order(meeting),
        created_by=by,
    )


@transaction.atomic
def matter_answer(
    *,
    matter: Matter,
    by: User,
    response: str,
    decision: Decision | None = None,
) -> Matter:
    """Besvar sak. The answer flows back to the sender, and on down the chain when
    the sender had lifted it further."""
    matter = _locked(matter)
    if matter.status != Matter.Status.RECEIVED:
        raise ApplicationError(
            _("Receive the matter (put it on an agenda) before answering it.")
        )
    if not response.strip():
        raise ApplicationError(_("Write the answer."), field="response")
    if decision is not None and decision.meeting.group_id != matter.to_group_id:
        raise ApplicationError(
            _("The decision must be taken by the receiving group."), field="decision"
        )
    _answer(matter, response=response.strip(), decision=decision, by=by)
    return matter


def _answer(matter: Matter, *, response: str, decision, by: User, via=None) -> None:
    matter.response = response
    matter.responded_at = timezone.now()
    matter.response_decision = decision
    note = response
    if via is not None:
        note = _("Answer from %(group)s: %(answer)s") % {
            "group": via.name,
            "answer": response,
        }
    event = _transition(
        matter, Matter.Status.ANSWERED, group=via or matter.to_group, by=by, note=note
    )
    matter.save(
        update_fields=[
            "status",
            "response",
            "responded_at",
            "response_decision",
            "updated_at",
        ]
    )
    notifications.matter_event(
        matter=matter, event=event, notify_group=matter.from_group
    )
    parent = matter.parent_matter
    if parent is not None and parent.status == Matter.Status.RECEIVED:
        parent = _locked(parent)
        _answer(
            parent,
            response=response,
            decision=decision,
            by=by,
            via=via or matter.to_group,
        )


@transaction.atomic
def matter_return(*, matter: Matter, by: User, reason: str) -> Matter:
    """Returner sak to the sender, with the reason (e.g. belongs elsewhere)."""
    matter = _locked(matter)
    if matter.status not in (Matter.Status.RAISED, Matter.Status.RECEIVED):
        raise ApplicationError(
            _("Only a matter that is waiting for an answer can be returned.")
        )
    if not reason.strip():
        raise ApplicationError(_("Give the reason for returning it."), field="reason")
    matter.returned_reason = reason.strip()
    event = _transition(
        matter,
        Matter.Status.RETURNED,
        group=matter.to_group,
        by=by,
        note=matter.returned_reason,
    )
    matter.save(update_fields=["status", "returned_reason", "updated_at"])
    notifications.matter_event(
        matter=matter, event=event, notify_group=matter.from_group
    )
    return matter


@transaction.atomic
def matter_close(*, matter: Matter, by: User, note: str = "") -> Matter:
    """Lukk sak. Rule M8: a matter is answered (or returned) before it closes."""
    matter = _locked(matter)
    if matter.status not in (Matter.Status.ANSWERED, Matter.Status.RETURNED):
        raise ApplicationError(
            _("A matter can be closed once it is answered or returned (rule M8).")
        )
    matter.closed_at = timezone.now()
    _transition(
        matter, Matter.Status.CLOSED, group=matter.from_group, by=by, note=note.strip()
    )
    matter.save(update_fields=["status", "closed_at", "updated_at"])
    return matter
