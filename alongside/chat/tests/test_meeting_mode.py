import uuid

import pytest
from django.urls import reverse

from alongside.chat.actions import send_chat_message
from alongside.chat.models import Room
from alongside.core.errors import ActionRefused
from alongside.moderation.models import ModerationLog


def _host(client, group, **data):
    return client.post(reverse("chat:host", args=[group.slug]), data, follow=True)


def _say(author, group, body="hello"):
    return send_chat_message(
        author=author, group=group, client_id=uuid.uuid4(), body=body
    )


def test_a_facilitator_starts_and_ends_meeting_mode(facilitator_client, group):
    page = _host(facilitator_client, group, action="start").content.decode()
    assert "A meeting is on." in page
    assert Room.objects.get(pk=group.pk).in_meeting
    page = _host(facilitator_client, group, action="end").content.decode()
    assert "The meeting has ended." in page
    assert not Room.objects.get(pk=group.pk).in_meeting
    actions = list(ModerationLog.objects.values_list("action", flat=True))
    assert sorted(actions) == ["meeting_ended", "meeting_started"]


def test_members_cannot_host(member_client, group):
    page = _host(member_client, group, action="start").content.decode()
    assert "Only the group" in page
    assert not Room.objects.filter(
        pk=group.pk, meeting_started_at__isnull=False
    ).exists()


def test_pinning_shows_the_message_above_the_room(
    facilitator_client, member_client, member, group
):
    message = _say(member, group, "Welcome, everyone").message
    _host(facilitator_client, group, action="pin", seq=message.seq)
    page = member_client.get(reverse("chat:room", args=[group.slug])).content.decode()
    assert "Pinned by the host" in page
    state = member_client.get(reverse("chat:state", args=[group.slug])).content.decode()
    assert "Welcome, everyone" in state
    _host(facilitator_client, group, action="unpin")
    state = member_client.get(reverse("chat:state", args=[group.slug])).content.decode()
    assert "Pinned by the host" not in state


def test_slow_mode_lets_one_message_through_per_window(
    facilitator_client, member, facilitator, group
):
    _host(facilitator_client, group, action="start")
    _host(facilitator_client, group, action="slow", seconds="30")
    _say(member, group, "first")
    with pytest.raises(ActionRefused, match="Slow mode is on"):
        _say(member, group, "second")
    # The host is not slowed down.
    _say(facilitator, group, "one")
    _say(facilitator, group, "two")


def test_a_paused_member_cannot_send_until_the_meeting_ends(
    facilitator_client, member, group
):
    _host(facilitator_client, group, action="start")
    message = _say(member, group, "too much").message
    page = _host(
        facilitator_client, group, action="mute", seq=message.seq, reason="flooding"
    ).content.decode()
    assert "paused until the meeting ends" in page
    with pytest.raises(ActionRefused, match="paused your messages"):
        _say(member, group, "again")
    log = ModerationLog.objects.get(action="muted_for_meeting")
    assert log.reason == "flooding"
    _host(facilitator_client, group, action="end")
    _say(member, group, "back")


def test_pausing_needs_meeting_mode(facilitator_client, member, group):
    message = _say(member, group).message
    page = _host(
        facilitator_client, group, action="mute", seq=message.seq
    ).content.decode()
    assert "Start meeting mode before" in page
