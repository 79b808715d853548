"""Whoever reports someone is never named to the person they reported.

The reporter is an ordinary member of the group, so the member list names them as
it names everyone; no page ties them to the report.
"""

import uuid

from django.urls import reverse

from alongside.chat.actions import send_chat_message
from alongside.groups.actions import set_role
from alongside.groups.models import Membership
from alongside.moderation.models import Flag, Report, SupportMessage
from conftest import client_for, make_user

USERNAME, DISPLAY_NAME = "wrenfield", "Wren Ashdown"


def test_the_reported_member_never_sees_who_reported_them(
    member, member_client, moderator_client, group, thread
):
    reporter = make_user(USERNAME, display_name=DISPLAY_NAME)
    set_role(group=group, member=reporter, role=Membership.Role.MEMBER)
    wren = client_for(reporter)
    sent = send_chat_message(
        author=member, group=group, client_id=uuid.uuid4(), body="Nobody cares."
    )
    opening = thread.replies.get(is_opening=True)
    reports = [
        (reverse("moderation:report_reply", args=[opening.pk]), "worried"),
        (
            reverse("moderation:report_message", args=[group.slug, sent.message.seq]),
            "harassment",
        ),
        (reverse("moderation:report_profile", args=[member.username]), "privacy"),
    ]
    for url, reason in reports:
        assert (
            wren.post(url, {"reason": reason, "note": "Please look."}).status_code
            == 302
        )
    assert Report.objects.filter(reporter=reporter).count() == 3
    assert SupportMessage.objects.filter(recipient=member).exists()

    pages = [
        reverse("home"),
        thread.get_absolute_url(),
        member.get_absolute_url(),
        reverse("chat:room", args=[group.slug]),
        reverse("chat:state", args=[group.slug]),
        group.get_absolute_url(),
    ]
    for url in pages:
        response = member_client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert USERNAME not in body, url
        assert DISPLAY_NAME not in body, url
    for message in SupportMessage.objects.filter(recipient=member):
        assert USERNAME not in message.body
        assert DISPLAY_NAME not in message.body

    # Nor do the moderators: they see how many reported, never who.
    queue = moderator_client.get(reverse("moderation:queue", args=[group.slug]))
    body = queue.content.decode()
    assert "Reported by 1 member" in body
    assert USERNAME not in body and DISPLAY_NAME not in body
    assert Flag.objects.filter(source=Flag.Source.REPORT).count() == 3
