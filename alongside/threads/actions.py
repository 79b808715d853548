"""Every write to threads, replies and reactions."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.accounts.models import User
from alongside.core.errors import ActionRefused
from alongside.core.rendering import clean_text, render_markdown
from alongside.groups.models import Group, Membership
from alongside.moderation.actions import flag_screened_content
from alongside.safety.service import Outcome, screen

from .models import AuthorReveal, Reaction, Reply, ReplyRevision, Thread
from .permissions import (
    can_delete_reply,
    can_edit_reply,
    can_react,
    can_reply,
    can_reveal_author,
)


def _membership(member: User, group: Group) -> Membership | None:
    return Membership.objects.filter(group=group, member=member).first()


def _check_text(body: str, content_warning: str) -> tuple[str, str]:
    body = clean_text(body).strip()
    if not body:
        raise ActionRefused(_("Write something before posting."))
    return body, clean_text(content_warning).strip()


def _anonymous(group: Group, wanted: bool) -> bool:
    if wanted and not group.allows_anonymous:
        raise ActionRefused(_("This group doesn't allow anonymous posts."))
    return wanted


@dataclass(frozen=True)
class Posted:
    """A stored post and what the safety checks found in it."""

    reply: Reply
    outcome: Outcome


def start_thread(
    *,
    author: User,
    group: Group,
    title: str,
    body: str,
    content_warning: str = "",
    is_anonymous: bool = False,
) -> Thread:
    """Start a thread; its opening words are stored as its first reply."""
    return open_thread(
        author=author,
        group=group,
        title=title,
        body=body,
        content_warning=content_warning,
        is_anonymous=is_anonymous,
    ).reply.thread


def open_thread(
    *,
    author: User,
    group: Group,
    title: str,
    body: str,
    content_warning: str = "",
    is_anonymous: bool = False,
) -> Posted:
    """Start a thread after screening; crisis language flags it, never hides it."""
    if _membership(author, group) is None:
        raise ActionRefused(_("Join this group to start a thread."))
    title = clean_text(title).strip()
    if not title:
        raise ActionRefused(_("Give your thread a title."))
    body, content_warning = _check_text(body, content_warning)
    is_anonymous = _anonymous(group, is_anonymous)
    outcome = screen(f"{title}\n\n{body}")
    now = timezone.now()
    with transaction.atomic():
        thread = Thread.objects.create(
            group=group,
            title=title,
            author=author,
            is_anonymous=is_anonymous,
            created_at=now,
            last_activity_at=now,
        )
        reply = Reply.objects.create(
            thread=thread,
            author=author,
            is_opening=True,
            body=body,
            body_html=render_markdown(body),
            content_warning=content_warning,
            is_anonymous=is_anonymous,
            findings=outcome.to_findings(),
            created_at=now,
        )
        Group.objects.filter(pk=group.pk).update(last_activity_at=now)
        flag_screened_content(
            content=reply, group=group, subject=author, outcome=outcome
        )
    return Posted(reply, outcome)


def post_reply(
    *,
    author: User,
    thread: Thread,
    body: str,
    content_warning: str = "",
    is_anonymous: bool = False,
) -> Reply:
    """Add a reply to a thread the author's group holds."""
    return add_reply(
        author=author,
        thread=thread,
        body=body,
        content_warning=content_warning,
        is_anonymous=is_anonymous,
    ).reply


def add_reply(
    *,
    author: User,
    thread: Thread,
    body: str,
    content_warning: str = "",
    is_anonymous: bool = False,
) -> Posted:
    """Add a reply after screening; crisis language flags it, never hides it."""
    if not can_reply(_membership(author, thread.group), thread):
        raise ActionRefused(_("Join this group to reply."))
    body, content_warning = _check_text(body, content_warning)
    is_anonymous = _anonymous(thread.group, is_anonymous)
    outcome = screen(body)
    now = timezone.now()
    with transaction.atomic():
        reply = Reply.objects.create(
            thread=thread,
            author=author,
            body=body,
            body_html=render_markdown(body),
            content_warning=content_warning,
            is_anonymous=is_anonymous,
            findings=outcome.to_findings(),
            created_at=now,
        )
        Thread.objects.filter(pk=thread.pk).update(
            reply_count=F("reply_count") + 1, last_activity_at=now
        )
        Group.objects.filter(pk=thread.group_id).update(last_activity_at=now)
        flag_screened_content(
            content=reply, group=thread.group, subject=author, outcome=outcome
        )
    return Posted(reply, outcome)


def edit_reply(
    *, editor: User, reply: Reply, body: str, content_warning: str = ""
) -> bool:
    """Change a reply's words, keeping the earlier version; return if it changed."""
    if not can_edit_reply(editor, reply):
        raise ActionRefused(_("Only the person who wrote this can edit it."))
    body, content_warning = _check_text(body, content_warning)
    if body == reply.body and content_warning == reply.content_warning:
        return False
    outcome = screen(body)
    with transaction.atomic():
        ReplyRevision.objects.create(
            reply=reply,
            body=reply.body,
            content_warning=reply.content_warning,
            written_at=reply.edited_at or reply.created_at,
        )
        reply.body = body
        reply.body_html = render_markdown(body)
        reply.content_warning = content_warning
        reply.edited_at = timezone.now()
        reply.findings = outcome.to_findings()
        reply.save(
            update_fields=[
                "body",
                "body_html",
                "content_warning",
                "edited_at",
                "findings",
            ]
        )
        flag_screened_content(
            content=reply, group=reply.thread.group, subject=editor, outcome=outcome
        )
    return True


def delete_reply(*, deleter: User, reply: Reply) -> bool:
    """Delete a reply (its writer or a moderator); an opening post takes its thread."""
    membership = _membership(deleter, reply.thread.group)
    if not can_delete_reply(deleter, membership, reply):
        raise ActionRefused(_("You can only delete what you wrote."))
    now = timezone.now()
    with transaction.atomic():
        updated = Reply.objects.filter(pk=reply.pk, deleted_at__isnull=True).update(
            deleted_at=now, deleted_by=deleter
        )
        if not updated:
            return False
        if reply.is_opening:
            Thread.objects.filter(pk=reply.thread_id).update(deleted_at=now)
        else:
            Thread.objects.filter(pk=reply.thread_id, reply_count__gt=0).update(
                reply_count=F("reply_count") - 1
            )
    reply.deleted_at, reply.deleted_by = now, deleter
    return True


@dataclass(frozen=True)
class ReactionResult:
    kind: str
    is_on: bool


def toggle_reaction(*, member: User, reply: Reply, kind: str) -> ReactionResult:
    """Send a reaction, or take it back if it was already sent."""
    if kind not in Reaction.Kind.values:
        raise ActionRefused(_("We don't know that reaction."))
    if not can_react(_membership(member, reply.thread.group), reply):
        raise ActionRefused(_("Join this group to react."))
    deleted, _rows = Reaction.objects.filter(
        reply=reply, member=member, kind=kind
    ).delete()
    if deleted:
        return ReactionResult(kind, is_on=False)
    try:
        with transaction.atomic():
            Reaction.objects.create(reply=reply, member=member, kind=kind)
    except IntegrityError:
        pass  # Sent twice at once: one reaction stands, which is what was asked.
    return ReactionResult(kind, is_on=True)


def reveal_author(*, moderator: User, reply: Reply, reason: str) -> User | None:
    """Tell a moderator who wrote an anonymous post; the lookup is recorded with why."""
    if not can_reveal_author(_membership(moderator, reply.thread.group), reply):
        raise ActionRefused(_("Only the group's moderators can see this."))
    reason = clean_text(reason).strip()
    if not reason:
        raise ActionRefused(_("Say why you need to know who wrote this."))
    AuthorReveal.objects.create(reply=reply, moderator=moderator, reason=reason)
    return reply.author
