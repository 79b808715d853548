"""A received message can be reported; then, and only then, a moderator of a group
both share can read that one message, and each reading is logged."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from alongside.groups.actions import create_group, set_role
from alongside.groups.models import Membership
from alongside.moderation.models import Flag, ModerationLog, Report
from alongside.privacy.models import Conversation, PrivateMessage
from alongside.privacy.queries import open_text
from conftest import client_for, give_second_factor, make_user

from .helpers import reply, text, write

PUSHY = "Send me your address so I can come round."
EARLIER = "Hope the week is kind to you."


@pytest.fixture
def conversation(group, member_client, facilitator_client) -> Conversation:
    """Alex writes twice to Rowan; Rowan answers once."""
    write(facilitator_client, "rowan", EARLIER)
    conversation = Conversation.objects.get()
    reply(member_client, conversation.pk, "Thanks, you too.")
    reply(facilitator_client, conversation.pk, PUSHY, pii_seen="True")
    return conversation


def message_with(words: str) -> PrivateMessage:
    """The words are sealed in the database, so each message is opened to look."""
    for message in PrivateMessage.objects.order_by("pk"):
        if open_text(message, "body") == words:
            return message
    raise AssertionError(words)


def report(client, message: PrivateMessage, reason: str = "harassment", note: str = ""):
    return client.post(
        reverse("privacy:report", args=[message.pk]), {"reason": reason, "note": note}
    )


def reported_url(flag: Flag) -> str:
    return reverse("privacy:reported", args=[flag.pk])


def test_the_member_reports_a_message_and_a_moderator_reads_it_logged_each_time(
    conversation, member_client, moderator_client, moderator, group
):
    pushy = message_with(PUSHY)
    page = text(member_client.get(conversation.get_absolute_url()))
    assert reverse("privacy:report", args=[pushy.pk]) in page
    form = member_client.get(reverse("privacy:report", args=[pushy.pk]))
    assert form.status_code == 200
    assert PUSHY in text(form)

    response = report(member_client, pushy, note="I don't feel safe.")
    assert response.status_code == 302
    assert response["Location"] == pushy.get_absolute_url()
    flag = Flag.objects.get()
    assert flag.content == pushy
    assert flag.group == group
    assert flag.source == Flag.Source.REPORT
    assert flag.subject.username == "alex"
    assert Report.objects.get(flag=flag).reporter.username == "rowan"

    # Looking at the page writes nothing and shows no words yet.
    before = moderator_client.get(reported_url(flag))
    assert before.status_code == 200
    assert PUSHY not in text(before)
    assert "I don't feel safe." in text(before)
    assert not ModerationLog.objects.filter(action="read_reported_message").exists()

    opened = moderator_client.post(reported_url(flag))
    assert opened.status_code == 200
    page = text(opened)
    assert PUSHY in page
    assert "From Alex to Rowan" in page
    # That one message only: nothing else from the conversation.
    assert EARLIER not in page
    assert "Thanks, you too." not in page
    log = ModerationLog.objects.get(action="read_reported_message")
    assert log.actor == moderator
    assert log.group == group
    assert log.target_type == ContentType.objects.get_for_model(PrivateMessage)
    assert log.target_id == pushy.pk
    assert log.subject.username == "alex"

    moderator_client.post(reported_url(flag))
    assert ModerationLog.objects.filter(action="read_reported_message").count() == 2


def test_only_the_member_it_was_sent_to_can_report_it(
    conversation, facilitator_client, other_member_client, moderator_client,
    member_client,
):  # fmt: skip
    pushy = message_with(PUSHY)
    own = message_with("Thanks, you too.")
    for client in (facilitator_client, other_member_client, moderator_client):
        assert client.get(reverse("privacy:report", args=[pushy.pk])).status_code == 404
        assert report(client, pushy).status_code == 404
    assert (
        member_client.get(reverse("privacy:report", args=[own.pk])).status_code == 404
    )
    assert not Flag.objects.exists()


def test_without_a_report_no_moderator_can_reach_a_message(
    conversation, moderator_client, group
):
    pushy = message_with(PUSHY)
    assert moderator_client.get(conversation.get_absolute_url()).status_code == 404
    # A flag on something else cannot be used to open a private message.
    other = Flag.objects.create(
        group=group,
        content_type=ContentType.objects.get_for_model(PrivateMessage),
        object_id=pushy.pk,
        severity=Flag.Severity.OTHER,
        source=Flag.Source.SAFETY,
    )
    assert moderator_client.get(reported_url(other)).status_code == 404
    assert moderator_client.post(reported_url(other)).status_code == 404
    assert not ModerationLog.objects.exists()


def test_people_other_than_that_groups_moderators_get_not_found(
    conversation, member_client, facilitator_client, other_member_client,
    outsider_client,
):  # fmt: skip
    report(member_client, message_with(PUSHY))
    flag = Flag.objects.get()
    # The writer, the reporter, a facilitator, another member, a stranger, and a
    # moderator of another group.
    elsewhere = make_user("lee", display_name="Lee")
    give_second_factor(elsewhere)
    other_group = create_group(
        name="Elsewhere", slug="elsewhere", facilitator=elsewhere
    )
    set_role(group=other_group, member=elsewhere, role=Membership.Role.MODERATOR)
    for client in (
        member_client, facilitator_client, other_member_client, outsider_client,
        client_for(elsewhere),
    ):  # fmt: skip
        assert client.get(reported_url(flag)).status_code == 404
        assert client.post(reported_url(flag)).status_code == 404
    assert not ModerationLog.objects.filter(action="read_reported_message").exists()


def test_a_moderator_without_a_second_factor_is_sent_to_set_one_up(
    conversation, member_client, group
):
    report(member_client, message_with(PUSHY))
    flag = Flag.objects.get()
    newer = make_user("robin", display_name="Robin")
    set_role(group=group, member=newer, role=Membership.Role.MODERATOR)
    response = client_for(newer).post(reported_url(flag))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    assert not ModerationLog.objects.filter(action="read_reported_message").exists()


def test_the_report_goes_to_a_shared_group_that_has_moderators(
    conversation, member, facilitator, member_client, group
):
    """Even when a shared group without moderators comes first by name."""
    quiet = create_group(name="Aardvark club", slug="aardvark", facilitator=facilitator)
    set_role(group=quiet, member=member, role=Membership.Role.MEMBER)
    report(member_client, message_with(PUSHY))
    assert Flag.objects.get().group == group


def test_a_report_needs_a_reason_and_keeps_the_note_when_refused(
    conversation, member_client
):
    pushy = message_with(PUSHY)
    response = member_client.post(
        reverse("privacy:report", args=[pushy.pk]), {"note": "It felt pushy."}
    )
    assert response.status_code == 422
    assert "It felt pushy." in text(response)
    assert not Flag.objects.exists()


def test_the_queue_links_to_the_reported_message_without_showing_its_words(
    conversation, member_client, moderator_client, group
):
    report(member_client, message_with(PUSHY))
    flag = Flag.objects.get()
    queue = moderator_client.get(reverse("moderation:queue", args=[group.slug]))
    assert queue.status_code == 200
    assert reported_url(flag) in text(queue)
    assert PUSHY not in text(queue)
    assert not ModerationLog.objects.filter(action="read_reported_message").exists()


def test_a_report_on_a_moderators_message_is_not_shown_to_them(
    conversation, member_client, moderator_client, facilitator, group
):
    """Alex, who wrote the message, moderates the group too: the report goes to
    its other moderator, and Alex never sees it or who sent it."""
    set_role(group=group, member=facilitator, role=Membership.Role.MODERATOR)
    give_second_factor(facilitator)
    alex = client_for(facilitator)

    report(member_client, message_with(PUSHY), note="I don't feel safe.")

    flag = Flag.objects.get()
    assert flag.group == group
    queue = text(alex.get(reverse("moderation:queue", args=[group.slug])))
    assert reported_url(flag) not in queue
    assert "I don't feel safe." not in queue
    assert alex.get(reported_url(flag)).status_code == 404
    assert alex.post(reported_url(flag)).status_code == 404
    for name in ("resolve", "dismiss", "claim"):
        url = reverse(f"moderation:{name}", args=[group.slug, flag.pk])
        assert alex.post(url).status_code == 404
    assert not ModerationLog.objects.exists()
    flag.refresh_from_db()
    assert flag.is_open and flag.claimed_by is None
    # The group's other moderator has it, and reads it.
    assert reported_url(flag) in text(
        moderator_client.get(reverse("moderation:queue", args=[group.slug]))
    )
    assert "From Alex to Rowan" in text(moderator_client.post(reported_url(flag)))


def test_a_report_goes_where_a_moderator_is_neither_of_the_two(
    conversation, member, facilitator, member_client, moderator_client, group
):
    """Rowan, who received it, is the only moderator of a shared group that comes
    first by name: the report goes past it, to Morgan's group. Rowan never sees
    it, in that group's queue or this one's."""
    mine = create_group(name="Aardvark club", slug="aardvark", facilitator=facilitator)
    set_role(group=mine, member=member, role=Membership.Role.MODERATOR)
    set_role(group=group, member=member, role=Membership.Role.MODERATOR)
    give_second_factor(member)

    report(member_client, message_with(PUSHY))

    flag = Flag.objects.get()
    assert flag.group == group
    for slug in (mine.slug, group.slug):
        queue = text(member_client.get(reverse("moderation:queue", args=[slug])))
        assert reported_url(flag) not in queue
    assert member_client.post(reported_url(flag)).status_code == 404
    assert reported_url(flag) in text(
        moderator_client.get(reverse("moderation:queue", args=[group.slug]))
    )


def test_with_no_other_moderator_only_the_site_admins_see_the_report(
    conversation, member_client, facilitator, moderator, group
):
    """Alex is the only moderator the two share: the report waits in the group,
    out of Alex's sight, and the site's admins see it among every group's."""
    set_role(group=group, member=moderator, role=Membership.Role.MEMBER)
    set_role(group=group, member=facilitator, role=Membership.Role.MODERATOR)
    give_second_factor(facilitator)

    report(member_client, message_with(PUSHY), note="I don't feel safe.")

    flag = Flag.objects.get()
    alex = client_for(facilitator)
    assert reported_url(flag) not in text(
        alex.get(reverse("moderation:queue", args=[group.slug]))
    )
    assert alex.post(reported_url(flag)).status_code == 404
    admin = make_user("operator", is_staff=True)
    give_second_factor(admin)
    site = text(client_for(admin).get(reverse("moderation:site_queue")))
    assert f'id="flag-{flag.pk}"' in site
    assert "I don't feel safe." in site
    assert not ModerationLog.objects.exists()
