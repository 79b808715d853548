"""Signing in through the real pages, second factor included."""

import re

from playwright.sync_api import Page, expect

from conftest import PASSWORD, totp_code


def sign_in(
    page: Page, username: str, *, second_factor: str | None = None, check=None
) -> None:
    """Sign in with the password; with `second_factor`, answer the code step too."""
    page.goto("/accounts/login/")
    if check is not None:
        check(page, "sign-in page")
    page.get_by_label("Username", exact=True).fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()
    if second_factor is not None:
        expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))
        if check is not None:
            check(page, "second-factor step")
        page.get_by_label("Code", exact=True).fill(totp_code(second_factor))
        page.get_by_role("button", name="Sign In", exact=True).click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
