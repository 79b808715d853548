import re
from datetime import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from alongside.core.errors import ActionRefused
from alongside.core.types import AuthenticatedRequest
from alongside.groups.queries import access_group_as_member

from . import actions, ical, schedule, wording
from .forms import AnswerForm, CalendarPreferencesForm, MeetingForm, parse_occurrence
from .models import Meeting, Occurrence
from .permissions import can_answer, can_manage_meeting, can_schedule_meetings
from .queries import (
    access_feed,
    access_meeting,
    answers_for,
    facilitators_of,
    feed_occurrences,
    feed_of,
    meetings_in,
    possible_facilitators,
)

UPCOMING = 6
CALENDAR_TITLE = "Alongside meeting"


def _time_zone_unknown(request: AuthenticatedRequest) -> bool:
    name = request.user.time_zone
    return name in ("", "UTC") or schedule.zone_named(name) is None


@login_required
def meeting_list(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    access = access_group_as_member(request.user, slug)
    now = timezone.now()
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "group": access.group,
            "rows": [(o, o.is_on_at(now)) for o in meetings_in(access.group, now)],
            "can_schedule": can_schedule_meetings(access.membership),
            "time_zone_unknown": _time_zone_unknown(request),
        },
    )


@login_required
def meeting_new(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    access = access_group_as_member(request.user, slug)
    group = access.group
    if not can_schedule_meetings(access.membership):
        messages.info(
            request, _("Only the group's facilitators can schedule meetings.")
        )
        return redirect("meetings:list", slug=slug)
    initial = {
        "time_zone": request.user.time_zone,
        "facilitators": [request.user.pk],
    }
    form = MeetingForm(
        request.POST or None, initial=initial, hosts=possible_facilitators(group)
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = actions.schedule_meeting(
                scheduler=request.user, group=group, plan=form.plan()
            )
        except ActionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("The meeting is scheduled."))
            return redirect(meeting)
    return render(
        request,
        "meetings/meeting_form.html",
        {"group": group, "form": form, "meeting": None},
        status=422 if form.errors else 200,
    )


@login_required
def meeting_edit(request: AuthenticatedRequest, meeting_id: int) -> HttpResponse:
    access = access_meeting(request.user, meeting_id)
    meeting = access.meeting
    if not can_manage_meeting(access.membership, meeting):
        messages.info(request, _("Only the group's facilitators can change meetings."))
        return redirect(meeting)
    form = MeetingForm(
        request.POST or None,
        initial=MeetingForm.initial_for(meeting),
        hosts=possible_facilitators(meeting.group),
        current_start=meeting.starts_at,
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = actions.edit_meeting(
                editor=request.user, meeting=meeting, plan=form.plan()
            )
        except ActionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            if changed:
                messages.success(request, _("Your changes are saved."))
            return redirect(meeting)
    return render(
        request,
        "meetings/meeting_form.html",
        {"group": meeting.group, "form": form, "meeting": meeting},
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def meeting_cancel(request: AuthenticatedRequest, meeting_id: int) -> HttpResponse:
    access = access_meeting(request.user, meeting_id)
    meeting = access.meeting
    if not can_manage_meeting(access.membership, meeting):
        messages.info(request, _("Only the group's facilitators can cancel meetings."))
        return redirect(meeting)
    actions.cancel_meeting(canceller=request.user, meeting=meeting)
    messages.success(request, _("%(title)s is cancelled.") % {"title": meeting.title})
    return redirect("meetings:list", slug=meeting.group.slug)


def _chosen(meeting: Meeting, value: str | None, now: datetime) -> Occurrence | None:
    """The occurrence named in the request, if it is a real one still to come."""
    moment = parse_occurrence(value)
    if moment is None or not meeting.is_occurrence(moment):
        return None
    occurrence = Occurrence(meeting, moment)
    return occurrence if occurrence.ends_at > now else None


@login_required
def meeting_detail(request: AuthenticatedRequest, meeting_id: int) -> HttpResponse:
    access = access_meeting(request.user, meeting_id)
    meeting, membership = access.meeting, access.membership
    now = timezone.now()
    upcoming = [] if meeting.is_cancelled else meeting.upcoming(now, UPCOMING)
    selected = _chosen(meeting, request.GET.get("at"), now) or (
        upcoming[0] if upcoming else None
    )
    can_manage = can_manage_meeting(membership, meeting)
    answers = form = change = None
    if selected is not None:
        answers = answers_for(
            meeting, selected.starts_at, request.user, with_names=can_manage
        )
        form = AnswerForm(
            initial={
                "answer": answers.mine,
                "occurrence": selected.starts_at.isoformat(),
            }
        )
        form.fields["answer"].label = _("Will you come on %(day)s?") % {
            "day": wording.day(
                timezone.localtime(selected.starts_at).date(),
                today=timezone.localdate(now),
            )
        }
        if meeting.is_weekly:
            later = meeting.starts(ending_after=selected.starts_at, limit=UPCOMING)
            change = wording.clock_change(
                [selected.starts_at, *later],
                timezone.get_current_timezone(),
                meeting.zone,
            )
    feed = feed_of(request.user)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "group": meeting.group,
            "membership": membership,
            "selected": selected,
            "upcoming": upcoming,
            "is_on": selected is not None and selected.is_on_at(now),
            "answers": answers,
            "places_left": None
            if answers is None or meeting.capacity is None
            else max(meeting.capacity - answers.yes, 0),
            "form": form,
            "can_answer": can_answer(membership, meeting),
            "can_manage": can_manage,
            "facilitators": facilitators_of(meeting),
            "clock_change": change.sentence(today=timezone.localdate(now))
            if change
            else "",
            "shows_names": feed is not None and feed.shows_names,
            "time_zone_unknown": _time_zone_unknown(request),
        },
    )


@login_required
@require_POST
def meeting_answer(request: AuthenticatedRequest, meeting_id: int) -> HttpResponse:
    access = access_meeting(request.user, meeting_id)
    meeting = access.meeting
    form = AnswerForm(request.POST)
    url = meeting.get_absolute_url()
    if not form.is_valid():
        messages.info(request, _("Choose an answer, then save it."))
        return redirect(meeting)
    now = timezone.now()
    moment = form.cleaned_data["occurrence"]
    if moment is None:
        next_one = meeting.next_occurrence(now)
        moment = next_one.starts_at if next_one else meeting.starts_at
    else:
        url += "?" + urlencode({"at": moment.isoformat()})
    try:
        actions.answer_meeting(
            member=request.user,
            meeting=meeting,
            occurrence_at=moment,
            answer=form.cleaned_data["answer"],
        )
    except ActionRefused as refusal:
        messages.info(request, refusal.message)
    else:
        messages.success(request, _("Thanks. Your answer is saved."))
    return redirect(url + "#answer")


def _summary(occurrence: Occurrence, shows_names: bool) -> str:
    if not shows_names:
        return CALENDAR_TITLE
    return f"{occurrence.meeting.title} · {occurrence.meeting.group.name}"


def _description(
    request: HttpRequest, meeting: Meeting, shows_names: bool
) -> tuple[str, str]:
    url = request.build_absolute_uri(meeting.get_absolute_url())
    if not shows_names:
        return _("Details on Alongside: %(url)s") % {"url": url}, url
    text = "\n\n".join(part for part in (meeting.description, url) if part)
    return text, url


def _calendar_response(text: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="alongside-meeting.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_GET
def meeting_calendar(request: AuthenticatedRequest, meeting_id: int) -> HttpResponse:
    """One meeting as a .ics file; a weekly one as a series in its own time zone."""
    access = access_meeting(request.user, meeting_id)
    meeting = access.meeting
    feed = feed_of(request.user)
    shows_names = feed is not None and feed.shows_names
    description, url = _description(request, meeting, shows_names)
    first = Occurrence(meeting, meeting.starts_at)
    weekly = None
    if meeting.is_weekly:
        weekly = ical.Weekly(
            zone=meeting.zone,
            count=meeting.repeat_count,
            last_start=meeting.last_start(),
        )
    event = ical.Event(
        uid=f"meeting-{meeting.pk}@{request.get_host()}",
        starts_at=first.starts_at,
        ends_at=first.ends_at,
        summary=_summary(first, shows_names),
        description=description,
        url=url,
        sequence=meeting.sequence,
        is_cancelled=meeting.is_cancelled,
        weekly=weekly,
    )
    return _calendar_response(ical.calendar([event], stamp=timezone.now()))


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A member's private calendar: the secret in the address is the only key."""
    feed = access_feed(token)
    now = timezone.now()
    host = request.get_host()
    events = []
    for occurrence in feed_occurrences(feed.member, now):
        meeting = occurrence.meeting
        description, url = _description(request, meeting, feed.shows_names)
        uid = f"meeting-{meeting.pk}@{host}"
        if meeting.is_weekly:
            uid = f"meeting-{meeting.pk}-{ical.utc_stamp(occurrence.starts_at)}@{host}"
        events.append(
            ical.Event(
                uid=uid,
                starts_at=occurrence.starts_at,
                ends_at=occurrence.ends_at,
                summary=_summary(occurrence, feed.shows_names),
                description=description,
                url=url,
                sequence=meeting.sequence,
            )
        )
    text = ical.calendar(events, stamp=now, name="Alongside", refresh="PT1H")
    response = _calendar_response(text)
    del response["Content-Disposition"]
    return response


@login_required
def calendar_settings(request: AuthenticatedRequest) -> HttpResponse:
    feed = feed_of(request.user)
    form = CalendarPreferencesForm(
        request.POST or None,
        initial={"shows_names": feed is not None and feed.shows_names},
    )
    if request.method == "POST" and form.is_valid():
        actions.set_calendar_preferences(
            member=request.user, shows_names=form.cleaned_data["shows_names"]
        )
        messages.success(request, _("Your calendar settings are saved."))
        return redirect("meetings:calendar")
    feed_url = ""
    if feed is not None:
        feed_url = request.build_absolute_uri(
            reverse("meetings:feed", kwargs={"token": feed.token})
        )
    return render(
        request,
        "meetings/calendar_settings.html",
        {
            "form": form,
            "feed": feed,
            "feed_url": feed_url,
            "webcal_url": re.sub(r"^https?://", "webcal://", feed_url),
        },
    )


@login_required
@require_POST
def calendar_regenerate(request: AuthenticatedRequest) -> HttpResponse:
    had_one = feed_of(request.user) is not None
    try:
        actions.regenerate_calendar_feed(member=request.user)
    except ActionRefused as refusal:
        messages.info(request, refusal.message)
    else:
        messages.success(
            request,
            _("Here is your new calendar address. The old one no longer works.")
            if had_one
            else _("Here is your private calendar address."),
        )
    return redirect("meetings:calendar")
