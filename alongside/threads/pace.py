"""How often a new account may post threads and replies.

An account is new until it is ALONGSIDE_NEW_ACCOUNT_DAYS old or has
ALONGSIDE_NEW_ACCOUNT_POSTS posts others can see, whichever comes first. Until
then it waits ALONGSIDE_NEW_ACCOUNT_POST_GAP_SECONDS between posts and writes at
most ALONGSIDE_NEW_ACCOUNT_POSTS_PER_DAY in any 24 hours. Counted from the stored
posts, so it holds across processes and restarts. The caller lets a post that may
be a cry for help through without asking.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alongside.accounts.models import User
from alongside.core.errors import ActionRefused

from .models import Reply

DAY = timedelta(days=1)


def is_new_account(author: User, now: datetime) -> bool:
    days = settings.ALONGSIDE_NEW_ACCOUNT_DAYS
    if days <= 0 or author.date_joined <= now - timedelta(days=days):
        return False
    wanted = settings.ALONGSIDE_NEW_ACCOUNT_POSTS
    seen = Reply.objects.filter(
        author=author,
        deleted_at__isnull=True,
        hidden_at__isnull=True,
        held_at__isnull=True,
    )[:wanted].count()
    return seen < wanted


def _wait_words(seconds: float) -> str:
    """ "in 30 seconds", "in 4 minutes", "in about 3 hours": rounded up."""
    whole = max(int(-(-seconds // 1)), 1)
    if whole < 60:
        return ngettext("in %(n)d second", "in %(n)d seconds", whole) % {"n": whole}
    minutes = -(-whole // 60)
    if minutes < 60:
        return ngettext("in %(n)d minute", "in %(n)d minutes", minutes) % {"n": minutes}
    hours = -(-minutes // 60)
    return ngettext("in about %(n)d hour", "in about %(n)d hours", hours) % {"n": hours}


def check_posting_pace(author: User, now: datetime) -> None:
    """Refuse, kindly and saying when, a new account's post that comes too soon."""
    if not is_new_account(author, now):
        return
    per_day = settings.ALONGSIDE_NEW_ACCOUNT_POSTS_PER_DAY
    gap = timedelta(seconds=settings.ALONGSIDE_NEW_ACCOUNT_POST_GAP_SECONDS)
    recent = list(
        Reply.objects.filter(author=author, created_at__gt=now - DAY)
        .order_by("-created_at")
        .values_list("created_at", flat=True)[: max(per_day, 1)]
    )
    if recent and recent[0] > now - gap:
        wait = _wait_words((recent[0] + gap - now).total_seconds())
        raise ActionRefused(
            _(
                "Because your account is new, there's a short pause between posts. "
                "You can post again %(wait)s. Your words are still here."
            )
            % {"wait": wait}
        )
    if per_day and len(recent) >= per_day:
        wait = _wait_words((recent[-1] + DAY - now).total_seconds())
        raise ActionRefused(
            _(
                "Because your account is new, you can write %(count)d posts a day "
                "for now. You can post again %(wait)s. Your words are still here."
            )
            % {"count": per_day, "wait": wait}
        )
