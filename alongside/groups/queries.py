"""Every read about groups that depends on who is asking."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from alongside.accounts.models import User
from alongside.notifications.models import GroupLevel

from .models import Group, Invitation, JoinRequest, Membership
from .permissions import can_view_group_about, can_view_group_content

Viewer = User | AnonymousUser


@dataclass(frozen=True)
class GroupAccess:
    """A group as one viewer sees it."""

    group: Group
    membership: Membership | None
    pending_request: JoinRequest | None
    invitation: Invitation | None

    @property
    def is_member(self) -> bool:
        return self.membership is not None


def membership_of(viewer: Viewer, group: Group) -> Membership | None:
    if not viewer.is_authenticated:
        return None
    return Membership.objects.filter(group=group, member=viewer).first()


def access_group(viewer: Viewer, slug: str) -> GroupAccess:
    """The group's about page; 404 when missing or unlisted and not one's own."""
    group = Group.objects.filter(slug=slug).first()
    if group is None:
        raise Http404
    membership = pending = invitation = None
    if viewer.is_authenticated:
        # With how much the member hears from the group, for its page.
        membership = (
            Membership.objects.filter(group=group, member=viewer)
            .annotate(
                notification_level=Subquery(
                    GroupLevel.objects.filter(
                        group=OuterRef("group"), member=OuterRef("member")
                    ).values("level")[:1]
                )
            )
            .first()
        )
        if membership is None:
            pending = JoinRequest.objects.filter(
                group=group, member=viewer, status=JoinRequest.Status.PENDING
            ).first()
            invitation = Invitation.objects.filter(
                group=group, invitee=viewer, status=Invitation.Status.PENDING
            ).first()
    if not can_view_group_about(group, membership, is_invited=invitation is not None):
        raise Http404
    return GroupAccess(group, membership, pending, invitation)


def access_group_as_member(viewer: Viewer, slug: str) -> GroupAccess:
    """The group for reading or writing its content: members only, else 404."""
    if not viewer.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.select_related("group")
        .filter(group__slug=slug, member=viewer)
        .first()
    )
    if membership is None or not can_view_group_content(membership):
        raise Http404
    return GroupAccess(membership.group, membership, None, None)


def groups_in_directory(viewer: Viewer, search: str = "") -> QuerySet[Group]:
    """Listed groups, plus the unlisted ones the viewer belongs to."""
    visible = Q(visibility=Group.Visibility.LISTED)
    groups = Group.objects.all()
    if viewer.is_authenticated:
        mine = Membership.objects.filter(group=OuterRef("pk"), member=viewer)
        asked = JoinRequest.objects.filter(
            group=OuterRef("pk"), member=viewer, status=JoinRequest.Status.PENDING
        )
        groups = groups.annotate(is_member=Exists(mine), has_asked=Exists(asked))
        visible |= Q(is_member=True)
    groups = groups.filter(visible)
    if search:
        groups = groups.filter(
            Q(name__icontains=search)
            | Q(who_for__icontains=search)
            | Q(description__icontains=search)
        )
    return groups.annotate(member_count=Count("memberships", distinct=True)).order_by(
        "name"
    )


def groups_of(member: User) -> QuerySet[Group]:
    return (
        Group.objects.filter(memberships__member=member)
        .annotate(member_count=Count("memberships", distinct=True))
        .order_by("-last_activity_at")
    )


def shared_groups(viewer: Viewer, person: User) -> list[Group]:
    """Groups both people belong to (what lets them see each other's profile)."""
    if not viewer.is_authenticated:
        return []
    return list(
        Group.objects.filter(memberships__member=viewer)
        .filter(memberships__member=person)
        .distinct()
        .order_by("name")
    )


def access_profile(viewer: Viewer, username: str) -> User:
    """A profile is seen by its owner and by people who share a group; else 404.

    Which groups someone belongs to can say a lot about their health, so a stranger
    learns nothing, not even whether the name exists.
    """
    if not viewer.is_authenticated:
        raise Http404
    person = User.objects.filter(username=username, is_active=True).first()
    if person is None:
        raise Http404
    if person.pk != viewer.pk and not shared_groups(viewer, person):
        raise Http404
    return person


def members_in(group: Group) -> QuerySet[Membership]:
    return group.memberships.select_related("member").order_by("role", "joined_at")


def facilitators_in(group: Group) -> list[Membership]:
    return [m for m in members_in(group) if m.role != Membership.Role.MEMBER]


def pending_requests_in(group: Group) -> QuerySet[JoinRequest]:
    return (
        group.join_requests.filter(status=JoinRequest.Status.PENDING)
        .select_related("member")
        .order_by("created_at")
    )


def invitations_for(member: User) -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(invitee=member, status=Invitation.Status.PENDING)
        .select_related("group", "invited_by")
        .order_by("-created_at")
    )


def access_join_request(group: Group, request_id: int) -> JoinRequest:
    join_request = pending_requests_in(group).filter(pk=request_id).first()
    if join_request is None:
        raise Http404
    return join_request
