"""Check-ins: "How are you today?", written, read and deleted by the member alone.

Writes (record_checkin, delete_checkin) come first, then the reads for the
member's own pages. The note is sealed at rest (wellbeing/sealed.py) and screened
like every text a member writes: when it sounds like they need it, its writer is
offered ways to talk to someone now. Nobody else is told, and nothing is flagged.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Count, Max
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.accounts.models import User
from alongside.core.errors import ActionRefused
from alongside.core.rendering import clean_text
from alongside.safety.service import Outcome, screen

from .models import CheckIn
from .sealed import note_context, open_text, seal_text

NOTE_MAX_LENGTH = 1000
# The check-ins page lists this many at a time, newest first.
CHECKINS_PAGE_SIZE = 50

# "Check-ins stay low for a week": at least LOW_WEEK_CHECKINS check-ins in the
# last LOW_WEEK_DAYS days (counted back from now), and every one of them at most
# LOW_MOOD (Low or Wobbly).
LOW_WEEK_DAYS = 7
LOW_WEEK_CHECKINS = 3
LOW_MOOD = CheckIn.Mood.WOBBLY


@dataclass(frozen=True)
class Recorded:
    checkin: CheckIn
    outcome: Outcome


# ---------------------------------------------------------------------------
# Writes


def record_checkin(
    *, member: User, mood: int, note: str = "", connected_offline: bool | None = None
) -> Recorded:
    """Store a check-in, its note sealed, after screening the note; the outcome
    says whether its writer should be offered support now."""
    if mood not in CheckIn.Mood.values:
        raise ActionRefused(_("Choose how you are today."))
    note = clean_text(note).strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise ActionRefused(
            _("That note is too long. Keep it under %(count)d characters.")
            % {"count": NOTE_MAX_LENGTH}
        )
    outcome = screen(note) if note else Outcome()
    with transaction.atomic():
        checkin = CheckIn.objects.create(
            member=member,
            mood=mood,
            connected_offline=connected_offline,
            created_at=timezone.now(),
        )
        if note:
            # Bound to the row, so the row must exist first.
            checkin.sealed_note = seal_text(note, context=note_context(checkin.pk))
            checkin.save(update_fields=["sealed_note"])
    return Recorded(checkin, outcome)


def delete_checkin(*, member: User, checkin: CheckIn) -> None:
    """Delete one of the member's own check-ins, for good."""
    if checkin.member_id != member.pk:
        raise ActionRefused(_("You can only delete your own check-ins."))
    CheckIn.objects.filter(pk=checkin.pk, member=member).delete()


# ---------------------------------------------------------------------------
# Reads: the member's own, and nobody else's


@dataclass(frozen=True)
class OpenedCheckIn:
    checkin: CheckIn
    # "" without a note; None when no key opens it.
    note: str | None

    @property
    def mood_label(self) -> str:
        return str(CheckIn.Mood(self.checkin.mood).label)

    @property
    def note_unreadable(self) -> bool:
        return self.note is None


def opened(checkin: CheckIn) -> OpenedCheckIn:
    return OpenedCheckIn(
        checkin, open_text(checkin.sealed_note, context=note_context(checkin.pk))
    )


def access_checkin(viewer: User, checkin_id: int) -> CheckIn:
    """One of the viewer's own check-ins; 404 for any other, or none."""
    checkin = CheckIn.objects.filter(pk=checkin_id, member_id=viewer.pk).first()
    if checkin is None:
        raise Http404
    return checkin


@dataclass(frozen=True)
class CheckInPage:
    checkins: list[OpenedCheckIn]
    older_than: int | None  # the id to ask "before" for the next page, if any


def checkins_of(member: User, *, before: int = 0) -> CheckInPage:
    """The member's check-ins, newest first, a page at a time; one query."""
    rows = CheckIn.objects.filter(member_id=member.pk)
    if before:
        rows = rows.filter(pk__lt=before)
    page = list(rows.order_by("-pk")[: CHECKINS_PAGE_SIZE + 1])
    more = len(page) > CHECKINS_PAGE_SIZE
    page = page[:CHECKINS_PAGE_SIZE]
    return CheckInPage(
        [opened(checkin) for checkin in page], page[-1].pk if more else None
    )


def support_after_checkin(viewer: User, checkin_id: int) -> Outcome | None:
    """What the checks find in the viewer's own note, if it calls for the help
    panel. Nothing about it is stored: the note is opened and checked again."""
    checkin = CheckIn.objects.filter(pk=checkin_id, member_id=viewer.pk).first()
    note = opened(checkin).note if checkin is not None else None
    if not note:
        return None
    outcome = screen(note)
    return outcome if outcome.needs_support else None


def has_low_week(member: User, now: datetime) -> bool:
    """At least three check-ins in the last seven days, every one Low or Wobbly."""
    found = CheckIn.objects.filter(
        member_id=member.pk,
        created_at__gte=now - timedelta(days=LOW_WEEK_DAYS),
        created_at__lte=now,
    ).aggregate(count=Count("pk"), highest=Max("mood"))
    return bool(
        found["count"] >= LOW_WEEK_CHECKINS
        and found["highest"] is not None
        and found["highest"] <= LOW_MOOD
    )
