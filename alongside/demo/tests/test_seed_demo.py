from django.core.management import call_command
from django.test import Client

from alongside.accounts.models import User
from alongside.demo.community import DEMO_PASSWORD, DEMO_TOTP_SECRET
from alongside.groups.models import Group
from alongside.meetings.models import Meeting
from alongside.threads.models import Reaction, Reply, Thread
from conftest import totp_code


def test_seed_demo_builds_a_believable_community_once(db, capsys):
    call_command("seed_demo")
    assert Group.objects.count() >= 6
    assert {"chronic-pain", "anxiety-and-panic", "grief-and-loss", "long-covid"} <= set(
        Group.objects.values_list("slug", flat=True)
    )
    assert Thread.objects.count() >= 10
    assert Reply.objects.filter(is_opening=False).count() >= 10
    assert Reaction.objects.exists()
    assert Meeting.objects.count() == 3
    call_command("seed_demo", "--if-empty")
    assert "already has groups" in capsys.readouterr().out
    assert Meeting.objects.count() == 3


def test_the_demo_logins_sign_in_and_see_their_groups(db):
    call_command("seed_demo")
    client = Client()
    response = client.post(
        "/accounts/login/", {"login": "rowan", "password": DEMO_PASSWORD}, follow=True
    )
    body = response.content.decode()
    assert "Welcome back, Rowan" in body
    assert "Living with chronic pain" in body
    assert (
        User.objects.get(username="morgan")
        .memberships.filter(role="moderator")
        .exists()
    )


def test_the_demo_moderator_signs_in_with_the_printed_code(db, capsys):
    call_command("seed_demo")
    totp_code()  # start in a fresh 30-second step, as the printed code says
    call_command("demo_code")
    code = capsys.readouterr().out.split("code now: ")[1][:6]
    assert code == totp_code(DEMO_TOTP_SECRET)
    client = Client()
    client.post("/accounts/login/", {"login": "morgan", "password": DEMO_PASSWORD})
    response = client.post("/accounts/2fa/authenticate/", {"code": code}, follow=True)

    assert "Welcome back, Morgan" in response.content.decode()
    assert client.get("/groups/chronic-pain/moderation/").status_code == 200


def test_demo_code_refuses_once_the_moderator_has_a_key_of_their_own(db):
    import pytest
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP
    from django.core.management.base import CommandError

    call_command("seed_demo")
    morgan = User.objects.get(username="morgan")
    Authenticator.objects.filter(user=morgan).delete()
    TOTP.activate(morgan, "JBSWY3DPEHPK3PXP")

    with pytest.raises(CommandError):
        call_command("demo_code")
