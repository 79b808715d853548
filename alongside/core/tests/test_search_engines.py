"""What search engines may list: the public pages, seen signed out, and nothing else.

Every other response says so twice: an X-Robots-Tag header (downloads and feeds
too) and, on pages, <meta name="robots" content="noindex">. /robots.txt lets
crawlers read the public pages only.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse

from alongside.groups.actions import invite_member
from conftest import client_for

META = '<meta name="robots" content="noindex">'
HEADER = "noindex, nofollow"


def says_noindex(response) -> bool:
    header = response.headers.get("X-Robots-Tag", "")
    return "noindex" in header and META in response.content.decode()


def says_nothing(response) -> bool:
    return (
        "X-Robots-Tag" not in response.headers
        and 'name="robots"' not in response.content.decode()
    )


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/help/",
        "/help/professional/",
        "/privacy/",
        "/groups/",
        "/groups/chronic-pain/",
        "/accounts/login/",
        "/accounts/signup/",
    ],
)
def test_public_pages_seen_signed_out_may_be_listed(group, crisis_directory, url):
    response = Client().get(url)
    assert response.status_code == 200, url
    assert says_nothing(response), url


def test_an_unlisted_groups_about_and_join_page_says_noindex(
    private_group, facilitator, outsider
):
    """Seen by someone invited (the page with the join button) and by a member."""
    invite_member(inviter=facilitator, group=private_group, username=outsider.username)
    invited = client_for(outsider).get(private_group.get_absolute_url())
    assert invited.status_code == 200
    assert "Join" in invited.content.decode()
    assert says_noindex(invited)
    assert invited.headers["X-Robots-Tag"] == HEADER

    asking = client_for(outsider).get(
        reverse("groups:request", args=[private_group.slug])
    )
    assert says_noindex(asking)

    signed_out = Client().get(private_group.get_absolute_url())
    assert signed_out.status_code == 404
    assert signed_out.headers["X-Robots-Tag"] == HEADER


def test_a_listed_groups_about_page_is_listed_only_as_seen_signed_out(
    group, member_client
):
    assert says_nothing(Client().get(group.get_absolute_url()))
    # Signed in, the same address shows the group's threads.
    assert says_noindex(member_client.get(group.get_absolute_url()))


def test_a_thread_page_says_noindex(thread, member_client):
    response = member_client.get(thread.get_absolute_url())
    assert response.status_code == 200
    assert says_noindex(response)


def test_everything_inside_a_group_says_noindex(private_group, member):
    client = client_for(member)
    slug = private_group.slug
    for url in (
        private_group.get_absolute_url(),
        reverse("meetings:list", args=[slug]),
        reverse("chat:room", args=[slug]),
        reverse("groups:members", args=[slug]),
        reverse("threads:new", args=[slug]),
        reverse("resources:library") + f"?group={slug}",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert says_noindex(response), url


def test_every_signed_in_page_says_noindex_even_public_ones(member_client):
    for url in ("/", "/help/", "/privacy/", "/groups/"):
        response = member_client.get(url)
        assert response.status_code == 200, url
        assert says_noindex(response), url


def test_sign_in_only_pages_and_missing_pages_say_noindex_to_crawlers(thread):
    crawler = Client()
    for url in (thread.get_absolute_url(), "/messages/", "/no-such-page/"):
        response = crawler.get(url)
        assert response.status_code in (302, 404), url
        assert response.headers["X-Robots-Tag"] == HEADER, url


# ---------------------------------------------------------------------------
# robots.txt, and no list of pages anywhere else


def robots_rules(text: str) -> list[tuple[bool, str]]:
    rules = []
    for line in text.splitlines():
        field, _, value = line.partition(":")
        if field.strip().lower() in ("allow", "disallow"):
            rules.append((field.strip().lower() == "allow", value.strip()))
    return rules


def crawler_may_read(rules: list[tuple[bool, str]], path: str) -> bool:
    """The longest matching rule decides, with * and $ as search engines read them."""
    best: tuple[int, bool] | None = None
    for allow, pattern in rules:
        regex = re.escape(pattern).replace(r"\*", ".*").replace(r"\$", "$")
        if re.match(regex, path) and (best is None or len(pattern) >= best[0]):
            best = (len(pattern), allow)
    return True if best is None else best[1]


def test_robots_txt_lets_crawlers_read_the_public_pages_only(db, thread, group):
    response = Client().get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "User-agent: *" in text
    assert "Sitemap" not in text
    rules = robots_rules(text)
    for path in (
        "/",
        "/help/",
        "/help/professional/gb/",
        "/privacy/",
        "/groups/",
        group.get_absolute_url(),
        "/accounts/login/",
        "/accounts/signup/",
        "/static/css/site.css",
    ):
        assert crawler_may_read(rules, path), path
    for path in (
        thread.get_absolute_url(),
        "/messages/",
        "/accounts/export/some-token/",
        "/meetings/feed/some-token.ics",
        "/accounts/members/rowan/",
        "/resources/",
        "/search/?q=pain",
        "/balance/",
        "/admin/",
    ):
        assert not crawler_may_read(rules, path), path


@pytest.mark.parametrize("url", ["/sitemap.xml", "/feed/", "/rss/", "/groups/feed/"])
def test_there_is_no_sitemap_or_feed_that_could_list_groups(db, url):
    assert Client().get(url).status_code == 404
