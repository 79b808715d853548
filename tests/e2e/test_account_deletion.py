"""Deleting an account in a real browser: the member reads what happens, gets their
password wrong once (nothing is deleted, their choice stays), deletes their account
with their posts, is signed out, and signing in again only offers to keep it."""

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, expect

from alongside.accounts.models import AccountDeletion, User
from alongside.groups.models import Group
from alongside.threads.models import Thread
from conftest import PASSWORD

from .conftest import check_axe
from .people import sign_in

pytestmark = pytest.mark.browser


def test_a_member_deletes_their_account_and_their_posts(
    new_context: Callable[..., BrowserContext],
    member: User,
    group: Group,
    thread: Thread,
) -> None:
    page = new_context().new_page()
    sign_in(page, member.username)
    page.goto(member.get_absolute_url())
    page.get_by_role("link", name="Delete your account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete your account")
    check_axe(page, "delete your account")

    # A wrong password: nothing is deleted, and the choice is still made.
    page.get_by_label("Delete my posts too").check()
    page.get_by_label("Your password", exact=True).fill("not my password at all")
    page.get_by_role("button", name="Delete my account").click()
    expect(page).to_have_title("Error: Delete your account – Alongside")
    expect(page.locator(".error-summary")).to_contain_text(
        "That password isn't right, so nothing has been deleted. Type it again."
    )
    expect(page.get_by_label("Delete my posts too")).to_be_checked()
    check_axe(page, "delete your account, wrong password")
    assert not AccountDeletion.objects.exists()

    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account is closed")
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    check_axe(page, "account closed")
    deletion = AccountDeletion.objects.get(member=member)
    assert deletion.posts == AccountDeletion.Posts.DELETE

    # Signing in again does not sign in: it offers to keep the account instead.
    page.goto("/accounts/login/")
    page.get_by_label("Username", exact=True).fill(member.username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Your account is set to be deleted"
    )
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    check_axe(page, "account set to be deleted")
    page.get_by_role("button", name="Continue with deletion").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account is closed")
    page.goto(thread.get_absolute_url())
    expect(page).to_have_url(
        re.compile(rf"/accounts/login/\?next=/threads/{thread.pk}/$")
    )
