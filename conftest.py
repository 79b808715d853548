"""The test cast, shared by every test: people, groups and posts with clear roles."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from alongside.accounts.models import User
from alongside.groups.actions import create_group, set_role
from alongside.groups.models import Group, Membership
from alongside.threads.actions import post_reply, start_thread
from alongside.threads.models import Reply, Thread

PASSWORD = "a-long-test-password"


def make_user(username: str, **fields: object) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, **fields)
    return user


@pytest.fixture
def member(db) -> User:
    return make_user(
        "rowan", display_name="Rowan", country="GB", time_zone="Europe/London"
    )


@pytest.fixture
def other_member(db) -> User:
    return make_user("sam", display_name="Sam", country="US")


@pytest.fixture
def facilitator(db) -> User:
    return make_user("alex", display_name="Alex")


# The cast moderator's authenticator app; tests compute codes from it.
MODERATOR_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp_code(secret: str = MODERATOR_TOTP_SECRET) -> str:
    """What the person's authenticator app shows now, with time left to type it.

    A code computed in the last seconds of its 30-second step would be stale by
    the time the request reaches the server, so wait for the next step instead.
    """
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    if 30 - time.time() % 30 < 5:
        time.sleep(30 - time.time() % 30 + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def give_second_factor(user: User, secret: str = MODERATOR_TOTP_SECRET) -> None:
    """Moderators and admins must have one (see core.middleware)."""
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(user, secret)


@pytest.fixture
def moderator(db) -> User:
    user = make_user("morgan", display_name="Morgan")
    give_second_factor(user)
    return user


@pytest.fixture
def outsider(db) -> User:
    return make_user("quinn", display_name="Quinn")


@pytest.fixture
def group(member, other_member, facilitator, moderator) -> Group:
    """A listed, open group that allows anonymous posts."""
    group = create_group(
        name="Living with chronic pain",
        slug="chronic-pain",
        who_for="For people living with long-term pain.",
        description="Pacing, flares and the days nobody sees.",
        rules="Be kind.\nShare experience, not prescriptions.",
        allows_anonymous=True,
        facilitator=facilitator,
    )
    set_role(group=group, member=member, role=Membership.Role.MEMBER)
    set_role(group=group, member=other_member, role=Membership.Role.MEMBER)
    set_role(group=group, member=moderator, role=Membership.Role.MODERATOR)
    return group


@pytest.fixture
def private_group(member, facilitator) -> Group:
    """An unlisted, invitation-only group."""
    group = create_group(
        name="Recovery together",
        slug="recovery-together",
        description="Every day counts.",
        visibility=Group.Visibility.UNLISTED,
        join_policy=Group.JoinPolicy.INVITE,
        facilitator=facilitator,
    )
    set_role(group=group, member=member, role=Membership.Role.MEMBER)
    return group


@pytest.fixture
def thread(group, member) -> Thread:
    return start_thread(
        author=member,
        group=group,
        title="Pacing when you feel good",
        body="Does anyone else overdo it on the good days?",
    )


@pytest.fixture
def reply(thread, other_member) -> Reply:
    return post_reply(author=other_member, thread=thread, body="Every single time.")


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def member_client(member) -> Client:
    return client_for(member)


@pytest.fixture
def other_member_client(other_member) -> Client:
    return client_for(other_member)


@pytest.fixture
def facilitator_client(facilitator) -> Client:
    return client_for(facilitator)


@pytest.fixture
def moderator_client(moderator) -> Client:
    return client_for(moderator)


@pytest.fixture
def outsider_client(outsider) -> Client:
    return client_for(outsider)


@pytest.fixture
def crisis_directory(db) -> None:
    """The shipped crisis lines: transactional tests flush what migrations loaded."""
    from alongside.safety.models import CrisisLine
    from alongside.safety.resources import load_crisis_resources

    if not CrisisLine.objects.exists():
        load_crisis_resources()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate limits and cached pages from one test must not leak into the next
    (with REDIS_URL the cache outlives the test process, too)."""
    cache.clear()
    yield
    cache.clear()


class Clock:
    """Stands in for `django.utils.timezone.now`; move it with `set` or `advance`.

    Model fields declared with `default=timezone.now` keep the real clock, so the
    actions pass their own `now = timezone.now()` wherever time matters.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.moment = datetime(2026, 2, 20, 12, 0, tzinfo=UTC)
        monkeypatch.setattr(timezone, "now", lambda: self.moment)

    def set(self, *args: int) -> datetime:
        self.moment = datetime(*args, tzinfo=UTC)
        return self.moment

    def advance(self, **delta: float) -> datetime:
        self.moment += timedelta(**delta)
        return self.moment


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return Clock(monkeypatch)
