"""The check-back: 3 to 7 days after a member posted something that sounded really
hard, one private "did you find some support?" on their home and balance pages,
asked once per post and gone once answered."""

import pytest
from django.contrib.contenttypes.models import ContentType

from alongside.moderation.models import Flag
from alongside.wellbeing.models import CheckBack

from .helpers import (
    BALANCE,
    CONCERN,
    HOME,
    WATCHED_WORDS,
    page_of,
    post_reply,
)

QUESTION = "Earlier this week things sounded really hard. Did you find some support?"
CHECK_BACK = "/balance/check-back/"


def asked(client, url: str = HOME) -> bool:
    return QUESTION in page_of(client.get(url))


@pytest.fixture
def hard_post(member_client, thread, clock):
    """The member posts something that sounds really hard at 9am on 2 March."""
    clock.set(2026, 3, 2, 9, 0)
    post_reply(member_client, thread, CONCERN)
    flag = Flag.objects.get(source=Flag.Source.SAFETY)
    assert flag.created_at == clock.moment
    return flag


@pytest.mark.parametrize(
    ("after", "shown"),
    [
        ({"days": 2}, False),
        ({"days": 3, "seconds": -1}, False),
        ({"days": 3}, True),
        ({"days": 5}, True),
        ({"days": 7}, True),
        ({"days": 7, "seconds": 1}, False),
        ({"days": 8}, False),
    ],
)
def test_it_asks_from_three_to_seven_days_after(
    member_client, hard_post, clock, after, shown
):
    clock.advance(**after)
    assert asked(member_client, HOME) is shown
    assert asked(member_client, BALANCE) is shown


def test_it_asks_nobody_else(
    member_client, other_member_client, moderator_client, hard_post, clock
):
    clock.advance(days=4)
    assert asked(member_client)
    for client in (other_member_client, moderator_client):
        assert not asked(client, HOME)
        assert not asked(client, BALANCE)
        assert client.post(CHECK_BACK, {"answer": "yes"}).status_code == 404
    assert not CheckBack.objects.exists()


@pytest.mark.parametrize("answer", ["yes", "not_yet", "dismissed"])
def test_answering_stores_it_and_the_question_is_gone(
    member, member_client, hard_post, clock, answer
):
    clock.advance(days=4)
    response = member_client.post(CHECK_BACK, {"answer": answer, "next": HOME})
    assert response.status_code == 302
    check_back = CheckBack.objects.get(member=member)
    assert (check_back.flag_id, check_back.answer) == (hard_post.pk, answer)
    assert check_back.answered_at == clock.moment
    assert not asked(member_client, HOME)
    assert not asked(member_client, BALANCE)
    clock.advance(days=2)
    assert not asked(member_client, HOME)
    # Asking again is refused as if there were nothing to answer.
    assert member_client.post(CHECK_BACK, {"answer": "yes"}).status_code == 404
    assert CheckBack.objects.count() == 1


def test_yes_and_not_now_go_back_where_the_member_was(member_client, hard_post, clock):
    clock.advance(days=4)
    response = member_client.post(CHECK_BACK, {"answer": "yes", "next": BALANCE})
    assert response["Location"] == BALANCE
    assert "Thanks for letting us know." in page_of(member_client.get(BALANCE))


def test_not_yet_shows_the_ways_to_find_support(member_client, hard_post, clock):
    clock.advance(days=4)
    member_client.post("/balance/support/", {"kind": "person", "name": "My brother"})
    response = member_client.post(CHECK_BACK, {"answer": "not_yet", "next": HOME})
    assert response["Location"] == "/balance/support/finding/"
    page = page_of(member_client.get(response["Location"]))
    assert "Finding support" in page
    assert 'href="/help/professional/gb/"' in page
    assert 'href="/help/">Get help now</a>' in page
    assert "My brother" in page


def test_a_check_back_that_is_not_due_is_404(member_client, hard_post, clock):
    clock.advance(days=2)
    assert member_client.post(CHECK_BACK, {"answer": "yes"}).status_code == 404
    clock.advance(days=6)
    assert member_client.post(CHECK_BACK, {"answer": "yes"}).status_code == 404
    assert member_client.get(CHECK_BACK).status_code == 405
    assert not CheckBack.objects.exists()


def test_an_unknown_answer_changes_nothing(member_client, hard_post, clock):
    clock.advance(days=4)
    response = member_client.post(CHECK_BACK, {"answer": "maybe", "next": HOME})
    assert response["Location"] == HOME
    assert not CheckBack.objects.exists()
    assert asked(member_client)


def test_one_answer_covers_every_hard_post_of_that_week(
    member, member_client, thread, hard_post, clock
):
    clock.advance(days=2)
    post_reply(member_client, thread, CONCERN)  # a second hard post, two days later
    clock.advance(days=1)  # the first is now due, the second is a day old
    member_client.post(CHECK_BACK, {"answer": "yes"})
    assert CheckBack.objects.filter(member=member).count() == 2
    clock.advance(days=3)  # the second would now be due: it was answered too
    assert not asked(member_client)


def test_a_hard_post_after_the_answer_is_asked_about_again(
    member_client, thread, hard_post, clock
):
    clock.advance(days=4)
    member_client.post(CHECK_BACK, {"answer": "yes"})
    clock.advance(days=1)
    post_reply(member_client, thread, CONCERN)
    clock.advance(days=3)
    assert asked(member_client)


def test_a_report_about_the_member_brings_no_check_back(
    member, member_client, thread, reply, clock
):
    clock.set(2026, 3, 2, 9, 0)
    Flag.objects.create(
        group=thread.group,
        content_type=ContentType.objects.get_for_model(reply),
        object_id=reply.pk,
        subject=member,
        severity=Flag.Severity.CONCERN,
        source=Flag.Source.REPORT,
        created_at=clock.moment,
    )
    clock.advance(days=4)
    assert not asked(member_client)


def test_turning_suggestions_off_stops_check_backs_too(member_client, hard_post, clock):
    clock.advance(days=4)
    member_client.post("/balance/support/suggestions/", {})
    assert not asked(member_client)
    assert member_client.post(CHECK_BACK, {"answer": "yes"}).status_code == 404


def test_the_question_never_says_why(member_client, hard_post, clock):
    clock.advance(days=4)
    for url in (HOME, BALANCE):
        page = page_of(member_client.get(url))
        start = page.index('id="check-back"')
        panel = page[start : page.index("</section>", start)].lower()
        for word in WATCHED_WORDS:
            assert word not in panel, (url, word)


@pytest.mark.parametrize("due", [False, True])
def test_the_home_page_asks_in_one_query(
    member_client, hard_post, clock, due, django_assert_num_queries
):
    """The question costs the home page one query, asked or not (the rest is
    tests/test_query_counts.py)."""
    from tests.test_query_counts import HOME_PAGE_QUERIES

    clock.advance(days=4 if due else 1)
    with django_assert_num_queries(HOME_PAGE_QUERIES):
        page = page_of(member_client.get(HOME))
    assert (QUESTION in page) is due
