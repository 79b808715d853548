"""Reads of a group's room, for its members only."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count
from django.http import Http404
from django.template.loader import render_to_string

from alongside.accounts.models import User
from alongside.groups.models import Group, Membership
from alongside.groups.queries import Viewer, access_group_as_member
from alongside.moderation.queries import not_blocked_by

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
    """Messages with a larger seq, in order, for replay after a reconnect; hidden
    ones are left out (their seqs are skipped)."""
    return list(
        ChatMessage.objects.filter(group=group, seq__gt=after, hidden_at__isnull=True)
        .select_related("author")
        .order_by("seq")[:limit]
    )


def messages_before(
    group: Group,
    before: int | None,
    limit: int | None = None,
    *,
    include_hidden: bool = False,
    viewer: User | None = None,
) -> list[ChatMessage]:
    """One page of history, oldest first, ending just before `before`. Hidden
    messages only with `include_hidden` (for the group's moderators)."""
    limit = limit or settings.ALONGSIDE_PAGE_SIZE
    rows = ChatMessage.objects.filter(group=group).select_related("author")
    if not include_hidden:
        rows = rows.filter(hidden_at__isnull=True)
    if viewer is not None:
        rows = rows.filter(not_blocked_by(viewer))  # never those the viewer blocked
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


def access_message(viewer: Viewer, slug: str, seq: int) -> ChatMessage:
    """A message still shown in a group's room, for its members; 404 otherwise."""
    group = access_group_as_member(viewer, slug).group
    message = (
        ChatMessage.objects.select_related("author")
        .filter(group=group, seq=seq, hidden_at__isnull=True)
        .first()
    )
    if message is None:
        raise Http404
    message.group = group
    return message


def moderated_message(group: Group, seq: int) -> ChatMessage:
    """A message of the group's room, hidden or not, for its moderators; else 404."""
    message = (
        ChatMessage.objects.select_related("author")
        .filter(group=group, seq=seq)
        .first()
    )
    if message is None:
        raise Http404
    message.group = group
    return message


def own_hidden_message(viewer: User, group: Group, seq: int) -> ChatMessage | None:
    """One of the viewer's own messages that a moderator took out of the room, to
    change and send again; None for anything else."""
    return ChatMessage.objects.filter(
        group=group, seq=seq, author=viewer, hidden_at__isnull=False
    ).first()
