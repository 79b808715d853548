"""The private trend of a member's check-ins: an SVG drawn on the server, a sentence
saying the same, and the rows for "Show as table".

The chart has no colours that mean anything: every mark is drawn in the text
colour, so it reads the same in light and dark mode and in forced colours. There
are no scores, averages or streaks: each check-in is one dot at its day and mood.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alongside.accounts.models import User
from alongside.core.templatetags.alongside import when_text

from .models import CheckIn

TREND_DAYS = 14
# A member who checks in very often still gets a readable chart and a cheap page.
TREND_MAX_CHECKINS = 200

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 96, 12, 16, 44
MOODS = list(reversed(CheckIn.Mood.values))  # top to bottom: 5 … 1


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    title: str


@dataclass(frozen=True)
class Label:
    position: float
    text: str


@dataclass(frozen=True)
class Row:
    when: datetime
    mood_label: str
    connected_offline: bool | None


@dataclass(frozen=True)
class Trend:
    days: int
    sentence: str
    points: list[Point]
    line: str  # the polyline's points, in time order
    rows: list[Row]
    moods: list[Label]  # y positions of the mood names
    dates: list[Label]  # x positions of the day names
    today: date
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    bottom_edge: int = HEIGHT - BOTTOM

    @property
    def is_empty(self) -> bool:
        return not self.rows

    @property
    def checked_in_today(self) -> bool:
        return any(
            timezone.localtime(row.when).date() == self.today for row in self.rows
        )


def _first_day(now: datetime) -> date:
    return timezone.localtime(now).date() - timedelta(days=TREND_DAYS - 1)


def recent_checkins(member: User, now: datetime) -> list[CheckIn]:
    """The check-ins of the last TREND_DAYS days, the member's time, oldest first;
    one query."""
    start = timezone.make_aware(
        datetime.combine(_first_day(now), time.min), timezone.get_current_timezone()
    )
    rows = CheckIn.objects.filter(
        member_id=member.pk, created_at__gte=start, created_at__lte=now
    ).only("pk", "mood", "connected_offline", "created_at")
    newest = list(rows.order_by("-created_at", "-pk")[:TREND_MAX_CHECKINS])
    return newest[::-1]


def _y(mood: int) -> float:
    plot = HEIGHT - TOP - BOTTOM
    return TOP + (max(MOODS) - mood) * plot / (len(MOODS) - 1)


def _times(count: int) -> str:
    return ngettext("once", "%(count)d times", count) % {"count": count}


def sentence_for(checkins: list[CheckIn]) -> str:
    if not checkins:
        return _(
            "You haven't checked in during the last 2 weeks. Check-ins are "
            "optional: they're here if they help."
        )
    counts = Counter(checkin.mood for checkin in checkins)
    parts = [
        _("%(mood)s %(times)s")
        % {"mood": CheckIn.Mood(mood).label, "times": _times(counts[mood])}
        for mood in sorted(counts)
    ]
    listed = (
        parts[0]
        if len(parts) == 1
        else _("%(first)s and %(last)s")
        % {
            "first": ", ".join(parts[:-1]),
            "last": parts[-1],
        }
    )
    return ngettext(
        "In the last 2 weeks you checked in once: %(moods)s.",
        "In the last 2 weeks you checked in %(count)d times: %(moods)s.",
        len(checkins),
    ) % {"count": len(checkins), "moods": listed}


def trend_of(member: User, now: datetime) -> Trend:
    """The chart, sentence and table of the member's last two weeks."""
    checkins = recent_checkins(member, now)
    first = _first_day(now)
    band = (WIDTH - LEFT - RIGHT) / TREND_DAYS
    by_day: dict[int, list[CheckIn]] = {}
    for checkin in checkins:
        day = (timezone.localtime(checkin.created_at).date() - first).days
        by_day.setdefault(day, []).append(checkin)
    points = []
    for day, on_day in sorted(by_day.items()):
        for n, checkin in enumerate(on_day, 1):
            label = str(CheckIn.Mood(checkin.mood).label)
            points.append(
                Point(
                    x=round(LEFT + (day + n / (len(on_day) + 1)) * band, 1),
                    y=round(_y(checkin.mood), 1),
                    title=f"{when_text(checkin.created_at)}: {label}",
                )
            )
    dates = [
        Label(
            round(LEFT + (day + 0.5) * band, 1),
            formats.date_format(first + timedelta(days=day), "D j"),
        )
        for day in range(TREND_DAYS - 1, -1, -2)
    ]
    return Trend(
        days=TREND_DAYS,
        sentence=sentence_for(checkins),
        points=points,
        line=" ".join(f"{point.x},{point.y}" for point in points),
        rows=[
            Row(
                checkin.created_at,
                str(CheckIn.Mood(checkin.mood).label),
                checkin.connected_offline,
            )
            for checkin in reversed(checkins)
        ],
        moods=[
            Label(round(_y(mood), 1), str(CheckIn.Mood(mood).label)) for mood in MOODS
        ],
        dates=dates[::-1],
        today=timezone.localtime(now).date(),
    )
