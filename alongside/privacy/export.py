"""A member's copy of their data (GDPR Articles 15 and 20).

`build_export(member)` returns a ZIP with two files made from the same data:

- `alongside-export.json`, for machines: one object whose keys are the sections
  below (each described in the file itself, under "about"); every time is ISO 8601
  in UTC ("2026-02-20T12:00:00Z").
- `index.html`, for people: the same, readable in any browser, with nothing
  fetched from anywhere and no scripts.

Everything the member wrote is in it, anonymous posts and hidden ones included, and
both sides of their private conversations (the other person by their display name
only). Of other people it holds nothing private: not their posts or messages to
others, not who reported or blocked the member, not which moderator did something
("a moderator"), not who reviewed what they shared or checked their registration,
not who else found a resource helpful, not the reports about private messages
the member sent (only the recipient can report one, so a report or a moderator's
reading of it would name them); content the member reported, reacted to,
follows or was notified about appears only as a reference (its kind, number and
address on the site), and a resource they found helpful by its title only while
they may still see it. Open connections to a room (chat.Presence) are left out:
they last only while a page is open.

Each kind of data costs one query (two for posts, with their earlier versions;
three for resources, with their tags and groups), however much of it there is;
the settings kept in one row each (privacy, calendar, balance, email, moderator
pace, professional details) come with the member in a single read
(`with_settings`). `build_export_task(export_id)` builds a requested export in
the background and stores it in the "exports" storage.
"""

import io
import json
import logging
import secrets
import zipfile
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import TruncDate
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alongside.accounts.models import User
from alongside.accounts.sessions import ADDRESS_NOT_KEPT
from alongside.chat.models import ChatMessage, RoomMute
from alongside.groups.models import Group, Invitation, JoinRequest, Membership
from alongside.meetings.models import RSVP
from alongside.moderation.models import (
    Block,
    ContextNote,
    Flag,
    ModerationLog,
    ModeratorPreference,
    Mute,
    Report,
    SupportMessage,
)
from alongside.notifications.models import (
    EmailChoice,
    Follow,
    GroupLevel,
    Notification,
)
from alongside.resources.models import Credential, Helped, Resource
from alongside.resources.queries import resources_visible_to
from alongside.threads.models import Reaction, Reply, ReplyRevision, Thread
from alongside.wellbeing.models import (
    ActiveSlot,
    CheckBack,
    CheckIn,
    Limits,
    SupportContact,
)
from alongside.wellbeing.sealed import contact_context, note_context
from alongside.wellbeing.sealed import open_text as open_sealed
from alongside.wellbeing.time import slot_seconds, zone_of

from .models import DataExport, PrivacyPreference, PrivateMessage
from .queries import former_member, open_text

logger = logging.getLogger("alongside.privacy")

FORMAT_VERSION = 1
JSON_NAME = "alongside-export.json"
HTML_NAME = "index.html"

Data = dict[str, Any]

# Kinds of content, as the references in the file name them.
KINDS = {
    "reply": "post",
    "thread": "thread",
    "chatmessage": "chat message",
    "user": "profile",
    "privatemessage": "private message",
    "resource": "library resource",
}


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _kind(model: str | None) -> str | None:
    return KINDS.get(model or "", model)


def _group(group: Group | None) -> str | None:
    return group.name if group is not None else None


# ---------------------------------------------------------------------------
# Each section: one read (two for posts), whatever its size


def profile(member: User) -> Data:
    return {
        "username": member.username,
        "display_name": member.display_name,
        "pronouns": member.pronouns,
        "bio": member.bio,
        "country": member.country,
        "country_name": member.country_name,
        "time_zone": member.time_zone,
        "language": member.language,
        "email": member.email,
        "joined_at": _iso(member.date_joined),
        "last_signed_in_at": _iso(member.last_login),
        "suspended_until": _iso(member.suspended_until),
    }


def account(member: User) -> Data:
    emails = EmailAddress.objects.filter(user=member).order_by("pk")
    factors = Authenticator.objects.filter(user=member).order_by("pk")
    sign_ins = UserSession.objects.filter(user=member).order_by("created_at", "pk")
    return {
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in emails
        ],
        # What kind, and when: never the secrets or the recovery codes.
        "second_factors": [
            {
                "kind": f.type,
                "added_at": _iso(f.created_at),
                "last_used_at": _iso(f.last_used_at),
            }
            for f in factors.only("type", "created_at", "last_used_at")
        ],
        "signed_in_devices": [
            {
                "signed_in_at": _iso(s.created_at),
                "last_seen_at": _iso(s.last_seen_at),
                "internet_address": None if s.ip == ADDRESS_NOT_KEPT else s.ip,
                "browser": s.user_agent,
            }
            for s in sign_ins.only("created_at", "last_seen_at", "ip", "user_agent")
        ],
    }


def _first(model: type[Any], column: str, field: str) -> Subquery:
    rows = model.objects.filter(**{column: OuterRef("pk")}).values(field)
    return Subquery(rows[:1])


def with_settings(member: User) -> User:
    """The member with their one-row settings, in one read: the privacy, calendar,
    balance and professional rows joined; the moderator and email ones, whose rows
    keep no link back to the member, as values beside it."""
    return (
        User.objects.select_related(
            "privacy_preference", "calendar_feed", "limits", "credential"
        )
        .annotate(
            moderator_break_after=_first(
                ModeratorPreference, "moderator", "break_after"
            ),
            email_mode=_first(EmailChoice, "member", "mode"),
            email_include_details=_first(EmailChoice, "member", "include_details"),
            email_last_sent_at=_first(EmailChoice, "member", "last_sent_at"),
        )
        .get(pk=member.pk)
    )


def _own(member: User, name: str) -> Any:
    """The member's row in a one-to-one setting, or None (no query once
    `with_settings` has read it)."""
    try:
        return getattr(member, name)
    except AttributeError:  # the related model's DoesNotExist is one
        return None


def _setting(member: User, name: str) -> Any:
    """A value `with_settings` reads beside the member (a plain member reads it
    all again)."""
    if not hasattr(member, name):
        member = with_settings(member)
    return getattr(member, name)


def privacy_choices(member: User) -> Data:
    preference = _own(member, "privacy_preference")
    feed = _own(member, "calendar_feed")
    messages_from = (
        preference.messages_from
        if preference is not None
        else PrivacyPreference.MessagesFrom.LEADERS
    )
    return {
        "private_messages_from": messages_from,
        "private_messages_from_label": str(
            PrivacyPreference.MessagesFrom(messages_from).label
        ),
        "private_messages_choice_made_at": _iso(
            preference.updated_at if preference else None
        ),
        # The calendar address's secret is left out: it works like a password.
        "calendar_feed": (
            {"shows_names": feed.shows_names, "made_at": _iso(feed.created_at)}
            if feed is not None
            else None
        ),
        "moderator_break_after": _setting(member, "moderator_break_after"),
    }


def memberships(member: User) -> list[Data]:
    # A host's pause on the member's messages in the group's room (whose key is
    # the group's) comes along in the same read.
    paused = RoomMute.objects.filter(room_id=OuterRef("group_id"), member=member)
    rows = (
        Membership.objects.filter(member=member)
        .select_related("group")
        .annotate(paused_since=Subquery(paused.values("created_at")[:1]))
    )
    return [
        {
            "group": m.group.name,
            "group_address": m.group.get_absolute_url(),
            "role": m.role,
            "role_label": str(m.get_role_display()),
            "joined_at": _iso(m.joined_at),
            "trusted_at": _iso(m.trusted_at),
            "muted_until": _iso(m.muted_until),
            "room_messages_paused_since": _iso(m.paused_since),
        }
        for m in rows.order_by("joined_at", "pk")
    ]


def join_requests(member: User) -> list[Data]:
    rows = JoinRequest.objects.filter(member=member).select_related("group")
    return [
        {
            "group": r.group.name,
            "answer": r.answer,
            "status": r.status,
            "asked_at": _iso(r.created_at),
            "decided_at": _iso(r.decided_at),
        }
        for r in rows.order_by("created_at", "pk")
    ]


def invitations(member: User) -> list[Data]:
    rows = Invitation.objects.filter(invitee=member).select_related("group")
    return [
        {
            "group": i.group.name,
            "status": i.status,
            "invited_at": _iso(i.created_at),
            "answered_at": _iso(i.responded_at),
        }
        for i in rows.order_by("created_at", "pk")
    ]


def threads(member: User) -> list[Data]:
    rows = Thread.objects.filter(author=member).select_related("group")
    return [
        {
            "thread_id": t.pk,
            "group": t.group.name,
            "title": t.title,
            "anonymous": t.is_anonymous,
            "address": t.get_absolute_url(),
            "started_at": _iso(t.created_at),
            "locked_at": _iso(t.locked_at),
            "deleted_at": _iso(t.deleted_at),
        }
        for t in rows.order_by("created_at", "pk")
    ]


def posts(member: User) -> list[Data]:
    revisions = ReplyRevision.objects.order_by("written_at", "pk")
    rows = (
        Reply.objects.filter(author=member)
        .select_related("thread__group")
        .prefetch_related(Prefetch("revisions", queryset=revisions))
        .order_by("created_at", "pk")
    )
    return [
        {
            "post_id": r.pk,
            "thread_id": r.thread_id,
            "group": r.thread.group.name,
            "opens_thread": r.is_opening,
            "anonymous": r.is_anonymous,
            "content_note": r.content_warning,
            "body_markdown": r.body,
            "address": r.get_absolute_url(),
            "written_at": _iso(r.created_at),
            "edited_at": _iso(r.edited_at),
            "deleted_at": _iso(r.deleted_at),
            "hidden_at": _iso(r.hidden_at),
            "hidden_reason": r.hidden_reason,
            "held_at": _iso(r.held_at),
            "held_reason": r.held_reason,
            "safety_findings": r.findings,
            "earlier_versions": [
                {
                    "content_note": v.content_warning,
                    "body_markdown": v.body,
                    "written_at": _iso(v.written_at),
                    "replaced_at": _iso(v.replaced_at),
                }
                for v in r.revisions.all()
            ],
        }
        for r in rows
    ]


def reactions(member: User) -> list[Data]:
    rows = Reaction.objects.filter(member=member).select_related("reply__thread__group")
    return [
        {
            "reaction": r.kind,
            "reaction_label": str(r.get_kind_display()),
            "post_id": r.reply_id,
            "group": r.reply.thread.group.name,
            "address": r.reply.get_absolute_url(),
            "sent_at": _iso(r.created_at),
        }
        for r in rows.order_by("created_at", "pk")
    ]


def chat_messages(member: User) -> list[Data]:
    rows = ChatMessage.objects.filter(author=member).select_related("group")
    return [
        {
            "group": m.group.name,
            "number": m.seq,
            "body_markdown": m.body,
            "sent_at": _iso(m.created_at),
            "hidden_at": _iso(m.hidden_at),
            "hidden_reason": m.hidden_reason,
            "safety_findings": m.findings,
        }
        for m in rows.order_by("created_at", "pk")
    ]


def private_messages(member: User) -> list[Data]:
    rows = (
        PrivateMessage.objects.filter(
            Q(conversation__first=member) | Q(conversation__second=member)
        )
        .select_related("conversation__first", "conversation__second")
        .order_by("conversation_id", "created_at", "pk")
    )
    found = []
    for message in rows:
        conversation = message.conversation
        other = (
            conversation.second
            if conversation.first_id == member.pk
            else conversation.first
        )
        body = open_text(message, "body")
        found.append(
            {
                "conversation_id": conversation.pk,
                "with": other.public_name if other is not None else former_member(),
                "direction": "sent" if message.author_id == member.pk else "received",
                "body_markdown": body,
                "could_not_open": body is None,
                "sent_at": _iso(message.created_at),
            }
        )
    return found


def meeting_answers(member: User) -> list[Data]:
    rows = RSVP.objects.filter(member=member).select_related("meeting__group")
    return [
        {
            "meeting_id": r.meeting_id,
            "meeting": r.meeting.title,
            "group": r.meeting.group.name,
            "meeting_starts_at": _iso(r.occurrence_at),
            "answer": r.answer,
            "answer_label": str(r.get_answer_display()),
            "answered_at": _iso(r.answered_at),
        }
        for r in rows.order_by("occurrence_at", "pk")
    ]


def reports_made(member: User) -> list[Data]:
    rows = Report.objects.filter(reporter=member).select_related(
        "flag__group", "flag__content_type"
    )
    return [
        {
            "group": r.flag.group.name,
            "about_kind": _kind(r.flag.content_type.model),
            "about_id": r.flag.object_id,
            "reason": r.reason,
            "reason_label": str(r.get_reason_display()),
            "note": r.note,
            "reported_at": _iso(r.created_at),
            "closed_at": _iso(r.flag.resolved_at),
        }
        for r in rows.order_by("created_at", "pk")
    ]


# A private message can be reported only by its recipient, so a flag about one,
# and the moderators' reading or closing of it, would tell its sender who
# reported them: left out of the sender's copy (the recipient's lists the report).
PRIVATE_MESSAGE = {"app_label": "privacy", "model": "privatemessage"}


def _about_private_message(content_type: str) -> Q:
    return Q(
        **{f"{content_type}__{key}": value for key, value in PRIVATE_MESSAGE.items()}
    )


def moderation_about_you(member: User) -> list[Data]:
    flags_about_messages = Flag.objects.filter(
        _about_private_message("content_type"), pk=OuterRef("target_id")
    )
    rows = (
        ModerationLog.objects.filter(subject=member)
        .exclude(_about_private_message("target_type"))
        .exclude(
            Q(target_type__app_label="moderation", target_type__model="flag")
            & Q(Exists(flags_about_messages))
        )
        .select_related("group", "target_type")
    )
    return [
        {
            "action": row.action,
            "group": _group(row.group),
            "about_kind": _kind(row.target_type.model if row.target_type else None),
            "about_id": row.target_id,
            "reason": row.reason,
            # Which moderator is their own information, not the member's.
            "by": "you" if row.actor_id == member.pk else "a moderator",
            "done_at": _iso(row.created_at),
        }
        for row in rows.order_by("created_at", "pk")
    ]


def safety_flags_about_you(member: User) -> list[Data]:
    rows = (
        Flag.objects.filter(subject=member)
        .exclude(_about_private_message("content_type"))
        .select_related("group", "content_type")
    )
    return [
        {
            "group": f.group.name,
            "about_kind": _kind(f.content_type.model),
            "about_id": f.object_id,
            "severity": str(f.get_severity_display()),
            "source": str(f.get_source_display()),
            "findings": f.findings,
            "raised_at": _iso(f.created_at),
            "resolved_at": _iso(f.resolved_at),
            "resolution": f.resolution,
        }
        for f in rows.order_by("created_at", "pk")
    ]


def messages_from_moderators(member: User) -> list[Data]:
    rows = SupportMessage.objects.filter(recipient=member).select_related("group")
    return [
        {
            "group": m.group.name,
            "from": f"the moderators of {m.group.name}",
            "kind": m.kind,
            "kind_label": str(m.get_kind_display()),
            "body": m.body,
            "sent_at": _iso(m.created_at),
            "read_at": _iso(m.read_at),
        }
        for m in rows.order_by("created_at", "pk")
    ]


def blocks_and_mutes(member: User) -> Data:
    blocks = Block.objects.filter(blocker=member).select_related("blocked")
    mutes = Mute.objects.filter(member=member).select_related("muted")
    return {
        "blocked": [
            {"member": b.blocked.public_name, "since": _iso(b.created_at)}
            for b in blocks.order_by("created_at", "pk")
        ],
        "muted": [
            {
                "member": m.muted.public_name if m.muted else None,
                "thread_id": m.thread_id,
                "since": _iso(m.created_at),
            }
            for m in mutes.order_by("created_at", "pk")
        ],
    }


def context_notes(member: User) -> list[Data]:
    rows = ContextNote.objects.filter(author=member).select_related("content_type")
    return [
        {
            "about_kind": _kind(n.content_type.model),
            "about_id": n.object_id,
            "body_markdown": n.body,
            "sources": n.sources,
            "written_at": _iso(n.created_at),
            "withdrawn_at": _iso(n.withdrawn_at),
        }
        for n in rows.order_by("created_at", "pk")
    ]


def checkins(member: User) -> list[Data]:
    rows = CheckIn.objects.filter(member=member).order_by("created_at", "pk")
    found = []
    for checkin in rows:
        note = open_sealed(checkin.sealed_note, context=note_context(checkin.pk))
        found.append(
            {
                "mood": checkin.mood,
                "mood_label": str(CheckIn.Mood(checkin.mood).label),
                "note": note,
                "could_not_open": note is None,
                "connected_offline": checkin.connected_offline,
                "checked_in_at": _iso(checkin.created_at),
            }
        )
    return found


def support_contacts(member: User) -> list[Data]:
    rows = SupportContact.objects.filter(member=member).order_by("created_at", "pk")
    found = []
    for contact in rows:
        name = open_sealed(
            contact.sealed_name, context=contact_context(contact.pk, "name")
        )
        how = open_sealed(
            contact.sealed_how, context=contact_context(contact.pk, "how")
        )
        found.append(
            {
                "kind": contact.kind,
                "kind_label": str(SupportContact.Kind(contact.kind).label),
                "name": name,
                "how_to_reach": how,
                "could_not_open": name is None or how is None,
                "added_at": _iso(contact.created_at),
            }
        )
    return found


def _clock(moment: Any) -> str | None:
    return moment.strftime("%H:%M") if moment is not None else None


def balance_choices(member: User) -> Data:
    limits = _own(member, "limits")
    if limits is None:
        limits = Limits(member=member)  # nothing chosen yet: the defaults
    return {
        "daily_reminder_minutes": limits.daily_minutes,
        "break_reminder_minutes": limits.break_after_minutes,
        "quiet_hours_from": _clock(limits.quiet_from),
        "quiet_hours_until": _clock(limits.quiet_until),
        "suggest_support": limits.suggest_support,
        "daily_reminder_waved_off_on": (
            limits.limit_dismissed_on.isoformat() if limits.limit_dismissed_on else None
        ),
        "break_waved_off_at": _iso(limits.break_dismissed_at),
    }


def check_backs(member: User) -> list[Data]:
    rows = CheckBack.objects.filter(member=member).order_by("answered_at", "pk")
    return [
        {
            "answer": row.answer,
            "answer_label": str(CheckBack.Answer(row.answer).label),
            "answered_at": _iso(row.answered_at),
        }
        for row in rows
    ]


def activity_per_day(member: User) -> list[Data]:
    zone = zone_of(member)
    slot = slot_seconds()
    rows = (
        ActiveSlot.objects.filter(member=member)
        .annotate(day=TruncDate("started_at", tzinfo=zone))
        .values("day")
        .annotate(slots=Count("pk"))
        .order_by("day")
    )
    return [
        {
            "day": row["day"].isoformat(),
            "time_zone": str(zone),
            "active_slots": row["slots"],
            "minutes": round(row["slots"] * slot / 60),
        }
        for row in rows
    ]


def library_resources(member: User) -> list[Data]:
    rows = (
        Resource.objects.filter(author=member)
        .prefetch_related("tags", "groups")
        .order_by("created_at", "pk")
    )
    return [
        {
            "resource_id": r.pk,
            "title": r.title,
            "kind": r.kind,
            "kind_label": str(r.get_kind_display()),
            "summary_markdown": r.summary,
            "sources": r.sources,
            "tags": [tag.name for tag in r.tags.all()],
            "groups": sorted(group.name for group in r.groups.all()),
            "address": r.get_absolute_url(),
            "shared_at": _iso(r.created_at),
            "taken_down_at": _iso(r.removed_at),
            "people_it_helped": r.helped_count,
            "safety_findings": r.findings,
            # The review as every reader sees it; who reviewed it is theirs.
            "review": r.review_state,
            "review_label": str(r.get_review_state_display()),
            "reviewed_at": _iso(r.reviewed_at),
            "review_note": r.review_note,
        }
        for r in rows
    ]


def helped_marks(member: User) -> list[Data]:
    may_see = resources_visible_to(member).filter(pk=OuterRef("resource_id"))
    rows = (
        Helped.objects.filter(member=member)
        .annotate(may_see=Exists(may_see), title=F("resource__title"))
        .order_by("created_at", "pk")
    )
    return [
        {
            "resource_id": h.resource_id,
            # Often someone else's: named only while the member may still see it.
            "title": h.title if h.may_see else None,
            "address": reverse("resources:detail", args=[h.resource_id]),
            "marked_at": _iso(h.created_at),
        }
        for h in rows
    ]


def professional_details(member: User) -> Data | None:
    credential: Credential | None = _own(member, "credential")
    if credential is None:
        return None
    last_day = credential.last_day
    return {
        "profession": credential.profession,
        "registration_number": credential.registration_number,
        "issuing_body": credential.issuing_body,
        "country": credential.country,
        "country_name": credential.country_name,
        "conflicts_of_interest": credential.conflicts,
        "status": credential.status,
        "status_label": str(credential.get_status_display()),
        "applied_at": _iso(credential.applied_at),
        # How the register was checked; which admin checked it is theirs.
        "checked_at": _iso(credential.verified_at),
        "how_it_was_checked": credential.verification_method,
        "badge_shows_until": last_day.isoformat() if last_day else None,
        "decided_at": _iso(credential.decided_at),
        "decision_reason": credential.decision_reason,
    }


def _notification_address(notification: Notification) -> str | None:
    if notification.thread_id is None:
        return None
    address = reverse("threads:detail", args=[notification.thread_id])
    if notification.reply_id is not None:
        address += f"#reply-{notification.reply_id}"
    return address


def notifications(member: User) -> list[Data]:
    rows = Notification.objects.filter(recipient=member).select_related("group")
    return [
        {
            "kind": n.kind,
            "kind_label": str(n.get_kind_display()),
            "group": _group(n.group),
            "thread_id": n.thread_id,
            "post_id": n.reply_id,
            "address": _notification_address(n),
            "count": n.count,
            "sent_at": _iso(n.created_at),
            "updated_at": _iso(n.updated_at),
            "read_at": _iso(n.read_at),
            "emailed_at": _iso(n.emailed_at),
        }
        for n in rows.order_by("created_at", "pk")
    ]


def followed_threads(member: User) -> list[Data]:
    rows = Follow.objects.filter(member=member).select_related("thread__group")
    return [
        {
            "thread_id": f.thread_id,
            "group": f.thread.group.name,
            "address": f.thread.get_absolute_url(),
            "following": f.is_following,
            "since": _iso(f.created_at),
        }
        for f in rows.order_by("created_at", "pk")
    ]


def group_notification_levels(member: User) -> list[Data]:
    rows = GroupLevel.objects.filter(member=member).select_related("group")
    return [
        {
            "group": level.group.name,
            "group_address": level.group.get_absolute_url(),
            "level": level.level,
            "level_label": str(level.get_level_display()),
        }
        for level in rows.order_by("group__name", "pk")
    ]


def email_choices(member: User) -> Data:
    mode = _setting(member, "email_mode") or EmailChoice.Mode.OFF
    return {
        "emails": mode,
        "emails_label": str(EmailChoice.Mode(mode).label),
        "group_names_and_words_in_emails": bool(
            _setting(member, "email_include_details")
        ),
        "last_email_sent_at": _iso(_setting(member, "email_last_sent_at")),
    }


# (key in the JSON, title, what it holds, how it is read)
Section = tuple[str, Promise, Promise, Callable[[User], Any]]
SECTIONS: list[Section] = [
    ("profile", gettext_lazy("Your profile"), gettext_lazy(
        "Your sign-in name, the name others see, and what you told us about "
        "yourself."), profile),
    ("account", gettext_lazy("Signing in"), gettext_lazy(
        "Your email addresses, the kinds of second step you added (never their "
        "secrets), and the devices signed in to your account."), account),
    ("privacy_choices", gettext_lazy("Your choices"), gettext_lazy(
        "Who can send you private messages, your calendar feed and other "
        "settings."), privacy_choices),
    ("memberships", gettext_lazy("Your groups"), gettext_lazy(
        "The groups you belong to, your role and when you joined, and whether a "
        "host has paused your messages in a group's room until its meeting ends."),
        memberships),
    ("join_requests", gettext_lazy("Asking to join"), gettext_lazy(
        "Your requests to join groups, with your answers."), join_requests),
    ("invitations", gettext_lazy("Invitations"), gettext_lazy(
        "Groups you were invited to."), invitations),
    ("threads", gettext_lazy("Threads you started"), gettext_lazy(
        "Anonymous ones too: other members saw them as anonymous."), threads),
    ("posts", gettext_lazy("Your posts"), gettext_lazy(
        "Everything you posted in threads, as you wrote it (Markdown), with earlier "
        "versions, anonymous, hidden and deleted posts included."), posts),
    ("reactions", gettext_lazy("Reactions you sent"), gettext_lazy(
        "Which post, by its number and address, and which reaction."), reactions),
    ("chat_messages", gettext_lazy("Your chat messages"), gettext_lazy(
        "What you wrote in groups' live rooms."), chat_messages),
    ("private_messages", gettext_lazy("Private messages"), gettext_lazy(
        "Both sides of your conversations: what you sent and what you received. "
        "The other person appears by their display name only."), private_messages),
    ("meeting_answers", gettext_lazy("Meetings"), gettext_lazy(
        "Your answers to meetings (coming, maybe, can't make it)."), meeting_answers),
    ("reports_made", gettext_lazy("Reports you made"), gettext_lazy(
        "Your reason and note; what you reported appears as a reference only."),
        reports_made),
    ("moderation_about_you", gettext_lazy("Moderation decisions about you"),
        gettext_lazy(
        "What the moderators did about you or what you wrote, and why. Moderators "
        "are not named: that is their own information."), moderation_about_you),
    ("safety_flags_about_you", gettext_lazy("Safety flags about you"), gettext_lazy(
        "When the safety checks or a report asked the moderators to look at "
        "something you wrote. Who reported it is not included."),
        safety_flags_about_you),
    ("messages_from_moderators", gettext_lazy("Messages from the moderators"),
        gettext_lazy("Support messages and notes the moderators sent you."),
        messages_from_moderators),
    ("blocks_and_mutes", gettext_lazy("Blocked and muted"), gettext_lazy(
        "The people and threads you chose not to see."), blocks_and_mutes),
    ("context_notes", gettext_lazy("Context notes you wrote"), gettext_lazy(
        "Notes with sources you added beneath posts."), context_notes),
    ("library_resources", gettext_lazy("Resources you shared"), gettext_lazy(
        "What you shared in the library, with its links, tags and groups, and how "
        "it was reviewed. Who reviewed it is not included."), library_resources),
    ("helped_marks", gettext_lazy("Resources that helped you"), gettext_lazy(
        "The resources you marked \"This helped me\", by title while you can still "
        "see them. Who else marked them is not included."), helped_marks),
    ("professional_details", gettext_lazy("Your professional details"),
        gettext_lazy(
        "Your profession and registration, and where the check is up to. Which "
        "admin checked it is not included."), professional_details),
    ("notifications", gettext_lazy("Your notifications"), gettext_lazy(
        "What we told you about, by kind, group and address on the site (never "
        "the words of a post), and when you read it."), notifications),
    ("followed_threads", gettext_lazy("Threads you follow"), gettext_lazy(
        "Which threads, by number and address, and whether you still follow "
        "them."), followed_threads),
    ("group_notification_levels", gettext_lazy("What you hear from each group"),
        gettext_lazy("The groups where you chose how much to hear about."),
        group_notification_levels),
    ("email_choices", gettext_lazy("Emails"), gettext_lazy(
        "Whether and how often we email you, and what the emails may say."),
        email_choices),
    ("checkins", gettext_lazy("Your check-ins"), gettext_lazy(
        "How you were, your notes and whether you connected with someone offline. "
        "Only you could see them."), checkins),
    ("support_contacts", gettext_lazy("Your support outside Alongside"),
        gettext_lazy("The people and places on your own list. Only you could see "
        "it."), support_contacts),
    ("balance_choices", gettext_lazy("Your balance choices"), gettext_lazy(
        "Your reminders, quiet hours and whether to suggest support when things "
        "seem hard."), balance_choices),
    ("check_backs", gettext_lazy("Your answers when we checked in"), gettext_lazy(
        "Your answers to \"Did you find some support?\"."), check_backs),
    ("activity_per_day", gettext_lazy("Your time on Alongside"), gettext_lazy(
        "For each day, in your time zone, how long a page of Alongside was open "
        "and in use, counted in slots of a few seconds."), activity_per_day),
]  # fmt: skip

NOT_INCLUDED = gettext_lazy(
    "Other members' posts and their messages to other people; who reported you or "
    "blocked you; reports about private messages you sent, and moderators reading "
    "those messages, because only the person you wrote to could have made them; "
    "which moderator or admin did something, and who reviewed what "
    "you shared; who else found a resource helpful; your password and the secrets "
    "of your second step."
)


def collect(member: User, *, now: datetime) -> Data:
    """Everything the export holds, as plain JSON-ready data."""
    member = with_settings(member)
    data: Data = {
        "about": {
            "format": "alongside-export",
            "version": FORMAT_VERSION,
            "made_at": _iso(now),
            "username": member.username,
            "times": "ISO 8601, in UTC (for example 2026-02-20T12:00:00Z).",
            "sections": {key: str(about) for key, _t, about, _r in SECTIONS},
            "not_included": str(NOT_INCLUDED),
        }
    }
    for key, _title, _about, read in SECTIONS:
        data[key] = read(member)
    return data


# ---------------------------------------------------------------------------
# The readable copy

LABELS = {
    "body_markdown": gettext_lazy("Text as written (Markdown)"),
    "summary_markdown": gettext_lazy("What it is and why it helped (Markdown)"),
    "url": gettext_lazy("Link"),
    "body": gettext_lazy("Message"),
    "address": gettext_lazy("Address on the site"),
    "group_address": gettext_lazy("Group's address on the site"),
    "with": gettext_lazy("With"),
    "from": gettext_lazy("From"),
    "by": gettext_lazy("By"),
}


def _label(key: str) -> str:
    label = LABELS.get(key)
    if label is not None:
        return str(label)
    if key.endswith("_id"):
        return _("%(what)s number") % {"what": key[:-3].replace("_", " ").capitalize()}
    return key.replace("_", " ").capitalize()


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _readable_time(iso: str) -> str:
    moment = datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ")  # noqa: DTZ007 (UTC)
    return f"{moment.day} {moment.strftime('%B %Y, %H:%M')} UTC"


def _html(value: Any, key: str = "") -> SafeString:
    """A value as escaped HTML: lists as lists, objects as label-value pairs."""
    if _is_empty(value):
        return format_html('<span class="none">{}</span>', _("None"))
    if isinstance(value, bool):
        return format_html("{}", _("Yes") if value else _("No"))
    if isinstance(value, str) and key.endswith(("_at", "_until", "since")):
        try:
            shown = _readable_time(value)
        except ValueError:
            shown = value
        return format_html('<time datetime="{}">{}</time>', value, shown)
    if isinstance(value, dict):
        # Empty entries are left out of the page (the JSON keeps every key).
        return format_html(
            "<dl>{}</dl>",
            format_html_join(
                "",
                "<dt>{}</dt><dd>{}</dd>",
                (
                    (_label(k), _html(v, k))
                    for k, v in value.items()
                    if not _is_empty(v) or key == "profile"
                ),
            ),
        )
    if isinstance(value, list):
        return format_html(
            '<ol class="items">{}</ol>',
            format_html_join("", "<li>{}</li>", ((_html(v, key),) for v in value)),
        )
    return format_html("{}", value)


def _count(value: Any) -> int | None:
    return len(value) if isinstance(value, list) else None


def render_html(member: User, data: Data) -> str:
    sections = [
        {
            "key": key,
            "title": title,
            "about": about,
            "count": _count(data[key]),
            "html": _html(data[key], key),
        }
        for key, title, about, _read in SECTIONS
    ]
    return render_to_string(
        "privacy/export/index.html",
        {
            "member": member,
            "made_at": data["about"]["made_at"],
            "made_at_text": _readable_time(data["about"]["made_at"]),
            "sections": sections,
            "not_included": NOT_INCLUDED,
        },
    )


def build_export(member: User, *, now: datetime | None = None) -> bytes:
    """The member's data as a ZIP of alongside-export.json and index.html."""
    now = now or timezone.now()
    with timezone.override(UTC), translation.override(settings.LANGUAGE_CODE):
        data = collect(member, now=now)
        page = render_html(member, data)
    stamp = now.astimezone(UTC).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in (
            (JSON_NAME, json.dumps(data, ensure_ascii=False, indent=2)),
            (HTML_NAME, page),
        ):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


# ---------------------------------------------------------------------------
# Storing it, in the background


def export_storage() -> Storage:
    """Where copies are kept: never served; see STORAGES["exports"]."""
    return storages["exports"]


def delete_export_file(name: str) -> None:
    if name:
        export_storage().delete(name)


def delete_export_files(names: Iterable[str]) -> None:
    for name in names:
        delete_export_file(name)


@receiver(post_delete, sender=DataExport)
def _delete_file_with_export(instance: DataExport, **kwargs: Any) -> None:
    """An export's row going (a new request, or the member's account deleted)
    takes its file with it, once the deletion is committed."""
    name = instance.file_name
    if name:
        transaction.on_commit(lambda: delete_export_file(name))


def store_export(export_id: int) -> str:
    """Build a requested export and keep it for ALONGSIDE_EXPORT_KEEP_DAYS;
    return its status. One that fails is marked so, and the member may ask again."""
    export = (
        DataExport.objects.select_related("member")
        .filter(pk=export_id, status=DataExport.Status.PENDING)
        .first()
    )
    if export is None:  # replaced by a newer request, or already built
        return "gone"
    try:
        with transaction.atomic():  # a failed read leaves the caller's work intact
            content = build_export(export.member)
    except Exception:
        # The error, never what the member wrote.
        logger.exception("Data export %s could not be built", export_id)
        DataExport.objects.filter(pk=export_id).update(status=DataExport.Status.FAILED)
        return str(DataExport.Status.FAILED)
    name = export_storage().save(f"{secrets.token_hex(16)}.zip", ContentFile(content))
    now = timezone.now()
    updated = DataExport.objects.filter(
        pk=export_id, status=DataExport.Status.PENDING
    ).update(
        status=DataExport.Status.READY,
        file_name=name,
        size=len(content),
        ready_at=now,
        expires_at=now + timedelta(days=settings.ALONGSIDE_EXPORT_KEEP_DAYS),
    )
    if not updated:  # the request was replaced meanwhile
        delete_export_file(name)
        return "gone"
    return str(DataExport.Status.READY)


@task
def build_export_task(export_id: int) -> dict[str, object]:
    """The task worker's entry: build and store one requested export."""
    return {"export": export_id, "status": store_export(export_id)}
