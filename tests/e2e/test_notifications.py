"""Notifications in a real browser: Sam replies to Rowan's thread; Rowan, with
another page open, sees the header's count change without a reload, opens the
notification and lands on the reply.

The count arrives over the member's WebSocket, so the app is served with uvicorn
in a subprocess (see live_server_asgi.py), with a database of its own.
"""

import re
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import BrowserContext, expect

from conftest import PASSWORD

from .conftest import check_axe
from .live_server_asgi import AsgiServer
from .people import sign_in

pytestmark = pytest.mark.browser

CAST = f"""
from alongside.accounts.models import User
from alongside.groups.actions import create_group, set_role
from alongside.threads.actions import start_thread

group = create_group(name="Pain and pacing", slug="pacing", who_for="Anyone in pain.")
people = {{}}
for username, name in (("rowan", "Rowan"), ("sam", "Sam")):
    people[username] = User.objects.create_user(
        username=username, password={PASSWORD!r}, display_name=name, country="GB",
        time_zone="Europe/London",
    )
    set_role(group=group, member=people[username], role="member")
start_thread(
    author=people["rowan"], group=group, title="Heat pads", body="Do they help?"
)
"""
REPLY = "They help me most in the evenings."


@pytest.fixture(scope="module")
def asgi_server() -> Iterator[AsgiServer]:
    with AsgiServer() as server:
        server.prepare(CAST)
        server.start()
        yield server
        log = server.log()
    for line in log.splitlines():
        assert "Traceback" not in line and " ERROR " not in line, log


def test_a_reply_shows_in_the_open_page_header_and_opens_on_the_reply(
    new_context: Callable[..., BrowserContext], asgi_server: AsgiServer
) -> None:
    rowan = new_context(base_url=asgi_server.url).new_page()
    sign_in(rowan, "rowan")
    rowan.goto("/groups/")
    bell = rowan.locator("#notifications-bell")
    expect(bell).to_have_text("Notifications")

    sam = new_context(base_url=asgi_server.url).new_page()
    sign_in(sam, "sam")
    sam.goto("/groups/pacing/")
    sam.get_by_role("link", name="Heat pads").click()
    sam.get_by_role("textbox", name="Your post", exact=True).fill(REPLY)
    sam.get_by_role("button", name="Post reply").click()
    expect(sam).to_have_url(re.compile(r"/threads/\d+/#reply-\d+$"))
    reply_anchor = sam.url.rsplit("#", 1)[1]

    # Rowan's page, open all along, now counts it in words: no reload. On screen
    # "Notifications (1)"; a screen reader hears "Notifications (1 new)".
    expect(bell).to_have_text("Notifications (1)")
    expect(rowan.get_by_role("link", name="Notifications (1 new)")).to_be_visible()
    check_axe(rowan, "groups page with a live notification count")

    bell.click()
    expect(rowan).to_have_url(re.compile(r"/notifications/$"))
    expect(rowan.get_by_role("heading", level=1)).to_have_text("Notifications")
    line = rowan.get_by_role(
        "button", name="New: Sam replied to your thread “Heat pads”"
    )
    expect(line).to_be_visible()
    expect(rowan.get_by_text(REPLY)).to_have_count(0)  # never the words
    check_axe(rowan, "notifications list")

    line.click()
    expect(rowan).to_have_url(re.compile(rf"/threads/\d+/#{reply_anchor}$"))
    expect(rowan.locator(f"#{reply_anchor}")).to_contain_text(REPLY)
    expect(rowan.locator("#notifications-bell")).to_have_text("Notifications")
    expect(rowan.get_by_role("button", name="Stop following")).to_be_visible()
    check_axe(rowan, "thread page after opening the notification")
