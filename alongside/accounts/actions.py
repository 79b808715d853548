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
