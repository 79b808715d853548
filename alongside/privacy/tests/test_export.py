"""Download your data: asking for a copy, the background build, the download, its
expiry, and what the copy holds (everything of the member's, nothing private of
anyone else's)."""

import io
import json
import re
import uuid
import zipfile
from datetime import UTC, date, datetime, time, timedelta
from html.parser import HTMLParser
from urllib.parse import unquote

import pytest
from allauth.account.models import EmailAddress
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.models import User
from alongside.chat.actions import hide_chat_message, send_chat_message
from alongside.chat.models import ChatMessage
from alongside.core.rendering import render_markdown
from alongside.groups.actions import create_group, request_to_join, set_role
from alongside.groups.models import Group, Invitation, JoinRequest, Membership
from alongside.meetings.actions import (
    MeetingPlan,
    answer_meeting,
    schedule_meeting,
    set_calendar_preferences,
)
from alongside.meetings.models import RSVP
from alongside.moderation.actions import (
    block_member,
    dismiss_report,
    mute_member,
    mute_thread,
    reach_out,
    report_content,
    resolve_flag,
    warn_member,
)
from alongside.moderation.models import (
    Block,
    ContextNote,
    Flag,
    ModerationLog,
    Mute,
    Report,
    SupportMessage,
)
from alongside.privacy.actions import send_private_message, set_message_preference
from alongside.privacy.export import build_export
from alongside.privacy.models import (
    Conversation,
    DataExport,
    PrivateMessage,
    seal_context,
)
from alongside.privacy.sealing import keyring
from alongside.threads.actions import (
    delete_reply,
    edit_reply,
    hide_reply,
    post_reply,
    start_thread,
    toggle_reaction,
)
from alongside.threads.models import Reaction, Reply, ReplyRevision, Thread
from conftest import PASSWORD, give_second_factor, make_user

from .helpers import text

EXPORT = "/accounts/export/"
READY_TEXT = "Download your data"
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "MERGE")


# ---------------------------------------------------------------------------
# Helpers: the member's steps, as a browser takes them


def confirm(client: Client) -> None:
    """Enter the password again, as the "confirm it's you" page asks."""
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302


def ask(client: Client, capture) -> object:
    """Press "Ask for a copy"; the build is queued once the request commits."""
    with capture(execute=True):
        return client.post(EXPORT)


def export_of(member: User) -> DataExport:
    return DataExport.objects.get(member=member)


def contents(response) -> tuple[dict, str]:
    """The downloaded ZIP's JSON (parsed) and HTML page."""
    body = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        assert sorted(archive.namelist()) == ["alongside-export.json", "index.html"]
        data = json.loads(archive.read("alongside-export.json"))
        page = archive.read("index.html").decode()
    return data, page


def stored(export: DataExport) -> bool:
    return bool(export.file_name) and storages["exports"].exists(export.file_name)


class Tags(HTMLParser):
    """Every element and attribute of a page, as a browser would parse it."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self.attributes: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.names.add(tag)
        self.attributes.extend((name, value or "") for name, value in attrs)


class WriteRecorder:
    def __init__(self) -> None:
        self.statements: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(WRITES):
            self.statements.append(sql)
        return execute(sql, params, many, context)


# ---------------------------------------------------------------------------
# The canary: every kind of the member's data in, nothing private of others


MINE = {
    "bio": "CANARY-BIO-1a2b",
    "pronouns": "CANARY-PRONOUN-9c0d",
    "email": "canary-email-4d5e@example.org",
    "thread_title": "CANARY-THREAD-TITLE-3c4d",
    "opening": "CANARY-OPENING-5e6f",
    "reply": "CANARY-REPLY-7f3a",
    "anonymous": "CANARY-ANON-8b9c",
    "earlier": "CANARY-EARLIER-0d1e",
    "edited": "CANARY-EDITED-2f3a",
    "deleted": "CANARY-DELETED-4b5c",
    "hidden": "CANARY-HIDDEN-6d7e",
    "hide_reason": "CANARY-HIDE-REASON-8f9a",
    "warning": "CANARY-WARNING-0b1c",
    "chat": "CANARY-CHAT-2d3e",
    "pm_sent": "CANARY-PM-SENT-4f5a",
    "pm_received": "CANARY-PM-RECEIVED-6b7c",
    "report_note": "CANARY-REPORT-NOTE-8d9e",
    "support": "CANARY-SUPPORT-0f1a",
    "answer": "CANARY-ANSWER-2b3c",
    "context_note": "CANARY-CONTEXT-NOTE-4d5e",
}
THEIRS = {
    "sam_name": "SECRET-NAME-SAM-2d4e",
    "moderator_name": "SECRET-NAME-MORGAN-6a8b",
    "sam_title": "SECRET-SAM-TITLE-1c3e",
    "sam_opening": "SECRET-SAM-OPENING-5a7c",
    "sam_reply": "SECRET-SAM-REPLY-9b1c",
    "sam_pm": "SECRET-SAM-PM-3d5f",
    "alex_to_sam": "SECRET-ALEX-TO-SAM-7e9a",
    "sam_report": "SECRET-SAM-REPORT-NOTE-1f2b",
    "sam_chat": "SECRET-SAM-CHAT-3a4c",
}
TOTP_SECRET = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"


@pytest.fixture
def canary(member, other_member, facilitator, moderator, group):
    """The member with something of every kind, and others' private content."""
    User.objects.filter(pk=other_member.pk).update(display_name=THEIRS["sam_name"])
    User.objects.filter(pk=moderator.pk).update(display_name=THEIRS["moderator_name"])
    member.bio, member.pronouns, member.email = (
        MINE["bio"],
        MINE["pronouns"],
        MINE["email"],
    )
    member.save()
    EmailAddress.objects.create(user=member, email=MINE["email"], primary=True)
    give_second_factor(member, TOTP_SECRET)
    other_member.refresh_from_db()
    moderator.refresh_from_db()

    # Threads and posts: the member's own, anonymous, edited, deleted, hidden.
    mine = start_thread(
        author=member, group=group, title=MINE["thread_title"], body=MINE["opening"]
    )
    theirs = start_thread(
        author=other_member,
        group=group,
        title=THEIRS["sam_title"],
        body=THEIRS["sam_opening"],
    )
    sam_reply = post_reply(author=other_member, thread=mine, body=THEIRS["sam_reply"])
    post_reply(author=member, thread=theirs, body=MINE["reply"])
    post_reply(author=member, thread=theirs, body=MINE["anonymous"], is_anonymous=True)
    edited = post_reply(author=member, thread=theirs, body=MINE["earlier"])
    edit_reply(editor=member, reply=edited, body=MINE["edited"])
    deleted = post_reply(author=member, thread=theirs, body=MINE["deleted"])
    delete_reply(deleter=member, reply=deleted)
    hidden = post_reply(author=member, thread=theirs, body=MINE["hidden"])
    hide_reply(moderator=moderator, reply=hidden, reason=MINE["hide_reason"])
    warn_member(moderator=moderator, group=group, member=member, reason=MINE["warning"])
    toggle_reaction(member=member, reply=sam_reply, kind=Reaction.Kind.ME_TOO)

    # Chat, both ways.
    send_chat_message(
        author=member, group=group, client_id=uuid.uuid4(), body=MINE["chat"]
    )
    send_chat_message(
        author=other_member,
        group=group,
        client_id=uuid.uuid4(),
        body=THEIRS["sam_chat"],
    )

    # Private messages: both sides of the member's; others' to a third person.
    send_private_message(
        sender=facilitator,
        recipient=member,
        body=MINE["pm_received"],
        client_token=uuid.uuid4(),
    )
    send_private_message(
        sender=member,
        recipient=facilitator,
        body=MINE["pm_sent"],
        client_token=uuid.uuid4(),
    )
    set_message_preference(member=facilitator, messages_from="members")
    send_private_message(
        sender=other_member,
        recipient=facilitator,
        body=THEIRS["sam_pm"],
        client_token=uuid.uuid4(),
    )
    send_private_message(
        sender=facilitator,
        recipient=other_member,
        body=THEIRS["alex_to_sam"],
        client_token=uuid.uuid4(),
    )

    # Reports: the member's own, and one about the member by someone else.
    report_content(
        reporter=member, content=sam_reply, reason="spam", note=MINE["report_note"]
    )
    about_member = report_content(
        reporter=other_member,
        content=mine.replies.get(is_opening=True),
        reason="harassment",
        note=THEIRS["sam_report"],
    ).flag
    reach_out(moderator=moderator, flag=about_member, body=MINE["support"])

    # Meetings, groups, choices, blocks and mutes.
    meeting = schedule_meeting(
        scheduler=facilitator,
        group=group,
        plan=MeetingPlan(
            title="Evening circle",
            starts_on=timezone.localdate() + timedelta(days=10),
            start_time=time(19, 0),
            time_zone="Europe/London",
            duration_minutes=60,
        ),
    )
    occurrence = meeting.next_occurrence(timezone.now())
    assert occurrence is not None
    answer_meeting(
        member=member, meeting=meeting, occurrence_at=occurrence.starts_at, answer="yes"
    )
    caring = create_group(
        name="Caring for a parent",
        slug="caring",
        join_policy=Group.JoinPolicy.REQUEST,
        facilitator=facilitator,
    )
    request_to_join(member=member, group=caring, answer=MINE["answer"])
    set_message_preference(member=member, messages_from="members")
    feed = set_calendar_preferences(member=member, shows_names=True)
    block_member(blocker=member, blocked=facilitator)
    block_member(blocker=other_member, blocked=member)
    mute_member(member=member, muted=facilitator)
    mute_thread(member=member, thread=theirs)
    ContextNote.objects.create(
        content_type=ContentType.objects.get_for_model(Reply),
        object_id=sam_reply.pk,
        author=member,
        body=MINE["context_note"],
        body_html=render_markdown(MINE["context_note"]),
        sources=[{"url": "https://www.nhs.uk/", "domain": "nhs.uk"}],
    )
    return {"thread": mine, "feed_token": feed.token, "sam_reply": sam_reply}


def test_the_copy_holds_everything_of_the_members_and_nothing_private_of_others(
    canary, member, member_client, django_capture_on_commit_callbacks
):
    confirm(member_client)
    response = ask(member_client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == EXPORT
    page = member_client.get(EXPORT)
    assert "We're getting your file ready" in text(page)
    export = export_of(member)
    assert export.status == DataExport.Status.READY
    assert export.get_absolute_url() in text(page)

    download = member_client.get(export.get_absolute_url())
    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip"
    assert download["Content-Disposition"].startswith("attachment;")
    data, html = contents(download)
    raw = json.dumps(data, ensure_ascii=False)

    for name, marker in MINE.items():
        assert marker in raw, f"{name} is missing from the JSON"
        assert marker in html, f"{name} is missing from the HTML copy"
    for name, marker in THEIRS.items():
        assert marker not in raw, f"{name} leaked into the JSON"
        assert marker not in html, f"{name} leaked into the HTML copy"
    # No secrets: not the password, the authenticator's key or the calendar address.
    member.refresh_from_db()
    for secret in (member.password, TOTP_SECRET, canary["feed_token"], "morgan"):
        assert secret not in raw
        assert secret not in html

    # What each part says.
    posts = {post["body_markdown"]: post for post in data["posts"]}
    assert posts[MINE["anonymous"]]["anonymous"] is True
    assert posts[MINE["reply"]]["anonymous"] is False
    assert (
        posts[MINE["edited"]]["earlier_versions"][0]["body_markdown"]
        == (MINE["earlier"])
    )
    assert posts[MINE["deleted"]]["deleted_at"] is not None
    assert posts[MINE["hidden"]]["hidden_reason"] == MINE["hide_reason"]
    assert [t["title"] for t in data["threads"]] == [MINE["thread_title"]]
    messages = {m["body_markdown"]: m for m in data["private_messages"]}
    assert messages[MINE["pm_sent"]]["direction"] == "sent"
    assert messages[MINE["pm_received"]]["direction"] == "received"
    assert {m["with"] for m in messages.values()} == {"Alex"}
    assert [r["post_id"] for r in data["reactions"]] == [canary["sam_reply"].pk]
    assert [r["answer"] for r in data["meeting_answers"]] == ["yes"]
    assert {a["action"] for a in data["moderation_about_you"]} >= {
        "reply_hidden",
        "member_warned",
    }
    assert {a["by"] for a in data["moderation_about_you"]} == {"a moderator"}
    flags = data["safety_flags_about_you"]
    assert "Member report" in [f["source"] for f in flags]
    assert data["reports_made"][0]["about_kind"] == "post"
    assert data["blocks_and_mutes"]["blocked"][0]["member"] == "Alex"
    assert data["privacy_choices"]["private_messages_from"] == "members"
    assert data["account"]["second_factors"][0]["kind"] == "totp"
    assert data["profile"]["username"] == "rowan"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", data["about"]["made_at"])
    assert set(data["about"]["sections"]) == set(data) - {"about"}


def test_the_readable_copy_runs_nothing_and_fetches_nothing(
    member, member_client, group, django_capture_on_commit_callbacks
):
    hostile = (
        "<script>alert(1)</script> <img src=x onerror=alert(1)> "
        '<link rel="stylesheet" href="https://evil.example/x.css">'
    )
    start_thread(author=member, group=group, title="<script>x</script>", body=hostile)
    member.bio = hostile
    member.save()
    confirm(member_client)
    ask(member_client, django_capture_on_commit_callbacks)
    _data, html = contents(member_client.get(export_of(member).get_absolute_url()))
    tags = Tags()
    tags.feed(html)
    assert {"script", "img", "link", "iframe", "object", "embed"}.isdisjoint(tags.names)
    assert not [a for a in tags.attributes if a[0] in {"src", "srcset", "action"}]
    assert not [a for a in tags.attributes if a[0].startswith("on") or a[0] == "style"]
    assert all(v.startswith("#") for name, v in tags.attributes if name == "href")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def _walk_keys(data) -> set[str]:
    if isinstance(data, dict):
        return set(data).union(*(_walk_keys(value) for value in data.values()))
    if isinstance(data, list):
        return set().union(*(_walk_keys(value) for value in data))
    return set()


def test_the_copy_never_says_who_reported_the_member(
    member, moderator, group, thread, member_client, django_capture_on_commit_callbacks
):
    """Two members report what the member wrote, said and is; the moderators act
    on each. The copy tells the member about the reports and what was done, and
    nothing of the people who sent them."""
    wren = make_user(
        "wren-reporter-5c1d",
        display_name="REPORTER-WREN-7e2f",
        email="reporter-wren-9a3b@example.org",
    )
    ivo = make_user(
        "ivo-reporter-2d8e",
        display_name="REPORTER-IVO-4f6a",
        email="reporter-ivo-1b5c@example.org",
    )
    for person in (wren, ivo):
        set_role(group=group, member=person, role=Membership.Role.MEMBER)
    reply = post_reply(author=member, thread=thread, body="You all overthink this.")
    said = send_chat_message(
        author=member, group=group, client_id=uuid.uuid4(), body="Whatever."
    ).message
    on_reply = report_content(
        reporter=wren, content=reply, reason="harassment", note="REPORT-NOTE-WREN-1"
    ).flag
    report_content(reporter=ivo, content=reply, reason="spam")
    on_profile = report_content(
        reporter=wren, content=member, reason="worried", note="REPORT-NOTE-WREN-2"
    ).flag
    on_chat = report_content(
        reporter=ivo, content=said, reason="privacy", note="REPORT-NOTE-IVO-3"
    ).flag
    reach_out(moderator=moderator, flag=on_reply, body="We're here if you need us.")
    dismiss_report(moderator=moderator, flag=on_profile, reason="Nothing to do.")
    hide_chat_message(moderator=moderator, message=said, reason="Names someone.")
    resolve_flag(moderator=moderator, flag=on_chat, resolution="hidden")

    confirm(member_client)
    ask(member_client, django_capture_on_commit_callbacks)
    data, html = contents(member_client.get(export_of(member).get_absolute_url()))
    raw = json.dumps(data, ensure_ascii=False)

    # The reports and what came of them are there...
    reports = [
        flag
        for flag in data["safety_flags_about_you"]
        if flag["source"] == "Member report"
    ]
    assert sorted(flag["about_kind"] for flag in reports) == [
        "chat message",
        "post",
        "profile",
    ]
    done = {row["action"] for row in data["moderation_about_you"]}
    assert {"flag_reached_out", "flag_dismissed", "chat_message_hidden"} <= done
    # ...and nobody who sent them: not a name, an address or a note of theirs.
    for person in (wren, ivo):
        for trace in (person.username, person.display_name, person.email):
            assert trace not in raw
            assert trace not in html
    for note in ("REPORT-NOTE-WREN-1", "REPORT-NOTE-WREN-2", "REPORT-NOTE-IVO-3"):
        assert note not in raw
        assert note not in html
    assert not {"reporter", "reporters", "reported_by"} & _walk_keys(data)


# ---------------------------------------------------------------------------
# Asking, and how often


def test_asking_needs_the_password_again_and_then_goes_ahead(
    member, member_client, django_capture_on_commit_callbacks
):
    response = ask(member_client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert unquote(response["Location"]) == f"/accounts/reauthenticate/?next={EXPORT}"
    assert not DataExport.objects.exists()
    # The password once more, and the request goes through as it was made.
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(
            f"/accounts/reauthenticate/?next={EXPORT}", {"password": PASSWORD}
        )
    assert response.status_code == 302
    assert export_of(member).status == DataExport.Status.READY


def test_a_second_request_within_a_day_is_refused_and_says_when(
    clock, member, member_client, django_capture_on_commit_callbacks
):
    confirm(member_client)
    ask(member_client, django_capture_on_commit_callbacks)
    first = export_of(member)

    clock.advance(hours=3)
    page = member_client.get(EXPORT)
    # Rowan's time zone is London, on UTC in February.
    assert "You can ask for a new copy from 21 Feb 2026, midday." in text(page)
    assert "Ask for a new copy</button>" not in text(page)
    refused = ask(member_client, django_capture_on_commit_callbacks)
    assert refused.status_code == 422
    assert "Error:" in text(refused)
    assert "You can ask for a new copy from 21 Feb 2026, midday." in text(refused)
    assert list(DataExport.objects.all()) == [first]

    clock.advance(hours=21)
    allowed = ask(member_client, django_capture_on_commit_callbacks)
    assert allowed.status_code == 302
    second = export_of(member)  # the only one: the new copy replaced the old
    assert second.pk != first.pk
    assert not storages["exports"].exists(first.file_name)
    assert stored(second)


def test_a_copy_that_could_not_be_made_does_not_count(
    member, member_client, django_capture_on_commit_callbacks
):
    confirm(member_client)
    ask(member_client, django_capture_on_commit_callbacks)
    DataExport.objects.update(status=DataExport.Status.FAILED)
    page = member_client.get(EXPORT)
    assert "We couldn't make your copy" in text(page)
    assert ask(member_client, django_capture_on_commit_callbacks).status_code == 302
    assert export_of(member).status == DataExport.Status.READY


def test_the_copy_waits_for_the_task_worker_and_the_page_says_so(
    settings, member, member_client, django_capture_on_commit_callbacks
):
    from alongside.privacy.export import build_export_task

    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}
    }
    confirm(member_client)
    ask(member_client, django_capture_on_commit_callbacks)
    export = export_of(member)
    assert export.status == DataExport.Status.PENDING
    page = text(member_client.get(EXPORT))
    assert "We're getting your file ready. It usually takes a few minutes." in page
    assert export.get_absolute_url() not in page
    assert member_client.get(export.get_absolute_url()).status_code == 404

    # The worker's turn.
    assert build_export_task.call(export.pk) == {"export": export.pk, "status": "ready"}
    export.refresh_from_db()
    assert stored(export)
    assert export.size == len(storages["exports"].open(export.file_name).read())
    page = text(member_client.get(EXPORT))
    assert export.get_absolute_url() in page
    assert "The link works until" in page


# ---------------------------------------------------------------------------
# Downloading: only the member, only until it expires


def test_nobody_else_can_download_the_copy(
    member, member_client, other_member, moderator, django_capture_on_commit_callbacks
):
    confirm(member_client)
    ask(member_client, django_capture_on_commit_callbacks)
    url = export_of(member).get_absolute_url()
    for person in (other_member, moderator):
        client = Client()
        client.force_login(person)
        assert client.get(url).status_code == 404
        confirm(client)  # confirming it's them changes nothing
        assert client.get(url).status_code == 404
    assert Client().get(url)["Location"].startswith("/accounts/login/")
    assert member_client.get(url).status_code == 200


def test_downloading_later_asks_for_the_password_again(
    member, member_client, django_capture_on_commit_callbacks
):
    confirm(member_client)
    ask(member_client, django_capture_on_commit_callbacks)
    url = export_of(member).get_absolute_url()
    later = Client()
    later.force_login(member)
    response = later.get(url)
    assert response.status_code == 302
    assert unquote(response["Location"]) == f"/accounts/reauthenticate/?next={url}"


def test_an_expired_link_says_so_and_the_file_is_deleted(
    clock, member, member_client, django_capture_on_commit_callbacks
):
    confirm(member_client)
    ask(member_client, django_capture_on_commit_callbacks)
    export = export_of(member)
    assert member_client.get(export.get_absolute_url()).status_code == 200

    clock.advance(days=7)
    response = member_client.get(export.get_absolute_url())
    assert response.status_code == 410
    assert "This link has expired" in text(response)
    assert not storages["exports"].exists(export.file_name)
    page = text(member_client.get(EXPORT))
    assert "The link to your last copy has expired" in page
    assert export.get_absolute_url() not in page


def test_the_daily_retention_job_deletes_expired_copies(
    clock, member, other_member, django_capture_on_commit_callbacks
):
    clients = {}
    for person in (member, other_member):
        clients[person] = Client()
        clients[person].force_login(person)
        confirm(clients[person])
    ask(clients[member], django_capture_on_commit_callbacks)
    clock.advance(days=3)
    ask(clients[other_member], django_capture_on_commit_callbacks)

    clock.advance(days=4, seconds=1)
    out = io.StringIO()
    call_command("enforce_retention", stdout=out)
    assert "Expired copies of members' data deleted: 1" in out.getvalue()
    expired, current = export_of(member), export_of(other_member)
    assert (expired.status, expired.file_name) == (DataExport.Status.EXPIRED, "")
    assert current.status == DataExport.Status.READY
    assert stored(current)
    response = clients[member].get(expired.get_absolute_url())
    assert response.status_code == 410


def test_deleting_an_account_deletes_its_copy(
    member, member_client, django_capture_on_commit_callbacks
):
    confirm(member_client)
    ask(member_client, django_capture_on_commit_callbacks)
    name = export_of(member).file_name
    assert storages["exports"].exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        member.delete()
    assert not storages["exports"].exists(name)


def test_the_page_writes_nothing_on_get(
    clock, member, member_client, django_capture_on_commit_callbacks
):
    confirm(member_client)

    def visit() -> list[str]:
        recorder = WriteRecorder()
        with connection.execute_wrapper(recorder):
            assert member_client.get(EXPORT).status_code == 200
        return recorder.statements

    assert visit() == []  # nothing asked for yet
    ask(member_client, django_capture_on_commit_callbacks)
    assert visit() == []  # ready
    clock.advance(days=8)
    assert visit() == []  # expired
    recorder = WriteRecorder()
    with connection.execute_wrapper(recorder):
        member_client.get(export_of(member).get_absolute_url())
    assert recorder.statements == []


def test_the_profile_links_to_the_page(member, member_client):
    page = text(member_client.get(reverse("accounts:profile", args=["rowan"])))
    assert f'<a href="{EXPORT}">Download your data</a>' in page


# ---------------------------------------------------------------------------
# The cost: a fixed number of queries, whatever there is


def fill(member: User, count: int) -> None:
    """`count` of every kind of data for the member, written directly."""
    now = timezone.now()
    tag = member.username
    helper = make_user(f"{tag}-helper", display_name="Helper")
    others = [
        make_user(f"{tag}-other-{i}", display_name=f"Other {i}") for i in range(count)
    ]
    groups = Group.objects.bulk_create(
        Group(name=f"{tag} group {i}", slug=f"{tag}-group-{i}") for i in range(count)
    )
    Membership.objects.bulk_create(Membership(group=g, member=member) for g in groups)
    Membership.objects.bulk_create(
        Membership(group=g, member=helper, role="facilitator") for g in groups
    )
    JoinRequest.objects.bulk_create(
        JoinRequest(group=g, member=member, answer="Hi", status="approved")
        for g in groups
    )
    Invitation.objects.bulk_create(
        Invitation(group=g, invitee=member, invited_by=helper, status="accepted")
        for g in groups
    )
    group = groups[0]
    threads = Thread.objects.bulk_create(
        Thread(group=g, title=f"Thread {i}", author=member)
        for i, g in enumerate(groups)
    )
    replies = Reply.objects.bulk_create(
        Reply(thread=t, author=member, body=f"Post {i}", body_html="<p>Post</p>")
        for i, t in enumerate(threads)
    )
    ReplyRevision.objects.bulk_create(
        ReplyRevision(reply=r, body="Before", written_at=now) for r in replies
    )
    Reaction.objects.bulk_create(
        Reaction(reply=r, member=member, kind="me_too") for r in replies
    )
    ChatMessage.objects.bulk_create(
        ChatMessage(group=group, seq=i + 1, author=member, body="Hi", body_html="Hi")
        for i in range(count)
    )
    conversations = []
    for other in others:
        first, second = sorted([member, other], key=lambda person: person.pk)
        conversations.append(Conversation(first=first, second=second))
    conversations = Conversation.objects.bulk_create(conversations)
    keys = keyring()
    messages = []
    for conversation in conversations:
        token = str(uuid.uuid4())
        messages.append(
            PrivateMessage(
                conversation=conversation,
                author=member,
                client_token=token,
                sealed_body=keys.seal(
                    "Hi", context=seal_context(conversation.pk, token, "body")
                ),
                sealed_html=keys.seal(
                    "<p>Hi</p>", context=seal_context(conversation.pk, token, "html")
                ),
            )
        )
    PrivateMessage.objects.bulk_create(messages)
    meeting = schedule_meeting(
        scheduler=helper,
        group=group,
        plan=MeetingPlan(
            title="Circle",
            starts_on=date(2030, 1, 7),
            start_time=time(19, 0),
            time_zone="UTC",
            duration_minutes=60,
            recurrence="weekly",
        ),
    )
    RSVP.objects.bulk_create(
        RSVP(
            meeting=meeting,
            member=member,
            occurrence_at=datetime(2030, 1, 7, 19, tzinfo=UTC) + timedelta(weeks=i),
            answer="yes",
        )
        for i in range(count)
    )
    reply_type = ContentType.objects.get_for_model(Reply)
    flags = Flag.objects.bulk_create(
        Flag(
            group=g,
            content_type=reply_type,
            object_id=r.pk,
            subject=member,
            severity=Flag.Severity.OTHER,
            source=Flag.Source.SAFETY,
        )
        for g, r in zip(groups, replies, strict=True)
    )
    Report.objects.bulk_create(
        Report(flag=f, reporter=member, reason="spam") for f in flags
    )
    ModerationLog.objects.bulk_create(
        ModerationLog(actor=helper, group=g, action="member_warned", subject=member)
        for g in groups
    )
    SupportMessage.objects.bulk_create(
        SupportMessage(group=g, recipient=member, sender=helper, body="Hello")
        for g in groups
    )
    Block.objects.bulk_create(Block(blocker=member, blocked=o) for o in others)
    Mute.objects.bulk_create(Mute(member=member, muted=o) for o in others)
    ContextNote.objects.bulk_create(
        ContextNote(content_type=reply_type, object_id=r.pk, author=member, body="Note")
        for r in replies
    )


def test_the_copy_costs_the_same_queries_for_one_item_as_for_fifty(db):
    few, many = make_user("few"), make_user("many")
    fill(few, 1)
    fill(many, 50)
    with CaptureQueriesContext(connection) as small:
        build_export(few)
    with CaptureQueriesContext(connection) as large:
        data = json.loads(
            zipfile.ZipFile(io.BytesIO(build_export(many))).read(
                "alongside-export.json"
            )
        )
    for key in ("posts", "threads", "reactions", "chat_messages", "private_messages"):
        assert len(data[key]) == 50, key
    assert len(data["meeting_answers"]) == 50
    assert len(data["moderation_about_you"]) == 50
    assert len(data["blocks_and_mutes"]["blocked"]) == 50
    assert len(large.captured_queries) == len(small.captured_queries), "\n".join(
        q["sql"][:100] for q in large.captured_queries
    )
    assert len(large.captured_queries) <= 31
