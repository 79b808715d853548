"""New accounts pause between posts and write a limited number a day."""

from datetime import timedelta

import pytest
from django.urls import reverse

from alongside.accounts.models import User
from alongside.threads.models import Reply

URGENT = "I've written my goodbye letters and I'm going to end my life tonight."


@pytest.fixture
def limits(settings):
    settings.ALONGSIDE_NEW_ACCOUNT_DAYS = 7
    settings.ALONGSIDE_NEW_ACCOUNT_POSTS = 5
    settings.ALONGSIDE_NEW_ACCOUNT_POST_GAP_SECONDS = 60
    settings.ALONGSIDE_NEW_ACCOUNT_POSTS_PER_DAY = 10


def _joined(user, clock, **ago):
    User.objects.filter(pk=user.pk).update(date_joined=clock.moment - timedelta(**ago))


def _reply(client, thread, body):
    return client.post(reverse("threads:reply", args=[thread.pk]), {"body": body})


def test_a_second_post_30_seconds_after_the_first_waits_and_keeps_the_words(
    limits, clock, thread, other_member, other_member_client
):
    _joined(other_member, clock, days=1)
    assert _reply(other_member_client, thread, "First hello.").status_code == 302
    clock.advance(seconds=30)
    response = _reply(other_member_client, thread, "Second thought, typed fast.")
    assert response.status_code == 422
    page = response.content.decode()
    assert "Because your account is new" in page
    assert "You can post again in 30 seconds." in page
    assert "Second thought, typed fast." in page  # nothing typed is lost
    assert not Reply.objects.filter(body="Second thought, typed fast.").exists()

    clock.advance(seconds=31)  # 61 seconds after the first
    assert _reply(other_member_client, thread, "Now it goes.").status_code == 302
    assert Reply.objects.filter(body="Now it goes.").exists()


def test_the_eleventh_post_in_a_day_waits_until_a_slot_frees(
    limits, clock, group, thread, other_member, other_member_client, settings
):
    # Posts that others can't see yet don't make an account less new.
    settings.ALONGSIDE_NEW_ACCOUNT_POSTS = 50
    _joined(other_member, clock, hours=2)
    first = clock.moment
    for n in range(10):
        assert _reply(other_member_client, thread, f"Post {n}.").status_code == 302
        clock.advance(minutes=2)
    response = _reply(other_member_client, thread, "One more today.")
    assert response.status_code == 422
    page = response.content.decode()
    assert "you can write 10 posts a day for now" in page
    assert "in about 24 hours" in page
    # A new thread counts too.
    thread_response = other_member_client.post(
        reverse("threads:new", args=[group.slug]),
        {"title": "A new thread", "body": "About something else."},
    )
    assert thread_response.status_code == 422
    clock.moment = first + timedelta(days=1, seconds=1)
    assert _reply(other_member_client, thread, "One more today.").status_code == 302


def test_an_older_account_is_not_limited(
    limits, clock, thread, other_member, other_member_client
):
    _joined(other_member, clock, days=8)
    for n in range(12):
        assert _reply(other_member_client, thread, f"Quick {n}.").status_code == 302


def test_an_account_with_five_posts_others_see_is_not_limited(
    limits, clock, thread, other_member, other_member_client
):
    _joined(other_member, clock, days=1)
    for n in range(5):
        assert _reply(other_member_client, thread, f"Spaced {n}.").status_code == 302
        clock.advance(minutes=5)
    assert _reply(other_member_client, thread, "Straight away.").status_code == 302
    assert _reply(other_member_client, thread, "And again.").status_code == 302


def test_a_post_in_crisis_always_goes_through(
    limits, clock, thread, other_member, other_member_client
):
    _joined(other_member, clock, days=1)
    _reply(other_member_client, thread, "First hello.")
    clock.advance(seconds=5)
    response = _reply(other_member_client, thread, URGENT)
    assert response.status_code == 302
    assert "support=" in response["Location"]
    assert Reply.objects.filter(body=URGENT).exists()
