"""Retention: sign-in addresses and resolved safety flags are kept only so long."""

from datetime import timedelta
from io import StringIO

import pytest
from allauth.usersessions.models import UserSession
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from alongside.accounts.retention import enforce_retention, enforce_retention_task
from alongside.accounts.sessions import ADDRESS_NOT_KEPT
from alongside.moderation.models import Flag, ModerationLog, Report
from conftest import PASSWORD

SECOND = timedelta(seconds=1)


def sign_in(username: str, address: str) -> Client:
    client = Client(HTTP_USER_AGENT="Firefox/128.0", REMOTE_ADDR=address)
    response = client.post(
        reverse("account_login"), {"login": username, "password": PASSWORD}
    )
    assert response.status_code == 302
    return client


def recorded_at(username: str, when) -> None:
    UserSession.objects.filter(user__username=username).update(
        created_at=when, last_seen_at=when
    )


def run() -> str:
    out = StringIO()
    call_command("enforce_retention", stdout=out)
    return out.getvalue()


@pytest.fixture
def resolved_flags(reply, moderator, clock):
    """Two resolved flags with a report each: one just inside 90 days, one past."""
    now = clock.moment
    kept, gone = (
        Flag.objects.create(
            group=reply.thread.group,
            content_type=ContentType.objects.get_for_model(reply),
            object_id=reply.pk,
            subject=reply.author,
            severity=Flag.Severity.HARASSMENT,
            source=Flag.Source.REPORT,
            created_at=resolved - timedelta(days=1),
            resolved_at=resolved,
            resolved_by=moderator,
            resolution="left_up",
        )
        for resolved in (
            now - timedelta(days=90) + SECOND,
            now - timedelta(days=90) - SECOND,
        )
    )
    for flag in (kept, gone):
        Report.objects.create(
            flag=flag, reporter=moderator, reason=Report.Reason.HARASSMENT
        )
    ModerationLog.objects.create(
        actor=moderator, group=reply.thread.group, action="resolve", reason="Fine."
    )
    return kept, gone


def test_addresses_just_inside_the_window_stay_and_those_past_it_are_cleared(
    member, other_member, clock
):
    sign_in("rowan", "203.0.113.7")
    sign_in("sam", "198.51.100.20")
    recorded_at("rowan", clock.moment - timedelta(days=30) + SECOND)
    recorded_at("sam", clock.moment - timedelta(days=30) - SECOND)

    purged = enforce_retention()

    assert purged.addresses_cleared == 1
    rowan = UserSession.objects.get(user=member)
    sam = UserSession.objects.get(user=other_member)
    assert (rowan.ip, rowan.user_agent) == ("203.0.113.7", "Firefox/128.0")
    assert (sam.ip, sam.user_agent) == (ADDRESS_NOT_KEPT, "")


def test_a_cleared_session_is_still_signed_in_and_listed_without_its_address(
    member, clock
):
    laptop = sign_in("rowan", "203.0.113.7")
    recorded_at("rowan", clock.moment - timedelta(days=31))
    enforce_retention()
    body = laptop.get(reverse("accounts:sessions")).content.decode()
    assert "203.0.113.7" not in body
    assert "Not kept" in body


def test_records_of_ended_sessions_are_deleted(member, clock):
    laptop = sign_in("rowan", "203.0.113.7")
    phone = sign_in("rowan", "198.51.100.20")
    from django.contrib.sessions.models import Session

    Session.objects.filter(session_key=phone.session.session_key).delete()
    purged = enforce_retention()
    assert purged.ended_sessions == 1
    assert list(UserSession.objects.values_list("session_key", flat=True)) == [
        laptop.session.session_key
    ]


def test_expired_sessions_are_cleared_with_their_records(member, clock):
    sign_in("rowan", "203.0.113.7")
    clock.advance(days=15)  # sessions last 14 days
    purged = enforce_retention()
    assert purged.ended_sessions == 1
    assert not UserSession.objects.exists()
    from django.contrib.sessions.models import Session

    assert not Session.objects.exists()


def test_resolved_flags_past_the_window_go_with_their_reports(resolved_flags):
    kept, _gone = resolved_flags
    purged = enforce_retention()
    assert (purged.flags, purged.reports) == (1, 1)
    assert list(Flag.objects.values_list("pk", flat=True)) == [kept.pk]
    assert list(Report.objects.values_list("flag_id", flat=True)) == [kept.pk]
    # The moderation log is append-only and keeps every row.
    assert ModerationLog.objects.count() == 1


def test_open_flags_stay_however_old(reply, clock):
    Flag.objects.create(
        group=reply.thread.group,
        content_type=ContentType.objects.get_for_model(reply),
        object_id=reply.pk,
        severity=Flag.Severity.CONCERN,
        source=Flag.Source.SAFETY,
        created_at=clock.moment - timedelta(days=400),
    )
    assert enforce_retention().flags == 0
    assert Flag.objects.count() == 1


def test_the_windows_come_from_settings(resolved_flags, settings):
    settings.ALONGSIDE_RETAIN_RESOLVED_FLAGS_DAYS = 91
    assert enforce_retention().flags == 0
    settings.ALONGSIDE_RETAIN_RESOLVED_FLAGS_DAYS = 89
    assert enforce_retention().flags == 2


def test_the_command_prints_counts_only(member, resolved_flags, clock):
    sign_in("rowan", "203.0.113.7")
    recorded_at("rowan", clock.moment - timedelta(days=31))
    out = run()
    assert "Sign-in addresses and browsers older than 30 days cleared: 1" in out
    assert (
        "Safety flags resolved more than 90 days ago deleted: 1 (with 1 reports)" in out
    )
    assert "Records of ended sessions deleted: 0" in out
    assert "203.0.113.7" not in out and "rowan" not in out
    # A second run finds nothing left to do.
    assert "cleared: 0" in run()


def test_the_daily_task_runs_the_same_purge(resolved_flags):
    result = enforce_retention_task.enqueue()
    assert result.return_value == {
        "ended_sessions": 0,
        "addresses_cleared": 0,
        "flags": 1,
        "reports": 1,
        "exports": 0,
        "accounts": 0,
    }
    assert Flag.objects.count() == 1
