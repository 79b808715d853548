"""Retention: how long Alongside keeps what it records about people, enforced daily.

- Sign-ins: the internet address and browser of each session are kept
  ALONGSIDE_RETAIN_IP_DAYS days after they were recorded, then cleared; the record
  of a session that has ended is deleted, and so are expired sessions.
- Safety flags: a flag resolved more than ALONGSIDE_RETAIN_RESOLVED_FLAGS_DAYS days
  ago is deleted with the reports under it. The moderation log keeps its rows: it
  is append-only and holds no text of posts.
- Copies of members' data: the file of an export whose link has expired
  (ALONGSIDE_EXPORT_KEEP_DAYS) is deleted (alongside/privacy/export.py).
- Deleted accounts: an account closed by its owner is deleted for good, with
  everything personal about it, ALONGSIDE_DELETION_GRACE_DAYS days later
  (alongside/accounts/deletion.py).

Run it with `python manage.py enforce_retention` (a daily timer, see docs/deploy.md)
or enqueue `enforce_retention_task`.
"""

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from importlib import import_module

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from .deletion import purge_deleted_accounts
from .sessions import ADDRESS_NOT_KEPT


@dataclass(frozen=True)
class Purged:
    ended_sessions: int  # records of sessions that had ended, deleted
    addresses_cleared: int  # sessions still signed in whose address was cleared
    flags: int  # resolved safety flags deleted
    reports: int  # reports deleted with them
    exports: int = 0  # files of members' data exports whose link expired, deleted
    accounts: int = 0  # accounts deleted for good once their grace period ended


def enforce_retention(*, now: datetime | None = None) -> Purged:
    """Delete or clear everything kept past its time; return what was removed."""
    now = now or timezone.now()
    ended, cleared = _forget_sign_ins(
        before=now - timedelta(days=settings.ALONGSIDE_RETAIN_IP_DAYS)
    )
    flags, reports = _delete_resolved_flags(
        before=now - timedelta(days=settings.ALONGSIDE_RETAIN_RESOLVED_FLAGS_DAYS)
    )
    from alongside.privacy.actions import expire_data_exports

    exports = expire_data_exports(now=now)
    accounts = purge_deleted_accounts(now=now).accounts
    return Purged(
        ended_sessions=ended,
        addresses_cleared=cleared,
        flags=flags,
        reports=reports,
        exports=exports,
        accounts=accounts,
    )


def _forget_sign_ins(*, before: datetime) -> tuple[int, int]:
    from allauth.usersessions.models import UserSession

    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
    ended = 0
    for session in UserSession.objects.iterator():
        if session.purge():  # deletes the record of a session that has ended
            ended += 1
    # A session's address and browser are refreshed with last_seen_at.
    cleared = (
        UserSession.objects.filter(last_seen_at__lt=before)
        .exclude(ip=ADDRESS_NOT_KEPT, user_agent="")
        .update(ip=ADDRESS_NOT_KEPT, user_agent="")
    )
    return ended, cleared


def _delete_resolved_flags(*, before: datetime) -> tuple[int, int]:
    from alongside.moderation.models import Flag, Report

    with transaction.atomic():
        _total, deleted = Flag.objects.filter(resolved_at__lt=before).delete()
    return deleted.get(Flag._meta.label, 0), deleted.get(Report._meta.label, 0)


@task
def enforce_retention_task() -> dict[str, int]:
    """The daily retention run, for the task worker."""
    return asdict(enforce_retention())
