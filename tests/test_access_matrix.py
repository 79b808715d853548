"""Who may reach what: every URL the site answers, for every kind of viewer.

The routes come from the URL resolver itself, so a new page cannot be added without a
row here saying who may reach it. Each row builds its URLs from the test world
(listed and unlisted groups, their threads and replies, profiles, join requests) and
says, for each viewer, the exact answer: a status, and for redirects where to.

Decisions the table encodes:
- Group content (threads, replies, reactions, member lists, join requests, the
  moderation queue) answers 404 to anyone signed in who may not see it, whether it
  exists or not. Anonymous visitors on sign-in-only pages are sent to sign in, with
  the same answer for existing and missing content.
- A group's about page is public for listed groups; an unlisted one answers 404 to
  everyone but its members and the people invited to it.
- A profile answers 404 (anonymous visitors included) unless the viewer is that
  person or shares a group with them.
- POST-only routes answer 405 to a signed-in GET (anonymous visitors are sent to
  sign in first).
"""

import copy
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import ModuleType
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, path, reverse

from tests.conftest import ANONYMOUS, INVITED, JOIN_POLICY, MARKERS, VIEWERS, World

# ---------------------------------------------------------------------------
# Routes, straight from the resolver


@dataclass(frozen=True)
class Route:
    key: str  # "namespace:name", or the full pattern when the route has no name
    pattern: str  # the full pattern from the site root


def _join(prefix: str, pattern: object) -> str:
    text = str(pattern)
    if prefix.endswith("$"):
        prefix = prefix[:-1]
    return prefix + text


def routes(resolver: URLResolver | None = None) -> list[Route]:
    """Every URL pattern the site answers, included apps, allauth and admin too."""
    found: list[Route] = []

    def walk(patterns: list[Any], prefix: str, namespace: str) -> None:
        for entry in patterns:
            full = _join(prefix, entry.pattern)
            if isinstance(entry, URLResolver):
                inner = ":".join(filter(None, (namespace, entry.namespace)))
                walk(entry.url_patterns, full, inner)
            elif isinstance(entry, URLPattern):
                if entry.name:
                    key = f"{namespace}:{entry.name}" if namespace else entry.name
                else:
                    key = full
                found.append(Route(key, full))

    walk((resolver or get_resolver()).url_patterns, "", "")
    return found


def fill(pattern: str, kwargs: dict[str, object]) -> str:
    """A concrete path for a pattern, whether path() converters or a regex."""
    text = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(kwargs[m.group(1)]), pattern)
    text = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), text)
    return "/" + text.replace("^", "").replace("$", "")


# ---------------------------------------------------------------------------
# Outcomes


@dataclass(frozen=True)
class Outcome:
    status: int
    location: str | None = None  # for redirects; the query is compared decoded
    location_pattern: str | None = None  # when the target's id is not known ahead

    def matches(self, response: HttpResponse) -> bool:
        if response.status_code != self.status:
            return False
        location = response.headers.get("Location")
        if self.location_pattern is not None:
            return bool(location and re.fullmatch(self.location_pattern, location))
        if self.location is None:
            return location is None
        return location is not None and _same_place(location, self.location)

    def __str__(self) -> str:
        where = self.location or self.location_pattern
        return f"{self.status} → {where}" if where else str(self.status)


def _same_place(one: str, other: str) -> bool:
    a, b = urlsplit(one), urlsplit(other)
    return (a.path, a.fragment, sorted(parse_qsl(a.query))) == (
        b.path,
        b.fragment,
        sorted(parse_qsl(b.query)),
    )


def described(response: HttpResponse) -> str:
    location = response.headers.get("Location")
    return (
        f"{response.status_code} → {location}"
        if location
        else str(response.status_code)
    )


OK = Outcome(200)
NOT_FOUND = Outcome(404)
NOT_ALLOWED = Outcome(405)


def to(location: str) -> Outcome:
    return Outcome(302, location)


# ---------------------------------------------------------------------------
# Targets: how a row builds its URL from the world, and the facts about it


@dataclass(frozen=True)
class Target:
    label: str
    kwargs: Callable[[World], dict[str, object]] = lambda w: {}
    query: str = ""
    group: str | None = None  # whose membership decides access
    thread: str | None = None  # key into world.threads
    reply: str | None = None  # key into world.replies
    author: str | None = None  # the viewer who wrote the reply, if any
    person: str | None = None  # whose profile it is
    gone: bool = False  # missing or deleted: nobody may see it
    belongs: bool = True  # a join request or flag that belongs to the group


NONE = Target("no arguments")


def group_targets(**extra: Any) -> tuple[Target, ...]:
    return (
        Target("the listed group", lambda w: {"slug": w.groups["listed"].slug},
               group="listed", **extra),
        Target("the unlisted group", lambda w: {"slug": w.groups["unlisted"].slug},
               group="unlisted", **extra),
        Target("another listed group", lambda w: {"slug": w.groups["neighbour"].slug},
               group="neighbour", **extra),
        Target("a missing group", lambda w: {"slug": "no-such-group"}, gone=True),
    )  # fmt: skip


THREADS = (
    Target("a listed group's thread", lambda w: {"thread_id": w.threads["listed"].pk},
           group="listed", thread="listed"),
    Target("an unlisted group's thread",
           lambda w: {"thread_id": w.threads["unlisted"].pk},
           group="unlisted", thread="unlisted"),
    Target("another group's thread",
           lambda w: {"thread_id": w.threads["neighbour"].pk},
           group="neighbour", thread="neighbour"),
    Target("a deleted thread", lambda w: {"thread_id": w.threads["deleted"].pk},
           gone=True),
    Target("a missing thread", lambda w: {"thread_id": 987654}, gone=True),
)  # fmt: skip

WAITING_THREADS = (
    Target("the listed group's waiting threads",
           lambda w: {"slug": w.groups["listed"].slug},
           query="filter=waiting", group="listed"),
    Target("the unlisted group's waiting threads",
           lambda w: {"slug": w.groups["unlisted"].slug},
           query="filter=waiting", group="unlisted"),
)  # fmt: skip

EARLIER_MESSAGES = (
    Target("earlier messages in the unlisted group's room",
           lambda w: {"slug": w.groups["unlisted"].slug},
           query="before=2", group="unlisted"),
)  # fmt: skip

LATER_PAGE = Target(
    "a later page of a listed group's thread",
    lambda w: {"thread_id": w.threads["listed"].pk},
    query="after=1",
    group="listed",
    thread="listed",
)

REPLIES = (
    Target("a reply in a listed group", lambda w: {"reply_id": w.replies["listed"].pk},
           group="listed", reply="listed", thread="listed"),
    Target("an anonymous reply in a listed group",
           lambda w: {"reply_id": w.replies["listed anonymous"].pk},
           group="listed", reply="listed anonymous", thread="listed", author="member"),
    Target("a reply in an unlisted group",
           lambda w: {"reply_id": w.replies["unlisted"].pk},
           group="unlisted", reply="unlisted", thread="unlisted", author="member"),
    Target("a reply in a deleted thread",
           lambda w: {"reply_id": w.replies["in deleted thread"].pk}, gone=True),
    Target("a missing reply", lambda w: {"reply_id": 987654}, gone=True),
)  # fmt: skip

PROFILES = (
    Target("a member's profile", lambda w: {"username": w.users["member"].username},
           person="member"),
    Target("an outsider's profile",
           lambda w: {"username": w.users["outsider"].username}, person="outsider"),
    Target("a missing profile", lambda w: {"username": "nobody-here"}, gone=True),
)  # fmt: skip


def _request_kwargs(group: str, request: str | None) -> Callable[[World], dict]:
    def build(w: World) -> dict[str, object]:
        request_id = w.join_requests[request].pk if request else 987654
        return {"slug": w.groups[group].slug, "request_id": request_id}

    return build


JOIN_REQUESTS = (
    Target("a request to the listed group", _request_kwargs("listed", "listed"),
           group="listed"),
    Target("a request to the unlisted group", _request_kwargs("unlisted", "unlisted"),
           group="unlisted"),
    Target("a request to another group", _request_kwargs("neighbour", "neighbour"),
           group="neighbour"),
    Target("the unlisted group's request through the listed group",
           _request_kwargs("listed", "unlisted"), group="listed", belongs=False),
    Target("a missing request", _request_kwargs("listed", None), group="listed",
           belongs=False),
)  # fmt: skip


def _flag_kwargs(group: str, flag: str | None) -> Callable[[World], dict]:
    def build(w: World) -> dict[str, object]:
        flag_id = w.flags[flag].pk if flag else 987654
        return {"slug": w.groups[group].slug, "flag_id": flag_id}

    return build


FLAGS = (
    Target("a flag in the listed group", _flag_kwargs("listed", "listed"),
           group="listed"),
    Target("a flag in the unlisted group", _flag_kwargs("unlisted", "unlisted"),
           group="unlisted"),
    Target("the unlisted group's flag through the listed group",
           _flag_kwargs("listed", "unlisted"), group="listed", belongs=False),
    Target("a missing flag", _flag_kwargs("listed", None), group="listed",
           belongs=False),
)  # fmt: skip


def _word_filter_kwargs(group: str, owner: str | None) -> Callable[[World], dict]:
    """A word filter of `owner`'s group, added by its moderators on first use (None:
    a filter that does not exist), asked for through `group`'s address."""

    def build(w: World) -> dict[str, object]:
        from alongside.moderation.models import WordFilter

        filter_id = 987654
        if owner is not None:
            word_filter, _created = WordFilter.objects.get_or_create(
                group=w.groups[owner], phrase="miracle cure"
            )
            filter_id = word_filter.pk
        return {"slug": w.groups[group].slug, "filter_id": filter_id}

    return build


WORD_FILTERS = (
    Target("a word filter of the listed group",
           _word_filter_kwargs("listed", "listed"), group="listed"),
    Target("a word filter of the unlisted group",
           _word_filter_kwargs("unlisted", "unlisted"), group="unlisted"),
    Target("the unlisted group's filter through the listed group",
           _word_filter_kwargs("listed", "unlisted"), group="listed", belongs=False),
    Target("a missing word filter", _word_filter_kwargs("listed", None),
           group="listed", belongs=False),
)  # fmt: skip


def _message_kwargs(group: str, sender: str | None) -> Callable[[World], dict]:
    """A chat message in the group's room, sent by `sender` on first use (None: a
    message that does not exist)."""

    def build(w: World) -> dict[str, object]:
        from alongside.accounts.models import User
        from alongside.chat.actions import send_chat_message
        from alongside.chat.models import ChatMessage

        slug = w.groups[group].slug
        if sender is None:
            return {"slug": slug, "seq": 987654}
        author = User.objects.get(username=sender)
        message = ChatMessage.objects.filter(group=w.groups[group], author=author)
        if not message.exists():
            send_chat_message(
                author=author,
                group=w.groups[group],
                client_id="0b7e8f0e-5d0c-4c53-a8c9-3f2d61d1a001",
                body="Hello, room.",
            )
        return {"slug": slug, "seq": message.order_by("seq")[0].seq}

    return build


MESSAGES = (
    Target("a message in the listed group's room", _message_kwargs("listed", "sam"),
           group="listed"),
    Target("a member's message in the unlisted group's room",
           _message_kwargs("unlisted", "rowan"), group="unlisted", author="member"),
    Target("a message in another group's room",
           _message_kwargs("neighbour", "jules"), group="neighbour",
           author="neighbour"),
    Target("a missing message", _message_kwargs("listed", None), group="listed",
           belongs=False),
)  # fmt: skip


def _note_kwargs(reply: str | None) -> Callable[[World], dict]:
    """A context note beneath the reply, made on first use; its words carry the
    reply's group's marker, so the leak check covers notes too."""

    def build(w: World) -> dict[str, object]:
        from django.contrib.contenttypes.models import ContentType

        from alongside.core.rendering import render_markdown
        from alongside.moderation.models import ContextNote

        if reply is None:
            return {"note_id": 987654}
        marker = next(m for m in MARKERS if m.startswith(f"{reply}-thread-marker"))
        note, _made = ContextNote.objects.get_or_create(
            content_type=ContentType.objects.get_for_model(w.replies[reply]),
            object_id=w.replies[reply].pk,
            defaults={
                "body": f"Context. {marker}",
                "body_html": render_markdown(f"Context. {marker}"),
                "sources": [{"url": "https://www.nhs.uk/", "domain": "nhs.uk"}],
            },
        )
        return {"note_id": note.pk}

    return build


NOTES = (
    Target("a note in the listed group", _note_kwargs("listed"), group="listed",
           reply="listed", thread="listed"),
    Target("a note in the unlisted group", _note_kwargs("unlisted"),
           group="unlisted", reply="unlisted", thread="unlisted"),
    Target("a missing note", _note_kwargs(None), gone=True),
)  # fmt: skip


def _member_kwargs(group: str, person: str | None) -> Callable[[World], dict]:
    """A person seen from a group's moderation pages (None: nobody by that name)."""

    def build(w: World) -> dict[str, object]:
        user = w.users[person] if person else None
        username = user.username if user is not None else "nobody-here"
        return {"slug": w.groups[group].slug, "username": username}

    return build


GROUP_MEMBERS = (
    Target("a member of the listed group", _member_kwargs("listed", "member"),
           group="listed"),
    Target("a member of the unlisted group", _member_kwargs("unlisted", "member"),
           group="unlisted"),
    Target("someone outside the listed group, through it",
           _member_kwargs("listed", "outsider"), group="listed", belongs=False),
    Target("a missing member", _member_kwargs("listed", None), group="listed",
           belongs=False),
)  # fmt: skip

ACCOUNTS = (
    Target("a member's account", lambda w: {"username": w.users["member"].username},
           person="member"),
    Target("a missing account", lambda w: {"username": "nobody-here"}, gone=True),
)  # fmt: skip


def _credential_kwargs(status: str | None) -> Callable[[World], dict]:
    """A professional's credential, made on first use for someone who is none of
    the viewers: an application waiting for a check, or a badge an admin verified
    (None: a credential that does not exist)."""

    def build(w: World) -> dict[str, object]:
        from alongside.accounts.models import User
        from alongside.resources.actions import (
            apply_as_professional,
            verify_professional,
        )
        from alongside.resources.models import Credential
        from conftest import make_user

        if status is None:
            return {"credential_id": 987654}
        name = {"applied": "ari", "verified": "nico"}[status]
        credential = Credential.objects.filter(member__username=name).first()
        if credential is None:
            credential = apply_as_professional(
                member=User.objects.get(username=name), **APPLY_FORM
            )
            if status == "verified":
                verify_professional(
                    admin=make_user("site-admin", is_staff=True),
                    credential=credential,
                    method="Register checked.",
                    months=24,
                )
        return {"credential_id": credential.pk}

    return build


CREDENTIALS = (
    Target("an application waiting for a check", _credential_kwargs("applied")),
    Target("a verified badge", _credential_kwargs("verified")),
    Target("a missing credential", _credential_kwargs(None), gone=True),
)  # fmt: skip

APPLY_FORM = {
    "profession": "Registered nurse",
    "registration_number": "12A3456B",
    "issuing_body": "Nursing and Midwifery Council",
    "country": "GB",
    "conflicts": "None",
}
DECISION_FORM = {"method": "Register checked.", "months": "24", "reason": "No."}


def _meeting_kwargs(group: str | None) -> Callable[[World], dict]:
    """A weekly meeting in the group, scheduled by its facilitator on first use."""

    def build(w: World) -> dict[str, object]:
        from datetime import time, timedelta

        from django.utils import timezone

        from alongside.groups.models import Membership
        from alongside.meetings.actions import MeetingPlan, schedule_meeting
        from alongside.meetings.models import Meeting

        if group is None:
            return {"meeting_id": 987654}
        meeting = Meeting.objects.filter(group=w.groups[group]).first()
        if meeting is None:
            host = Membership.objects.get(group=w.groups[group], role="facilitator")
            meeting = schedule_meeting(
                scheduler=host.member,
                group=w.groups[group],
                plan=MeetingPlan(
                    title="Evening circle",
                    starts_on=timezone.localdate() + timedelta(days=30),
                    start_time=time(19, 0),
                    time_zone="Europe/London",
                    duration_minutes=60,
                    recurrence="weekly",
                ),
            )
        return {"meeting_id": meeting.pk}

    return build


MEETINGS = (
    Target("a listed group's meeting", _meeting_kwargs("listed"), group="listed"),
    Target("an unlisted group's meeting", _meeting_kwargs("unlisted"),
           group="unlisted"),
    Target("another group's meeting", _meeting_kwargs("neighbour"), group="neighbour"),
    Target("a missing meeting", _meeting_kwargs(None), gone=True),
)  # fmt: skip


# Private messages: a conversation between the member and the facilitator, made on
# first use. The facilitator wrote first (members hear from the people who lead
# their groups by default), the member answered with words only the two of them may
# see, and reported the facilitator's message to the listed group's moderators.
TALKING = ("member", "facilitator")
PRIVATE_MARKER = "private-message-marker-4c8e"


def private_messages(w: World) -> dict[str, Any]:
    made = getattr(w, "private_messages", None)
    if made is None:
        from alongside.privacy.actions import (
            report_private_message,
            send_private_message,
        )

        member, facilitator = w.users["member"], w.users["facilitator"]
        received = send_private_message(
            sender=facilitator,
            recipient=member,
            body="How are you finding the group?",
            client_token="5b0f7c1e-2f4a-4d0e-8a51-3c9d2e7f6a10",
        ).message
        sent = send_private_message(
            sender=member,
            recipient=facilitator,
            body=f"Better than I expected. {PRIVATE_MARKER}",
            client_token="9e3a6d2b-7c1f-4b8e-a0d4-51f2c6e8b903",
        ).message
        flag = report_private_message(
            reporter=member, message=received, reason="harassment"
        ).flag
        made = {
            "conversation": received.conversation,
            "received": received,
            "sent": sent,
            "flag": flag,
        }
        w.private_messages = made  # type: ignore[attr-defined]
    return made


def _private_id(key: str, name: str) -> Callable[[World], dict]:
    return lambda w: {name: private_messages(w)[key].pk}


CONVERSATIONS = (
    Target("the member's conversation with the facilitator",
           _private_id("conversation", "conversation_id")),
    Target("a missing conversation", lambda w: {"conversation_id": 987654},
           gone=True),
)  # fmt: skip

PRIVATE_MESSAGES = (
    Target("a message the facilitator sent the member",
           _private_id("received", "message_id"), author="facilitator"),
    Target("a message the member sent the facilitator",
           _private_id("sent", "message_id"), author="member"),
    Target("a missing message", lambda w: {"message_id": 987654}, gone=True),
)  # fmt: skip

REPORTED_MESSAGES = (
    Target("a reported private message", _private_id("flag", "flag_id"),
           group="listed"),
    Target("a flag on a post", lambda w: {"flag_id": w.flags["listed"].pk},
           group="listed", belongs=False),
    Target("a missing flag", lambda w: {"flag_id": 987654}, gone=True),
)  # fmt: skip


def _export_kwargs(owner: str | None) -> Callable[[World], dict]:
    """A ready copy of `owner`'s data, asked for on first use (None: a made-up
    link)."""

    def build(w: World) -> dict[str, object]:
        from django.utils import timezone

        from alongside.privacy.export import build_export_task
        from alongside.privacy.models import DataExport

        if owner is None:
            return {"token": "made-up-token"}
        user = w.users[owner]
        export = DataExport.objects.filter(member=user).first()
        if export is None:
            export = DataExport.objects.create(member=user, requested_at=timezone.now())
            build_export_task.call(export.pk)
        return {"token": export.token}

    return build


EXPORTS = (
    Target("the member's copy of their data", _export_kwargs("member"),
           person="member"),
    Target("a made-up link", _export_kwargs(None), gone=True),
)  # fmt: skip


def _stop_kwargs(owner: str | None) -> Callable[[World], dict]:
    """The stop link in `owner`'s emails, who chose a daily summary on first use
    (None: a made-up link)."""

    def build(w: World) -> dict[str, object]:
        from alongside.notifications.email import stop_token
        from alongside.notifications.models import EmailChoice

        if owner is None:
            return {"token": "made-up-token"}
        choice, _made = EmailChoice.objects.get_or_create(
            member=w.users[owner], defaults={"mode": "daily"}
        )
        return {"token": stop_token(choice)}

    return build


STOP_LINKS = (
    Target("the member's stop link", _stop_kwargs("member"), person="member"),
    Target("a made-up link", _stop_kwargs(None), gone=True),
)  # fmt: skip


def _notification_kwargs(recipient: str | None, reply: str) -> Callable[[World], dict]:
    """The notification `recipient` got about the reply, made by the world's own
    posting (None: a notification that does not exist)."""

    def build(w: World) -> dict[str, object]:
        from alongside.notifications.models import Notification

        if recipient is None:
            return {"notification_id": 987654}
        found = Notification.objects.get(
            recipient=w.users[recipient], reply=w.replies[reply]
        )
        return {"notification_id": found.pk}

    return build


NOTIFICATIONS = (
    Target("the member's notification of a reply to their thread",
           _notification_kwargs("member", "listed"), person="member",
           group="listed", thread="listed", reply="listed"),
    Target("the facilitator's notification of a reply in the unlisted group",
           _notification_kwargs("facilitator", "unlisted"), person="facilitator",
           group="unlisted", thread="unlisted", reply="unlisted"),
    Target("a missing notification", _notification_kwargs(None, "listed"),
           gone=True),
)  # fmt: skip


def _resource_kwargs(key: str | None) -> Callable[[World], dict]:
    return lambda w: {"resource_id": w.resources[key].pk if key else 987654}


RESOURCES = (
    Target("a listed group's resource", _resource_kwargs("listed"), group="listed",
           author="member"),
    Target("an unlisted group's resource", _resource_kwargs("unlisted"),
           group="unlisted", author="facilitator"),
    # Members of the listed group see it; only members of both see the unlisted
    # group's name on it.
    Target("a resource shared in the listed and the unlisted group",
           _resource_kwargs("both"), group="listed", author="member"),
    Target("another group's resource", _resource_kwargs("neighbour"),
           group="neighbour", author="neighbour"),
    Target("a removed resource", _resource_kwargs("removed"), gone=True),
    Target("a missing resource", _resource_kwargs(None), gone=True),
)  # fmt: skip

SHARE_FORM = {
    "title": "Rest before you need it",
    "summary": "Lying down for ten minutes helped me.",
    "kind": "tip",
    "groups": "chronic-pain",
    "step": "share",
}

# The member's own balance: a check-in and someone on their list of support outside
# Alongside, made on first use with words only the member may see; and a post of
# theirs that sounded really hard, four days ago, so a check-back is due.
BALANCE_MARKER = "balance-marker-6d2f"


def balance_rows(w: World) -> dict[str, Any]:
    made = getattr(w, "balance_rows", None)
    if made is None:
        from alongside.wellbeing.checkins import record_checkin
        from alongside.wellbeing.support import add_support_contact

        member = w.users["member"]
        assert member is not None
        made = {
            "checkin": record_checkin(
                member=member, mood=2, note=f"A slow day. {BALANCE_MARKER}"
            ).checkin,
            "contact": add_support_contact(
                member=member, kind="person", name=f"Ada {BALANCE_MARKER}"
            ),
        }
        w.balance_rows = made  # type: ignore[attr-defined]
    return made


def _due_check_back(w: World) -> dict[str, object]:
    from datetime import timedelta

    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from alongside.moderation.models import Flag

    reply = w.replies["listed anonymous"]
    Flag.objects.get_or_create(
        group=w.groups["listed"],
        content_type=ContentType.objects.get_for_model(reply),
        object_id=reply.pk,
        source=Flag.Source.SAFETY,
        created_at__lt=timezone.now() - timedelta(days=3),
        defaults={
            "subject": w.users["member"],
            "severity": Flag.Severity.CONCERN,
            "created_at": timezone.now() - timedelta(days=4),
        },
    )
    return {}


CHECKINS = (
    Target("the member's check-in",
           lambda w: {"checkin_id": balance_rows(w)["checkin"].pk}, person="member"),
    Target("a missing check-in", lambda w: {"checkin_id": 987654}, gone=True),
)  # fmt: skip

SUPPORT_CONTACTS = (
    Target("someone on the member's list",
           lambda w: {"contact_id": balance_rows(w)["contact"].pk}, person="member"),
    Target("a missing entry", lambda w: {"contact_id": 987654}, gone=True),
)  # fmt: skip

CHECK_BACKS = (
    Target("the member's check-back, four days after a hard post", _due_check_back,
           person="member"),
)  # fmt: skip

SUPPORT_CONTACT_FORM = {"kind": "person", "name": "A friend", "how": "Evenings"}


WRITE_TO = (
    *PROFILES,
    Target("the facilitator's profile",
           lambda w: {"username": w.users["facilitator"].username},
           person="facilitator"),
)  # fmt: skip

PRIVATE_MESSAGE_FORM = {
    "body": "Thinking of you this week.",
    "client_token": "2d6c9a3e-8f3b-4a51-9a0e-6b1f0c5d7e21",
}


# ---------------------------------------------------------------------------
# One viewer asking for one target: the facts an expectation needs


@dataclass(frozen=True)
class Ask:
    viewer: str
    target: Target
    world: World
    path: str

    @property
    def anonymous(self) -> bool:
        return self.viewer == ANONYMOUS

    @property
    def group(self) -> str | None:
        return None if self.target.gone else self.target.group

    @property
    def is_member(self) -> bool:
        return self.world.is_member(self.viewer, self.group)

    @property
    def is_manager(self) -> bool:
        return self.world.is_manager(self.viewer, self.group)

    @property
    def is_moderator(self) -> bool:
        return self.world.is_moderator(self.viewer, self.group)

    @property
    def is_invited(self) -> bool:
        return self.viewer in INVITED.get(self.group or "", set())

    @property
    def sees_about(self) -> bool:
        return self.world.sees_about(self.viewer, self.group)

    @property
    def is_author(self) -> bool:
        return self.target.author == self.viewer

    @property
    def has_second_factor(self) -> bool:
        """The cast's moderator has an authenticator app (moderators must)."""
        return self.viewer == "moderator"

    @property
    def login(self) -> Outcome:
        return to(f"/accounts/login/?next={self.path}")

    @property
    def reauthenticate(self) -> Outcome:
        return to(f"/accounts/reauthenticate/?next={self.path}")

    @property
    def admin_login(self) -> Outcome:
        return to(f"/admin/login/?next={self.path}")

    def url(self, name: str, **kwargs: object) -> str:
        return reverse(name, kwargs=kwargs)

    @property
    def slug(self) -> str:
        return self.world.groups[self.target.group].slug

    @property
    def group_page(self) -> Outcome:
        return to(self.url("groups:detail", slug=self.slug))

    @property
    def reply_page(self) -> Outcome:
        return to(self.world.replies[self.target.reply].get_absolute_url())

    @property
    def thread_page(self) -> Outcome:
        return to(self.world.threads[self.target.thread].get_absolute_url())


Expect = Callable[[Ask], Outcome]


@dataclass(frozen=True)
class Row:
    get: Expect
    post: Expect | None = None
    targets: tuple[Target, ...] = (NONE,)
    data: dict[str, str] = field(default_factory=dict)
    viewers: tuple[str, ...] = VIEWERS


# ---------------------------------------------------------------------------
# Expectations, from the simplest to the most particular


def everyone(outcome: Outcome) -> Expect:
    return lambda a: outcome


def signed_in(outcome: Expect | Outcome, anonymous: Outcome | None = None) -> Expect:
    """Anonymous visitors go to sign in (or `anonymous`); signed-in ones get outcome."""

    def expect(a: Ask) -> Outcome:
        if a.anonymous:
            return anonymous or a.login
        return outcome(a) if callable(outcome) else outcome

    return expect


def post_only(a: Ask) -> Outcome:
    return a.login if a.anonymous else NOT_ALLOWED


def members(outcome: Expect | Outcome) -> Expect:
    """Group content: sign in first; then 404 unless a member of the group."""

    def expect(a: Ask) -> Outcome:
        if a.anonymous:
            return a.login
        if not a.is_member:
            return NOT_FOUND
        return outcome(a) if callable(outcome) else outcome

    return expect


def about_page(a: Ask) -> Outcome:
    return OK if a.sees_about else NOT_FOUND


def about_visible(outcome: Expect | Outcome) -> Expect:
    """Routes that act on a group the viewer may know about."""

    def expect(a: Ask) -> Outcome:
        if a.anonymous:
            return a.login
        if not a.sees_about:
            return NOT_FOUND
        return outcome(a) if callable(outcome) else outcome

    return expect


def profile(a: Ask) -> Outcome:
    person = a.target.person
    if a.anonymous or person is None:
        return NOT_FOUND
    if a.viewer == person or a.world.shares_group(a.viewer, person):
        return OK
    return NOT_FOUND


def join(a: Ask) -> Outcome:
    if a.is_member or a.is_invited or JOIN_POLICY[a.group] == "open":
        return a.group_page
    return to(a.url("groups:request", slug=a.slug))


def leave(a: Ask) -> Outcome:
    if a.group == "unlisted":
        return to(a.url("groups:list"))
    return a.group_page


def ask_to_join_page(a: Ask) -> Outcome:
    return a.group_page if a.is_member else OK


def ask_to_join(a: Ask) -> Outcome:
    if a.is_member or JOIN_POLICY[a.group] == "request":
        return a.group_page
    return OK  # refused with a reason on the form: the group is open or invite-only


def managers(outcome: Expect | Outcome) -> Expect:
    def expect(a: Ask) -> Outcome:
        if not a.is_manager:
            return a.group_page
        return outcome(a) if callable(outcome) else outcome

    return expect


def decide(a: Ask) -> Outcome:
    if not a.target.belongs:
        return NOT_FOUND
    return to(a.url("groups:requests", slug=a.slug))


def moderators(outcome: Expect | Outcome) -> Expect:
    """The moderation queue: 404 to everyone but the group's moderators."""

    def expect(a: Ask) -> Outcome:
        if a.anonymous:
            return a.login
        if not a.is_moderator or not a.target.belongs:
            return NOT_FOUND
        return outcome(a) if callable(outcome) else outcome

    return expect


def queue_page(a: Ask) -> Outcome:
    return to(a.url("moderation:queue", slug=a.slug))


def queue_item(a: Ask) -> Outcome:
    flag_id = a.target.kwargs(a.world)["flag_id"]
    return to(a.url("moderation:queue", slug=a.slug) + f"#flag-{flag_id}")


def reporters(outcome: Expect | Outcome) -> Expect:
    """Reports: the members of the content's group, about content still there; one's
    own content is never reported, so its writer goes back to it."""

    def expect(a: Ask) -> Outcome:
        if a.anonymous:
            return a.login
        if not a.is_member or not a.target.belongs:
            return NOT_FOUND
        return outcome(a) if callable(outcome) else outcome

    return expect


def message_in_room(a: Ask) -> Outcome:
    seq = a.target.kwargs(a.world)["seq"]
    return to(a.url("chat:room", slug=a.slug) + f"#message-{seq}")


def report_profile(outcome: Expect | Outcome) -> Expect:
    """Profiles are reported by people who share a group with the person."""

    def expect(a: Ask) -> Outcome:
        person = a.target.person
        if a.anonymous:
            return a.login
        if person is None:
            return NOT_FOUND
        if a.viewer == person:
            return own_profile(a)
        if not a.world.shares_group(a.viewer, person):
            return NOT_FOUND
        return outcome(a) if callable(outcome) else outcome

    return expect


def their_profile(a: Ask) -> Outcome:
    user = a.world.users[a.target.person or ""]
    assert user is not None
    return to(a.url("accounts:profile", username=user.username))


def room_message(a: Ask) -> Outcome:
    return Outcome(302, location_pattern=rf"/groups/{a.slug}/chat/#message-\d+")


def member_actions_page(a: Ask) -> Outcome:
    return to(a.url("moderation:member", **a.target.kwargs(a.world)))


def meeting_page(a: Ask) -> Outcome:
    return to(a.url("meetings:detail", **a.target.kwargs(a.world)))


def meeting_hosts(outcome: Expect | Outcome, others: Expect) -> Expect:
    """Scheduling, changing, cancelling: the group's facilitators and moderators."""

    def expect(a: Ask) -> Outcome:
        if not a.is_manager:
            return others(a)
        return outcome(a) if callable(outcome) else outcome

    return expect


def meetings_list(a: Ask) -> Outcome:
    return to(a.url("meetings:list", slug=a.slug))


def meetings_list_of_meeting(a: Ask) -> Outcome:
    return to(a.url("meetings:list", slug=a.world.groups[a.target.group].slug))


def edit_page(a: Ask) -> Outcome:
    return OK if a.is_author else a.reply_page


def delete_page(a: Ask) -> Outcome:
    return OK if a.is_author or a.is_moderator else a.reply_page


def delete(a: Ask) -> Outcome:
    return a.thread_page if a.is_author or a.is_moderator else a.reply_page


def reveal(a: Ask) -> Outcome:
    anonymous_reply = a.target.reply == "listed anonymous"
    return OK if anonymous_reply and a.is_moderator else a.reply_page


def block_or_mute_page(done: Expect) -> Expect:
    """Block or mute someone: only people one shares a group with; oneself never
    (back to one's own profile); `done` once confirmed."""

    def expect(a: Ask) -> Outcome:
        person = a.target.person
        if a.anonymous:
            return a.login
        if person is None:
            return NOT_FOUND
        if a.viewer == person:
            return own_profile(a)
        if a.world.shares_group(a.viewer, person):
            return done(a)
        return NOT_FOUND

    return expect


def quiet_page(a: Ask) -> Outcome:
    return to(a.url("moderation:quiet"))


def word_filters_page(a: Ask) -> Outcome:
    return to(a.url("moderation:filters", slug=a.slug))


def group_settings_page(a: Ask) -> Outcome:
    return to(a.url("groups:settings", slug=a.slug))


def own_profile(a: Ask) -> Outcome:
    user = a.world.users[a.viewer]
    assert user is not None
    return to(a.url("accounts:profile", username=user.username))


def admin(a: Ask) -> Outcome:
    return a.admin_login


def in_conversation(outcome: Expect | Outcome) -> Expect:
    """Private messages: sign in first; then 404 unless one of the two members."""

    def expect(a: Ask) -> Outcome:
        if a.anonymous:
            return a.login
        if a.target.gone or a.viewer not in TALKING:
            return NOT_FOUND
        return outcome(a) if callable(outcome) else outcome

    return expect


def conversation_page(a: Ask) -> Outcome:
    return to(private_messages(a.world)["conversation"].get_absolute_url())


def write_to(outcome: Expect | Outcome) -> Expect:
    """Writing to someone: 404 unless the viewer shares a group with them."""

    def expect(a: Ask) -> Outcome:
        person = a.target.person
        if a.anonymous:
            return a.login
        if person is None or person == a.viewer:
            return NOT_FOUND
        if not a.world.shares_group(a.viewer, person):
            return NOT_FOUND
        return outcome(a) if callable(outcome) else outcome

    return expect


def write_page(a: Ask) -> Outcome:
    """Once two people have a conversation, writing goes through its page."""
    return conversation_page(a) if {a.viewer, a.target.person} == set(TALKING) else OK


def received_by_viewer(outcome: Expect | Outcome) -> Expect:
    """Reporting a private message: only the member it was sent to; else 404."""

    def expect(a: Ask) -> Outcome:
        if a.anonymous:
            return a.login
        if a.target.gone or a.viewer not in TALKING or a.viewer == a.target.author:
            return NOT_FOUND
        return outcome(a) if callable(outcome) else outcome

    return expect


def reported_message_place(a: Ask) -> Outcome:
    key = "received" if a.target.author == "facilitator" else "sent"
    return to(private_messages(a.world)[key].get_absolute_url())


def shared_resource(a: Ask) -> Outcome:
    """Sharing in the listed group: its members; for others the group is not a
    choice, and the form comes back."""
    if a.world.is_member(a.viewer, "listed"):
        return Outcome(302, location_pattern=r"/resources/\d+/")
    return Outcome(422)


def resource_page(a: Ask) -> Outcome:
    return to(a.url("resources:detail", **a.target.kwargs(a.world)))


def searcher(a: Ask) -> Outcome:
    """Search: signed-in viewers get the page, finding only what they may see;
    visitors sign in first, with the search kept in `next`."""
    if a.anonymous:
        return to("/accounts/login/?" + urlencode({"next": a.path}))
    return OK


def remover(outcome: Expect | Outcome) -> Expect:
    """Removing a resource: its sharer, or a moderator of one of its groups; other
    members go back to it."""

    def expect(a: Ask) -> Outcome:
        if not (a.is_author or a.is_moderator):
            return resource_page(a)
        return outcome(a) if callable(outcome) else outcome

    return expect


def own_balance(outcome: Expect | Outcome) -> Expect:
    """A member's check-ins, list and check-backs: 404 to everyone else, their
    groups' moderators and facilitators too."""

    def expect(a: Ask) -> Outcome:
        if a.anonymous:
            return a.login
        if a.target.gone or a.viewer != a.target.person:
            return NOT_FOUND
        return outcome(a) if callable(outcome) else outcome

    return expect


def own_notification(outcome: Expect | Outcome) -> Expect:
    """A notification: its recipient's alone; 404 to everyone else."""

    def expect(a: Ask) -> Outcome:
        if a.anonymous:
            return a.login
        if a.target.gone or a.viewer != a.target.person:
            return NOT_FOUND
        return outcome(a) if callable(outcome) else outcome

    return expect


def own_export(a: Ask) -> Outcome:
    """Only its member; then the password again (force_login never gave it)."""
    if a.target.gone or a.viewer != a.target.person:
        return NOT_FOUND
    return a.reauthenticate


def find_help_page(a: Ask) -> Outcome:
    """Public pages: a chosen country goes to its page; an unknown code is 404."""
    if a.target.gone:
        return NOT_FOUND
    if a.target.query == "country=gb":
        return to("/help/professional/gb/")
    return OK


NEW_THREAD = Outcome(302, location_pattern=r"/threads/\d+/#reply-\d+")
NEW_REPLY = Outcome(302, location_pattern=r"/threads/\d+/#reply-\d+")
NEW_MEETING = Outcome(302, location_pattern=r"/meetings/\d+/")
MEETING_FORM = {
    "title": "Sunday check-in",
    "starts_on": (date.today() + timedelta(days=40)).isoformat(),
    "start_time": "12:00",
    "time_zone": "Europe/Lisbon",
    "duration_minutes": "60",
    "recurrence": "weekly",
}
REPORT_FORM = {"reason": "spam", "note": ""}
PROFILE_FORM = {
    "display_name": "Someone new",
    "pronouns": "they/them",
    "bio": "Hello.",
    "country": "",
    "time_zone": "UTC",
    "language": "en",
}


# ---------------------------------------------------------------------------
# The table: one row per route


ROUTES: dict[str, Row] = {
    "home": Row(get=everyone(OK)),
    "healthz": Row(get=everyone(OK)),
    "robots_txt": Row(get=everyone(OK)),
    # What Alongside keeps, who sees it, how long: public, like Get help now.
    "privacy:notice": Row(get=everyone(OK)),
    "safety:help": Row(
        get=everyone(OK), targets=(NONE, Target("a country", query="country=GB"))
    ),
    # Find professional help: public, like Get help now. Choosing a country goes
    # to its page; a code that names no country is not found.
    "findhelp:index": Row(
        get=find_help_page,
        targets=(
            NONE,
            Target("a country chosen", query="country=gb"),
            Target("an unknown country chosen", query="country=Narnia"),
        ),
    ),
    "findhelp:country": Row(
        get=find_help_page,
        targets=(
            Target("a country", lambda w: {"country": "gb"}),
            Target("a country in capitals", lambda w: {"country": "US"}),
            Target("a country with no list yet", lambda w: {"country": "fr"}),
            Target("an unknown country", lambda w: {"country": "zz"}, gone=True),
        ),
    ),
    "safety:preview": Row(
        get=post_only, post=signed_in(OK), data={"body": "Some words of mine."}
    ),
    # Profiles
    "accounts:profile": Row(get=profile, post=profile, targets=PROFILES),
    "accounts:profile_edit": Row(
        get=signed_in(OK),
        post=signed_in(own_profile),
        data=PROFILE_FORM,
    ),
    # Where you're signed in: your own sessions only; a POST signs out the others
    # (whatever session ids it names: accounts/tests/test_sessions.py). allauth's
    # own route at the same address is served by this page.
    "accounts:sessions": Row(
        get=signed_in(OK),
        post=signed_in(to("/accounts/sessions/")),
        data={"sessions": "1"},
    ),
    # Deleting your account: the page and its form are the viewer's own (a wrong
    # password is refused and nothing changes). Keeping or letting go of an account
    # set to be deleted needs the password given at sign-in just before
    # (accounts/tests/test_deletion.py); without it, both send to sign in.
    "accounts:delete": Row(
        get=signed_in(OK),
        post=signed_in(Outcome(422)),
        data={"posts": "delete", "password": "not-the-password"},
    ),
    "accounts:deleted": Row(get=everyone(OK)),
    "accounts:keep": Row(
        get=everyone(NOT_ALLOWED), post=everyone(to("/accounts/login/"))
    ),
    "accounts:continue_deletion": Row(
        get=everyone(NOT_ALLOWED), post=everyone(to("/accounts/login/"))
    ),
    "usersessions_list": Row(
        get=signed_in(OK),
        post=signed_in(to("/accounts/sessions/")),
        data={"sessions": "1"},
    ),
    # Groups
    "groups:list": Row(
        get=everyone(OK),
        targets=(NONE, Target("a search for an unlisted group", query="q=Recovery")),
    ),
    "groups:detail": Row(
        get=about_page,
        targets=(*group_targets(), *WAITING_THREADS),
    ),
    "groups:join": Row(
        get=post_only, post=about_visible(join), targets=group_targets()
    ),
    "groups:leave": Row(get=post_only, post=members(leave), targets=group_targets()),
    "groups:request": Row(
        get=about_visible(ask_to_join_page),
        post=about_visible(ask_to_join),
        targets=group_targets(),
        data={"answer": "I care for my dad."},
    ),
    "groups:withdraw": Row(
        get=post_only,
        post=about_visible(lambda a: a.group_page),
        targets=group_targets(),
    ),
    "groups:decline": Row(
        get=post_only, post=about_visible(to("/")), targets=group_targets()
    ),
    "groups:members": Row(get=members(OK), targets=group_targets()),
    "groups:invite": Row(
        get=members(managers(OK)),
        post=members(managers(lambda a: to(a.url("groups:members", slug=a.slug)))),
        targets=group_targets(),
        data={"username": "quinn"},
    ),
    "groups:requests": Row(get=members(managers(OK)), targets=group_targets()),
    "groups:decide": Row(
        get=post_only,
        post=members(managers(decide)),
        targets=JOIN_REQUESTS,
        data={"decision": "decline"},
    ),
    # Threads, replies, reactions
    "threads:new": Row(
        get=members(OK),
        post=members(NEW_THREAD),
        targets=group_targets(),
        data={"title": "A quiet question", "body": "How do you rest?"},
    ),
    "threads:detail": Row(
        get=members(OK),
        targets=(*THREADS, LATER_PAGE),
    ),
    "threads:reply": Row(
        get=post_only,
        post=members(NEW_REPLY),
        targets=THREADS,
        data={"body": "Same here, most days."},
    ),
    "threads:edit": Row(
        get=members(edit_page),
        post=members(lambda a: a.reply_page),
        targets=REPLIES,
        data={"body": "Changed my mind about the words."},
    ),
    "threads:delete": Row(
        get=members(delete_page), post=members(delete), targets=REPLIES
    ),
    "threads:react": Row(
        get=post_only,
        post=members(lambda a: a.reply_page),
        targets=REPLIES,
        data={"kind": "thinking_of_you"},
    ),
    "threads:reveal": Row(
        get=members(reveal),
        post=members(reveal),
        targets=REPLIES,
        data={"reason": "They wrote about being unsafe tonight."},
    ),
    # Moderation
    "moderation:queue": Row(get=moderators(OK), targets=group_targets()),
    "moderation:reach_out": Row(
        get=moderators(OK),
        post=moderators(queue_page),
        targets=FLAGS,
        data={"body": "Checking in: how are you doing today?"},
    ),
    "moderation:resolve": Row(
        get=post_only, post=moderators(queue_page), targets=FLAGS, data={"reason": ""}
    ),
    # Member reports: the content's group; the queue's claims, dismissals and the
    # moderator's own pace: its moderators; every group's queue: admins only.
    "moderation:report_reply": Row(
        get=reporters(lambda a: a.reply_page if a.is_author else OK),
        post=reporters(lambda a: a.reply_page),
        targets=REPLIES,
        data=REPORT_FORM,
    ),
    "moderation:report_message": Row(
        get=reporters(lambda a: message_in_room(a) if a.is_author else OK),
        post=reporters(message_in_room),
        targets=MESSAGES,
        data=REPORT_FORM,
    ),
    "moderation:report_profile": Row(
        get=report_profile(OK),
        post=report_profile(their_profile),
        targets=PROFILES,
        data=REPORT_FORM,
    ),
    "moderation:claim": Row(get=post_only, post=moderators(queue_item), targets=FLAGS),
    "moderation:release": Row(
        get=post_only, post=moderators(queue_item), targets=FLAGS
    ),
    # The cast's flags are safety flags, which are left up rather than dismissed.
    "moderation:dismiss": Row(
        get=post_only, post=moderators(queue_item), targets=FLAGS
    ),
    "moderation:break_after": Row(
        get=post_only,
        post=moderators(queue_page),
        targets=group_targets(),
        data={"break_after": "12"},
    ),
    "moderation:step_away": Row(
        get=post_only, post=moderators(to("/")), targets=group_targets()
    ),
    "moderation:site_queue": Row(get=signed_in(NOT_FOUND)),
    # Professional badges: applying is each member's own page. Deciding is for
    # the site's admins alone, and none of the viewers is one, so all of them get
    # 404 (applicants too: alongside/resources/tests/test_professionals.py).
    "professionals:apply": Row(
        get=signed_in(OK),
        post=signed_in(to("/professionals/apply/")),
        data=APPLY_FORM,
    ),
    "professionals:list": Row(get=signed_in(NOT_FOUND)),
    "professionals:detail": Row(get=signed_in(NOT_FOUND), targets=CREDENTIALS),
    "professionals:verify": Row(
        get=post_only,
        post=signed_in(NOT_FOUND),
        targets=CREDENTIALS,
        data=DECISION_FORM,
    ),
    "professionals:renew": Row(
        get=post_only,
        post=signed_in(NOT_FOUND),
        targets=CREDENTIALS,
        data=DECISION_FORM,
    ),
    "professionals:decline": Row(
        get=post_only,
        post=signed_in(NOT_FOUND),
        targets=CREDENTIALS,
        data=DECISION_FORM,
    ),
    "professionals:revoke": Row(
        get=post_only,
        post=signed_in(NOT_FOUND),
        targets=CREDENTIALS,
        data=DECISION_FORM,
    ),
    "moderation:context_note": Row(
        get=moderators(OK),
        post=moderators(lambda a: a.reply_page),
        targets=REPLIES,
        data={"body": "Heat helps some people.", "source_1": "https://www.nhs.uk/"},
    ),
    "moderation:context_note_withdraw": Row(
        get=post_only,
        post=moderators(lambda a: a.reply_page),
        targets=NOTES,
        data={"reason": "Out of date."},
    ),
    # Moderators' actions on replies, threads, room messages and members: 404 for
    # all but the group's moderators. Suspending someone from the whole site: the
    # site's admins only (none of the viewers is one).
    "threads:hide": Row(
        get=moderators(OK),
        post=moderators(lambda a: a.reply_page),
        targets=REPLIES,
        data={"reason": "It names another member."},
    ),
    "threads:restore": Row(
        get=moderators(OK),
        post=moderators(lambda a: a.reply_page),
        targets=REPLIES,
        data={"reason": "Edited; fine now."},
    ),
    "threads:lock": Row(
        get=moderators(OK),
        post=moderators(lambda a: a.thread_page),
        targets=THREADS,
        data={"reason": "Going in circles."},
    ),
    "threads:unlock": Row(
        get=moderators(OK),
        post=moderators(lambda a: a.thread_page),
        targets=THREADS,
        data={"reason": "Calmer now."},
    ),
    # The cast's moderator moderates one group only: nowhere to move a thread to.
    "threads:move": Row(
        get=moderators(OK),
        post=moderators(Outcome(422)),
        targets=THREADS,
        data={"group": "caring", "reason": "It belongs there."},
    ),
    "moderation:hide": Row(
        get=moderators(OK),
        post=moderators(queue_page),
        targets=FLAGS,
        data={"reason": "Names another member."},
    ),
    "moderation:restore": Row(
        get=moderators(OK),
        post=moderators(queue_page),
        targets=FLAGS,
        data={"reason": "Fine after all."},
    ),
    "chat:hide": Row(
        get=moderators(OK),
        post=moderators(room_message),
        targets=MESSAGES,
        data={"reason": "Off topic and unkind."},
    ),
    "chat:restore": Row(
        get=moderators(OK),
        post=moderators(room_message),
        targets=MESSAGES,
        data={"reason": "Fine after all."},
    ),
    "moderation:member": Row(get=moderators(OK), targets=GROUP_MEMBERS),
    "moderation:warn": Row(
        get=moderators(OK),
        post=moderators(member_actions_page),
        targets=GROUP_MEMBERS,
        data={"reason": "Please keep advice to your own experience."},
    ),
    "moderation:mute_in_group": Row(
        get=moderators(OK),
        post=moderators(member_actions_page),
        targets=GROUP_MEMBERS,
        data={"period": "day", "reason": "A day to cool off."},
    ),
    "moderation:unmute_in_group": Row(
        get=moderators(OK),
        post=moderators(member_actions_page),
        targets=GROUP_MEMBERS,
        data={"reason": "Early, with thanks."},
    ),
    "moderation:remove_member": Row(
        get=moderators(OK),
        post=moderators(lambda a: to(a.url("groups:members", slug=a.slug))),
        targets=GROUP_MEMBERS,
        data={"reason": "Repeated harassment."},
    ),
    "moderation:suspend": Row(
        get=signed_in(NOT_FOUND),
        post=signed_in(NOT_FOUND),
        targets=ACCOUNTS,
        data={"ends_on": "2099-01-01", "reason": "Spam across groups."},
    ),
    "moderation:unsuspend": Row(
        get=signed_in(NOT_FOUND),
        post=signed_in(NOT_FOUND),
        targets=ACCOUNTS,
        data={"reason": "Appeal accepted."},
    ),
    # Held posts and word filters: the group's moderators. (The world's flags are
    # not about held posts, so approving or declining one changes nothing.)
    "moderation:approve_held": Row(
        get=post_only, post=moderators(queue_page), targets=FLAGS
    ),
    "moderation:decline_held": Row(
        get=moderators(OK),
        post=moderators(queue_page),
        targets=FLAGS,
        data={"reason": "Not right for this group as it is."},
    ),
    "moderation:filters": Row(
        get=moderators(OK),
        post=moderators(word_filters_page),
        targets=group_targets(),
        data={"phrase": "buy now", "action": "hold"},
    ),
    "moderation:filter_remove": Row(
        get=post_only, post=moderators(word_filters_page), targets=WORD_FILTERS
    ),
    "groups:settings": Row(
        get=members(managers(OK)),
        post=members(managers(group_settings_page)),
        targets=group_targets(),
        data={"holds_first_posts": "on"},
    ),
    # Members' own tools: about the viewer's own choices. Blocking or muting needs a
    # shared group; undoing finds only one's own choices, so it answers alike for
    # any name.
    "moderation:quiet": Row(get=signed_in(OK)),
    "moderation:block": Row(
        get=block_or_mute_page(lambda a: OK),
        post=block_or_mute_page(quiet_page),
        targets=PROFILES,
    ),
    "moderation:mute_member": Row(
        get=block_or_mute_page(lambda a: OK),
        post=block_or_mute_page(quiet_page),
        targets=PROFILES,
    ),
    "moderation:unblock": Row(
        get=post_only, post=signed_in(quiet_page), targets=PROFILES
    ),
    "moderation:unmute_member": Row(
        get=post_only, post=signed_in(quiet_page), targets=PROFILES
    ),
    "moderation:mute_thread": Row(
        get=post_only, post=members(lambda a: a.thread_page), targets=THREADS
    ),
    "moderation:unmute_thread": Row(
        get=post_only, post=members(lambda a: a.thread_page), targets=THREADS
    ),
    # Meetings: group content; facilitators and moderators schedule and change them.
    "meetings:list": Row(get=members(OK), targets=group_targets()),
    "meetings:new": Row(
        get=members(meeting_hosts(OK, meetings_list)),
        post=members(meeting_hosts(NEW_MEETING, meetings_list)),
        targets=group_targets(),
        data=MEETING_FORM,
    ),
    "meetings:detail": Row(get=members(OK), targets=MEETINGS),
    "meetings:edit": Row(
        get=members(meeting_hosts(OK, meeting_page)),
        post=members(meeting_page),
        targets=MEETINGS,
        data=MEETING_FORM,
    ),
    "meetings:cancel": Row(
        get=post_only,
        post=members(meeting_hosts(meetings_list_of_meeting, meeting_page)),
        targets=MEETINGS,
    ),
    "meetings:answer": Row(
        get=post_only,
        post=members(lambda a: to(meeting_page(a).location + "#answer")),
        targets=MEETINGS,
        data={"answer": "maybe"},
    ),
    "meetings:download": Row(get=members(OK), targets=MEETINGS),
    "meetings:calendar": Row(
        get=signed_in(OK),
        post=signed_in(to("/meetings/calendar/")),
        data={"shows_names": ""},
    ),
    "meetings:regenerate": Row(
        get=post_only, post=signed_in(to("/meetings/calendar/"))
    ),
    # The secret in the address is the key: a wrong one is not found, for everyone.
    "meetings:feed": Row(
        get=everyone(NOT_FOUND),
        targets=(Target("a made-up address", lambda w: {"token": "made-up-token"}),),
    ),
    # The live room of each group: members only.
    "chat:room": Row(get=members(OK), targets=(*group_targets(), *EARLIER_MESSAGES)),
    "chat:send": Row(
        get=post_only,
        post=members(
            lambda a: Outcome(
                302, location_pattern=rf"/groups/{a.slug}/chat/#message-\d+"
            )
        ),
        targets=group_targets(),
        data={
            "body": "Evening, everyone.",
            "client_id": "6f1c2a8e-63a4-4f7e-9d25-2f1b1c0e8a01",
        },
    ),
    # A refused host action comes back to the room with a message, like a done one.
    "chat:host": Row(
        get=post_only,
        post=members(lambda a: to(a.url("chat:room", slug=a.slug))),
        targets=group_targets(),
        data={"action": "start"},
    ),
    "chat:state": Row(get=members(OK), targets=group_targets()),
    # Private messages: only the two members of a conversation ever see it; a
    # moderator reads one message of it once it is reported to their group.
    "privacy:messages": Row(get=signed_in(OK)),
    "privacy:preference": Row(
        get=signed_in(OK),
        post=signed_in(to("/messages/settings/")),
        data={"messages_from": "members"},
    ),
    "privacy:write": Row(
        get=write_to(write_page),
        post=write_to(Outcome(302, location_pattern=r"/messages/\d+/#message-\d+")),
        targets=WRITE_TO,
        data=PRIVATE_MESSAGE_FORM,
    ),
    "privacy:conversation": Row(
        get=in_conversation(OK),
        post=in_conversation(
            Outcome(302, location_pattern=r"/messages/\d+/#message-\d+")
        ),
        targets=CONVERSATIONS,
        data=PRIVATE_MESSAGE_FORM,
    ),
    "privacy:report": Row(
        get=received_by_viewer(OK),
        post=received_by_viewer(reported_message_place),
        targets=PRIVATE_MESSAGES,
        data={"reason": "harassment", "note": ""},
    ),
    # Opening the message is a POST, so every reading is logged and a GET writes
    # nothing.
    "privacy:reported": Row(
        get=moderators(OK), post=moderators(OK), targets=REPORTED_MESSAGES
    ),
    # Download your data: the page is about the viewer alone; asking for a copy
    # and downloading one need the password again. A copy is its member's only.
    "privacy:export": Row(
        get=signed_in(OK), post=signed_in(lambda a: a.reauthenticate)
    ),
    "privacy:export_download": Row(get=signed_in(own_export), targets=EXPORTS),
    # Email about notifications: the viewer's own choice. The stop link in every
    # email works for anyone who holds it, signed in or not (mail apps post to it):
    # its signed key can only turn emails off, and a GET only asks. A made-up or
    # changed key is not found.
    "notifications:email_settings": Row(
        get=signed_in(OK),
        post=signed_in(to("/notifications/email/")),
        data={"mode": "daily"},
    ),
    "notifications:email_stop": Row(
        get=lambda a: NOT_FOUND if a.target.gone else OK,
        post=lambda a: NOT_FOUND if a.target.gone else OK,
        targets=STOP_LINKS,
    ),
    # Notifications: each viewer's own list and choices. One notification is its
    # recipient's alone (404 to everyone else); opening it goes to what it is
    # about. Following a thread and a group's level: members of the group.
    "notifications:list": Row(get=signed_in(OK)),
    "notifications:open": Row(
        get=post_only,
        post=own_notification(lambda a: a.reply_page),
        targets=NOTIFICATIONS,
    ),
    "notifications:read": Row(
        get=post_only,
        post=own_notification(to("/notifications/")),
        targets=NOTIFICATIONS,
    ),
    "notifications:read_all": Row(get=post_only, post=signed_in(to("/notifications/"))),
    "notifications:settings": Row(
        get=signed_in(OK), post=signed_in(to("/notifications/settings/"))
    ),
    "notifications:follow": Row(
        get=post_only, post=members(lambda a: a.thread_page), targets=THREADS
    ),
    "notifications:unfollow": Row(
        get=post_only, post=members(lambda a: a.thread_page), targets=THREADS
    ),
    "notifications:group_level": Row(
        get=post_only,
        post=members(
            lambda a: to(a.url("groups:detail", slug=a.slug) + "#notify-level")
        ),
        targets=group_targets(),
        data={"level": "everything"},
    ),
    # The member's own balance: time on the site and the limits they set. Each
    # page is about the viewer alone and takes no ids, so every signed-in viewer
    # gets their own. The break page sends back whoever has no nudge due.
    "wellbeing:balance": Row(get=signed_in(OK)),
    "wellbeing:limits": Row(
        get=signed_in(OK),
        post=signed_in(to("/balance/")),
        data={"daily_minutes": "45", "quiet_from": "23:00", "quiet_until": "07:00"},
    ),
    "wellbeing:beat": Row(get=post_only, post=signed_in(OK), data={"idle": "0"}),
    "wellbeing:break": Row(
        get=signed_in(to("/")), post=signed_in(to("/")), data={"choice": "continue"}
    ),
    "wellbeing:break_taken": Row(get=signed_in(OK)),
    # Check-ins and the list of support outside Alongside: each viewer's own pages,
    # and one entry of them is the member's alone (404 to everyone else). The
    # check-back is answered by the member it is due to; for anyone else there is
    # nothing to answer (404).
    "wellbeing:checkins": Row(
        get=signed_in(OK),
        post=signed_in(to("/balance/checkins/")),
        data={"mood": "3", "note": ""},
    ),
    "wellbeing:checkin_delete": Row(
        get=own_balance(OK),
        post=own_balance(to("/balance/checkins/")),
        targets=CHECKINS,
    ),
    "wellbeing:support": Row(
        get=signed_in(OK),
        post=signed_in(to("/balance/support/")),
        data=SUPPORT_CONTACT_FORM,
    ),
    "wellbeing:support_edit": Row(
        get=own_balance(OK),
        post=own_balance(to("/balance/support/")),
        targets=SUPPORT_CONTACTS,
        data=SUPPORT_CONTACT_FORM,
    ),
    "wellbeing:support_delete": Row(
        get=own_balance(OK),
        post=own_balance(to("/balance/support/")),
        targets=SUPPORT_CONTACTS,
    ),
    "wellbeing:support_options": Row(get=signed_in(OK)),
    "wellbeing:suggestions": Row(
        get=post_only, post=signed_in(to("/balance/")), data={"suggest_support": "on"}
    ),
    "wellbeing:check_back": Row(
        get=post_only,
        post=own_balance(to("/")),
        targets=CHECK_BACKS,
        data={"answer": "dismissed"},
    ),
    # The resource library: resources are group content, seen by the members of
    # their groups. Browsing by a group's address, or preselecting it for sharing,
    # never shows a group the viewer is not in. Nobody in the cast is a verified
    # professional, so reviewing is not found for all of them.
    "resources:library": Row(
        get=signed_in(OK),
        targets=(
            NONE,
            Target("the unlisted group's resources", query="group=recovery-together"),
            Target("resources tagged sleep", query="tag=sleep"),
        ),
    ),
    "resources:share": Row(
        get=signed_in(OK),
        post=signed_in(shared_resource),
        targets=(
            NONE,
            Target("sharing in the unlisted group", query="group=recovery-together"),
        ),
        data=SHARE_FORM,
    ),
    "resources:detail": Row(get=members(OK), targets=RESOURCES),
    "resources:helped": Row(
        get=post_only,
        post=members(lambda a: to(resource_page(a).location + "#helped")),
        targets=RESOURCES,
    ),
    "resources:review": Row(
        get=signed_in(NOT_FOUND),
        post=signed_in(NOT_FOUND),
        targets=RESOURCES,
        data={"verdict": "sound", "note": ""},
    ),
    "resources:remove": Row(
        get=members(remover(OK)),
        post=members(remover(to("/resources/"))),
        targets=RESOURCES,
        data={"reason": "Out of date."},
    ),
    # Search: every viewer searches what they may see; the leak check proves the
    # results hold no other group's words. A group that is not the viewer's is
    # dropped from the search, never named back.
    "search:index": Row(
        get=searcher,
        targets=(
            NONE,
            Target(
                "words in every group's threads and replies",
                query="q=hide+or+slipped+or+respite+or+heat+or+counts",
            ),
            Target(
                "words in every group's resources",
                query="q=list+or+respite+or+worksheet+or+sleep",
            ),
            Target(
                "the unlisted group's words, through its address",
                query="q=slipped+or+hide&group=recovery-together&order=newest",
            ),
        ),
    ),
    # Sign-in, sign-up and account security (allauth): about the viewer alone, so
    # every signed-in viewer gets the same answer.
    "account_login": Row(get=signed_in(to("/"), anonymous=OK)),
    "account_logout": Row(get=signed_in(OK, anonymous=to("/")), post=everyone(to("/"))),
    "account_signup": Row(get=signed_in(to("/"), anonymous=OK)),
    "account_inactive": Row(get=everyone(OK)),
    "account_reauthenticate": Row(get=signed_in(OK)),
    "account_request_reauthentication_code": Row(
        get=signed_in(to("/accounts/reauthenticate/"))
    ),
    "account_confirm_reauthentication_code": Row(
        get=signed_in(to("/accounts/reauthenticate/code/"))
    ),
    "account_email": Row(get=signed_in(OK)),
    "account_email_verification_sent": Row(get=everyone(OK)),
    "account_confirm_email": Row(
        get=everyone(OK),
        targets=(Target("a made-up key", lambda w: {"key": "made-up"}),),
    ),
    "account_change_password": Row(get=signed_in(OK)),
    "account_set_password": Row(get=signed_in(to("/accounts/password/change/"))),
    "account_reset_password": Row(get=everyone(OK)),
    "account_reset_password_done": Row(get=everyone(OK)),
    "account_reset_password_from_key": Row(
        get=everyone(OK),
        targets=(Target("a made-up key", lambda w: {"uidb36": "0", "key": "made-up"}),),
    ),
    "account_reset_password_from_key_done": Row(get=everyone(OK)),
    "account_confirm_login_code": Row(
        get=signed_in(to("/"), anonymous=to("/accounts/login/"))
    ),
    "mfa_index": Row(get=signed_in(OK)),
    "mfa_authenticate": Row(get=signed_in(to("/"), anonymous=to("/accounts/login/"))),
    "mfa_reauthenticate": Row(
        get=signed_in(
            lambda a: OK if a.has_second_factor else to("/accounts/reauthenticate/")
        )
    ),
    "mfa_activate_totp": Row(get=signed_in(lambda a: a.reauthenticate)),
    # Without an authenticator of one's own there is nothing to show or remove.
    "mfa_deactivate_totp": Row(
        get=signed_in(lambda a: a.reauthenticate if a.has_second_factor else NOT_FOUND)
    ),
    "mfa_view_recovery_codes": Row(get=signed_in(NOT_FOUND)),
    "mfa_download_recovery_codes": Row(get=signed_in(NOT_FOUND)),
    "mfa_generate_recovery_codes": Row(get=signed_in(lambda a: a.reauthenticate)),
    "mfa_list_webauthn": Row(get=signed_in(OK)),
    "mfa_add_webauthn": Row(get=signed_in(lambda a: a.reauthenticate)),
    "mfa_reauthenticate_webauthn": Row(get=signed_in(to("/accounts/reauthenticate/"))),
    "mfa_login_webauthn": Row(get=signed_in(to("/"), anonymous=to("/accounts/login/"))),
    "mfa_remove_webauthn": Row(
        get=signed_in(lambda a: a.reauthenticate),
        targets=(Target("someone's passkey", lambda w: {"pk": 1}),),
    ),
    "mfa_edit_webauthn": Row(
        get=signed_in(lambda a: a.reauthenticate),
        targets=(Target("someone's passkey", lambda w: {"pk": 1}),),
    ),
    # The admin is for staff; none of the viewers is staff.
    "admin:login": Row(get=everyone(OK)),
    "admin:logout": Row(get=everyone(to("/admin/")), post=everyone(to("/admin/"))),
}

# Admin pages come and go with every registered model, so they share one row: each
# is still requested, with sample arguments, and must send non-staff to admin login
# (the admin checks staff before it looks at the method). Being staff is all the
# admin asks about, so one anonymous and two signed-in non-staff viewers stand for all.
ADMIN = Row(get=admin, viewers=(ANONYMOUS, "outsider", "moderator"))
ADMIN_SAMPLES = {
    "object_id": "1",
    "id": "1",
    "content_type_id": "1",
    "app_label": "threads",
    "url": "no-such-page/",
}


def row_for(route: Route) -> Row | None:
    if route.key in ROUTES:
        return ROUTES[route.key]
    if route.key.startswith("admin:") or route.pattern.startswith("admin/"):
        return ADMIN
    return None


def assert_every_route_has_a_row(found: list[Route]) -> None:
    missing = sorted({route.key for route in found if row_for(route) is None})
    assert not missing, (
        "These routes have no row in the access matrix (tests/test_access_matrix.py);"
        " add one saying who may reach them: " + ", ".join(missing)
    )
    stale = sorted(set(ROUTES) - {route.key for route in found})
    assert not stale, "These rows name routes that no longer exist: " + ", ".join(stale)


# ---------------------------------------------------------------------------
# Running the table


@dataclass(frozen=True)
class Case:
    route: Route
    row: Row
    target: Target
    path: str

    def describe(self, viewer: str, method: str) -> str:
        what = f"{self.route.key}, {self.target.label}"
        return f"{method} {self.path} ({what}) as {viewer}"


def cases(world: World, viewer: str | None = None) -> Iterator[Case]:
    """Every request the table describes (for one viewer, if given)."""
    for route in routes():
        row = row_for(route)
        if row is None:
            continue  # reported by test_every_route_has_a_row_in_the_access_matrix
        if viewer is not None and viewer not in row.viewers:
            continue
        for target in row.targets:
            if row is ADMIN:
                names = re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route.pattern)
                kwargs = {a or b: ADMIN_SAMPLES[a or b] for a, b in names}
                url = fill(route.pattern, kwargs)
            else:
                url = reverse(route.key, kwargs=target.kwargs(world))
            if target.query:
                url = f"{url}?{target.query}"
            yield Case(route, row, target, url)


def send(client: Client, method: str, url: str, data: dict[str, str]) -> HttpResponse:
    """One request whose writes are undone, so every request sees the same world."""
    cookies = copy.deepcopy(client.cookies)
    try:
        with transaction.atomic():
            response = client.get(url) if method == "GET" else client.post(url, data)
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies
    return response


def leaked_markers(viewer: str, response: HttpResponse) -> list[str]:
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content).decode(errors="replace")
    else:
        body = response.content.decode(errors="replace")
    return [m for m, allowed in MARKERS.items() if viewer not in allowed and m in body]


def check_viewer(world: World, viewer: str) -> list[str]:
    """Ask for every case as one viewer; return every difference from the table."""
    problems = []
    client = world.client(viewer)
    for case in cases(world, viewer):
        ask = Ask(viewer, case.target, world, case.path)
        for method, expect in (("GET", case.row.get), ("POST", case.row.post)):
            if expect is None:
                continue
            expected = expect(ask)
            where = case.describe(viewer, method)
            try:
                response = send(client, method, case.path, case.row.data)
            except Exception as error:  # reported with the case, not raised
                problems.append(f"{where}: raised {error!r}, expected {expected}")
                continue
            if not expected.matches(response):
                problems.append(
                    f"{where}: got {described(response)}, expected {expected}"
                )
            if leaked := leaked_markers(viewer, response):
                problems.append(f"{where}: shows private text {leaked}")
    return problems


# ---------------------------------------------------------------------------
# Tests


def test_every_route_has_a_row_in_the_access_matrix():
    assert_every_route_has_a_row(routes())


def _page(request):
    return HttpResponse("")


def test_a_route_without_a_row_fails_the_matrix_and_is_named():
    import config.urls

    named = ModuleType("with_a_new_page")
    named.urlpatterns = [  # type: ignore[attr-defined]
        *config.urls.urlpatterns,
        path("groups/<slug:slug>/secrets/", _page, name="group_secrets"),
    ]
    with pytest.raises(AssertionError, match="group_secrets"):
        assert_every_route_has_a_row(routes(get_resolver(named)))

    unnamed = ModuleType("with_an_unnamed_page")
    unnamed.urlpatterns = [  # type: ignore[attr-defined]
        *config.urls.urlpatterns,
        path("diary/<int:day>/", _page),
    ]
    with pytest.raises(AssertionError, match=re.escape("diary/<int:day>/")):
        assert_every_route_has_a_row(routes(get_resolver(unnamed)))


def test_routes_are_found_inside_included_allauth_and_admin_urls():
    keys = {route.key for route in routes()}
    assert {"threads:detail", "account_login", "mfa_index", "admin:index"} <= keys
    assert "admin/(?P<url>.*)$" in keys


@pytest.mark.parametrize("viewer", VIEWERS)
def test_each_viewer_gets_exactly_the_answer_in_the_table_and_no_private_text(
    world, viewer
):
    problems = check_viewer(world, viewer)
    assert not problems, f"{len(problems)} differences:\n" + "\n".join(problems)


def test_every_marker_is_seen_by_someone_so_the_leak_check_is_not_vacuous(world):
    seen: dict[str, set[str]] = {marker: set() for marker in MARKERS}
    pages = [
        ("member", reverse("threads:detail", args=[world.threads["listed"].pk])),
        ("member", reverse("threads:detail", args=[world.threads["unlisted"].pk])),
        ("neighbour", reverse("threads:detail", args=[world.threads["neighbour"].pk])),
        ("facilitator", reverse("accounts:profile", args=["rowan"])),
        ("moderator", reverse("groups:requests", args=["chronic-pain"])),
        ("facilitator", reverse("groups:requests", args=["recovery-together"])),
        ("invitee", reverse("groups:detail", args=["recovery-together"])),
        ("facilitator", private_messages(world)["conversation"].get_absolute_url()),
        ("member", reverse("wellbeing:checkins")),
    ]
    balance_rows(world)
    for viewer, url in pages:
        response = world.client(viewer).get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for marker in MARKERS:
            if marker in body:
                seen[marker].add(viewer)
    assert all(seen.values()), [marker for marker, who in seen.items() if not who]
