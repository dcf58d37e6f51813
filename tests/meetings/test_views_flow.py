"""The coordinator's week in the browser: plan a series, run a meeting from agenda to
approved minutes, see the dashboard flag a group; and bad input changes nothing."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from meetings.models import AgendaItem, Attendance, Decision, FollowUp, Meeting
from tests import factories
from tests.meetings.helpers import future

pytestmark = pytest.mark.django_db


def url(structure, name, **kwargs):
    return reverse(
        f"meetings:{name}", kwargs={"area_slug": structure.area.slug, **kwargs}
    )


def local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_a_coordinator_plans_a_recurring_series(client, structure):
    structure.login(client)
    start = future(10)
    response = client.post(
        url(structure, "series_new"),
        {
            "group": structure.kg.pk,
            "title": "Koordineringsgruppe",
            "first_starts_at": local(start),
            "duration_minutes": 120,
            "frequency": "monthly_weekday",
            "until": (start + dt.timedelta(days=200)).date().isoformat(),
            "location": "Rådhuset",
        },
        follow=True,
    )
    assert response.status_code == 200
    meetings = Meeting.objects.filter(group=structure.kg, series__isnull=False)
    assert meetings.count() >= 6
    assert {timezone.localtime(m.starts_at).hour for m in meetings} == {start.hour}


def test_a_coordinator_runs_a_meeting_from_agenda_to_approved_minutes(
    client, structure, django_capture_on_commit_callbacks
):
    structure.login(client)
    start = future(5, hour=13)
    response = client.post(
        url(structure, "meeting_new"),
        {
            "group": structure.kg.pk,
            "title": "Koordineringsgruppemøte",
            "starts_at": local(start),
            "ends_at": local(start + dt.timedelta(hours=2)),
            "purpose": "Samordning av tiltak mot rus.",
        },
    )
    meeting = Meeting.objects.get(title="Koordineringsgruppemøte")
    assert response["Location"] == url(structure, "meeting_detail", pk=meeting.pk)

    # A member submits an item; the coordinator screens it onto the agenda.
    structure.login(client, structure.member)
    client.post(
        url(structure, "item_new"),
        {
            "group": structure.kg.pk,
            "title": "Cannabis på ungdomsskolene",
            "kind": "discussion",
            "confidentiality": "system_only",
        },
    )
    item = AgendaItem.objects.get(title="Cannabis på ungdomsskolene")
    assert item.status == AgendaItem.Status.SUBMITTED
    structure.login(client)
    client.post(
        url(structure, "item_screen", pk=item.pk),
        {"decision": "accepted", "meeting": meeting.pk},
    )
    item.refresh_from_db()
    assert item.meeting == meeting

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(structure, "meeting_invite", pk=meeting.pk))
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.INVITED
    assert len(mail.outbox) == 2

    with time_machine.travel(start + dt.timedelta(hours=3)):
        client.post(url(structure, "meeting_held", pk=meeting.pk))
        meeting.refresh_from_db()
        assert meeting.status == Meeting.Status.HELD
        members = {m.user: m for m in structure.kg.members.all()}
        client.post(
            url(structure, "attendance_edit", pk=meeting.pk),
            {
                f"status_{members[structure.coordinator].pk}": "present",
                f"status_{members[structure.member].pk}": "excused",
            },
        )
        client.post(
            url(structure, "minutes_edit", pk=meeting.pk),
            {"minutes": "Godt oppmøte.", f"item_{item.pk}": "Tiltak drøftet."},
        )
        client.post(
            url(structure, "decision_new", pk=meeting.pk),
            {
                "agenda_item": item.pk,
                "kind": "resolution",
                "text": "Skolene og politiet lager felles informasjon til foreldre.",
            },
        )
        decision = Decision.objects.get(meeting=meeting)
        client.post(
            url(structure, "follow_up_new", pk=meeting.pk),
            {
                "title": "Lage foreldrebrev",
                "owner": structure.member.pk,
                "due_date": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
                "decision": decision.pk,
            },
        )
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                url(structure, "minutes_approve", pk=meeting.pk), follow=True
            )
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.MINUTES_SENT
    assert meeting.minutes_locked
    assert meeting.attendances.get(group_member__user=structure.member).status == (
        Attendance.Status.EXCUSED
    )
    assert FollowUp.objects.get(meeting=meeting).owner == structure.member
    assert len(mail.outbox) == 2
    assert "Lage foreldrebrev" in mail.outbox[0].body
    page = response.content.decode()
    assert "Lage foreldrebrev" in page
    assert "Tiltak drøftet." in page


def test_end_before_start_is_refused_with_a_clear_message(client, structure):
    structure.login(client)
    start = future(5)
    response = client.post(
        url(structure, "meeting_new"),
        {
            "group": structure.kg.pk,
            "title": "Feil",
            "starts_at": local(start),
            "ends_at": local(start - dt.timedelta(hours=1)),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["ends_at"]
    assert "error-summary" in response.content.decode()
    assert not Meeting.objects.filter(title="Feil").exists()


def test_a_follow_up_without_an_owner_is_refused(client, structure):
    meeting = factories.MeetingFactory(group=structure.kg, held=True)
    structure.login(client)
    response = client.post(
        url(structure, "follow_up_new", pk=meeting.pk),
        {"title": "Uten eier", "due_date": timezone.localdate().isoformat()},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["owner"]
    assert not FollowUp.objects.exists()


def test_editing_locked_minutes_is_refused_and_nothing_changes(client, structure):
    meeting = factories.MeetingFactory(
        group=structure.kg,
        held=True,
        status=Meeting.Status.MINUTES_SENT,
        minutes="Godkjent tekst.",
        minutes_approved_at=timezone.now(),
    )
    structure.login(client)
    response = client.post(
        url(structure, "minutes_edit", pk=meeting.pk), {"minutes": "Ny tekst"}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    meeting.refresh_from_db()
    assert meeting.minutes == "Godkjent tekst."
    page = client.get(url(structure, "meeting_detail", pk=meeting.pk)).content.decode()
    assert f'href="{url(structure, "minutes_edit", pk=meeting.pk)}"' not in page
    assert url(structure, "correction_add", pk=meeting.pk) in page


def test_the_dashboard_flags_a_group_that_fell_behind(client, structure):
    for month in (2, 5, 9, 11):
        day = dt.date(timezone.localdate().year - 1, month, 10)
        factories.MeetingFactory(
            group=structure.sg,
            starts_at=timezone.make_aware(dt.datetime.combine(day, dt.time(9))),
            status=Meeting.Status.MINUTES_SENT,
        )
    structure.login(client)
    response = client.get(url(structure, "dashboard"))
    behind = {h.group for h in response.context["behind"]}
    assert structure.sg in behind
    assert structure.sg.name in response.content.decode()
    home = client.get(reverse("municipalities:area_home", args=[structure.area.slug]))
    assert structure.sg.name in home.content.decode()


def test_a_member_submits_to_a_meeting_and_sees_the_warning_about_names(
    client, structure
):
    meeting = factories.MeetingFactory(group=structure.kg)
    structure.login(client, structure.member)
    response = client.post(
        url(structure, "meeting_item_new", pk=meeting.pk),
        {
            "title": "Bekymring",
            "description": "Mari trenger oppfølging.",
            "kind": "discussion",
            "confidentiality": "anonymised",
        },
        follow=True,
    )
    assert any("Mari" in m for m in messages_of(response))
    item = AgendaItem.objects.get(title="Bekymring")
    assert (item.status, item.meeting) == (AgendaItem.Status.SUBMITTED, meeting)
    assert item not in meeting.agenda_items.filter(status="accepted")
    structure.login(client)
    queue = client.get(url(structure, "item_queue")).context["queue"]
    assert item in queue


def test_an_order_from_the_steering_group_is_listed_on_its_meeting_page(
    client, structure
):
    meeting = factories.MeetingFactory(group=structure.sg, held=True)
    structure.login(client)
    client.post(
        url(structure, "decision_new", pk=meeting.pk),
        {
            "kind": "order",
            "text": "Koordineringsgruppen kartlegger fritidstilbudene.",
            "order_to_group": structure.kg.pk,
            "order_due_date": (
                timezone.localdate() + dt.timedelta(days=60)
            ).isoformat(),
        },
    )
    page = client.get(url(structure, "meeting_detail", pk=meeting.pk))
    assert [o.to_group for o in page.context["orders"]] == [structure.kg]
    matter = page.context["orders"][0]
    received = client.get(url(structure, "matter_list") + "?box=received")
    assert matter in list(received.context["page"])
