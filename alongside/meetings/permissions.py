"""Yes/no answers about meetings, from the objects passed in; no queries here."""

from alongside.groups.models import Membership

from .models import Meeting

Role = Membership.Role


def can_schedule_meetings(membership: Membership | None) -> bool:
    """Scheduling, editing and cancelling: the group's facilitators and moderators."""
    return membership is not None and membership.role in (
        Role.FACILITATOR,
        Role.MODERATOR,
    )


def can_manage_meeting(membership: Membership | None, meeting: Meeting) -> bool:
    return (
        can_schedule_meetings(membership)
        and membership is not None
        and membership.group_id == meeting.group_id
        and not meeting.is_cancelled
    )


def can_answer(membership: Membership | None, meeting: Meeting) -> bool:
    """Say whether one is coming: any member, while the meeting is still on."""
    return (
        membership is not None
        and membership.group_id == meeting.group_id
        and not meeting.is_cancelled
    )
