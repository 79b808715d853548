"""The privacy page: public, in plain words, with the numbers the site really uses."""

import re

from django.test import Client
from django.urls import reverse

from .helpers import text

URL = "/privacy/"


def footer_of(response) -> str:
    match = re.search(r"<footer[^>]*>(.*?)</footer>", response.content.decode(), re.S)
    assert match, "the page has no footer"
    return match.group(1)


def test_anyone_can_read_it_signed_out(db):
    response = Client().get(URL)
    assert response.status_code == 200
    page = text(response)
    assert "<h1>Your privacy</h1>" in page
    assert "<title>Your privacy – Alongside</title>" in page


def test_it_says_what_is_kept_who_sees_it_and_how_long_in_one_table(db):
    page = text(Client().get(URL))
    for heading in ("What we keep", "Who can see it", "How long we keep it"):
        assert f'<th scope="col" role="columnheader">{heading}</th>' in page
    for kept in (
        "Your name here",
        "Your email address, if you gave one",
        "Your posts and replies",
        "Your reactions",
        "Your chat messages",
        "Your private messages",
        "Your check-ins",
        "Your balance",
        "Where you signed in from",
    ):
        assert f'<th scope="row" role="rowheader">{kept}' in page, kept
    assert "Only you and the person you're writing to." in page
    assert "Members of the group you posted in. Nobody else." in page
    assert "A moderator reads a message only if the person who got it reports it." in (
        page
    )
    assert "Alongside has no adverts, trackers or analytics." in page


def test_the_default_numbers_are_the_settings(db):
    page = text(Client().get(URL))
    assert "30 days, then we clear them." in page
    assert "90 days after a moderator closes it, then it's deleted." in page
    assert "7 days, then the file is deleted." in page
    assert "You can ask once every 24 hours." in page
    assert "For 7 days you can sign in to keep it." in page
    assert "for up to 14 days" in page


def test_the_page_follows_the_operators_settings(db, settings):
    settings.ALONGSIDE_RETAIN_IP_DAYS = 12
    settings.ALONGSIDE_RETAIN_RESOLVED_FLAGS_DAYS = 45
    settings.ALONGSIDE_EXPORT_KEEP_DAYS = 3
    settings.ALONGSIDE_EXPORT_EVERY_HOURS = 48
    settings.ALONGSIDE_DELETION_GRACE_DAYS = 21
    settings.SESSION_COOKIE_AGE = 60 * 60 * 24 * 5
    page = text(Client().get(URL))
    assert "12 days, then we clear them." in page
    assert "45 days after a moderator closes it, then it's deleted." in page
    assert "3 days, then the file is deleted." in page
    assert "The link works for 3 days." in page
    assert "You can ask once every 48 hours." in page
    assert "For 21 days you can sign in to keep it." in page
    assert "for up to 5 days" in page
    assert "30 days, then we clear them." not in page
    assert "For 7 days" not in page


def test_one_day_reads_as_one_day(db, settings):
    settings.ALONGSIDE_RETAIN_IP_DAYS = 1
    settings.ALONGSIDE_DELETION_GRACE_DAYS = 1
    settings.ALONGSIDE_EXPORT_EVERY_HOURS = 1
    page = text(Client().get(URL))
    assert "1 day, then we clear them." in page
    assert "For 1 day you can sign in to keep it." in page
    assert "You can ask once every 1 hour." in page


def test_it_links_to_download_and_delete(db):
    page = text(Client().get(URL))
    assert f'<a href="{reverse("privacy:export")}">Download your data</a>' in page
    assert f'<a href="{reverse("accounts:delete")}">Delete your account</a>' in page
    assert f'href="{reverse("privacy:preference")}"' in page


def test_every_page_links_to_it_from_the_footer(group, member_client):
    link = f'<a href="{URL}">Your privacy</a>'
    assert link in footer_of(Client().get("/"))
    assert link in footer_of(Client().get("/help/"))
    assert link in footer_of(member_client.get(group.get_absolute_url()))


def test_the_sign_up_page_links_to_it(db):
    page = text(Client().get(reverse("account_signup")))
    assert f'<a href="{URL}">Read about your privacy</a>' in page


def test_it_costs_no_query_signed_out_and_only_the_visitors_own_signed_in(
    member_client, django_assert_num_queries
):
    with django_assert_num_queries(0):
        assert Client().get(URL).status_code == 200
    # The session and the member, as on every signed-in page.
    with django_assert_num_queries(2):
        assert member_client.get(URL).status_code == 200
