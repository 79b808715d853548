import uuid

from django.urls import reverse

from alongside.chat.actions import send_chat_message
from alongside.chat.models import ChatMessage


def test_the_room_page_shows_recent_messages_in_a_log(member_client, member, group):
    send_chat_message(author=member, group=group, client_id=uuid.uuid4(), body="hello")
    body = member_client.get(reverse("chat:room", args=[group.slug])).content.decode()
    assert 'role="log"' in body
    assert "hello" in body
    assert "Message Living with chronic pain" in body


def test_sending_without_javascript_stores_once_per_client_id(member_client, group):
    url = reverse("chat:send", args=[group.slug])
    client_id = str(uuid.uuid4())
    first = member_client.post(url, {"body": "no js here", "client_id": client_id})
    second = member_client.post(url, {"body": "no js here", "client_id": client_id})
    assert first.status_code == second.status_code == 302
    assert ChatMessage.objects.filter(body="no js here").count() == 1


def test_an_empty_message_keeps_the_room_and_explains(member_client, group):
    response = member_client.post(
        reverse("chat:send", args=[group.slug]),
        {"body": "", "client_id": str(uuid.uuid4())},
    )
    assert response.status_code == 422
    assert "Write something before sending." in response.content.decode()


def test_history_pages_back_with_before(member_client, member, group, settings):
    settings.ALONGSIDE_PAGE_SIZE = 3
    for n in range(7):
        send_chat_message(
            author=member, group=group, client_id=uuid.uuid4(), body=f"line-{n}"
        )
    url = reverse("chat:room", args=[group.slug])
    newest = member_client.get(url).content.decode()
    assert "line-6" in newest and "line-3" not in newest
    assert "?before=5" in newest
    older = member_client.get(url, {"before": 5}).content.decode()
    assert "line-3" in older and "line-2" in older and "line-5" not in older


def test_the_room_is_for_members_only(outsider_client, client, group):
    url = reverse("chat:room", args=[group.slug])
    assert outsider_client.get(url).status_code == 404
    assert client.get(url).status_code == 302
    send = reverse("chat:send", args=[group.slug])
    assert (
        outsider_client.post(
            send, {"body": "x", "client_id": str(uuid.uuid4())}
        ).status_code
        == 404
    )
