"""The composer's treatment-claim finding chooses the post's label, in a browser."""

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from alongside.accounts.models import User
from alongside.threads.models import Reply, Thread

from .conftest import check_axe
from .people import sign_in

pytestmark = pytest.mark.browser

CLAIM = "Turmeric cures arthritis, end of story."


def composer(page: Page):
    return page.get_by_role("textbox", name="Your post", exact=True)


def labels(page: Page):
    return page.get_by_role("group", name="What kind of post is this?")


def test_its_my_experience_ticks_the_experience_label(
    new_context: Callable[..., BrowserContext],
    live_server: Any,
    member: User,
    thread: Thread,
) -> None:
    page = new_context().new_page()
    sign_in(page, member.username)
    page.goto(thread.get_absolute_url())
    expect(labels(page).get_by_label("No label")).to_be_checked()

    composer(page).press_sequentially(CLAIM)
    finding = page.locator(".findings .finding")
    expect(finding).to_contain_text("a source helps")
    check_axe(page, "thread, treatment-claim finding shown")
    finding.get_by_role("button", name="It's my experience").click()

    expect(labels(page).get_by_label("My experience")).to_be_checked()
    expect(finding).to_be_hidden()
    expect(composer(page)).to_be_focused()
    page.get_by_role("button", name="Post reply").click()
    expect(page).to_have_url(re.compile(r"#reply-\d+$"))
    reply = Reply.objects.get(thread=thread, is_opening=False)
    assert reply.claim == Reply.Claim.EXPERIENCE
    posted = page.locator(f"#reply-{reply.pk}")
    expect(posted.locator(".claim-label")).to_have_text("❝ My experience")
    expect(posted.locator(".claim-note")).to_have_count(0)


def test_add_a_source_ticks_information_and_returns_to_the_words(
    new_context: Callable[..., BrowserContext],
    live_server: Any,
    member: User,
    thread: Thread,
) -> None:
    page = new_context().new_page()
    sign_in(page, member.username)
    page.goto(thread.get_absolute_url())

    composer(page).press_sequentially(CLAIM)
    finding = page.locator(".findings .finding")
    finding.get_by_role("button", name="Add a source").click()

    expect(labels(page).get_by_label("Information (with source)")).to_be_checked()
    expect(composer(page)).to_be_focused()
    expect(composer(page)).to_have_value(f"{CLAIM}\n\nSource: https://")
    page.keyboard.type("www.nhs.uk/conditions/arthritis/")
    page.get_by_role("button", name="Post reply").click()
    expect(page).to_have_url(re.compile(r"#reply-\d+$"))
    reply = Reply.objects.get(thread=thread, is_opening=False)
    assert reply.claim == Reply.Claim.INFORMATION
    assert reply.body.endswith("Source: https://www.nhs.uk/conditions/arthritis/")


def test_a_professionals_labelled_reply_with_a_card_and_a_note_reads_well(
    new_context: Callable[..., BrowserContext],
    live_server: Any,
    member: User,
    group,
    thread: Thread,
) -> None:
    from django.contrib.contenttypes.models import ContentType

    from alongside.core.rendering import render_markdown
    from alongside.groups.actions import set_role
    from alongside.moderation.models import ContextNote
    from alongside.resources import actions as resources
    from alongside.threads.actions import post_reply
    from conftest import make_user

    admin = make_user("operator", is_staff=True)
    ada = make_user("ada", display_name="Ada")
    set_role(group=group, member=ada, role="member")
    resources.verify_professional(
        admin=admin,
        credential=resources.apply_as_professional(
            member=ada,
            profession="Physiotherapist",
            registration_number="PH-1",
            issuing_body="CORU",
            country="IE",
            conflicts="None",
        ),
        method="CORU register",
        months=6,
    )
    worksheet = resources.share_resource(
        author=member,
        title="A pacing worksheet",
        summary="Helped me plan.",
        kind="worksheet",
        sources=["https://www.nhs.uk/conditions/chronic-pain/"],
        groups=[group],
    )
    reply = post_reply(
        author=ada,
        thread=thread,
        body=f"Try [this worksheet](/resources/{worksheet.pk}/).",
        claim="professional",
    )
    # Stored directly: the action's live broadcast can't run beside the browser's
    # event loop in this thread.
    ContextNote.objects.create(
        content_type=ContentType.objects.get_for_model(Reply),
        object_id=thread.replies.get(is_opening=True).pk,
        author=ada,
        author_scope="Physiotherapist, Ireland",
        body="Pacing is well studied.",
        body_html=render_markdown("Pacing is well studied."),
        sources=[{"url": "https://www.nhs.uk/pain/", "domain": "nhs.uk"}],
    )

    page = new_context().new_page()
    sign_in(page, member.username)
    page.goto(thread.get_absolute_url())

    post = page.get_by_role("article", name=re.compile(r"^Ada Verified professional"))
    expect(post.locator(".claim-label")).to_have_text("⚕ Professional view")
    card = post.get_by_role("link", name="A pacing worksheet")
    expect(card).to_have_attribute(
        "aria-describedby", f"reply-{reply.pk}-review-{worksheet.pk}"
    )
    expect(post).to_contain_text("Not yet reviewed")
    expect(
        page.get_by_role(
            "complementary", name="Context from Ada, Physiotherapist, Ireland"
        )
    ).to_be_visible()
    check_axe(page, "thread with a badge, a label, a resource card and a note")
