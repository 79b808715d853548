"""The safety features and the live room, in a real browser, with axe after each swap.

The composer preview and the crisis-support panel run on pytest-django's
`live_server`. The live room needs WebSockets, which that WSGI server cannot speak, so
its test serves the app with uvicorn in a subprocess (see live_server_asgi.py), with
production settings and a database of its own.
"""

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, Request, expect

from alongside.accounts.models import User
from alongside.groups.models import Group
from alongside.moderation.models import Flag
from alongside.threads.actions import post_reply
from alongside.threads.models import Reply, Thread
from conftest import MODERATOR_TOTP_SECRET, PASSWORD

from .conftest import assert_no_csp_violations, check_axe
from .live_server_asgi import AsgiServer, FlakyProxy
from .people import sign_in

pytestmark = pytest.mark.browser

PHONE_TEXT = "You can call me on 07700 900123"
URGENT_TEXT = "I've written my goodbye letters and I'm going to end my life tonight."
CONCERN_TEXT = "Some nights I wish I could just disappear and not be here anymore."
SUPPORT_HEADING = "You don't have to hold this on your own."


def composer(page: Page) -> Locator:
    return page.get_by_role("textbox", name="Your post", exact=True)


def test_typing_a_phone_number_marks_it_before_anything_is_posted(
    new_context: Callable[..., BrowserContext],
    live_server: Any,
    member: User,
    group: Group,
    thread: Thread,
) -> None:
    page = new_context().new_page()
    sign_in(page, member.username)
    page.goto(thread.get_absolute_url())
    page.evaluate("() => { window.stillTheSamePage = true; }")
    posts: list[Request] = []
    page.on(
        "request", lambda request: request.method == "POST" and posts.append(request)
    )

    composer(page).press_sequentially(PHONE_TEXT)

    findings = page.locator(".findings")
    expect(findings.locator("mark")).to_have_text("07700 900123")
    expect(findings).to_contain_text("a phone number")
    expect(findings).to_contain_text("Everyone in this group will see it.")
    expect(findings.locator(".preview")).to_have_text(PHONE_TEXT)
    expect(page.locator("#findings-status-id_body")).to_have_text(
        "1 suggestion for your post"
    )
    # Only the preview went to the server: an htmx swap, nothing posted.
    assert page.evaluate("() => window.stillTheSamePage === true")
    assert posts, "the preview was never asked for"
    assert {request.url for request in posts} == {f"{live_server.url}/safety/preview/"}
    assert not Reply.objects.filter(thread=thread, is_opening=False).exists()
    expect(composer(page)).to_have_value(PHONE_TEXT)
    check_axe(page, "thread, phone number marked in the composer")

    # The writer has seen the finding, so posting anyway goes straight through.
    page.get_by_role("button", name="Post reply").click()
    expect(page).to_have_url(re.compile(r"#reply-\d+$"))
    reply = Reply.objects.get(thread=thread, is_opening=False)
    assert reply.author == member
    assert reply.body == PHONE_TEXT
    expect(page).to_have_url(f"{thread.get_absolute_url()}#reply-{reply.pk}")
    posted = page.locator(f"#reply-{reply.pk}")
    expect(posted).to_contain_text(PHONE_TEXT)
    expect(posted.get_by_role("heading", name=member.public_name)).to_be_visible()
    expect(page.get_by_role("heading", name="This may identify you")).to_have_count(0)
    check_axe(page, "thread after posting the phone number anyway")


def test_an_urgent_post_stays_up_offers_support_and_tops_the_moderation_queue(
    new_context: Callable[..., BrowserContext],
    member: User,
    other_member: User,
    moderator: User,
    group: Group,
    thread: Thread,
    crisis_directory: None,
) -> None:
    assert member.country == "GB"
    # An earlier post that worried the checks less: a "May need a check-in" item.
    earlier = post_reply(author=other_member, thread=thread, body=CONCERN_TEXT)
    concern = Flag.objects.get(object_id=earlier.pk, severity=Flag.Severity.CONCERN)

    page = new_context().new_page()
    sign_in(page, member.username)
    page.goto(thread.get_absolute_url())
    composer(page).fill(URGENT_TEXT)
    page.get_by_role("button", name="Post reply").click()

    reply = Reply.objects.filter(thread=thread, author=member, is_opening=False)
    expect(page).to_have_url(re.compile(r"\?support=\d+#support$"))
    urgent_reply = reply.get()
    expect(page).to_have_url(
        f"{thread.get_absolute_url()}?support={urgent_reply.pk}#support"
    )
    heading = page.get_by_role("heading", name=SUPPORT_HEADING, level=2)

    expect(heading).to_be_focused()
    panel = page.locator("section.crisis-panel")
    expect(panel).to_contain_text("Your post is up, and people here can read it.")
    expect(panel).to_contain_text("please call 999 now")
    expect(panel.locator("li.support-line")).not_to_have_count(0)
    assert panel.locator("li.support-line").count() <= 3
    samaritans = panel.get_by_role("link", name="Call Samaritans on 116 123")
    expect(samaritans).to_be_visible()
    expect(samaritans).to_have_attribute("href", re.compile(r"^tel:116\s?123$"))
    expect(panel).to_contain_text("We've let a moderator know")
    expect(panel.get_by_role("link", name="Back to your post")).to_have_attribute(
        "href", f"#reply-{urgent_reply.pk}"
    )
    for word in ("detected", "flagged", "suicidal ideation"):
        expect(panel).not_to_contain_text(word, ignore_case=True)
    # The post is published, never held back.
    expect(page.locator(f"#reply-{urgent_reply.pk}")).to_contain_text(URGENT_TEXT)
    check_axe(page, "thread with the crisis-support panel")

    # Another member sees the post, and never the writer's support panel.
    other = new_context().new_page()
    sign_in(other, other_member.username)
    other.goto(f"{thread.get_absolute_url()}?support={urgent_reply.pk}")
    expect(other.locator(f"#reply-{urgent_reply.pk}")).to_contain_text(URGENT_TEXT)
    expect(other.get_by_role("heading", name=SUPPORT_HEADING)).to_have_count(0)
    check_axe(other, "thread with the urgent post, another member")

    # The group's moderator finds it first in the queue, above the earlier item.
    urgent = Flag.objects.get(object_id=urgent_reply.pk, severity=Flag.Severity.URGENT)
    assert urgent.created_at > concern.created_at
    queue = new_context().new_page()
    sign_in(queue, moderator.username, second_factor=MODERATOR_TOTP_SECRET)
    queue.goto(f"/groups/{group.slug}/moderation/")
    expect(queue.get_by_role("heading", level=1)).to_have_text("Moderation queue")
    expect(queue.get_by_role("heading", level=2)).to_have_text(
        ["Your day", "Needs care now", "May need a check-in"]
    )
    items = queue.locator("li.queue-item")
    expect(items).to_have_count(2)
    assert items.evaluate_all("items => items.map(item => item.id)") == [
        f"flag-{urgent.pk}",
        f"flag-{concern.pk}",
    ]
    first = items.first
    expect(first).to_contain_text("The writer may be in danger now.")
    expect(first).to_contain_text(f"Written by {member.public_name}")
    # The words stay folded away until the moderator chooses to read them.
    expect(first.get_by_text(URGENT_TEXT)).to_be_hidden()
    first.locator("summary").click()
    expect(first.get_by_text(URGENT_TEXT)).to_be_visible()
    expect(items.nth(1)).to_contain_text("The writer may be struggling.")
    check_axe(queue, "moderation queue with the urgent item open")


# The live room: uvicorn, a database of its own, and one member behind a proxy.

ROOM_CAST = f"""
from alongside.accounts.models import User
from alongside.groups.actions import create_group, set_role
from alongside.groups.models import Membership

group = create_group(
    name="Carers Circle",
    slug="carers",
    who_for="For people who look after someone.",
    description="Respite, guilt and the small wins.",
)
for username, name in (("rowan", "Rowan"), ("sam", "Sam")):
    person = User.objects.create_user(
        username=username, password={PASSWORD!r}, display_name=name, country="GB"
    )
    set_role(group=group, member=person, role=Membership.Role.MEMBER)
"""
ROOM = "/groups/carers/chat/"
RECONNECTING = "Reconnecting… Your messages will send when we are back."
# room.js waits 0.5 s more after each failed attempt, up to 5 s.
RECONNECT_MS = 12_000


@pytest.fixture(scope="module")
def asgi_server() -> Iterator[AsgiServer]:
    with AsgiServer() as server:
        server.prepare(ROOM_CAST)
        server.start()
        yield server
        log = server.log()
    for line in log.splitlines():
        assert "Traceback" not in line and " ERROR " not in line, log


def room_messages(page: Page) -> list[tuple[int, str]]:
    """(seq, text) of every message shown in the room's log, in page order."""
    return [
        (int(seq), text)
        for seq, text in page.locator("#chat-log li.chat-message").evaluate_all(
            """items => items.map(item => [
                item.dataset.seq,
                item.querySelector('.chat-message__body').textContent.trim(),
            ])"""
        )
    ]


def send(page: Page, text: str) -> None:
    box = page.get_by_role("textbox", name="Message Carers Circle")
    box.fill(text)
    box.press("Enter")
    expect(box).to_have_value("")


@pytest.fixture
def flaky_proxy(asgi_server: AsgiServer) -> Iterator[FlakyProxy]:
    proxy = FlakyProxy(asgi_server.port)
    yield proxy
    proxy.close()


def test_room_messages_arrive_live_and_a_dropped_member_catches_up_exactly(
    new_context: Callable[..., BrowserContext],
    asgi_server: AsgiServer,
    flaky_proxy: FlakyProxy,
) -> None:
    rowan = new_context(base_url=asgi_server.url).new_page()
    sign_in(rowan, "rowan")
    rowan.goto(ROOM)
    # Sam's whole connection to the server goes through a proxy the test can cut.
    sam = new_context(base_url=flaky_proxy.url).new_page()
    sign_in(sam, "sam")
    sam.goto(ROOM)

    sam_log = sam.get_by_role("log", name="Carers Circle: the room")
    expect(sam_log).to_contain_text("No messages yet.")
    expect(sam.locator("#room-presence")).to_have_text("2 members here now")
    expect(rowan.locator("#room-presence")).to_have_text("2 members here now")
    check_axe(rowan, "empty room")

    sent = ["Anyone around tonight?"]
    send(rowan, sent[0])
    expect(sam_log.locator("li.chat-message")).to_have_count(1)
    expect(sam_log).to_contain_text("Rowan")
    expect(sam_log).to_contain_text(sent[0])
    expect(sam_log.locator(".chat-empty")).to_have_count(0)
    assert room_messages(sam) == [(1, sent[0])]

    # Sam's network drops; the room says so, and Rowan carries on.
    flaky_proxy.drop()
    expect(sam.get_by_role("status").filter(has_text="Reconnecting")).to_have_text(
        RECONNECTING
    )
    for text in ("Still here.", "Long day at the hospital.", "Back home now."):
        send(rowan, text)
        sent.append(text)
    expect(rowan.locator("#chat-log li.chat-message")).to_have_count(len(sent))
    # Sam writes while cut off: it waits, and goes once the room is back.
    sam_words = "Sorry, my connection keeps dropping."
    send(sam, sam_words)
    waiting = sam.locator("#room-pending li")
    expect(waiting).to_have_count(1)
    # Marked when the next attempt to reconnect fails.
    expect(waiting).to_contain_text(f"{sam_words} · Not sent yet", timeout=RECONNECT_MS)
    expect(waiting.get_by_role("button", name="Try again")).to_be_visible()
    assert room_messages(sam) == [(1, sent[0])]

    flaky_proxy.restore()
    expected = list(enumerate([*sent, sam_words], start=1))
    # The next retry may be a few seconds away.
    expect(sam.locator("#chat-log li.chat-message")).to_have_count(
        len(expected), timeout=RECONNECT_MS
    )
    expect(rowan.locator("#chat-log li.chat-message")).to_have_count(len(expected))
    expect(sam.locator("#room-status")).to_have_text("")
    expect(waiting).to_have_count(0)
    # Nothing missed, nothing twice, in order, the same for both.
    assert room_messages(sam) == expected
    assert room_messages(rowan) == expected
    check_axe(sam, "room after reconnecting")

    # A restarted server loses nothing either: the database is the record.
    asgi_server.stop()
    for page in (rowan, sam):
        expect(page.locator("#room-status")).to_have_text(RECONNECTING)
    words = "Did the room just blink?"
    send(rowan, words)
    expect(rowan.locator("#room-pending li")).to_contain_text(words)
    asgi_server.start()
    expected.append((len(expected) + 1, words))
    for page in (rowan, sam):
        expect(page.locator("#chat-log li.chat-message")).to_have_count(
            len(expected), timeout=RECONNECT_MS
        )
        expect(page.locator("#room-status")).to_have_text("")
    expect(rowan.locator("#room-pending li")).to_have_count(0)
    assert room_messages(sam) == expected
    assert room_messages(rowan) == expected
    check_axe(rowan, "room with messages, after the server restarted")
    assert_no_csp_violations(sam)
