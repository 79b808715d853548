"""The notification pages and the header's count, through HTTP.

What a member is shown is checked again whenever it is read: leaving a group, a
post hidden or deleted, or a block takes notifications out of the count, the list
and opening at once.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alongside.groups.models import Membership
from alongside.moderation.actions import block_member, warn_member
from alongside.notifications.actions import set_group_level
from alongside.notifications.models import Follow, GroupLevel, Notification
from alongside.threads.actions import (
    delete_reply,
    hide_reply,
    post_reply,
    restore_reply,
    start_thread,
    toggle_reaction,
)
from conftest import client_for, make_user

LIST = "/notifications/"
BELL = re.compile(r'<a href="/notifications/" id="notifications-bell"[^>]*>([^<]*)</a>')


def bell(response) -> str:
    """The header link as shown, and its name for screen readers if different."""
    found = BELL.search(response.content.decode())
    assert found, "no notifications link in the header"
    label = re.search(r'aria-label="([^"]*)"', found.group(0))
    return found.group(1) + (f" [{label.group(1)}]" if label else "")


def notification_lines(response) -> list[str]:
    html = response.content.decode()
    return [
        re.sub(r"<[^>]+>", "", line).strip()
        for line in re.findall(
            r'<button type="submit" class="link-button notification__open">(.*?)'
            r"</button>",
            html,
            re.S,
        )
    ]


@pytest.fixture
def replied(thread, other_member):
    """Sam's reply to Rowan's thread, which tells Rowan."""
    return post_reply(
        author=other_member, thread=thread, body="Heat pads help my back a lot."
    )


def test_the_list_says_what_happened_without_the_words(replied, member_client):
    response = member_client.get(LIST)

    assert response.status_code == 200
    assert notification_lines(response) == [
        "New: Sam replied to your thread “Pacing when you feel good”"
    ]
    assert "Heat pads help" not in response.content.decode()


def test_the_bell_counts_in_words_with_a_label_holding_them(
    replied, thread, member, facilitator
):
    post_reply(author=facilitator, thread=thread, body="Pacing helps me.")
    client = client_for(member)

    assert bell(client.get("/")) == "Notifications (2) [Notifications (2 new)]"
    assert bell(client_for(facilitator).get("/")) == "Notifications"


def test_opening_one_marks_it_read_and_lands_on_the_reply(replied, member, thread):
    client = client_for(member)
    notification = Notification.objects.get(recipient=member)

    response = client.post(reverse("notifications:open", args=[notification.pk]))

    assert response.status_code == 302
    assert response["Location"] == f"/threads/{thread.pk}/#reply-{replied.pk}"
    notification.refresh_from_db()
    assert notification.read_at is not None
    page = client.get(LIST)
    assert notification_lines(page) == [
        "Sam replied to your thread “Pacing when you feel good”"
    ]
    assert bell(page) == "Notifications"


def test_opening_is_a_post_and_a_get_changes_nothing(replied, member):
    client = client_for(member)
    notification = Notification.objects.get(recipient=member)

    url = reverse("notifications:open", args=[notification.pk])
    assert client.get(url).status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_one_and_all_as_read(thread, member, other_member, facilitator):
    post_reply(author=other_member, thread=thread, body="One.")
    post_reply(author=facilitator, thread=thread, body="Two.")
    client = client_for(member)
    first = Notification.objects.filter(recipient=member).order_by("pk")[0]

    response = client.post(reverse("notifications:read", args=[first.pk]))
    assert response["Location"] == LIST
    assert bell(client.get(LIST)) == "Notifications (1) [Notifications (1 new)]"

    response = client.post(reverse("notifications:read_all"))
    assert response["Location"] == LIST
    assert not Notification.objects.filter(recipient=member, read_at=None).exists()
    page = client.get(LIST)
    assert bell(page) == "Notifications"
    assert "Mark all as read" not in page.content.decode()


def test_someone_elses_notification_is_not_found(replied, member, other_member):
    notification = Notification.objects.get(recipient=member)
    client = client_for(other_member)

    for name in ("notifications:open", "notifications:read"):
        assert client.post(reverse(name, args=[notification.pk])).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


# ---------------------------------------------------------------------------
# Checked again whenever it is read


def test_leaving_the_group_takes_its_notifications_away_at_once(
    replied, member, thread
):
    client = client_for(member)
    assert bell(client.get(LIST)) == "Notifications (1) [Notifications (1 new)]"
    notification = Notification.objects.get(recipient=member)

    response = client.post(reverse("groups:leave", args=[thread.group.slug]))
    assert response.status_code == 302

    page = client.get(LIST)
    assert bell(page) == "Notifications"
    assert notification_lines(page) == []
    assert "Pacing when you feel good" not in page.content.decode()
    opened = client.post(reverse("notifications:open", args=[notification.pk]))
    assert opened.status_code == 404

    # Coming back shows them again: nothing was deleted, only withheld.
    client.post(reverse("groups:join", args=[thread.group.slug]))
    assert bell(client.get(LIST)) == "Notifications (1) [Notifications (1 new)]"


def test_a_hidden_reply_leaves_the_list_until_it_is_shown_again(
    replied, member, moderator
):
    client = client_for(member)
    assert len(notification_lines(client.get(LIST))) == 1

    hide_reply(moderator=moderator, reply=replied, reason="Names someone.")
    page = client.get(LIST)
    assert notification_lines(page) == []
    assert bell(page) == "Notifications"

    restore_reply(moderator=moderator, reply=replied, reason="Edited.")
    assert len(notification_lines(client.get(LIST))) == 1


def test_a_deleted_thread_or_reply_leaves_the_list(
    thread, replied, member, other_member
):
    client = client_for(member)
    delete_reply(deleter=other_member, reply=replied)
    assert notification_lines(client.get(LIST)) == []

    again = post_reply(author=other_member, thread=thread, body="Again.")
    assert len(notification_lines(client.get(LIST))) == 1
    delete_reply(deleter=member, reply=thread.replies.get(is_opening=True))
    assert notification_lines(client.get(LIST)) == []
    assert again.pk


def test_blocking_the_writer_later_takes_their_reply_away(
    replied, member, other_member
):
    client = client_for(member)
    block_member(blocker=member, blocked=other_member)

    page = client.get(LIST)
    assert notification_lines(page) == []
    assert bell(page) == "Notifications"


def test_a_moderator_still_sees_what_they_were_told_about_a_hidden_post(
    thread, member, moderator, other_member
):
    """Moderators see hidden posts on the thread page; so too in their list."""
    reply = post_reply(author=other_member, thread=thread, body="Hi @morgan")
    hide_reply(moderator=moderator, reply=reply, reason="Off topic.")

    lines = notification_lines(client_for(moderator).get(LIST))
    assert lines == ["New: Sam mentioned you in “Pacing when you feel good”"]


# ---------------------------------------------------------------------------
# Lines for every kind


def test_each_kind_reads_plainly(
    group, thread, member, other_member, facilitator, moderator
):
    set_group_level(member=member, group=group, level="everything")
    start_thread(author=facilitator, group=group, title="Heat pads", body="Thoughts?")
    post_reply(author=other_member, thread=thread, body="Me too.", is_anonymous=True)
    mine = post_reply(author=member, thread=thread, body="Thanks, @alex too.")
    for reactor in (other_member, facilitator, moderator):
        toggle_reaction(member=reactor, reply=mine, kind="me_too")
    warn_member(moderator=moderator, group=group, member=member, reason="Be kind.")

    lines = notification_lines(client_for(member).get(LIST))
    assert lines == [
        "New: The moderators of Living with chronic pain sent you a message.",
        "New: 3 members sent support for your post in “Pacing when you feel good”",
        "New: An anonymous member replied to your thread “Pacing when you feel good”",
        "New: Alex started a thread in Living with chronic pain: “Heat pads”",
    ]
    assert "Sam" not in " ".join(lines)
    assert notification_lines(client_for(facilitator).get(LIST)) == [
        "New: Rowan mentioned you in “Pacing when you feel good”"
    ]


def test_a_moderators_message_opens_on_the_home_page(group, member, moderator):
    warn_member(moderator=moderator, group=group, member=member, reason="Be kind.")
    notification = Notification.objects.get(recipient=member)

    response = client_for(member).post(
        reverse("notifications:open", args=[notification.pk])
    )
    assert response["Location"] == "/#support-messages-heading"


# ---------------------------------------------------------------------------
# A fixed cost, whatever the length


@pytest.mark.parametrize("replies", [1, 60])
def test_the_list_costs_the_same_whatever_its_length(
    replies, settings, thread, member, other_member, facilitator, moderator,
    django_assert_num_queries,
):  # fmt: skip
    settings.ALONGSIDE_PAGE_SIZE = 50
    for n in range(replies):
        author = (other_member, facilitator, moderator)[n % 3]
        reply = post_reply(author=author, thread=thread, body=f"Reply {n}")
        if n % 4 == 0:
            toggle_reaction(member=facilitator, reply=reply, kind="me_too")
        if n % 5 == 0:
            post_reply(author=moderator, thread=thread, body=f"@rowan {n}")
        if n % 7 == 0:
            warn_member(
                moderator=moderator, group=thread.group, member=member, reason="Hi."
            )
    client = client_for(member)
    client.get(LIST)  # counts the header's number once; then it is cached
    # The session, the member, and one page of notifications with all they name.
    with django_assert_num_queries(3):
        response = client.get(LIST)
    assert response.status_code == 200
    assert len(notification_lines(response)) == min(
        Notification.objects.filter(recipient=member).count(), 50
    )


def test_the_header_count_costs_no_query_on_other_pages(
    replied, member, django_assert_num_queries
):
    client = client_for(member)
    client.get("/resources/")
    with CaptureQueriesContext(connection) as counted:
        client.get("/resources/")
    before = len(counted)
    assert not any("notification" in q["sql"] for q in counted.captured_queries)
    post_reply(author=replied.author, thread=replied.thread, body="More.")
    client.get("/resources/")  # counted once after the change
    with django_assert_num_queries(before):
        response = client.get("/resources/")
    assert bell(response) == "Notifications (2) [Notifications (2 new)]"


def test_older_notifications_are_on_the_next_page(
    settings, thread, member, other_member
):
    settings.ALONGSIDE_PAGE_SIZE = 2
    for n in range(3):
        post_reply(author=other_member, thread=thread, body=f"Reply {n}")
    client = client_for(member)

    first = client.get(LIST)
    assert len(notification_lines(first)) == 2
    older = re.search(r'href="(\?before=[^"]+)"', first.content.decode())
    assert older
    second = client.get(LIST + older.group(1).replace("&amp;", "&"))
    assert len(notification_lines(second)) == 1


# ---------------------------------------------------------------------------
# Following, on the thread page; levels, on the group page and the settings page


def test_the_thread_page_offers_follow_and_stop_following(thread, member, other_member):
    writer = client_for(member)
    page = writer.get(thread.get_absolute_url()).content.decode()
    assert ">Stop following</button>" in page
    assert ">Mute this thread</button>" in page  # a different thing, kept apart

    response = writer.post(reverse("notifications:unfollow", args=[thread.pk]))
    assert response["Location"] == thread.get_absolute_url()
    page = writer.get(thread.get_absolute_url()).content.decode()
    assert ">Follow</button>" in page
    assert not Follow.objects.get(member=member, thread=thread).is_following

    reader = client_for(other_member)
    assert ">Follow</button>" in reader.get(thread.get_absolute_url()).content.decode()
    reader.post(reverse("notifications:follow", args=[thread.pk]))
    assert Follow.objects.get(member=other_member, thread=thread).is_following


def test_the_group_page_sets_how_much_a_member_hears(group, member):
    client = client_for(member)
    page = client.get(group.get_absolute_url()).content.decode()
    assert "How often should we tell you about new posts?" in page
    assert re.search(r'value="replies"[^>]*checked', page)

    response = client.post(
        reverse("notifications:group_level", args=[group.slug]),
        {"level": "everything"},
    )
    assert response["Location"] == f"{group.get_absolute_url()}#notify-level"
    assert GroupLevel.objects.get(member=member, group=group).level == "everything"
    page = client.get(group.get_absolute_url()).content.decode()
    assert re.search(r'value="everything"[^>]*checked', page)


def test_joining_asks_how_often_to_hear(group):
    newcomer = make_user("river", display_name="River")
    client = client_for(newcomer)
    page = client.get(group.get_absolute_url()).content.decode()
    assert "How often should we tell you about new posts?" in page

    client.post(reverse("groups:join", args=[group.slug]), {"level": "nothing"})

    assert Membership.objects.filter(group=group, member=newcomer).exists()
    assert GroupLevel.objects.get(member=newcomer, group=group).level == "nothing"


def test_the_settings_page_sets_every_group_at_once(group, private_group, member):
    client = client_for(member)
    page = client.get(reverse("notifications:settings"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Living with chronic pain" in html and "Recovery together" in html

    response = client.post(
        reverse("notifications:settings"),
        {f"group_{group.pk}": "nothing", f"group_{private_group.pk}": "everything"},
    )
    assert response["Location"] == reverse("notifications:settings")
    assert dict(
        GroupLevel.objects.filter(member=member).values_list("group_id", "level")
    ) == {group.pk: "nothing", private_group.pk: "everything"}


def test_the_settings_page_never_sets_a_group_one_is_not_in(
    private_group, other_member
):
    client = client_for(other_member)
    client.post(
        reverse("notifications:settings"), {f"group_{private_group.pk}": "everything"}
    )
    assert not GroupLevel.objects.exists()
