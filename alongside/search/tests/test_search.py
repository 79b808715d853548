"""Search finds what the searcher may see, and nothing else, on either database.

Every test goes through the search page and the actions members and moderators
use. The suite runs on SQLite (FTS5) and again on PostgreSQL (DATABASE_URL), so
each expectation here, ordered results included, holds on both backends.
"""

import io
import logging
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alongside.groups.actions import create_group, leave_group, set_role
from alongside.groups.models import Group, Membership
from alongside.moderation.actions import approve_held_post, block_member
from alongside.moderation.models import Flag
from alongside.resources.actions import remove_resource, share_resource
from alongside.search.models import SearchEntry
from alongside.threads.actions import (
    delete_reply,
    edit_reply,
    hide_reply,
    move_thread,
    post_reply,
    restore_reply,
    start_thread,
)
from alongside.threads.models import Reply, Thread
from conftest import client_for, make_user

URL = reverse("search:index")


def search(client, q, **filters):
    response = client.get(URL, {"q": q, **filters})
    assert response.status_code == 200
    return response


def found(client, q, **filters) -> list[str]:
    """The titles of the results, in order, with the kind of each."""
    results = search(client, q, **filters).context["results"]
    return [f"{r.kind}: {_text(r.title)}" for r in results]


def _text(html: str) -> str:
    return str(html).replace("<mark>", "").replace("</mark>", "")


def urls(client, q, **filters) -> list[str]:
    return [r.url for r in search(client, q, **filters).context["results"]]


def opening(thread: Thread) -> Reply:
    return thread.replies.get(is_opening=True)


# ---------------------------------------------------------------------------
# What is found, and for whom


def test_a_member_finds_thread_titles_replies_and_resources_of_their_groups(
    member_client, group, thread, reply, member
):
    share_resource(
        author=member,
        title="A pacing worksheet",
        summary="Plan the good days so the bad ones hurt less.",
        kind="tip",
        sources=[],
        groups=[group],
    )
    assert found(member_client, "pacing", order="newest") == [
        "resource: A pacing worksheet",
        "thread: Pacing when you feel good",
    ]
    assert found(member_client, "single time") == ["reply: Pacing when you feel good"]
    result = search(member_client, "single").context["results"][0]
    assert result.url == (
        f"{thread.get_absolute_url()}?after={reply.pk - 1}#reply-{reply.pk}"
    )


def test_nobody_finds_what_is_written_in_a_group_they_are_not_in(
    member_client, outsider_client, facilitator, private_group, group, thread
):
    start_thread(
        author=facilitator,
        group=private_group,
        title="Day one again",
        body="I slipped last night.",
    )
    assert found(member_client, "slipped") == ["thread: Day one again"]
    assert found(outsider_client, "slipped") == []
    assert found(outsider_client, "pacing") == []
    # Someone in another group only: the listed group's words stay its own.
    neighbour = make_user("jules")
    other = create_group(name="Carers", slug="carers", facilitator=neighbour)
    start_thread(author=neighbour, group=other, title="Respite", body="Pacing too.")
    assert found(client_for(neighbour), "pacing") == ["thread: Respite"]


def test_a_member_who_leaves_a_group_stops_finding_its_posts_at_once(
    member, member_client, group, thread, reply
):
    assert found(member_client, "pacing") == ["thread: Pacing when you feel good"]
    leave_group(member=member, group=group)
    assert found(member_client, "pacing") == []
    assert found(member_client, "single") == []


def test_a_hidden_reply_is_found_only_by_its_writer_and_the_moderators(
    member_client, other_member_client, moderator, moderator_client, reply
):
    hide_reply(moderator=moderator, reply=reply, reason="Off topic.")
    assert found(member_client, "single") == []
    assert found(other_member_client, "single") == ["reply: Pacing when you feel good"]
    assert found(moderator_client, "single") == ["reply: Pacing when you feel good"]
    restore_reply(moderator=moderator, reply=reply, reason="Fine after all.")
    assert found(member_client, "single") == ["reply: Pacing when you feel good"]


def test_a_hidden_opening_post_takes_its_thread_and_replies_from_other_members(
    member_client, other_member_client, moderator, moderator_client, thread, reply
):
    hide_reply(moderator=moderator, reply=opening(thread), reason="Too much detail.")
    # The thread's writer still finds it, as their thread page still opens.
    assert found(member_client, "pacing") == ["thread: Pacing when you feel good"]
    assert found(other_member_client, "pacing") == []
    assert found(other_member_client, "single") == []
    assert found(moderator_client, "single") == ["reply: Pacing when you feel good"]


def test_deleted_replies_and_threads_are_never_found(
    member, member_client, other_member, other_member_client, thread, reply
):
    delete_reply(deleter=other_member, reply=reply)
    assert found(other_member_client, "single") == []
    assert found(member_client, "single") == []
    later = post_reply(author=other_member, thread=thread, body="Every flare, too.")
    assert found(member_client, "flare") == ["reply: Pacing when you feel good"]
    delete_reply(deleter=member, reply=opening(thread))  # the whole thread goes
    assert found(member_client, "pacing") == []
    assert found(member_client, "flare") == []
    assert Reply.objects.filter(pk=later.pk).exists()


def test_a_held_reply_is_found_by_its_writer_and_moderators_until_approved(
    group, thread, member_client, moderator, moderator_client
):
    Group.objects.filter(pk=group.pk).update(holds_first_posts=True)
    newcomer = make_user("robin")
    set_role(group=group, member=newcomer, role=Membership.Role.MEMBER)
    held = post_reply(
        author=newcomer, thread=Thread.objects.get(pk=thread.pk), body="Hello, lurker."
    )
    assert held.is_held
    assert found(member_client, "lurker") == []
    assert found(client_for(newcomer), "lurker") == ["reply: Pacing when you feel good"]
    assert found(moderator_client, "lurker") == ["reply: Pacing when you feel good"]
    approve_held_post(moderator=moderator, flag=Flag.objects.get(object_id=held.pk))
    assert found(member_client, "lurker") == ["reply: Pacing when you feel good"]


def test_an_edit_is_found_by_its_new_words_and_no_longer_by_the_old(
    member_client, other_member, reply
):
    edit_reply(editor=other_member, reply=reply, body="Only on sunny days.")
    assert found(member_client, "single") == []
    assert found(member_client, "sunny") == ["reply: Pacing when you feel good"]
    snippet = str(search(member_client, "sunny").context["results"][0].snippet)
    assert snippet == "Only on <mark>sunny</mark> days."


def test_a_moved_thread_is_found_in_its_new_group_only(
    member_client, moderator, group, private_group, thread, facilitator
):
    set_role(group=private_group, member=moderator, role=Membership.Role.MODERATOR)
    move_thread(moderator=moderator, thread=thread, to=private_group, reason="Fits.")
    assert found(member_client, "pacing", group=private_group.slug) == [
        "thread: Pacing when you feel good"
    ]
    assert found(member_client, "pacing", group=group.slug) == []
    result = search(member_client, "pacing").context["results"][0]
    assert result.group == private_group


def test_a_removed_resource_is_never_found(member, member_client, group):
    resource = share_resource(
        author=member,
        title="An old leaflet",
        summary="Out of date now.",
        kind="tip",
        sources=[],
        groups=[group],
    )
    assert found(member_client, "leaflet") == ["resource: An old leaflet"]
    remove_resource(actor=member, resource=resource)
    assert found(member_client, "leaflet") == []


def test_a_blocked_members_posts_are_not_found_by_who_blocked_them(
    member, member_client, other_member_client, other_member, group, thread, reply
):
    start_thread(author=other_member, group=group, title="Flares", body="Heat pads.")
    block_member(blocker=member, blocked=other_member)
    assert found(member_client, "single") == []
    assert found(member_client, "heat") == []
    assert found(other_member_client, "heat") == ["thread: Flares"]


def test_the_group_filter_offers_only_the_searchers_groups(
    member_client, moderator_client, group, private_group, thread, facilitator
):
    start_thread(
        author=facilitator, group=private_group, title="Pacing slowly", body="Yes."
    )
    assert found(member_client, "pacing", order="newest") == [
        "thread: Pacing slowly",
        "thread: Pacing when you feel good",
    ]
    assert found(member_client, "pacing", group="recovery-together") == [
        "thread: Pacing slowly"
    ]
    # Not the moderator's group: the choice is dropped, never shown back.
    page = search(moderator_client, "pacing", group="recovery-together")
    assert "recovery-together" not in page.content.decode()
    assert "Recovery together" not in page.content.decode()
    assert [r.kind for r in page.context["results"]] == ["thread"]


def test_the_date_filter_keeps_what_was_written_in_that_time(
    clock, member, member_client, group
):
    clock.set(2026, 1, 1, 9, 0)
    start_thread(author=member, group=group, title="Old pacing", body="Winter.")
    clock.set(2026, 2, 18, 9, 0)
    start_thread(author=member, group=group, title="New pacing", body="Spring.")
    clock.set(2026, 2, 20, 9, 0)
    assert found(member_client, "pacing", when="week") == ["thread: New pacing"]
    assert found(member_client, "pacing", when="year", order="newest") == [
        "thread: New pacing",
        "thread: Old pacing",
    ]
    assert found(member_client, "pacing", when="someday", order="newest") == [
        "thread: New pacing",
        "thread: Old pacing",
    ]


# ---------------------------------------------------------------------------
# The same answers on SQLite and PostgreSQL: a fixed corpus, ordered results


@pytest.fixture
def corpus(clock, member, other_member, facilitator, group):
    """Posts whose ranking does not depend on the engine's formula: more of the
    words, and in the title, always ranks higher."""
    start = timezone.now() - timedelta(days=10)

    def at(days: int):
        clock.moment = start + timedelta(days=days)

    at(0)
    sleep = start_thread(
        author=member,
        group=group,
        title="Sleep and pain",
        body="Sleep is hard when pain keeps sleep away all night.",
    )
    at(1)
    post_reply(
        author=other_member,
        thread=sleep,
        body="I sleep badly in a flare, and sleep late the day after.",
    )
    at(2)
    post_reply(
        author=facilitator,
        thread=sleep,
        body=(
            "Our last meeting talked about heat pads, pacing, gentle stretches, "
            "audiobooks, a low bar for the day and sleeping in the afternoon."
        ),
    )
    at(3)
    start_thread(
        author=other_member,
        group=group,
        title="Pacing on good days",
        body="I overdo it whenever the pain lifts, then crash.",
    )
    at(4)
    start_thread(
        author=facilitator,
        group=group,
        title="Music that helps",
        body="Slow songs, and a playlist called bad day.",
    )
    clock.moment = start + timedelta(days=10)


SLEEP = ["thread: Sleep and pain", "reply: Sleep and pain", "reply: Sleep and pain"]
SAME_ANSWERS = [
    ("sleep", SLEEP),
    ("SLEEPING", SLEEP),
    ("pain", ["thread: Sleep and pain", "thread: Pacing on good days"]),
    ('"sleep badly"', ["reply: Sleep and pain"]),
    ("sleep -badly", ["thread: Sleep and pain", "reply: Sleep and pain"]),
    ("playlist or overdo", ["thread: Music that helps", "thread: Pacing on good days"]),
    ("pacing heat", ["reply: Sleep and pain"]),
    ("the", []),
    ("how to end it", []),
    ("nothing-like-this", []),
]  # fmt: skip


@pytest.mark.parametrize(("q", "expected"), SAME_ANSWERS)
def test_the_same_words_find_the_same_posts_in_the_same_order(
    corpus, member_client, q, expected
):
    assert found(member_client, q) == expected


def test_best_matches_rank_by_relevance_and_newest_by_date(corpus, member_client):
    by_relevance = search(member_client, "sleep").context["results"]
    newest = search(member_client, "sleep", order="newest").context["results"]
    assert [r.created_at for r in newest] == sorted(
        (r.created_at for r in newest), reverse=True
    )
    # The opening post (title and body) first; the two-mention reply before the
    # older, one-mention one... which is older, so newest puts it last.
    assert by_relevance[0].kind == "thread"
    assert "badly" in str(by_relevance[1].snippet)
    assert newest[0].kind == "reply" and "afternoon" in str(newest[0].snippet)


def test_matches_are_marked_in_the_title_and_the_snippet(corpus, member_client):
    result = search(member_client, "sleep").context["results"][0]
    assert str(result.title) == "<mark>Sleep</mark> and pain"
    assert str(result.snippet) == (
        "<mark>Sleep</mark> is hard when pain keeps <mark>sleep</mark> away all night."
    )


# ---------------------------------------------------------------------------
# Pages, escaping, crisis words, privacy


def test_results_come_in_pages_of_twenty_with_the_count(member, member_client, group):
    thread = start_thread(author=member, group=group, title="Counting", body="One.")
    for n in range(24):
        post_reply(author=member, thread=thread, body=f"Sheep number {n}.")
    first = search(member_client, "sheep")
    assert len(first.context["results"]) == 20
    assert "24 results" in first.content.decode()
    second = search(member_client, "sheep", page="2")
    assert len(second.context["results"]) == 4
    assert "page 2 of 2" in second.content.decode()
    shown = {r.url for r in first.context["results"]} | {
        r.url for r in second.context["results"]
    }
    assert len(shown) == 24


def test_member_html_is_escaped_and_only_the_marks_are_markup(
    member, member_client, group
):
    start_thread(
        author=member,
        group=group,
        title="<b>Bold</b> title",
        body='`<img src=x onerror="alert(1)">` and bold words',
    )
    page = search(member_client, "bold").content.decode()
    assert '<img src=x onerror="alert(1)">' not in page
    assert (
        "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; and <mark>bold</mark>" in page
    )
    assert "&lt;b&gt;<mark>Bold</mark>&lt;/b&gt; title" in page


def test_a_content_note_folds_the_words_found(member, member_client, group, thread):
    post_reply(
        author=member, thread=thread, body="A rough night.", content_warning="low mood"
    )
    page = search(member_client, "rough").content.decode()
    assert '<details class="content-note"><summary>Content note: low mood' in page


def test_words_that_sound_like_crisis_show_the_help_panel_above_the_results(
    crisis_directory, member_client, member, group, thread
):
    start_thread(author=member, group=group, title="End of the day", body="Tired.")
    response = search(member_client, "how to end it")
    page = response.content.decode()
    assert "You don't have to hold this on your own." in page
    assert "Samaritans" in page  # the member's country is GB
    assert "moderator" not in page.split('id="results"')[0].split("support-lines")[1]
    assert page.index('id="support"') < page.index('id="results"')
    assert [r.kind for r in response.context["results"]] == ["thread"]
    calm = search(member_client, "pacing").content.decode()
    assert 'id="support"' not in calm


def test_the_words_searched_for_are_never_logged(member_client, thread, caplog):
    with caplog.at_level(logging.DEBUG):
        search(member_client, "pacing secretword")
        member_client.get(URL, {"q": "secretword", "page": "nine"})
    assert "secretword" not in caplog.text


def test_the_search_page_costs_the_same_queries_for_few_or_many_results(
    member, member_client, group, private_group, django_assert_num_queries
):
    thread = start_thread(author=member, group=group, title="Counting", body="One.")
    post_reply(author=member, thread=thread, body="Sheep.")
    share_resource(
        author=member, title="Sheep", summary="Sheep.", kind="tip", sources=[],
        groups=[group],
    )  # fmt: skip
    # Session, user, the member's groups, the count and the page.
    with django_assert_num_queries(5):
        search(member_client, "sheep")
    other = start_thread(author=member, group=private_group, title="More", body="x")
    for n in range(30):
        post_reply(author=member, thread=other, body=f"Sheep {n}.")
    with django_assert_num_queries(5):
        search(member_client, "sheep")
    # An empty box runs no search at all.
    with django_assert_num_queries(3):
        member_client.get(URL)


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(URL, {"q": "pacing"})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/accounts/login/")


HOSTILE_QUERIES = [
    '"', '""', '"unclosed', "*", "sleep*", "NEAR(sleep pain)", "sleep AND OR NOT",
    "AND", "NOT sleep", "-", "--", "-sleep", "^sleep", "title:sleep", "body : x",
    "(sleep", "sleep)", "'", "';DROP TABLE search_text;--", "\x00sleep",
    "\ufffe",
    "sleep\x00\x01\x02", "😴 sleep", "ßleep ǆ", "%", "_", "\\", "{}", "[a]", "a" * 5000,
    " or or or ", "or", "-or", '"-" or "(" or ")"', "sl\u0301eep", "<script>",
    "!sleep & pain | x", "sleep <-> pain", "sleep:*", "ﬁ",
]  # fmt: skip


@pytest.mark.parametrize("q", HOSTILE_QUERIES)
def test_any_words_at_all_never_break_the_search(corpus, member_client, q):
    search(member_client, q)


def test_bytes_that_are_not_text_never_break_the_search(corpus, member_client):
    response = member_client.get(URL + "?q=%ED%A0%80%FF%00sleep&group=%FF&page=%FF")
    assert response.status_code == 200


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(q=st.text(max_size=60))
def test_random_words_never_break_the_search(corpus, member_client, q):
    search(member_client, q, order="newest")


# ---------------------------------------------------------------------------
# The index itself


def test_every_reply_and_resource_has_one_entry_kept_on_write_and_edit(
    member, other_member, group, thread, reply
):
    resource = share_resource(
        author=member, title="Heat", summary="**Warm** things.", kind="tip",
        sources=[], groups=[group],
    )  # fmt: skip
    entries = {
        (e.reply_id, e.resource_id): (e.title, e.body)
        for e in SearchEntry.objects.all()
    }
    assert entries == {
        (opening(thread).pk, None): (
            "Pacing when you feel good",
            "Does anyone else overdo it on the good days?",
        ),
        (reply.pk, None): ("", "Every single time."),
        (None, resource.pk): ("Heat", "Warm things."),
    }
    Reply.objects.get(pk=reply.pk).delete()
    assert not SearchEntry.objects.filter(reply_id=reply.pk).exists()


def test_rebuilding_the_index_finds_everything_again(
    member_client, thread, reply, member, group
):
    share_resource(
        author=member, title="Heat", summary="Warm things.", kind="tip", sources=[],
        groups=[group],
    )  # fmt: skip
    SearchEntry.objects.all().delete()
    assert found(member_client, "pacing") == []
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "2 replies, 1 resources" in out.getvalue()
    assert found(member_client, "pacing") == ["thread: Pacing when you feel good"]
    assert found(member_client, "warm") == ["resource: Heat"]


def test_the_upgrade_indexes_what_was_written_before_search_existed(
    member_client, thread, reply, member, group
):
    from django.apps import apps

    share_resource(
        author=member, title="Heat", summary="Warm things.", kind="tip", sources=[],
        groups=[group],
    )  # fmt: skip
    migration = __import__(
        "alongside.search.migrations.0003_index_existing_posts", fromlist=["x"]
    )
    SearchEntry.objects.all().delete()
    migration.index_existing(apps, None)
    assert SearchEntry.objects.count() == 3
    assert found(member_client, "single") == ["reply: Pacing when you feel good"]
    assert found(member_client, "warm") == ["resource: Heat"]


def test_the_full_text_index_is_in_place_on_this_database(db):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            triggers = {row[0] for row in cursor.fetchall()}
            assert {
                "search_entry_added",
                "search_entry_removed",
                "search_entry_changed",
            } <= triggers
        else:
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = "
                "'search_searchentry'"
            )
            assert "search_vector_gin" in {row[0] for row in cursor.fetchall()}
