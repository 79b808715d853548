from django.urls import reverse

from alongside.moderation.models import ModerationLog
from alongside.threads.models import AuthorReveal, Reaction, Reply, ReplyRevision


def test_member_reads_a_thread_with_its_replies(member_client, thread, reply):
    response = member_client.get(thread.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert "Pacing when you feel good" in body
    assert "Every single time." in body
    assert "You&#x27;re all caught up." in body or "You're all caught up." in body


def test_posting_a_reply_renders_markdown_once_and_redirects_to_it(
    member_client, thread
):
    response = member_client.post(
        reverse("threads:reply", args=[thread.pk]), {"body": "I **hear** you."}
    )
    reply = Reply.objects.get(thread=thread, is_opening=False)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#reply-{reply.pk}")
    assert reply.body_html == "<p>I <strong>hear</strong> you.</p>\n"
    thread.refresh_from_db()
    assert thread.reply_count == 1


def test_an_empty_reply_keeps_what_was_typed_and_explains(member_client, thread):
    response = member_client.post(
        reverse("threads:reply", args=[thread.pk]),
        {"body": "   ", "content_warning": "grief"},
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Write something before posting." in body
    assert 'value="grief"' in body
    assert "<title>Error:" in body


def test_content_warning_folds_the_post(member_client, group, member):
    response = member_client.post(
        reverse("threads:new", args=[group.slug]),
        {
            "title": "A hard week",
            "body": "It happened again.",
            "content_warning": "loss",
        },
        follow=True,
    )
    body = response.content.decode()
    assert '<details class="content-note">' in body
    assert "Content note: loss" in body


def test_anonymous_reply_hides_the_author_from_members(
    member_client, other_member_client, thread
):
    other_member_client.post(
        reverse("threads:reply", args=[thread.pk]),
        {"body": "Me as well.", "is_anonymous": "on"},
    )
    body = member_client.get(thread.get_absolute_url()).content.decode()
    assert "Anonymous member" in body
    assert "Sam" not in body


def test_moderator_reveal_needs_a_reason_and_is_recorded(
    moderator_client, other_member_client, thread
):
    other_member_client.post(
        reverse("threads:reply", args=[thread.pk]),
        {"body": "Me as well.", "is_anonymous": "on"},
    )
    reply = Reply.objects.get(is_anonymous=True)
    url = reverse("threads:reveal", args=[reply.pk])
    page = moderator_client.post(url, {"reason": ""}).content.decode()
    assert "Say why you need to know who wrote this." in page
    assert AuthorReveal.objects.count() == 0
    page = moderator_client.post(url, {"reason": "Worried for their safety"})
    assert "written by Sam" in page.content.decode()
    reveal = AuthorReveal.objects.get()
    assert reveal.reason == "Worried for their safety"
    logged = ModerationLog.objects.get(action="author_revealed")
    assert (logged.actor.username, logged.subject.username, logged.reason) == (
        "morgan",
        "sam",
        "Worried for their safety",
    )
    # The writer is told afterwards, with the reason, on their home page.
    home = other_member_client.get("/").content.decode()
    assert "looked up who wrote one of your anonymous posts" in home
    assert "Worried for their safety" in home


def test_member_cannot_reveal_an_anonymous_author(
    member_client, other_member_client, thread
):
    other_member_client.post(
        reverse("threads:reply", args=[thread.pk]),
        {"body": "Me as well.", "is_anonymous": "on"},
    )
    reply = Reply.objects.get(is_anonymous=True)
    response = member_client.post(
        reverse("threads:reveal", args=[reply.pk]), {"reason": "curious"}
    )
    assert response.status_code == 302
    assert AuthorReveal.objects.count() == 0


def test_reacting_toggles_and_counts_in_words(member_client, reply):
    url = reverse("threads:react", args=[reply.pk])
    response = member_client.post(url, {"kind": "me_too"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert 'aria-pressed="true"' in body
    assert 'Me too<span class="reaction__count">, 1 person' in body
    assert "You sent Me too" in body
    member_client.post(url, {"kind": "me_too"}, HTTP_HX_REQUEST="true")
    assert Reaction.objects.count() == 0


def test_one_reaction_of_each_kind_per_member(member_client, reply):
    url = reverse("threads:react", args=[reply.pk])
    member_client.post(url, {"kind": "thank_you"})
    member_client.post(url, {"kind": "me_too"})
    assert sorted(Reaction.objects.values_list("kind", flat=True)) == [
        "me_too",
        "thank_you",
    ]


def test_editing_keeps_the_earlier_version(other_member_client, reply):
    response = other_member_client.post(
        reverse("threads:edit", args=[reply.pk]), {"body": "Every time, honestly."}
    )
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.body == "Every time, honestly."
    assert reply.edited_at is not None
    assert ReplyRevision.objects.get(reply=reply).body == "Every single time."


def test_only_the_author_can_edit(member_client, reply):
    member_client.post(reverse("threads:edit", args=[reply.pk]), {"body": "changed"})
    reply.refresh_from_db()
    assert reply.body == "Every single time."


def test_deleting_is_soft_and_shows_a_placeholder(other_member_client, reply, thread):
    other_member_client.post(reverse("threads:delete", args=[reply.pk]))
    reply.refresh_from_db()
    assert reply.deleted_at is not None
    body = other_member_client.get(thread.get_absolute_url()).content.decode()
    assert "This post was deleted." in body
    assert "Every single time." not in body
    thread.refresh_from_db()
    assert thread.reply_count == 0


def test_moderator_can_delete_anyones_reply(moderator_client, reply):
    moderator_client.post(reverse("threads:delete", args=[reply.pk]))
    reply.refresh_from_db()
    assert reply.deleted_at is not None


def test_member_cannot_delete_someone_elses_reply(member_client, reply):
    member_client.post(reverse("threads:delete", args=[reply.pk]))
    reply.refresh_from_db()
    assert reply.deleted_at is None


def test_replies_page_with_keyset_links(member_client, thread, other_member, settings):
    from alongside.threads.actions import post_reply

    settings.ALONGSIDE_PAGE_SIZE = 3
    replies = [
        post_reply(author=other_member, thread=thread, body=f"reply number {i}")
        for i in range(5)
    ]
    first = member_client.get(thread.get_absolute_url()).content.decode()
    assert "reply number 2" in first and "reply number 3" not in first
    assert f"?after={replies[2].pk}" in first
    second = member_client.get(
        thread.get_absolute_url() + f"?after={replies[2].pk}"
    ).content.decode()
    assert "reply number 3" in second and "reply number 4" in second
    assert "reply number 2" not in second
    assert "all caught up" in second
