"""The library and professionals in a real browser: a member shares a resource, a
verified professional reviews it with a note, and the member sees its state
change; then the professional adds a context note beneath a reply, and it arrives
live on the member's open thread page.
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
from alongside.resources.actions import apply_as_professional, verify_professional
from alongside.threads.actions import post_reply, start_thread

group = create_group(name="Pain and pacing", slug="pacing", who_for="Anyone in pain.")
people = {{}}
for username, name in (("rowan", "Rowan"), ("sam", "Sam"), ("amara", "Amara")):
    people[username] = User.objects.create_user(
        username=username, password={PASSWORD!r}, display_name=name, country="GB",
        time_zone="Europe/London",
    )
    set_role(group=group, member=people[username], role="member")
admin = User.objects.create_user(username="casey", password={PASSWORD!r}, is_staff=True)
credential = apply_as_professional(
    member=people["amara"], profession="Registered nurse",
    registration_number="12A3456B",
    issuing_body="Nursing and Midwifery Council", country="GB", conflicts="None",
)
verify_professional(
    admin=admin, credential=credential, method="NMC register, PIN matched", months=24
)
thread = start_thread(
    author=people["rowan"], group=group, title="Magnesium", body="Has anyone tried it?"
)
post_reply(
    author=people["sam"], thread=thread, body="Magnesium cures fibromyalgia for good."
)
"""
TITLE = "Magnesium for muscle pain"
SOURCE = "https://www.example-health.org/magnesium"
REVIEW_NOTE = "The study behind this was small and short; talk to your GP first."
NOTE = "Magnesium can help some people with cramps. It doesn't cure fibromyalgia."
NOTE_SOURCE = "https://www.nhs.uk/conditions/fibromyalgia/"


@pytest.fixture(scope="module")
def asgi_server() -> Iterator[AsgiServer]:
    with AsgiServer() as server:
        server.prepare(CAST)
        server.start()
        yield server
        log = server.log()
    for line in log.splitlines():
        assert "Traceback" not in line and " ERROR " not in line, log


def test_a_shared_resource_is_reviewed_and_its_state_changes_for_the_member(
    new_context: Callable[..., BrowserContext], asgi_server: AsgiServer
) -> None:
    rowan = new_context(base_url=asgi_server.url).new_page()
    sign_in(rowan, "rowan")
    rowan.goto("/resources/share/?group=pacing")
    check_axe(rowan, "share a resource")
    rowan.get_by_label("Title", exact=True).fill(TITLE)
    rowan.get_by_label("What it is and why it helped").fill(
        "A short read on magnesium and cramps. It helped me sleep."
    )
    rowan.get_by_label("Article", exact=True).check()
    rowan.get_by_label("Link", exact=True).fill(SOURCE)
    rowan.get_by_label("Tags (optional)").fill("sleep, cramps")
    expect(rowan.get_by_label("Pain and pacing")).to_be_checked()
    rowan.get_by_role("button", name="Check before you send").click()
    expect(rowan.get_by_role("heading", level=1)).to_have_text("Check before you send")
    expect(rowan.get_by_text("example-health.org").first).to_be_visible()
    check_axe(rowan, "share preview")
    rowan.get_by_role("button", name="Share it").click()
    expect(rowan.get_by_text("A reviewer will look at it")).to_be_visible()
    rowan.goto("/resources/")
    card = rowan.get_by_role("article").filter(has_text=TITLE)
    expect(card.locator("[data-review-state]")).to_have_count(1)
    expect(card).to_contain_text("Not yet reviewed")
    check_axe(rowan, "library")
    card.get_by_role("link", name=TITLE).click()
    resource_url = rowan.url
    expect(rowan.locator("[data-review-state]")).to_have_attribute(
        "data-review-state", "not_reviewed"
    )

    amara = new_context(base_url=asgi_server.url).new_page()
    sign_in(amara, "amara")
    amara.goto(resource_url)
    amara.get_by_role("link", name="Review this resource").click()
    check_axe(amara, "review form")
    amara.get_by_label("I have concerns").check()
    amara.get_by_label("Note for readers").fill(REVIEW_NOTE)
    amara.get_by_role("button", name="Save my review").click()
    expect(amara).to_have_url(re.compile(r"/resources/\d+/$"))

    rowan.reload()
    state = rowan.locator("[data-review-state]")
    expect(state).to_have_count(1)
    expect(state).to_have_attribute("data-review-state", "concerns")
    expect(state).to_contain_text("Reviewed — concerns")
    expect(state).to_contain_text("Amara, Registered nurse, Britain (UK)")
    expect(state).to_contain_text(REVIEW_NOTE)
    check_axe(rowan, "resource with a review")


def test_a_professionals_context_note_arrives_live_for_a_member(
    new_context: Callable[..., BrowserContext], asgi_server: AsgiServer
) -> None:
    rowan = new_context(base_url=asgi_server.url).new_page()
    sign_in(rowan, "rowan")
    rowan.goto("/groups/pacing/")
    rowan.get_by_role("link", name="Magnesium").first.click()
    thread_url = rowan.url
    reply = rowan.get_by_role("article", name="Sam")
    expect(reply).to_contain_text("Magnesium cures fibromyalgia")

    amara = new_context(base_url=asgi_server.url).new_page()
    sign_in(amara, "amara")
    amara.goto(thread_url)
    amara.get_by_role("article", name="Sam").get_by_role(
        "link", name="Add context note"
    ).click()
    amara.get_by_label("Your note").fill(NOTE)
    amara.get_by_label("Source", exact=True).fill(NOTE_SOURCE)
    amara.get_by_role("button", name="Add the note").click()
    expect(amara).to_have_url(re.compile(r"/threads/\d+/#reply-\d+$"))

    note = reply.get_by_role(
        "complementary", name="Context from Amara, Registered nurse, Britain (UK)"
    )
    expect(note).to_contain_text(NOTE)
    expect(note).to_contain_text("(nhs.uk)")
    expect(rowan.locator("#thread-live")).to_have_text(
        "Context was added beneath a post."
    )
    check_axe(rowan, "thread page with a professional's note")
