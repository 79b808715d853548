from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from alongside.accounts.models import User
from alongside.demo.community import DEMO_PASSWORD, DEMO_TOTP_SECRET
from alongside.groups.models import Group, Membership
from alongside.meetings.models import Meeting
from alongside.moderation.models import ModerationLog
from alongside.resources.models import Credential, Helped, Resource
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


def _library_counts():
    return (
        Resource.objects.count(),
        Helped.objects.count(),
        Credential.objects.count(),
        Reply.objects.count(),
        ModerationLog.objects.count(),
    )


def test_the_demo_library_has_every_review_state_and_a_verified_nurse(db):
    call_command("seed_demo")
    states = set(Resource.objects.values_list("review_state", flat=True))
    assert states == {"not_reviewed", "reviewed", "concerns"}
    assert Resource.objects.count() >= 8
    assert (
        Resource.objects.filter(kind="helpline").exists()
        and Resource.objects.filter(kind="tip").exists()
        and Resource.objects.filter(kind="video").exists()
    )
    tags = set(Resource.objects.values_list("tags__slug", flat=True))
    assert {"pacing", "sleep", "grief", "panic"} <= tags
    shared_in = set(Resource.objects.values_list("groups__slug", flat=True))
    assert len(shared_in) >= 4

    amara = User.objects.get(username="dr_amara")
    badge = Credential.objects.get(member=amara)
    today = timezone.localdate()
    assert badge.is_active(today)
    assert badge.scope == "Registered nurse, Britain (UK)"
    assert badge.issuing_body == "Nursing and Midwifery Council"
    assert badge.verified_by.username == "casey"
    assert badge.verified_by.is_staff
    months = (badge.expires_on.year - today.year) * 12 + (
        badge.expires_on.month - today.month
    )
    assert months == 24
    waiting = Credential.objects.get(member__username="theo")
    assert waiting.status == Credential.Status.APPLIED

    concerns = Resource.objects.get(review_state="concerns")
    assert concerns.review_note and concerns.reviewer_name == "Amara"
    assert concerns.reviewer_profession == badge.scope
    # She reviews only in groups she belongs to.
    her_groups = set(
        Membership.objects.filter(member=amara).values_list("group_id", flat=True)
    )
    for resource in Resource.objects.filter(reviewed_by=amara):
        linked = set(resource.groups.values_list("pk", flat=True))
        assert linked & her_groups, resource.title

    helped = Resource.objects.filter(helped_count__gt=0)
    assert helped.count() >= 3
    for resource in helped:
        assert resource.helped_count == resource.helped_by.count()


def test_the_demo_threads_point_to_the_library_and_hear_from_the_nurse(db):
    call_command("seed_demo")
    linking = Reply.objects.exclude(resource_ids=[]).get()
    resource = Resource.objects.get(pk=linking.resource_ids[0])
    assert f"/resources/{resource.pk}/" in linking.body
    assert f'href="/resources/{resource.pk}/"' in linking.body_html
    professional = Reply.objects.get(author__username="dr_amara")
    assert professional.claim == Reply.Claim.PROFESSIONAL
    thread = professional.thread
    assert thread.reply_count == thread.replies.filter(is_opening=False).count()
    assert thread.last_activity_at >= professional.created_at


def test_seeding_again_adds_nothing_twice(db):
    call_command("seed_demo")
    before = _library_counts()
    call_command("seed_demo")
    assert _library_counts() == before


def test_the_demo_admin_signs_in_with_the_printed_code(db, capsys):
    call_command("seed_demo")
    casey = User.objects.get(username="casey")
    assert casey.is_staff and not casey.is_superuser
    assert casey.has_perm("resources.change_professionalhelp")
    totp_code()  # start in a fresh 30-second step, as the printed code says
    call_command("demo_code")
    code = capsys.readouterr().out.split("code now: ")[1][:6]
    client = Client()
    client.post("/accounts/login/", {"login": "casey", "password": DEMO_PASSWORD})
    response = client.post("/accounts/2fa/authenticate/", {"code": code}, follow=True)
    assert "Welcome back, Casey" in response.content.decode()
