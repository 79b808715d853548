"""Members' own tools: block someone, mute someone or a thread, and undo it."""

import uuid

import pytest
from django.urls import reverse

from alongside.chat.actions import send_chat_message
from alongside.moderation.models import Block, ModerationLog, Mute, SupportMessage
from alongside.threads.actions import post_reply, start_thread
from alongside.threads.models import Reply


def _block(client, person):
    return client.post(reverse("moderation:block", args=[person.username]))


def test_blocking_from_the_profile_confirms_first_then_hides_their_posts(
    member, member_client, other_member, thread, reply, group
):
    profile = member_client.get(other_member.get_absolute_url()).content.decode()
    block_url = reverse("moderation:block", args=[other_member.username])
    assert block_url in profile
    confirm = member_client.get(block_url)
    assert confirm.status_code == 200
    page = confirm.content.decode()
    assert "Block Sam?" in page
    assert "They aren&#x27;t told" in page or "They aren't told" in page
    assert 'method="post"' in page and "csrfmiddlewaretoken" in page
    assert not Block.objects.exists()  # a GET changes nothing

    response = _block(member_client, other_member)
    assert response.status_code == 302
    assert response["Location"] == reverse("moderation:quiet")
    assert Block.objects.filter(blocker=member, blocked=other_member).exists()
    assert not ModerationLog.objects.exists()  # a personal choice, not logged

    page = member_client.get(thread.get_absolute_url()).content.decode()
    assert reply.body not in page


def test_a_blocked_members_threads_leave_the_blockers_lists_only(
    member, member_client, other_member, other_member_client, facilitator_client, group
):
    start_thread(author=other_member, group=group, title="Sam's flare diary", body="x")
    _block(member_client, other_member)
    for url in (group.get_absolute_url(), reverse("home")):
        assert "Sam&#x27;s flare diary" not in member_client.get(url).content.decode()
        assert "Sam&#x27;s flare diary" in (
            facilitator_client.get(url).content.decode()
        )


def test_each_post_offers_mute_and_block_but_not_on_ones_own_or_anonymous_posts(
    member, member_client, other_member, thread, reply
):
    anonymous = post_reply(
        author=other_member, thread=thread, body="Quietly.", is_anonymous=True
    )
    page = member_client.get(thread.get_absolute_url()).content.decode()
    block_url = reverse("moderation:block", args=[other_member.username])
    mute_url = reverse("moderation:mute_member", args=[other_member.username])
    assert page.count(block_url) == 1 and page.count(mute_url) == 1
    assert reverse("moderation:block", args=[member.username]) not in page
    # The anonymous reply carries no way to find its writer.
    start = page.index(f'id="reply-{anonymous.pk}"')
    assert other_member.username not in page[start : page.index("</article>", start)]


def test_the_blocked_member_cannot_reply_to_the_blockers_threads_and_is_not_told(
    member_client, other_member, other_member_client, thread, member
):
    _block(member_client, other_member)
    page = other_member_client.get(thread.get_absolute_url()).content.decode()
    assert "You can&#x27;t reply to this thread." in page or (
        "You can't reply to this thread." in page
    )
    assert reverse("threads:reply", args=[thread.pk]) not in page  # no composer
    assert "blocked" not in page.lower()
    response = other_member_client.post(
        reverse("threads:reply", args=[thread.pk]), {"body": "Still here for you."}
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "You can&#x27;t reply to this thread." in body
    assert "Still here for you." in body
    assert not Reply.objects.filter(body="Still here for you.").exists()
    profile = other_member_client.get(member.get_absolute_url()).content.decode()
    assert "blocked" not in profile.lower()
    assert "unblock" not in profile.lower()


def test_one_cannot_block_oneself(member, member_client):
    response = _block(member_client, member)
    assert response.status_code == 302
    assert response["Location"] == member.get_absolute_url()
    assert not Block.objects.exists()


def test_a_stranger_cannot_be_blocked_by_name(member_client, outsider):
    assert _block(member_client, outsider).status_code == 404
    assert not Block.objects.exists()


def test_blocking_a_moderator_hides_their_posts_but_not_their_messages(
    member, member_client, moderator, thread, group
):
    post_reply(author=moderator, thread=thread, body="Morgan's everyday reply.")
    SupportMessage.objects.create(
        group=group, recipient=member, sender=moderator, body="Checking in on you."
    )
    _block(member_client, moderator)
    page = member_client.get(thread.get_absolute_url()).content.decode()
    assert "everyday reply" not in page
    assert "Checking in on you." in member_client.get(reverse("home")).content.decode()


def test_the_blocked_and_muted_page_lists_each_with_undo(
    member, member_client, other_member, facilitator, thread
):
    _block(member_client, other_member)
    member_client.post(reverse("moderation:mute_member", args=[facilitator.username]))
    member_client.post(reverse("moderation:mute_thread", args=[thread.pk]))
    page = member_client.get(reverse("moderation:quiet")).content.decode()
    assert "Only you can see this page." in page
    for name in ("Sam", "Alex", thread.title):
        assert name in page
    assert page.count("Undo") == 3
    assert reverse("moderation:quiet") in (
        member_client.get(member.get_absolute_url()).content.decode()
    )

    member_client.post(reverse("moderation:unblock", args=[other_member.username]))
    member_client.post(reverse("moderation:unmute_member", args=[facilitator.username]))
    response = member_client.post(
        reverse("moderation:unmute_thread", args=[thread.pk]), {"next": "list"}
    )
    assert response["Location"] == reverse("moderation:quiet")
    assert not Block.objects.exists() and not Mute.objects.exists()
    assert "You haven't blocked anyone." in (
        member_client.get(reverse("moderation:quiet")).content.decode()
    )


def test_undo_for_someone_never_blocked_says_nothing_about_them(
    member_client, outsider
):
    for name in ("unblock", "unmute_member"):
        for username in (outsider.username, "nobody-here"):
            response = member_client.post(
                reverse(f"moderation:{name}", args=[username])
            )
            assert response.status_code == 302
            assert response["Location"] == reverse("moderation:quiet")


def test_a_muted_members_posts_fold_behind_show(
    member_client, other_member, thread, reply
):
    mute_url = reverse("moderation:mute_member", args=[other_member.username])
    assert "Mute Sam?" in member_client.get(mute_url).content.decode()
    member_client.post(mute_url)
    page = member_client.get(thread.get_absolute_url()).content.decode()
    start = page.index(f'id="reply-{reply.pk}"')
    article = page[start : page.index("</article>", start)]
    assert '<details class="muted-post">' in article
    assert "Post from a member you muted · show" in article
    assert reply.body in article  # one click away, never gone

    member_client.post(
        reverse("moderation:unmute_member", args=[other_member.username])
    )
    page = member_client.get(thread.get_absolute_url()).content.decode()
    assert "muted-post" not in page


def test_a_muted_thread_leaves_the_home_page_but_stays_in_the_group(
    member_client, other_member_client, thread, group
):
    home = reverse("home")
    assert thread.title in member_client.get(home).content.decode()
    page = member_client.get(thread.get_absolute_url()).content.decode()
    assert "Mute this thread" in page
    response = member_client.post(reverse("moderation:mute_thread", args=[thread.pk]))
    assert response["Location"] == thread.get_absolute_url()
    assert thread.title not in member_client.get(home).content.decode()
    assert thread.title in member_client.get(group.get_absolute_url()).content.decode()
    assert thread.title in other_member_client.get(home).content.decode()
    assert "Unmute this thread" in (
        member_client.get(thread.get_absolute_url()).content.decode()
    )
    member_client.post(reverse("moderation:unmute_thread", args=[thread.pk]))
    assert thread.title in member_client.get(home).content.decode()


def test_muting_a_thread_of_another_group_is_not_found(outsider_client, thread):
    response = outsider_client.post(reverse("moderation:mute_thread", args=[thread.pk]))
    assert response.status_code == 404
    assert not Mute.objects.exists()


def test_a_blocked_members_chat_messages_leave_the_blockers_room_history(
    member, member_client, other_member, facilitator_client, group
):
    send_chat_message(
        author=other_member, group=group, client_id=uuid.uuid4(), body="Sam says hi"
    )
    _block(member_client, other_member)
    room = reverse("chat:room", args=[group.slug])
    assert "Sam says hi" not in member_client.get(room).content.decode()
    assert "Sam says hi" in facilitator_client.get(room).content.decode()


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
@pytest.mark.usefixtures("crisis_directory")
async def test_a_blocked_members_live_chat_messages_never_reach_the_blocker(
    member, other_member, facilitator, group
):
    from channels.db import database_sync_to_async

    from alongside.chat.tests.test_room_socket import connect, no_event, receive_until
    from alongside.moderation.actions import block_member

    await database_sync_to_async(block_member)(blocker=member, blocked=other_member)
    blocker, *_ = await connect(member)
    bystander, *_ = await connect(facilitator)
    sender, *_ = await connect(other_member)
    await sender.send_json_to(
        {"type": "send", "client_id": str(uuid.uuid4()), "body": "from Sam"}
    )
    await receive_until(sender, "ack")
    assert (await receive_until(bystander, "message"))["author"] == {"name": "Sam"}
    assert await no_event(blocker, "message")
    # The next message from someone else still arrives, in order.
    await bystander.send_json_to(
        {"type": "send", "client_id": str(uuid.uuid4()), "body": "from Alex"}
    )
    event = await receive_until(blocker, "message")
    assert (event["seq"], event["author"]) == (2, {"name": "Alex"})
    for communicator in (blocker, bystander, sender):
        await communicator.disconnect()


def test_an_anonymous_thread_gives_away_nothing_to_the_member_blocked(
    member, member_client, other_member, other_member_client, group
):
    secret = start_thread(
        author=member, group=group, title="Quietly", body="x", is_anonymous=True
    )
    _block(member_client, other_member)
    page = other_member_client.get(secret.get_absolute_url()).content.decode()
    assert reverse("threads:reply", args=[secret.pk]) in page
    response = other_member_client.post(
        reverse("threads:reply", args=[secret.pk]), {"body": "Thinking of you."}
    )
    assert response.status_code == 302
    # The writer's block still keeps the reply from them.
    page = member_client.get(secret.get_absolute_url()).content.decode()
    assert "Thinking of you." not in page
