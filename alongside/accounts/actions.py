from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.utils import timezone

from .models import User

PROFILE_FIELDS = ("display_name", "pronouns", "bio", "country", "time_zone", "language")


def update_profile(*, member: User, **changes: str) -> list[str]:
    """Save the given profile fields; return the names of those that changed."""
    changed = []
    for field, value in changes.items():
        if field not in PROFILE_FIELDS:
            raise ValueError(field)
        if getattr(member, field) != value:
            setattr(member, field, value)
            changed.append(field)
    if changed:
        member.save(update_fields=changed)
    return changed


def end_sessions(member: User) -> int:
    """Sign the member out everywhere now; return how many sessions ended.

    Sessions are stored by user id inside their encoded data, so each unexpired
    one is read; this runs only when an admin suspends someone.
    """
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get(SESSION_KEY) == str(member.pk):
            session.delete()
            ended += 1
    return ended
