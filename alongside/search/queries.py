"""Searching what the viewer may see.

Candidates from the full-text index are kept only while the viewer may see
their reply or resource, by the rules of `threads.queries` and
`resources.queries`, in the same SQL: there is no second set of access rules
here, and counts and pages are right for each viewer.
"""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Window

from alongside.accounts.models import User
from alongside.groups.models import Group
from alongside.resources.models import Resource
from alongside.resources.queries import resources_visible_to
from alongside.threads.models import Reply
from alongside.threads.queries import replies_shown_to, threads_visible_to

from .backends import backend
from .models import SearchEntry
from .words import Words

PERIODS = {
    "week": timedelta(days=7),
    "month": timedelta(days=31),
    "year": timedelta(days=366),
}
RELEVANCE = "relevance"
NEWEST = "newest"


@dataclass(frozen=True)
class SearchFilters:
    words: Words
    group: Group | None = None  # one of the viewer's own groups
    period: str = ""  # "", or a key of PERIODS
    order: str = RELEVANCE


def groups_to_search(viewer: User) -> list[Group]:
    """The viewer's groups, by name: the only ones a search may be narrowed to."""
    return list(Group.objects.filter(memberships__member=viewer).order_by("name"))


def _seen_among(viewer: User) -> Q:
    """Entries whose reply or resource the viewer may see now.

    The rules of `threads.queries` and `resources_visible_to`, asked of each
    candidate the index found: its thread among `threads_visible_to` (one list
    for the whole query), then its reply as `replies_shown_to` says, and in that
    very thread. So the cost follows the matches rather than the size of the
    viewer's groups.
    """
    # The redundant `>=` keeps PostgreSQL from first reading every reply that
    # passes into a hash table (it cannot with `>=`): checking each candidate
    # is what keeps a search's cost in line with its matches.
    reply = Reply.objects.filter(
        replies_shown_to(viewer),
        pk=OuterRef("reply_id"),
        pk__gte=OuterRef("reply_id"),
        thread=OuterRef("thread_id"),
    )
    reply_seen = Q(
        thread__in=threads_visible_to(viewer).values("pk"), reply__isnull=False
    ) & Exists(reply)
    resource_seen = Q(resource__isnull=False) & Exists(
        resources_visible_to(viewer).filter(pk=OuterRef("resource_id"))
    )
    return reply_seen | resource_seen


def search(
    viewer: User, filters: SearchFilters, *, now: datetime
) -> QuerySet[SearchEntry]:
    """What matches the words among what the viewer may see, in order."""
    if not filters.words:
        return SearchEntry.objects.none()
    engine = backend()
    candidates = engine.matching(SearchEntry.objects.all(), filters.words)
    if filters.group is not None:
        shared_there = Resource.groups.through.objects.filter(
            resource_id=OuterRef("resource_id"), group=filters.group
        )
        candidates = candidates.filter(
            Q(thread__group=filters.group) | Exists(shared_there)
        )
    if filters.period in PERIODS:
        candidates = candidates.filter(created_at__gte=now - PERIODS[filters.period])
    entries = candidates.filter(_seen_among(viewer))
    if filters.order == NEWEST:
        return entries.order_by("-created_at", "-pk")
    return engine.by_relevance(entries, filters.words)


@dataclass(frozen=True)
class ResultPage:
    """One page of a search, with the reply's thread and group or the resource."""

    entries: list[SearchEntry]
    number: int
    count: int
    per_page: int

    @property
    def num_pages(self) -> int:
        return max(math.ceil(self.count / self.per_page), 1)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def _page_number(value: str | None) -> int:
    try:
        return max(int(value or 1), 1)
    except ValueError:
        return 1


def results_page(
    viewer: User,
    filters: SearchFilters,
    *,
    now: datetime,
    page: str | None,
    per_page: int,
) -> ResultPage:
    """A page of `search`: the matches and their count in one pass over the
    index, then the page's rows; two queries (one when nothing matches)."""
    number = _page_number(page)
    matches = search(viewer, filters, now=now).annotate(total=Window(Count("pk")))

    def ids_on(number: int) -> list[tuple[int, int]]:
        start = (number - 1) * per_page
        return list(matches.values_list("pk", "total")[start : start + per_page])

    found = ids_on(number)
    if not found and number > 1:
        # Past the last page (an old link): the last one, as Paginator does.
        count = search(viewer, filters, now=now).count()
        number = max(math.ceil(count / per_page), 1)
        found = ids_on(number)
    rows = SearchEntry.objects.select_related(
        "reply__thread__group", "resource"
    ).in_bulk([pk for pk, _total in found])
    return ResultPage(
        [rows[pk] for pk, _total in found if pk in rows],
        number,
        found[0][1] if found else 0,
        per_page,
    )
