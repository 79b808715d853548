"""A new member's first post waits for a moderator where the group asks for it."""

import pytest
from django.urls import reverse

from alongside.groups.models import Group, Membership
from alongside.moderation.models import Flag, ModerationLog, SupportMessage
from alongside.threads.models import Reply, Thread

URGENT = "I've written my goodbye letters and I'm going to end my life tonight."
HELD_NOTICE = "Because you&#x27;re new here, a moderator will look at your first post"


@pytest.fixture
def holding_group(group, thread) -> Group:
    """The cast's group, holding first posts from now on (its thread is up)."""
    Group.objects.filter(pk=group.pk).update(holds_first_posts=True)
    group.refresh_from_db()
    return group


def _reply(client, thread, body):
    return client.post(reverse("threads:reply", args=[thread.pk]), {"body": body})


def _new_thread(client, group, title, body):
    return client.post(
        reverse("threads:new", args=[group.slug]), {"title": title, "body": body}
    )


def test_a_new_members_first_reply_waits_and_its_writer_is_told_kindly(
    holding_group, thread, other_member_client, member_client, moderator_client
):
    before = Thread.objects.get(pk=thread.pk)
    response = _reply(other_member_client, thread, "Every single time, honestly.")
    assert response.status_code == 302
    reply = Reply.objects.get(body="Every single time, honestly.")
    assert reply.held_at is not None and reply.held_reason == "first post"

    writer_page = other_member_client.get(thread.get_absolute_url()).content.decode()
    assert "Every single time, honestly." in writer_page
    assert HELD_NOTICE in writer_page
    assert "usually within a day" in writer_page
    # Other members don't see it, and the thread's count and activity ignore it.
    assert (
        "Every single time"
        not in member_client.get(thread.get_absolute_url()).content.decode()
    )
    after = Thread.objects.get(pk=thread.pk)
    assert after.reply_count == before.reply_count == 0
    assert after.last_activity_at == before.last_activity_at
    # The moderators see it on the thread page and in the queue, with buttons.
    assert (
        "Every single time"
        in moderator_client.get(thread.get_absolute_url()).content.decode()
    )
    flag = Flag.objects.get(source=Flag.Source.HELD)
    assert flag.severity == Flag.Severity.HELD
    assert flag.subject_id == reply.author_id
    assert "Every single time" not in str(flag.findings)
    queue = moderator_client.get(
        reverse("moderation:queue", args=[holding_group.slug])
    ).content.decode()
    assert reverse("moderation:approve_held", args=[holding_group.slug, flag.pk]) in (
        queue
    )
    assert reverse("moderation:decline_held", args=[holding_group.slug, flag.pk]) in (
        queue
    )


def test_approving_publishes_counts_trusts_the_writer_and_logs_it(
    holding_group,
    thread,
    other_member,
    other_member_client,
    member_client,
    moderator,
    moderator_client,
    clock,
):
    _reply(other_member_client, thread, "Every single time, honestly.")
    flag = Flag.objects.get(source=Flag.Source.HELD)
    approved_at = clock.advance(hours=3)
    response = moderator_client.post(
        reverse("moderation:approve_held", args=[holding_group.slug, flag.pk]),
        {"reason": "Kind and on topic."},
    )
    assert response.status_code == 302
    reply = Reply.objects.get(body="Every single time, honestly.")
    assert reply.held_at is None
    thread.refresh_from_db()
    assert thread.reply_count == 1
    assert thread.last_activity_at == approved_at
    assert (
        "Every single time"
        in member_client.get(thread.get_absolute_url()).content.decode()
    )
    membership = Membership.objects.get(group=holding_group, member=other_member)
    assert membership.trusted_at == approved_at
    flag.refresh_from_db()
    assert (flag.resolution, flag.resolved_by) == ("approved", moderator)
    log = ModerationLog.objects.get(action="held_post_approved")
    assert (log.actor, log.subject, log.target_id) == (
        moderator,
        other_member,
        reply.pk,
    )
    # Trusted now: the next post goes straight up.
    _reply(other_member_client, thread, "And again today.")
    assert Reply.objects.get(body="And again today.").held_at is None
    # Approving twice changes nothing.
    moderator_client.post(
        reverse("moderation:approve_held", args=[holding_group.slug, flag.pk])
    )
    thread.refresh_from_db()
    assert thread.reply_count == 2
    assert ModerationLog.objects.filter(action="held_post_approved").count() == 1


def test_declining_hides_it_with_a_reason_only_its_writer_sees(
    holding_group,
    thread,
    other_member,
    other_member_client,
    member_client,
    moderator,
    moderator_client,
):
    _reply(other_member_client, thread, "Buy my supplements, link in bio.")
    flag = Flag.objects.get(source=Flag.Source.HELD)
    url = reverse("moderation:decline_held", args=[holding_group.slug, flag.pk])
    page = moderator_client.get(url)
    assert page.status_code == 200
    assert "What the writer will read" in page.content.decode()
    # A reason is needed; the form says so and keeps the page.
    refused = moderator_client.post(url, {"reason": ""})
    assert refused.status_code == 422
    assert "Say why, so the writer understands." in refused.content.decode()

    reason = "We don't allow selling here. You're welcome to share your experience."
    response = moderator_client.post(url, {"reason": reason})
    assert response.status_code == 302
    reply = Reply.objects.get(body__startswith="Buy my supplements")
    assert reply.hidden_at is not None and reply.hidden_reason == reason
    assert reply.held_at is not None  # never approved
    flag.refresh_from_db()
    assert flag.resolution == "declined"
    message = SupportMessage.objects.get(recipient=other_member)
    assert message.kind == SupportMessage.Kind.HIDDEN and message.body == reason
    log = ModerationLog.objects.get(action="held_post_declined")
    assert (log.actor, log.subject, log.reason) == (moderator, other_member, reason)
    assert (
        "Buy my supplements"
        not in member_client.get(thread.get_absolute_url()).content.decode()
    )
    thread.refresh_from_db()
    assert thread.reply_count == 0


def test_a_held_opening_post_keeps_the_thread_out_of_other_members_lists(
    holding_group, other_member_client, member_client, moderator_client
):
    response = _new_thread(
        other_member_client, holding_group, "Hello from a newcomer", "First post here."
    )
    assert response.status_code == 302
    thread = Thread.objects.get(title="Hello from a newcomer")
    writer_page = other_member_client.get(thread.get_absolute_url()).content.decode()
    assert HELD_NOTICE in writer_page
    assert (
        "Hello from a newcomer"
        in other_member_client.get(holding_group.get_absolute_url()).content.decode()
    )
    for page in (holding_group.get_absolute_url(), reverse("home")):
        assert "Hello from a newcomer" not in member_client.get(page).content.decode()
    assert member_client.get(thread.get_absolute_url()).status_code == 404

    flag = Flag.objects.get(source=Flag.Source.HELD)
    moderator_client.post(
        reverse("moderation:approve_held", args=[holding_group.slug, flag.pk])
    )
    assert (
        "Hello from a newcomer"
        in member_client.get(holding_group.get_absolute_url()).content.decode()
    )
    assert member_client.get(thread.get_absolute_url()).status_code == 200


def test_a_post_in_crisis_is_never_held_and_is_flagged_as_today(
    holding_group, thread, other_member_client, member_client
):
    response = _reply(other_member_client, thread, URGENT)
    assert "support=" in response["Location"]
    reply = Reply.objects.get(body=URGENT)
    assert reply.held_at is None
    assert (
        "going to end my life tonight"
        in member_client.get(thread.get_absolute_url()).content.decode()
    )
    assert Flag.objects.get().source == Flag.Source.SAFETY


def test_facilitators_moderators_and_groups_without_the_setting_are_not_held(
    group, thread, other_member_client, facilitator_client, moderator_client
):
    _reply(other_member_client, thread, "No hold in this group.")
    Group.objects.filter(pk=group.pk).update(holds_first_posts=True)
    _reply(facilitator_client, thread, "From the facilitator.")
    _reply(moderator_client, thread, "From the moderator.")
    assert not Reply.objects.filter(held_at__isnull=False).exists()
    assert not Flag.objects.exists()


def test_the_group_settings_page_turns_the_hold_on_and_logs_it(
    group, facilitator, facilitator_client, member_client
):
    url = reverse("groups:settings", args=[group.slug])
    page = facilitator_client.get(url).content.decode()
    assert "Hold new members&#x27; first posts for approval" in page
    assert reverse("groups:settings", args=[group.slug]) in (
        facilitator_client.get(group.get_absolute_url()).content.decode()
    )
    response = facilitator_client.post(url, {"holds_first_posts": "on"})
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.holds_first_posts
    log = ModerationLog.objects.get()
    assert (log.actor, log.action) == (facilitator, "first_post_hold_on")
    # A plain member is sent back to the group page; nothing changes.
    assert member_client.post(url, {})["Location"] == group.get_absolute_url()
    group.refresh_from_db()
    assert group.holds_first_posts


def test_turning_the_hold_off_lets_first_posts_through_and_logs_it(
    holding_group, thread, moderator, moderator_client, other_member_client,
    member_client,
):  # fmt: skip
    url = reverse("groups:settings", args=[holding_group.slug])

    response = moderator_client.post(url, {})

    assert response.status_code == 302
    holding_group.refresh_from_db()
    assert not holding_group.holds_first_posts
    log = ModerationLog.objects.get()
    assert (log.actor, log.action, log.group) == (
        moderator,
        "first_post_hold_off",
        holding_group,
    )
    assert (log.target_type.model_class(), log.target_id) == (Group, holding_group.pk)
    # A group setting: the form asks for no reason, and the log keeps none.
    assert log.reason == ""
    # A new member's first post now goes straight up, with nothing to review.
    _reply(other_member_client, thread, "Straight up, no waiting.")
    assert Reply.objects.get(body="Straight up, no waiting.").held_at is None
    assert "Straight up, no waiting." in (
        member_client.get(thread.get_absolute_url()).content.decode()
    )
    assert not Flag.objects.exists()
    # Sending the same choice again changes nothing and adds no row.
    moderator_client.post(url, {})
    assert ModerationLog.objects.count() == 1


def test_a_held_reply_deleted_by_its_writer_leaves_the_count_alone(
    holding_group, thread, other_member_client
):
    _reply(other_member_client, thread, "Never mind, wrong thread.")
    reply = Reply.objects.get(body="Never mind, wrong thread.")
    other_member_client.post(reverse("threads:delete", args=[reply.pk]))
    thread.refresh_from_db()
    assert thread.reply_count == 0


def test_a_declined_post_its_writer_changes_comes_back_for_approval(
    holding_group, thread, other_member_client, member_client, moderator_client
):
    _reply(other_member_client, thread, "Buy my supplements.")
    flag = Flag.objects.get(source=Flag.Source.HELD)
    moderator_client.post(
        reverse("moderation:decline_held", args=[holding_group.slug, flag.pk]),
        {"reason": "No selling, please."},
    )
    reply = Reply.objects.get(body="Buy my supplements.")
    other_member_client.post(
        reverse("threads:edit", args=[reply.pk]), {"body": "Pacing helps me most."}
    )
    again = Flag.objects.get(resolved_at__isnull=True)
    queue = moderator_client.get(
        reverse("moderation:queue", args=[holding_group.slug])
    ).content.decode()
    approve = reverse("moderation:approve_held", args=[holding_group.slug, again.pk])
    assert approve in queue
    moderator_client.post(approve)
    assert (
        "Pacing helps me most."
        in member_client.get(thread.get_absolute_url()).content.decode()
    )
    thread.refresh_from_db()
    assert thread.reply_count == 1
