"""Every write about resources and professionals.

Badges change only here, only by the site's admins, never for themselves, and
each change is written to the moderation log in the same transaction.
"""

from calendar import monthrange
from collections.abc import Sequence
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from alongside.accounts.models import User
from alongside.core.errors import ActionRefused
from alongside.core.places import countries
from alongside.core.rendering import clean_text, render_markdown
from alongside.groups.models import Group, Membership
from alongside.groups.permissions import can_moderate, is_muted
from alongside.moderation.actions import flag_screened_content, log_action
from alongside.moderation.sources import check_source, check_sources
from alongside.safety.service import screen

from .models import MAX_BADGE_MONTHS, Credential, Helped, Resource, Tag, badge_day
from .permissions import (
    can_apply,
    can_decide_credentials,
    can_remove,
    can_review,
    can_share_in,
)
from .queries import credential_of, memberships_for

MAX_TAGS = 5
NOTE_MAX_LENGTH = 2000


def _required(value: str, message: str, limit: int) -> str:
    value = clean_text(value).strip()
    if not value:
        raise ActionRefused(message)
    return value[:limit]


# Professionals ---------------------------------------------------------------


def apply_as_professional(
    *,
    member: User,
    profession: str,
    registration_number: str,
    issuing_body: str,
    country: str,
    conflicts: str,
) -> Credential:
    """Ask the site's admins to check one's registration; grants nothing by itself."""
    now = timezone.now()
    credential = credential_of(member)
    if not can_apply(credential, badge_day(now)):
        raise ActionRefused(
            _("Your details are already with the admins, or your badge still stands.")
        )
    country = country.upper()
    if country not in countries():
        raise ActionRefused(_("Choose the country where you're registered."))
    fields = {
        "profession": _required(profession, _("Name your profession."), 80),
        "registration_number": _required(
            registration_number, _("Add your registration or licence number."), 60
        ),
        "issuing_body": _required(
            issuing_body, _("Name the register or board that issued it."), 160
        ),
        "country": country,
        "conflicts": _required(
            conflicts,
            _("Add a conflict-of-interest statement, or write “None”."),
            2000,
        ),
        "status": Credential.Status.APPLIED,
        "applied_at": now,
        "decided_at": None,
        "decision_reason": "",
    }
    with transaction.atomic():
        credential, _created = Credential.objects.update_or_create(
            member=member, defaults=fields
        )
        log_action(
            actor=member,
            group=None,
            action="professional_applied",
            target=credential,
            subject=member,
        )
    return credential


def _check_decider(admin: User, credential: Credential) -> None:
    if not can_decide_credentials(admin):
        raise ActionRefused(_("Only the site's admins can do this."))
    if credential.member_id == admin.pk:
        raise ActionRefused(_("Another admin has to check your own registration."))


def _until(today: date, months: int) -> date:
    if not 1 <= months <= MAX_BADGE_MONTHS:
        raise ActionRefused(
            _("A badge lasts between 1 and %(most)d months.")
            % {"most": MAX_BADGE_MONTHS}
        )
    # Whole months by the calendar, clamped to the month's last day.
    index = today.month - 1 + months
    year, month = today.year + index // 12, index % 12 + 1
    return date(year, month, min(today.day, monthrange(year, month)[1]))


def verify_professional(
    *, admin: User, credential: Credential, method: str, months: int
) -> Credential:
    """Grant the badge after checking the register: who, when and how are kept."""
    _check_decider(admin, credential)
    refused = _("Only an application waiting for a check can be verified.")
    if credential.status != Credential.Status.APPLIED:
        raise ActionRefused(refused)
    return _grant(
        admin,
        credential,
        method,
        months,
        was=Credential.Status.APPLIED,
        refused=refused,
        action="professional_verified",
    )


def renew_professional(
    *, admin: User, credential: Credential, method: str, months: int
) -> Credential:
    """Check the register again and extend a badge (also one that lapsed)."""
    _check_decider(admin, credential)
    refused = _("Only a verified badge can be renewed.")
    if credential.status != Credential.Status.VERIFIED:
        raise ActionRefused(refused)
    return _grant(
        admin,
        credential,
        method,
        months,
        was=Credential.Status.VERIFIED,
        refused=refused,
        action="professional_renewed",
    )


def _grant(
    admin: User,
    credential: Credential,
    method: str,
    months: int,
    *,
    was: str,
    refused: str,
    action: str,
) -> Credential:
    now = timezone.now()
    method = _required(
        method, _("Say how you checked, like “NMC register, PIN matched”."), 500
    )
    expires_on = _until(badge_day(now), months)
    with transaction.atomic():
        # Only from the status the admin saw: a page left open while the member
        # applied again, or another admin decided, must not overwrite that.
        granted = Credential.objects.filter(pk=credential.pk, status=was).update(
            status=Credential.Status.VERIFIED,
            verified_by=admin,
            verified_at=now,
            verification_method=method,
            expires_on=expires_on,
            decided_at=now,
            decision_reason="",
        )
        if not granted:
            raise ActionRefused(refused)
        log_action(
            actor=admin,
            group=None,
            action=action,
            target=credential,
            reason=f"{method} (until {expires_on.isoformat()})",
            subject=credential.member,
        )
    credential.refresh_from_db()
    return credential


def decline_professional(*, admin: User, credential: Credential, reason: str) -> bool:
    """Turn down an application; return whether one was waiting."""
    return _end(
        admin,
        credential,
        reason,
        Credential.Status.APPLIED,
        Credential.Status.DECLINED,
        "professional_declined",
    )


def revoke_professional(*, admin: User, credential: Credential, reason: str) -> bool:
    """Withdraw a badge at once; return whether there was one."""
    return _end(
        admin,
        credential,
        reason,
        Credential.Status.VERIFIED,
        Credential.Status.REVOKED,
        "professional_revoked",
    )


def _end(
    admin: User,
    credential: Credential,
    reason: str,
    was: str,
    becomes: str,
    action: str,
) -> bool:
    _check_decider(admin, credential)
    reason = _required(reason, _("Give a reason; the member will see it."), 1000)
    now = timezone.now()
    with transaction.atomic():
        changed = Credential.objects.filter(pk=credential.pk, status=was).update(
            status=becomes, decided_at=now, decision_reason=reason
        )
        if changed:
            log_action(
                actor=admin,
                group=None,
                action=action,
                target=credential,
                reason=reason,
                subject=credential.member,
            )
    credential.refresh_from_db()
    return bool(changed)


# Resources -------------------------------------------------------------------


def _tags(names: Sequence[str]) -> list[Tag]:
    tags = []
    for name in names:
        name = clean_text(name).strip().lower()[:40]
        slug = slugify(name)[:40]
        if not slug:
            continue
        tag, _created = Tag.objects.get_or_create(slug=slug, defaults={"name": name})
        if tag not in tags:
            tags.append(tag)
    if len(tags) > MAX_TAGS:
        raise ActionRefused(_("Use at most %(count)d tags.") % {"count": MAX_TAGS})
    return tags


def share_resource(
    *,
    author: User,
    title: str,
    summary: str,
    kind: str,
    sources: Sequence[str],
    groups: Sequence[Group],
    tags: Sequence[str] = (),
) -> Resource:
    """Share a resource with groups the author posts in; it starts "Not yet reviewed".

    Links are checked, never fetched. A tip from experience may come without a
    link; every other type needs at least one.
    """
    title = _required(title, _("Give it a title."), 160)
    summary = _required(summary, _("Say what it is and why it helped."), 2000)
    if kind not in Resource.Kind.values:
        raise ActionRefused(_("Choose what type of resource it is."))
    if not groups:
        raise ActionRefused(_("Choose at least one of your groups to share it with."))
    now = timezone.now()
    memberships = {
        m.group_id: m
        for m in Membership.objects.filter(member=author, group__in=groups)
    }
    for group in groups:
        membership = memberships.get(group.pk)
        if not can_share_in(membership) or is_muted(membership, now):
            raise ActionRefused(
                _("You can share resources only in groups where you can post.")
            )
    if kind == Resource.Kind.TIP:
        checked = [check_source(url) for url in sources if url.strip()][:3]
    else:
        checked = check_sources(list(sources))
    outcome = screen(f"{title}\n\n{summary}")
    with transaction.atomic():
        resource = Resource.objects.create(
            author=author,
            title=title,
            summary=summary,
            summary_html=render_markdown(summary),
            kind=kind,
            sources=checked,
            findings=outcome.to_findings(),
            created_at=now,
        )
        resource.groups.set(groups)
        resource.tags.set(_tags(tags))
        flag_screened_content(
            content=resource, group=groups[0], subject=author, outcome=outcome
        )
    return resource


def review_resource(
    *, reviewer: User, resource: Resource, concerns: bool, note: str = ""
) -> Resource:
    """Give a resource its review state; a review with concerns needs a note."""
    now = timezone.now()
    credential = credential_of(reviewer)
    if not can_review(reviewer, credential, resource, badge_day(now)):
        if resource.author_id == reviewer.pk:
            raise ActionRefused(
                _("Another professional has to review what you shared.")
            )
        raise ActionRefused(_("Only verified professionals can review resources."))
    if credential is None:  # can_review said yes, so there is one
        raise ActionRefused(_("Only verified professionals can review resources."))
    note = clean_text(note).strip()
    if concerns and not note:
        raise ActionRefused(
            _("Say what concerns you, so readers can judge for themselves.")
        )
    if len(note) > NOTE_MAX_LENGTH:
        raise ActionRefused(
            _("Keep the note to %(count)s characters or fewer.")
            % {"count": f"{NOTE_MAX_LENGTH:,}"}
        )
    state = Resource.Review.CONCERNS if concerns else Resource.Review.REVIEWED
    groups = memberships_for(reviewer, resource)
    with transaction.atomic():
        resource.review_state = state
        resource.reviewed_by = reviewer
        resource.reviewer_name = reviewer.public_name
        resource.reviewer_profession = credential.scope
        resource.reviewed_at = now
        resource.review_note = note
        resource.review_note_html = render_markdown(note) if note else ""
        resource.save(
            update_fields=[
                "review_state",
                "reviewed_by",
                "reviewer_name",
                "reviewer_profession",
                "reviewed_at",
                "review_note",
                "review_note_html",
            ]
        )
        log_action(
            actor=reviewer,
            group=groups[0].group if groups else None,
            action="resource_reviewed",
            target=resource,
            reason=f"{state}: {note}" if note else str(state),
            subject=resource.author,
        )
    return resource


def mark_helped(*, member: User, resource: Resource) -> bool:
    """Say "this helped me"; return whether it was new."""
    try:
        with transaction.atomic():
            Helped.objects.create(resource=resource, member=member)
            Resource.objects.filter(pk=resource.pk).update(
                helped_count=F("helped_count") + 1
            )
    except IntegrityError:
        return False
    return True


def unmark_helped(*, member: User, resource: Resource) -> bool:
    """Take back "this helped me"; return whether there was one."""
    with transaction.atomic():
        deleted, _rows = Helped.objects.filter(
            resource=resource, member=member
        ).delete()
        if deleted:
            Resource.objects.filter(pk=resource.pk).update(
                helped_count=F("helped_count") - 1
            )
    return bool(deleted)


def remove_resource(*, actor: User, resource: Resource, reason: str = "") -> bool:
    """Take a resource down (its sharer, or a moderator of one of its groups)."""
    memberships = memberships_for(actor, resource)
    if not can_remove(actor, resource, memberships):
        raise ActionRefused(
            _("Only the person who shared it or a moderator can do this.")
        )
    now = timezone.now()
    with transaction.atomic():
        removed = Resource.objects.filter(
            pk=resource.pk, removed_at__isnull=True
        ).update(removed_at=now)
        if removed and resource.author_id != actor.pk:
            log_action(
                actor=actor,
                group=next((m.group for m in memberships if can_moderate(m)), None),
                action="resource_removed",
                target=resource,
                reason=clean_text(reason).strip(),
                subject=resource.author,
            )
    return bool(removed)
