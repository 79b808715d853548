"""Every write of private messages and privacy choices.

Private messages are screened like every text a member writes, and their writer is
offered help when it sounds like they need it. They are not flagged to anyone: only
a report by the person they were sent to shows one message to a group's moderators.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from alongside.accounts.models import User
from alongside.core.errors import ActionRefused
from alongside.core.rendering import clean_text, render_markdown
from alongside.groups.models import Group, Membership
from alongside.groups.permissions import can_moderate
from alongside.moderation.actions import Reported, log_action, report_content
from alongside.moderation.models import Flag, Report
from alongside.safety.service import Outcome, screen

from .export import build_export_task, delete_export_file
from .models import (
    Conversation,
    DataExport,
    PrivacyPreference,
    PrivateMessage,
    seal_context,
)
from .permissions import (
    can_report_private_message,
    can_send_private_message,
    next_export_at,
)
from .queries import (
    ReportedMessage,
    conversation_between,
    latest_export_of,
    name_of,
    pair,
    reach_between,
    shared_groups_of,
    shown_html,
)
from .sealing import keyring

MAX_LENGTH = 4000


@dataclass(frozen=True)
class Sent:
    message: PrivateMessage
    outcome: Outcome
    is_new: bool


def refusal_for(recipient: User) -> str:
    """The same words whatever the reason (their choice, or a block either way)."""
    return str(
        _("You can't send %(name)s a private message at the moment.")
        % {"name": recipient.public_name}
    )


def _sending_too_fast(sender: User, now: datetime) -> bool:
    """At most ALONGSIDE_MESSAGE_RATE[0] messages in each window of [1] seconds,
    counted in the cache per member (windows follow the clock, so tests can move it)."""
    count, seconds = settings.ALONGSIDE_MESSAGE_RATE
    key = f"private-message-rate:{sender.pk}:{int(now.timestamp()) // seconds}"
    if cache.add(key, 1, timeout=seconds):
        return False
    try:
        return cache.incr(key) > count
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=seconds)
        return False


def _stored(
    conversation: Conversation | None, author: User, client_token: uuid.UUID
) -> PrivateMessage | None:
    if conversation is None:
        return None
    return PrivateMessage.objects.filter(
        conversation=conversation, author=author, client_token=client_token
    ).first()


def send_private_message(
    *, sender: User, recipient: User, body: str, client_token: uuid.UUID | str
) -> Sent:
    """Seal and store a message to a member who accepts it from the sender, after
    screening; a form sent twice with the same token is stored once."""
    now = timezone.now()
    client_token = uuid.UUID(str(client_token))
    conversation = conversation_between(sender, recipient)
    body = clean_text(body).strip()
    existing = _stored(conversation, sender, client_token)
    if existing is not None:
        return Sent(existing, screen(body), is_new=False)
    if not can_send_private_message(reach_between(sender, recipient, conversation)):
        raise ActionRefused(refusal_for(recipient))
    if not body:
        raise ActionRefused(_("Write something before sending."))
    if len(body) > MAX_LENGTH:
        raise ActionRefused(_("That message is too long. Try splitting it in two."))
    if _sending_too_fast(sender, now):
        raise ActionRefused(
            _(
                "You've sent a lot of messages in the last few minutes. Take a "
                "breath and try again in a little while. Your message is still here."
            )
        )
    outcome = screen(body)
    html = render_markdown(body)
    first_id, second_id = pair(sender, recipient)
    keys = keyring()
    try:
        with transaction.atomic():
            conversation, _created = Conversation.objects.get_or_create(
                first_id=first_id,
                second_id=second_id,
                defaults={"created_at": now, "last_message_at": now},
            )
            token = str(client_token)
            message = PrivateMessage.objects.create(
                conversation=conversation,
                author=sender,
                client_token=client_token,
                sealed_body=keys.seal(
                    body, context=seal_context(conversation.pk, token, "body")
                ),
                sealed_html=keys.seal(
                    html, context=seal_context(conversation.pk, token, "html")
                ),
                created_at=now,
            )
            Conversation.objects.filter(pk=conversation.pk).update(last_message_at=now)
    except IntegrityError:
        # The same form arrived twice at once: the first one stands.
        message = PrivateMessage.objects.get(
            conversation__first_id=first_id,
            conversation__second_id=second_id,
            author=sender,
            client_token=client_token,
        )
        return Sent(message, outcome, is_new=False)
    return Sent(message, outcome, is_new=True)


def set_message_preference(*, member: User, messages_from: str) -> bool:
    """Say who may start private messages with the member; return if it changed."""
    if messages_from not in PrivacyPreference.MessagesFrom.values:
        raise ActionRefused(_("Choose one of the options."))
    preference, created = PrivacyPreference.objects.get_or_create(
        member=member,
        defaults={"messages_from": messages_from, "updated_at": timezone.now()},
    )
    if created:
        return messages_from != PrivacyPreference.MessagesFrom.LEADERS
    if preference.messages_from == messages_from:
        return False
    preference.messages_from = messages_from
    preference.updated_at = timezone.now()
    preference.save(update_fields=["messages_from", "updated_at"])
    return True


def _report_group(reporter: User, author: User) -> Group:
    """The shared group whose moderators take the report: the first by name with
    a moderator who is neither of the two, else the first by name.

    Either way, a moderator who wrote or received the message never sees the
    report (moderation.queries.party_to): the group's other moderators do, and
    the site's admins see it among every group's items.
    """
    shared = shared_groups_of(reporter, author)
    if not shared:
        raise ActionRefused(
            _(
                "You no longer share a group with %(name)s, so there are no "
                "moderators to send this to."
            )
            % {"name": author.public_name}
        )
    moderated = set(
        Membership.objects.filter(group__in=shared, role=Membership.Role.MODERATOR)
        .exclude(member__in=[author, reporter])
        .values_list("group_id", flat=True)
    )
    return next((group for group in shared if group.pk in moderated), shared[0])


def report_private_message(
    *, reporter: User, message: PrivateMessage, reason: str, note: str = ""
) -> Reported:
    """Report a message one received to the moderators of a group both share, who
    can then read that one message (and only it)."""
    if not can_report_private_message(reporter.pk, message):
        raise ActionRefused(_("You can only report messages sent to you."))
    if message.author is None:
        raise ActionRefused(_("This person's account no longer exists."))
    group = _report_group(reporter, message.author)
    return report_content(
        reporter=reporter, content=message, reason=reason, note=note, group=group
    )


@dataclass(frozen=True)
class OpenedMessage:
    """A reported message as its group's moderator sees it, once."""

    flag: Flag
    message: PrivateMessage
    author_name: str
    recipient_name: str
    html: SafeString
    reports: list[Report]


def read_reported_message(
    *, moderator: User, reported: ReportedMessage
) -> OpenedMessage:
    """Open a reported private message for a moderator of the group the report went
    to; every reading is logged, in the same transaction."""
    flag, message = reported.flag, reported.message
    membership = Membership.objects.filter(group=flag.group, member=moderator).first()
    if not can_moderate(membership):
        raise ActionRefused(_("Only the group's moderators can read this."))
    conversation = message.conversation
    if conversation.includes(moderator.pk):
        raise ActionRefused(
            _("This message is to or from you, so another moderator will look at it.")
        )
    recipient_id = (
        conversation.other_id(message.author_id) if message.author_id else None
    )
    recipient = User.objects.filter(pk=recipient_id).first() if recipient_id else None
    with transaction.atomic():
        log_action(
            actor=moderator,
            group=flag.group,
            action="read_reported_message",
            target=message,
            subject=message.author,
            reason=f"Report {flag.pk}",
        )
        html = shown_html(message)
    return OpenedMessage(
        flag=flag,
        message=message,
        author_name=name_of(message.author),
        recipient_name=name_of(recipient),
        html=html,
        reports=reported.reports,
    )


# ---------------------------------------------------------------------------
# Data exports


class ExportNotYet(ActionRefused):
    """A copy was asked for too recently; `allowed_at` says from when."""

    def __init__(self, allowed_at: datetime) -> None:
        super().__init__(_("You asked for a copy of your data recently."))
        self.allowed_at = allowed_at


def request_export(*, member: User) -> DataExport:
    """Ask for a copy of everything the member's account holds, built in the
    background once this commits. At most one request in each
    ALONGSIDE_EXPORT_EVERY_HOURS; it replaces any earlier copy, file and all."""
    now = timezone.now()
    every = timedelta(hours=settings.ALONGSIDE_EXPORT_EVERY_HOURS)
    with transaction.atomic():
        # One request at a time per member: two quick clicks make one copy.
        list(User.objects.select_for_update().filter(pk=member.pk).values("pk"))
        allowed_at = next_export_at(latest_export_of(member), now, every)
        if allowed_at is not None:
            raise ExportNotYet(allowed_at)
        DataExport.objects.filter(member=member).delete()  # files go on commit
        export = DataExport.objects.create(member=member, requested_at=now)
        transaction.on_commit(lambda: build_export_task.enqueue(export.pk))
    return export


def discard_expired_export(export: DataExport) -> None:
    """Delete an expired copy's file as soon as someone follows its link; the row
    is marked by expire_data_exports, so following a link writes no row."""
    delete_export_file(export.file_name)


def expire_data_exports(*, now: datetime | None = None) -> int:
    """Delete the files of copies whose link has expired; return how many. Their
    rows stay, marked expired, until the member asks again."""
    now = now or timezone.now()
    expired = list(
        DataExport.objects.filter(
            status=DataExport.Status.READY, expires_at__lte=now
        ).only("pk", "file_name")
    )
    for export in expired:
        delete_export_file(export.file_name)
    DataExport.objects.filter(pk__in=[export.pk for export in expired]).update(
        status=DataExport.Status.EXPIRED, file_name=""
    )
    return len(expired)
