"""The site's defences as a browser and an attacker meet them.

Headers on signed-in and anonymous pages (a nonce-based Content Security Policy
with nothing inline, no caching of private pages, no framing, no sniffing), CSRF,
the session cookie, the production deploy checks, sign-in throttling per account
and per address, and sign-in and password reset that never say whether an account
exists.
"""

import base64
import os
import re
import secrets
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from alongside.threads.models import Reply
from conftest import PASSWORD

ROOT = Path(__file__).resolve().parent.parent
TOO_MANY = "Too many failed login attempts. Try again later."
SIGN_IN_FAILED = "The username and/or password you specified are not correct."


def directives(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    policy = {}
    for part in header.split(";"):
        name, *values = part.split()
        policy[name] = values
    return policy


class Scripts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.nonces: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.nonces.append(dict(attrs).get("nonce"))


def script_nonces(response) -> list[str | None]:
    scripts = Scripts()
    scripts.feed(response.content.decode())
    return scripts.nonces


def signed_in_pages(world) -> list[str]:
    return [
        reverse("home"),
        world.groups["listed"].get_absolute_url(),
        world.threads["listed"].get_absolute_url(),
        reverse("accounts:profile", args=["rowan"]),
        reverse("accounts:profile_edit"),
        reverse("safety:help"),
    ]


ANONYMOUS_PAGES = [
    reverse("home"),
    reverse("groups:list"),
    reverse("groups:detail", args=["chronic-pain"]),
    reverse("safety:help"),
    reverse("account_login"),
    reverse("account_signup"),
]


def pages(world):
    member = world.client("member")
    anonymous = world.client("anonymous")
    return [(member, url) for url in signed_in_pages(world)] + [
        (anonymous, url) for url in ANONYMOUS_PAGES
    ]


# ---------------------------------------------------------------------------
# Headers


def test_every_page_has_a_nonce_policy_with_nothing_inline_and_only_nonced_scripts(
    world,
):
    for client, url in pages(world):
        response = client.get(url)
        assert response.status_code == 200, url
        policy = directives(response)
        header = response.headers["Content-Security-Policy"]
        assert "'unsafe-inline'" not in header, url
        assert "'unsafe-eval'" not in header, url
        nonces = [v for v in policy["script-src"] if v.startswith("'nonce-")]
        assert len(nonces) == 1, (url, header)
        nonce = nonces[0][len("'nonce-") : -1]
        assert len(nonce) >= 16, url
        assert policy["object-src"] == ["'none'"], url
        assert policy["base-uri"] == ["'none'"], url
        assert policy["frame-ancestors"] == ["'none'"], url
        found = script_nonces(response)
        assert found, f"{url} has no script, so the nonce check would prove nothing"
        assert found == [nonce] * len(found), (url, nonce, found)


def test_the_nonce_is_new_on_every_response(world):
    client = world.client("member")
    first, second = (directives(client.get("/"))["script-src"] for _ in range(2))
    assert first != second


def test_every_page_forbids_framing_sniffing_and_foreign_referrers(world):
    for client, url in pages(world):
        response = client.get(url)
        assert response.headers["Referrer-Policy"] == "same-origin", url
        assert response.headers["X-Content-Type-Options"] == "nosniff", url
        assert response.headers["X-Frame-Options"] == "DENY", url
        assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin", url


def test_signed_in_and_account_pages_are_never_stored_by_browsers_or_proxies(world):
    member = world.client("member")
    for url in signed_in_pages(world):
        assert member.get(url).headers["Cache-Control"] == "no-store", url
    for url in (reverse("account_login"), reverse("account_reset_password")):
        response = world.client("anonymous").get(url)
        assert response.headers["Cache-Control"] == "no-store", url


# ---------------------------------------------------------------------------
# Nothing from other origins: no third-party scripts, styles, fonts, images, frames

# The only sources any directive may name besides 'self' and 'none': the script
# nonce, and data: images (the balance chart's key).
ALLOWED_EXTRA_SOURCES = {"script-src": ("'nonce-",), "img-src": ("data:",)}


def test_the_policy_names_no_origin_but_the_sites_own(world):
    member = world.client("member")
    anonymous = world.client("anonymous")
    for client, url in (
        (anonymous, reverse("home")),
        (member, world.threads["listed"].get_absolute_url()),
        (anonymous, reverse("safety:help")),
        (member, reverse("safety:help")),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        policy = directives(response)
        assert policy["default-src"] == ["'self'"], url
        for name, sources in policy.items():
            extra = ALLOWED_EXTRA_SOURCES.get(name, ())
            for source in sources:
                allowed = source in ("'self'", "'none'") or source.startswith(extra)
                assert allowed, f"{url}: {name} allows {source}"


# Elements that load something into the page, and the attributes that say from where.
LOADING_TAG = re.compile(
    r"<(script|link|img|iframe|frame|source|video|audio|track|embed|object|image"
    r"|use|form|input|button|meta)\b[^>]*>",
    re.IGNORECASE | re.DOTALL,
)
FOREIGN = re.compile(
    r"\b(?:src|srcset|href|xlink:href|data|poster|action|formaction|content)"
    r"\s*=\s*[\"']?[^\"'>]*?(?:https?:)?//",
    re.IGNORECASE,
)
CSS_FOREIGN = re.compile(r"(?:url\(\s*[\"']?|@import\s+[\"']?)(?:https?:)?//", re.I)


def template_files() -> list[Path]:
    found = sorted((ROOT / "alongside").glob("**/templates/**/*.html"))
    assert len(found) > 50, "the templates were not found, so this checks nothing"
    return found


def test_no_template_loads_anything_from_another_origin():
    """Links people follow (<a href>, e.g. to support lines) are fine; anything the
    browser fetches by itself (scripts, styles, fonts, images, frames) is ours."""
    problems = []
    for path in template_files():
        text = path.read_text(encoding="utf-8")
        for tag in LOADING_TAG.finditer(text):
            if FOREIGN.search(tag.group(0)):
                problems.append(f"{path.relative_to(ROOT)}: {tag.group(0)[:120]}")
        for match in CSS_FOREIGN.finditer(text):
            problems.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    for path in sorted((ROOT / "alongside" / "static").glob("**/*.css")):
        for match in CSS_FOREIGN.finditer(path.read_text(encoding="utf-8")):
            problems.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    assert not problems, "\n".join(problems)


def test_the_template_check_catches_a_foreign_font_a_script_and_a_frame():
    for line in (
        '<link rel="stylesheet" href="https://fonts.example.com/css?family=Inter">',
        '<script src="//cdn.example.com/lib.js"></script>',
        "<img alt='' src='http://tracker.example.com/pixel.gif'>",
        '<iframe src="https://video.example.com/embed/1"></iframe>',
    ):
        tag = LOADING_TAG.search(line)
        assert tag and FOREIGN.search(tag.group(0)), line
    assert CSS_FOREIGN.search("@font-face { src: url('https://fonts.example.com/a') }")
    outbound = '<a href="https://www.samaritans.org/" rel="noopener">Samaritans</a>'
    assert LOADING_TAG.search(outbound) is None


# ---------------------------------------------------------------------------
# CSRF and the session cookie


def csrf_token(response) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text)
    assert match, "no CSRF token on the page"
    return match.group(1)


def test_a_post_without_the_csrf_token_is_refused_and_writes_nothing(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["member"])
    thread = world.threads["listed"]
    url = reverse("threads:reply", args=[thread.pk])
    before = Reply.objects.count()

    refused = client.post(url, {"body": "Posted from another site."})

    assert refused.status_code == 403
    assert Reply.objects.count() == before
    token = csrf_token(client.get(thread.get_absolute_url()))
    accepted = client.post(
        url, {"body": "Posted from the page.", "csrfmiddlewaretoken": token}
    )
    assert accepted.status_code == 302
    assert Reply.objects.count() == before + 1


def test_sign_in_without_the_csrf_token_is_refused(member):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("account_login"), {"login": "rowan", "password": PASSWORD}
    )
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_the_session_cookie_from_the_real_sign_in_is_http_only_and_same_site_lax(
    member,
):
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": "rowan", "password": PASSWORD}
    )
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert client.session["_auth_user_id"] == str(member.pk)


# ---------------------------------------------------------------------------
# Production settings


def production_env(var_dir: str) -> dict[str, str]:
    """Only what an operator sets: nothing inherited from the test run."""
    return {
        "ALONGSIDE_VAR_DIR": var_dir,
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", str(ROOT)),
        "LANG": "C.UTF-8",
        "ALONGSIDE_HTTPS": "1",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALONGSIDE_MESSAGE_KEYS": base64.b64encode(secrets.token_bytes(32)).decode(),
        "ALLOWED_HOSTS": "example.org",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }


PRODUCTION_SCRIPT = """
import django
django.setup()
from django.core import mail
from django.core.management import call_command
call_command("check", deploy=True, fail_level="WARNING")
print("mailer:", type(mail.mailers.default).__module__)
"""


@pytest.fixture(scope="module")
def production(tmp_path_factory) -> subprocess.CompletedProcess[str]:
    """Django started as an operator would run it: HTTPS on, no database URL."""
    return subprocess.run(
        [sys.executable, "-c", PRODUCTION_SCRIPT],
        cwd=ROOT,
        env=production_env(str(tmp_path_factory.mktemp("var"))),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_settings_pass_every_deploy_check_even_warnings(production):
    assert production.returncode == 0, production.stdout + production.stderr
    assert "System check identified no issues" in production.stdout


def test_production_settings_send_email_over_smtp(production):
    assert "mailer: django.core.mail.backends.smtp" in production.stdout


# ---------------------------------------------------------------------------
# Throttling and account enumeration


def sign_in(client: Client, login: str, password: str, address="203.0.113.5"):
    return client.post(
        reverse("account_login"),
        {"login": login, "password": password},
        REMOTE_ADDR=address,
    )


def test_failed_sign_ins_lock_the_account_even_against_the_right_password(member):
    client = Client()
    for _ in range(5):
        failed = sign_in(client, "rowan", "not-the-password")
        assert SIGN_IN_FAILED in failed.text

    response = sign_in(client, "rowan", PASSWORD)

    assert response.status_code == 200
    assert TOO_MANY in response.text
    assert "_auth_user_id" not in client.session
    # From another address too: the limit is on the account, not the browser.
    elsewhere = Client()
    assert TOO_MANY in sign_in(elsewhere, "rowan", PASSWORD, "198.51.100.9").text
    assert "_auth_user_id" not in elsewhere.session


def test_failed_sign_ins_from_one_address_lock_it_for_every_account(member, outsider):
    for n in range(10):
        sign_in(Client(), f"guess{n}", "not-the-password", "192.0.2.44")

    blocked = Client()
    response = sign_in(blocked, "quinn", PASSWORD, "192.0.2.44")

    assert TOO_MANY in response.text
    assert "_auth_user_id" not in blocked.session
    # The same account from another address still gets in.
    allowed = Client()
    assert sign_in(allowed, "quinn", PASSWORD, "192.0.2.45").status_code == 302
    assert allowed.session["_auth_user_id"] == str(outsider.pk)


def comparable(response, *names: str) -> str:
    """The page with what differs by design removed: tokens, nonces, typed names."""
    text = re.sub(r'value="[A-Za-z0-9]{32,}"', 'value="token"', response.text)
    text = re.sub(r'nonce="[^"]+"', 'nonce="nonce"', text)
    for name in names:
        text = text.replace(name, "NAME")
    return text


def test_a_wrong_password_and_an_unknown_name_get_the_same_answer(member):
    known = sign_in(Client(), "rowan", "not-the-password")
    unknown = sign_in(Client(), "rowan-nobody", "not-the-password")

    assert known.status_code == unknown.status_code == 200
    assert SIGN_IN_FAILED in known.text
    assert comparable(known, "rowan") == comparable(unknown, "rowan-nobody")


def test_throttled_sign_in_answers_the_same_for_known_and_unknown_names(member):
    answers = []
    for name in ("rowan", "rowan-nobody"):
        client = Client()
        for _ in range(5):
            sign_in(client, name, "not-the-password", "198.51.100.1")
        answers.append(sign_in(client, name, "not-the-password", "198.51.100.2"))
    known, unknown = answers
    assert TOO_MANY in known.text
    assert comparable(known, "rowan") == comparable(unknown, "rowan-nobody")


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(member):
    member.email = "rowan@example.org"
    member.save(update_fields=["email"])
    url = reverse("account_reset_password")

    known = Client().post(url, {"email": "rowan@example.org"})
    unknown = Client().post(url, {"email": "nobody@example.org"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    # Each address gets one email either way; only its owner can tell them apart.
    assert sorted(m.to[0] for m in mail.outbox) == [
        "nobody@example.org",
        "rowan@example.org",
    ]


@pytest.mark.parametrize("email", ["rowan@example.org", "nobody@example.org"])
def test_the_reset_done_page_says_the_same_whoever_asked(member, email):
    member.email = "rowan@example.org"
    member.save(update_fields=["email"])
    response = Client().post(
        reverse("account_reset_password"), {"email": email}, follow=True
    )
    assert response.status_code == 200
    assert "rowan" not in response.text
    assert email not in response.text
