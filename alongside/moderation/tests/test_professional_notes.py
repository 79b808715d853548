"""Verified professionals add context notes in their own name: a member of the
group whose badge stands may add one beneath a post; it reads "Context from
<name>, <badge>", reaches open thread pages live, and its writer may withdraw it.
Moderators' notes still read as context from the moderators."""

from datetime import date
from html import unescape

import pytest
from channels.db import database_sync_to_async
from channels.layers import channel_layers
from channels.testing import WebsocketCommunicator
from django.test import Client
from django.urls import reverse

from alongside.core.errors import ActionRefused
from alongside.groups.actions import set_role
from alongside.groups.models import Membership
from alongside.moderation.actions import add_context_note, mute_member_in_group
from alongside.moderation.models import ContextNote, ModerationLog
from alongside.resources import actions as resource_actions
from conftest import client_for, give_second_factor, make_user

NHS = "https://www.nhs.uk/conditions/chronic-pain/"
BODY = "Heat can ease pain for some people. **Check with your GP** first."
HEADING = "Context from Ada, Physiotherapist, Ireland"


def form_url(reply) -> str:
    return reverse("moderation:context_note", args=[reply.pk])


def withdraw_url(note) -> str:
    return reverse("moderation:context_note_withdraw", args=[note.pk])


def text(response) -> str:
    return unescape(response.content.decode())


def make_professional(group, admin, *, username="ada", name="Ada", months=1):
    """A member of the group whose badge stands for `months` from today."""
    person = make_user(username, display_name=name, country="IE")
    set_role(group=group, member=person, role=Membership.Role.MEMBER)
    credential = resource_actions.apply_as_professional(
        member=person,
        profession="Physiotherapist",
        registration_number="PH-12345",
        issuing_body="CORU",
        country="IE",
        conflicts="None",
    )
    resource_actions.verify_professional(
        admin=admin, credential=credential, method="CORU register", months=months
    )
    return person


def make_admin():
    admin = make_user("operator", is_staff=True, display_name="Operator")
    give_second_factor(admin)
    return admin


@pytest.fixture
def admin(db):
    return make_admin()


@pytest.fixture
def professional(clock, admin, group):
    """Ada: no second factor, no role but member; badge until 20 March 2026."""
    ada = make_professional(group, admin)
    assert ada.credential.expires_on == date(2026, 3, 20)
    return ada


def add_through_the_form(client, reply, body=BODY):
    return client.post(
        form_url(reply), {"body": body, "source_1": NHS, "source_2": "", "source_3": ""}
    )


# ---------------------------------------------------------------------------
# Adding a note


def test_a_professional_sees_the_add_context_control_on_replies(
    professional, member_client, thread, reply
):
    page = text(client_for(professional).get(thread.get_absolute_url()))

    assert f'<a href="{form_url(reply)}">Add context note</a>' in page
    assert "Add context note" not in text(member_client.get(thread.get_absolute_url()))


def test_a_professional_adds_a_note_in_their_own_name(
    clock, professional, member_client, moderator, thread, reply
):
    client = client_for(professional)
    form = client.get(form_url(reply))
    assert form.status_code == 200
    assert f"It reads “{HEADING}”." in text(form)
    assert "with your name and your badge" in text(form)

    response = add_through_the_form(client, reply)

    assert response.status_code == 302
    assert response["Location"] == reply.get_absolute_url()
    note = ContextNote.objects.get()
    assert (note.author, note.author_scope) == (
        professional,
        "Physiotherapist, Ireland",
    )
    log = ModerationLog.objects.get(action="context_note_added")
    assert (log.actor, log.target_id) == (professional, note.pk)
    page = text(member_client.get(thread.get_absolute_url()))
    post = page[page.index(f'id="reply-{reply.pk}"') :]
    post = post[: post.index("</article>")]
    assert (
        f'<h3 class="context-note__title" id="note-{note.pk}-title">{HEADING}</h3>'
        in (post)
    )
    assert "<strong>Check with your GP</strong>" in post


def test_a_moderators_note_still_reads_as_from_the_moderators(
    professional, member_client, moderator, thread, reply
):
    add_context_note(author=moderator, content=reply, body=BODY, sources=[NHS])
    add_context_note(author=professional, content=reply, body="Mine.", sources=[NHS])

    page = text(member_client.get(thread.get_absolute_url()))

    assert "Context from the moderators</h3>" in page
    assert f"{HEADING}</h3>" in page
    assert "Morgan" not in page


def test_a_moderator_who_is_also_a_professional_writes_as_a_moderator(
    admin, group, reply
):
    both = make_professional(group, admin, username="kit", name="Kit")
    set_role(group=group, member=both, role=Membership.Role.MODERATOR)

    note = add_context_note(author=both, content=reply, body=BODY, sources=[NHS])

    assert note.author_scope == ""


def test_a_note_keeps_its_heading_after_the_badge_lapses(
    clock, professional, member, thread, reply
):
    add_context_note(author=professional, content=reply, body=BODY, sources=[NHS])

    clock.set(2026, 6, 1, 9, 0)
    page = text(client_for(member).get(thread.get_absolute_url()))

    assert HEADING in page


@pytest.mark.parametrize("who", ["member", "facilitator"])
def test_members_without_a_badge_get_a_404_and_nothing_is_added(request, who, reply):
    client = client_for(request.getfixturevalue(who))

    assert client.get(form_url(reply)).status_code == 404
    assert add_through_the_form(client, reply).status_code == 404
    assert not ContextNote.objects.exists()


def test_an_application_waiting_for_a_check_grants_nothing(group, reply):
    waiting = make_user("bea", display_name="Bea")
    set_role(group=group, member=waiting, role=Membership.Role.MEMBER)
    resource_actions.apply_as_professional(
        member=waiting,
        profession="Nurse",
        registration_number="N-1",
        issuing_body="NMC",
        country="GB",
        conflicts="None",
    )
    client = client_for(waiting)

    assert client.get(form_url(reply)).status_code == 404
    assert add_through_the_form(client, reply).status_code == 404
    with pytest.raises(ActionRefused):
        add_context_note(author=waiting, content=reply, body=BODY, sources=[NHS])
    assert not ContextNote.objects.exists()


def test_a_lapsed_badge_adds_no_note_from_its_expiry_day(
    clock, professional, thread, reply
):
    clock.set(2026, 3, 19, 23, 0)
    assert client_for(professional).get(form_url(reply)).status_code == 200

    clock.set(2026, 3, 20, 8, 0)
    client = client_for(professional)

    assert client.get(form_url(reply)).status_code == 404
    assert add_through_the_form(client, reply).status_code == 404
    assert "Add context note" not in text(client.get(thread.get_absolute_url()))
    with pytest.raises(ActionRefused, match="verified professionals"):
        add_context_note(author=professional, content=reply, body=BODY, sources=[NHS])
    assert not ContextNote.objects.exists()


def test_a_professional_outside_the_group_adds_nothing(admin, private_group, member):
    from alongside.threads.actions import start_thread

    elsewhere = start_thread(author=member, group=private_group, title="T", body="B")
    outside = make_user("cai", display_name="Cai")
    credential = resource_actions.apply_as_professional(
        member=outside,
        profession="Nurse",
        registration_number="N-2",
        issuing_body="NMC",
        country="GB",
        conflicts="None",
    )
    resource_actions.verify_professional(
        admin=admin, credential=credential, method="NMC register", months=12
    )
    opening = elsewhere.replies.get()

    assert client_for(outside).get(form_url(opening)).status_code == 404
    with pytest.raises(ActionRefused):
        add_context_note(author=outside, content=opening, body=BODY, sources=[NHS])


def test_a_muted_professional_cannot_add_a_note(professional, moderator, group, reply):
    mute_member_in_group(
        moderator=moderator,
        group=group,
        member=professional,
        period="day",
        reason="Cooling off.",
    )

    with pytest.raises(ActionRefused):
        add_context_note(author=professional, content=reply, body=BODY, sources=[NHS])
    assert not ContextNote.objects.exists()


def test_a_rejected_source_keeps_what_the_professional_typed(professional, reply):
    response = client_for(professional).post(
        form_url(reply), {"body": "Words kept 6b1d.", "source_1": "http://nhs.uk/"}
    )

    assert response.status_code == 422
    assert "Words kept 6b1d." in text(response)
    assert not ContextNote.objects.exists()


# ---------------------------------------------------------------------------
# Withdrawing a note


def test_a_professional_withdraws_their_own_note(
    professional, member_client, thread, reply
):
    note = add_context_note(
        author=professional, content=reply, body=BODY, sources=[NHS]
    )
    client = client_for(professional)
    assert f'action="{withdraw_url(note)}"' in text(
        client.get(thread.get_absolute_url())
    )

    response = client.post(withdraw_url(note), {"reason": "A better source exists."})

    assert response.status_code == 302
    note.refresh_from_db()
    assert note.withdrawn_at is not None
    assert HEADING not in text(member_client.get(thread.get_absolute_url()))


def test_a_professional_cannot_withdraw_someone_elses_note(
    admin, group, professional, moderator, thread, reply
):
    by_moderator = add_context_note(
        author=moderator, content=reply, body=BODY, sources=[NHS]
    )
    other = make_professional(group, admin, username="dee", name="Dee")
    by_other = add_context_note(author=other, content=reply, body=BODY, sources=[NHS])
    client = client_for(professional)

    page = text(client.get(thread.get_absolute_url()))
    assert withdraw_url(by_moderator) not in page
    assert withdraw_url(by_other) not in page
    for note in (by_moderator, by_other):
        assert client.post(withdraw_url(note)).status_code == 404
        note.refresh_from_db()
        assert note.withdrawn_at is None


def test_a_moderator_withdraws_a_professionals_note(
    professional, moderator_client, thread, reply
):
    note = add_context_note(
        author=professional, content=reply, body=BODY, sources=[NHS]
    )
    assert f'action="{withdraw_url(note)}"' in text(
        moderator_client.get(thread.get_absolute_url())
    )

    response = moderator_client.post(withdraw_url(note), {"reason": "Out of date."})

    assert response.status_code == 302
    note.refresh_from_db()
    assert note.withdrawn_at is not None


# ---------------------------------------------------------------------------
# Live: a professional's note reaches open thread pages

ORIGIN = (b"origin", b"http://127.0.0.1")


@pytest.fixture
def fresh_channel_layer():
    """A new channel layer for the test: each async test runs its own event loop."""
    channel_layers.backends = {}
    yield
    channel_layers.backends = {}


async def _cookie_for(user) -> bytes:
    def login() -> str:
        client = Client()
        client.force_login(user)
        return client.cookies["sessionid"].value

    return f"sessionid={await database_sync_to_async(login)()}".encode()


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
@pytest.mark.usefixtures("fresh_channel_layer")
async def test_a_professionals_note_reaches_an_open_thread_page(group, member, thread):
    from config.asgi import application

    def arrange():
        from alongside.threads.actions import post_reply

        professional = make_professional(group, make_admin(), months=6)
        reply = post_reply(author=member, thread=thread, body="Heat helps me.")
        return professional, reply

    professional, reply = await database_sync_to_async(arrange)()
    page = WebsocketCommunicator(
        application,
        f"/ws/threads/{thread.pk}/",
        headers=[ORIGIN, (b"cookie", await _cookie_for(member))],
    )
    connected, _code = await page.connect()
    assert connected

    response = await database_sync_to_async(
        lambda: add_through_the_form(client_for(professional), reply)
    )()
    assert response.status_code == 302

    event = await page.receive_json_from(timeout=3)
    assert event["type"] == "context_note"
    assert event["reply_id"] == reply.pk
    assert HEADING in event["html"]
    assert "Check with your GP" in event["html"]
    await page.disconnect()
