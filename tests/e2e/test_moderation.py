"""Moderation in a real browser: a report reaches the queue behind a crisis, a
moderator (signed in with a second factor) hides the reply with a reason, its writer
reads that reason, and a member who blocks someone stops seeing their replies."""

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

from alongside.accounts.models import User
from alongside.groups.models import Group
from alongside.moderation.models import Flag, ModerationLog
from alongside.threads.actions import post_reply
from alongside.threads.models import Reply, Thread
from conftest import MODERATOR_TOTP_SECRET

from .conftest import assert_no_csp_violations, check_axe
from .people import sign_in

pytestmark = pytest.mark.browser

URGENT_TEXT = "I've written my goodbye letters and I'm going to end my life tonight."
UNKIND_TEXT = "Nobody here wants to read your moaning. Just leave the group."
HELPFUL_TEXT = "Pacing helped me most: short walks, then rest before I need it."
REASON = "Replies here need to be kind. You're welcome to say it differently."


def post_by(page: Page, reply: Reply) -> Locator:
    return page.locator(f"#reply-{reply.pk}")


def test_a_report_is_handled_behind_a_crisis_and_a_block_hides_replies(
    new_context: Callable[..., BrowserContext],
    member: User,
    other_member: User,
    facilitator: User,
    moderator: User,
    group: Group,
    thread: Thread,
    crisis_directory: None,
) -> None:
    unkind = post_reply(author=other_member, thread=thread, body=UNKIND_TEXT)
    helpful = post_reply(author=facilitator, thread=thread, body=HELPFUL_TEXT)

    # The thread's author reports the unkind reply as harassment.
    rowan = new_context().new_page()
    sign_in(rowan, member.username)
    rowan.goto(thread.get_absolute_url())
    post_by(rowan, unkind).get_by_role("link", name="Report this post").click()
    expect(rowan.get_by_role("heading", level=1)).to_have_text("Report a post")
    check_axe(rowan, "report form")
    rowan.get_by_label("Harassment or bullying").check()
    rowan.get_by_label("Anything the moderators should know?").fill(
        "This was the second time tonight."
    )
    rowan.get_by_role("button", name="Send report").click()
    expect(rowan.locator(".messages")).to_contain_text("Thank you")
    report = Flag.objects.get(object_id=unkind.pk, source=Flag.Source.REPORT)
    assert report.severity == Flag.Severity.HARASSMENT
    # Someone in the group in crisis, after the report: the checks flag it urgent.
    # Newer than the report, it comes first only because it is more severe.
    crisis = post_reply(author=facilitator, thread=thread, body=URGENT_TEXT)
    urgent = Flag.objects.get(object_id=crisis.pk, severity=Flag.Severity.URGENT)
    assert urgent.created_at > report.created_at

    # The moderator signs in with the code from their authenticator app and finds
    # the report waiting behind the urgent crisis flag.
    morgan = new_context().new_page()
    sign_in(morgan, moderator.username, second_factor=MODERATOR_TOTP_SECRET)
    morgan.goto(f"/groups/{group.slug}/moderation/")
    expect(morgan.get_by_role("heading", level=1)).to_have_text("Moderation queue")
    items = morgan.locator("li.queue-item")
    ids = items.evaluate_all("items => items.map(item => item.id)")
    assert ids.index(f"flag-{urgent.pk}") < ids.index(f"flag-{report.pk}"), ids
    item = morgan.locator(f"#flag-{report.pk}")
    expect(item).to_contain_text("Reported by 1 member")
    expect(item).to_contain_text("Harassment or bullying")
    # The reporter is never named, even to the moderators.
    expect(item).not_to_contain_text(member.public_name)
    check_axe(morgan, "moderation queue with a report behind a crisis")
    item.get_by_role("link", name="Hide from group").click()
    expect(morgan.get_by_role("heading", level=1)).to_have_text(
        "Hide it from the group"
    )
    morgan.get_by_label("Why are you hiding it?").fill(REASON)
    check_axe(morgan, "hide form")
    morgan.get_by_role("button", name="Hide it").click()
    expect(morgan.locator(f"#flag-{report.pk}")).to_have_count(0)
    expect(morgan.locator(f"#flag-{urgent.pk}")).to_have_count(1)
    hidden = ModerationLog.objects.get(action="reply_hidden")
    assert (hidden.actor, hidden.subject, hidden.reason) == (
        moderator,
        other_member,
        REASON,
    )

    # The writer sees their reply with the moderator's reason; others no longer do.
    sam = new_context().new_page()
    sign_in(sam, other_member.username)
    sam.goto(thread.get_absolute_url())
    notice = post_by(sam, unkind)
    expect(notice).to_contain_text(f"A moderator hid this post: {REASON}")
    expect(notice).to_contain_text("You can edit it")
    check_axe(sam, "thread with the writer's hidden reply")
    rowan.goto(thread.get_absolute_url())
    expect(post_by(rowan, unkind)).to_have_count(0)
    expect(rowan.get_by_text(UNKIND_TEXT)).to_have_count(0)

    # Rowan blocks Alex: Alex's replies disappear for Rowan, and only for Rowan.
    expect(post_by(rowan, helpful)).to_contain_text(HELPFUL_TEXT)
    post_by(rowan, helpful).get_by_role("link", name="Block").click()
    expect(rowan.get_by_role("heading", level=1)).to_have_text(
        f"Block {facilitator.public_name}?"
    )
    check_axe(rowan, "block confirmation")
    rowan.get_by_role("button", name=f"Block {facilitator.public_name}").click()
    rowan.goto(thread.get_absolute_url())
    expect(post_by(rowan, helpful)).to_have_count(0)
    expect(rowan.get_by_text(HELPFUL_TEXT)).to_have_count(0)
    sam.goto(thread.get_absolute_url())
    expect(post_by(sam, helpful)).to_contain_text(HELPFUL_TEXT)
    for page in (rowan, morgan, sam):
        assert_no_csp_violations(page)
