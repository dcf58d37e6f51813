"""A matter raised by an ungdomsteam reaches the styringsgruppe, and its answer
comes back to the team with the trail; «named» text is refused until anonymised;
a bydel's matter to the city is seen in the city and nowhere else."""

import pytest
from django.urls import reverse

from meetings.models import Matter
from municipalities.models import Group
from tests import factories

pytestmark = pytest.mark.django_db


def url(area, name, **kwargs):
    return reverse(f"meetings:{name}", kwargs={"area_slug": area.slug, **kwargs})


def test_a_team_matter_goes_up_two_levels_and_the_answer_comes_back(client, structure):
    area = structure.area
    structure.login(client, structure.member)  # a member of the team raises it
    client.post(
        url(area, "matter_new"),
        {
            "from_group": structure.team.pk,
            "to_group": structure.kg.pk,
            "title": "Bildedeling blant ungdom",
            "description": "Økende deling av krenkende bilder i lukkede grupper.",
            "topics": ["online"],
        },
    )
    first = Matter.objects.get(from_group=structure.team)

    structure.login(client)  # the coordinator, secretary of KG and SG
    kg_meeting = factories.MeetingFactory(group=structure.kg)
    client.post(url(area, "matter_receive", pk=first.pk), {"meeting": kg_meeting.pk})
    response = client.post(
        url(area, "matter_lift", pk=first.pk),
        {
            "to_group": structure.sg.pk,
            "title": first.title,
            "description": first.description + " Ber styret prioritere en workshop.",
            "system_level_confirmed": "on",
        },
    )
    second = Matter.objects.get(parent_matter=first)
    assert response["Location"] == url(area, "matter_detail", pk=second.pk)
    client.post(url(area, "matter_receive", pk=second.pk))
    client.post(
        url(area, "matter_answer", pk=second.pk),
        {"response": "Workshop på alle skoler innen sommeren."},
    )
    client.post(url(area, "matter_close", pk=second.pk))

    structure.login(client, structure.member)
    page = client.get(url(area, "matter_detail", pk=first.pk))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Workshop på alle skoler innen sommeren." in text
    assert structure.sg.name in text
    trail = [e.to_status for e in page.context["trail"]]
    assert trail[0] == "raised"
    assert trail.count("answered") == 2
    first.refresh_from_db()
    assert first.status == Matter.Status.ANSWERED


def test_the_form_refuses_named_text_and_can_remove_the_findings(client, structure):
    named = factories.GroupFactory(
        area=structure.area,
        operational=True,
        name="Innsatsteam",
        confidentiality_mode=Group.ConfidentialityMode.NAMED,
    )
    structure.login(client)
    data = {
        "from_group": named.pk,
        "to_group": structure.kg.pk,
        "title": "Bekymring",
        "description": "Mari (født 2010) har sluttet på skolen.",
    }
    refused = client.post(url(structure.area, "matter_new"), data)
    assert refused.status_code == 200
    errors = refused.context["form"].errors["description"]
    assert "Mari" in errors[0]
    assert not Matter.objects.exists()

    cleaned = client.post(url(structure.area, "matter_new"), {**data, "redact": "1"})
    assert "Mari" not in cleaned.context["form"].initial["description"]
    assert "[…]" in cleaned.context["form"].initial["description"]
    assert not Matter.objects.exists()

    client.post(
        url(structure.area, "matter_new"),
        {**data, "description": cleaned.context["form"].initial["description"]},
    )
    assert Matter.objects.get().from_group == named


def test_a_bydel_matter_to_the_city_is_handled_in_the_city_only(client):
    district = factories.AreaFactory(bydel=True)
    city = district.parent
    sibling = factories.AreaFactory(bydel=True, parent=city)
    council = factories.GroupFactory(
        area=city,
        level=Group.Level.STEERING,
        kind=Group.Kind.POLICE_COUNCIL,
        name="Politirådet",
    )
    secretary = factories.user_with_role(city, "secretariat")
    factories.GroupMemberFactory(group=council, user=secretary, role="secretary")
    sg = factories.GroupFactory(area=district, steering=True)
    coordinator = factories.user_with_role(district, "coordinator")
    matter = factories.MatterFactory(
        from_group=sg, to_group=council, title="Felles innsats i dalen"
    )
    matter.events.create(area=district, to_status="raised")

    client.force_login(secretary)
    listed = client.get(url(city, "matter_list"))
    assert matter in list(listed.context["page"])
    assert client.get(url(city, "matter_detail", pk=matter.pk)).status_code == 200
    client.post(url(city, "matter_receive", pk=matter.pk))
    client.post(
        url(city, "matter_answer", pk=matter.pk), {"response": "Tas opp i mai."}
    )
    matter.refresh_from_db()
    assert matter.status == Matter.Status.ANSWERED

    client.force_login(coordinator)
    assert client.get(url(district, "matter_detail", pk=matter.pk)).status_code == 200
    # The sender cannot answer its own matter from the bydel.
    assert client.post(url(district, "matter_receive", pk=matter.pk)).status_code == 403

    client.force_login(factories.user_with_role(sibling, "coordinator"))
    assert client.get(url(sibling, "matter_detail", pk=matter.pk)).status_code == 404
    assert client.get(url(city, "matter_detail", pk=matter.pk)).status_code == 404
