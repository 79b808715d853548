"""The balance page's pictures: bars drawn on the server as SVG, and the words for
anyone who does not see them (a sentence, a description and a table).

Every bar has the same colour: more or less time is neither good nor bad here.
"""

from dataclasses import dataclass

from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alongside.meetings.wording import day as day_name

from .time import DayTime, GroupTime, Week

# Where the scale of the day chart tops out, in minutes: the first that fits. Each
# halves to a short label ("15 min", "1 h") for the middle line.
SCALE_MINUTES = (20, 30, 60, 120, 240, 360, 480, 720, 960, 1440)
NAME_LENGTH = 40  # longer group names are shortened inside the picture only

# The pictures are drawn 480 units wide and scale with the page; the stylesheet
# sets their text larger on narrow screens so it stays readable.
WIDTH = 480


def duration_text(seconds: int) -> str:
    """ "45 minutes", "1 hour 20 minutes", "less than a minute", "no time"."""
    if seconds <= 0:
        return _("no time")
    minutes = seconds // 60
    if minutes == 0:
        return _("less than a minute")
    hours, minutes = divmod(minutes, 60)
    hours_text = ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}
    minutes_text = ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
    if not hours:
        return minutes_text
    if not minutes:
        return hours_text
    return f"{hours_text} {minutes_text}"


def short_duration(seconds: int) -> str:
    """ "45 min", "1 h 20 min": short enough to sit above a bar."""
    minutes = seconds // 60
    if minutes == 0:
        return _("<1 min") if seconds > 0 else ""
    hours, minutes = divmod(minutes, 60)
    if not hours:
        return _("%(m)d min") % {"m": minutes}
    if not minutes:
        return _("%(h)d h") % {"h": hours}
    return _("%(h)d h %(m)d min") % {"h": hours, "m": minutes}


def about(seconds: int) -> str:
    """A rounded amount for a sentence: "about 6 hours", "about 25 minutes"."""
    minutes = int(seconds / 60 + 0.5)
    if minutes < 1:
        return _("less than a minute")
    if minutes < 60:
        if minutes > 10:
            minutes = 5 * int(minutes / 5 + 0.5)
        return ngettext("about %(n)d minute", "about %(n)d minutes", minutes) % {
            "n": minutes
        }
    hours = int(minutes / 60 + 0.5)
    return ngettext("about %(n)d hour", "about %(n)d hours", hours) % {"n": hours}


def week_sentence(week: Week) -> str:
    """ "This week: about 6 hours, mostly late at night." """
    if week.seconds == 0:
        return _("This week: no time counted yet.")
    amount = about(week.seconds)
    if 2 * week.late_seconds >= week.seconds:
        return _("This week: %(amount)s, mostly late at night.") % {"amount": amount}
    if week.late_seconds:
        return _("This week: %(amount)s, some of it late at night.") % {
            "amount": amount
        }
    return _("This week: %(amount)s.") % {"amount": amount}


def group_name(group: GroupTime) -> str:
    return group.name or _("Elsewhere on Alongside")


def groups_sentence(week: Week) -> str:
    named = [group for group in week.groups if group.name]
    if not named:
        return _("None of it was on a group's pages this week.")
    return _("The most time went to %(group)s.") % {"group": named[0].name}


@dataclass(frozen=True)
class DayBar:
    day: DayTime
    name: str  # "Monday 16 February", or "Today, Friday 20 February"
    label: str  # "Mon", or "Today"
    date: str  # "16"
    x: float
    width: float
    y: float
    height: float
    late_y: float
    late_height: float

    @property
    def middle(self) -> float:
        return round(self.x + self.width / 2, 1)

    @property
    def values(self) -> list[tuple[float, str]]:
        """The bar's time above it, on two short lines: "2 h" over "10 min"."""
        minutes = self.day.seconds // 60
        if not self.day.seconds:
            return []
        if minutes < 60:
            lines = [short_duration(self.day.seconds)]
        else:
            hours, rest = divmod(minutes, 60)
            lines = [short_duration(hours * 3600)]
            if rest:
                lines.append(short_duration(rest * 60))
        bottom = self.y - 8
        return [
            (round(bottom - 18 * (len(lines) - 1 - n), 1), line)
            for n, line in enumerate(lines)
        ]

    @property
    def time_text(self) -> str:
        return duration_text(self.day.seconds)

    @property
    def late_text(self) -> str:
        return duration_text(self.day.late_seconds)


@dataclass(frozen=True)
class Gridline:
    y: float
    label: str


@dataclass(frozen=True)
class DayChart:
    width: int
    height: int
    left: int
    right: int
    baseline: float
    bars: list[DayBar]
    gridlines: list[Gridline]

    @property
    def label_y(self) -> float:
        return self.baseline + 24

    @property
    def date_y(self) -> float:
        return self.baseline + 46

    @property
    def axis_x(self) -> int:
        return self.left - 8

    @property
    def description(self) -> str:
        parts = []
        for bar in self.bars:
            if bar.day.late_seconds:
                parts.append(
                    _("%(day)s: %(time)s, %(late)s of it late at night")
                    % {"day": bar.name, "time": bar.time_text, "late": bar.late_text}
                )
            else:
                parts.append(
                    _("%(day)s: %(time)s") % {"day": bar.name, "time": bar.time_text}
                )
        return "; ".join(parts) + "."


def day_chart(week: Week) -> DayChart:
    """Seven bars, one a day; the part of each day late at night is hatched."""
    height = 260
    left, right, top, bottom = 84, WIDTH - 4, 50, 200
    most = max((day.seconds for day in week.days), default=0)
    scale = next((m for m in SCALE_MINUTES if m * 60 >= most), SCALE_MINUTES[-1]) * 60
    plot = bottom - top
    band = (right - left) / len(week.days)
    bar_width = band * 0.6
    bars = []
    for index, day in enumerate(week.days):
        bar_height = plot * min(day.seconds, scale) / scale
        if day.seconds and bar_height < 2:
            bar_height = 2
        late_height = min(plot * day.late_seconds / scale, bar_height)
        if day.late_seconds and late_height < 2:
            late_height = min(2, bar_height)
        named = day_name(day.day, today=week.today)
        is_today = day.day == week.today
        bars.append(
            DayBar(
                day=day,
                name=_("Today, %(day)s") % {"day": named} if is_today else named,
                label=_("Today") if is_today else str(WEEKDAYS_ABBR[day.day.weekday()]),
                date=str(day.day.day),
                x=round(left + index * band + (band - bar_width) / 2, 1),
                width=round(bar_width, 1),
                y=round(bottom - bar_height, 1),
                height=round(bar_height, 1),
                late_y=round(bottom - late_height, 1),
                late_height=round(late_height, 1),
            )
        )
    gridlines = [
        Gridline(float(top), short_duration(scale)),
        Gridline(top + plot / 2, short_duration(scale // 2)),
    ]
    return DayChart(WIDTH, height, left, right, float(bottom), bars, gridlines)


@dataclass(frozen=True)
class GroupBar:
    group: GroupTime
    name: str  # in full, for the table and the description
    short_name: str  # inside the picture
    value: str
    y: float
    width: float

    @property
    def name_y(self) -> float:
        return self.y + 20

    @property
    def bar_y(self) -> float:
        return self.y + 28

    @property
    def value_x(self) -> float:
        return round(self.width + 8, 1)

    @property
    def value_y(self) -> float:
        return self.bar_y + 17

    @property
    def time_text(self) -> str:
        return duration_text(self.group.seconds)


@dataclass(frozen=True)
class GroupChart:
    width: int
    height: int
    bars: list[GroupBar]

    @property
    def description(self) -> str:
        return (
            "; ".join(
                _("%(group)s: %(time)s") % {"group": bar.name, "time": bar.time_text}
                for bar in self.bars
            )
            + "."
        )


def group_chart(week: Week) -> GroupChart:
    """One bar per group where time went, most first, then time elsewhere."""
    row, longest = 64, WIDTH - 124
    most = max((group.seconds for group in week.groups), default=0) or 1
    bars = []
    for index, group in enumerate(week.groups):
        name = group_name(group)
        short = name if len(name) <= NAME_LENGTH else name[: NAME_LENGTH - 1] + "…"
        bars.append(
            GroupBar(
                group=group,
                name=name,
                short_name=short,
                value=short_duration(group.seconds),
                y=float(index * row),
                width=round(max(longest * group.seconds / most, 2), 1),
            )
        )
    return GroupChart(WIDTH, len(bars) * row + 4, bars)
