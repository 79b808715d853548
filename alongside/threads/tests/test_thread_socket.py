"""A thread page's read-only socket: context notes arrive live, for members only."""

import pytest
from channels.db import database_sync_to_async
from channels.layers import channel_layers
from channels.testing import WebsocketCommunicator
from django.test import Client
from django.urls import reverse

from alongside.groups.actions import leave_group
from alongside.moderation.models import Block
from config.asgi import application

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

ORIGIN = (b"origin", b"http://127.0.0.1")
NHS = "https://www.nhs.uk/conditions/chronic-pain/"


@pytest.fixture(autouse=True)
def fresh_channel_layer():
    """A new channel layer for every test: each test runs its own event loop."""
    channel_layers.backends = {}
    yield
    channel_layers.backends = {}


async def _cookie_for(user) -> bytes:
    def login() -> str:
        client = Client()
        client.force_login(user)
        return client.cookies["sessionid"].value

    return f"sessionid={await database_sync_to_async(login)()}".encode()


async def connect(user, thread_id, origin=ORIGIN):
    headers = [origin]
    if user is not None:
        headers.append((b"cookie", await _cookie_for(user)))
    communicator = WebsocketCommunicator(
        application, f"/ws/threads/{thread_id}/", headers=headers
    )
    connected, code = await communicator.connect()
    return communicator, connected, code


def _withdraw(moderator, note_id):
    client = Client()
    client.force_login(moderator)
    url = reverse("moderation:context_note_withdraw", args=[note_id])
    assert client.post(url).status_code == 302


def _latest_note_id():
    from alongside.moderation.models import ContextNote

    return ContextNote.objects.latest("pk").pk


async def post_note(moderator, reply, body="Heat helps some people; ask your GP."):
    def run():
        client = Client()
        client.force_login(moderator)
        return client.post(
            reverse("moderation:context_note", args=[reply.pk]),
            {"body": body, "source_1": NHS},
        )

    response = await database_sync_to_async(run)()
    assert response.status_code == 302
    return await database_sync_to_async(_latest_note_id)()


async def test_a_member_sees_a_note_arrive_and_leave_while_the_page_is_open(
    member, moderator, thread, reply
):
    page, connected, _code = await connect(member, thread.pk)
    assert connected

    note_id = await post_note(moderator, reply)

    event = await page.receive_json_from(timeout=3)
    assert event["type"] == "context_note"
    assert (event["reply_id"], event["note_id"]) == (reply.pk, note_id)
    assert event["html"].startswith(f'<aside class="context-note" id="note-{note_id}"')
    assert "Context from the moderators" in event["html"]
    assert "Heat helps some people" in event["html"]
    assert "(nhs.uk)" in event["html"]
    assert "csrfmiddlewaretoken" not in event["html"]

    await database_sync_to_async(_withdraw)(moderator, note_id)

    event = await page.receive_json_from(timeout=3)
    assert event == {"type": "context_note_withdrawn", "note_id": note_id}
    await page.disconnect()


async def test_people_outside_the_group_are_refused(outsider, thread):
    _page, connected, code = await connect(outsider, thread.pk)
    assert not connected and code == 4403
    _page, connected, code = await connect(None, thread.pk)
    assert not connected and code == 4403
    _page, connected, code = await connect(outsider, 987654)
    assert not connected and code == 4403


async def test_a_bad_origin_is_refused(member, thread):
    _page, connected, _code = await connect(
        member, thread.pk, origin=(b"origin", b"https://evil.example")
    )
    assert not connected


async def test_the_socket_only_listens(member, thread):
    page, *_ = await connect(member, thread.pk)
    await page.send_json_to({"type": "send", "body": "hello"})
    assert await page.receive_nothing(timeout=0.3)
    await page.disconnect()


async def test_a_note_beneath_a_post_a_member_cannot_see_does_not_reach_them(
    member, other_member, moderator, thread, reply
):
    def block():
        # The member blocked the reply's writer, so the reply is not on their page.
        Block.objects.create(blocker=member, blocked=other_member)

    await database_sync_to_async(block)()
    page, *_ = await connect(member, thread.pk)
    moderating, *_ = await connect(moderator, thread.pk)

    await post_note(moderator, reply)

    event = await moderating.receive_json_from(timeout=3)
    assert event["type"] == "context_note"
    assert await page.receive_nothing(timeout=0.3)
    await page.disconnect()
    await moderating.disconnect()


async def test_a_member_who_leaves_the_group_stops_receiving(
    member, other_member, moderator, group, thread, reply
):
    page, *_ = await connect(other_member, thread.pk)

    await database_sync_to_async(leave_group)(member=other_member, group=group)

    closed = await page.receive_json_from(timeout=5)
    assert closed == {"type": "closed", "reason": "no_longer_a_member"}
    assert (await page.receive_output(timeout=5))["type"] == "websocket.close"
    await post_note(moderator, reply)
    assert await page.receive_nothing(timeout=0.3)
