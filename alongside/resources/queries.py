"""Every read about resources and professionals that depends on who is asking.

A resource belongs to one or more groups and is seen by their members only, as
their threads are; missing and not-yours both answer 404.
"""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AnonymousUser
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.http import Http404

from alongside.accounts.models import User
from alongside.core.errors import SecondFactorRequired
from alongside.core.middleware import has_second_factor
from alongside.groups.models import Group, Membership
from alongside.moderation.models import ModerationLog

from .models import Credential, Helped, ProfessionalHelp, Resource, Tag, badge_day
from .permissions import can_decide_credentials, has_badge

Viewer = User | AnonymousUser

GroupLink = Resource.groups.through


def today() -> date:
    return badge_day()


def badge_of(member: User | None) -> Credential | None:
    """The member's credential while its badge stands, else None (one query)."""
    if member is None or not member.is_authenticated:
        return None
    credential = Credential.objects.filter(member=member).first()
    return credential if has_badge(credential, today()) else None


def credential_of(member: User) -> Credential | None:
    return Credential.objects.filter(member=member).first()


def _groups_of(viewer: Viewer) -> QuerySet[Membership, int]:
    return Membership.objects.filter(member_id=viewer.pk).values_list(
        "group_id", flat=True
    )


def resources_visible_to(viewer: Viewer) -> QuerySet[Resource]:
    """Resources still up in at least one of the viewer's groups."""
    if not viewer.is_authenticated:
        return Resource.objects.none()
    in_my_groups = GroupLink.objects.filter(
        resource_id=OuterRef("pk"), group_id__in=_groups_of(viewer)
    )
    return Resource.objects.filter(Exists(in_my_groups), removed_at__isnull=True)


def _for_cards(viewer: Viewer, resources: QuerySet[Resource]) -> QuerySet[Resource]:
    """With tags and only the groups the viewer is in: a private group's name never
    reaches someone outside it through a resource it shares with another group."""
    mine = Group.objects.filter(pk__in=_groups_of(viewer)).order_by("name")
    return (
        resources.select_related("author")
        .prefetch_related(
            "tags", Prefetch("groups", queryset=mine, to_attr="visible_groups")
        )
        .annotate(
            helped_me=Exists(
                Helped.objects.filter(resource_id=OuterRef("pk"), member_id=viewer.pk)
            )
        )
    )


@dataclass(frozen=True)
class LibraryFilters:
    group: str = ""
    tag: str = ""
    kind: str = ""
    review: str = ""


def library(viewer: Viewer, filters: LibraryFilters) -> QuerySet[Resource]:
    """The library as the viewer may browse it, by group, tag, type and review."""
    resources = resources_visible_to(viewer)
    if filters.group:
        # Only the viewer's own groups: browsing by another group's address would
        # tell which resources it shares, and that it exists.
        resources = resources.filter(
            Exists(
                GroupLink.objects.filter(
                    resource_id=OuterRef("pk"),
                    group__slug=filters.group,
                    group_id__in=_groups_of(viewer),
                )
            )
        )
    if filters.tag:
        resources = resources.filter(
            Exists(
                Resource.tags.through.objects.filter(
                    resource_id=OuterRef("pk"), tag__slug=filters.tag
                )
            )
        )
    if filters.kind in Resource.Kind.values:
        resources = resources.filter(kind=filters.kind)
    if filters.review in Resource.Review.values:
        resources = resources.filter(review_state=filters.review)
    return _for_cards(viewer, resources)


def groups_to_share_in(viewer: Viewer) -> QuerySet[Group]:
    """The viewer's groups, by name: where they may offer to share a resource."""
    return Group.objects.filter(pk__in=_groups_of(viewer)).order_by("name")


def library_choices(viewer: Viewer) -> tuple[list[Group], list[Tag]]:
    """The viewer's groups and the tags in use among resources they can see."""
    groups = list(groups_to_share_in(viewer))
    tags = list(
        Tag.objects.filter(
            Exists(
                Resource.tags.through.objects.filter(
                    tag_id=OuterRef("pk"),
                    resource__in=resources_visible_to(viewer),
                )
            )
        )
    )
    return groups, tags


def access_resource(viewer: Viewer, resource_id: int) -> Resource:
    resource = (
        _for_cards(viewer, resources_visible_to(viewer)).filter(pk=resource_id).first()
    )
    if resource is None:
        raise Http404
    return resource


def resource_cards(viewer: Viewer, ids: set[int]) -> dict[int, Resource]:
    """The resources that replies link to, by id, that this viewer may see."""
    if not ids:
        return {}
    rows = resources_visible_to(viewer).filter(pk__in=ids).select_related("author")
    return {resource.pk: resource for resource in rows}


def memberships_for(viewer: User, resource: Resource) -> list[Membership]:
    return list(
        Membership.objects.filter(
            member=viewer,
            group_id__in=GroupLink.objects.filter(resource_id=resource.pk).values(
                "group_id"
            ),
        )
    )


def credentials_to_decide(admin: User) -> QuerySet[Credential]:
    """Every application and badge, for the site's admins; 404 for anyone else.

    Waiting first, then verified (`is_lapsed` marks those past their date),
    declined and withdrawn; oldest application first within each."""
    if not can_decide_credentials(admin):
        raise Http404
    if not has_second_factor(admin):
        raise SecondFactorRequired
    status = Credential.Status
    return (
        Credential.objects.select_related("member", "verified_by")
        .annotate(
            section=Case(
                When(status=status.APPLIED, then=Value(0)),
                When(status=status.VERIFIED, then=Value(1)),
                When(status=status.DECLINED, then=Value(2)),
                default=Value(3),
                output_field=IntegerField(),
            ),
            is_lapsed=ExpressionWrapper(
                Q(status=status.VERIFIED, expires_on__lte=today()),
                output_field=BooleanField(),
            ),
        )
        .order_by("section", "applied_at", "pk")
    )


def access_credential(admin: User, credential_id: int) -> Credential:
    credential = credentials_to_decide(admin).filter(pk=credential_id).first()
    if credential is None:
        raise Http404
    return credential


PROFESSIONAL_EVENTS = "professional_"


def badge_history(credential: Credential) -> list[ModerationLog]:
    """Every badge event about the credential's member, newest first (one query).

    Only for the pages of `access_credential`, which has checked the viewer."""
    return list(
        ModerationLog.objects.filter(
            subject_id=credential.member_id,
            action__startswith=PROFESSIONAL_EVENTS,
        )
        .select_related("actor")
        .order_by("-created_at", "-pk")
    )


def professional_help_in(country: str) -> list[ProfessionalHelp]:
    return list(ProfessionalHelp.objects.filter(country=country.upper()))
