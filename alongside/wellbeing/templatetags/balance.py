"""The script that counts a member's time on the site, for every signed-in page."""

from datetime import time
from typing import Any

from django import template
from django.urls import reverse

from alongside.groups.models import Group
from alongside.meetings.wording import clock, place

from ..charts import duration_text
from ..time import counting_time, idle_seconds, slot_seconds

register = template.Library()


@register.inclusion_tag("wellbeing/_activity_script.html", takes_context=True)
def activity_script(context: template.Context) -> dict[str, Any]:
    """The page's group, if it is a group's page, and whether a nudge must wait.

    A nudge never takes the member away from the help pages or from their own
    threads; the script also waits while they are writing something.
    """
    if not counting_time():
        return {"off": True}
    request = context.get("request")
    user = context.get("user")
    group = context.get("group")
    thread = context.get("thread")
    path = getattr(request, "path", "")
    own_thread = (
        thread is not None
        and user is not None
        and getattr(thread, "author_id", None) == user.pk
    )
    return {
        "csp_nonce": context.get("csp_nonce"),
        "csrf_token": context.get("csrf_token"),
        "beat_url": reverse("wellbeing:beat"),
        "slot": slot_seconds(),
        "idle": idle_seconds(),
        "group_slug": group.slug if isinstance(group, Group) else "",
        "no_interrupt": bool(context.get("no_interrupt"))
        or path.startswith(reverse("safety:help"))
        or own_thread,
    }


@register.filter
def minutes_text(minutes: int | None) -> str:
    """ "45 minutes", "1 hour 30 minutes"."""
    return duration_text((minutes or 0) * 60)


@register.filter
def clock_text(moment: time | None) -> str:
    """ "11pm", "7:30am", "midnight"."""
    return clock(moment) if moment is not None else ""


@register.filter
def place_text(zone: Any) -> str:
    """ "London" for Europe/London."""
    return place(zone)
