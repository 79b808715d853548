"""The member's notifications socket: their unread count, live, and nothing else."""

import pytest
from channels.db import database_sync_to_async
from channels.layers import channel_layers
from channels.testing import WebsocketCommunicator
from django.test import Client
from django.urls import reverse

from alongside.notifications.models import Notification
from config.asgi import application

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

ORIGIN = (b"origin", b"http://127.0.0.1")


@pytest.fixture(autouse=True)
def fresh_channel_layer():
    """A new channel layer for every test: each test runs its own event loop."""
    channel_layers.backends = {}
    yield
    channel_layers.backends = {}


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


async def connect(client: Client | None, origin=ORIGIN):
    headers = [origin]
    if client is not None:
        cookie = client.cookies["sessionid"].value
        headers.append((b"cookie", f"sessionid={cookie}".encode()))
    communicator = WebsocketCommunicator(
        application, "/ws/notifications/", headers=headers
    )
    connected, code = await communicator.connect()
    return communicator, connected, code


async def test_the_count_arrives_on_connecting_and_whenever_it_changes(
    thread, member, other_member
):
    rowan = await database_sync_to_async(_signed_in)(member)
    socket, connected, _code = await connect(rowan)
    assert connected
    assert await socket.receive_json_from(timeout=3) == {"type": "count", "unread": 0}

    sam = await database_sync_to_async(_signed_in)(other_member)
    response = await database_sync_to_async(sam.post)(
        reverse("threads:reply", args=[thread.pk]), {"body": "Same here, @rowan."}
    )
    assert response.status_code == 302
    assert await socket.receive_json_from(timeout=3) == {"type": "count", "unread": 1}

    def open_it():
        notification = Notification.objects.get(recipient=member)
        return rowan.post(reverse("notifications:open", args=[notification.pk]))

    assert (await database_sync_to_async(open_it)()).status_code == 302
    assert await socket.receive_json_from(timeout=3) == {"type": "count", "unread": 0}
    await socket.disconnect()


async def test_leaving_the_group_lowers_the_count_at_once(thread, member, other_member):
    rowan = await database_sync_to_async(_signed_in)(member)
    sam = await database_sync_to_async(_signed_in)(other_member)
    await database_sync_to_async(sam.post)(
        reverse("threads:reply", args=[thread.pk]), {"body": "Hello."}
    )
    socket, *_ = await connect(rowan)
    assert await socket.receive_json_from(timeout=3) == {"type": "count", "unread": 1}

    await database_sync_to_async(rowan.post)(
        reverse("groups:leave", args=[thread.group.slug])
    )
    assert await socket.receive_json_from(timeout=3) == {"type": "count", "unread": 0}
    await socket.disconnect()


async def test_nobody_else_hears_the_count(thread, member, other_member, facilitator):
    alex = await database_sync_to_async(_signed_in)(facilitator)
    socket, *_ = await connect(alex)
    assert await socket.receive_json_from(timeout=3) == {"type": "count", "unread": 0}
    sam = await database_sync_to_async(_signed_in)(other_member)
    await database_sync_to_async(sam.post)(
        reverse("threads:reply", args=[thread.pk]), {"body": "Hello."}
    )
    assert await socket.receive_nothing(timeout=0.3)
    await socket.disconnect()


async def test_signed_out_visitors_and_other_sites_are_refused(member):
    _socket, connected, code = await connect(None)
    assert not connected and code == 4403
    rowan = await database_sync_to_async(_signed_in)(member)
    _socket, connected, _code = await connect(
        rowan, origin=(b"origin", b"https://evil.example")
    )
    assert not connected


async def test_signing_out_closes_the_socket(member):
    rowan = await database_sync_to_async(_signed_in)(member)
    socket, *_ = await connect(rowan)
    await socket.receive_json_from(timeout=3)

    await database_sync_to_async(rowan.post)(reverse("account_logout"))

    assert await socket.receive_json_from(timeout=3) == {
        "type": "closed",
        "reason": "signed_out",
    }
    assert (await socket.receive_output(timeout=3))["type"] == "websocket.close"


async def test_the_socket_only_listens(member):
    rowan = await database_sync_to_async(_signed_in)(member)
    socket, *_ = await connect(rowan)
    await socket.receive_json_from(timeout=3)
    await socket.send_json_to({"type": "count", "unread": 99})
    assert await socket.receive_nothing(timeout=0.3)
    await socket.disconnect()
