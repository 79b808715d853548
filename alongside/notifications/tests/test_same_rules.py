"""A notification about a post is shown exactly when the thread page would show
that post to its recipient: the list, the count and opening follow the same rules
as `access_thread` and `replies_in`, whatever happened since it was made."""

from django.http import Http404

from alongside.groups.models import Membership
from alongside.moderation.actions import block_member, set_first_post_hold
from alongside.notifications.actions import follow_thread, set_group_level
from alongside.notifications.counts import unread_count
from alongside.notifications.models import Notification
from alongside.notifications.queries import (
    POST_KINDS,
    access_notification,
    visible_notifications,
)
from alongside.threads.actions import (
    delete_reply,
    hide_reply,
    open_thread,
    post_reply,
    start_thread,
    toggle_reaction,
)
from alongside.threads.queries import access_thread, replies_in
from conftest import make_user


def shown_on_thread_page(viewer, notification) -> bool:
    try:
        access = access_thread(viewer, notification.thread_id)
    except Http404:
        return False
    page = replies_in(
        access.thread, viewer=viewer, membership=access.membership, limit=1000
    )
    shown = ([page.opening] if page.opening else []) + page.replies
    return any(
        reply.pk == notification.reply_id and not reply.is_deleted for reply in shown
    )


def test_every_notification_follows_the_thread_pages_rules(
    group, member, other_member, facilitator, moderator
):
    river = make_user("river", display_name="River")
    Membership.objects.create(group=group, member=river)
    everyone = [member, other_member, facilitator, moderator, river]
    for person in everyone:
        set_group_level(member=person, group=group, level="everything")

    plain = start_thread(author=member, group=group, title="Plain", body="Hi all")
    replies = [
        post_reply(author=author, thread=plain, body=f"Reply by {author.username}")
        for author in (other_member, facilitator, river, moderator)
    ]
    for reactor in (facilitator, river):
        toggle_reaction(member=reactor, reply=replies[0], kind="me_too")
    set_first_post_hold(changer=moderator, group=group, holds=True)
    newcomer = make_user("kit", display_name="Kit")
    Membership.objects.create(group=group, member=newcomer)
    held = open_thread(
        author=newcomer, group=group, title="Held", body="First words"
    ).reply.thread
    follow_thread(member=other_member, thread=held)
    post_reply(author=moderator, thread=held, body="Welcome, @sam @rowan")
    set_first_post_hold(changer=moderator, group=group, holds=False)
    gone = start_thread(author=river, group=group, title="Gone", body="Soon gone")
    post_reply(author=other_member, thread=gone, body="Bye")
    withheld = start_thread(author=river, group=group, title="Later", body="Hmm")
    post_reply(author=member, thread=withheld, body="Go on, @sam")

    # What happens afterwards.
    hide_reply(moderator=moderator, reply=replies[1], reason="Off topic.")
    delete_reply(deleter=river, reply=replies[2])
    block_member(blocker=member, blocked=other_member)
    delete_reply(deleter=river, reply=gone.replies.get(is_opening=True))
    hide_reply(
        moderator=moderator,
        reply=withheld.replies.get(is_opening=True),
        reason="Names someone.",
    )
    Membership.objects.filter(group=group, member=facilitator).delete()

    checked = 0
    for person in [*everyone, newcomer]:
        listed = set(visible_notifications(person).values_list("pk", flat=True))
        about_posts = Notification.objects.filter(recipient=person, kind__in=POST_KINDS)
        for notification in about_posts:
            expected = shown_on_thread_page(person, notification)
            assert (notification.pk in listed) == expected, (
                person.username,
                notification.kind,
                notification.reply_id,
            )
            try:
                access_notification(person, notification.pk)
                opened = True
            except Http404:
                opened = False
            assert opened == expected
            checked += 1
        assert unread_count(person.pk) == len(listed)
    assert checked > 15
    # Every kind of case came up: hidden from some, still seen by others.
    # A moderators' message stays with its member (it is theirs); posts go.
    assert not visible_notifications(facilitator).filter(kind__in=POST_KINDS).exists()
    assert visible_notifications(facilitator).filter(kind="moderator").exists()
    assert visible_notifications(moderator).filter(reply=replies[1]).exists()
    assert not visible_notifications(member).filter(reply=replies[1]).exists()
    assert not visible_notifications(other_member).filter(thread=withheld).exists()
    assert visible_notifications(river).filter(thread=withheld).exists()
