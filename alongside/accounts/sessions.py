"""Where a member is signed in: their sessions, listed and ended.

allauth.usersessions records each sign-in (when, from which address, which browser).
Ending a session here also closes the live connections opened with it
(core.live), and a new password or a change to the second factor ends every
session but the one that made the change.
"""

from dataclasses import dataclass
from datetime import datetime
from importlib import import_module
from typing import Any

from allauth.usersessions.adapter import DefaultUserSessionsAdapter
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest
from django.utils.translation import gettext as _

from alongside.core.live import (
    end_live_session,
    end_other_live_sessions,
    live_id,
    start_live_id,
)

# allauth's row needs an address; this one stands for "no longer kept".
ADDRESS_NOT_KEPT = "0.0.0.0"  # noqa: S104 (stored, never bound to)


class SessionsAdapter(DefaultUserSessionsAdapter):  # type: ignore[misc]
    """Ending a session closes its live connections too."""

    def end_sessions(self, sessions: Any) -> None:
        for session in sessions:
            store = _store(session.session_key)
            if store.exists(session.session_key):
                end_live_session(session.user_id, live_id(store))
            session.end()


def end_other_sessions(*, request: HttpRequest, member: Any) -> int:
    """Sign the member out everywhere but this request's session, live connections
    included; return how many recorded sessions were ended."""
    current = request.session.session_key
    others = list(
        UserSession.objects.filter(user_id=member.pk).exclude(session_key=current)
    )
    for session in others:
        session.end()
    # One event for all of them, and for sessions allauth never recorded (signed
    # in before it was installed, or through the admin's own sign-in form).
    end_other_live_sessions(member.pk, live_id(request.session))
    return len(others)


def on_security_change(
    sender: Any, request: HttpRequest, user: Any, **kwargs: Any
) -> None:
    """A new password or second factor: anyone else signed in must sign in again."""
    if user is not None and user.pk is not None:
        end_other_sessions(request=request, member=user)


def on_signed_in(
    sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any
) -> None:
    if request is not None and hasattr(request, "session"):
        start_live_id(request.session)


def on_signed_out(
    sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any
) -> None:
    """Signing out ends the session's record and its live connections."""
    if request is None or user is None or not request.session.session_key:
        return
    UserSession.objects.filter(session_key=request.session.session_key).delete()
    end_live_session(user.pk, live_id(request.session))


@dataclass(frozen=True)
class Device:
    started_at: datetime | None  # None: signed in before sign-ins were recorded
    browser: str
    address: str  # empty once it is no longer kept
    is_current: bool


def devices_of(request: HttpRequest, member: Any) -> list[Device]:
    """The member's sessions that are still signed in, oldest first. Reading only:
    records of sessions that have ended are left for the retention job."""
    current = request.session.session_key
    found = []
    for session in UserSession.objects.filter(user_id=member.pk).order_by("created_at"):
        is_current = session.session_key == current
        if not is_current and not _still_signed_in(session):
            continue
        found.append(
            Device(
                started_at=session.created_at,
                browser=describe_browser(session.user_agent),
                address="" if session.ip == ADDRESS_NOT_KEPT else session.ip,
                is_current=is_current,
            )
        )
    if not any(device.is_current for device in found):
        agent = request.META.get("HTTP_USER_AGENT", "")
        found.insert(0, Device(None, describe_browser(agent), "", is_current=True))
    return found


def _still_signed_in(session: UserSession) -> bool:
    """The session exists, has not expired and still belongs to its member."""
    data = _store(
        session.session_key
    ).load()  # an ended or expired session loads as empty
    return bool(data) and str(data.get(SESSION_KEY)) == str(session.user_id)


_BROWSERS = (
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("FxiOS/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)
_SYSTEMS = (
    ("Android", "Android"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("CrOS", "ChromeOS"),
    ("Windows", "Windows"),
    ("Macintosh", "Mac"),
    ("Linux", "Linux"),
)


def describe_browser(user_agent: str) -> str:
    """'Firefox on Linux' from a browser's User-Agent, as far as it can tell."""
    browser = next((name for mark, name in _BROWSERS if mark in user_agent), "")
    system = next((name for mark, name in _SYSTEMS if mark in user_agent), "")
    if browser and system:
        return _("%(browser)s on %(system)s") % {"browser": browser, "system": system}
    return browser or system or user_agent[:80]


def _store(session_key: str) -> SessionBase:
    store: SessionBase = import_module(settings.SESSION_ENGINE).SessionStore(
        session_key
    )
    return store
