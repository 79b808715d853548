"""Every change to groups and who belongs to them."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.accounts.models import User
from alongside.core.errors import ActionRefused
from alongside.core.live import revoke_room_access
from alongside.core.rendering import clean_text
from alongside.notifications import notify

from .models import Group, Invitation, JoinRequest, Membership
from .permissions import can_manage_members


def join_group(*, member: User, group: Group) -> Membership:
    """Join an open group, or one the member is invited to; twice is a no-op."""
    existing = Membership.objects.filter(group=group, member=member).first()
    if existing is not None:
        return existing
    invitation = Invitation.objects.filter(
        group=group, invitee=member, status=Invitation.Status.PENDING
    ).first()
    if group.join_policy != Group.JoinPolicy.OPEN and invitation is None:
        raise ActionRefused(_("This group asks people to request to join first."))
    with transaction.atomic():
        membership, _created = Membership.objects.get_or_create(
            group=group, member=member
        )
        # Notifications from an earlier membership can be seen again.
        notify.member_changed(member.pk)
        if invitation is not None:
            invitation.status = Invitation.Status.ACCEPTED
            invitation.responded_at = timezone.now()
            invitation.save(update_fields=["status", "responded_at"])
    return membership


def request_to_join(*, member: User, group: Group, answer: str = "") -> JoinRequest:
    """Ask to join a group that approves its members; asking again keeps one request."""
    if Membership.objects.filter(group=group, member=member).exists():
        raise ActionRefused(_("You're already a member of this group."))
    if group.join_policy == Group.JoinPolicy.INVITE:
        raise ActionRefused(_("This group is by invitation only."))
    if group.join_policy == Group.JoinPolicy.OPEN:
        raise ActionRefused(_("This group is open: you can join straight away."))
    answer = clean_text(answer).strip()
    with transaction.atomic():
        pending = JoinRequest.objects.filter(
            group=group, member=member, status=JoinRequest.Status.PENDING
        ).first()
        if pending is not None:
            pending.answer = answer
            pending.save(update_fields=["answer"])
            return pending
        return JoinRequest.objects.create(group=group, member=member, answer=answer)


def withdraw_join_request(*, member: User, group: Group) -> bool:
    """Withdraw a pending request; return whether there was one."""
    changed = JoinRequest.objects.filter(
        group=group, member=member, status=JoinRequest.Status.PENDING
    ).update(status=JoinRequest.Status.WITHDRAWN, decided_at=timezone.now())
    return changed > 0


def _decide(
    *, decider: User, join_request: JoinRequest, status: JoinRequest.Status
) -> JoinRequest:
    membership = Membership.objects.filter(
        group=join_request.group, member=decider
    ).first()
    if not can_manage_members(membership):
        raise ActionRefused(_("Only the group's facilitators can answer requests."))
    with transaction.atomic():
        join_request.status = status
        join_request.decided_at = timezone.now()
        join_request.decided_by = decider
        join_request.save(update_fields=["status", "decided_at", "decided_by"])
        if status == JoinRequest.Status.APPROVED:
            Membership.objects.get_or_create(
                group=join_request.group, member=join_request.member
            )
        notify.join_decided(join_request)
    return join_request


def approve_join_request(*, decider: User, join_request: JoinRequest) -> JoinRequest:
    """Let the person in."""
    return _decide(
        decider=decider, join_request=join_request, status=JoinRequest.Status.APPROVED
    )


def decline_join_request(*, decider: User, join_request: JoinRequest) -> JoinRequest:
    """Say no; the person may ask again later."""
    return _decide(
        decider=decider, join_request=join_request, status=JoinRequest.Status.DECLINED
    )


def invite_member(*, inviter: User, group: Group, username: str) -> Invitation:
    """Invite someone by their sign-in name; inviting twice keeps one invitation."""
    membership = Membership.objects.filter(group=group, member=inviter).first()
    if not can_manage_members(membership):
        raise ActionRefused(_("Only the group's facilitators can invite people."))
    invitee = User.objects.filter(
        username__iexact=username.strip(), is_active=True
    ).first()
    if invitee is None:
        raise ActionRefused(_("We couldn't find anyone with that name."))
    if Membership.objects.filter(group=group, member=invitee).exists():
        raise ActionRefused(_("They're already a member of this group."))
    try:
        with transaction.atomic():
            invitation, _created = Invitation.objects.get_or_create(
                group=group,
                invitee=invitee,
                status=Invitation.Status.PENDING,
                defaults={"invited_by": inviter},
            )
    except IntegrityError:
        invitation = Invitation.objects.get(
            group=group, invitee=invitee, status=Invitation.Status.PENDING
        )
    return invitation


def decline_invitation(*, member: User, group: Group) -> bool:
    changed = Invitation.objects.filter(
        group=group, invitee=member, status=Invitation.Status.PENDING
    ).update(status=Invitation.Status.DECLINED, responded_at=timezone.now())
    return changed > 0


def leave_group(*, member: User, group: Group) -> bool:
    """Leave a group; the member's posts stay. Return whether they were a member."""
    with transaction.atomic():
        deleted, _rows = Membership.objects.filter(group=group, member=member).delete()
        if deleted:
            revoke_room_access(group.pk, member.pk)
            # Its notifications drop out of the member's count and list at once.
            notify.member_changed(member.pk)
    return deleted > 0


def remove_member(*, remover: User, group: Group, member: User) -> bool:
    """Remove someone from a group (its moderators); their live connections close."""
    membership = Membership.objects.filter(group=group, member=remover).first()
    if membership is None or membership.role != Membership.Role.MODERATOR:
        raise ActionRefused(_("Only the group's moderators can remove people."))
    return leave_group(member=member, group=group)


def create_group(
    *,
    name: str,
    slug: str,
    who_for: str = "",
    description: str = "",
    rules: str = "",
    visibility: str = Group.Visibility.LISTED,
    join_policy: str = Group.JoinPolicy.OPEN,
    join_question: str = "",
    allows_anonymous: bool = False,
    facilitator: User | None = None,
) -> Group:
    """Create a group, with its first facilitator if given."""
    with transaction.atomic():
        group = Group.objects.create(
            name=name,
            slug=slug,
            who_for=who_for,
            description=description,
            rules=rules,
            visibility=visibility,
            join_policy=join_policy,
            join_question=join_question,
            allows_anonymous=allows_anonymous,
        )
        if facilitator is not None:
            Membership.objects.create(
                group=group, member=facilitator, role=Membership.Role.FACILITATOR
            )
    return group


def set_role(*, group: Group, member: User, role: str) -> Membership:
    """Give a member a role in the group (used by operators and the admin)."""
    membership, _created = Membership.objects.update_or_create(
        group=group, member=member, defaults={"role": role}
    )
    return membership
