"""A member's own balance in a real browser: they set a daily nudge, use the site
past it and meet the break screen; then their week shows as pictures with words."""

import re
import zoneinfo
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import BrowserContext, expect

from alongside.accounts.models import User
from alongside.groups.models import Group
from alongside.wellbeing.models import ActiveSlot
from alongside.wellbeing.time import slot_start

from .conftest import check_axe
from .people import sign_in

pytestmark = pytest.mark.browser

# Time counted in the browser comes from real beats, so the member's day must not
# roll over mid-test: pick a time zone where it is neither late nor early now.
ZONES = ("Europe/London", "Asia/Tokyo", "America/Los_Angeles")


def daytime_zone() -> str:
    now = datetime.now(UTC)
    return next(
        zone for zone in ZONES if 1 <= now.astimezone(zoneinfo.ZoneInfo(zone)).hour < 23
    )


@pytest.mark.counts_time
def test_a_member_meets_their_daily_nudge_and_reads_their_week(
    new_context: Callable[..., BrowserContext], member: User, group: Group
) -> None:
    member.time_zone = daytime_zone()
    member.save()
    page = new_context().new_page()
    sign_in(page, member.username)

    page.get_by_role("link", name="Your balance").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your balance")
    page.get_by_role("link", name="Change your reminders").click()
    page.get_by_label(
        "Remind me after this much time on Alongside in a day"
    ).select_option(label="15 minutes")
    page.get_by_role("button", name="Save my reminders").click()
    expect(page.locator(".messages")).to_contain_text("Your reminders are saved.")

    # Help pages are never interrupted; from there, 14½ minutes are already behind
    # the member today, and the next half minute anywhere reaches the nudge.
    page.goto("/help/")
    ActiveSlot.objects.filter(member=member).delete()
    now = slot_start(datetime.now(UTC))
    ActiveSlot.objects.bulk_create(
        ActiveSlot(member=member, started_at=now - n * timedelta(seconds=30))
        for n in range(1, 30)
    )

    page.goto(group.get_absolute_url())

    expect(page).to_have_url(
        re.compile(r"/balance/break/\?next=%2Fgroups%2Fchronic-pain%2F$")
    )
    expect(
        page.get_by_text("You asked for a nudge at 15 minutes. How are you doing?")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Get help now").first).to_be_visible()
    check_axe(page, "the break screen")

    page.get_by_role("button", name="Keep going").click()
    expect(page).to_have_url(re.compile(r"/groups/chronic-pain/$"))
    assert ActiveSlot.objects.filter(member=member, group=group).exists()

    page.get_by_role("link", name="Your balance").click()
    chart = page.get_by_role("img", name="Time on Alongside each day this week")
    expect(chart).to_be_visible()
    expect(chart).to_have_attribute("aria-describedby", "days-chart-desc")
    expect(page.locator("#days-chart-desc")).to_contain_text("Today, ")
    expect(
        page.get_by_text(re.compile(r"^This week: about 15 minutes"))
    ).to_be_visible()
    expect(page.get_by_role("img", name="Time this week in each group")).to_be_visible()
    table = page.get_by_role("table", name="Time on Alongside each day this week")
    expect(table).to_be_hidden()
    page.get_by_text("Show as table").first.click()
    expect(table).to_be_visible()
    expect(table.get_by_role("row")).to_have_count(8)
    check_axe(page, "the balance page")
