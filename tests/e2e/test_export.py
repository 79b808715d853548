"""Download your data in a real browser: a member asks for a copy (confirming their
password), downloads the ZIP, and opens its readable page to find their thread."""

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, expect

from alongside.accounts.models import User
from alongside.threads.models import Thread
from conftest import PASSWORD

from .conftest import check_axe
from .people import sign_in

pytestmark = pytest.mark.browser


def test_a_member_downloads_their_data_and_reads_it(
    new_context: Callable[..., BrowserContext],
    member: User,
    thread: Thread,
    tmp_path: Path,
) -> None:
    page = new_context().new_page()
    sign_in(page, member.username)
    page.goto(member.get_absolute_url())
    page.get_by_role("link", name="Download your data").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Download your data")
    check_axe(page, "download your data, nothing asked for yet")

    page.get_by_role("button", name="Ask for a copy of your data").click()
    # Confirming it's them: the password once more, then the request goes ahead.
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/"))
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(r"/accounts/export/$"))
    expect(page.locator(".messages")).to_contain_text("We're getting your file ready")
    link = page.get_by_role("link", name=re.compile(r"^Download your data \(ZIP"))
    expect(link).to_be_visible()
    check_axe(page, "download your data, copy ready")

    with page.expect_download() as info:
        link.click()
    download = info.value
    assert re.fullmatch(
        r"alongside-export-\d{4}-\d\d-\d\d\.zip", download.suggested_filename
    )
    archive = tmp_path / "export.zip"
    download.save_as(archive)
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(tmp_path / "export")
    readable = tmp_path / "export" / "index.html"

    page.goto(readable.as_uri())
    expect(page.get_by_role("heading", level=1)).to_have_text("Your data on Alongside")
    expect(page.get_by_text(thread.title, exact=True)).to_be_visible()
    assert page.locator("script").count() == 0
    check_axe(page, "the readable copy in the ZIP")
