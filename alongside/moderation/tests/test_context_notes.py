"""Context notes: sourced notes from the moderators beneath a post, for everyone
who can see the post."""

import pytest
from django.urls import reverse

from alongside.core.errors import ActionRefused
from alongside.moderation.actions import add_context_note, withdraw_context_note
from alongside.moderation.models import ContextNote, ModerationLog
from alongside.threads.actions import delete_reply, post_reply
from conftest import client_for, make_user

NHS = "https://www.nhs.uk/conditions/chronic-pain/"
BODY = "Heat can ease pain for some people. **Check with your GP** first."


def add_note(moderator, reply, body=BODY, sources=(NHS,)):
    return add_context_note(
        author=moderator, content=reply, body=body, sources=list(sources)
    )


def form_url(reply) -> str:
    return reverse("moderation:context_note", args=[reply.pk])


# ---------------------------------------------------------------------------
# Actions


def test_a_moderator_adds_a_note_rendered_once_and_logged(
    clock, moderator, other_member, group, reply
):
    note = add_note(
        moderator, reply, sources=["https://www.nhs.uk/pain/", " https://who.int/ "]
    )

    note.refresh_from_db()
    assert note.content == reply
    assert note.body == BODY
    assert "<strong>Check with your GP</strong>" in note.body_html
    assert note.sources == [
        {"url": "https://www.nhs.uk/pain/", "domain": "nhs.uk"},
        {"url": "https://who.int/", "domain": "who.int"},
    ]
    assert note.created_at == clock.moment
    assert note.withdrawn_at is None
    log = ModerationLog.objects.get()
    assert (log.actor, log.group, log.action) == (
        moderator,
        group,
        "context_note_added",
    )
    assert (log.target_id, log.subject) == (note.pk, other_member)


def test_a_note_can_go_beneath_the_opening_post_of_a_thread(moderator, thread):
    opening = thread.replies.get(is_opening=True)

    note = add_note(moderator, opening)

    assert note.object_id == opening.pk


def test_the_note_is_sanitised_markdown(moderator, reply):
    note = add_note(
        moderator,
        reply,
        body="<script>alert(1)</script> [look](javascript:alert(1)) <b>x</b>",
    )

    assert "<script" not in note.body_html
    assert "href" not in note.body_html
    assert "<b>" not in note.body_html


@pytest.mark.parametrize("who", ["member", "other_member", "facilitator", "outsider"])
def test_only_the_groups_moderators_may_add_a_note(request, who, reply):
    person = request.getfixturevalue(who)

    with pytest.raises(ActionRefused):
        add_note(person, reply)

    assert not ContextNote.objects.exists()
    assert not ModerationLog.objects.exists()


def test_a_moderator_of_another_group_may_not_add_one(moderator, member, private_group):
    from alongside.threads.actions import start_thread

    there = start_thread(author=member, group=private_group, title="T", body="B")

    with pytest.raises(ActionRefused):
        add_note(moderator, there.replies.get())
    assert not ContextNote.objects.exists()


@pytest.mark.parametrize(
    ("body", "sources", "words"),
    [
        ("   ", [NHS], "Write the note"),
        ("x" * 2001, [NHS], "2,000 characters"),
        (BODY, [], "at least one source"),
        (BODY, ["", " "], "at least one source"),
        (BODY, ["http://www.nhs.uk/"], "https://"),
        (BODY, ["javascript:alert(1)"], "https://"),
        (BODY, ["https://localhost/"], "website by its name"),
        (BODY, [NHS, NHS, NHS, NHS], "at most 3"),
    ],
)
def test_a_note_needs_words_and_https_sources(moderator, reply, body, sources, words):
    with pytest.raises(ActionRefused, match=words):
        add_note(moderator, reply, body=body, sources=sources)

    assert not ContextNote.objects.exists()
    assert not ModerationLog.objects.exists()


def test_no_note_goes_beneath_a_deleted_post_or_on_anything_but_a_post(
    moderator, other_member, reply, thread, group
):
    with pytest.raises(ActionRefused):
        add_note(moderator, thread)
    with pytest.raises(ActionRefused):
        add_note(moderator, group)
    delete_reply(deleter=other_member, reply=reply)
    with pytest.raises(ActionRefused):
        add_note(moderator, reply)
    assert not ContextNote.objects.exists()


def test_withdrawing_a_note_takes_it_down_once_and_logs_it(
    clock, moderator, other_member, group, reply
):
    note = add_note(moderator, reply)
    clock.advance(hours=2)

    assert withdraw_context_note(actor=moderator, note=note, reason="Out of date.")
    assert not withdraw_context_note(actor=moderator, note=note, reason="Again.")

    note.refresh_from_db()
    assert note.withdrawn_at == clock.moment
    log = ModerationLog.objects.filter(action="context_note_withdrawn").get()
    assert (log.actor, log.group, log.target_id) == (moderator, group, note.pk)
    assert (log.reason, log.subject) == ("Out of date.", other_member)


def test_only_moderators_may_withdraw_a_note(moderator, member, facilitator, reply):
    note = add_note(moderator, reply)

    for person in (member, facilitator):
        with pytest.raises(ActionRefused):
            withdraw_context_note(actor=person, note=note)

    note.refresh_from_db()
    assert note.withdrawn_at is None
    assert ModerationLog.objects.filter(action="context_note_withdrawn").count() == 0


# ---------------------------------------------------------------------------
# Pages


def test_a_moderator_adds_a_note_through_the_form_and_members_see_it_beneath_the_post(
    clock, moderator_client, member_client, moderator, thread, reply
):
    later = post_reply(author=moderator, thread=thread, body="A later reply.")
    form = moderator_client.get(form_url(reply))
    assert form.status_code == 200
    assert 'for="id_body"' in form.content.decode()
    assert 'for="id_source_1"' in form.content.decode()

    response = moderator_client.post(
        form_url(reply),
        {"body": BODY, "source_1": NHS, "source_2": "", "source_3": "https://who.int/"},
    )

    assert response.status_code == 302
    assert response["Location"] == reply.get_absolute_url()
    page = member_client.get(thread.get_absolute_url()).content.decode()
    aside = page[page.index(f'<article class="post" id="reply-{reply.pk}"') :]
    aside = aside[: aside.index("</article>")]
    assert '<aside class="context-note"' in aside
    assert "aria-labelledby=" in aside
    assert "Context from the moderators</h3>" in aside
    assert "<strong>Check with your GP</strong>" in aside
    assert f'<a href="{NHS}" rel="nofollow noopener noreferrer">{NHS}</a> (nhs.uk)' in (
        aside
    )
    assert "(who.int)" in aside
    assert '<time datetime="2026-02-20T12:00:00+00:00">20 February 2026</time>' in aside
    # Beneath its own post only, and members get no moderator tools.
    later_post = page[page.index(f'id="reply-{later.pk}"') :]
    assert "context-note" not in later_post[: later_post.index("</article>")]
    assert "Withdraw" not in page
    assert "Add context note" not in page


def test_moderators_see_a_link_to_add_a_note_and_a_way_to_withdraw_one(
    moderator_client, moderator, thread, reply
):
    note = add_note(moderator, reply)

    page = moderator_client.get(thread.get_absolute_url()).content.decode()

    assert f'<a href="{form_url(reply)}">Add context note</a>' in page
    withdraw = reverse("moderation:context_note_withdraw", args=[note.pk])
    assert f'<form method="post" action="{withdraw}">' in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert f'<label for="note-{note.pk}-reason">' in page


def test_a_note_beneath_the_opening_post_is_headed_at_the_next_level(
    member_client, moderator, thread
):
    add_note(moderator, thread.replies.get(is_opening=True))

    page = member_client.get(thread.get_absolute_url()).content.decode()

    opening = page[: page.index("</article>")]
    assert "post--opening" in opening
    assert "Context from the moderators</h2>" in opening


def test_people_outside_the_group_never_see_a_note(
    outsider_client, moderator, thread, reply
):
    add_note(moderator, reply, body="Marker words 51f0.")

    response = outsider_client.get(thread.get_absolute_url())

    assert response.status_code == 404
    assert "51f0" not in response.content.decode()


def test_a_withdrawn_note_is_gone_for_everyone(
    moderator_client, member_client, moderator, thread, reply
):
    note = add_note(moderator, reply, body="Soon withdrawn 9c2d.")
    url = reverse("moderation:context_note_withdraw", args=[note.pk])

    assert member_client.post(url).status_code == 404
    response = moderator_client.post(url, {"reason": "A better source exists."})

    assert response.status_code == 302
    assert response["Location"] == reply.get_absolute_url()
    assert "9c2d" not in member_client.get(thread.get_absolute_url()).content.decode()
    assert ModerationLog.objects.get(action="context_note_withdrawn").reason == (
        "A better source exists."
    )
    assert moderator_client.post(url).status_code == 404


def test_a_rejected_source_keeps_everything_typed(moderator_client, reply):
    typed = "Words I don't want to type again."

    response = moderator_client.post(
        form_url(reply),
        {"body": typed, "source_1": "http://www.nhs.uk/pain/", "source_2": NHS},
    )

    assert response.status_code == 422
    page = response.content.decode()
    assert typed.replace("'", "&#x27;") in page
    assert 'value="http://www.nhs.uk/pain/"' in page
    assert f'value="{NHS}"' in page
    assert "Use a link that starts with https://" in page
    assert "<title>Error: " in page
    assert not ContextNote.objects.exists()


def test_a_note_without_a_source_keeps_the_words(moderator_client, reply):
    response = moderator_client.post(form_url(reply), {"body": "Kept words."})

    assert response.status_code == 422
    page = response.content.decode()
    assert "Kept words." in page
    assert "Add at least one source" in page
    assert not ContextNote.objects.exists()


@pytest.mark.parametrize("who", ["member_client", "facilitator_client"])
def test_people_who_are_not_moderators_get_a_404_on_the_note_form(request, who, reply):
    client = request.getfixturevalue(who)

    assert client.get(form_url(reply)).status_code == 404
    response = client.post(form_url(reply), {"body": BODY, "source_1": NHS})
    assert response.status_code == 404
    assert not ContextNote.objects.exists()


def test_a_moderator_without_a_second_factor_is_sent_to_set_one_up(group, reply):
    from alongside.groups.actions import set_role

    newly_made = make_user("juniper", display_name="Juniper")
    set_role(group=group, member=newly_made, role="moderator")

    response = client_for(newly_made).get(form_url(reply))

    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
