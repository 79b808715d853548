"""Deleting an account: closed at once, kept on request during the grace period,
then deleted for good with everything personal, as its owner chose for their posts."""

import html
import json
import logging
import os
import re
import subprocess
from datetime import time, timedelta
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from alongside.accounts.models import AccountDeletion, User
from alongside.accounts.retention import enforce_retention, enforce_retention_task
from alongside.chat.actions import send_chat_message
from alongside.chat.models import ChatMessage
from alongside.groups.actions import (
    create_group,
    invite_member,
    request_to_join,
    set_role,
)
from alongside.groups.models import Group, Membership
from alongside.meetings.actions import (
    MeetingPlan,
    answer_meeting,
    regenerate_calendar_feed,
    schedule_meeting,
)
from alongside.moderation.actions import (
    block_member,
    mute_member,
    mute_thread,
    report_content,
    tell_member,
)
from alongside.moderation.models import Flag, ModerationLog, Report, SupportMessage
from alongside.privacy.actions import send_private_message
from alongside.privacy.models import Conversation, PrivateMessage
from alongside.threads.actions import (
    edit_reply,
    hide_reply,
    post_reply,
    reveal_author,
    start_thread,
    toggle_reaction,
)
from alongside.threads.models import AuthorReveal, Reply, Thread
from conftest import PASSWORD, client_for, give_second_factor, make_user, totp_code

DELETE_PAGE = "/accounts/delete/"
SIGNED_IN_PAGE = "/accounts/profile/"


def sign_in(username: str, *, totp: str = "", **headers: str) -> Client:
    """Through the sign-in form, and the code step for someone with `totp`."""
    client = Client(**headers)
    response = client.post(
        reverse("account_login"), {"login": username, "password": PASSWORD}
    )
    assert response.status_code == 302, response.content[:500]
    if totp:
        assert response["Location"] == "/accounts/2fa/authenticate/"
        code = totp_code(totp)
        response = client.post(response["Location"], {"code": code})
        assert response.status_code == 302, response.content[:500]
    return client


def page_of(response) -> str:
    return html.unescape(response.content.decode())


def ask_to_delete(client: Client, posts: str = "delete", password: str = PASSWORD):
    return client.post(DELETE_PAGE, {"posts": posts, "password": password})


# ---------------------------------------------------------------------------
# Asking


def test_the_account_pages_link_to_deleting_it(member_client):
    response = member_client.get("/accounts/members/rowan/")
    assert f'href="{DELETE_PAGE}"' in page_of(response)


def test_the_page_says_what_goes_and_what_stays_before_anything_happens(
    member_client, member
):
    response = member_client.get(DELETE_PAGE)
    assert response.status_code == 200
    page = page_of(response)
    assert "After 7 days" in page
    assert "Private messages you sent are deleted either way." in page
    assert "Delete my account" in page
    assert "Keep my account" in page
    member.refresh_from_db()
    assert member.is_active


def test_signed_out_visitors_are_sent_to_sign_in_first(client):
    response = client.get(DELETE_PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_wrong_password_deletes_nothing_and_keeps_the_choice(member, member_client):
    response = ask_to_delete(member_client, posts="keep", password="not-my-password")
    assert response.status_code == 422
    page = page_of(response)
    assert "<title>Error: " in page
    assert (
        "That password isn't right, so nothing has been deleted. Type it again." in page
    )
    assert re.search(r'<input[^>]*value="keep"[^>]*checked', page)
    assert "not-my-password" not in page  # passwords are never sent back
    member.refresh_from_db()
    assert member.is_active
    assert not AccountDeletion.objects.exists()
    assert member_client.get(SIGNED_IN_PAGE).status_code == 200


def test_a_choice_about_posts_is_needed(member, member_client):
    response = member_client.post(DELETE_PAGE, {"password": PASSWORD})
    assert response.status_code == 422
    page = page_of(response)
    assert "Choose what should happen to your posts." in page
    assert 'href="#id_posts_0"' in page  # the error summary leads to the choice
    assert not AccountDeletion.objects.exists()


def test_asking_closes_the_account_and_signs_out_every_session_at_once(
    member, group, other_member_client, clock
):
    assert other_member_client.get("/accounts/members/rowan/").status_code == 200
    laptop = sign_in("rowan", HTTP_USER_AGENT="Firefox/128.0")
    phone = sign_in("rowan", HTTP_USER_AGENT="Android Chrome/1")
    assert UserSession.objects.filter(user=member).count() == 2

    response = ask_to_delete(laptop, posts="keep")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/delete/done/"
    done = laptop.get(response["Location"])
    assert "Your account is closed" in page_of(done)
    for client in (laptop, phone):
        response = client.get(SIGNED_IN_PAGE)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    member.refresh_from_db()
    assert not member.is_active
    assert not UserSession.objects.filter(user=member).exists()
    assert not any(
        session.get_decoded().get("_auth_user_id") == str(member.pk)
        for session in Session.objects.all()
    )
    deletion = AccountDeletion.objects.get(member=member)
    assert deletion.posts == "keep"
    assert deletion.purge_after == clock.moment + timedelta(days=7)
    # Nobody sees the profile of a closed account any more.
    assert other_member_client.get("/accounts/members/rowan/").status_code == 404


# ---------------------------------------------------------------------------
# The grace period


def test_signing_in_during_the_grace_period_offers_to_keep_the_account(member, clock):
    ask_to_delete(sign_in("rowan"))
    browser = Client()

    response = browser.post(
        reverse("account_login"), {"login": "rowan", "password": PASSWORD}
    )

    assert response.status_code == 200
    page = page_of(response)
    assert "Your account is set to be deleted" in page
    # 27 February 2026, midday UTC: 12pm in London, where Rowan lives.
    assert "27 Feb 2026, midday" in page
    assert browser.get(SIGNED_IN_PAGE).status_code == 302  # not signed in

    response = browser.post(reverse("accounts:keep"))

    assert response.status_code == 302
    assert response["Location"] == reverse("account_login")
    member.refresh_from_db()
    assert member.is_active
    assert not AccountDeletion.objects.exists()
    again = Client()
    response = again.post(
        reverse("account_login"), {"login": "rowan", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert again.get(SIGNED_IN_PAGE).status_code == 200


def test_a_wrong_password_during_the_grace_period_tells_nothing(member):
    ask_to_delete(sign_in("rowan"))
    browser = Client()
    response = browser.post(
        reverse("account_login"), {"login": "rowan", "password": "a-guess-at-it"}
    )
    assert response.status_code == 200
    assert "set to be deleted" not in page_of(response)
    browser.post(reverse("accounts:keep"))
    member.refresh_from_db()
    assert not member.is_active


def test_keeping_needs_the_password_first(member):
    ask_to_delete(sign_in("rowan"))
    stranger = Client()
    response = stranger.post(reverse("accounts:keep"))
    assert response["Location"] == reverse("account_login")
    member.refresh_from_db()
    assert not member.is_active
    assert AccountDeletion.objects.filter(member=member).exists()


def test_the_choice_to_keep_lasts_a_quarter_of_an_hour(member, clock):
    ask_to_delete(sign_in("rowan"))
    browser = Client()
    browser.post(reverse("account_login"), {"login": "rowan", "password": PASSWORD})
    clock.advance(minutes=16)
    browser.post(reverse("accounts:keep"))
    member.refresh_from_db()
    assert not member.is_active


def test_continuing_leaves_the_deletion_as_it_was(member):
    ask_to_delete(sign_in("rowan"))
    browser = Client()
    browser.post(reverse("account_login"), {"login": "rowan", "password": PASSWORD})
    response = browser.post(reverse("accounts:continue_deletion"))
    assert response["Location"] == "/accounts/delete/done/"
    # The choice is spent: keeping needs the password again.
    browser.post(reverse("accounts:keep"))
    member.refresh_from_db()
    assert not member.is_active
    assert AccountDeletion.objects.filter(member=member).exists()


def test_the_account_is_deleted_only_once_the_grace_period_is_over(member, clock):
    ask_to_delete(sign_in("rowan"))
    clock.advance(days=7, seconds=-1)
    assert enforce_retention().accounts == 0
    assert User.objects.filter(pk=member.pk).exists()
    clock.advance(seconds=1)
    assert enforce_retention().accounts == 1
    assert not User.objects.filter(username="rowan").exists()


def test_an_account_an_admin_opened_again_is_not_deleted(member, clock):
    ask_to_delete(sign_in("rowan"))
    User.objects.filter(pk=member.pk).update(is_active=True)
    clock.advance(days=8)
    assert enforce_retention().accounts == 0
    assert User.objects.filter(pk=member.pk).exists()


def test_the_daily_task_and_the_command_delete_accounts_too(
    member, other_member, clock
):
    ask_to_delete(sign_in("rowan"))
    clock.advance(days=8)
    result = enforce_retention_task.enqueue()
    assert result.return_value["accounts"] == 1
    ask_to_delete(sign_in("sam"))
    clock.advance(days=8)
    out = StringIO()
    call_command("purge_deleted_accounts", stdout=out)
    assert "Accounts deleted after their 7-day grace period: 1" in out.getvalue()
    assert not User.objects.filter(username__in=["rowan", "sam"]).exists()


def test_the_name_is_free_again_once_the_account_is_deleted(member, clock):
    ask_to_delete(sign_in("rowan"))
    signup = {"username": "rowan", "password1": "another-long-password-9"}
    assert Client().post(reverse("account_signup"), signup).status_code == 200
    clock.advance(days=8)
    enforce_retention()
    response = Client().post(reverse("account_signup"), signup)
    assert response.status_code == 302
    assert User.objects.get(username="rowan").pk != member.pk


# ---------------------------------------------------------------------------
# What the purge removes: a member with something of every kind, each carrying a
# marker, and every table of the database read afterwards.

MARKERS = {
    "username": "wren-7c1d",
    "display_name": "Display-marker-91ab",
    "pronouns": "pro-marker-2f",
    "bio": "bio-marker-5e0c",
    "email": "wren-marker-33@example.org",
    "title": "title-marker-8d1f",
    "opening": "opening-marker-4b7a",
    "lone_title": "lone-title-marker-3e6c",
    "lone_opening": "lone-opening-marker-0d2b",
    "reply": "reply-marker-6c2e",
    "earlier_words": "revision-marker-0a9d",
    "anonymous": "anonymous-marker-2b8f",
    "hidden": "hidden-reply-marker-71c3",
    "chat": "chat-marker-1f8b",
    "private": "private-marker-77aa",
    "report_note": "note-marker-c41d",
    "join_answer": "answer-marker-e5b0",
    "support": "support-marker-9b3c",
    "browser": "CanaryBrowser/4.2-marker",
    "address": "203.0.113.99",
    "totp": "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
}
# What "keep my posts, without my name" leaves: the words of the posts themselves.
KEPT_WORDS = (
    "title",
    "opening",
    "lone_title",
    "lone_opening",
    "reply",
    "anonymous",
    "hidden",
    "chat",
)


@pytest.fixture
def canary(clock, group, member, other_member, facilitator, moderator, thread, reply):
    """A member with something of every kind, each carrying a marker; also the
    markers only known once made (session key, calendar address)."""
    m = MARKERS
    wren = make_user(
        m["username"],
        display_name=m["display_name"],
        pronouns=m["pronouns"],
        bio=m["bio"],
        email=m["email"],
        country="NZ",
    )
    EmailAddress.objects.create(user=wren, email=m["email"], primary=True)
    give_second_factor(wren, m["totp"])
    set_role(group=group, member=wren, role=Membership.Role.MEMBER)
    known = dict(m)

    # Posts: a thread others answered, a thread nobody did, replies (one edited,
    # one anonymous, one hidden by a moderator who then looked up the anonymous one).
    answered = start_thread(
        author=wren, group=group, title=m["title"], body=m["opening"]
    )
    post_reply(author=other_member, thread=answered, body="I hear you.")
    start_thread(
        author=wren, group=group, title=m["lone_title"], body=m["lone_opening"]
    )
    theirs = post_reply(author=wren, thread=thread, body=m["earlier_words"])
    edit_reply(editor=wren, reply=theirs, body=m["reply"])
    anonymous = post_reply(
        author=wren, thread=thread, body=m["anonymous"], is_anonymous=True
    )
    hidden = post_reply(author=wren, thread=thread, body=m["hidden"])
    hide_reply(moderator=moderator, reply=hidden, reason="Please keep it kind.")
    reveal_author(moderator=moderator, reply=anonymous, reason="Repeated reports.")
    toggle_reaction(member=wren, reply=reply, kind="me_too")
    toggle_reaction(member=member, reply=theirs, kind="thank_you")
    # Someone reported one of their posts; they reported someone else's.
    report_content(reporter=member, content=theirs, reason="harassment")
    report_content(reporter=wren, content=reply, reason="other", note=m["report_note"])

    # The room, private messages, a message from the moderators.
    send_chat_message(
        author=wren, group=group, client_id="0b7e8f0e-5d0c-4c53-a8c9-3f2d61d1a0c1",
        body=m["chat"],
    )  # fmt: skip
    send_private_message(
        sender=facilitator, recipient=wren, body="How are you finding it?",
        client_token="5b0f7c1e-2f4a-4d0e-8a51-3c9d2e7f6a11",
    )  # fmt: skip
    send_private_message(
        sender=wren, recipient=facilitator, body=m["private"],
        client_token="9e3a6d2b-7c1f-4b8e-a0d4-51f2c6e8b911",
    )  # fmt: skip
    tell_member(
        group=group, member=wren, sender=moderator, kind="support", body=m["support"]
    )

    # Other groups: a request to join with an answer, an invitation.
    asking = create_group(
        name="Carers circle", slug="carers", facilitator=facilitator,
        join_policy=Group.JoinPolicy.REQUEST, join_question="Who do you care for?",
    )  # fmt: skip
    request_to_join(member=wren, group=asking, answer=m["join_answer"])
    invited = create_group(
        name="Night owls", slug="night-owls", facilitator=facilitator,
        join_policy=Group.JoinPolicy.INVITE,
    )  # fmt: skip
    invite_member(inviter=facilitator, group=invited, username=wren.username)

    # Quiet choices both ways.
    block_member(blocker=wren, blocked=other_member)
    block_member(blocker=member, blocked=wren)
    mute_member(member=wren, muted=member)
    mute_member(member=other_member, muted=wren)
    mute_thread(member=wren, thread=thread)

    # A meeting answer and a calendar address.
    meeting = schedule_meeting(
        scheduler=facilitator,
        group=group,
        plan=MeetingPlan(
            title="Evening circle",
            starts_on=(clock.moment + timedelta(days=3)).date(),
            start_time=time(19, 0),
            time_zone="Europe/London",
            duration_minutes=60,
        ),
    )
    answer_meeting(
        member=wren, meeting=meeting, occurrence_at=meeting.starts_at, answer="yes"
    )
    known["calendar"] = regenerate_calendar_feed(member=wren).token

    # The admin site's history of a change to their account.
    LogEntry.objects.create(
        user=moderator,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(wren.pk),
        object_repr=wren.username,
        action_flag=CHANGE,
    )

    # Signed in from a browser and an address that are recorded.
    browser = sign_in(
        wren.username,
        totp=m["totp"],
        HTTP_USER_AGENT=m["browser"],
        REMOTE_ADDR=m["address"],
    )
    known["session"] = browser.cookies["sessionid"].value
    return wren, browser, known


def text_values(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, memoryview | bytes):
        return [bytes(value).decode(errors="replace")]
    if isinstance(value, dict | list):
        return [json.dumps(value)]
    return [str(value)]


def markers_left(markers: dict[str, str]) -> dict[str, list[str]]:
    """Every table of the database, every value: which markers are still there."""
    found: dict[str, list[str]] = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                for value in row:
                    for text in text_values(value):
                        for name, marker in markers.items():
                            if marker in text:
                                found.setdefault(name, []).append(table)
    return found


def references_to(member_id: int) -> list[str]:
    """Every column that points at a member and still holds this one's id."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.fields:
            if field.is_relation and field.related_model is User:
                rows = model._base_manager.filter(**{field.attname: member_id})
                if rows.exists():
                    found.append(f"{model._meta.label}.{field.name}")
    return found


def purge_after_grace(client: Client, clock, posts: str) -> None:
    response = ask_to_delete(client, posts=posts)
    assert response.status_code == 302
    clock.advance(days=7, minutes=1)
    out = StringIO()
    call_command("purge_deleted_accounts", stdout=out)
    assert "grace period: 1" in out.getvalue()


def test_the_markers_are_in_the_database_before_the_purge(canary, clock):
    """So the checks after the purge mean something (private messages are sealed,
    so their words were never readable there)."""
    _wren, _browser, known = canary
    left = markers_left(known)
    assert set(left) == set(known) - {"private"}


def test_deleting_with_posts_leaves_no_trace_of_them_anywhere(canary, clock):
    wren, browser, known = canary
    pk = wren.pk
    purge_after_grace(browser, clock, "delete")

    assert markers_left(known) == {}
    assert references_to(pk) == []
    for model in (User, EmailAddress, Authenticator, UserSession, PrivateMessage):
        assert not model.objects.filter(**_whose(model, pk)).exists(), model
    assert not ChatMessage.objects.filter(body=known["chat"]).exists()


def _whose(model, pk: int) -> dict[str, int]:
    return {
        User: {"pk": pk},
        EmailAddress: {"user_id": pk},
        Authenticator: {"user_id": pk},
        UserSession: {"user_id": pk},
        PrivateMessage: {"author_id": pk},
    }[model]


def pg_dump() -> str:
    """A plain-text dump of the test database, as an operator's backup would be."""
    db = connection.settings_dict
    command = ["pg_dump", "--data-only", "--no-owner", "--dbname", db["NAME"]]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            command += [flag, str(db[key])]
    env = {**os.environ, "PGPASSWORD": str(db.get("PASSWORD") or "")}
    done = subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=60, check=True
    )
    return done.stdout


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_dump reads PostgreSQL databases"
)
def test_a_pg_dump_after_the_purge_holds_nothing_of_theirs(
    transactional_db, canary, clock
):
    """Committed rows (a transactional test), read by pg_dump from outside."""
    _wren, browser, known = canary
    before = pg_dump()
    # The dump sees the member's data (so its silence later means something),
    # and never the words of a private message, which are sealed.
    assert known["bio"] in before and known["chat"] in before
    assert known["private"] not in before
    purge_after_grace(browser, clock, "delete")

    after = pg_dump()
    assert [name for name, marker in known.items() if marker in after] == []


def test_keeping_posts_leaves_only_their_words_linked_to_nobody(canary, clock):
    wren, browser, known = canary
    pk = wren.pk
    purge_after_grace(browser, clock, "keep")

    left = markers_left(known)
    assert set(left) == set(KEPT_WORDS), left
    assert references_to(pk) == []
    kept = Reply.objects.filter(body__in=[known[k] for k in KEPT_WORDS])
    assert kept.count() == 5  # two openings, a reply, an anonymous and a hidden one
    assert all(reply.author_id is None for reply in kept)
    anonymous = Reply.objects.get(body=known["anonymous"])
    assert anonymous.is_anonymous  # still anonymous, never "Former member"
    assert Thread.objects.get(title=known["title"]).author_id is None
    assert ChatMessage.objects.get(body=known["chat"]).author_id is None
    # The report on their post stays open in the queue, about nobody.
    flag = Flag.objects.get(
        content_type=ContentType.objects.get_for_model(Reply),
        object_id=Reply.objects.get(body=known["reply"]).pk,
    )
    assert flag.is_open and flag.subject_id is None
    assert flag.reports.count() == 1


def test_deleting_posts_keeps_others_replies_and_the_counts_right(
    canary, clock, thread, other_member
):
    _wren, browser, known = canary
    answered = Thread.objects.get(title=known["title"])
    before = Thread.objects.get(pk=thread.pk).reply_count
    purge_after_grace(browser, clock, "delete")

    # Their three replies are gone (the hidden one counted, as hidden ones do).
    assert Thread.objects.get(pk=thread.pk).reply_count == before - 3
    assert thread.replies.filter(is_opening=False).count() == before - 3
    # The thread they started that nobody answered is gone whole.
    assert not Thread.objects.filter(title=known["lone_title"]).exists()
    # The one others answered stays, with its opening words gone.
    answered.refresh_from_db()
    assert answered.author_id is None
    assert answered.reply_count == 1
    opening = answered.replies.get(is_opening=True)
    assert (opening.body, opening.author_id, opening.is_deleted) == ("", None, True)
    page = Client()
    page.force_login(other_member)
    response = page.get(answered.get_absolute_url())
    assert response.status_code == 200
    assert "This post was deleted." in page_of(response)
    assert "I hear you." in page_of(response)


def test_private_messages_they_sent_go_and_the_others_stay(canary, clock, facilitator):
    _wren, browser, _known = canary
    conversation = Conversation.objects.get()
    purge_after_grace(browser, clock, "keep")
    conversation.refresh_from_db()
    assert (conversation.first_id, conversation.second_id) == (facilitator.pk, None)
    assert list(PrivateMessage.objects.values_list("author_id", flat=True)) == [
        facilitator.pk
    ]
    # With nobody left in it, a conversation goes too.
    ask_to_delete(sign_in("alex"))
    clock.advance(days=8)
    enforce_retention()
    assert not Conversation.objects.exists()
    assert not PrivateMessage.objects.exists()


def test_the_moderation_log_keeps_its_rows_without_them(canary, clock, moderator):
    wren, browser, _known = canary
    about_them = ModerationLog.objects.filter(subject=wren).count()
    assert about_them == 2  # a post hidden, an anonymous post looked up
    total = ModerationLog.objects.count()
    purge_after_grace(browser, clock, "delete")
    assert ModerationLog.objects.count() == total
    assert ModerationLog.objects.filter(subject__isnull=True).count() >= about_them
    assert ModerationLog.objects.filter(actor=moderator).count() == about_them
    assert not AuthorReveal.objects.exists()


def test_a_moderator_who_deletes_their_account_leaves_the_log_as_it_was(
    reply, moderator, clock
):
    hide_reply(moderator=moderator, reply=reply, reason="Off topic here.")
    purge_after_grace(client_for(moderator), clock, "keep")
    log = ModerationLog.objects.get(action="reply_hidden")
    assert (log.actor_id, log.reason) == (None, "Off topic here.")


def test_reports_they_made_stay_without_their_words(canary, clock, reply):
    _wren, browser, _known = canary
    purge_after_grace(browser, clock, "delete")
    report = Report.objects.get(flag__object_id=reply.pk)
    assert (report.reporter_id, report.note, report.reason) == (None, "", "other")


def test_messages_from_the_moderators_to_them_go(canary, clock):
    wren, browser, known = canary
    assert SupportMessage.objects.filter(recipient=wren).exists()
    purge_after_grace(browser, clock, "keep")
    assert not SupportMessage.objects.filter(body=known["support"]).exists()


def test_counters_kept_under_their_id_are_cleared(canary, clock, group):
    wren, browser, _known = canary
    # The private message was sent at the canary's moment, in this rate window.
    window = int(clock.moment.timestamp()) // settings.ALONGSIDE_MESSAGE_RATE[1]
    keys = [
        f"chat-rate:{group.pk}:{wren.pk}",
        f"report-rate:{wren.pk}",
        f"private-message-rate:{wren.pk}:{window}",
    ]
    assert all(cache.get(key) is not None for key in keys)
    purge_after_grace(browser, clock, "keep")
    assert all(cache.get(key) is None for key in keys)


def test_the_purge_logs_counts_and_nothing_about_the_person(canary, clock, caplog):
    _wren, browser, known = canary
    caplog.set_level(logging.DEBUG)
    purge_after_grace(browser, clock, "keep")
    text = caplog.text
    assert "accounts=1" in text
    assert not [name for name, marker in known.items() if marker in text]


# ---------------------------------------------------------------------------
# Live connections close at once


ORIGIN = (b"origin", b"http://127.0.0.1")


async def open_room(client: Client, path: str):
    cookie = f"sessionid={client.cookies['sessionid'].value}".encode()
    socket = WebsocketCommunicator(
        _application(), path, headers=[ORIGIN, (b"cookie", cookie)]
    )
    connected, _code = await socket.connect()
    assert connected
    return socket


def _application():
    from config.asgi import application

    return application


async def receive_until(socket, kind: str, timeout: float):
    while True:
        event = await socket.receive_json_from(timeout=timeout)
        if event["type"] == kind:
            return event


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_an_open_chat_closes_within_seconds_when_the_account_is_closed(
    member, group
):
    def two_browsers() -> tuple[Client, Client]:
        return sign_in("rowan"), sign_in("rowan")

    laptop, phone = await database_sync_to_async(two_browsers)()
    on_phone = await open_room(phone, f"/ws/groups/{group.slug}/chat/")
    await receive_until(on_phone, "ready", timeout=3)

    response = await database_sync_to_async(ask_to_delete)(laptop)
    assert response.status_code == 302

    closed = await receive_until(on_phone, "closed", timeout=5)
    assert closed["reason"] == "signed_out"
    output = await on_phone.receive_output(timeout=5)
    assert output == {"type": "websocket.close", "code": 4403}
