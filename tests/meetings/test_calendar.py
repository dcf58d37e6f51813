"""iCalendar: the .ics download and personal feeds (secret, revocable, scoped to what
the token's owner may see now), in Europe/Oslo time with a VTIMEZONE."""

import datetime as dt

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import CalendarToken
from meetings.recurrence import OSLO
from tests import factories

pytestmark = pytest.mark.django_db


def at(day, hour=18):
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=OSLO)


def events(response):
    calendar = icalendar.Calendar.from_ical(response.content)
    return calendar, [c for c in calendar.walk("VEVENT")]


def test_ics_download_has_oslo_times_and_a_vtimezone(client, structure):
    winter = factories.MeetingFactory(
        group=structure.kg, starts_at=at(dt.date(2027, 3, 23)), ends_at=None
    )
    structure.login(client, structure.member)
    response = client.get(
        reverse("meetings:meeting_ics", args=[structure.area.slug, winter.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    assert "BEGIN:VTIMEZONE" in text
    assert "TZID:Europe/Oslo" in text
    assert "DTSTART;TZID=Europe/Oslo:20270323T180000" in text
    _calendar, (event,) = events(response)
    assert event["summary"] == f"{winter.title} ({structure.kg.name})"


def test_a_meeting_after_the_change_to_summer_time_is_still_at_1800(client, structure):
    summer = factories.MeetingFactory(
        group=structure.kg, starts_at=at(dt.date(2027, 3, 30))
    )
    structure.login(client)
    text = client.get(
        reverse("meetings:meeting_ics", args=[structure.area.slug, summer.pk])
    ).content.decode()
    assert "DTSTART;TZID=Europe/Oslo:20270330T180000" in text


def test_ics_download_is_404_for_a_group_the_user_is_not_in(client, structure):
    meeting = factories.MeetingFactory(group=structure.sg)
    structure.login(client, structure.member)
    url = reverse("meetings:meeting_ics", args=[structure.area.slug, meeting.pk])
    assert client.get(url).status_code == 404


def make_token(client, user):
    client.force_login(user)
    client.post(reverse("calendar:token_new"))
    return CalendarToken.objects.get(user=user, revoked_at__isnull=True)


def test_the_personal_feed_holds_only_meetings_of_the_users_groups(client, structure):
    mine = factories.MeetingFactory(group=structure.team, starts_at=timezone.now())
    not_mine = factories.MeetingFactory(group=structure.sg)
    elsewhere = factories.MeetingFactory()
    token = make_token(client, structure.member)
    client.logout()  # calendar programs have no session
    response = client.get(reverse("calendar:personal_feed", args=[token.token]))
    assert response.status_code == 200
    uids = {str(e["uid"]) for e in events(response)[1]}
    assert f"meeting-{mine.pk}@slt.example.no" in uids
    assert f"meeting-{not_mine.pk}@slt.example.no" not in uids
    assert f"meeting-{elsewhere.pk}@slt.example.no" not in uids


def test_the_coordinator_feed_holds_every_group_of_the_area(client, structure):
    sg_meeting = factories.MeetingFactory(group=structure.sg)
    token = make_token(client, structure.coordinator)
    response = client.get(reverse("calendar:personal_feed", args=[token.token]))
    assert f"meeting-{sg_meeting.pk}@" in response.content.decode()


def test_an_ended_membership_drops_the_group_from_the_feed(client, structure):
    meeting = factories.MeetingFactory(group=structure.team)
    token = make_token(client, structure.member)
    url = reverse("calendar:personal_feed", args=[token.token])
    assert f"meeting-{meeting.pk}@" in client.get(url).content.decode()
    structure.team.members.filter(user=structure.member).update(
        end_date=timezone.localdate() - dt.timedelta(days=1),
        start_date=timezone.localdate() - dt.timedelta(days=10),
    )
    assert f"meeting-{meeting.pk}@" not in client.get(url).content.decode()


def test_the_group_feed_is_404_unless_the_owner_may_see_the_group(client, structure):
    token = make_token(client, structure.member)
    ok = reverse("calendar:group_feed", args=[token.token, structure.team.pk])
    refused = reverse("calendar:group_feed", args=[token.token, structure.sg.pk])
    other_area = reverse(
        "calendar:group_feed", args=[token.token, factories.GroupFactory().pk]
    )
    assert client.get(ok).status_code == 200
    assert client.get(refused).status_code == 404
    assert client.get(other_area).status_code == 404


def test_a_new_address_or_revoking_ends_the_old_one(client, structure):
    old = make_token(client, structure.member)
    new = make_token(client, structure.member)
    assert old.token != new.token
    assert (
        client.get(reverse("calendar:personal_feed", args=[old.token])).status_code
        == 404
    )
    assert (
        client.get(reverse("calendar:personal_feed", args=[new.token])).status_code
        == 200
    )
    client.post(reverse("calendar:token_revoke"))
    assert (
        client.get(reverse("calendar:personal_feed", args=[new.token])).status_code
        == 404
    )


def test_an_unknown_token_is_404(client, db):
    assert (
        client.get(reverse("calendar:personal_feed", args=["nope"])).status_code == 404
    )


def test_the_calendar_page_shows_the_addresses_to_their_owner(client, structure):
    token = make_token(client, structure.member)
    response = client.get(reverse("calendar:settings"))
    assert response.status_code == 200
    assert token.token in response.content.decode()
    assert structure.team.name in response.content.decode()
    assert structure.sg.name not in response.content.decode()


def test_the_calendar_page_needs_a_login(client, db):
    response = client.get(reverse("calendar:settings"))
    assert response.status_code == 302
    assert client.post(reverse("calendar:token_new")).status_code == 302
    assert not CalendarToken.objects.exists()


def test_the_feed_query_count_does_not_grow_with_meetings(
    client, structure, django_assert_max_num_queries
):
    token = make_token(client, structure.coordinator)
    factories.MeetingFactory.create_batch(20, group=structure.kg)
    with django_assert_max_num_queries(9):
        client.get(reverse("calendar:personal_feed", args=[token.token]))
