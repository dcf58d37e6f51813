"""Årshjul: the area's template copy and its items, each year's tasks in a month view
and a list, generating a year, and the area's secret calendar address."""

from __future__ import annotations

import calendar
import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from actionplans import policy, selectors, services
from actionplans.forms import (
    CycleGenerateForm,
    CycleItemForm,
    CycleTaskForm,
    TemplateChooseForm,
)
from actionplans.models import CycleItem, CycleTask
from actionplans.views.common import area_url, cycle_crumbs
from actionplans.workdays import is_working_day
from municipalities import roles
from municipalities.selectors import area_breadcrumbs
from slt_portal.exceptions import ApplicationError, add_error_to_form
from slt_portal.tenancy import area_view


def can_write_cycle(request: HttpRequest) -> bool:
    """The coordinator edits the area's årshjul; the secretariat edits the city's."""
    area_roles = request.area_roles
    if roles.COORDINATOR in area_roles:
        return True
    return roles.SECRETARIAT in area_roles and services.area_is_city(request.area)


def _require_write(request: HttpRequest) -> None:
    if not can_write_cycle(request):
        raise PermissionDenied(_("Your role in this area does not allow this."))


def _month_param(request: HttpRequest, today: dt.date) -> dt.date:
    raw = request.GET.get("month", "")
    try:
        year, month = (int(part) for part in raw.split("-"))
        return dt.date(year, month, 1)
    except ValueError:
        return today.replace(day=1)


def _shift_month(first: dt.date, months: int) -> dt.date:
    index = first.year * 12 + first.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _weeks(first: dt.date, tasks: list[CycleTask], today: dt.date) -> list[list[dict]]:
    by_day: dict[dt.date, list[CycleTask]] = {}
    for task in tasks:
        by_day.setdefault(task.due_date, []).append(task)
    return [
        [
            {
                "date": day,
                "in_month": day.month == first.month,
                "is_today": day == today,
                "working": is_working_day(day),
                "tasks": by_day.get(day, []),
            }
            for day in week
        ]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(
            first.year, first.month
        )
    ]


@area_view(*policy.CYCLE_READERS)
def cycle(request: HttpRequest) -> HttpResponse:
    """Årshjulet, month view."""
    area, today = request.area, timezone.localdate()
    first = _month_param(request, today)
    last = _shift_month(first, 1) - dt.timedelta(days=1)
    weeks_start = first - dt.timedelta(days=first.weekday())
    weeks_end = last + dt.timedelta(days=6 - last.weekday())
    tasks = list(selectors.cycle_tasks(area=area, start=weeks_start, end=weeks_end))
    template = selectors.area_template(area=area)
    writer = can_write_cycle(request)
    context = {
        "area": area,
        "template": template,
        "month": first,
        "weekday_names": [WEEKDAYS_ABBR[i] for i in range(7)],
        "previous_month": _shift_month(first, -1),
        "next_month": _shift_month(first, 1),
        "weeks": _weeks(first, tasks, today),
        "month_tasks": [t for t in tasks if first <= t.due_date <= last],
        "warnings": selectors.cycle_warnings(area=area, today=today),
        "can_write": writer,
        "generate_form": CycleGenerateForm(today=today)
        if writer and template
        else None,
        "choose_form": TemplateChooseForm(templates=selectors.published_templates())
        if writer and not template
        else None,
        "breadcrumbs": area_breadcrumbs(area, (_("Annual cycle"), None)),
    }
    return render(request, "actionplans/cycle_month.html", context)


@area_view(*policy.CYCLE_READERS)
def cycle_list(request: HttpRequest) -> HttpResponse:
    """Årshjulet som liste: a year's tasks, filtered by status or to mine."""
    area, today = request.area, timezone.localdate()
    years = selectors.cycle_task_years(area=area) or [today.year]
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    status = request.GET.get("status", "")
    if status not in CycleTask.Status.values:
        status = ""
    mine = request.GET.get("mine") == "1"
    tasks = selectors.cycle_tasks(
        area=area,
        year=year,
        status=status or None,
        assignee=request.user if mine else None,
    )
    context = {
        "area": area,
        "tasks": tasks,
        "year": year,
        "years": sorted(set(years) | {today.year}),
        "status": status,
        "mine": mine,
        "statuses": CycleTask.Status.choices,
        "today": today,
        "can_write": can_write_cycle(request),
        "breadcrumbs": cycle_crumbs(request, (_("List"), None)),
    }
    return render(request, "actionplans/cycle_list.html", context)


@area_view(*policy.CYCLE_READERS)
def cycle_task(request: HttpRequest, pk: int) -> HttpResponse:
    """Oppgave i årshjulet: details, move or reassign, mark done or skipped."""
    task = selectors.cycle_task_get_for_user(area=request.area, pk=pk)
    writer = can_write_cycle(request)
    form = CycleTaskForm(
        request.POST or None,
        people=selectors.area_people(area=request.area),
        initial={"due_date": task.due_date, "assignee": task.assignee},
    )
    if request.method == "POST":
        _require_write(request)
        if form.is_valid():
            wanted = form.cleaned_data["due_date"]
            try:
                services.cycle_task_update(task=task, **form.cleaned_data)
            except ApplicationError as error:
                add_error_to_form(form, error)
            else:
                if task.due_date != wanted:
                    messages.info(
                        request,
                        _("%(day)s is not a working day; the task is due %(due)s.")
                        % {
                            "day": wanted.strftime("%d.%m.%Y"),
                            "due": task.due_date.strftime("%d.%m.%Y"),
                        },
                    )
                messages.success(request, _("The task is saved."))
                return redirect(area_url(request, "cycle_task", pk=task.pk))
    context = {
        "area": request.area,
        "task": task,
        "form": form if writer else None,
        "can_set_status": writer or task.assignee_id == request.user.pk,
        "meetings": list(task.meetings.select_related("group").order_by("starts_at")),
        "breadcrumbs": cycle_crumbs(request, (task.title, None)),
    }
    return render(request, "actionplans/cycle_task.html", context)


@require_POST
@area_view(*policy.CYCLE_READERS)
def cycle_task_status(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.cycle_task_get_for_user(area=request.area, pk=pk)
    if not (can_write_cycle(request) or task.assignee_id == request.user.pk):
        raise PermissionDenied
    try:
        services.cycle_task_set_status(task=task, status=request.POST.get("status", ""))
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("«%(title)s» is marked «%(status)s».")
            % {"title": task.title, "status": task.get_status_display()},
        )
    target = request.POST.get("next", "")
    if target.startswith(f"/o/{request.area.slug}/plans/cycle"):
        return redirect(target)
    return redirect(area_url(request, "cycle_task", pk=task.pk))


@area_view(*policy.CYCLE_READERS)
def cycle_template(request: HttpRequest) -> HttpResponse:
    """The area's årshjul template: its items, with their source and assumptions."""
    area = request.area
    template = selectors.area_template(area=area)
    is_city = services.area_is_city(area)
    items = selectors.template_items(template=template) if template else []
    for item in items:
        item.applies = services.item_applies(item, is_city=is_city)
    context = {
        "area": area,
        "template": template,
        "items": items,
        "published": selectors.published_templates(),
        "can_write": can_write_cycle(request),
        "can_publish": roles.SECRETARIAT in request.area_roles and is_city,
        "choose_form": TemplateChooseForm(templates=selectors.published_templates())
        if template is None
        else None,
        "breadcrumbs": cycle_crumbs(request, (_("Template"), None)),
    }
    return render(request, "actionplans/cycle_template.html", context)


@require_POST
@area_view(*policy.CYCLE_WRITERS)
def cycle_template_choose(request: HttpRequest) -> HttpResponse:
    """Ta i bruk en mal: copy it into the area's own årshjul."""
    _require_write(request)
    form = TemplateChooseForm(request.POST, templates=selectors.published_templates())
    if not form.is_valid():
        messages.error(request, _("Pick a template."))
        return redirect(area_url(request, "cycle_template"))
    try:
        services.cycle_template_clone(
            area=request.area,
            source=form.cleaned_data["source"],
            created_by=request.user,
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The area now has its own annual cycle. Adjust it, then make the tasks."),
        )
    return redirect(area_url(request, "cycle_template"))


@require_POST
@area_view(roles.SECRETARIAT)
def cycle_template_publish(request: HttpRequest) -> HttpResponse:
    """Publiser byens mal, so the districts can copy it."""
    template = selectors.area_template(area=request.area)
    if template is None or not services.area_is_city(request.area):
        raise Http404
    published = request.POST.get("published") == "1"
    services.cycle_template_publish(template=template, published=published)
    messages.success(
        request,
        _("The template is published.") if published else _("The template is hidden."),
    )
    return redirect(area_url(request, "cycle_template"))


def _own_template(request: HttpRequest):
    template = selectors.area_template(area=request.area)
    if template is None:
        raise Http404
    return template


def _item_form_page(request, form, title, item=None) -> HttpResponse:
    context = {
        "area": request.area,
        "form": form,
        "title": title,
        "submit_label": _("Save"),
        "cancel_url": area_url(request, "cycle_template"),
        "delete_url": area_url(request, "cycle_item_delete", pk=item.pk)
        if item
        else None,
        "intro": _(
            "Changes apply to tasks made from now on. Tasks already made keep "
            "their dates; move them in the list."
        )
        if item
        else "",
        "breadcrumbs": cycle_crumbs(
            request,
            (_("Template"), area_url(request, "cycle_template")),
            (title, None),
        ),
    }
    return render(request, "actionplans/form_page.html", context)


def _item_fields(form: CycleItemForm) -> dict:
    return {
        k: v for k, v in form.cleaned_data.items() if k in services.cycle.ITEM_FIELDS
    }


@area_view(*policy.CYCLE_WRITERS)
def cycle_item_create(request: HttpRequest) -> HttpResponse:
    _require_write(request)
    template = _own_template(request)
    form = CycleItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cycle_item_create(template=template, **_item_fields(form))
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The item is added."))
            return redirect(area_url(request, "cycle_template"))
    return _item_form_page(request, form, _("New item"))


@area_view(*policy.CYCLE_WRITERS)
def cycle_item_update(request: HttpRequest, pk: int) -> HttpResponse:
    _require_write(request)
    item = selectors.cycle_item_get_for_user(area=request.area, pk=pk)
    form = CycleItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.cycle_item_update(item=item, **_item_fields(form))
        except ApplicationError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, _("The item is saved."))
            return redirect(area_url(request, "cycle_template"))
    return _item_form_page(request, form, _("Edit item"), item)


@require_POST
@area_view(*policy.CYCLE_WRITERS)
def cycle_item_delete(request: HttpRequest, pk: int) -> HttpResponse:
    _require_write(request)
    item: CycleItem = selectors.cycle_item_get_for_user(area=request.area, pk=pk)
    try:
        services.cycle_item_delete(item=item)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect(area_url(request, "cycle_item_update", pk=item.pk))
    messages.success(request, _("The item is deleted."))
    return redirect(area_url(request, "cycle_template"))


@require_POST
@area_view(*policy.CYCLE_WRITERS)
def cycle_generate(request: HttpRequest) -> HttpResponse:
    """Lag oppgaver for et år (the rollover does next year by itself in November)."""
    _require_write(request)
    today = timezone.localdate()
    form = CycleGenerateForm(request.POST, today=today)
    if not form.is_valid():
        messages.error(request, _("Pick a year."))
        return redirect(area_url(request, "cycle"))
    year = form.cleaned_data["year"]
    try:
        result = services.cycle_year_generate(
            area=request.area,
            year=year,
            created_by=request.user,
            propose_meetings=form.cleaned_data["propose_meetings"],
            # This year's past dates are history, not tasks.
            from_date=today if year == today.year else None,
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        if result.tasks:
            messages.success(
                request,
                _("%(tasks)d tasks and %(meetings)d proposed meetings for %(year)d.")
                % {"tasks": result.tasks, "meetings": result.meetings, "year": year},
            )
        else:
            messages.info(
                request,
                _("Every item already has its tasks for %(year)d.") % {"year": year},
            )
    return redirect(area_url(request, "cycle_list") + f"?year={year}")


@area_view(*policy.CYCLE_WRITERS)
def cycle_feed(request: HttpRequest) -> HttpResponse:
    """Kalenderadresse for årshjulet: made, replaced or stopped by the coordinator."""
    _require_write(request)
    feed_url = None
    if request.method == "POST":
        _feed, raw = services.cycle_feed_create(
            area=request.area, created_by=request.user
        )
        feed_url = settings.SITE_URL + reverse("cycle-feed", kwargs={"token": raw})
        messages.success(request, _("A new calendar address is made."))
    context = {
        "area": request.area,
        "feed": selectors.cycle_feed_active(area=request.area),
        "feed_url": feed_url,
        "breadcrumbs": cycle_crumbs(request, (_("Calendar address"), None)),
    }
    return render(request, "actionplans/cycle_feed.html", context)


@require_POST
@area_view(*policy.CYCLE_WRITERS)
def cycle_feed_revoke(request: HttpRequest) -> HttpResponse:
    _require_write(request)
    feed = selectors.cycle_feed_active(area=request.area)
    if feed is None:
        raise Http404
    services.cycle_feed_revoke(feed=feed)
    messages.success(request, _("The calendar address is stopped."))
    return redirect(area_url(request, "cycle_feed"))
