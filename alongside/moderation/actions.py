"""Every write of the moderation app; each use of power adds a log row."""

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.accounts.models import User
from alongside.core.errors import ActionRefused
from alongside.core.rendering import clean_text
from alongside.groups.models import Group, Membership
from alongside.groups.permissions import can_moderate
from alongside.safety.service import Outcome

from .models import Flag, ModerationLog, SupportMessage

CRISIS_SEVERITY = {"urgent": Flag.Severity.URGENT, "concern": Flag.Severity.CONCERN}


def flag_screened_content(
    *, content: models.Model, group: Group, subject: User | None, outcome: Outcome
) -> Flag | None:
    """Flag crisis language for the group's moderators; the content stays up."""
    severity = CRISIS_SEVERITY.get(outcome.crisis)
    if severity is None:
        return None
    return Flag.objects.create(
        group=group,
        content_type=ContentType.objects.get_for_model(content),
        object_id=content.pk,
        subject=subject,
        severity=severity,
        source=Flag.Source.SAFETY,
        findings=outcome.to_findings(),
    )


def log_action(
    *,
    actor: User | None,
    group: Group | None,
    action: str,
    target: models.Model | None = None,
    reason: str = "",
    subject: User | None = None,
) -> ModerationLog:
    """Record one use of power; call it inside the transaction of its effect."""
    return ModerationLog.objects.create(
        actor=actor,
        group=group,
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target else None,
        target_id=target.pk if target else None,
        reason=reason,
        subject=subject,
        created_at=timezone.now(),
    )


def _check_moderator(moderator: User, group: Group) -> None:
    membership = Membership.objects.filter(group=group, member=moderator).first()
    if not can_moderate(membership):
        raise ActionRefused(_("Only the group's moderators can do this."))


def resolve_flag(
    *, moderator: User, flag: Flag, resolution: str, reason: str = ""
) -> bool:
    """Close a flag ("left up", "reached out"…); return whether it was open."""
    _check_moderator(moderator, flag.group)
    with transaction.atomic():
        closed = Flag.objects.filter(pk=flag.pk, resolved_at__isnull=True).update(
            resolved_at=timezone.now(), resolved_by=moderator, resolution=resolution
        )
        if closed:
            log_action(
                actor=moderator,
                group=flag.group,
                action=f"flag_{resolution}",
                target=flag,
                reason=reason,
            )
    return bool(closed)


def reach_out(*, moderator: User, flag: Flag, body: str) -> SupportMessage:
    """Send the person behind a flag a private, caring message, and close the flag."""
    _check_moderator(moderator, flag.group)
    body = clean_text(body).strip()
    if not body:
        raise ActionRefused(_("Write a message before sending."))
    if flag.subject is None:
        raise ActionRefused(_("This person's account no longer exists."))
    with transaction.atomic():
        message = SupportMessage.objects.create(
            group=flag.group, recipient=flag.subject, sender=moderator, body=body
        )
        resolve_flag(moderator=moderator, flag=flag, resolution="reached_out")
    return message
