"""Who is told about what: each kind, batching, follows, levels, blocks and hiding.

The cast (root conftest): rowan (member) starts the thread; sam (other_member)
replies; alex facilitates and morgan moderates the group.
"""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from alongside.groups.actions import (
    approve_join_request,
    decline_join_request,
    request_to_join,
)
from alongside.groups.models import Group, Membership
from alongside.meetings.actions import MeetingPlan, answer_meeting, schedule_meeting
from alongside.moderation.actions import (
    approve_held_post,
    block_member,
    mute_member,
    mute_thread,
    reach_out,
    set_first_post_hold,
    warn_member,
)
from alongside.moderation.models import Flag
from alongside.notifications.actions import (
    follow_thread,
    set_group_level,
    stop_following_thread,
)
from alongside.notifications.models import Follow, GroupLevel, Notification
from alongside.threads.actions import (
    add_reply,
    open_thread,
    post_reply,
    start_thread,
    toggle_reaction,
)
from alongside.wellbeing.models import CheckBack
from conftest import make_user

Kind = Notification.Kind


def told(user) -> list[tuple[str, int | None]]:
    """(kind, reply id) of each notification the user got, oldest first."""
    return list(
        Notification.objects.filter(recipient=user)
        .order_by("pk")
        .values_list("kind", "reply_id")
    )


def kinds(user) -> list[str]:
    return [kind for kind, _reply in told(user)]


# ---------------------------------------------------------------------------
# Replies, follows and mentions


def test_a_reply_to_my_thread_tells_me_and_nobody_else(
    thread, member, other_member, facilitator, moderator
):
    reply = post_reply(author=other_member, thread=thread, body="Every single time.")

    assert told(member) == [(Kind.REPLY, reply.pk)]
    assert told(other_member) == []  # never one's own doing
    assert told(facilitator) == told(moderator) == []  # "only replies to me"


def test_replying_follows_the_thread_so_later_replies_arrive(
    thread, member, other_member, facilitator
):
    post_reply(author=other_member, thread=thread, body="Me too.")
    later = post_reply(author=facilitator, thread=thread, body="Pacing helps me.")

    assert Follow.objects.filter(member=other_member, thread=thread).exists()
    assert told(other_member) == [(Kind.FOLLOWED, later.pk)]
    assert kinds(member) == [Kind.REPLY, Kind.REPLY]


def test_following_can_be_turned_off_and_on_again(thread, member, other_member):
    assert stop_following_thread(member=member, thread=thread)
    post_reply(author=other_member, thread=thread, body="One.")
    assert told(member) == []

    assert follow_thread(member=member, thread=thread)
    second = post_reply(author=other_member, thread=thread, body="Two.")
    assert told(member) == [(Kind.REPLY, second.pk)]


def test_replying_again_does_not_undo_stopping(thread, member, other_member):
    post_reply(author=other_member, thread=thread, body="First.")
    stop_following_thread(member=other_member, thread=thread)
    post_reply(author=other_member, thread=thread, body="Second, still mine.")
    post_reply(author=member, thread=thread, body="Thanks both.")

    assert told(other_member) == []


def test_a_member_can_follow_a_thread_they_never_wrote_in(
    thread, other_member, facilitator
):
    follow_thread(member=facilitator, thread=thread)
    reply = post_reply(author=other_member, thread=thread, body="Hello.")

    assert told(facilitator) == [(Kind.FOLLOWED, reply.pk)]


def test_muting_a_thread_is_not_unfollowing_it(thread, member, other_member):
    """Mute keeps a thread off the home page; notifications go on."""
    mute_thread(member=member, thread=thread)
    post_reply(author=other_member, thread=thread, body="Hello.")

    assert kinds(member) == [Kind.REPLY]


def test_a_mention_tells_a_member_who_can_see_the_thread(
    thread, member, other_member, facilitator, outsider
):
    reply = post_reply(
        author=other_member,
        thread=thread,
        body="@alex might know, and @quinn and @nobody-here. Thanks @Rowan.",
    )

    assert told(facilitator) == [(Kind.MENTION, reply.pk)]
    assert told(outsider) == []  # not in the group: cannot see it
    # The thread's writer was named too: one notification, the mention.
    assert told(member) == [(Kind.MENTION, reply.pk)]


def test_a_mention_reaches_someone_who_stopped_following(thread, member, other_member):
    stop_following_thread(member=member, thread=thread)
    post_reply(author=other_member, thread=thread, body="What do you think, @rowan?")

    assert kinds(member) == [Kind.MENTION]


def test_an_email_address_is_not_a_mention(thread, other_member, facilitator):
    post_reply(author=other_member, thread=thread, body="Write to help@alex.org.")

    assert told(facilitator) == []


def test_a_mention_in_a_new_thread_tells_the_member_named(
    group, other_member, facilitator
):
    thread = start_thread(
        author=other_member, group=group, title="Heat pads", body="@alex any tips?"
    )
    opening = thread.replies.get(is_opening=True)

    assert told(facilitator) == [(Kind.MENTION, opening.pk)]


def test_an_anonymous_reply_still_tells_the_writer_of_the_thread(
    thread, member, other_member
):
    reply = post_reply(
        author=other_member, thread=thread, body="Same here.", is_anonymous=True
    )

    assert told(member) == [(Kind.REPLY, reply.pk)]


# ---------------------------------------------------------------------------
# Levels


def test_everything_tells_about_new_threads_and_every_reply(
    group, member, other_member, facilitator
):
    set_group_level(member=facilitator, group=group, level="everything")
    thread = start_thread(author=member, group=group, title="Sleep", body="How?")
    reply = post_reply(author=other_member, thread=thread, body="Badly.")

    opening = thread.replies.get(is_opening=True)
    assert told(facilitator) == [
        (Kind.NEW_THREAD, opening.pk),
        (Kind.FOLLOWED, reply.pk),
    ]


def test_the_default_level_says_nothing_about_new_threads(group, member, facilitator):
    start_thread(author=member, group=group, title="Sleep", body="How?")

    assert told(facilitator) == []


def test_nothing_means_nothing_from_that_group(thread, member, other_member):
    set_group_level(member=member, group=thread.group, level="nothing")
    opening = thread.replies.get()
    reply = post_reply(author=other_member, thread=thread, body="@rowan hello")
    toggle_reaction(member=other_member, reply=opening, kind="me_too")

    assert told(member) == []
    assert reply.pk  # the post itself went up


def test_a_level_is_only_set_for_ones_own_groups(private_group, other_member):
    from alongside.core.errors import ActionRefused

    with pytest.raises(ActionRefused):
        set_group_level(member=other_member, group=private_group, level="everything")
    assert not GroupLevel.objects.exists()


def test_stopping_a_thread_holds_even_at_everything(thread, member, other_member):
    set_group_level(member=member, group=thread.group, level="everything")
    stop_following_thread(member=member, thread=thread)
    post_reply(author=other_member, thread=thread, body="Hi.")

    assert told(member) == []


# ---------------------------------------------------------------------------
# Blocks, mutes and what cannot be seen


def test_nobody_hears_from_someone_they_blocked_or_muted(
    thread, member, other_member, facilitator
):
    follow_thread(member=facilitator, thread=thread)
    block_member(blocker=facilitator, blocked=other_member)
    mute_member(member=member, muted=other_member)
    post_reply(author=other_member, thread=thread, body="@rowan @alex hello")

    assert told(member) == []
    assert told(facilitator) == []


def test_reactions_from_someone_blocked_are_not_told(reply, member, other_member):
    block_member(blocker=other_member, blocked=member)
    toggle_reaction(member=member, reply=reply, kind="me_too")

    assert told(other_member) == []


def test_someone_who_left_the_group_is_not_told(thread, member, other_member):
    Membership.objects.filter(group=thread.group, member=member).delete()
    post_reply(author=other_member, thread=thread, body="Still here?")

    assert told(member) == []


def test_a_held_reply_tells_nobody_until_a_moderator_approves_it(
    thread, member, moderator
):
    newcomer = make_user("river", display_name="River")
    Membership.objects.create(group=thread.group, member=newcomer)
    set_first_post_hold(changer=moderator, group=thread.group, holds=True)
    reply = add_reply(
        author=newcomer, thread=thread, body="@rowan hi, first post"
    ).reply
    assert reply.is_held
    assert told(member) == []

    flag = Flag.objects.get(object_id=reply.pk, source=Flag.Source.HELD)
    approve_held_post(moderator=moderator, flag=flag)

    assert told(member) == [(Kind.MENTION, reply.pk)]


def test_replies_in_a_thread_whose_opening_is_held_reach_only_who_sees_it(
    group, member, other_member, moderator
):
    set_first_post_hold(changer=moderator, group=group, holds=True)
    newcomer = make_user("river", display_name="River")
    Membership.objects.create(group=group, member=newcomer)
    thread = open_thread(
        author=newcomer, group=group, title="First", body="Hello all"
    ).reply.thread
    follow_thread(member=other_member, thread=thread)
    reply = post_reply(author=moderator, thread=thread, body="Welcome, @sam too")

    assert told(newcomer) == [(Kind.REPLY, reply.pk)]  # the thread is theirs
    assert told(other_member) == []  # the thread is not shown to them yet


# ---------------------------------------------------------------------------
# Reactions, batched


def test_reactions_to_a_reply_gather_in_one_unread_notification(
    reply, member, other_member, facilitator, moderator, clock
):
    toggle_reaction(member=member, reply=reply, kind="me_too")
    first = Notification.objects.get(recipient=other_member)
    assert (first.kind, first.count, first.reply_id) == (Kind.REACTIONS, 1, reply.pk)

    clock.advance(minutes=5)
    toggle_reaction(member=facilitator, reply=reply, kind="thinking_of_you")
    toggle_reaction(member=moderator, reply=reply, kind="me_too")
    # One member sending a second kind, or taking one back and sending it again,
    # is still one member.
    toggle_reaction(member=member, reply=reply, kind="thank_you")
    toggle_reaction(member=member, reply=reply, kind="me_too")
    toggle_reaction(member=member, reply=reply, kind="me_too")

    batch = Notification.objects.get(recipient=other_member)
    assert batch.pk == first.pk
    assert batch.count == 3
    assert batch.updated_at == clock.moment > batch.created_at


def test_once_read_a_new_batch_starts(reply, member, other_member, facilitator):
    toggle_reaction(member=member, reply=reply, kind="me_too")
    Notification.objects.filter(recipient=other_member).update(read_at=reply.created_at)
    toggle_reaction(member=facilitator, reply=reply, kind="me_too")

    counts = list(
        Notification.objects.filter(recipient=other_member)
        .order_by("pk")
        .values_list("count", "read_at")
    )
    assert [count for count, _read in counts] == [1, 1]
    assert counts[1][1] is None


def test_reacting_to_ones_own_post_tells_nobody(reply, other_member):
    toggle_reaction(member=other_member, reply=reply, kind="me_too")

    assert told(other_member) == []


# ---------------------------------------------------------------------------
# Join decisions and moderators' messages


@pytest.fixture
def asking_group(facilitator) -> Group:
    from alongside.groups.actions import create_group

    return create_group(
        name="Carers",
        slug="carers",
        join_policy=Group.JoinPolicy.REQUEST,
        facilitator=facilitator,
    )


def test_the_answer_to_a_request_to_join_is_told(asking_group, facilitator, outsider):
    ask = request_to_join(member=outsider, group=asking_group, answer="My mum.")
    decline_join_request(decider=facilitator, join_request=ask)
    ask = request_to_join(member=outsider, group=asking_group, answer="Again.")
    approve_join_request(decider=facilitator, join_request=ask)

    found = list(
        Notification.objects.filter(recipient=outsider)
        .order_by("pk")
        .values_list("kind", "group_id", "target_id")
    )
    assert [kind for kind, *_rest in found] == [Kind.JOIN_DECISION] * 2
    assert {group for _kind, group, _target in found} == {asking_group.pk}
    assert found[1][2] == ask.pk


def test_a_moderators_message_is_told_without_its_words(group, member, moderator):
    warn_member(
        moderator=moderator, group=group, member=member, reason="Please be gentle."
    )

    notification = Notification.objects.get(recipient=member)
    assert notification.kind == Kind.MODERATOR
    assert notification.group_id == group.pk
    assert notification.target_id == member.support_messages.get().pk


def test_reaching_out_from_the_queue_is_told(thread, member, moderator):
    flag = Flag.objects.create(
        group=thread.group,
        content=thread.replies.get(),
        subject=member,
        severity=Flag.Severity.CONCERN,
        source=Flag.Source.SAFETY,
    )
    reach_out(moderator=moderator, flag=flag, body="Thinking of you today.")

    assert kinds(member) == [Kind.MODERATOR]


# ---------------------------------------------------------------------------
# Meeting reminders and check-backs (python manage.py ...)


@pytest.fixture
def meeting(clock, group, facilitator):
    clock.set(2026, 3, 3, 12, 0)
    return schedule_meeting(
        scheduler=facilitator,
        group=group,
        plan=MeetingPlan(
            title="Tuesday evening circle",
            starts_on=date(2026, 3, 3),
            start_time=time(19, 0),
            time_zone="Europe/London",
            duration_minutes=60,
            recurrence="weekly",
        ),
    )


def test_a_meeting_reminder_goes_once_within_the_hour_to_who_said_yes_or_maybe(
    meeting, clock, member, other_member, moderator
):
    start = datetime(2026, 3, 3, 19, 0, tzinfo=UTC)
    answer_meeting(member=member, meeting=meeting, occurrence_at=start, answer="yes")
    answer_meeting(
        member=other_member, meeting=meeting, occurrence_at=start, answer="maybe"
    )
    answer_meeting(member=moderator, meeting=meeting, occurrence_at=start, answer="no")

    clock.set(2026, 3, 3, 17, 50)
    call_command("send_meeting_reminders")
    assert not Notification.objects.exists()  # more than an hour before

    clock.set(2026, 3, 3, 18, 5)
    call_command("send_meeting_reminders")
    call_command("send_meeting_reminders")  # twice: nobody told twice

    assert kinds(member) == kinds(other_member) == [Kind.MEETING]
    assert kinds(moderator) == []
    assert Notification.objects.get(recipient=member).target_id == meeting.pk

    # The next week's meeting brings its own reminder.
    nxt = start + timedelta(days=7)
    answer_meeting(member=member, meeting=meeting, occurrence_at=nxt, answer="yes")
    clock.set(2026, 3, 10, 18, 30)
    call_command("send_meeting_reminders")
    assert kinds(member) == [Kind.MEETING, Kind.MEETING]


def test_no_reminder_after_leaving_the_group_or_a_cancellation(
    meeting, clock, member, other_member, facilitator
):
    from alongside.meetings.actions import cancel_meeting

    start = datetime(2026, 3, 3, 19, 0, tzinfo=UTC)
    answer_meeting(member=member, meeting=meeting, occurrence_at=start, answer="yes")
    Membership.objects.filter(group=meeting.group, member=member).delete()
    clock.set(2026, 3, 3, 18, 30)
    call_command("send_meeting_reminders")
    assert kinds(member) == []

    answer_meeting(
        member=other_member, meeting=meeting, occurrence_at=start, answer="yes"
    )
    cancel_meeting(canceller=facilitator, meeting=meeting)
    call_command("send_meeting_reminders")
    assert kinds(other_member) == []


def test_a_check_back_is_told_once_when_it_comes_due(thread, member, clock):
    opening = thread.replies.get()
    flag = Flag.objects.create(
        group=thread.group,
        content_type=ContentType.objects.get_for_model(opening),
        object_id=opening.pk,
        subject=member,
        severity=Flag.Severity.CONCERN,
        source=Flag.Source.SAFETY,
        created_at=clock.moment,
    )
    clock.advance(days=2)
    call_command("send_check_backs")
    assert kinds(member) == []  # not due yet

    clock.advance(days=2)
    call_command("send_check_backs")
    call_command("send_check_backs")
    found = Notification.objects.get(recipient=member)
    assert (found.kind, found.target_id) == (Kind.CHECK_BACK, flag.pk)

    # Answered: nothing more, however often it runs.
    CheckBack.objects.create(member=member, flag_id=flag.pk, answer="yes")
    Notification.objects.all().delete()
    call_command("send_check_backs")
    assert kinds(member) == []
