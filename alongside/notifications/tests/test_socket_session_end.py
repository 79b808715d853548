"""The notifications socket lasts only as long as the sign-in it was opened with,
as the chat's does (alongside/chat/tests/test_session_end.py): closing the account
or a new password from another device closes it within the same bounds."""

import pytest
from channels.db import database_sync_to_async
from channels.layers import channel_layers
from channels.testing import WebsocketCommunicator
from django.test import Client
from django.urls import reverse

from config.asgi import application
from conftest import PASSWORD

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

ORIGIN = (b"origin", b"http://127.0.0.1")
SOCKET = "/ws/notifications/"
SIGNED_IN_PAGE = "/accounts/profile/"


@pytest.fixture(autouse=True)
def fresh_channel_layer():
    """A new channel layer for every test: each test runs its own event loop."""
    channel_layers.backends = {}
    yield
    channel_layers.backends = {}


def sign_in(username: str, agent: str) -> Client:
    client = Client(HTTP_USER_AGENT=agent)
    response = client.post(
        reverse("account_login"), {"login": username, "password": PASSWORD}
    )
    assert response.status_code == 302
    return client


async def browsers(username: str) -> tuple[Client, Client]:
    """The member signed in on a laptop and on a phone, through the sign-in form."""

    def both() -> tuple[Client, Client]:
        return sign_in(username, "Firefox/128.0"), sign_in(username, "Android Chrome/1")

    return await database_sync_to_async(both)()


async def open_socket(client: Client):
    """The socket of a page, with its count read."""
    cookie = f"sessionid={client.cookies['sessionid'].value}".encode()
    socket = WebsocketCommunicator(
        application, SOCKET, headers=[ORIGIN, (b"cookie", cookie)]
    )
    connected, _code = await socket.connect()
    assert connected
    assert (await socket.receive_json_from(timeout=3))["type"] == "count"
    return socket


async def nothing_closes(socket, timeout=0.3) -> bool:
    while not await socket.receive_nothing(timeout=timeout):
        output = await socket.receive_output()
        if output["type"] == "websocket.close" or '"closed"' in output.get("text", ""):
            return False
    return True


async def assert_closed(socket, client: Client) -> None:
    """Told and closed within 5 seconds (the chat's bounds); the cookie no longer
    opens it again."""
    closed = await socket.receive_json_from(timeout=5)
    assert closed == {"type": "closed", "reason": "signed_out"}
    output = await socket.receive_output(timeout=5)
    assert output == {"type": "websocket.close", "code": 4403}
    cookie = f"sessionid={client.cookies['sessionid'].value}".encode()
    again = WebsocketCommunicator(
        application, SOCKET, headers=[ORIGIN, (b"cookie", cookie)]
    )
    connected, code = await again.connect()
    assert not connected and code == 4403


async def test_closing_the_account_closes_every_open_notifications_socket(member):
    laptop, phone = await browsers("rowan")
    on_laptop = await open_socket(laptop)
    on_phone = await open_socket(phone)

    response = await database_sync_to_async(laptop.post)(
        "/accounts/delete/", {"posts": "delete", "password": PASSWORD}
    )
    assert response.status_code == 302

    await assert_closed(on_phone, phone)
    await assert_closed(on_laptop, laptop)


async def test_a_new_password_closes_the_other_sessions_notifications_socket_only(
    member,
):
    laptop, phone = await browsers("rowan")
    on_laptop = await open_socket(laptop)
    on_phone = await open_socket(phone)

    response = await database_sync_to_async(laptop.post)(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "a-brand-new-long-password",
            "password2": "a-brand-new-long-password",
        },
    )
    assert response.status_code == 302

    await assert_closed(on_phone, phone)
    assert await nothing_closes(on_laptop)
    assert (await database_sync_to_async(laptop.get)(SIGNED_IN_PAGE)).status_code == 200
    await on_laptop.disconnect()
