"""Moderators hide and restore replies, lock and move threads: each through its
page, with a reason, one log row, and the writer told."""

from html import unescape

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from alongside.core.errors import ActionRefused
from alongside.groups.actions import create_group, set_role
from alongside.groups.models import Membership
from alongside.moderation.models import Flag, ModerationLog, SupportMessage
from alongside.threads import actions
from alongside.threads.models import Reaction, Reply
from conftest import client_for, give_second_factor, make_user

URGENT = "I've written my goodbye letters and I'm going to end my life tonight."
HIDDEN_NOTICE = (
    "A moderator hid this post: It names someone outside the group. Only you and "
    "the moderators can see it. You can edit it and ask for it to be shown again."
)


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return unescape(response.content.decode())


def only_log_row() -> ModerationLog:
    rows = list(ModerationLog.objects.all())
    assert len(rows) == 1, [row.action for row in rows]
    return rows[0]


def hide(client, reply, reason="It names someone outside the group."):
    return client.post(reverse("threads:hide", args=[reply.pk]), {"reason": reason})


def test_a_hidden_reply_is_gone_for_others_and_its_writer_is_told_why(
    moderator_client, member_client, other_member_client, moderator, other_member,
    thread, reply,
):  # fmt: skip
    response = hide(moderator_client, reply)

    assert response.status_code == 302
    assert response["Location"] == reply.get_absolute_url()
    # Another member: the reply is not on the page at all.
    assert "Every single time." not in page(member_client, thread.get_absolute_url())
    # Its writer: the post, and why it was hidden, in kind words.
    writer_page = page(other_member_client, thread.get_absolute_url())
    assert "Every single time." in writer_page
    assert HIDDEN_NOTICE in writer_page
    # The moderators: marked hidden, with the reason and a way back.
    moderator_page = page(moderator_client, thread.get_absolute_url())
    assert "Every single time." in moderator_page
    assert "Hidden" in moderator_page
    assert "It names someone outside the group" in moderator_page
    assert reverse("threads:restore", args=[reply.pk]) in moderator_page
    # A private message with the reason, never the words of the post.
    message = SupportMessage.objects.get(recipient=other_member)
    assert message.kind == SupportMessage.Kind.HIDDEN
    assert "It names someone outside the group." in message.body
    assert "Every single time" not in message.body
    assert "It names someone outside the group." in page(
        other_member_client, reverse("home")
    )
    log = only_log_row()
    assert (log.actor, log.action, log.subject) == (
        moderator,
        "reply_hidden",
        other_member,
    )
    assert (log.target_type, log.target_id) == (
        ContentType.objects.get_for_model(Reply),
        reply.pk,
    )
    assert log.reason == "It names someone outside the group."


def test_others_cannot_react_to_or_open_a_hidden_reply(
    moderator_client, member_client, reply
):
    hide(moderator_client, reply)
    react = reverse("threads:react", args=[reply.pk])
    assert member_client.post(react, {"kind": "me_too"}).status_code == 404
    assert not Reaction.objects.filter(reply=reply).exists()


def test_hiding_an_opening_post_hides_its_thread_from_everyone_but_its_writer(
    moderator_client, member_client, other_member_client, group, thread
):
    opening = thread.replies.get(is_opening=True)
    hide(moderator_client, opening)

    assert other_member_client.get(thread.get_absolute_url()).status_code == 404
    assert thread.title not in page(other_member_client, group.get_absolute_url())
    assert thread.title not in page(other_member_client, reverse("home"))
    # Its writer and the moderators still see it, in lists and on its page.
    assert HIDDEN_NOTICE in page(member_client, thread.get_absolute_url())
    assert thread.title in page(member_client, group.get_absolute_url())
    assert thread.title in page(member_client, reverse("home"))
    assert thread.title in page(moderator_client, group.get_absolute_url())
    assert thread.title in page(moderator_client, reverse("home"))
    assert moderator_client.get(thread.get_absolute_url()).status_code == 200


def test_a_hide_needs_a_reason_and_keeps_the_form(moderator_client, reply):
    response = hide(moderator_client, reply, reason="   ")

    assert response.status_code == 422
    assert "Say why. It goes in the log." in unescape(response.content.decode())
    reply.refresh_from_db()
    assert not reply.is_hidden
    assert not ModerationLog.objects.exists()


def test_only_the_groups_moderators_reach_the_hide_page(
    member_client, facilitator_client, other_member_client, reply, thread
):
    for client in (member_client, facilitator_client, other_member_client):
        assert hide(client, reply).status_code == 404
        url = reverse("threads:lock", args=[thread.pk])
        assert client.post(url, {"reason": "x"}).status_code == 404
    reply.refresh_from_db()
    thread.refresh_from_db()
    assert not reply.is_hidden and not thread.is_locked
    assert not ModerationLog.objects.exists()


def test_the_actions_themselves_refuse_anyone_but_a_moderator(
    facilitator, member, reply, thread, group
):
    for attempt in (
        lambda: actions.hide_reply(moderator=facilitator, reply=reply, reason="x"),
        lambda: actions.restore_reply(moderator=member, reply=reply, reason="x"),
        lambda: actions.lock_thread(moderator=facilitator, thread=thread, reason="x"),
        lambda: actions.unlock_thread(moderator=member, thread=thread, reason="x"),
        lambda: actions.move_thread(
            moderator=facilitator, thread=thread, to=group, reason="x"
        ),
    ):
        with pytest.raises(ActionRefused):
            attempt()
    assert not ModerationLog.objects.exists()


def test_a_moderator_cannot_hide_or_restore_their_own_reply(
    moderator_client, moderator, thread, group
):
    own = actions.post_reply(author=moderator, thread=thread, body="My own words.")
    colleague = make_user("jordan", display_name="Jordan")
    give_second_factor(colleague)
    set_role(group=group, member=colleague, role=Membership.Role.MODERATOR)
    colleague_client = client_for(colleague)

    assert hide(moderator_client, own).status_code == 404
    assert not ModerationLog.objects.exists()
    assert hide(colleague_client, own).status_code == 302
    hidden_log = only_log_row()

    restore_url = reverse("threads:restore", args=[own.pk])
    assert moderator_client.get(restore_url).status_code == 404
    assert moderator_client.post(restore_url, {"reason": "Mine."}).status_code == 404
    own.refresh_from_db()
    assert own.is_hidden
    assert only_log_row() == hidden_log
    # Their page shows their own hidden post as its writer sees it, no Restore.
    assert restore_url not in page(moderator_client, thread.get_absolute_url())
    with pytest.raises(ActionRefused):
        actions.restore_reply(moderator=moderator, reply=own, reason="Mine.")

    response = colleague_client.post(restore_url, {"reason": "It was fine."})
    assert response.status_code == 302
    own.refresh_from_db()
    assert not own.is_hidden
    assert ModerationLog.objects.filter(
        actor=colleague, action="reply_restored"
    ).exists()


def test_editing_a_hidden_reply_keeps_it_hidden_and_asks_the_moderators_again(
    moderator_client, other_member_client, member_client, thread, reply
):
    hide(moderator_client, reply)
    edit = reverse("threads:edit", args=[reply.pk])

    other_member_client.post(edit, {"body": "Every time. Sorry, names removed."})
    other_member_client.post(edit, {"body": "Every time, for me too."})

    reply.refresh_from_db()
    assert reply.is_hidden and reply.body == "Every time, for me too."
    assert "Every time, for me too." not in page(
        member_client, thread.get_absolute_url()
    )
    flag = Flag.objects.get()  # one item, however many edits
    assert (flag.source, flag.severity) == (
        Flag.Source.RESUBMITTED,
        Flag.Severity.OTHER,
    )
    assert flag.object_id == reply.pk and flag.resolved_at is None


def test_a_resubmission_in_crisis_takes_the_more_pressing_severity(
    moderator_client, other_member_client, reply
):
    hide(moderator_client, reply)
    other_member_client.post(reverse("threads:edit", args=[reply.pk]), {"body": URGENT})

    flag = Flag.objects.get()
    assert flag.source == Flag.Source.RESUBMITTED
    assert flag.severity == Flag.Severity.URGENT


def test_restoring_shows_the_reply_again_and_closes_the_resubmission(
    moderator_client, other_member_client, member_client, moderator, thread, reply
):
    hide(moderator_client, reply)
    other_member_client.post(
        reverse("threads:edit", args=[reply.pk]), {"body": "Every time, for me too."}
    )

    response = moderator_client.post(
        reverse("threads:restore", args=[reply.pk]), {"reason": "Better now."}
    )

    assert response.status_code == 302
    assert "Every time, for me too." in page(member_client, thread.get_absolute_url())
    flag = Flag.objects.get()
    assert (flag.resolution, flag.resolved_by) == ("restored", moderator)
    restored = ModerationLog.objects.get(action="reply_restored")
    assert (restored.actor, restored.reason, restored.target_id) == (
        moderator,
        "Better now.",
        reply.pk,
    )


def test_restoring_without_a_resubmission_adds_exactly_one_log_row(
    moderator, other_member, reply
):
    actions.hide_reply(moderator=moderator, reply=reply, reason="Off topic.")
    before = ModerationLog.objects.count()

    assert actions.restore_reply(moderator=moderator, reply=reply, reason="Fine.")
    assert not actions.restore_reply(moderator=moderator, reply=reply, reason="Again")

    assert ModerationLog.objects.count() == before + 1
    row = ModerationLog.objects.get(action="reply_restored")
    assert (row.actor, row.subject, row.reason) == (moderator, other_member, "Fine.")


def test_a_locked_thread_takes_no_replies_but_reactions_go_on(
    moderator_client, member_client, moderator, member, thread, reply
):
    response = moderator_client.post(
        reverse("threads:lock", args=[thread.pk]), {"reason": "Going in circles."}
    )
    assert response.status_code == 302

    body = page(member_client, thread.get_absolute_url())
    assert "This thread is locked by the moderators." in body
    assert "Post reply" not in body
    refused = member_client.post(
        reverse("threads:reply", args=[thread.pk]), {"body": "One more thing."}
    )
    assert refused.status_code == 422
    assert "This thread is locked by the moderators." in unescape(
        refused.content.decode()
    )
    assert not Reply.objects.filter(body="One more thing.").exists()
    member_client.post(reverse("threads:react", args=[reply.pk]), {"kind": "me_too"})
    assert Reaction.objects.filter(reply=reply, member=member).exists()
    log = only_log_row()
    assert (log.actor, log.action, log.target_id, log.reason, log.subject) == (
        moderator,
        "thread_locked",
        thread.pk,
        "Going in circles.",
        member,
    )
    told = SupportMessage.objects.get(recipient=member)
    assert "Going in circles." in told.body

    moderator_client.post(
        reverse("threads:unlock", args=[thread.pk]), {"reason": "Calmer now."}
    )
    assert "Post reply" in page(member_client, thread.get_absolute_url())
    unlocked = ModerationLog.objects.get(action="thread_unlocked")
    assert (unlocked.actor, unlocked.reason, unlocked.target_id, unlocked.subject) == (
        moderator,
        "Calmer now.",
        thread.pk,
        member,
    )


def test_moving_a_thread_takes_its_replies_and_open_flags_to_the_other_group(
    moderator_client, member_client, moderator, member, group, thread
):
    elsewhere = create_group(name="Sleep and pain", slug="sleep-and-pain")
    set_role(group=elsewhere, member=moderator, role=Membership.Role.MODERATOR)
    nova = make_user("nova")
    set_role(group=elsewhere, member=nova, role=Membership.Role.MEMBER)
    reader = client_for(nova)
    crisis = actions.post_reply(author=member, thread=thread, body=URGENT)
    flag = Flag.objects.get(object_id=crisis.pk)

    response = moderator_client.post(
        reverse("threads:move", args=[thread.pk]),
        {"group": elsewhere.slug, "reason": "It's about sleep."},
    )

    assert response.status_code == 302
    thread.refresh_from_db()
    flag.refresh_from_db()
    assert thread.group == elsewhere
    assert flag.group == elsewhere
    assert "end my life tonight" in page(reader, thread.get_absolute_url())
    assert thread.title not in page(member_client, group.get_absolute_url())
    # One row, in the group it left, naming where it went.
    log = ModerationLog.objects.get(action="thread_moved")
    assert (log.actor, log.group, log.target_id, log.subject) == (
        moderator,
        group,
        thread.pk,
        member,
    )
    assert log.reason == "Moved to Sleep and pain. It's about sleep."
    assert ModerationLog.objects.count() == 1


def test_a_thread_moves_only_to_a_group_the_moderator_moderates(
    moderator_client, thread, private_group
):
    response = moderator_client.post(
        reverse("threads:move", args=[thread.pk]),
        {"group": private_group.slug, "reason": "It fits better."},
    )

    assert response.status_code == 422
    assert "Choose one of the groups you moderate." in unescape(
        response.content.decode()
    )
    thread.refresh_from_db()
    assert thread.group.slug == "chronic-pain"
    assert not ModerationLog.objects.exists()


def test_hiding_from_the_queue_hides_the_post_and_closes_the_item(
    moderator_client, member_client, moderator, member, group, thread
):
    crisis = actions.post_reply(author=member, thread=thread, body=URGENT)
    flag = Flag.objects.get()
    queue = page(moderator_client, reverse("moderation:queue", args=[group.slug]))
    hide_url = reverse("moderation:hide", args=[group.slug, flag.pk])
    assert hide_url in queue

    response = moderator_client.post(hide_url, {"reason": "Describes a method."})

    assert response.status_code == 302
    crisis.refresh_from_db()
    flag.refresh_from_db()
    assert crisis.is_hidden and crisis.hidden_reason == "Describes a method."
    assert (flag.resolution, flag.resolved_by) == ("hidden", moderator)
    assert sorted(ModerationLog.objects.values_list("action", flat=True)) == [
        "flag_hidden",
        "reply_hidden",
    ]
    assert "Describes a method." in page(member_client, thread.get_absolute_url())
