"""The demo's stories: items waiting to be screened, and matters between levels."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from meetings.models import AgendaItem, Decision, Matter, MatterEvent, Meeting
from municipalities.demo import DemoContext
from municipalities.models import Group, Topic

T = Topic


def _meeting_in(group: Group, year: int, month: int) -> Meeting:
    return (
        Meeting.objects.filter(
            group=group, starts_at__year=year, starts_at__month=month
        )
        .order_by("starts_at")
        .first()
    )


def submitted_items(ctx: DemoContext) -> None:
    """Items waiting in Alna's screening queue, and one returned with a reason."""
    kg = ctx.groups[("alna", "Koordineringsgruppe")]
    author = ctx.users["kg.barnevern.alna"]
    agency = ctx.agencies[("alna", "Barneverntjenesten Alna")]
    now = timezone.now()
    AgendaItem.objects.bulk_create(
        [
            AgendaItem(
                area_id=kg.area_id,
                group=kg,
                title="Økende skolefravær på 9. trinn",
                description="Skolene melder om økende fravær etter høstferien. "
                "Ønsker en felles drøfting av tiltak på systemnivå.",
                kind=AgendaItem.Kind.DISCUSSION,
                topics=[T.EXCLUSION],
                submitted_by=author,
                submitted_by_agency=agency,
                confidentiality=kg.confidentiality_mode,
            ),
            AgendaItem(
                area_id=kg.area_id,
                group=kg,
                title="Ny rutine for bekymringssamtaler",
                description="Forslag om felles mal for bekymringssamtaler.",
                kind=AgendaItem.Kind.DECISION,
                topics=[T.FAMILY],
                submitted_by=author,
                submitted_by_agency=agency,
                status=AgendaItem.Status.RETURNED,
                screened_by=ctx.users["koordinator.alna"],
                screened_at=now,
                screening_note="Hører hjemme i politiets egne rutiner; tas opp med "
                "politikontakten i stedet.",
                confidentiality=kg.confidentiality_mode,
            ),
        ]
    )


def _event(matter, when, to_status, group, by, from_status="", note=""):
    event = MatterEvent.objects.create(
        area_id=matter.area_id,
        matter=matter,
        from_status=from_status,
        to_status=to_status,
        group=group,
        note=note,
        created_by=by,
    )
    MatterEvent.objects.filter(pk=event.pk).update(created_at=when)


def _matter_item(matter, meeting, by) -> AgendaItem:
    return AgendaItem.objects.create(
        area_id=meeting.area_id,
        group=meeting.group,
        meeting=meeting,
        title=matter.title,
        description=matter.description,
        kind=AgendaItem.Kind.MATTER,
        matter=matter,
        topics=matter.topics,
        submitted_by=by,
        status=AgendaItem.Status.HANDLED
        if meeting.status == Meeting.Status.MINUTES_SENT
        else AgendaItem.Status.ACCEPTED,
        screened_by=by,
        screened_at=meeting.starts_at - dt.timedelta(days=7),
        confidentiality=meeting.group.confidentiality_mode,
        order=5,
    )


def baerum_matter(ctx: DemoContext) -> None:
    """Ungdomsteam → koordineringsgruppe → SLT-styret, answered back down."""
    year = ctx.year - 1
    team = ctx.groups[("baerum", "Ungdomsteam østre Bærum 16–23")]
    kg = ctx.groups[("baerum", "SLT-koordineringsgruppen")]
    sg = ctx.groups[("baerum", "SLT-styret")]
    coordinator = ctx.users["koordinator1.baerum"]
    kg_meeting, sg_meeting = _meeting_in(kg, year, 10), _meeting_in(sg, year, 11)
    team_meeting = _meeting_in(team, year, 9)
    if not (kg_meeting and sg_meeting and team_meeting):
        return
    raised = team_meeting.starts_at + dt.timedelta(days=1)
    description = (
        "Teamet ser at deling av krenkende bilder og filmer av jevnaldrende øker i "
        "aldersgruppen 16–19 år, særlig i lukkede grupper. Skolene og "
        "fritidsklubbene håndterer dette ulikt. Teamet ber om en felles linje for "
        "forebygging og oppfølging i kommunen."
    )
    down = Matter.objects.create(
        area_id=team.area_id,
        from_group=team,
        to_group=kg,
        kind=Matter.Kind.ESCALATION,
        title="Økende deling av krenkende bilder blant ungdom",
        description=description,
        topics=[T.ONLINE, T.SEXUAL_BEHAVIOUR],
        origin_agenda_item=team_meeting.agenda_items.first(),
        created_by=coordinator,
    )
    _event(down, raised, Matter.Status.RAISED, team, coordinator)
    _matter_item(down, kg_meeting, coordinator)
    _event(
        down,
        kg_meeting.starts_at - dt.timedelta(days=7),
        Matter.Status.RECEIVED,
        kg,
        coordinator,
        Matter.Status.RAISED,
        f"På dagsorden for {kg_meeting.title}.",
    )
    lifted = kg_meeting.starts_at + dt.timedelta(days=1)
    _event(
        down,
        lifted,
        Matter.Status.RECEIVED,
        kg,
        coordinator,
        Matter.Status.RECEIVED,
        "Løftet videre til SLT-styret.",
    )
    up = Matter.objects.create(
        area_id=kg.area_id,
        from_group=kg,
        to_group=sg,
        kind=Matter.Kind.ESCALATION,
        title=down.title,
        description=description
        + " Koordineringsgruppen anbefaler en felles workshop på alle "
        "ungdomsskoler og videregående skoler, og ber styret prioritere dette.",
        topics=down.topics,
        parent_matter=down,
        created_by=coordinator,
    )
    _event(up, lifted, Matter.Status.RAISED, kg, coordinator)
    _matter_item(up, sg_meeting, coordinator)
    _event(
        up,
        sg_meeting.starts_at - dt.timedelta(days=21),
        Matter.Status.RECEIVED,
        sg,
        coordinator,
        Matter.Status.RAISED,
        f"På dagsorden for {sg_meeting.title}.",
    )
    answer = (
        "SLT-styret ber Ungdom og fritid og ungdomsskolene om å gjennomføre en "
        "workshop om bildedeling og grenser på alle skoler innen utgangen av "
        "skoleåret, med politiet som bidragsyter. Koordinatorene rapporterer "
        "status til styret i mai."
    )
    decision = Decision.objects.create(
        area_id=sg.area_id,
        meeting=sg_meeting,
        agenda_item=sg_meeting.agenda_items.filter(matter=up).first(),
        text=answer,
        decided_at=sg_meeting.starts_at + dt.timedelta(hours=1),
    )
    answered = sg_meeting.starts_at + dt.timedelta(days=1)
    for matter, group, note in (
        (up, sg, answer),
        (down, sg, f"Svar fra SLT-styret: {answer}"),
    ):
        Matter.objects.filter(pk=matter.pk).update(
            status=Matter.Status.CLOSED,
            response=answer,
            responded_at=answered,
            response_decision=decision,
            closed_at=answered + dt.timedelta(days=20),
            raised_at=raised if matter is down else lifted,
        )
        _event(
            matter,
            answered,
            Matter.Status.ANSWERED,
            group,
            coordinator,
            Matter.Status.RECEIVED,
            note,
        )
        _event(
            matter,
            answered + dt.timedelta(days=20),
            Matter.Status.CLOSED,
            matter.from_group,
            coordinator,
            Matter.Status.ANSWERED,
            "Svaret er fulgt opp i gruppen.",
        )


def alna_matters(ctx: DemoContext) -> None:
    """This year: a team's matter waiting in the KG, and the SG's to the city."""
    alna = ctx.areas["alna"]
    team = ctx.groups[("alna", "Fleksiteam Operativt SaLTo")]
    kg = ctx.groups[("alna", "Koordineringsgruppe")]
    sg = ctx.groups[("alna", "Styringsgruppe")]
    council = ctx.groups[("oslo", "Politirådet i Oslo")]
    coordinator = ctx.users["koordinator.alna"]
    now = timezone.now()
    waiting = Matter.objects.create(
        area_id=alna.pk,
        from_group=team,
        to_group=kg,
        kind=Matter.Kind.ESCALATION,
        title="Rekruttering av unge til kriminelle nettverk på Furuset",
        description=(
            "Teamet ser flere tegn på at unge i 14–16-årsalderen rekrutteres til "
            "kriminelle nettverk. Tiltakene i teamet strekker ikke til; teamet ber "
            "koordineringsgruppen om en samlet innsats fra skole, fritid og politi."
        ),
        topics=[T.AREA_CONFLICT, T.PROPERTY_CRIME],
        created_by=coordinator,
    )
    _event(waiting, now - dt.timedelta(days=9), Matter.Status.RAISED, team, coordinator)
    upcoming = (
        Meeting.objects.filter(group=kg, starts_at__gte=now)
        .order_by("starts_at")
        .first()
    )
    if upcoming is not None:
        _matter_item(waiting, upcoming, coordinator)
        Matter.objects.filter(pk=waiting.pk).update(status=Matter.Status.RECEIVED)
        _event(
            waiting,
            now - dt.timedelta(days=6),
            Matter.Status.RECEIVED,
            kg,
            coordinator,
            Matter.Status.RAISED,
            f"På dagsorden for {upcoming.title}.",
        )
    to_city = Matter.objects.create(
        area_id=alna.pk,
        from_group=sg,
        to_group=council,
        kind=Matter.Kind.ESCALATION,
        title="Felles innsats mot rekruttering til kriminelle nettverk i Groruddalen",
        description=(
            "Styringsgruppen i Alna ser at utfordringen går på tvers av "
            "bydelsgrensene i Groruddalen og ber Politirådet vurdere en felles "
            "innsats mellom bydelene, Utdanningsetaten og politiet."
        ),
        topics=[T.AREA_CONFLICT],
        created_by=coordinator,
    )
    _event(to_city, now - dt.timedelta(days=3), Matter.Status.RAISED, sg, coordinator)
