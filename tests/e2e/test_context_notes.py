"""Context notes in a real browser: a moderator adds one through the form, and a
member with the thread open sees it arrive beneath the post, then go.

The thread page's live socket needs an ASGI server, so the app is served with
uvicorn in a subprocess (see live_server_asgi.py), with a database of its own.
"""

import re
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import BrowserContext, expect

from conftest import MODERATOR_TOTP_SECRET, PASSWORD

from .conftest import check_axe
from .live_server_asgi import AsgiServer
from .people import sign_in

pytestmark = pytest.mark.browser

CAST = f"""
from allauth.mfa.totp.internal.auth import TOTP
from alongside.accounts.models import User
from alongside.groups.actions import create_group, set_role
from alongside.threads.actions import post_reply, start_thread

group = create_group(name="Pain and pacing", slug="pacing", who_for="Anyone in pain.")
people = {{}}
for username, name, role in (
    ("rowan", "Rowan", "member"),
    ("sam", "Sam", "member"),
    ("morgan", "Morgan", "moderator"),
):
    people[username] = User.objects.create_user(
        username=username, password={PASSWORD!r}, display_name=name, country="GB",
        time_zone="Europe/London",
    )
    set_role(group=group, member=people[username], role=role)
TOTP.activate(people["morgan"], {MODERATOR_TOTP_SECRET!r})
thread = start_thread(
    author=people["rowan"], group=group, title="Heat pads", body="Do they help?"
)
post_reply(
    author=people["sam"], thread=thread, body="Heat pads cure nerve pain for good."
)
"""
NOTE = "Heat can ease some pain for a while. It doesn't cure nerve pain."
SOURCE = "https://www.nhs.uk/conditions/nerve-pain/"


@pytest.fixture(scope="module")
def asgi_server() -> Iterator[AsgiServer]:
    with AsgiServer() as server:
        server.prepare(CAST)
        server.start()
        yield server
        log = server.log()
    for line in log.splitlines():
        assert "Traceback" not in line and " ERROR " not in line, log


def test_a_note_arrives_live_beneath_the_post_and_goes_when_withdrawn(
    new_context: Callable[..., BrowserContext], asgi_server: AsgiServer
) -> None:
    rowan = new_context(base_url=asgi_server.url).new_page()
    sign_in(rowan, "rowan")
    rowan.goto("/groups/pacing/")
    rowan.get_by_role("link", name="Heat pads").click()
    thread_url = rowan.url
    reply = rowan.get_by_role("article", name="Sam")
    expect(reply).to_contain_text("Heat pads cure nerve pain")
    expect(rowan.get_by_role("link", name="Add context note")).to_have_count(0)

    morgan = new_context(base_url=asgi_server.url).new_page()
    sign_in(morgan, "morgan", second_factor=MODERATOR_TOTP_SECRET)
    morgan.goto(thread_url)
    morgan.get_by_role("article", name="Sam").get_by_role(
        "link", name="Add context note"
    ).click()
    expect(morgan.get_by_role("heading", level=1)).to_have_text("Add context to a post")
    check_axe(morgan, "context note form")
    # A rejected source keeps what was typed.
    morgan.get_by_label("Your note").fill(NOTE)
    morgan.get_by_label("Source", exact=True).fill("http://www.nhs.uk/")
    morgan.get_by_role("button", name="Add the note").click()
    expect(morgan).to_have_title(re.compile(r"^Error: "))
    expect(morgan.get_by_label("Your note")).to_have_value(NOTE)
    check_axe(morgan, "context note form with an error")
    # The field's name now carries its error too.
    source = morgan.get_by_role("textbox", name=re.compile(r"^Source .*Use a link"))
    expect(source).to_have_value("http://www.nhs.uk/")
    source.fill(SOURCE)
    morgan.get_by_role("button", name="Add the note").click()
    expect(morgan).to_have_url(re.compile(r"/threads/\d+/#reply-\d+$"))

    # Rowan's open page shows it beneath Sam's post, without a reload.
    note = reply.get_by_role("complementary", name="Context from the moderators")
    expect(note).to_contain_text(NOTE)
    expect(note.get_by_role("link", name=SOURCE)).to_have_attribute("href", SOURCE)
    expect(note).to_contain_text("(nhs.uk)")
    expect(rowan.locator("#thread-live")).to_have_text(
        "Context was added beneath a post."
    )
    check_axe(rowan, "thread page with a live context note")

    moderated = morgan.get_by_role("article", name="Sam").get_by_role(
        "complementary", name="Context from the moderators"
    )
    moderated.locator("summary").click()
    moderated.get_by_label("Why (for the log)").fill("A clearer source exists.")
    moderated.get_by_role("button", name="Withdraw note").click()
    expect(morgan.get_by_role("complementary")).to_have_count(0)
    expect(note).to_have_count(0)
    expect(rowan.locator("#thread-live")).to_have_text("A context note was withdrawn.")
