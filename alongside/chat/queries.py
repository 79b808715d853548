"""Reads of a group's room, for its members only."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count
from django.template.loader import render_to_string

from alongside.groups.models import Group, Membership

from .models import ChatMessage, Presence


@dataclass(frozen=True)
class PresenceCounts:
    members: int
    facilitators: int

    def as_event(self) -> dict[str, object]:
        return {
            "type": "presence",
            "members": self.members,
            "facilitators": self.facilitators,
            "text": render_to_string("chat/_presence.html", {"presence": self}).strip(),
        }


def messages_after(
    group: Group | int, after: int, limit: int = 500
) -> list[ChatMessage]:
    """Messages with a larger seq, in order, for replay after a reconnect."""
    return list(
        ChatMessage.objects.filter(group=group, seq__gt=after)
        .select_related("author")
        .order_by("seq")[:limit]
    )


def messages_before(
    group: Group, before: int | None, limit: int | None = None
) -> list[ChatMessage]:
    """One page of history, oldest first, ending just before `before`."""
    limit = limit or settings.ALONGSIDE_PAGE_SIZE
    rows = ChatMessage.objects.filter(group=group).select_related("author")
    if before:
        rows = rows.filter(seq__lt=before)
    page = list(rows.order_by("-seq")[:limit])
    page.reverse()
    return page


def presence_in(group_id: int) -> PresenceCounts:
    """How many people are here now: distinct visible members, by role."""
    rows = (
        Presence.objects.filter(group_id=group_id, is_hidden=False)
        .values("role")
        .annotate(people=Count("member", distinct=True))
    )
    by_role = {row["role"]: row["people"] for row in rows}
    hosts = by_role.get(Membership.Role.FACILITATOR, 0) + by_role.get(
        Membership.Role.MODERATOR, 0
    )
    return PresenceCounts(
        members=by_role.get(Membership.Role.MEMBER, 0), facilitators=hosts
    )
