"""The room over WebSocket, through Channels communicators and the real routing."""

import asyncio
import random
import uuid

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import override_settings

from alongside.chat.models import ChatMessage
from alongside.groups.actions import leave_group
from alongside.moderation.models import Flag
from config.asgi import application

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.asyncio,
    pytest.mark.usefixtures("crisis_directory"),
]

ORIGIN = (b"origin", b"http://127.0.0.1")


async def _cookie_for(user) -> bytes:
    from django.test import Client

    def login() -> str:
        client = Client()
        client.force_login(user)
        return client.cookies["sessionid"].value

    session = await database_sync_to_async(login)()
    return f"sessionid={session}".encode()


async def connect(user, slug="chronic-pain", after=None, hidden=False):
    path = f"/ws/groups/{slug}/chat/"
    query = []
    if after is not None:
        query.append(f"after={after}")
    if hidden:
        query.append("hidden=1")
    if query:
        path += "?" + "&".join(query)
    headers = [ORIGIN]
    if user is not None:
        headers.append((b"cookie", await _cookie_for(user)))
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, code = await communicator.connect()
    return communicator, connected, code


async def receive_until(communicator, kind, timeout=3.0):
    while True:
        event = await communicator.receive_json_from(timeout=timeout)
        if event["type"] == kind:
            return event


async def no_event(communicator, kind, timeout=0.3):
    """True when no event of `kind` arrives within `timeout` (others are skipped)."""
    while not await communicator.receive_nothing(timeout=timeout):
        event = await communicator.receive_json_from()
        if event["type"] == kind:
            return False
    return True


async def test_members_connect_and_others_are_refused(member, outsider, group):
    room, connected, _code = await connect(member)
    assert connected
    await room.disconnect()
    _room, connected, code = await connect(outsider)
    assert not connected and code == 4403
    _room, connected, code = await connect(None)
    assert not connected and code == 4403


async def test_a_bad_origin_is_refused(member, group):
    communicator = WebsocketCommunicator(
        application,
        "/ws/groups/chronic-pain/chat/",
        headers=[
            (b"origin", b"https://evil.example"),
            (b"cookie", await _cookie_for(member)),
        ],
    )
    connected, _code = await communicator.connect()
    assert not connected


async def test_send_is_stored_acked_and_broadcast(member, other_member, group):
    sender, *_ = await connect(member)
    listener, *_ = await connect(other_member)
    client_id = str(uuid.uuid4())
    await sender.send_json_to(
        {"type": "send", "client_id": client_id, "body": "hi *all*"}
    )
    ack = await receive_until(sender, "ack")
    assert ack == {"type": "ack", "client_id": client_id, "seq": 1}
    event = await receive_until(listener, "message")
    assert event["seq"] == 1
    assert event["client_id"] == client_id
    assert event["author"] == {"name": "Rowan"}
    assert event["html"] == "<p>hi <em>all</em></p>\n"
    assert await database_sync_to_async(ChatMessage.objects.count)() == 1
    await sender.disconnect()
    await listener.disconnect()


async def test_the_same_client_id_is_stored_once_and_acked_with_the_same_seq(
    member, other_member, group
):
    sender, *_ = await connect(member)
    listener, *_ = await connect(other_member)
    client_id = str(uuid.uuid4())
    for _ in range(2):
        await sender.send_json_to(
            {"type": "send", "client_id": client_id, "body": "once"}
        )
        ack = await receive_until(sender, "ack")
        assert ack["seq"] == 1
    await receive_until(listener, "message")
    assert await no_event(listener, "message")
    assert await database_sync_to_async(ChatMessage.objects.count)() == 1
    await sender.disconnect()
    await listener.disconnect()


async def test_reconnecting_with_after_replays_what_was_missed_in_order(
    member, other_member, group
):
    sender, *_ = await connect(member)
    for n in range(5):
        await sender.send_json_to(
            {"type": "send", "client_id": str(uuid.uuid4()), "body": f"m{n}"}
        )
        await receive_until(sender, "ack")
    late, *_ = await connect(other_member, after=2)
    seqs = [(await receive_until(late, "message"))["seq"] for _ in range(3)]
    assert seqs == [3, 4, 5]
    assert (await receive_until(late, "ready"))["seq"] == 5
    await sender.disconnect()
    await late.disconnect()


async def test_presence_counts_members_and_facilitators_but_not_hidden_ones(
    member, other_member, facilitator, group
):
    first, *_ = await connect(member)
    host, *_ = await connect(facilitator)
    presence = await receive_until(first, "presence")
    while presence["facilitators"] != 1:
        presence = await receive_until(first, "presence")
    assert (presence["members"], presence["facilitators"]) == (1, 1)
    assert "1 member and 1 facilitator here now" in presence["text"]
    hidden, *_ = await connect(other_member, hidden=True)
    presence = await receive_until(first, "presence")
    assert presence["members"] == 1
    for room in (first, host, hidden):
        await room.disconnect()


async def test_a_member_who_leaves_is_disconnected_and_hears_nothing_more(
    member, other_member, group
):
    leaver, *_ = await connect(other_member)
    sender, *_ = await connect(member)
    await database_sync_to_async(leave_group)(member=other_member, group=group)
    closed = await receive_until(leaver, "closed", timeout=5)
    assert closed["reason"] == "no_longer_a_member"
    output = await leaver.receive_output(timeout=5)
    assert output["type"] == "websocket.close"
    await sender.send_json_to(
        {"type": "send", "client_id": str(uuid.uuid4()), "body": "x"}
    )
    await receive_until(sender, "ack")
    assert await leaver.receive_nothing(timeout=0.3)
    await sender.disconnect()


async def test_a_crisis_message_shows_help_only_to_the_sender_and_flags_it(
    member, other_member, group
):
    sender, *_ = await connect(member)
    listener, *_ = await connect(other_member)
    text = "I've written my goodbye letters and I'm going to end my life tonight."
    await sender.send_json_to(
        {"type": "send", "client_id": str(uuid.uuid4()), "body": text}
    )
    support = await receive_until(sender, "support")
    assert "hold this on your own" in support["html"]
    assert "Samaritans" in support["html"]
    event = await receive_until(listener, "message")
    assert "end my life tonight" in event["html"]
    assert await no_event(listener, "support")
    flag = await database_sync_to_async(Flag.objects.get)()
    assert flag.get_severity_display() == "Needs care now"
    await sender.disconnect()
    await listener.disconnect()


async def test_refusals_come_back_as_errors_naming_the_client_id(member, group):
    sender, *_ = await connect(member)
    client_id = str(uuid.uuid4())
    await sender.send_json_to({"type": "send", "client_id": client_id, "body": "   "})
    error = await receive_until(sender, "error")
    assert error["client_id"] == client_id
    assert error["message"] == "Write something before sending."
    await sender.send_json_to({"type": "send", "client_id": "not-a-uuid", "body": "x"})
    assert (await receive_until(sender, "error"))["client_id"] == "not-a-uuid"
    await sender.disconnect()


@override_settings(ALONGSIDE_CHAT_RATE=(3, 60))
async def test_sending_is_rate_limited_per_member(member, group):
    sender, *_ = await connect(member)
    kinds = []
    for n in range(4):
        await sender.send_json_to(
            {"type": "send", "client_id": str(uuid.uuid4()), "body": f"m{n}"}
        )
        event = await sender.receive_json_from(timeout=3)
        while event["type"] not in ("ack", "error"):
            event = await sender.receive_json_from(timeout=3)
        kinds.append(event["type"])
    assert kinds == ["ack", "ack", "ack", "error"]
    await sender.disconnect()


@override_settings(ALONGSIDE_CHAT_RATE=(100000, 1))
async def test_many_senders_listeners_and_reconnects_lose_and_double_nothing(group):
    """5 senders x 100 messages, 20 listeners, 20 forced reconnects with `after`."""
    from alongside.groups.actions import set_role
    from conftest import make_user

    def cast():
        people = []
        for n in range(25):
            user = make_user(f"person{n}")
            set_role(group=group, member=user, role="member")
            people.append(user)
        return people

    people = await database_sync_to_async(cast)()
    senders, listeners = people[:5], people[5:]
    rng = random.Random(7)
    received: dict[int, list[int]] = {n: [] for n in range(len(listeners))}
    sockets = {}
    for n, user in enumerate(listeners):
        sockets[n], connected, _ = await connect(user)
        assert connected

    async def send_all(user):
        room, *_ = await connect(user)
        for n in range(100):
            await room.send_json_to(
                {
                    "type": "send",
                    "client_id": str(uuid.uuid4()),
                    "body": f"{user.pk}:{n}",
                }
            )
            await receive_until(room, "ack", timeout=10)
        await room.disconnect()

    async def listen(n):
        reconnects_left = 1  # 20 listeners x 1 = 20 forced reconnects
        while True:
            # Once all 500 are in, a short silence shows nothing else (no double)
            # follows. Before that, wait longer: a reconnect's catch-up queues
            # behind the other sockets' database work, more so on PostgreSQL.
            quiet = 1 if len(received[n]) >= 500 else 15
            if await sockets[n].receive_nothing(timeout=quiet):
                return
            event = await sockets[n].receive_json_from()
            if event["type"] != "message":
                continue
            received[n].append(event["seq"])
            if reconnects_left and len(received[n]) == rng.randint(50, 400):
                reconnects_left -= 1
                await sockets[n].disconnect()
                sockets[n], *_ = await connect(listeners[n], after=received[n][-1])

    await asyncio.gather(
        *(send_all(u) for u in senders), *(listen(n) for n in received)
    )
    stored = await database_sync_to_async(
        lambda: list(ChatMessage.objects.order_by("seq").values_list("seq", flat=True))
    )()
    assert stored == list(range(1, 501))
    for n, seqs in received.items():
        assert seqs == stored, f"listener {n}: {len(seqs)} messages"
    for room in sockets.values():
        await room.disconnect()


async def test_meeting_mode_and_pins_reach_everyone_in_the_room(
    member, facilitator, group
):
    from alongside.chat import actions

    listener, *_ = await connect(member)
    await database_sync_to_async(actions.start_meeting)(host=facilitator, group=group)
    state = await receive_until(listener, "room")
    assert state["meeting"] is True and state["pinned"] is None
    sent = await database_sync_to_async(actions.send_chat_message)(
        author=facilitator, group=group, client_id=uuid.uuid4(), body="Welcome"
    )
    await database_sync_to_async(actions.pin_message)(
        host=facilitator, group=group, seq=sent.message.seq
    )
    state = await receive_until(listener, "room")
    while state["pinned"] is None:  # the state sent on connecting may come first
        state = await receive_until(listener, "room")
    assert state["pinned"]["seq"] == sent.message.seq
    late, *_ = await connect(member)
    assert (await receive_until(late, "room"))["meeting"] is True
    await database_sync_to_async(actions.mute_for_meeting)(
        host=facilitator, group=group, member=member, reason=""
    )
    assert (await receive_until(listener, "muted"))["type"] == "muted"
    await listener.disconnect()
    await late.disconnect()
