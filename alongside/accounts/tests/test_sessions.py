"""Where a member is signed in: listing sessions, ending them, and what ends them."""

import re

import pytest
from allauth.usersessions.models import UserSession
from django.db import connection
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, totp_code

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
PHONE = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36"
)
SESSIONS = "/accounts/sessions/"
SIGNED_IN_PAGE = "/accounts/profile/"


def sign_in(username: str, agent: str = FIREFOX, address: str = "203.0.113.7"):
    """A browser signed in through the sign-in form, as a person would."""
    client = Client(HTTP_USER_AGENT=agent, REMOTE_ADDR=address)
    response = client.post(
        reverse("account_login"), {"login": username, "password": PASSWORD}
    )
    assert response.status_code == 302, response.content
    return client


def is_signed_in(client: Client) -> bool:
    response = client.get(SIGNED_IN_PAGE)
    if response.status_code == 302:
        assert response["Location"].startswith("/accounts/login/")
        return False
    assert response.status_code == 200
    return True


def test_the_page_lists_each_signed_in_browser_in_plain_words(member):
    laptop = sign_in("rowan", FIREFOX, "203.0.113.7")
    sign_in("rowan", PHONE, "198.51.100.20")
    response = laptop.get(SESSIONS)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Firefox on Linux (this device)" in body
    assert "Chrome on Android" in body
    assert "203.0.113.7" in body and "198.51.100.20" in body
    assert "Sign out everywhere else" in body
    assert "for 30 days, then clear them" in body


def test_the_page_uses_the_site_layout_and_nothing_inline(member):
    response = sign_in("rowan").get(SESSIONS)
    body = response.content.decode()
    assert 'class="skip-link"' in body and "Get help now" in body
    assert "<title>Where you're signed in – Alongside</title>" in body
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert " style=" not in body and "<style" not in body
    # Every script is a file, loaded with the request's nonce.
    for tag in re.findall(r"<script[^>]*>", body):
        assert "src=" in tag and "nonce=" in tag
    assert 'name="csrfmiddlewaretoken"' in body  # the header's sign-out form


def test_signing_out_everywhere_else_ends_the_other_sessions_only(member):
    laptop = sign_in("rowan", FIREFOX)
    phone = sign_in("rowan", PHONE)
    response = laptop.post(SESSIONS, follow=True)
    assert response.redirect_chain == [(SESSIONS, 302)]
    body = response.content.decode()
    assert "now signed out everywhere else" in body
    assert "You're only signed in here." in body
    assert not is_signed_in(phone)
    assert is_signed_in(laptop)
    assert UserSession.objects.filter(user=member).count() == 1


def test_a_member_cannot_end_another_members_session(member, other_member):
    rowan = sign_in("rowan")
    sam = sign_in("sam")
    sams_session = UserSession.objects.get(user=other_member)
    response = rowan.post(SESSIONS, {"sessions": [sams_session.pk]})
    assert response.status_code == 302
    assert is_signed_in(sam)
    assert UserSession.objects.filter(pk=sams_session.pk).exists()
    # Nor does one member's page show another's sessions.
    assert "Chrome" not in rowan.get(SESSIONS).content.decode()
    sign_in("sam", PHONE)
    assert "Chrome on Android" not in rowan.get(SESSIONS).content.decode()


def test_changing_the_password_signs_out_everywhere_else(member):
    laptop = sign_in("rowan", FIREFOX)
    phone = sign_in("rowan", PHONE)
    response = laptop.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "a-brand-new-long-password",
            "password2": "a-brand-new-long-password",
        },
    )
    assert response.status_code == 302
    assert is_signed_in(laptop)
    assert not is_signed_in(phone)
    remaining = UserSession.objects.filter(user=member)
    assert [s.session_key for s in remaining] == [laptop.session.session_key]


def test_adding_a_second_factor_signs_out_everywhere_else(
    member, django_capture_on_commit_callbacks
):
    laptop = sign_in("rowan", FIREFOX)
    phone = sign_in("rowan", PHONE)
    laptop.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert laptop.get(reverse("mfa_activate_totp")).status_code == 200
    secret = laptop.session["mfa.totp.secret"]
    code = totp_code(secret)
    # allauth announces the new authenticator once its transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = laptop.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 302, response.content.decode()
    assert member.authenticator_set.filter(type="totp").exists()
    assert is_signed_in(laptop)
    assert not is_signed_in(phone)


def test_signing_out_removes_the_sessions_record(member):
    laptop = sign_in("rowan")
    assert UserSession.objects.filter(user=member).count() == 1
    laptop.post(reverse("account_logout"))
    assert not UserSession.objects.filter(user=member).exists()


def test_the_page_reads_only_and_leaves_out_sessions_that_have_ended(member):
    laptop = sign_in("rowan", FIREFOX)
    phone = sign_in("rowan", PHONE)
    # The phone's session ends without its record being removed (it expired).
    from django.contrib.sessions.models import Session

    Session.objects.filter(session_key=phone.session.session_key).delete()
    writes = []

    def record(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            writes.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        body = laptop.get(SESSIONS).content.decode()
    assert writes == []
    assert "Chrome on Android" not in body
    assert "Firefox on Linux (this device)" in body


def test_a_session_from_before_sessions_were_listed_still_shows_as_this_device(
    member_client,
):
    body = member_client.get(SESSIONS).content.decode()
    assert "(this device)" in body
    assert "Before sign-ins were listed here" in body


def test_the_profile_offers_two_step_sign_in_and_the_sessions_page(member):
    body = sign_in("rowan").get(reverse("accounts:profile", args=["rowan"]))
    text = body.content.decode()
    assert f'href="{reverse("mfa_index")}">Two-step sign-in</a>' in text
    assert "Optional." in text and "passkey" in text
    assert f'href="{SESSIONS}">Where you\'re signed in</a>' in text


@pytest.mark.parametrize("name", ["mfa_index", "mfa_list_webauthn"])
def test_two_step_sign_in_pages_are_open_to_every_member_in_the_site_layout(
    member, name
):
    response = sign_in("rowan").get(reverse(name))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="skip-link"' in body and "Get help now" in body
    assert " style=" not in body and "<style" not in body


def test_resetting_a_forgotten_password_signs_out_everywhere(member, mailoutbox):
    member.email = "rowan@example.org"
    member.save(update_fields=["email"])
    laptop = sign_in("rowan", FIREFOX)
    browser = Client()
    browser.post(reverse("account_reset_password"), {"email": "rowan@example.org"})
    link = re.search(
        r"http://testserver(/accounts/password/reset/key/\S+/)", mailoutbox[0].body
    )
    assert link is not None
    form = browser.get(link.group(1), follow=True)
    assert form.status_code == 200
    response = browser.post(
        form.redirect_chain[-1][0],
        {
            "password1": "a-brand-new-long-password",
            "password2": "a-brand-new-long-password",
        },
    )
    assert response.status_code == 302
    assert not is_signed_in(laptop)
    assert not UserSession.objects.filter(user=member).exists()
