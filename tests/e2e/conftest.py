"""Browser fixtures: headless Debian Chromium driven by Playwright, plus axe-core.

Every test here is marked `browser` and runs with `make e2e`. The pages are served by
pytest-django's `live_server`, with the same settings (and the same strict CSP) as the
rest of the suite.
"""

import faulthandler
import functools
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in this thread, and the tests use the ORM
# from it to set up data (STACK.md, gotcha 5).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Playwright,
    expect,
    sync_playwright,
)

ROOT = Path(__file__).resolve().parents[2]
AXE_PATH = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("ALONGSIDE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
TIMEOUT_MS = 15_000

TEST_TIME_LIMIT_S = 300

# CI machines are shared and busy: give assertions the same patience as actions.
expect.set_options(timeout=TIMEOUT_MS)

# Console messages about the Content Security Policy, per page.
_csp_messages: dict[Page, list[str]] = {}
# Contexts made with JavaScript turned off: the page's own scripts never run there.
_scriptless: set[BrowserContext] = set()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything in this folder needs a browser: `make test` must skip it all."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _no_time_beats(request: pytest.FixtureRequest) -> None:
    """Pages send no time beats (wellbeing/time.py) unless a test is marked
    `counts_time`: beats are background requests at moments no test chooses,
    and only the balance test is about them."""
    if request.node.get_closest_marker("counts_time") is None:
        settings = request.getfixturevalue("settings")
        settings.ALONGSIDE_ACTIVITY_SLOT = 0


@pytest.fixture(autouse=True)
def _time_limit() -> Iterator[None]:
    """A browser test that hangs ends the run with a traceback instead of hanging CI."""
    faulthandler.dump_traceback_later(TEST_TIME_LIMIT_S, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: apt-get install chromium")
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    browser = playwright_instance.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS
    )
    yield browser
    browser.close()


@functools.cache
def axe_source() -> str:
    if not AXE_PATH.exists():
        pytest.fail(f"{AXE_PATH} is missing: run `npm ci` first")
    return AXE_PATH.read_text(encoding="utf-8")


def _watch_console(page: Page) -> None:
    messages = _csp_messages.setdefault(page, [])

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            messages.append(f"{message.type}: {message.text}")

    page.on("console", on_console)


def csp_messages(page: Page) -> list[str]:
    return list(_csp_messages.get(page, []))


def assert_no_csp_violations(page: Page) -> None:
    messages = csp_messages(page)
    assert not messages, "Content Security Policy violations in the console:\n" + (
        "\n".join(messages)
    )


@pytest.fixture
def new_context(
    browser: Browser, live_server: Any
) -> Iterator[Callable[..., BrowserContext]]:
    """Make browser contexts (one per person) whose pages are watched for CSP errors."""
    contexts: list[BrowserContext] = []

    def make(**options: Any) -> BrowserContext:
        options.setdefault("base_url", live_server.url)
        options.setdefault("viewport", {"width": 1280, "height": 900})
        options.setdefault("locale", "en-GB")
        context = browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        context.on("page", _watch_console)
        if options.get("java_script_enabled") is False:
            _scriptless.add(context)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        for page in context.pages:
            _csp_messages.pop(page, None)
        _scriptless.discard(context)
        context.close()


@pytest.fixture
def new_page(
    new_context: Callable[..., BrowserContext],
) -> Callable[..., Page]:
    def make(**options: Any) -> Page:
        return new_context(**options).new_page()

    return make


@pytest.fixture
def page(new_page: Callable[..., Page]) -> Page:
    return new_page()


def _axe_report(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"[{violation['impact']}] {violation['id']}: {violation['help']}"
            f" ({violation['helpUrl']})"
        )
        for node in violation["nodes"][:10]:
            lines.append(f"    at {' '.join(map(str, node['target']))}")
            lines.append(f"       {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n       ")
            if summary:
                lines.append(f"       {summary}")
    return "\n".join(lines)


def run_axe(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations for the page as it is now (injected if needed)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        if page.context in _scriptless:
            # Timers never fire when scripting is off, and axe waits on them:
            # run their callbacks as promise jobs, which still run here.
            page.evaluate(
                """() => {
                    window.setTimeout = (callback, delay, ...args) => {
                        Promise.resolve().then(() => callback(...args));
                        return 0;
                    };
                    window.clearTimeout = () => {};
                }"""
            )
        # add_script_tag would be an inline script, which the CSP refuses.
        page.evaluate(axe_source())
    result = page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {
                runOnly: {type: "tag", values: tags},
                resultTypes: ["violations"],
            });
            return results.violations;
        }""",
        AXE_TAGS,
    )
    return list(result)


def check_axe(page: Page, label: str = "") -> None:
    """Fail on any serious or critical WCAG 2.x A/AA violation, and on CSP errors."""
    violations = [v for v in run_axe(page) if v.get("impact") in BLOCKING_IMPACTS]
    where = label or page.url
    scheme = page.evaluate(
        "() => matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'"
    )
    width = page.evaluate("() => window.innerWidth")
    assert not violations, (
        f"axe-core found {len(violations)} serious or critical violation(s) on "
        f"{where} ({scheme}, {width}px wide):\n{_axe_report(violations)}"
    )
    assert_no_csp_violations(page)


def no_horizontal_scroll(page: Page) -> dict[str, int]:
    return dict(
        page.evaluate(
            """() => ({scrollWidth: document.documentElement.scrollWidth,
                       clientWidth: document.documentElement.clientWidth})"""
        )
    )
