"""Busy pages cost a fixed number of SQL queries, however much is on them.

Each page is measured once with little on it and once with a lot (200 replies with
reactions from several members, anonymous and deleted replies; 60 threads; many
groups and invitations), and must cost exactly the same. The numbers are the
measured cost today: a change that adds a query per row fails here, and a change
that saves one updates the number.
"""

from datetime import timedelta
from itertools import cycle
from uuid import uuid4

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alongside.chat.actions import send_chat_message
from alongside.core.rendering import render_markdown
from alongside.groups.actions import create_group, invite_member, set_role
from alongside.groups.models import Group, Membership
from alongside.moderation.actions import (
    claim_flag,
    flag_screened_content,
    report_content,
)
from alongside.moderation.models import ContextNote, Flag
from alongside.safety.service import Outcome
from alongside.threads.actions import open_thread, post_reply
from alongside.threads.models import Reaction, Reply, Thread
from conftest import make_user

PAGE_SIZE = 50

# Each count includes the session and the user behind a signed-in request.
THREAD_PAGE_QUERIES = 7
# With replies that link to library resources: their cards, in one more query.
THREAD_PAGE_WITH_CARDS_QUERIES = THREAD_PAGE_QUERIES + 1
GROUP_PAGE_QUERIES = 8
HOME_PAGE_QUERIES = 8
DIRECTORY_QUERIES = 3
DIRECTORY_QUERIES_ANONYMOUS = 1
QUEUE_QUERIES = 12


@pytest.fixture(autouse=True)
def _page_size(settings):
    settings.ALONGSIDE_PAGE_SIZE = PAGE_SIZE


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def add_threads(group: Group, authors: list, count: int) -> list[Thread]:
    now = timezone.now()
    threads = Thread.objects.bulk_create(
        Thread(
            group=group,
            title=f"Thread {i}",
            author=author,
            is_anonymous=i % 4 == 0,
            reply_count=i % 7,
            created_at=now - timedelta(minutes=i),
            last_activity_at=now - timedelta(minutes=i),
        )
        for i, author in zip(range(count), cycle(authors), strict=False)
    )
    Reply.objects.bulk_create(
        Reply(
            thread=thread,
            author=thread.author,
            is_opening=True,
            body=f"Opening words {thread.pk}",
            body_html=render_markdown(f"Opening words {thread.pk}"),
            is_anonymous=thread.is_anonymous,
        )
        for thread in threads
    )
    return threads


def add_replies(thread: Thread, authors: list, count: int) -> list[Reply]:
    """Replies by turns: plain, anonymous, deleted, with a content note, by a
    former member; reactions of several kinds from several members on many."""
    now = timezone.now()
    replies = Reply.objects.bulk_create(
        Reply(
            thread=thread,
            author=None if i % 11 == 10 else author,
            body=f"Reply **{i}**",
            body_html=render_markdown(f"Reply **{i}**"),
            is_anonymous=i % 5 == 1,
            content_warning="loss" if i % 6 == 2 else "",
            deleted_at=now if i % 9 == 3 else None,
            deleted_by=author if i % 9 == 3 else None,
            edited_at=now if i % 8 == 4 else None,
            created_at=now + timedelta(seconds=i),
        )
        for i, author in zip(range(count), cycle(authors), strict=False)
    )
    kinds = [kind for kind, _label in Reaction.Kind.choices]
    Reaction.objects.bulk_create(
        Reaction(reply=reply, member=member, kind=kind)
        for n, reply in enumerate(replies[:120])
        for m, member in enumerate(authors)
        for kind in kinds[(n + m) % 3 : (n + m) % 3 + 2]
    )
    Thread.objects.filter(pk=thread.pk).update(reply_count=count)
    return replies


def add_notes(replies: list[Reply], author) -> None:
    """Context notes beneath every third reply, two beneath some, one withdrawn."""
    reply_type = ContentType.objects.get_for_model(Reply)
    now = timezone.now()
    ContextNote.objects.bulk_create(
        ContextNote(
            content_type=reply_type,
            object_id=reply.pk,
            author=author,
            body=f"Context {n}",
            body_html=render_markdown(f"Context {n}"),
            sources=[{"url": "https://www.nhs.uk/pain/", "domain": "nhs.uk"}],
            withdrawn_at=now if n % 7 == 6 else None,
        )
        for n, reply in enumerate(replies[::3] + replies[::12])
    )


@pytest.mark.parametrize("replies", [1, 200])
def test_the_thread_page_costs_the_same_whatever_its_length(
    replies, group, thread, member, other_member, facilitator, moderator,
    django_assert_num_queries,
):  # fmt: skip
    made = add_replies(thread, [member, other_member, facilitator, moderator], replies)
    add_notes(made, moderator)
    client = signed_in(member)
    url = thread.get_absolute_url()
    # The thread with its group, the membership, one page of replies with their
    # authors, the reactions on all of them at once, and their context notes.
    with django_assert_num_queries(THREAD_PAGE_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    shown = body.count('class="post"') + body.count('class="post post--opening"')
    assert shown == 1 + min(replies, PAGE_SIZE)
    assert 'class="context-note"' in body


@pytest.mark.parametrize("replies", [2, 200])
def test_a_later_page_of_a_long_thread_costs_the_same(
    replies, group, thread, member, other_member, facilitator, moderator,
    django_assert_num_queries,
):  # fmt: skip
    made = add_replies(thread, [member, other_member, facilitator, moderator], replies)
    add_notes(made, moderator)
    client = signed_in(moderator)
    url = f"{thread.get_absolute_url()}?after={made[0].pk}"
    with django_assert_num_queries(THREAD_PAGE_QUERIES):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("replies", [1, 200])
def test_badges_labels_and_resource_cards_cost_the_same_whatever_the_length(
    replies, group, thread, member, other_member, facilitator, moderator,
    django_assert_num_queries,
):  # fmt: skip
    """Writers' badges come with the replies, the viewer's with their membership,
    and every card on the page in one query."""
    from alongside.resources.actions import (
        apply_as_professional,
        share_resource,
        verify_professional,
    )

    admin = make_user("operator", is_staff=True)
    for person in (member, other_member, moderator):
        verify_professional(
            admin=admin,
            credential=apply_as_professional(
                member=person,
                profession="Nurse",
                registration_number="N-1",
                issuing_body="NMC",
                country="GB",
                conflicts="None",
            ),
            method="NMC register",
            months=12,
        )
    resources = [
        share_resource(
            author=facilitator,
            title=f"Resource {n}",
            summary="Helped me.",
            kind="article",
            sources=["https://www.nhs.uk/pain/"],
            groups=[group],
        ).pk
        for n in range(4)
    ]
    made = add_replies(thread, [member, other_member, facilitator, moderator], replies)
    claims = cycle(["", "experience", "information", "professional"])
    for n, reply in enumerate(made):
        reply.claim = next(claims)
        reply.resource_ids = resources[n % 4 : n % 4 + 2]
    Reply.objects.bulk_update(made, ["claim", "resource_ids"])
    add_notes(made, moderator)
    client = signed_in(member)
    with django_assert_num_queries(THREAD_PAGE_WITH_CARDS_QUERIES):
        response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert "Verified professional · Nurse," in body
    assert 'class="resource-link"' in body
    assert "claim-label--experience" in body or replies == 1
    assert "Add context note" in body  # the viewer's own badge, read with them


@pytest.mark.parametrize("threads", [1, 60])
def test_the_group_page_costs_the_same_whatever_its_size(
    threads, group, member, other_member, facilitator, moderator,
    django_assert_num_queries,
):  # fmt: skip
    add_threads(group, [member, other_member, facilitator, moderator], threads)
    for n in range(threads // 10):
        person = make_user(f"asker{n}")
        group.join_requests.create(member=person, answer="Hello")
        set_role(group=group, member=make_user(f"joiner{n}"), role="member")
    client = signed_in(facilitator)
    # The group, the membership, the facilitators, one page of threads with their
    # authors, and the number of requests waiting.
    with django_assert_num_queries(GROUP_PAGE_QUERIES):
        response = client.get(group.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('class="thread-item"') == min(threads, PAGE_SIZE)
    assert ("Older threads" in body) == (threads > PAGE_SIZE)


@pytest.mark.parametrize("size", [1, 30])
def test_the_home_page_costs_the_same_whatever_the_member_belongs_to(
    size, member, facilitator, django_assert_num_queries
):
    for n in range(size):
        joined = create_group(
            name=f"Group {n}", slug=f"group-{n}", facilitator=facilitator
        )
        Membership.objects.create(group=joined, member=member)
        add_threads(joined, [member, facilitator], 3)
        invited = create_group(
            name=f"Invite {n}",
            slug=f"invite-{n}",
            visibility=Group.Visibility.UNLISTED,
            join_policy=Group.JoinPolicy.INVITE,
            facilitator=facilitator,
        )
        invite_member(inviter=facilitator, group=invited, username=member.username)
    client = signed_in(member)
    # The member's groups, invitations with their groups, recent threads with
    # theirs, and what else the home page gathers, each in one query.
    with django_assert_num_queries(HOME_PAGE_QUERIES):
        response = client.get(reverse("home"))
    assert response.status_code == 200
    assert response.content.decode().count('class="thread-item"') == min(3 * size, 10)


@pytest.mark.parametrize("size", [1, 30])
def test_the_directory_costs_the_same_whatever_the_number_of_groups(
    size, member, facilitator, django_assert_num_queries
):
    for n in range(size):
        listed = create_group(
            name=f"Group {n}", slug=f"group-{n}", facilitator=facilitator
        )
        if n % 2:
            Membership.objects.create(group=listed, member=member)
        create_group(
            name=f"Hidden {n}",
            slug=f"hidden-{n}",
            visibility=Group.Visibility.UNLISTED,
            facilitator=facilitator,
        )
    url = reverse("groups:list")
    client = signed_in(member)
    # The groups, with their member counts and the viewer's own standing.
    with django_assert_num_queries(DIRECTORY_QUERIES):
        assert client.get(url).status_code == 200
    # Anonymous visitors: only the groups (no session row is read).
    with django_assert_num_queries(DIRECTORY_QUERIES_ANONYMOUS):
        response = Client().get(url)
    assert response.content.decode().count('class="card"') == size


URGENT_FINDINGS = {"crisis": "urgent", "self_harm": True}


@pytest.mark.parametrize("items", [1, 10])
def test_the_moderation_queue_costs_the_same_whatever_is_waiting(
    items, clock, group, thread, member, other_member, moderator,
    django_assert_num_queries,
):  # fmt: skip
    """`items` of each kind: crisis posts (flagged, and waiting for an answer),
    replies, chat messages and profiles reported by several members, one claimed."""
    reporters = [make_user(f"reporter{n}") for n in range(4)]
    for person in reporters:
        set_role(group=group, member=person, role="member")
    for n in range(items):
        # Flagged as screening would, without depending on the checks' timing.
        crisis = open_thread(
            author=member, group=group, title=f"Night {n}", body="Hard night."
        )
        Reply.objects.filter(pk=crisis.reply.pk).update(findings=URGENT_FINDINGS)
        flag_screened_content(
            content=crisis.reply,
            group=group,
            subject=member,
            outcome=Outcome.from_findings(URGENT_FINDINGS),
        )
        reply = post_reply(author=other_member, thread=thread, body=f"Reply {n}")
        report_content(
            reporter=reporters[0], content=reply, reason="harassment", note="Mean."
        )
        report_content(reporter=reporters[1], content=reply, reason="spam")
        message = send_chat_message(
            author=other_member, group=group, client_id=uuid4(), body=f"Hi {n}"
        ).message
        report_content(reporter=reporters[2], content=message, reason="privacy")
        person = make_user(f"person{n}")
        set_role(group=group, member=person, role="member")
        report_content(reporter=reporters[3], content=person, reason="worried")
    claim_flag(moderator=moderator, flag=Flag.objects.order_by("pk")[0])
    clock.advance(minutes=45)
    client = signed_in(moderator)
    # The membership, the second factor, the flags with their people and the
    # history of each, the content of each kind, the reports, the crisis posts
    # waiting for an answer, and the moderator's day and preference.
    with django_assert_num_queries(QUEUE_QUERIES):
        response = client.get(reverse("moderation:queue", args=[group.slug]))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('class="card queue-item"') == 4 * items
    assert body.count("Reported by 2 members") == items
    assert "Waiting for an answer" in body


@pytest.mark.parametrize("choices", [0, 3])
def test_blocks_and_mutes_cost_no_extra_query(
    choices, group, thread, member, other_member, facilitator, moderator,
    django_assert_num_queries,
):  # fmt: skip
    """Whom a member blocked or muted, and the threads they muted, are read inside
    the queries each page already makes."""
    from alongside.moderation.actions import block_member, mute_member, mute_thread

    authors = [member, other_member, facilitator, moderator]
    add_replies(thread, authors, 60)
    threads = add_threads(group, authors, 20)
    others = [make_user(f"other{n}") for n in range(choices)]
    for person in others[:1] + ([other_member] if choices else []):
        block_member(blocker=member, blocked=person)
    for person in others[1:] + ([facilitator] if choices else []):
        mute_member(member=member, muted=person)
    for muted in threads[:choices]:
        mute_thread(member=member, thread=muted)
    client = signed_in(member)
    for url, count in (
        (thread.get_absolute_url(), THREAD_PAGE_QUERIES),
        (group.get_absolute_url(), GROUP_PAGE_QUERIES - 1),  # not a facilitator
        (reverse("home"), HOME_PAGE_QUERIES),
    ):
        with django_assert_num_queries(count):
            assert client.get(url).status_code == 200
