"""Moderators warn, pause and remove members; the site's admins suspend them.
Each action needs a reason, tells the member, and adds one row to a log that is
only ever added to."""

import uuid
from html import unescape

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from alongside.accounts.models import User
from alongside.chat.actions import send_chat_message
from alongside.core.errors import ActionRefused
from alongside.groups.models import Membership
from alongside.moderation import actions
from alongside.moderation.models import ModerationLog, SupportMessage
from alongside.threads.models import Reaction, Reply
from conftest import PASSWORD, client_for, give_second_factor

PAUSED = (
    "The moderators have paused your posting in this group until 21 Feb 2026, midday."
)


def text(response) -> str:
    return unescape(response.content.decode())


def only_log_row() -> ModerationLog:
    rows = list(ModerationLog.objects.all())
    assert len(rows) == 1, [row.action for row in rows]
    return rows[0]


def member_url(name, group, person) -> str:
    return reverse(f"moderation:{name}", args=[group.slug, person.username])


@pytest.fixture
def admin(db) -> User:
    operator = User.objects.create_user(
        "operator", password=PASSWORD, is_staff=True, display_name="Operator"
    )
    give_second_factor(operator)
    return operator


# ---------------------------------------------------------------------------
# The log


def test_the_log_refuses_every_change_and_removal(moderator, member, group):
    actions.warn_member(
        moderator=moderator, group=group, member=member, reason="Be gentle."
    )
    row = ModerationLog.objects.get()

    row.reason = "Nothing happened."
    with pytest.raises(PermissionDenied):
        row.save()
    with pytest.raises(PermissionDenied):
        row.delete()
    with pytest.raises(PermissionDenied):
        ModerationLog.objects.filter(pk=row.pk).update(reason="Nothing happened.")
    with pytest.raises(PermissionDenied):
        ModerationLog.objects.all().delete()
    assert ModerationLog.objects.get().reason == "Be gentle."


# ---------------------------------------------------------------------------
# Warnings


def test_a_warning_reaches_the_member_in_the_moderators_words(
    clock, moderator_client, member_client, moderator, member, group
):
    url = member_url("warn", group, member)
    response = moderator_client.post(url, {"reason": "Please don't give doses."})

    assert response.status_code == 302
    assert response["Location"] == member_url("member", group, member)
    message = SupportMessage.objects.get(recipient=member)
    assert (message.kind, message.body, message.sender) == (
        SupportMessage.Kind.WARNING,
        "Please don't give doses.",
        moderator,
    )
    assert "Please don't give doses." in text(member_client.get(reverse("home")))
    log = only_log_row()
    assert (log.actor, log.group, log.action, log.target_id, log.subject) == (
        moderator,
        group,
        "member_warned",
        member.pk,
        member,
    )
    assert log.reason == "Please don't give doses."


def test_a_warning_needs_words_and_keeps_the_page(moderator_client, member, group):
    response = moderator_client.post(member_url("warn", group, member), {"reason": ""})

    assert response.status_code == 422
    assert "Say why. It goes in the log." in text(response)
    assert not SupportMessage.objects.exists()
    assert not ModerationLog.objects.exists()


# ---------------------------------------------------------------------------
# Pausing a member's posting


def test_a_paused_member_reads_and_reacts_but_cannot_post_until_the_time_is_up(
    clock, moderator_client, member_client, moderator, member, group, thread, reply
):
    response = moderator_client.post(
        member_url("mute_in_group", group, member),
        {"period": "day", "reason": "A day to cool off."},
    )
    assert response.status_code == 302

    page = text(member_client.get(thread.get_absolute_url()))
    assert PAUSED in page
    assert "Post reply" not in page
    refused = member_client.post(
        reverse("threads:reply", args=[thread.pk]), {"body": "Still here."}
    )
    assert PAUSED in text(refused)
    new_thread = member_client.post(
        reverse("threads:new", args=[group.slug]), {"title": "Hi", "body": "Hello."}
    )
    assert PAUSED in text(new_thread)
    sent = member_client.post(
        reverse("chat:send", args=[group.slug]),
        {"body": "Anyone?", "client_id": str(uuid.uuid4())},
    )
    assert PAUSED in text(sent)
    assert not Reply.objects.filter(body__in=["Still here.", "Hello."]).exists()
    member_client.post(reverse("threads:react", args=[reply.pk]), {"kind": "me_too"})
    assert Reaction.objects.filter(member=member).exists()
    told = SupportMessage.objects.get(recipient=member)
    assert told.kind == SupportMessage.Kind.ACTION
    assert "21 Feb 2026, midday" in told.body and "A day to cool off." in told.body
    log = only_log_row()
    assert (log.actor, log.action, log.target_id, log.subject) == (
        moderator,
        "member_muted",
        member.pk,
        member,
    )
    assert log.reason == "A day to cool off. (1 day)"

    clock.advance(days=1, seconds=1)
    assert "Post reply" in text(member_client.get(thread.get_absolute_url()))
    member_client.post(
        reverse("threads:reply", args=[thread.pk]), {"body": "Still here."}
    )
    assert Reply.objects.filter(body="Still here.").exists()
    send_chat_message(author=member, group=group, client_id=uuid.uuid4(), body="Hi")


def test_a_pause_lifted_early_lets_the_member_post_again(
    clock, moderator_client, moderator, member, group, thread
):
    actions.mute_member_in_group(
        moderator=moderator, group=group, member=member, period="week", reason="Spam."
    )
    with pytest.raises(ActionRefused):
        send_chat_message(author=member, group=group, client_id=uuid.uuid4(), body="x")

    response = moderator_client.post(
        member_url("unmute_in_group", group, member), {"reason": "They apologised."}
    )

    assert response.status_code == 302
    assert Membership.objects.get(group=group, member=member).muted_until is None
    send_chat_message(author=member, group=group, client_id=uuid.uuid4(), body="x")
    lifted = ModerationLog.objects.get(action="member_unmuted")
    assert (lifted.actor, lifted.reason, lifted.subject, lifted.target_id) == (
        moderator,
        "They apologised.",
        member,
        member.pk,
    )
    assert ModerationLog.objects.count() == 2


def test_a_pause_needs_a_period_from_the_list(moderator_client, member, group):
    response = moderator_client.post(
        member_url("mute_in_group", group, member),
        {"period": "forever", "reason": "Spam."},
    )
    assert response.status_code == 422
    assert Membership.objects.get(group=group, member=member).muted_until is None
    assert not ModerationLog.objects.exists()


# ---------------------------------------------------------------------------
# Removing a member


def test_a_removed_member_loses_the_group_and_is_told_why(
    moderator_client, member_client, moderator, member, group, thread
):
    response = moderator_client.post(
        member_url("remove_member", group, member), {"reason": "Repeated abuse."}
    )

    assert response.status_code == 302
    assert not Membership.objects.filter(group=group, member=member).exists()
    assert member_client.get(thread.get_absolute_url()).status_code == 404
    home = text(member_client.get(reverse("home")))
    assert "From the moderators of Living with chronic pain" in home
    assert "Repeated abuse." in home
    log = only_log_row()
    assert (log.actor, log.group, log.action, log.subject, log.reason) == (
        moderator,
        group,
        "member_removed",
        member,
        "Repeated abuse.",
    )
    assert log.target_type.model_class() is User and log.target_id == member.pk


def test_member_pages_answer_404_to_all_but_the_groups_moderators(
    member_client, facilitator_client, other_member_client, moderator_client,
    member, other_member, outsider, group,
):  # fmt: skip
    for name in ("member", "warn", "mute_in_group", "unmute_in_group", "remove_member"):
        url = member_url(name, group, other_member)
        for client in (member_client, facilitator_client):
            assert client.get(url).status_code == 404
            assert client.post(url, {"reason": "x", "period": "day"}).status_code == 404
        # Someone outside the group is not reachable through it.
        outside = member_url(name, group, outsider)
        assert moderator_client.get(outside).status_code == 404
    assert Membership.objects.filter(group=group, member=other_member).exists()
    assert not SupportMessage.objects.exists()
    assert not ModerationLog.objects.exists()


def test_the_member_actions_refuse_anyone_but_a_moderator(
    facilitator, member, other_member, group
):
    for attempt in (
        lambda: actions.warn_member(
            moderator=facilitator, group=group, member=member, reason="x"
        ),
        lambda: actions.mute_member_in_group(
            moderator=other_member, group=group, member=member, period="day",
            reason="x",
        ),
        lambda: actions.unmute_member_in_group(
            moderator=facilitator, group=group, member=member, reason="x"
        ),
        lambda: actions.remove_member(
            moderator=facilitator, group=group, member=member, reason="x"
        ),
        lambda: actions.suspend_member(
            admin=facilitator, member=member, until=member.date_joined, reason="x"
        ),
        lambda: actions.unsuspend_member(admin=facilitator, member=member, reason="x"),
    ):  # fmt: skip
        with pytest.raises(ActionRefused):
            attempt()
    assert not ModerationLog.objects.exists()


# ---------------------------------------------------------------------------
# Suspending a member from the whole site


def sign_in(username: str) -> Client:
    client = Client()
    client.post(reverse("account_login"), {"login": username, "password": PASSWORD})
    return client


def sessions_of(person: User) -> list[Session]:
    return [
        s
        for s in Session.objects.all()
        if s.get_decoded().get(SESSION_KEY) == str(person.pk)
    ]


def test_a_suspended_member_is_signed_out_at_once_and_cannot_sign_in_until_the_end(
    clock, admin, member, group
):
    signed_in = sign_in(member.username)
    assert "_auth_user_id" in signed_in.session
    assert sessions_of(member)

    response = client_for(admin).post(
        reverse("moderation:suspend", args=[member.username]),
        {"ends_on": "2026-03-01", "reason": "Spam in every group."},
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.suspended_until.isoformat() == "2026-03-01T00:00:00+00:00"
    assert not sessions_of(member)
    assert "Welcome back" not in text(signed_in.get(reverse("home")))
    refused = Client().post(
        reverse("account_login"), {"login": member.username, "password": PASSWORD}
    )
    assert refused.status_code == 403
    assert "suspended your account until" in text(refused)
    assert "1 Mar 2026, midnight</time>" in text(refused)
    assert "_auth_user_id" not in refused.wsgi_request.session
    log = only_log_row()
    assert (log.actor, log.group, log.action, log.target_id, log.subject) == (
        admin,
        None,
        "member_suspended",
        member.pk,
        member,
    )
    assert log.reason.startswith("Spam in every group.")

    clock.set(2026, 3, 1, 0, 1)
    after = Client()
    assert (
        after.post(
            reverse("account_login"), {"login": member.username, "password": PASSWORD}
        ).status_code
        == 302
    )
    assert "Welcome back" in text(after.get(reverse("home")))


def test_a_session_that_outlived_the_suspension_is_ended_on_its_next_request(
    clock, admin, member
):
    actions.suspend_member(
        admin=admin,
        member=member,
        until=clock.moment.replace(day=27),
        reason="Spam.",
    )
    survivor = client_for(member)  # as if a session had been missed

    response = survivor.get(reverse("home"))

    assert response.status_code == 403
    assert "suspended your account until" in text(response)
    assert "27 Feb 2026, midday</time>" in text(response)
    assert "Welcome back" not in text(survivor.get(reverse("home")))


def test_lifting_a_suspension_lets_the_member_sign_in_again(clock, admin, member):
    actions.suspend_member(
        admin=admin, member=member, until=clock.moment.replace(day=27), reason="Spam."
    )

    response = client_for(admin).post(
        reverse("moderation:unsuspend", args=[member.username]),
        {"reason": "Appeal accepted."},
    )

    assert response.status_code == 302
    assert sign_in(member.username).get(reverse("home")).status_code == 200
    assert "_auth_user_id" in sign_in(member.username).session
    lifted = ModerationLog.objects.get(action="member_unsuspended")
    assert (lifted.actor, lifted.reason, lifted.subject, lifted.target_id) == (
        admin,
        "Appeal accepted.",
        member,
        member.pk,
    )


def test_only_the_sites_admins_reach_the_suspension_pages(
    moderator_client, member_client, member, other_member
):
    for name in ("suspend", "unsuspend"):
        url = reverse(f"moderation:{name}", args=[other_member.username])
        for client in (moderator_client, member_client):
            assert client.get(url).status_code == 404
            data = {"ends_on": "2099-01-01", "reason": "x"}
            assert client.post(url, data).status_code == 404
    other_member.refresh_from_db()
    assert other_member.suspended_until is None
    assert not ModerationLog.objects.exists()


def test_a_suspension_ends_in_the_future_and_has_a_reason(clock, admin, member):
    url = reverse("moderation:suspend", args=[member.username])
    past = client_for(admin).post(url, {"ends_on": "2026-02-20", "reason": "Spam."})
    unsaid = client_for(admin).post(url, {"ends_on": "2026-03-01", "reason": ""})

    assert past.status_code == unsaid.status_code == 422
    assert "Choose a day after today." in text(past)
    member.refresh_from_db()
    assert member.suspended_until is None
    assert not ModerationLog.objects.exists()
