"""Whole journeys in a real browser, with axe-core run on every page on the way.

Run with `make e2e` (needs /usr/bin/chromium and `npm ci` for axe-core).
"""

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

from alongside.accounts.models import User
from alongside.groups.actions import create_group, set_role
from alongside.groups.models import Group, Membership
from alongside.safety.models import CrisisLine
from alongside.safety.resources import load_crisis_resources
from alongside.threads.actions import post_reply, start_thread
from alongside.threads.models import Reaction, Reply, Thread

from .conftest import assert_no_csp_violations, check_axe, no_horizontal_scroll

pytestmark = pytest.mark.browser

PASSWORD = "quiet-harbour-lantern-42"


def make_user(username: str, display_name: str) -> User:
    return User.objects.create_user(
        username=username, password=PASSWORD, display_name=display_name
    )


def make_group(facilitator: User) -> Group:
    return create_group(
        name="Living with grief",
        slug="grief",
        who_for="For anyone who has lost someone close.",
        description="Anniversaries, paperwork and the quiet evenings.",
        rules="Be gentle.\nNo advice unless someone asks for it.",
        allows_anonymous=True,
        facilitator=facilitator,
    )


def sign_in(page: Page, username: str, password: str = PASSWORD) -> None:
    page.goto("/accounts/login/")
    check_axe(page, "sign-in page")
    page.get_by_label("Username", exact=True).fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign In", exact=True).click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def post_by(page: Page, author: str) -> Locator:
    """The <article> of the reply whose heading names `author`."""
    return page.locator("article.post").filter(
        has=page.get_by_role("heading", name=author, exact=True)
    )


@pytest.fixture
def facilitator(db: None) -> User:
    return make_user("alex", "Alex")


@pytest.fixture
def grief_group(facilitator: User) -> Group:
    return make_group(facilitator)


def test_sign_up_join_post_then_an_anonymous_reply_and_a_reaction(
    new_context: Callable[..., BrowserContext], grief_group: Group
) -> None:
    sam = make_user("sam", "Sam")
    set_role(group=grief_group, member=sam, role=Membership.Role.MEMBER)

    # A newcomer signs up through the real form.
    page = new_context().new_page()
    page.goto("/")
    check_axe(page, "welcome page")
    page.get_by_role("main").get_by_role("link", name="Join Alongside").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign Up")
    check_axe(page, "sign-up page")
    page.get_by_label("Choose a name to use here").fill("willow")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome back, willow")
    check_axe(page, "home page after sign-up")
    assert User.objects.filter(username="willow").exists()

    # They find the group in the directory and join it.
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Groups"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a group")
    check_axe(page, "group directory")
    page.get_by_role("button", name="Join Living with grief").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Living with grief")
    expect(page.get_by_role("status")).to_contain_text(
        "You've joined Living with grief"
    )
    check_axe(page, "group page after joining")

    # They start a thread with a content note.
    page.get_by_role("link", name="Start a thread").click()
    check_axe(page, "start a thread")
    page.get_by_label("Title").fill("The first birthday without her")
    page.get_by_label("Your post").fill(
        "It would have been Mum's **70th** today. I don't know what to do with it."
    )
    page.get_by_label("Content note (optional)").fill("bereavement")
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "The first birthday without her"
    )
    check_axe(page, "new thread")
    thread = Thread.objects.get(title="The first birthday without her")
    note = page.locator("article.post--opening details.content-note")
    expect(note).to_have_count(1)
    expect(note).not_to_have_attribute("open", "")
    expect(note.locator("summary")).to_have_text(
        "Content note: bereavement · Show post"
    )
    expect(note.get_by_text("I don't know what to do with it.")).to_be_hidden()

    # A second member signs in, opens the note and replies anonymously.
    other = new_context().new_page()
    sign_in(other, "sam")
    check_axe(other, "home page of the second member")
    other.get_by_role("link", name="The first birthday without her").click()
    check_axe(other, "thread, content note folded")
    other.locator("details.content-note summary").click()
    expect(other.get_by_text("I don't know what to do with it.")).to_be_visible()
    expect(other.locator("details.content-note strong")).to_have_text("70th")
    check_axe(other, "thread, content note open")
    # The composer points out an email address (an htmx swap) and removes it.
    composer = other.get_by_role("textbox", name="Your post", exact=True)
    composer.fill("Sending you love. The first ones are hard. sam.k.writes@example.com")
    finding = other.locator(".findings .finding")
    expect(finding).to_contain_text("Everyone in this group will see it.")
    check_axe(other, "thread, composer finding shown")
    finding.get_by_role("button", name="Remove it").click()
    expect(composer).not_to_have_value(re.compile("example"))
    composer.fill("Sending you love. The first ones are hard.")
    other.get_by_label("Post anonymously").check()
    other.get_by_role("button", name="Post reply").click()
    reply = Reply.objects.get(thread=thread, is_opening=False)
    assert reply.is_anonymous and reply.author == sam
    expect(other).to_have_url(f"{thread.get_absolute_url()}#reply-{reply.pk}")
    mine = other.locator(f"#reply-{reply.pk}")
    expect(mine.get_by_role("heading", name="Anonymous member")).to_be_visible()
    expect(mine).not_to_contain_text("Sam")
    check_axe(other, "thread after the anonymous reply")

    # The first member sees the anonymous reply and reacts to it, with htmx.
    page.reload()
    check_axe(page, "thread with the anonymous reply")
    anonymous = post_by(page, "Anonymous member")
    expect(anonymous).to_have_count(1)
    expect(anonymous).to_contain_text("Sending you love. The first ones are hard.")
    expect(page.locator(f"#reply-{reply.pk}")).not_to_contain_text("Sam")
    page.evaluate("() => { window.stillTheSamePage = true; }")
    button = anonymous.get_by_role("button", name="Thinking of you")
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button).to_contain_text("1 person")
    expect(anonymous.get_by_role("status")).to_have_text("You sent Thinking of you")
    assert page.evaluate("() => window.stillTheSamePage === true"), "not an htmx swap"
    assert Reaction.objects.filter(reply=reply, kind="thinking_of_you").count() == 1
    check_axe(page, "thread after the htmx reaction swap")

    # And the second member sees the reaction, with their reply still anonymous.
    other.reload()
    theirs = other.locator(f"#reply-{reply.pk}")
    expect(theirs.get_by_role("button", name="Thinking of you")).to_contain_text(
        "1 person"
    )
    expect(theirs.get_by_role("button", name="Thinking of you")).to_have_attribute(
        "aria-pressed", "false"
    )
    check_axe(other, "thread with the reaction, second member")
    assert_no_csp_violations(page)
    assert_no_csp_violations(other)


def test_reading_replying_and_reacting_work_without_javascript(
    new_context: Callable[..., BrowserContext], grief_group: Group
) -> None:
    rowan = make_user("rowan", "Rowan")
    set_role(group=grief_group, member=rowan, role=Membership.Role.MEMBER)
    jo = make_user("jo", "Jo")
    set_role(group=grief_group, member=jo, role=Membership.Role.MEMBER)
    thread = start_thread(
        author=jo,
        group=grief_group,
        title="Clearing out the wardrobe",
        body="I kept his coat. Is that strange?",
        content_warning="loss",
    )
    post_reply(author=jo, thread=thread, body="Maybe I'll wear it in winter.")

    page = new_context(java_script_enabled=False).new_page()
    sign_in(page, "rowan")
    page.goto(thread.get_absolute_url())
    check_axe(page, "thread without JavaScript")
    expect(page.get_by_text("I kept his coat.")).to_be_hidden()
    page.locator("details.content-note summary").click()
    expect(page.get_by_text("I kept his coat.")).to_be_visible()
    expect(post_by(page, "Jo")).to_contain_text("Maybe I'll wear it in winter.")

    page.get_by_label("Your post").fill("Not strange at all. I kept my dad's scarf.")
    page.get_by_label("Post anonymously").check()
    page.get_by_role("button", name="Post reply").click()
    reply = Reply.objects.get(thread=thread, author=rowan)
    expect(page).to_have_url(f"{thread.get_absolute_url()}#reply-{reply.pk}")
    expect(page.locator(f"#reply-{reply.pk}")).to_contain_text("I kept my dad's scarf.")
    expect(page.locator(f"#reply-{reply.pk}").get_by_role("heading")).to_have_text(
        "Anonymous member"
    )
    check_axe(page, "thread after replying without JavaScript")

    # The reaction form posts and comes back to the same reply.
    jo_reply = post_by(page, "Jo")
    jo_reply.get_by_role("button", name="Me too").click()
    expect(page.get_by_role("status").first).to_have_text("You sent Me too")
    button = post_by(page, "Jo").get_by_role("button", name="Me too")
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button).to_contain_text("1 person")
    check_axe(page, "thread after reacting without JavaScript")


def _signed_out_pages(group: Group) -> list[tuple[str, str]]:
    return [
        ("home page", "/"),
        ("help page", "/help/"),
        ("help page for the UK", "/help/?country=GB"),
        ("your privacy", "/privacy/"),
        ("group directory", "/groups/"),
        ("group page", group.get_absolute_url()),
        ("sign-in page", "/accounts/login/"),
        ("sign-up page", "/accounts/signup/"),
    ]


def _signed_in_pages(group: Group, thread: Thread) -> list[tuple[str, str]]:
    return [
        ("home page", "/"),
        ("help page", "/help/"),
        ("group directory", "/groups/"),
        ("group page", group.get_absolute_url()),
        ("thread page", thread.get_absolute_url()),
        ("start a thread", f"/groups/{group.slug}/threads/new/"),
        ("your profile", "/accounts/members/kiri/"),
        ("where you're signed in", "/accounts/sessions/"),
        ("two-step sign-in", "/accounts/2fa/"),
    ]


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 320])
def test_key_pages_pass_axe_in_both_colour_schemes_and_reflow_at_320px(
    new_context: Callable[..., BrowserContext],
    grief_group: Group,
    color_scheme: str,
    width: int,
) -> None:
    if not CrisisLine.objects.exists():
        # Earlier browser tests flush the database, data migrations included.
        load_crisis_resources()
    member = make_user("kiri", "Kiri")
    set_role(group=grief_group, member=member, role=Membership.Role.MEMBER)
    thread = start_thread(
        author=member,
        group=grief_group,
        title="A long title that has to wrap on a small phone screen somehow",
        body="Some days are fine.\n\n- lists\n- and [links](https://example.org)",
        content_warning="anniversaries",
    )
    reply = post_reply(
        author=member,
        thread=thread,
        body="Averyveryverylongwordwithoutanyspacesthatcouldoverflowthecolumn" * 2,
        is_anonymous=True,
    )
    Reaction.objects.create(reply=reply, member=member, kind="me_too")

    def open_page() -> Page:
        page = new_context(viewport={"width": width, "height": 800}).new_page()
        page.emulate_media(color_scheme=color_scheme)  # type: ignore[arg-type]
        return page

    def visit(page: Page, pages: list[tuple[str, str]]) -> None:
        for label, url in pages:
            page.goto(url)
            where = f"{label} ({url})"
            dark = page.evaluate(
                "() => matchMedia('(prefers-color-scheme: dark)').matches"
            )
            assert dark == (color_scheme == "dark")
            check_axe(page, where)
            if width == 320:
                size = no_horizontal_scroll(page)
                assert size["scrollWidth"] <= 320, f"{where} scrolls sideways: {size}"

    signed_out = open_page()
    visit(signed_out, _signed_out_pages(grief_group))

    signed_in = open_page()
    sign_in(signed_in, "kiri")
    visit(signed_in, _signed_in_pages(grief_group, thread))
    signed_in.goto(thread.get_absolute_url())
    signed_in.locator("details.content-note summary").click()
    check_axe(signed_in, "thread page with the content note open")
