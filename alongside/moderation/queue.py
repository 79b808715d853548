"""Reads for the moderation queue: safety flags and member reports together, the
history of the people they are about, and the moderator's own day.

Every read here costs a fixed number of queries, whatever the number of items.
"""

import zoneinfo
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, IntegerField, Model, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from alongside.accounts.models import User
from alongside.core.errors import SecondFactorRequired
from alongside.core.middleware import has_second_factor
from alongside.groups.models import Group

from .models import Flag, ModerationLog, ModeratorPreference, Report
from .queries import party_to

# Crisis posts nobody has answered surface at the top of the queue after this.
WAITING_FOR_AN_ANSWER = timedelta(minutes=30)
DISTRESSING = (Flag.Severity.URGENT, Flag.Severity.CONCERN)
CRISIS_LEVELS = ("urgent", "concern")


@dataclass(frozen=True)
class QueueItem:
    """One open flag as the queue shows it. Reports are counted, never named."""

    flag: Flag
    kind: str  # "post", "message", "profile", or "" when the content is gone
    link: str
    writer: str
    reporters: int
    reasons: list[str]
    notes: list[str]
    earlier_flags: int
    earlier_actions: int
    is_distressing: bool
    mentions_self_harm: bool

    @property
    def is_report(self) -> bool:
        return self.flag.source == Flag.Source.REPORT

    @property
    def is_anonymous(self) -> bool:
        return bool(getattr(self.flag.content, "is_anonymous", False))


def _count_of[M: Model](rows: QuerySet[M], by: str) -> Coalesce:
    """A correlated COUNT of `rows` (filtered on the outer row), 0 when none."""
    counted = rows.order_by().values(by).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _open_flags(groups: list[Group] | None, viewer: User | None) -> QuerySet[Flag]:
    """Open flags, most severe first, then longest waiting, with the history of
    the person each is about, in the same query; none the viewer is a party to."""
    flags = Flag.objects.filter(resolved_at__isnull=True)
    if groups is not None:
        flags = flags.filter(group__in=groups)
    if viewer is not None:
        flags = flags.exclude(party_to(viewer))
    earlier_flags = Flag.objects.filter(
        group=OuterRef("group"),
        subject=OuterRef("subject"),
        created_at__lt=OuterRef("created_at"),
    )
    actions_about = ModerationLog.objects.filter(
        group=OuterRef("group"), subject=OuterRef("subject")
    )
    return (
        flags.annotate(
            earlier_flags=_count_of(earlier_flags, "subject"),
            earlier_actions=_count_of(actions_about, "subject"),
        )
        .select_related("group", "subject", "claimed_by")
        .prefetch_related("content")
        .order_by("severity", "created_at", "pk")
    )


def _kind_and_link(flag: Flag) -> tuple[str, str]:
    content = flag.content
    if content is None:
        return "", ""
    if isinstance(content, User):
        return "profile", content.get_absolute_url()
    if content._meta.label_lower == "chat.chatmessage":
        room = reverse("chat:room", kwargs={"slug": flag.group.slug})
        return "message", f"{room}#message-{content.seq}"
    if content._meta.label_lower == "privacy.privatemessage":
        # Never shown in the queue: opened, and logged, on its own page.
        return "private_message", reverse("privacy:reported", args=[flag.pk])
    return "post", str(content.get_absolute_url())


def _writer(flag: Flag) -> str:
    if getattr(flag.content, "is_anonymous", False):
        return _("Anonymous member")
    if flag.subject is None:
        return _("Former member")
    return flag.subject.public_name


def queue_items(flags: Iterable[Flag]) -> list[QueueItem]:
    """The queue's items for these flags, with their reports' reasons and notes
    (one query for all of them), never who sent them."""
    flags = list(flags)
    reports: dict[int, list[tuple[str, str]]] = defaultdict(list)
    report_flags = [flag.pk for flag in flags if flag.source == Flag.Source.REPORT]
    rows = (
        Report.objects.filter(flag__in=report_flags)
        .order_by("created_at", "pk")
        .values_list("flag_id", "reason", "note")
    )
    for flag_id, reason, note in rows:
        reports[flag_id].append((reason, note))
    order = [str(reason) for reason in Report.Reason]
    items = []
    for flag in flags:
        kind, link = _kind_and_link(flag)
        findings = flag.findings or getattr(flag.content, "findings", None) or {}
        sent = reports.get(flag.pk, [])
        reasons = sorted({reason for reason, _note in sent}, key=order.index)
        items.append(
            QueueItem(
                flag=flag,
                kind=kind,
                link=link,
                writer=_writer(flag),
                reporters=len(sent),
                reasons=[str(Report.Reason(reason).label) for reason in reasons],
                notes=[note for _reason, note in sent if note],
                earlier_flags=getattr(flag, "earlier_flags", 0),
                earlier_actions=getattr(flag, "earlier_actions", 0),
                is_distressing=findings.get("crisis") in CRISIS_LEVELS
                or flag.severity in DISTRESSING,
                mentions_self_harm=bool(findings.get("self_harm")),
            )
        )
    return items


def queue_in(group: Group, viewer: User) -> list[QueueItem]:
    """A group's open items, most severe first, then longest waiting; never one
    about the viewing moderator or a private message sent to them."""
    return queue_items(_open_flags([group], viewer))


def site_queue() -> list[QueueItem]:
    """Every group's open items, in the same order, for the site's admins: those
    the group's moderators are a party to too."""
    return queue_items(_open_flags(None, None))


def access_site_queue(viewer: User) -> None:
    """The site-wide queue: admins only, 404 for everyone else; a second factor
    is required, as for a group's queue."""
    if not (viewer.is_staff or viewer.is_superuser):
        raise Http404
    if not has_second_factor(viewer):
        raise SecondFactorRequired


@dataclass(frozen=True)
class ModeratorDay:
    """How many distressing items a moderator has closed today, and when the queue
    suggests a break."""

    reviewed: int
    break_after: int

    @property
    def suggests_break(self) -> bool:
        return self.reviewed >= self.break_after


def _midnight(member: User, now: datetime) -> datetime:
    try:
        zone = zoneinfo.ZoneInfo(member.time_zone or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = zoneinfo.ZoneInfo("UTC")
    return now.astimezone(zone).replace(hour=0, minute=0, second=0, microsecond=0)


def moderator_day(moderator: User, now: datetime) -> ModeratorDay:
    """Crisis and concern items the moderator closed since midnight, their time."""
    reviewed = Flag.objects.filter(
        resolved_by=moderator,
        severity__in=DISTRESSING,
        resolved_at__gte=_midnight(moderator, now),
    ).count()
    chosen = (
        ModeratorPreference.objects.filter(moderator=moderator)
        .values_list("break_after", flat=True)
        .first()
    )
    default = ModeratorPreference._meta.get_field("break_after").default
    return ModeratorDay(reviewed, chosen if chosen is not None else int(default))
