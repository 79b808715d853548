import html
import uuid

from django.test import Client
from django.urls import reverse

from alongside.privacy.models import PrivateMessage


def write(client: Client, username: str, body: str, token: str | None = None, **extra):
    """POST the first-message form (or any message) to someone, as a browser would."""
    data = {"body": body, "client_token": token or str(uuid.uuid4()), **extra}
    return client.post(reverse("privacy:write", args=[username]), data)


def reply(client: Client, conversation_id: int, body: str, **extra):
    data = {"body": body, "client_token": str(uuid.uuid4()), **extra}
    return client.post(reverse("privacy:conversation", args=[conversation_id]), data)


def choose(client: Client, messages_from: str):
    response = client.post(
        reverse("privacy:preference"), {"messages_from": messages_from}
    )
    assert response.status_code == 302
    return response


def only_message() -> PrivateMessage:
    return PrivateMessage.objects.select_related("conversation").get()


def text(response) -> str:
    """The page as a reader sees its characters (entities decoded)."""
    return html.unescape(response.content.decode())
