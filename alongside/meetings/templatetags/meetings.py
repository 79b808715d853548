"""Meeting times for templates, in the viewer's zone (set per request)."""

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from alongside.meetings import wording
from alongside.meetings.models import Meeting

register = template.Library()


@register.simple_tag
def meeting_time(moment: datetime) -> SafeString:
    """`<time datetime="…Z">Tuesday 4 March, 7:30pm</time>` in the viewer's zone."""
    zone = timezone.get_current_timezone()
    text = wording.day_and_time(moment, zone, today=timezone.localdate())
    return format_html('<time datetime="{}">{}</time>', wording.iso_utc(moment), text)


@register.simple_tag
def your_place() -> str:
    """ "Lisbon": where the viewer's clock is."""
    return wording.place(timezone.get_current_timezone())


@register.simple_tag
def host_time(meeting: Meeting, moment: datetime) -> str:
    """ "8:30pm in Berlin, host's time"; empty when the viewer is in the host's zone."""
    viewer = timezone.get_current_timezone()
    if wording.same_zone(viewer, meeting.zone):
        return ""
    there = moment.astimezone(meeting.zone)
    text = wording.clock(there)
    if there.date() != moment.astimezone(viewer).date():
        text = wording.day_and_time(moment, meeting.zone, today=timezone.localdate())
    return _("%(time)s in %(place)s, host's time") % {
        "time": text,
        "place": wording.place(meeting.zone),
    }


@register.simple_tag
def meeting_length(meeting: Meeting) -> str:
    return wording.duration(meeting.duration_minutes)


@register.simple_tag
def repeats(meeting: Meeting) -> str:
    """ "Every week, until 30 June" or "Once"."""
    if not meeting.is_weekly:
        return _("Once")
    if meeting.repeat_count:
        return _("Every week, %(count)s times in all") % {"count": meeting.repeat_count}
    if meeting.repeat_until:
        until = wording.day(meeting.repeat_until, today=timezone.localdate())
        return _("Every week, until %(date)s") % {"date": until}
    return _("Every week")
