"""The posts and reaction bars of a thread page, built in Python."""

from datetime import UTC, datetime

from alongside.accounts.models import User
from alongside.threads.models import Reply, Thread
from alongside.threads.queries import ReactionCount
from alongside.threads.rendering import PostRenderer

HOSTILE = "<script>alert(\"x\")</script> & 'quoted'"
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;quoted&#x27;"


def counts(**sent: list[str]) -> list[ReactionCount]:
    labels = {"me_too": "Me too", "thank_you": "Thank you"}
    return [
        ReactionCount(kind, label, len(sent.get(kind, [])), False, sent.get(kind, []))
        for kind, label in labels.items()
    ]


def test_a_reaction_bar_names_each_button_and_counts_in_words():
    bar = PostRenderer(viewer_id=1, csrf_token="token", can_react=True).reactions(
        7, [ReactionCount("me_too", "Me too", 2, True, ["Jo", HOSTILE])]
    )
    assert '<div class="reactions" id="reactions-7">' in bar
    assert 'hx-post="/replies/7/react/" hx-target="#reactions-7"' in bar
    assert 'name="csrfmiddlewaretoken" value="token"' in bar
    assert '<input type="hidden" name="kind" value="me_too">' in bar
    assert (
        '<button type="submit" class="reaction reaction--mine" aria-pressed="true">'
        'Me too<span class="reaction__count">, 2 people</span></button>'
    ) in bar
    assert '<span class="visually-hidden">Who sent Me too</span>' in bar
    assert f"<p>Jo, {ESCAPED}</p>" in bar
    assert '<p class="reaction-status" role="status"></p>' in bar


def test_without_the_right_to_react_counts_are_words_and_zero_is_not_shown():
    bar = PostRenderer(viewer_id=1, csrf_token="token", can_react=False).reactions(
        7, counts(me_too=["Jo"]), status_text=HOSTILE
    )
    assert "<form" not in bar
    assert "token" not in bar
    assert '<span class="reaction">Me too, 1 person</span>' in bar
    assert "Thank you" not in bar
    assert f'role="status">{ESCAPED}</p>' in bar


def test_a_post_escapes_everything_but_its_stored_html():
    author = User(pk=3, username="sam", display_name=HOSTILE)
    post = Reply(
        pk=9,
        author=author,
        body_html="<p>Hi <strong>there</strong></p>",
        content_warning=HOSTILE,
        created_at=datetime(2026, 11, 27, 15, 45, tzinfo=UTC),
    )
    html = PostRenderer(viewer_id=3, csrf_token="t", can_react=True).post(
        post, counts()
    )
    assert '<article class="post" id="reply-9" aria-labelledby="reply-9-by">' in html
    assert f'<h2 class="post__author" id="reply-9-by">{ESCAPED}</h2>' in html
    assert f"<summary>Content note: {ESCAPED} · Show post</summary>" in html
    assert "<p>Hi <strong>there</strong></p>" in html
    assert '<time datetime="2026-11-27T15:45:00+00:00">' in html
    assert 'href="/replies/9/edit/">Edit' in html
    assert "/reveal/" not in html
    assert "<script>" not in html


def test_the_opening_post_carries_the_title_and_links_its_author():
    author = User(pk=3, username="sam", display_name="Sam")
    thread = Thread(pk=4, title=HOSTILE)
    post = Reply(
        pk=9,
        thread=thread,
        author=author,
        is_opening=True,
        body_html="<p>Hi</p>",
        created_at=datetime(2026, 11, 27, 15, 45, tzinfo=UTC),
        edited_at=datetime(2026, 11, 27, 16, 0, tzinfo=UTC),
    )
    html = PostRenderer(
        viewer_id=1, csrf_token="t", can_react=True, thread=thread
    ).post(post, counts())
    assert f'<h1 id="reply-9-title">{ESCAPED}</h1>' in html
    assert '<a href="/accounts/members/sam/">Sam</a> · <time' in html
    assert "</time> · edited</p>" in html
    assert "/edit/" not in html
    assert "/delete/" not in html


def test_anonymous_and_deleted_posts_keep_their_secrets():
    author = User(pk=3, username="sam", display_name="Sam")
    anonymous = Reply(
        pk=9,
        author=author,
        is_anonymous=True,
        body_html="<p>Hi</p>",
        created_at=datetime(2026, 11, 27, 15, 45, tzinfo=UTC),
    )
    moderator = PostRenderer(
        viewer_id=1, csrf_token="t", can_react=True, can_moderate=True
    )
    html = moderator.post(anonymous, counts())
    assert ">Anonymous member</h2>" in html
    assert "Sam" not in html
    assert 'href="/replies/9/reveal/">See who wrote this</a>' in html
    assert 'href="/replies/9/delete/">Delete' in html

    deleted = Reply(
        pk=10,
        author=None,
        body_html="<p>Gone</p>",
        created_at=datetime(2026, 11, 27, 15, 45, tzinfo=UTC),
        deleted_at=datetime(2026, 11, 27, 16, 0, tzinfo=UTC),
    )
    html = moderator.post(deleted, counts(me_too=["Jo"]))
    assert ">Former member</h2>" in html
    assert '<p class="deleted">This post was deleted.</p>' in html
    assert "Gone" not in html
    assert "reaction" not in html
    assert "post__tools" not in html
