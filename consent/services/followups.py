"""Oppgaver and the daily run: expiry, reminders, review flags and deletion."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from consent import audit
from consent.models import AccessLog, Consent, ConsentTask, Disclosure, Subject
from consent.policy import SYSTEM, Actor
from consent.services.consents import consents_expire
from consent.services.subjects import subject_erase
from slt_portal.exceptions import ApplicationError

Action = AccessLog.Action
REVIEW_DUE_DAYS = 14  # [A] time for the coordinator to review a flagged subject


@transaction.atomic
def consent_task_complete(*, actor: Actor, task: ConsentTask, note: str = "") -> None:
    """Marker oppgave som utført. Obtaining written consent is completed by
    recording the written form, not here."""
    if task.status != ConsentTask.Status.OPEN:
        raise ApplicationError(_("This task is already closed."))
    if task.kind == ConsentTask.Kind.OBTAIN_WRITTEN:
        raise ApplicationError(
            _("Record where the written consent is archived to complete this task.")
        )
    task.status = ConsentTask.Status.DONE
    task.completed_at = timezone.now()
    task.completed_by = actor.user
    task.note = (note or "").strip()
    task.full_clean()
    task.save(
        update_fields=["status", "completed_at", "completed_by", "note", "updated_at"]
    )
    audit.log(
        actor=actor,
        obj=task,
        action=Action.UPDATE,
        detail=["status", "completed_at", "note"],
    )


def subjects_flag_without_basis(*, actor: Actor, today: dt.date) -> int:
    """Flag active young people with no valid consent and no open disclosure, and
    give the coordinator a review task. A flagged subject is not flagged again."""
    valid = Consent.objects.filter(subject_id=OuterRef("pk")).valid_on(today)
    open_disclosure = Disclosure.objects.filter(
        subject_id=OuterRef("pk"), status__in=Disclosure.OPEN_STATUSES
    )
    subjects = list(
        Subject.objects.filter(
            status=Subject.Status.ACTIVE,
            erased_at__isnull=True,
            review_flagged_at__isnull=True,
            created_at__date__lt=today,
        )
        .filter(~Exists(valid), ~Exists(open_disclosure))
        .select_for_update()
    )
    if not subjects:
        return 0
    recorder = dict(
        Consent.objects.filter(subject__in=subjects)
        .order_by("subject_id", "-given_at")
        .distinct("subject_id")
        .values_list("subject_id", "recorded_by_id")
    )
    Subject.objects.filter(pk__in=[s.pk for s in subjects]).update(
        review_flagged_at=today
    )
    tasks = [
        ConsentTask(
            area_id=s.area_id,
            subject=s,
            kind=ConsentTask.Kind.REVIEW_BASIS,
            due_date=today + dt.timedelta(days=REVIEW_DUE_DAYS),
            assignee_id=recorder.get(s.pk),
        )
        for s in subjects
    ]
    ConsentTask.objects.bulk_create(tasks, ignore_conflicts=True)
    audit.log_many(
        actor=actor, objects=subjects, action=Action.UPDATE, detail="review_flagged_at"
    )
    return len(subjects)


def subjects_erase_due(*, actor: Actor, today: dt.date) -> int:
    due = Subject.objects.filter(
        status=Subject.Status.CLOSED,
        erased_at__isnull=True,
        delete_after__lte=today,
    )
    count = 0
    for subject in due:
        subject_erase(actor=actor, subject=subject)
        count += 1
    return count


@scopes_disabled()
def consent_daily_run(*, today: dt.date) -> dict:
    """The daily task (idempotent): expire consents, send reminders before expiry
    and of open tasks, flag young people without basis, delete past retention."""
    from consent.reminders import consent_reminders
    from slt_portal.reminders import reminders_sweep

    with transaction.atomic():
        expired = consents_expire(actor=SYSTEM, today=today)
        flagged = subjects_flag_without_basis(actor=SYSTEM, today=today)
        erased = subjects_erase_due(actor=SYSTEM, today=today)
    reminders = reminders_sweep(today=today, sources=[consent_reminders])
    return {
        "expired": expired,
        "flagged": flagged,
        "erased": erased,
        "reminder_emails": reminders["emails"],
    }
