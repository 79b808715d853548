"""A live connection lasts only as long as the sign-in it was opened with."""

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client
from django.urls import reverse

from config.asgi import application
from conftest import PASSWORD

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

ORIGIN = (b"origin", b"http://127.0.0.1")
ROOM = "/ws/groups/chronic-pain/chat/"
SIGNED_IN_PAGE = "/accounts/profile/"


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


async def open_room(client: Client, path: str = ROOM):
    cookie = f"sessionid={client.cookies['sessionid'].value}".encode()
    socket = WebsocketCommunicator(
        application, path, headers=[ORIGIN, (b"cookie", cookie)]
    )
    connected, code = await socket.connect()
    return socket, connected, code


async def receive_until(socket, kind, timeout=3.0):
    while True:
        event = await socket.receive_json_from(timeout=timeout)
        if event["type"] == kind:
            return event


async def nothing_closes(socket, timeout=0.3) -> bool:
    while not await socket.receive_nothing(timeout=timeout):
        output = await socket.receive_output()
        if output["type"] == "websocket.close" or '"closed"' in output.get("text", ""):
            return False
    return True


async def assert_signed_out(socket, client: Client) -> None:
    """The socket is told and closed within 5 seconds; the cookie no longer works."""
    closed = await receive_until(socket, "closed", timeout=5)
    assert closed["reason"] == "signed_out"
    output = await socket.receive_output(timeout=5)
    assert output == {"type": "websocket.close", "code": 4403}
    response = await database_sync_to_async(client.get)(SIGNED_IN_PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    _again, connected, code = await open_room(client)
    assert not connected and code == 4403


async def test_a_new_password_closes_the_other_sessions_sockets_only(member, group):
    laptop, phone = await browsers("rowan")
    on_phone, connected, _ = await open_room(phone)
    assert connected
    on_laptop, connected, _ = await open_room(laptop)
    assert connected
    await receive_until(on_phone, "ready")
    await receive_until(on_laptop, "ready")

    response = await database_sync_to_async(laptop.post)(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "a-brand-new-long-password",
            "password2": "a-brand-new-long-password",
        },
    )
    assert response.status_code == 302

    await assert_signed_out(on_phone, phone)
    assert await nothing_closes(on_laptop)
    assert (await database_sync_to_async(laptop.get)(SIGNED_IN_PAGE)).status_code == 200
    await on_laptop.disconnect()


async def test_signing_out_everywhere_else_closes_those_sockets(member, group):
    laptop, phone = await browsers("rowan")
    on_phone, *_ = await open_room(phone)
    on_laptop, *_ = await open_room(laptop)
    await receive_until(on_phone, "ready")
    await receive_until(on_laptop, "ready")
    await database_sync_to_async(laptop.post)(reverse("accounts:sessions"))
    await assert_signed_out(on_phone, phone)
    assert await nothing_closes(on_laptop)
    await on_laptop.disconnect()


async def test_signing_out_closes_that_sessions_sockets_only(member, group):
    laptop, phone = await browsers("rowan")
    on_phone, *_ = await open_room(phone)
    on_laptop, *_ = await open_room(laptop)
    await receive_until(on_phone, "ready")
    await receive_until(on_laptop, "ready")
    await database_sync_to_async(phone.post)(reverse("account_logout"))
    await assert_signed_out(on_phone, phone)
    assert await nothing_closes(on_laptop)
    await on_laptop.disconnect()


async def test_another_members_password_change_closes_nothing(
    member, other_member, group
):
    rowan, _ = await browsers("rowan")
    sams_laptop, _ = await browsers("sam")
    on_rowan, *_ = await open_room(rowan)
    await receive_until(on_rowan, "ready")
    await database_sync_to_async(sams_laptop.post)(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "a-brand-new-long-password",
            "password2": "a-brand-new-long-password",
        },
    )
    assert await nothing_closes(on_rowan)
    await on_rowan.disconnect()


async def test_a_thread_pages_socket_closes_with_its_session_too(member, thread):
    laptop, phone = await browsers("rowan")
    path = f"/ws/threads/{thread.pk}/"
    on_phone, connected, _ = await open_room(phone, path)
    assert connected
    await database_sync_to_async(laptop.post)(reverse("accounts:sessions"))
    closed = await receive_until(on_phone, "closed", timeout=5)
    assert closed["reason"] == "signed_out"
    output = await on_phone.receive_output(timeout=5)
    assert output == {"type": "websocket.close", "code": 4403}
