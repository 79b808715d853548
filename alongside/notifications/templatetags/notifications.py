"""The bell in every signed-in page's header, and the notification choices shown
on thread and group pages. None of them queries: the count comes from the cache,
the choices from what the page's own queries read."""

from typing import Any

from django import template

from ..counts import unread_count
from ..forms import GroupLevelForm
from ..queries import follows_thread, level_of

register = template.Library()


@register.inclusion_tag("notifications/_bell.html", takes_context=True)
def notification_bell(context: template.Context) -> dict[str, Any]:
    """ "Notifications (3)": a link that works without JavaScript."""
    user = context.get("user")
    signed_in = getattr(user, "is_authenticated", False)
    return {"unread": unread_count(user.pk) if signed_in and user else 0}


@register.inclusion_tag("notifications/_follow.html")
def follow_form(thread: Any, user: Any) -> dict[str, Any]:
    """Follow or stop following, for a thread read by `access_thread`."""
    return {
        "thread": thread,
        "is_following": follows_thread(
            getattr(thread, "follow_choice", None),
            is_writer=thread.author_id == user.pk,
        ),
    }


@register.inclusion_tag("notifications/_group_level.html", takes_context=True)
def group_level_form(
    context: template.Context, group: Any, membership: Any
) -> dict[str, Any]:
    """How much the member hears from the group, for its page (`access_group`
    reads the level with the membership)."""
    chosen = level_of(getattr(membership, "notification_level", None))
    return {
        "group": group,
        "csrf_token": context.get("csrf_token"),
        "level_form": GroupLevelForm(initial={"level": chosen}),
    }


@register.inclusion_tag("notifications/_level_choices.html")
def join_level_choices() -> dict[str, Any]:
    """The same question, asked when joining a group."""
    return {"field": GroupLevelForm()["level"]}
