"""Every write of the moderation app; each use of power adds a log row."""

import zoneinfo
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import IntegrityError, models, transaction
from django.db.models import F, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from alongside.accounts.actions import end_sessions
from alongside.accounts.models import User
from alongside.core.errors import ActionRefused
from alongside.core.live import revoke_room_access, send_on_commit, thread_group
from alongside.core.rendering import clean_text, render_markdown
from alongside.core.templatetags.alongside import when_text
from alongside.groups import actions as group_actions
from alongside.groups.models import Group, Membership
from alongside.groups.permissions import can_manage_members, can_moderate, is_muted
from alongside.notifications import notify
from alongside.resources.models import badge_day
from alongside.resources.queries import credential_of
from alongside.safety.resources import support_for
from alongside.safety.service import Outcome

from .filters import FilterMatch
from .models import (
    Block,
    ContextNote,
    Flag,
    ModerationLog,
    ModeratorPreference,
    Mute,
    Report,
    SupportMessage,
    WordFilter,
)
from .permissions import can_add_context_note, can_withdraw_context_note
from .queries import NotePlace, note_place
from .sources import check_sources
from .trust import HELD_FIRST_POST

if TYPE_CHECKING:
    from alongside.threads.models import Thread

CRISIS_SEVERITY = {"urgent": Flag.Severity.URGENT, "concern": Flag.Severity.CONCERN}


def flag_screened_content(
    *, content: models.Model, group: Group, subject: User | None, outcome: Outcome
) -> Flag | None:
    """Flag crisis language for the group's moderators; the content stays up."""
    severity = CRISIS_SEVERITY.get(outcome.crisis)
    if severity is None:
        return None
    return Flag.objects.create(
        group=group,
        content_type=ContentType.objects.get_for_model(content),
        object_id=content.pk,
        subject=subject,
        severity=severity,
        source=Flag.Source.SAFETY,
        findings=outcome.to_findings(),
        created_at=timezone.now(),
    )


def log_action(
    *,
    actor: User | None,
    group: Group | None,
    action: str,
    target: models.Model | None = None,
    reason: str = "",
    subject: User | None = None,
) -> ModerationLog:
    """Record one use of power; call it inside the transaction of its effect."""
    return ModerationLog.objects.create(
        actor=actor,
        group=group,
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target else None,
        target_id=target.pk if target else None,
        reason=reason,
        subject=subject,
        created_at=timezone.now(),
    )


def _check_moderator(moderator: User, group: Group) -> None:
    membership = Membership.objects.filter(group=group, member=moderator).first()
    if not can_moderate(membership):
        raise ActionRefused(_("Only the group's moderators can do this."))


def resolve_flag(
    *, moderator: User, flag: Flag, resolution: str, reason: str = ""
) -> bool:
    """Close a flag ("left up", "reached out"…); return whether it was open."""
    _check_moderator(moderator, flag.group)
    with transaction.atomic():
        closed = Flag.objects.filter(pk=flag.pk, resolved_at__isnull=True).update(
            resolved_at=timezone.now(), resolved_by=moderator, resolution=resolution
        )
        if closed:
            log_action(
                actor=moderator,
                group=flag.group,
                action=f"flag_{resolution}",
                target=flag,
                reason=reason,
                subject=flag.subject,
            )
    return bool(closed)


def reach_out(*, moderator: User, flag: Flag, body: str) -> SupportMessage:
    """Send the person behind a flag a private, caring message, and close the flag."""
    _check_moderator(moderator, flag.group)
    body = clean_text(body).strip()
    if not body:
        raise ActionRefused(_("Write a message before sending."))
    if flag.subject is None:
        raise ActionRefused(_("This person's account no longer exists."))
    with transaction.atomic():
        message = SupportMessage.objects.create(
            group=flag.group, recipient=flag.subject, sender=moderator, body=body
        )
        notify.moderators_wrote(message)
        resolve_flag(moderator=moderator, flag=flag, resolution="reached_out")
    return message


# ---------------------------------------------------------------------------
# Context notes: sourced notes beneath a reply, for everyone who can see it

NOTE_MAX_LENGTH = 2000


def _note_membership(group_id: int, member: User) -> Membership | None:
    return (
        Membership.objects.select_related("group")
        .filter(group_id=group_id, member=member)
        .first()
    )


def _note_subject(place: NotePlace) -> User | None:
    if place.author_id is None:
        return None
    return User.objects.filter(pk=place.author_id).first()


def add_context_note(
    *, author: User, content: models.Model, body: str, sources: Sequence[str]
) -> ContextNote:
    """Add a note with https sources beneath a reply (or a thread's opening reply).

    From a moderator it reads as context from the moderators; from a member whose
    professional badge stands, it carries their name and the badge's scope. The
    Markdown is rendered once, sanitised; the sources are checked, never fetched.
    Logged, and sent to open pages of the thread after commit.
    """
    now = timezone.now()
    place = note_place(type(content), content.pk)
    if place is None or place.is_deleted:
        raise ActionRefused(_("Context notes go beneath posts that are still up."))
    membership = _note_membership(place.group_id, author)
    credential = credential_of(author) if membership is not None else None
    if membership is None or not can_add_context_note(
        membership, credential=credential, today=badge_day(now)
    ):
        raise ActionRefused(
            _(
                "Only the group's moderators and verified professionals can add "
                "context notes."
            )
        )
    check_not_muted(membership)
    scope = "" if can_moderate(membership) or credential is None else credential.scope
    body = clean_text(body).strip()
    if not body:
        raise ActionRefused(_("Write the note before adding it."))
    if len(body) > NOTE_MAX_LENGTH:
        raise ActionRefused(
            _("Keep the note to %(count)s characters or fewer.")
            % {"count": f"{NOTE_MAX_LENGTH:,}"}
        )
    checked = check_sources(list(sources))
    with transaction.atomic():
        note = ContextNote.objects.create(
            content_type=ContentType.objects.get_for_model(content),
            object_id=content.pk,
            author=author,
            body=body,
            body_html=render_markdown(body),
            sources=checked,
            author_scope=scope,
            created_at=now,
        )
        log_action(
            actor=author,
            group=membership.group,
            action="context_note_added",
            target=note,
            subject=_note_subject(place),
        )
        send_on_commit(
            thread_group(place.thread_id), {"type": "thread.note", "note_id": note.pk}
        )
    return note


def withdraw_context_note(*, actor: User, note: ContextNote, reason: str = "") -> bool:
    """Take a note down for everyone; return whether it was still standing."""
    now = timezone.now()
    place = note_place(note.content_type.model_class(), note.object_id)
    membership = _note_membership(place.group_id, actor) if place else None
    if (
        place is None
        or membership is None
        or not can_withdraw_context_note(membership, note)
    ):
        raise ActionRefused(
            _("Only the group's moderators, or whoever added it, can withdraw a note.")
        )
    with transaction.atomic():
        withdrawn = ContextNote.objects.filter(
            pk=note.pk, withdrawn_at__isnull=True
        ).update(withdrawn_at=now)
        if withdrawn:
            log_action(
                actor=actor,
                group=membership.group,
                action="context_note_withdrawn",
                target=note,
                reason=clean_text(reason).strip(),
                subject=_note_subject(place),
            )
            send_on_commit(
                thread_group(place.thread_id),
                {"type": "thread.note_withdrawn", "note_id": note.pk},
            )
    if withdrawn:
        note.withdrawn_at = now
    return bool(withdrawn)


# ---------------------------------------------------------------------------
# Trust: posts held for approval, and each group's word filters.
#
# A held post is a Reply (read generically, as a Flag's content is, so moderation
# does not import threads): only its writer and the group's moderators see it, and
# it counts in its thread only once approved.

REVIEW_SOURCES = (Flag.Source.HELD, Flag.Source.FILTER)
WORD_FILTER_MAX_LENGTH = 100


def flag_for_review(
    *,
    content: models.Model,
    group: Group,
    subject: User | None,
    held_reason: str,
    filters: FilterMatch,
) -> Flag | None:
    """Open the flag for a held post, or for a post a word filter matched.

    Call inside the transaction that stores the post. Findings name the group's
    phrases that matched, never the text.
    """
    if not held_reason and not filters:
        return None
    findings: dict[str, object] = {"phrases": filters.phrases}
    if held_reason:
        findings["held"] = held_reason
    source = Flag.Source.FILTER
    if held_reason == HELD_FIRST_POST:
        source = Flag.Source.HELD
    return Flag.objects.create(
        group=group,
        content_type=ContentType.objects.get_for_model(content),
        object_id=content.pk,
        subject=subject,
        severity=Flag.Severity.HELD if held_reason else Flag.Severity.OTHER,
        source=source,
        findings=findings,
        created_at=timezone.now(),
    )


def _close_review_flags(
    content: models.Model, moderator: User, resolution: str, now: datetime
) -> None:
    Flag.objects.filter(
        content_type=ContentType.objects.get_for_model(content),
        object_id=content.pk,
        source__in=REVIEW_SOURCES,
        resolved_at__isnull=True,
    ).update(resolved_at=now, resolved_by=moderator, resolution=resolution)


def _count_in_thread(content: models.Model, now: datetime) -> None:
    """An approved reply now counts in its thread; the thread and group wake up."""
    thread = getattr(content, "thread", None)
    if thread is None:
        return
    changes: dict[str, object] = {"last_activity_at": now}
    if not getattr(content, "is_opening", False):
        changes["reply_count"] = F("reply_count") + 1
    type(thread)._default_manager.filter(pk=thread.pk).update(**changes)
    Group.objects.filter(pk=thread.group_id).update(last_activity_at=now)


def approve_held_post(*, moderator: User, flag: Flag, reason: str = "") -> bool:
    """Let a held post be seen, trust its writer in the group, close its flags.

    Return whether it was still held.
    """
    _check_moderator(moderator, flag.group)
    content = flag.content
    if content is None:
        raise ActionRefused(_("This post no longer exists."))
    now = timezone.now()
    with transaction.atomic():
        approved = (
            type(content)
            ._default_manager.filter(pk=content.pk, held_at__isnull=False)
            .update(held_at=None, held_reason="", hidden_at=None, hidden_reason="")
        )
        if not approved:
            return False
        _count_in_thread(content, now)
        if flag.subject_id is not None:
            Membership.objects.filter(
                group=flag.group, member_id=flag.subject_id, trusted_at__isnull=True
            ).update(trusted_at=now)
        _close_review_flags(content, moderator, "approved", now)
        notify.post_approved(content)
        log_action(
            actor=moderator,
            group=flag.group,
            action="held_post_approved",
            target=content,
            reason=clean_text(reason).strip(),
            subject=flag.subject,
        )
    return True


def decline_held_post(*, moderator: User, flag: Flag, reason: str) -> bool:
    """Keep a held post from the group; its writer is told why, kindly.

    The post stays held (it was never approved) and is hidden with the reason,
    which its writer sees on it and in a message. Return whether it was held.
    """
    _check_moderator(moderator, flag.group)
    reason = clean_text(reason).strip()
    if not reason:
        raise ActionRefused(_("Say why, so the writer understands."))
    content = flag.content
    if content is None:
        raise ActionRefused(_("This post no longer exists."))
    now = timezone.now()
    with transaction.atomic():
        declined = (
            type(content)
            ._default_manager.filter(
                pk=content.pk, held_at__isnull=False, hidden_at__isnull=True
            )
            .update(hidden_at=now, hidden_reason=reason)
        )
        if not declined:
            return False
        _close_review_flags(content, moderator, "declined", now)
        if flag.subject is not None:
            notify.moderators_wrote(
                SupportMessage.objects.create(
                    group=flag.group,
                    recipient=flag.subject,
                    sender=moderator,
                    kind=SupportMessage.Kind.HIDDEN,
                    body=reason,
                    created_at=now,
                )
            )
        log_action(
            actor=moderator,
            group=flag.group,
            action="held_post_declined",
            target=content,
            reason=reason,
            subject=flag.subject,
        )
    return True


def add_word_filter(
    *, moderator: User, group: Group, phrase: str, action: str
) -> WordFilter:
    """Add a word or phrase to the group's filter: hold or flag posts that use it."""
    _check_moderator(moderator, group)
    phrase = " ".join(clean_text(phrase).split())
    if not phrase:
        raise ActionRefused(_("Write the word or phrase to look for."))
    if len(phrase) > WORD_FILTER_MAX_LENGTH:
        raise ActionRefused(
            _("Keep it to %(count)d characters or fewer.")
            % {"count": WORD_FILTER_MAX_LENGTH}
        )
    if action not in WordFilter.Action.values:
        raise ActionRefused(_("Choose what should happen to posts that use it."))
    with transaction.atomic():
        if WordFilter.objects.filter(group=group, phrase__iexact=phrase).exists():
            raise ActionRefused(_("That word or phrase is already on the list."))
        word_filter = WordFilter.objects.create(
            group=group,
            phrase=phrase,
            action=action,
            created_by=moderator,
            created_at=timezone.now(),
        )
        log_action(
            actor=moderator,
            group=group,
            action="word_filter_added",
            target=word_filter,
            reason=f"{phrase} ({action})",
        )
    return word_filter


def set_first_post_hold(*, changer: User, group: Group, holds: bool) -> bool:
    """Hold new members' first posts for approval, or stop; return if it changed.

    A group setting for its facilitators and moderators; logged.
    """
    membership = Membership.objects.filter(group=group, member=changer).first()
    if not can_manage_members(membership):
        raise ActionRefused(
            _("Only the group's facilitators and moderators can change this.")
        )
    with transaction.atomic():
        changed = (
            Group.objects.filter(pk=group.pk)
            .exclude(holds_first_posts=holds)
            .update(holds_first_posts=holds)
        )
        if changed:
            log_action(
                actor=changer,
                group=group,
                action="first_post_hold_on" if holds else "first_post_hold_off",
                target=group,
            )
    group.holds_first_posts = holds
    return bool(changed)


def remove_word_filter(*, moderator: User, word_filter: WordFilter) -> bool:
    """Take a word or phrase off the group's filter; return whether it was there."""
    group = word_filter.group
    _check_moderator(moderator, group)
    with transaction.atomic():
        removed, _rows = WordFilter.objects.filter(pk=word_filter.pk).delete()
        if removed:
            log_action(
                actor=moderator,
                group=group,
                action="word_filter_removed",
                target=word_filter,
                reason=f"{word_filter.phrase} ({word_filter.action})",
            )
    return bool(removed)


# ---------------------------------------------------------------------------
# Members' own tools: block and mute. Personal choices, not uses of power: they
# are not logged, and nothing the blocked or muted member can reach shows them.


def block_member(*, blocker: User, blocked: User) -> bool:
    """Block someone: their posts disappear for the blocker, and they can no longer
    reply to the blocker's threads. Never told to them. Return whether it is new.

    Blocking a moderator hides their ordinary posts; their messages as the
    group's moderators (support messages) still arrive.
    """
    if blocker.pk == blocked.pk:
        raise ActionRefused(_("You can't block yourself."))
    with transaction.atomic():
        _block, created = Block.objects.get_or_create(
            blocker=blocker, blocked=blocked, defaults={"created_at": timezone.now()}
        )
        notify.member_changed(blocker.pk)
    return created


def unblock_member(*, blocker: User, blocked: User) -> bool:
    """Undo a block; return whether there was one."""
    with transaction.atomic():
        removed, _rows = Block.objects.filter(blocker=blocker, blocked=blocked).delete()
        notify.member_changed(blocker.pk)
    return bool(removed)


def mute_member(*, member: User, muted: User) -> bool:
    """Fold someone's posts for the member, behind "show"; return whether it is new."""
    if member.pk == muted.pk:
        raise ActionRefused(_("You can't mute yourself."))
    _mute, created = Mute.objects.get_or_create(
        member=member, muted=muted, defaults={"created_at": timezone.now()}
    )
    return created


def unmute_member(*, member: User, muted: User) -> bool:
    removed, _rows = Mute.objects.filter(member=member, muted=muted).delete()
    return bool(removed)


def mute_thread(*, member: User, thread: "Thread") -> bool:
    """Keep a thread off the member's home page; return whether it is new."""
    _mute, created = Mute.objects.get_or_create(
        member=member, thread=thread, defaults={"created_at": timezone.now()}
    )
    return created


def unmute_thread(*, member: User, thread_id: int) -> bool:
    removed, _rows = Mute.objects.filter(member=member, thread_id=thread_id).delete()
    return bool(removed)


# ---------------------------------------------------------------------------
# Moderators' actions on content and members.
#
# The verbs on content live with the content, so moderation does not import the
# apps it looks after: threads.actions (hide_reply, restore_reply, lock_thread,
# unlock_thread, move_thread) and chat.actions (hide_chat_message,
# restore_chat_message) use the helpers below. The verbs on members live here.
# Each one needs a reason, checks its own permission and adds one log row in the
# transaction of its effect.

MUTE_PERIODS: dict[str, tuple[timedelta, Promise]] = {
    "hour": (timedelta(hours=1), _("1 hour")),
    "day": (timedelta(days=1), _("1 day")),
    "3days": (timedelta(days=3), _("3 days")),
    "week": (timedelta(weeks=1), _("1 week")),
}


def clean_reason(reason: str) -> str:
    """A moderator's reason, required for every action on content and members."""
    reason = clean_text(reason).strip()
    if not reason:
        raise ActionRefused(_("Say why. It goes in the log."))
    return reason


def check_moderator(moderator: User, group: Group) -> Membership:
    """The moderator's membership of the group; refused for anyone else."""
    membership = Membership.objects.filter(group=group, member=moderator).first()
    if membership is None or not can_moderate(membership):
        raise ActionRefused(_("Only the group's moderators can do this."))
    return membership


def check_not_theirs(moderator: User, author_id: int | None) -> None:
    """Refuse a moderator's action on what they wrote: as with an item they are a
    party to (queries.party_to), another moderator decides."""
    if author_id is not None and author_id == moderator.pk:
        raise ActionRefused(_("Another moderator has to decide about what you wrote."))


def in_their_time(member: User, moment: datetime) -> str:
    """A moment in words, in the member's own time zone (for what they are told)."""
    try:
        zone = zoneinfo.ZoneInfo(member.time_zone or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    with timezone.override(zone):
        return when_text(moment)


def tell_member(
    *,
    group: Group,
    member: User,
    sender: User,
    kind: str,
    body: str,
    link: str = "",
    link_text: str = "",
) -> SupportMessage:
    """A private message from the group's moderators, with a link where the member
    can do something about it (if any); call inside the action."""
    message = SupportMessage.objects.create(
        group=group,
        recipient=member,
        sender=sender,
        kind=kind,
        body=body,
        link=link,
        link_text=link_text,
        created_at=timezone.now(),
    )
    notify.moderators_wrote(message)
    return message


def muted_notice(until: datetime) -> str:
    return _(
        "The moderators have paused your posting in this group until %(time)s."
    ) % {"time": when_text(until)}


def check_not_muted(membership: Membership | None) -> None:
    """Refuse a thread, reply or chat message from a member who is muted."""
    until = membership.muted_until if membership is not None else None
    if until is not None and until > timezone.now():
        raise ActionRefused(muted_notice(until))


def flag_resubmitted_content(
    *, content: models.Model, group: Group, subject: User | None, outcome: Outcome
) -> Flag:
    """Ask the moderators to look again at hidden content its writer changed.

    One open item per piece of content; it takes the screening's severity when
    that is more pressing. Call inside the transaction that stores the change.
    """
    severity = min(
        Flag.Severity.OTHER,
        CRISIS_SEVERITY.get(outcome.crisis, Flag.Severity.OTHER),
    )
    content_type = ContentType.objects.get_for_model(content)
    open_flag = Flag.objects.filter(
        content_type=content_type,
        object_id=content.pk,
        source=Flag.Source.RESUBMITTED,
        resolved_at__isnull=True,
    ).first()
    if open_flag is not None:
        open_flag.severity = min(open_flag.severity, severity)
        open_flag.findings = outcome.to_findings()
        open_flag.save(update_fields=["severity", "findings"])
        return open_flag
    return Flag.objects.create(
        group=group,
        content_type=content_type,
        object_id=content.pk,
        subject=subject,
        severity=severity,
        source=Flag.Source.RESUBMITTED,
        findings=outcome.to_findings(),
        created_at=timezone.now(),
    )


def close_resubmissions(
    *, moderator: User, content: models.Model, resolution: str, reason: str = ""
) -> None:
    """Close the open "edited after it was hidden" items about the content, with
    the moderator's reason in the log."""
    open_flags = Flag.objects.filter(
        content_type=ContentType.objects.get_for_model(content),
        object_id=content.pk,
        source=Flag.Source.RESUBMITTED,
        resolved_at__isnull=True,
    ).select_related("group", "subject")
    for flag in open_flags:
        resolve_flag(
            moderator=moderator, flag=flag, resolution=resolution, reason=reason
        )


def _member_of(group: Group, member: User, moderator: User) -> Membership:
    if member.pk == moderator.pk:
        raise ActionRefused(_("You can't do this to yourself."))
    membership = Membership.objects.filter(group=group, member=member).first()
    if membership is None:
        raise ActionRefused(_("They're not a member of this group."))
    return membership


def warn_member(
    *, moderator: User, group: Group, member: User, reason: str
) -> SupportMessage:
    """Send a member the moderators' words as a warning, privately; logged."""
    check_moderator(moderator, group)
    _member_of(group, member, moderator)
    reason = clean_reason(reason)
    with transaction.atomic():
        message = tell_member(
            group=group,
            member=member,
            sender=moderator,
            kind=SupportMessage.Kind.WARNING,
            body=reason,
        )
        log_action(
            actor=moderator,
            group=group,
            action="member_warned",
            target=member,
            reason=reason,
            subject=member,
        )
    return message


def mute_member_in_group(
    *, moderator: User, group: Group, member: User, period: str, reason: str
) -> datetime:
    """Pause a member's threads, replies and chat messages in the group for a
    while (they still read and react); they are told until when and why."""
    check_moderator(moderator, group)
    membership = _member_of(group, member, moderator)
    if period not in MUTE_PERIODS:
        raise ActionRefused(_("Choose how long to pause their posting."))
    reason = clean_reason(reason)
    until = timezone.now() + MUTE_PERIODS[period][0]
    with transaction.atomic():
        Membership.objects.filter(pk=membership.pk).update(muted_until=until)
        tell_member(
            group=group,
            member=member,
            sender=moderator,
            kind=SupportMessage.Kind.ACTION,
            body=_(
                "The moderators have paused your posting in this group until "
                "%(time)s. You can still read and react. They said: %(reason)s"
            )
            % {"time": in_their_time(member, until), "reason": reason},
        )
        log_action(
            actor=moderator,
            group=group,
            action="member_muted",
            target=member,
            reason=f"{reason} ({MUTE_PERIODS[period][1]})",
            subject=member,
        )
    return until


def unmute_member_in_group(
    *, moderator: User, group: Group, member: User, reason: str
) -> bool:
    """Let a muted member post again now; return whether they were muted."""
    check_moderator(moderator, group)
    membership = _member_of(group, member, moderator)
    reason = clean_reason(reason)
    if not is_muted(membership, timezone.now()):
        return False
    with transaction.atomic():
        Membership.objects.filter(pk=membership.pk).update(muted_until=None)
        tell_member(
            group=group,
            member=member,
            sender=moderator,
            kind=SupportMessage.Kind.ACTION,
            body=str(_("You can post in this group again.")),
        )
        log_action(
            actor=moderator,
            group=group,
            action="member_unmuted",
            target=member,
            reason=reason,
            subject=member,
        )
    return True


def remove_member(*, moderator: User, group: Group, member: User, reason: str) -> bool:
    """Remove someone from the group with a reason; their live connections close
    and they are told why. Return whether they were a member."""
    check_moderator(moderator, group)
    _member_of(group, member, moderator)
    reason = clean_reason(reason)
    with transaction.atomic():
        removed = group_actions.remove_member(
            remover=moderator, group=group, member=member
        )
        if not removed:
            return False
        tell_member(
            group=group,
            member=member,
            sender=moderator,
            kind=SupportMessage.Kind.ACTION,
            body=_(
                "The moderators have removed you from %(group)s. They said: %(reason)s"
            )
            % {"group": group.name, "reason": reason},
        )
        log_action(
            actor=moderator,
            group=group,
            action="member_removed",
            target=member,
            reason=reason,
            subject=member,
        )
    return True


def _check_admin(admin: User, member: User) -> None:
    if not admin.is_staff:
        raise ActionRefused(_("Only the site's admins can do this."))
    if member.pk == admin.pk:
        raise ActionRefused(_("You can't do this to yourself."))


def suspend_member(*, admin: User, member: User, until: datetime, reason: str) -> None:
    """Suspend a member from the whole site until a moment (site admins only).

    They are signed out everywhere at once, their live connections close, and
    they cannot sign in again until then.
    """
    _check_admin(admin, member)
    reason = clean_reason(reason)
    if until <= timezone.now():
        raise ActionRefused(_("Choose an end date in the future."))
    group_ids = list(
        Membership.objects.filter(member=member).values_list("group_id", flat=True)
    )
    with transaction.atomic():
        User.objects.filter(pk=member.pk).update(suspended_until=until)
        end_sessions(member)
        for group_id in group_ids:
            revoke_room_access(group_id, member.pk)
        log_action(
            actor=admin,
            group=None,
            action="member_suspended",
            target=member,
            reason=f"{reason} (until {until.isoformat()})",
            subject=member,
        )
    member.suspended_until = until


def unsuspend_member(*, admin: User, member: User, reason: str) -> bool:
    """Lift a suspension now; return whether the member was suspended."""
    _check_admin(admin, member)
    reason = clean_reason(reason)
    with transaction.atomic():
        lifted = User.objects.filter(
            pk=member.pk, suspended_until__gt=timezone.now()
        ).update(suspended_until=None)
        if not lifted:
            return False
        log_action(
            actor=admin,
            group=None,
            action="member_unsuspended",
            target=member,
            reason=reason,
            subject=member,
        )
    member.suspended_until = None
    return True


# ---------------------------------------------------------------------------
# Member reports, who is handling an item, and the moderator's own pace

REPORT_SEVERITY = {
    Report.Reason.WORRIED: Flag.Severity.CONCERN,
    Report.Reason.HARASSMENT: Flag.Severity.HARASSMENT,
    Report.Reason.PRIVACY: Flag.Severity.PRIVACY,
    Report.Reason.MISINFORMATION: Flag.Severity.MISINFORMATION,
    Report.Reason.SPAM: Flag.Severity.SPAM,
    Report.Reason.OTHER: Flag.Severity.OTHER,
}
REPORTS_PER_HOUR = 20
REPORT_NOTE_MAX_LENGTH = 1000
WORRIED_MESSAGE_EVERY = timedelta(days=1)
BREAK_AFTER_RANGE = (1, 200)


@dataclass(frozen=True)
class Reported:
    report: Report
    flag: Flag
    is_new: bool


def _content_group(content: models.Model) -> Group | None:
    """The group of a reply (through its thread) or of a chat message."""
    group = getattr(content, "group", None)
    thread = getattr(content, "thread", None)
    if group is None and thread is not None:
        if getattr(thread, "deleted_at", None) is not None:
            return None
        group = getattr(thread, "group", None)
    return group if isinstance(group, Group) else None


def _is_still_shown(content: models.Model) -> bool:
    return all(
        getattr(content, name, None) is None
        for name in ("deleted_at", "hidden_at", "held_at")
    )


def _report_place(
    reporter: User, content: models.Model, group: Group | None = None
) -> tuple[Group, User | None]:
    """Where a report goes and whom it is about; refused unless the reporter can
    see the content. A profile goes to the first group (by name) both share."""
    if isinstance(content, User):
        if content.pk == reporter.pk:
            raise ActionRefused(
                _("This is your own profile, so there's nothing to report.")
            )
        shared = (
            Group.objects.filter(memberships__member=reporter)
            .filter(memberships__member=content)
            .order_by("name", "pk")
            .first()
        )
        if shared is None or not content.is_active:
            raise ActionRefused(
                _("You can only report people who share a group with you.")
            )
        return shared, content
    group = group or _content_group(content)
    if group is None or not _is_still_shown(content):
        raise ActionRefused(
            _("This isn't there any more, so there's nothing to report.")
        )
    if not Membership.objects.filter(group=group, member=reporter).exists():
        raise ActionRefused(_("Join this group to report what's written in it."))
    author = getattr(content, "author", None)
    if isinstance(author, User) and author.pk == reporter.pk:
        raise ActionRefused(_("You wrote this, so there's nothing to report."))
    return group, author if isinstance(author, User) else None


def _reporting_too_fast(reporter: User) -> bool:
    """At most REPORTS_PER_HOUR reports an hour from one member, counted in the
    cache."""
    key = f"report-rate:{reporter.pk}"
    if cache.add(key, 1, timeout=3600):
        return False
    try:
        return cache.incr(key) > REPORTS_PER_HOUR
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=3600)
        return False


def _open_report_flag(
    *, group: Group, content: models.Model, subject: User | None, now: datetime
) -> Flag:
    """The open report flag on this content, made if there is none."""
    place = {
        "group": group,
        "content_type": ContentType.objects.get_for_model(content),
        "object_id": content.pk,
        "source": Flag.Source.REPORT,
        "resolved_at__isnull": True,
    }
    flag = Flag.objects.filter(**place).first()
    if flag is not None:
        return flag
    try:
        with transaction.atomic():
            return Flag.objects.create(
                group=group,
                content_type=place["content_type"],
                object_id=content.pk,
                subject=subject,
                severity=Flag.Severity.OTHER,
                source=Flag.Source.REPORT,
                created_at=now,
            )
    except IntegrityError:  # reported by someone else at the same moment
        return Flag.objects.get(**place)


def report_content(
    *,
    reporter: User,
    content: models.Model,
    reason: str,
    note: str = "",
    group: Group | None = None,
) -> Reported:
    """Record a member's report on a reply, chat message or profile they can see.

    `group` is for content that belongs to no group, such as a private message
    (privacy.actions.report_private_message): the caller names a group that the
    reporter and the writer share, and its moderators receive the report.

    Reports on the same content gather under one open flag, whose severity is the
    most severe of their reasons; the same reporter is stored once. Nothing is
    hidden. "I'm worried about this person" also sends the person a caring private
    message with ways to get help, at most once a day, never naming the reporter.
    """
    if reason not in REPORT_SEVERITY:
        raise ActionRefused(_("Choose what's wrong."))
    note = clean_text(note).strip()
    if reason == Report.Reason.OTHER and not note:
        raise ActionRefused(_("Tell the moderators a little about what's wrong."))
    if len(note) > REPORT_NOTE_MAX_LENGTH:
        raise ActionRefused(_("Keep the details to 1,000 characters or fewer."))
    group, subject = _report_place(reporter, content, group)
    if _reporting_too_fast(reporter):
        raise ActionRefused(
            _(
                "You've sent a lot of reports in the last hour. Thank you for looking "
                "out for people. Please try again a little later."
            )
        )
    now = timezone.now()
    severity = REPORT_SEVERITY[Report.Reason(reason)]
    with transaction.atomic():
        flag = _open_report_flag(group=group, content=content, subject=subject, now=now)
        existing = Report.objects.filter(flag=flag, reporter=reporter).first()
        if existing is not None:
            return Reported(existing, flag, is_new=False)
        try:
            with transaction.atomic():
                report = Report.objects.create(
                    flag=flag,
                    reporter=reporter,
                    reason=reason,
                    note=note,
                    created_at=now,
                )
        except IntegrityError:  # the same report sent twice at once
            existing = Report.objects.get(flag=flag, reporter=reporter)
            return Reported(existing, flag, is_new=False)
        if severity < flag.severity:
            Flag.objects.filter(pk=flag.pk, severity__gt=severity).update(
                severity=severity
            )
            flag.severity = severity
        if reason == Report.Reason.WORRIED and subject is not None:
            _send_worried_message(member=subject, group=group, now=now)
    return Reported(report, flag, is_new=True)


def worried_message_body(member: User) -> str:
    """The caring message "I'm worried about this person" sends, in the member's
    language, with up to three lines for their country and the help page."""
    support = support_for(member.country)
    with translation.override(member.language or None):
        lines = []
        for line in support.lines:
            ways = []
            if line.phone:
                ways.append(_("call %(number)s") % {"number": line.phone})
            if line.text_number:
                ways.append(
                    (
                        _("text %(word)s to %(number)s")
                        if line.text_word
                        else _("text %(number)s")
                    )
                    % {"word": line.text_word, "number": line.text_number}
                )
            if line.chat_url:
                ways.append(_("chat online at %(url)s") % {"url": line.chat_url})
            how = ", ".join(str(way) for way in ways) or line.url
            lines.append(f"• {line.name}: {how} ({line.hours}, {line.cost})")
        parts = [
            str(
                _(
                    "Someone in your group is thinking of you and wanted to check "
                    "you're okay. You don't have to reply, and nothing you wrote has "
                    "been taken down."
                )
            ),
            str(
                _(
                    "If things feel heavy right now, you don't have to hold them on "
                    "your own. These lines are there to listen:"
                )
            )
            + ("\n" + "\n".join(lines) if lines else ""),
        ]
        if support.emergency:
            parts.append(
                str(
                    _("If you're in danger right now, please call %(number)s.")
                    % {"number": support.emergency}
                )
            )
        parts.append(
            str(
                _(
                    "More support where you live: “Get help now”, at the top of every "
                    "page (%(url)s)."
                )
                % {"url": reverse("safety:help")}
            )
        )
    return "\n\n".join(parts)


def _send_worried_message(
    *, member: User, group: Group, now: datetime
) -> SupportMessage | None:
    """At most one a day per member, however many people are worried."""
    recent = SupportMessage.objects.filter(
        recipient=member,
        kind=SupportMessage.Kind.WORRIED,
        created_at__gt=now - WORRIED_MESSAGE_EVERY,
    )
    if recent.exists():
        return None
    message = SupportMessage.objects.create(
        group=group,
        recipient=member,
        sender=None,
        kind=SupportMessage.Kind.WORRIED,
        body=worried_message_body(member),
        created_at=now,
    )
    notify.moderators_wrote(message)
    return message


def dismiss_report(*, moderator: User, flag: Flag, reason: str = "") -> bool:
    """Close a member report with nothing to do; return whether it was open."""
    if flag.source != Flag.Source.REPORT:
        raise ActionRefused(
            _("Only member reports can be dismissed. Use “Leave it up” for this one.")
        )
    return resolve_flag(
        moderator=moderator, flag=flag, resolution="dismissed", reason=reason
    )


def claim_flag(*, moderator: User, flag: Flag) -> bool:
    """Say "I'm on it", so two moderators don't answer the same person.

    Refused while someone else has the item; returns False if it was already
    the moderator's own.
    """
    _check_moderator(moderator, flag.group)
    now = timezone.now()
    with transaction.atomic():
        claimed = Flag.objects.filter(
            pk=flag.pk, resolved_at__isnull=True, claimed_by__isnull=True
        ).update(claimed_by=moderator, claimed_at=now)
        if claimed:
            log_action(
                actor=moderator, group=flag.group, action="flag_claimed", target=flag
            )
    if not claimed:
        current = Flag.objects.select_related("claimed_by").get(pk=flag.pk)
        if current.resolved_at is not None:
            raise ActionRefused(_("This item is already closed."))
        if current.claimed_by_id == moderator.pk:
            return False
        name = current.claimed_by.public_name if current.claimed_by else ""
        raise ActionRefused(
            _("%(name)s is already looking at this one. Ask them, or choose another.")
            % {"name": name}
        )
    flag.claimed_by, flag.claimed_at = moderator, now
    return True


def release_flag(*, moderator: User, flag: Flag) -> bool:
    """Hand an item back to the team; only the moderator who has it can."""
    _check_moderator(moderator, flag.group)
    with transaction.atomic():
        released = Flag.objects.filter(pk=flag.pk, claimed_by=moderator).update(
            claimed_by=None, claimed_at=None
        )
        if released:
            log_action(
                actor=moderator, group=flag.group, action="flag_released", target=flag
            )
    if not released:
        current = Flag.objects.select_related("claimed_by").get(pk=flag.pk)
        if current.claimed_by is not None:
            raise ActionRefused(
                _("%(name)s is looking at this one; only they can hand it back.")
                % {"name": current.claimed_by.public_name}
            )
        return False
    flag.claimed_by, flag.claimed_at = None, None
    return True


def step_away(*, moderator: User, group: Group) -> int:
    """Hand every item the moderator has in the group back to the team, for a break;
    return how many went back."""
    _check_moderator(moderator, group)
    with transaction.atomic():
        released = Flag.objects.filter(
            group=group, claimed_by=moderator, resolved_at__isnull=True
        ).update(claimed_by=None, claimed_at=None)
        if released:
            log_action(
                actor=moderator,
                group=group,
                action="flags_released_for_a_break",
                reason=str(released),
            )
    return released


def set_break_after(*, moderator: User, count: int) -> ModeratorPreference:
    """The moderator's own choice: after how many distressing items a day the queue
    suggests a break."""
    low, high = BREAK_AFTER_RANGE
    if not low <= count <= high:
        raise ActionRefused(
            _("Choose a number from %(low)d to %(high)d.") % {"low": low, "high": high}
        )
    preference, _created = ModeratorPreference.objects.update_or_create(
        moderator=moderator, defaults={"break_after": count}
    )
    return preference


def move_open_flags(
    *, content_type: ContentType, object_ids: Iterable[int] | QuerySet[Any], to: Group
) -> int:
    """Open flags about moved content follow it to its new group."""
    return Flag.objects.filter(
        content_type=content_type, object_id__in=object_ids, resolved_at__isnull=True
    ).update(group=to)
