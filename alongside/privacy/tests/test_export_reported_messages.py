"""A report of a private message stays out of its sender's copy (only the person it
was sent to could have made it), while the reporter's own copy lists it; a host's
pause on the member's messages in a room is in the member's copy."""

import json
import uuid

import pytest
from django.urls import reverse

from alongside.chat.models import ChatMessage
from alongside.moderation.models import Flag, ModerationLog
from alongside.privacy.models import PrivateMessage
from alongside.privacy.tests import test_export as base
from alongside.threads.actions import post_reply

from .helpers import write

PUSHY = "Send me your address so I can come round."
REPORT_NOTE = "CANARY-REPORT-NOTE-3f7a"
REPLY_NOTE = "CANARY-REPLY-NOTE-8b2c"


def copy_of(member, client, capture) -> tuple[dict, str]:
    """The member asks for their copy through the site and downloads it."""
    base.confirm(client)
    assert base.ask(client, capture).status_code == 302
    download = client.get(base.export_of(member).get_absolute_url())
    assert download.status_code == 200
    return base.contents(download)


@pytest.fixture
def reported(group, thread, facilitator, facilitator_client, member_client,
             moderator_client):  # fmt: skip
    """Alex writes to Rowan, who reports the message; a moderator reads it and
    dismisses the report. Rowan also reports a post of Alex's in the group."""
    write(facilitator_client, "rowan", PUSHY, pii_seen="True")
    message = PrivateMessage.objects.get()
    response = member_client.post(
        reverse("privacy:report", args=[message.pk]),
        {"reason": "harassment", "note": REPORT_NOTE},
    )
    assert response.status_code == 302
    flag = Flag.objects.get()
    opened = moderator_client.post(reverse("privacy:reported", args=[flag.pk]))
    assert opened.status_code == 200
    dismissed = moderator_client.post(
        reverse("moderation:dismiss", args=[group.slug, flag.pk]), {"reason": "Ok."}
    )
    assert dismissed.status_code == 302
    assert set(
        ModerationLog.objects.filter(subject=facilitator).values_list(
            "action", flat=True
        )
    ) == {"read_reported_message", "flag_dismissed"}

    post = post_reply(author=facilitator, thread=thread, body="Try harder.")
    response = member_client.post(
        reverse("moderation:report_reply", args=[post.pk]),
        {"reason": "harassment", "note": REPLY_NOTE},
    )
    assert response.status_code == 302
    return message, post


def test_the_senders_copy_leaves_out_the_report_of_their_message(
    reported, facilitator, facilitator_client, django_capture_on_commit_callbacks
):
    _message, post = reported

    data, html = copy_of(
        facilitator, facilitator_client, django_capture_on_commit_callbacks
    )

    raw = json.dumps(data, ensure_ascii=False)
    # Their message is theirs, to the person they wrote to.
    assert [(m["direction"], m["body_markdown"]) for m in data["private_messages"]] == [
        ("sent", PUSHY)
    ]
    # No flag about it, no reading, no closing of the report: nothing that shows
    # someone reported it, and so who.
    assert [
        (f["about_kind"], f["about_id"]) for f in data["safety_flags_about_you"]
    ] == [("post", post.pk)]
    assert [row["about_kind"] for row in data["moderation_about_you"]] == []
    assert "read_reported_message" not in raw
    assert "flag_dismissed" not in raw
    assert '"about_kind": "private message"' not in raw
    for text in (raw, html):
        assert REPORT_NOTE not in text
        assert REPLY_NOTE not in text
    assert (
        "reports about private messages you sent, and moderators reading those "
        "messages, because only the person you wrote to could have made them"
    ) in data["about"]["not_included"]
    assert "reports about private messages you sent" in html


def test_the_reporters_copy_lists_their_report(
    reported, member, member_client, django_capture_on_commit_callbacks
):
    message, post = reported

    data, html = copy_of(member, member_client, django_capture_on_commit_callbacks)

    assert [
        (r["about_kind"], r["about_id"], r["note"]) for r in data["reports_made"]
    ] == [("private message", message.pk, REPORT_NOTE), ("post", post.pk, REPLY_NOTE)]
    assert REPORT_NOTE in html


def test_a_pause_in_a_meeting_is_in_the_members_copy_without_who_paused_it(
    group, member, member_client, facilitator_client,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    host = reverse("chat:host", args=[group.slug])
    assert facilitator_client.post(host, {"action": "start"}).status_code == 302
    sent = member_client.post(
        reverse("chat:send", args=[group.slug]),
        {"body": "Can I say something?", "client_id": str(uuid.uuid4())},
    )
    assert sent.status_code == 302
    seq = ChatMessage.objects.get(author=member).seq
    paused = facilitator_client.post(
        host, {"action": "mute", "seq": seq, "reason": "Let others speak."}
    )
    assert paused.status_code == 302

    data, html = copy_of(member, member_client, django_capture_on_commit_callbacks)

    (membership,) = [m for m in data["memberships"] if m["group"] == group.name]
    assert membership["room_messages_paused_since"] is not None
    assert "Room messages paused since" in html
    assert "Let others speak." not in json.dumps(data) + html
    assert not [m for m in data["memberships"] if "by" in m or "paused_by" in m]
