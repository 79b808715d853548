"""Moderators hide and restore room messages: gone from the page, the replay and
open rooms; the author is told why; one log row each."""

import uuid
from html import unescape

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from alongside.chat.actions import (
    hide_chat_message,
    restore_chat_message,
    send_chat_message,
)
from alongside.chat.models import ChatMessage
from alongside.core.errors import ActionRefused
from alongside.groups.actions import set_role
from alongside.groups.models import Membership
from alongside.moderation.models import ModerationLog, SupportMessage
from config.asgi import application
from conftest import client_for, give_second_factor, make_user

ORIGIN = (b"origin", b"http://127.0.0.1")


def say(author, group, body) -> ChatMessage:
    return send_chat_message(
        author=author, group=group, client_id=uuid.uuid4(), body=body
    ).message


def room_page(client, group) -> str:
    response = client.get(reverse("chat:room", args=[group.slug]))
    assert response.status_code == 200
    return unescape(response.content.decode())


def test_a_hidden_message_leaves_the_room_page_and_its_author_is_told_why(
    moderator_client, other_member_client, member_client, moderator, member, group
):
    message = say(member, group, "Everyone here is useless.")
    say(member, group, "Sorry, rough night.")

    response = moderator_client.post(
        reverse("chat:hide", args=[group.slug, message.seq]),
        {"reason": "Unkind to the group."},
    )

    assert response.status_code == 302
    for client in (other_member_client, member_client):
        body = room_page(client, group)
        assert "Everyone here is useless." not in body
        assert "Sorry, rough night." in body
    moderators_view = room_page(moderator_client, group)
    assert "Everyone here is useless." in moderators_view
    assert "Unkind to the group." in moderators_view
    assert reverse("chat:restore", args=[group.slug, message.seq]) in moderators_view
    told = SupportMessage.objects.get(recipient=member)
    assert told.kind == SupportMessage.Kind.HIDDEN
    assert "Unkind to the group." in told.body
    assert "useless" not in told.body
    log = ModerationLog.objects.get()
    assert (log.actor, log.action, log.reason, log.subject) == (
        moderator,
        "chat_message_hidden",
        "Unkind to the group.",
        member,
    )
    assert (log.target_type, log.target_id) == (
        ContentType.objects.get_for_model(ChatMessage),
        message.pk,
    )


def test_restoring_a_message_puts_it_back_with_one_log_row(
    moderator_client, other_member_client, moderator, member, group
):
    message = say(member, group, "Everyone here is useless.")
    hide_chat_message(moderator=moderator, message=message, reason="Unkind.")

    moderator_client.post(
        reverse("chat:restore", args=[group.slug, message.seq]),
        {"reason": "They apologised."},
    )

    assert "Everyone here is useless." in room_page(other_member_client, group)
    log = ModerationLog.objects.get(action="chat_message_restored")
    assert (log.actor, log.reason, log.target_id) == (
        moderator,
        "They apologised.",
        message.pk,
    )
    assert ModerationLog.objects.count() == 2


def home_page(client) -> str:
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return unescape(response.content.decode())


def test_the_author_of_a_hidden_message_gets_their_words_back_to_send_again(
    moderator_client, member_client, other_member_client, member, group
):
    message = say(member, group, "Everyone here is useless.")
    moderator_client.post(
        reverse("chat:hide", args=[group.slug, message.seq]),
        {"reason": "Unkind to the group."},
    )

    told = SupportMessage.objects.get(recipient=member)
    room = reverse("chat:room", args=[group.slug])
    assert told.link == f"{room}?resend={message.seq}#room-form"
    home = home_page(member_client)
    assert "They said: Unkind to the group." in home
    assert f'<a href="{told.link}">Change your message and send it again</a>' in home

    # The link opens the room with their words in the message box, and why.
    page = room_page(member_client, group)
    assert "Everyone here is useless." not in page
    page = unescape(member_client.get(told.link).content.decode())
    assert "Everyone here is useless.</textarea>" in page
    assert "They said: Unkind to the group." in page
    # Nobody else gets them back that way.
    other = unescape(other_member_client.get(told.link).content.decode())
    assert "Everyone here is useless." not in other

    # Changed, it goes through the room's ordinary way in; the hidden one stays.
    sent = member_client.post(
        reverse("chat:send", args=[group.slug]),
        {
            "body": "Sorry, that came out wrong. Glad you are all here.",
            "client_id": str(uuid.uuid4()),
        },
    )
    again = ChatMessage.objects.get(
        body="Sorry, that came out wrong. Glad you are all here."
    )
    assert sent["Location"] == f"{room}#message-{again.seq}"
    assert again.author == member and again.hidden_at is None
    message.refresh_from_db()
    assert message.hidden_at is not None
    assert "Sorry, that came out wrong. Glad you are all here." in room_page(
        other_member_client, group
    )


def test_the_author_is_told_when_their_message_is_back_in_the_room(
    moderator_client, member_client, moderator, member, group
):
    message = say(member, group, "Everyone here is useless.")
    hide_chat_message(moderator=moderator, message=message, reason="Unkind.")
    offer = SupportMessage.objects.get(recipient=member)

    moderator_client.post(
        reverse("chat:restore", args=[group.slug, message.seq]),
        {"reason": "They apologised."},
    )

    told = SupportMessage.objects.exclude(pk=offer.pk).get(recipient=member)
    assert (told.kind, told.sender) == (SupportMessage.Kind.ACTION, moderator)
    assert told.link == message.get_absolute_url()
    home = home_page(member_client)
    assert "A moderator has put your message back in the room." in home
    assert f'<a href="{told.link}">See it in the room</a>' in home
    # The earlier offer no longer fills the message box: the message is back.
    page = unescape(member_client.get(offer.link).content.decode())
    assert "Everyone here is useless.</textarea>" not in page
    assert "A moderator took this message of yours out of the room." not in page


def test_hiding_a_message_needs_a_reason_and_a_moderator(
    moderator_client, facilitator_client, member_client, facilitator, member, group
):
    message = say(member, group, "Everyone here is useless.")
    url = reverse("chat:hide", args=[group.slug, message.seq])

    empty = moderator_client.post(url, {"reason": ""})
    assert empty.status_code == 422
    assert "Say why. It goes in the log." in unescape(empty.content.decode())
    for client in (facilitator_client, member_client):
        assert client.get(url).status_code == 404
        assert client.post(url, {"reason": "Mean."}).status_code == 404
    with pytest.raises(ActionRefused):
        hide_chat_message(moderator=facilitator, message=message, reason="Mean.")
    message.refresh_from_db()
    assert message.hidden_at is None
    assert not ModerationLog.objects.exists()


def test_a_hidden_pinned_message_is_unpinned(moderator, member, group):
    from alongside.chat.actions import pin_message, start_meeting
    from alongside.chat.models import Room

    message = say(member, group, "Everyone here is useless.")
    start_meeting(host=moderator, group=group)
    pin_message(host=moderator, group=group, seq=message.seq)

    hide_chat_message(moderator=moderator, message=message, reason="Unkind.")

    assert Room.objects.get(pk=group.pk).pinned is None


# ---------------------------------------------------------------------------
# Open rooms


async def _connect(user, after=0):
    def cookie() -> bytes:
        client = Client()
        client.force_login(user)
        return f"sessionid={client.cookies['sessionid'].value}".encode()

    socket = WebsocketCommunicator(
        application,
        f"/ws/groups/chronic-pain/chat/?after={after}",
        headers=[ORIGIN, (b"cookie", await database_sync_to_async(cookie)())],
    )
    connected, _code = await socket.connect()
    assert connected
    return socket


async def _events_until(socket, kind, timeout=3.0) -> list[dict]:
    seen = []
    while True:
        event = await socket.receive_json_from(timeout=timeout)
        seen.append(event)
        if event["type"] == kind:
            return seen


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_open_rooms_are_told_to_remove_a_hidden_message_and_replay_skips_it(
    moderator, member, other_member, group
):
    first = await database_sync_to_async(say)(member, group, "Everyone is useless.")
    await database_sync_to_async(say)(member, group, "Sorry, rough night.")
    listener = await _connect(other_member)
    await _events_until(listener, "ready")

    await database_sync_to_async(hide_chat_message)(
        moderator=moderator, message=first, reason="Unkind."
    )

    hidden = await _events_until(listener, "hidden")
    assert hidden[-1] == {"type": "hidden", "seq": first.seq}
    await listener.disconnect()
    # Reconnecting from the start: the hidden message is not replayed.
    again = await _connect(other_member, after=0)
    replay = await _events_until(again, "ready")
    bodies = [e["html"] for e in replay if e["type"] == "message"]
    assert any("rough night" in html for html in bodies)
    assert not any("useless" in html for html in bodies)
    await again.send_json_to({"type": "history", "before": 0})
    history = (await _events_until(again, "history"))[-1]
    assert [m["seq"] for m in history["messages"]] == [first.seq + 1]
    await again.disconnect()


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_paused_member_hears_why_their_message_was_not_sent(
    clock, moderator, member, group
):
    from alongside.moderation.actions import mute_member_in_group

    await database_sync_to_async(mute_member_in_group)(
        moderator=moderator, group=group, member=member, period="hour", reason="Spam."
    )
    room = await _connect(member)
    await _events_until(room, "ready")

    await room.send_json_to(
        {"type": "send", "client_id": str(uuid.uuid4()), "body": "hi"}
    )

    error = (await _events_until(room, "error"))[-1]
    assert error["message"].startswith(
        "The moderators have paused your posting in this group until 20 Feb 2026"
    )
    assert not await database_sync_to_async(ChatMessage.objects.exists)()
    await room.disconnect()


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_removing_or_suspending_a_member_closes_their_open_room(
    moderator, member, other_member, group
):
    from datetime import timedelta

    from django.utils import timezone

    from alongside.moderation.actions import remove_member, suspend_member

    removed = await _connect(member)
    await _events_until(removed, "ready")
    await database_sync_to_async(remove_member)(
        moderator=moderator, group=group, member=member, reason="Abuse."
    )
    assert (await _events_until(removed, "closed", timeout=5))[-1]["type"] == "closed"
    assert (await removed.receive_output(timeout=5))["type"] == "websocket.close"

    def make_admin():
        moderator.is_staff = True
        moderator.save(update_fields=["is_staff"])

    await database_sync_to_async(make_admin)()
    suspended = await _connect(other_member)
    await _events_until(suspended, "ready")
    await database_sync_to_async(suspend_member)(
        admin=moderator,
        member=other_member,
        until=timezone.now() + timedelta(days=3),
        reason="Spam.",
    )
    assert (await _events_until(suspended, "closed", timeout=5))[-1]["type"] == "closed"
    assert (await suspended.receive_output(timeout=5))["type"] == "websocket.close"


def test_a_moderator_cannot_hide_or_restore_their_own_message(
    moderator_client, moderator, group
):
    own = say(moderator, group, "My own words.")
    colleague = make_user("jordan", display_name="Jordan")
    give_second_factor(colleague)
    set_role(group=group, member=colleague, role=Membership.Role.MODERATOR)
    colleague_client = client_for(colleague)
    hide_url = reverse("chat:hide", args=[group.slug, own.seq])
    restore_url = reverse("chat:restore", args=[group.slug, own.seq])

    assert moderator_client.post(hide_url, {"reason": "Mine."}).status_code == 404
    assert not ModerationLog.objects.exists()
    assert colleague_client.post(hide_url, {"reason": "Unkind."}).status_code == 302
    hidden_log = ModerationLog.objects.get()

    assert moderator_client.get(restore_url).status_code == 404
    assert moderator_client.post(restore_url, {"reason": "Mine."}).status_code == 404
    assert restore_url not in room_page(moderator_client, group)
    with pytest.raises(ActionRefused):
        restore_chat_message(moderator=moderator, message=own, reason="Mine.")
    own.refresh_from_db()
    assert own.hidden_at is not None
    assert list(ModerationLog.objects.all()) == [hidden_log]

    response = colleague_client.post(restore_url, {"reason": "It was fine."})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.hidden_at is None
    assert ModerationLog.objects.filter(
        actor=colleague, action="chat_message_restored"
    ).exists()
