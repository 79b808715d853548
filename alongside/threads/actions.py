"""Every write to threads, replies and reactions."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.accounts.models import User
from alongside.core.errors import ActionRefused
from alongside.core.rendering import clean_text, render_markdown
from alongside.groups.models import Group, Membership
from alongside.groups.permissions import can_moderate
from alongside.moderation.actions import (
    check_moderator,
    check_not_muted,
    check_not_theirs,
    clean_reason,
    close_resubmissions,
    flag_for_review,
    flag_resubmitted_content,
    flag_screened_content,
    log_action,
    move_open_flags,
    tell_member,
)
from alongside.moderation.filters import FilterMatch, match_filters
from alongside.moderation.models import Block, SupportMessage
from alongside.moderation.trust import hold_reason, may_need_care
from alongside.notifications import notify
from alongside.resources.models import badge_day
from alongside.resources.permissions import has_badge
from alongside.resources.queries import credential_of
from alongside.safety.service import Outcome, screen

from .links import has_https_link, resource_ids_in
from .models import AuthorReveal, Reaction, Reply, ReplyRevision, Thread
from .pace import check_posting_pace
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


def _blocked_by_writer(author: User, thread: Thread) -> bool:
    """Whether the thread's writer has blocked `author`.

    Not asked of an anonymous thread: a refusal there would say who wrote it. The
    writer never sees the reply either way, as their block hides it from them.
    """
    return bool(
        thread.author_id
        and not thread.is_anonymous
        and Block.objects.filter(blocker_id=thread.author_id, blocked=author).exists()
    )


class ClaimRefused(ActionRefused):
    """A label the post can't carry; the form shows it beside the labels."""


def _check_claim(author: User, claim: str, body: str, *, kept: str = "") -> str:
    """The label a writer gives their post, if it holds.

    "Professional view" is for verified professionals whose badge stands, and is
    granted nowhere but by the site's admins; a label kept unchanged on an edit
    stays as it was on the day. "Information" needs a link to its source.
    """
    if claim not in Reply.Claim.values:
        raise ClaimRefused(_("Choose one of the labels, or none."))
    if (
        claim == Reply.Claim.PROFESSIONAL
        and claim != kept
        and not has_badge(credential_of(author), badge_day())
    ):
        raise ClaimRefused(
            _(
                "Only verified professionals can label a post “Professional "
                "view”. Choose another label, or none."
            )
        )
    if claim == Reply.Claim.INFORMATION and not has_https_link(body):
        raise ClaimRefused(_("Add the link to your source, starting with https://"))
    return claim


def _anonymous(group: Group, wanted: bool) -> bool:
    if wanted and not group.allows_anonymous:
        raise ActionRefused(_("This group doesn't allow anonymous posts."))
    return wanted


@dataclass(frozen=True)
class Posted:
    """A stored post and what the safety checks found in it."""

    reply: Reply
    outcome: Outcome


@dataclass(frozen=True)
class Review:
    """Whether a new post waits for a moderator, and the word filters it matched."""

    held_reason: str
    filters: FilterMatch


def _review(
    *,
    author: User,
    group: Group,
    membership: Membership | None,
    text: str,
    outcome: Outcome,
    now: datetime,
) -> Review:
    """A new account's pace, the group's word filters and its hold on first posts.

    A post that may be a cry for help is never slowed down or held.
    """
    if not may_need_care(outcome):
        check_posting_pace(author, now)
    filters = FilterMatch() if can_moderate(membership) else match_filters(group, text)
    held = hold_reason(
        group=group, membership=membership, outcome=outcome, filters=filters
    )
    return Review(held, filters)


def start_thread(
    *,
    author: User,
    group: Group,
    title: str,
    body: str,
    content_warning: str = "",
    is_anonymous: bool = False,
    claim: str = "",
) -> Thread:
    """Start a thread; its opening words are stored as its first reply."""
    return open_thread(
        author=author,
        group=group,
        title=title,
        body=body,
        content_warning=content_warning,
        is_anonymous=is_anonymous,
        claim=claim,
    ).reply.thread


def open_thread(
    *,
    author: User,
    group: Group,
    title: str,
    body: str,
    content_warning: str = "",
    is_anonymous: bool = False,
    claim: str = "",
) -> Posted:
    """Start a thread after screening; crisis language flags it, never hides it.

    A new member's first thread (where the group asks) or one a word filter holds
    waits for a moderator, seen only by its writer and the moderators till then.
    """
    membership = _membership(author, group)
    if membership is None:
        raise ActionRefused(_("Join this group to start a thread."))
    check_not_muted(membership)
    title = clean_text(title).strip()
    if not title:
        raise ActionRefused(_("Give your thread a title."))
    body, content_warning = _check_text(body, content_warning)
    is_anonymous = _anonymous(group, is_anonymous)
    claim = _check_claim(author, claim, body)
    outcome = screen(f"{title}\n\n{body}")
    now = timezone.now()
    review = _review(
        author=author,
        group=group,
        membership=membership,
        text=f"{title}\n\n{body}",
        outcome=outcome,
        now=now,
    )
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
            claim=claim,
            resource_ids=resource_ids_in(body),
            findings=outcome.to_findings(),
            created_at=now,
            held_at=now if review.held_reason else None,
            held_reason=review.held_reason,
        )
        if not review.held_reason:
            Group.objects.filter(pk=group.pk).update(last_activity_at=now)
        notify.post_written(reply)
        flag_screened_content(
            content=reply, group=group, subject=author, outcome=outcome
        )
        flag_for_review(
            content=reply,
            group=group,
            subject=author,
            held_reason=review.held_reason,
            filters=review.filters,
        )
    return Posted(reply, outcome)


def post_reply(
    *,
    author: User,
    thread: Thread,
    body: str,
    content_warning: str = "",
    is_anonymous: bool = False,
    claim: str = "",
) -> Reply:
    """Add a reply to a thread the author's group holds."""
    return add_reply(
        author=author,
        thread=thread,
        body=body,
        content_warning=content_warning,
        is_anonymous=is_anonymous,
        claim=claim,
    ).reply


def add_reply(
    *,
    author: User,
    thread: Thread,
    body: str,
    content_warning: str = "",
    is_anonymous: bool = False,
    claim: str = "",
) -> Posted:
    """Add a reply after screening; crisis language flags it, never hides it.

    A held reply (a new member's first, or one a word filter holds) counts in the
    thread's replies and activity only once a moderator approves it.
    """
    membership = _membership(author, thread.group)
    if membership is not None and thread.is_locked:
        raise ActionRefused(LOCKED)
    check_not_muted(membership)
    if not can_reply(membership, thread):
        raise ActionRefused(_("Join this group to reply."))
    if _blocked_by_writer(author, thread):
        # Neutral words: the person blocked is never told about the block.
        raise ActionRefused(_("You can't reply to this thread."))
    body, content_warning = _check_text(body, content_warning)
    is_anonymous = _anonymous(thread.group, is_anonymous)
    claim = _check_claim(author, claim, body)
    outcome = screen(body)
    now = timezone.now()
    review = _review(
        author=author,
        group=thread.group,
        membership=membership,
        text=body,
        outcome=outcome,
        now=now,
    )
    with transaction.atomic():
        reply = Reply.objects.create(
            thread=thread,
            author=author,
            body=body,
            body_html=render_markdown(body),
            content_warning=content_warning,
            is_anonymous=is_anonymous,
            claim=claim,
            resource_ids=resource_ids_in(body),
            findings=outcome.to_findings(),
            created_at=now,
            held_at=now if review.held_reason else None,
            held_reason=review.held_reason,
        )
        if not review.held_reason:
            Thread.objects.filter(pk=thread.pk).update(
                reply_count=F("reply_count") + 1, last_activity_at=now
            )
            Group.objects.filter(pk=thread.group_id).update(last_activity_at=now)
        notify.post_written(reply)
        flag_screened_content(
            content=reply, group=thread.group, subject=author, outcome=outcome
        )
        flag_for_review(
            content=reply,
            group=thread.group,
            subject=author,
            held_reason=review.held_reason,
            filters=review.filters,
        )
    return Posted(reply, outcome)


def edit_reply(
    *,
    editor: User,
    reply: Reply,
    body: str,
    content_warning: str = "",
    claim: str | None = None,
) -> bool:
    """Change a reply's words or label, keeping the earlier words; return if it
    changed. Without `claim`, the label stays as it is.

    A reply a moderator hid stays hidden; the change goes to the moderators, who
    may show it again.
    """
    if not can_edit_reply(editor, reply):
        raise ActionRefused(_("Only the person who wrote this can edit it."))
    membership = _membership(editor, reply.thread.group)
    check_not_muted(membership)
    body, content_warning = _check_text(body, content_warning)
    claim = _check_claim(
        editor, reply.claim if claim is None else claim, body, kept=reply.claim
    )
    if body == reply.body and content_warning == reply.content_warning:
        if claim == reply.claim:
            return False
        # Only the label changed: the words, and what was found in them, stand.
        reply.claim = claim
        reply.edited_at = timezone.now()
        reply.save(update_fields=["claim", "edited_at"])
        return True
    outcome = screen(body)
    # A post already up is never held back on an edit; a filtered phrase flags it.
    group = reply.thread.group
    filters = FilterMatch() if can_moderate(membership) else match_filters(group, body)
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
        reply.claim = claim
        reply.resource_ids = resource_ids_in(body)
        reply.edited_at = timezone.now()
        reply.findings = outcome.to_findings()
        reply.save(
            update_fields=[
                "body",
                "body_html",
                "content_warning",
                "claim",
                "resource_ids",
                "edited_at",
                "findings",
            ]
        )
        if reply.is_hidden:
            flag_resubmitted_content(
                content=reply, group=reply.thread.group, subject=editor, outcome=outcome
            )
        else:
            flag_screened_content(
                content=reply, group=reply.thread.group, subject=editor, outcome=outcome
            )
            flag_for_review(
                content=reply,
                group=group,
                subject=editor,
                held_reason="",
                filters=filters,
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
        elif not reply.is_held:  # a held reply was never counted
            Thread.objects.filter(pk=reply.thread_id, reply_count__gt=0).update(
                reply_count=F("reply_count") - 1
            )
        notify.places_changed(thread_id=reply.thread_id)
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
            reaction = Reaction.objects.create(reply=reply, member=member, kind=kind)
            notify.reaction_sent(reaction)
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
    group = reply.thread.group
    with transaction.atomic():
        AuthorReveal.objects.create(reply=reply, moderator=moderator, reason=reason)
        log_action(
            actor=moderator,
            group=group,
            action="author_revealed",
            target=reply,
            reason=reason,
            subject=reply.author,
        )
        if reply.author is not None:
            # Told afterwards, in private: the post stays anonymous to everyone else.
            tell_member(
                group=group,
                member=reply.author,
                sender=moderator,
                kind=SupportMessage.Kind.ACTION,
                body=_(
                    "A moderator looked up who wrote one of your anonymous posts. "
                    "They said why: %(reason)s\nEveryone else still sees it as "
                    "anonymous."
                )
                % {"reason": reason},
            )
    return reply.author


# ---------------------------------------------------------------------------
# Moderators' actions on threads and replies. Each checks its own permission,
# needs a reason and adds one log row in the transaction of its effect; the
# writer is told, privately, whenever something they wrote is hidden, locked or
# moved.

LOCKED = _("This thread is locked by the moderators.")


def hide_reply(*, moderator: User, reply: Reply, reason: str) -> bool:
    """Hide a reply from everyone but its writer and the group's moderators; the
    writer is told why (without the post's words). Return whether it changed.

    An opening post takes its thread out of other members' lists and pages.
    """
    group = reply.thread.group
    check_moderator(moderator, group)
    check_not_theirs(moderator, reply.author_id)
    reason = clean_reason(reason)
    now = timezone.now()
    with transaction.atomic():
        hidden = Reply.objects.filter(
            pk=reply.pk, hidden_at__isnull=True, deleted_at__isnull=True
        ).update(hidden_at=now, hidden_reason=reason)
        if not hidden:
            return False
        notify.places_changed(thread_id=reply.thread_id)
        log_action(
            actor=moderator,
            group=group,
            action="reply_hidden",
            target=reply,
            reason=reason,
            subject=reply.author,
        )
        if reply.author is not None:
            tell_member(
                group=group,
                member=reply.author,
                sender=moderator,
                kind=SupportMessage.Kind.HIDDEN,
                body=_(
                    "A moderator hid one of your posts. They said: %(reason)s\n"
                    "Only you and the moderators can see it now. You can edit it "
                    "and ask for it to be shown again."
                )
                % {"reason": reason},
            )
    reply.hidden_at, reply.hidden_reason = now, reason
    return True


def restore_reply(*, moderator: User, reply: Reply, reason: str) -> bool:
    """Show a hidden reply to the group again; return whether it was hidden.

    Open "edited after it was hidden" items about it are closed as restored.
    """
    group = reply.thread.group
    check_moderator(moderator, group)
    check_not_theirs(moderator, reply.author_id)
    reason = clean_reason(reason)
    with transaction.atomic():
        restored = Reply.objects.filter(pk=reply.pk, hidden_at__isnull=False).update(
            hidden_at=None, hidden_reason=""
        )
        if not restored:
            return False
        notify.places_changed(thread_id=reply.thread_id)
        log_action(
            actor=moderator,
            group=group,
            action="reply_restored",
            target=reply,
            reason=reason,
            subject=reply.author,
        )
        close_resubmissions(
            moderator=moderator, content=reply, resolution="restored", reason=reason
        )
        if reply.author is not None:
            tell_member(
                group=group,
                member=reply.author,
                sender=moderator,
                kind=SupportMessage.Kind.ACTION,
                body=str(_("A moderator has shown your post to the group again.")),
            )
    reply.hidden_at, reply.hidden_reason = None, ""
    return True


def _tell_thread_writer(
    thread: Thread, moderator: User, group: Group, body: str
) -> None:
    if thread.author is not None and thread.author_id != moderator.pk:
        tell_member(
            group=group,
            member=thread.author,
            sender=moderator,
            kind=SupportMessage.Kind.ACTION,
            body=body,
        )


def lock_thread(*, moderator: User, thread: Thread, reason: str) -> bool:
    """Stop new replies (reactions go on); return whether it was unlocked."""
    check_moderator(moderator, thread.group)
    reason = clean_reason(reason)
    now = timezone.now()
    with transaction.atomic():
        locked = Thread.objects.filter(pk=thread.pk, locked_at__isnull=True).update(
            locked_at=now
        )
        if not locked:
            return False
        log_action(
            actor=moderator,
            group=thread.group,
            action="thread_locked",
            target=thread,
            reason=reason,
            subject=thread.author,
        )
        _tell_thread_writer(
            thread,
            moderator,
            thread.group,
            _(
                "A moderator locked one of your threads, so nobody can reply to "
                "it for now. It stays readable. They said: %(reason)s"
            )
            % {"reason": reason},
        )
    thread.locked_at = now
    return True


def unlock_thread(*, moderator: User, thread: Thread, reason: str) -> bool:
    """Open a locked thread to replies again; return whether it was locked."""
    check_moderator(moderator, thread.group)
    reason = clean_reason(reason)
    with transaction.atomic():
        unlocked = Thread.objects.filter(pk=thread.pk, locked_at__isnull=False).update(
            locked_at=None
        )
        if not unlocked:
            return False
        log_action(
            actor=moderator,
            group=thread.group,
            action="thread_unlocked",
            target=thread,
            reason=reason,
            subject=thread.author,
        )
        _tell_thread_writer(
            thread,
            moderator,
            thread.group,
            str(_("A moderator unlocked one of your threads: replies are open again.")),
        )
    thread.locked_at = None
    return True


def move_thread(*, moderator: User, thread: Thread, to: Group, reason: str) -> bool:
    """Move a thread, its replies and the open flags about them to another group
    the moderator also moderates. Return whether it moved.

    One log row, in the group it left, names the group it went to.
    """
    source = thread.group
    check_moderator(moderator, source)
    check_moderator(moderator, to)
    reason = clean_reason(reason)
    if to.pk == source.pk:
        raise ActionRefused(_("Choose a different group."))
    with transaction.atomic():
        moved = Thread.objects.filter(pk=thread.pk, group=source).update(group=to)
        if not moved:
            return False
        move_open_flags(
            content_type=ContentType.objects.get_for_model(Reply),
            object_ids=Reply.objects.filter(thread=thread).values("pk"),
            to=to,
        )
        notify.places_changed(thread_id=thread.pk)
        log_action(
            actor=moderator,
            group=source,
            action="thread_moved",
            target=thread,
            reason=_("Moved to %(group)s. %(reason)s")
            % {"group": to.name, "reason": reason},
            subject=thread.author,
        )
        _tell_thread_writer(
            thread,
            moderator,
            to,
            _(
                "A moderator moved one of your threads from %(source)s to "
                "%(group)s. They said: %(reason)s"
            )
            % {"source": source.name, "group": to.name, "reason": reason},
        )
    thread.group = to
    return True
