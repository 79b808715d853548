"""A meeting that starts while a member has the page open: the reminder appears then,
in the page's status region, without a reload (the browser's clock is moved on)."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import BrowserContext, expect

from alongside.accounts.models import User
from alongside.groups.models import Group
from alongside.meetings.actions import MeetingPlan, schedule_meeting

from .conftest import assert_no_csp_violations, check_axe
from .people import sign_in

pytestmark = pytest.mark.browser


def test_the_reminder_shows_when_the_meeting_starts(
    new_context: Callable[..., BrowserContext],
    member: User,
    facilitator: User,
    group: Group,
) -> None:
    starts = (datetime.now(UTC) + timedelta(minutes=20)).replace(
        second=0, microsecond=0
    )
    schedule_meeting(
        scheduler=facilitator,
        group=group,
        plan=MeetingPlan(
            title="Evening circle",
            starts_on=starts.date(),
            start_time=starts.time(),
            time_zone="UTC",
            duration_minutes=60,
        ),
    )
    page = new_context().new_page()
    sign_in(page, member.username)
    page.clock.install()
    page.goto("/")
    reminder = page.locator(".meeting-reminders p")
    expect(reminder).to_be_hidden()
    expect(page.get_by_text("A meeting is on now:")).to_have_count(0)

    page.clock.run_for(21 * 60 * 1000)

    expect(reminder).to_be_visible()
    expect(reminder).to_contain_text("A meeting is starting now: Evening circle")
    expect(reminder.get_by_role("link", name="Join the room")).to_have_attribute(
        "href", f"/groups/{group.slug}/chat/"
    )
    # Read out by screen readers: it appears inside a status region.
    expect(
        page.get_by_role("status").filter(has_text="A meeting is starting now")
    ).to_have_count(1)
    check_axe(page, "home page with a meeting starting")
    assert_no_csp_violations(page)
