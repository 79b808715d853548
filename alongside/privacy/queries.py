"""Every read of private messages that depends on who is asking.

Only the two members of a conversation see its messages; a moderator sees one
message, through `access_reported_message`, once it was reported to them.
"""

import logging
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from alongside.accounts.models import User
from alongside.groups.models import Group, Membership
from alongside.moderation.models import Block, Flag, Report
from alongside.moderation.queries import access_queue
from alongside.resources.queries import badge_of
from alongside.safety.service import Outcome, screen

from .models import Conversation, DataExport, PrivacyPreference, PrivateMessage
from .permissions import Reach, can_report_private_message
from .sealing import SealingError, keyring

logger = logging.getLogger("alongside.privacy")


def former_member() -> str:
    return _("Former member")


def name_of(member: User | None) -> str:
    return member.public_name if member is not None else former_member()


def open_text(message: PrivateMessage, column: str) -> str | None:
    """A sealed column as text; None (and a log line without text) if no key opens
    it, so one unreadable message never takes the page down."""
    token = message.sealed_html if column == "html" else message.sealed_body
    try:
        return keyring().open(token, context=message.seal_context(column))
    except SealingError as error:
        logger.error("Private message %s did not open: %s", message.pk, error)
        return None


def shown_html(message: PrivateMessage) -> SafeString:
    html = open_text(message, "html")
    if html is None:
        return SafeString(
            '<p class="deleted">'
            + _("This message can't be opened at the moment.")
            + "</p>"
        )
    # Sanitised when it was written (core.rendering), and authenticated since.
    return SafeString(html)


def preference_of(member: User) -> str:
    choice = (
        PrivacyPreference.objects.filter(member=member)
        .values_list("messages_from", flat=True)
        .first()
    )
    return choice or PrivacyPreference.MessagesFrom.LEADERS


def pair(one: User, other: User) -> tuple[int, int]:
    return (one.pk, other.pk) if one.pk < other.pk else (other.pk, one.pk)


def conversation_between(one: User, other: User) -> Conversation | None:
    if one.pk == other.pk:
        return None
    first_id, second_id = pair(one, other)
    return Conversation.objects.filter(first_id=first_id, second_id=second_id).first()


def is_blocked_between(one: User, other: User) -> bool:
    """Either of the two has blocked the other."""
    return Block.objects.filter(
        Q(blocker=one, blocked=other) | Q(blocker=other, blocked=one)
    ).exists()


def shared_groups_of(one: User, other: User) -> list[Group]:
    return list(
        Group.objects.filter(memberships__member=one)
        .filter(memberships__member=other)
        .distinct()
        .order_by("name")
    )


def reach_between(
    sender: User, recipient: User, conversation: Conversation | None
) -> Reach:
    """The facts that decide whether `sender` may write to `recipient` now."""
    roles = frozenset(
        Membership.objects.filter(
            member=sender, group__memberships__member=recipient
        ).values_list("role", flat=True)
    )
    written_to = (
        conversation is not None
        and PrivateMessage.objects.filter(
            conversation=conversation, author=recipient
        ).exists()
    )
    suspended = sender.suspended_until
    return Reach(
        messages_from=preference_of(recipient),
        sender_roles=roles,
        is_blocked=is_blocked_between(sender, recipient),
        was_written_to=written_to,
        is_self=sender.pk == recipient.pk,
        sender_is_suspended=suspended is not None and suspended > timezone.now(),
        recipient_is_active=recipient.is_active,
        sender_has_badge=badge_of(sender) is not None,
    )


@dataclass(frozen=True)
class ConversationAccess:
    conversation: Conversation
    other: User | None  # None once they deleted their account


def access_conversation(viewer: User, conversation_id: int) -> ConversationAccess:
    """A conversation, for its two members only: 404 for everyone else."""
    conversation = (
        Conversation.objects.select_related("first", "second")
        .filter(pk=conversation_id)
        .filter(Q(first=viewer) | Q(second=viewer))
        .first()
    )
    if conversation is None:
        raise Http404
    other = (
        conversation.second
        if conversation.first_id == viewer.pk
        else conversation.first
    )
    return ConversationAccess(conversation, other)


@dataclass(frozen=True)
class ConversationRow:
    conversation: Conversation
    other_name: str


def conversations_of(viewer: User) -> list[ConversationRow]:
    """The viewer's conversations, the most recent first."""
    conversations = (
        Conversation.objects.filter(Q(first=viewer) | Q(second=viewer))
        .select_related("first", "second")
        .order_by("-last_message_at", "-pk")
    )
    return [
        ConversationRow(c, name_of(c.second if c.first_id == viewer.pk else c.first))
        for c in conversations
    ]


@dataclass(frozen=True)
class ShownMessage:
    pk: int
    sender_name: str
    is_mine: bool
    html: SafeString
    created_at: datetime


@dataclass(frozen=True)
class MessagePage:
    messages: list[ShownMessage]
    earlier: int | None  # pass as ?before= to see earlier messages


def messages_in(
    access: ConversationAccess, viewer: User, before: int | None = None
) -> MessagePage:
    """The latest page of messages (or those before a message id), oldest first."""
    size = settings.ALONGSIDE_PAGE_SIZE
    rows = PrivateMessage.objects.filter(conversation=access.conversation)
    if before:
        rows = rows.filter(pk__lt=before)
    latest = list(rows.order_by("-pk")[: size + 1])
    earlier = latest[size - 1].pk if len(latest) > size else None
    names = {viewer.pk: viewer.public_name}
    if access.other is not None:
        names[access.other.pk] = access.other.public_name
    shown = [
        ShownMessage(
            pk=message.pk,
            sender_name=names.get(message.author_id or 0, former_member()),
            is_mine=message.author_id == viewer.pk,
            html=shown_html(message),
            created_at=message.created_at,
        )
        for message in reversed(latest[:size])
    ]
    return MessagePage(shown, earlier)


def support_after_sending(
    viewer: User, access: ConversationAccess, message_id: int
) -> Outcome | None:
    """What the checks find in the viewer's own message, if it calls for the help
    panel. Nothing about it is stored: the words are read again and checked again."""
    message = PrivateMessage.objects.filter(
        pk=message_id, conversation=access.conversation, author=viewer
    ).first()
    body = open_text(message, "body") if message is not None else None
    if body is None:
        return None
    outcome = screen(body)
    return outcome if outcome.needs_support else None


def access_received_message(viewer: User, message_id: int) -> PrivateMessage:
    """A message sent to the viewer (to report it); 404 for everyone else."""
    message = (
        PrivateMessage.objects.select_related("conversation", "author")
        .filter(pk=message_id)
        .first()
    )
    if message is None or not can_report_private_message(viewer.pk, message):
        raise Http404
    return message


@dataclass(frozen=True)
class ReportedMessage:
    flag: Flag
    message: PrivateMessage
    reports: list[Report]


def access_reported_message(viewer: User, flag_id: int) -> ReportedMessage:
    """A reported private message, for the moderators of the group the report went
    to but the two people it is between; 404 for everyone else, whether the flag
    exists or not."""
    kind = ContentType.objects.get_for_model(PrivateMessage)
    flag = (
        Flag.objects.select_related("group", "subject")
        .filter(pk=flag_id, content_type=kind)
        .first()
    )
    if flag is None:
        raise Http404
    access_queue(viewer, flag.group.slug)
    reports = list(flag.reports.order_by("created_at"))
    message = (
        PrivateMessage.objects.select_related("conversation", "author")
        .filter(pk=flag.object_id)
        .first()
    )
    if not reports or message is None or message.conversation.includes(viewer.pk):
        raise Http404
    return ReportedMessage(flag, message, reports)


# ---------------------------------------------------------------------------
# Data exports


def latest_export_of(member: User) -> DataExport | None:
    return DataExport.objects.filter(member=member).order_by("-requested_at").first()


def access_export(viewer: User, token: str) -> DataExport:
    """A finished copy of the viewer's own data, by its link; 404 for anyone else's,
    for one still being made or one that couldn't be made."""
    export = (
        DataExport.objects.filter(token=token, member=viewer)
        .exclude(status__in=[DataExport.Status.PENDING, DataExport.Status.FAILED])
        .first()
    )
    if export is None:
        raise Http404
    return export
