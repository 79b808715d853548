"""`python -m alongside.search.bench`: search latency over a generated community.

It builds a scratch database (never the operator's own): SQLite with FTS5 by
default, or PostgreSQL when DATABASE_URL is set (`make bench
DATABASE_URL=postgres://...`); generates a community of 100,000 replies in 20
groups with bulk_create, builds the index in bulk as `rebuild_search_index`
does, then runs a mix of searches as members of four groups each. Each search
is what the search page does: the count, one page of twenty, and the snippets.

Usage: python -m alongside.search.bench [--replies N] [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import timedelta
from html import escape
from pathlib import Path
from typing import Any

TARGET_P99_MS = 50.0
GROUPS = 20
MEMBERS = 600
GROUPS_EACH = 4
REPLIES_PER_THREAD = 20
VIEWERS = 12

# Words members of support groups use, most common first; the long tail is
# made-up words, so every run has the same, realistic spread of rare and
# common words.
_COMMON = """
the i and to a it of my in is that for me but was have on just so not this with
be day you all can get it's what at do like one some when about out if up time
really know feel days been today now pain sleep night bad good week help still
tired think back much going because anyone else today's better flare hard try
things work doctor again morning body feeling home long people tonight hope
pacing rest heat walk meds appointment family friend tea bed nap fog worse
energy spoons ache joints migraine anxiety low mood crying calm breathe kind
thanks thank love helps helped tip tips list plan podcast audiobook shower
blanket soup cat dog garden rain cold warm physio nurse clinic waiting letter
"""
COMMON = _COMMON.split()
PHRASES = [
    "on a bad day",
    "heat pad helps",
    "the pacing leaflet",
    "one day at a time",
    "brain fog again",
    "could not sleep",
]
QUERIES: list[tuple[str, dict[str, str]]] = [
    ("pain", {}),
    ("sleep", {}),
    ("pacing", {}),
    ("flare night", {}),
    ('"bad day"', {}),
    ("heat or ice", {}),
    ("sleep -pain", {}),
    ("how to end it", {}),
    ("{rare}", {}),
    ("{rare} {rare2}", {}),
    ("pain", {"order": "newest"}),
    ("pain", {"when": "week"}),
    ("sleep", {"group": "{group}"}),
    ("audiobook podcast", {"when": "month", "order": "newest"}),
]


def vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    syllables = ["ka", "lo", "mi", "ru", "te", "sa", "no", "vi", "pe", "da", "lu"]
    made: set[str] = set()
    while len(made) < size:
        made.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return COMMON + sorted(made - set(COMMON))


class Words:
    """Zipf-distributed words from the vocabulary."""

    def __init__(self, rng: random.Random, words: list[str]) -> None:
        self.rng = rng
        self.words = words
        weights = [1 / (rank + 1) for rank in range(len(words))]
        total = sum(weights)
        self.cumulative = list(_accumulate(w / total for w in weights))

    def text(self, count: int) -> str:
        picked = self.rng.choices(self.words, cum_weights=self.cumulative, k=count)
        if self.rng.random() < 0.1:
            picked.insert(self.rng.randrange(len(picked)), self.rng.choice(PHRASES))
        return " ".join(picked).capitalize() + "."


def _accumulate(values: Any) -> list[float]:
    total, out = 0.0, []
    for value in values:
        total += value
        out.append(total)
    return out


# --- The database ------------------------------------------------------------


def scratch_database(var_dir: Path) -> str:
    """Create and migrate a throwaway database; return its description."""
    from django.db import connection

    test = connection.settings_dict.setdefault("TEST", {})
    if connection.vendor == "sqlite":
        test["NAME"] = str(var_dir / "search-bench.sqlite3")
    else:
        test["NAME"] = f"alongside_search_bench_{os.getpid()}"
    connection.creation.create_test_db(
        verbosity=0, autoclobber=True, serialize=False, keepdb=False
    )
    return f"{connection.vendor} ({connection.settings_dict['NAME']})"


def drop_database(name: str) -> None:
    from django.db import connection

    connection.creation.destroy_test_db(name, verbosity=0)


@dataclass(frozen=True)
class Community:
    replies: int
    threads: int
    resources: int
    viewers: list[Any]
    rare: list[str]
    seconds: float
    index_seconds: float


def generate(replies: int, seed: int = 7) -> Community:
    """Groups, members, threads and replies in bulk; then the index, in bulk."""
    from django.db import connection, transaction
    from django.utils import timezone

    from alongside.accounts.models import User
    from alongside.groups.models import Group, Membership
    from alongside.resources.models import Resource
    from alongside.search.index import rebuild_index
    from alongside.threads.models import Reply, Thread

    rng = random.Random(seed)
    vocab = vocabulary(rng)
    words = Words(rng, vocab)
    now = timezone.now()
    started = time.perf_counter()

    def moment() -> Any:
        return now - timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))

    with transaction.atomic():
        groups = Group.objects.bulk_create(
            Group(name=f"Group {n}", slug=f"group-{n}") for n in range(GROUPS)
        )
        members = [
            User(username=f"member{n}", display_name=f"Member {n}")
            for n in range(MEMBERS)
        ]
        for member in members:
            member.set_unusable_password()
        members = User.objects.bulk_create(members)
        memberships = []
        member_groups: dict[int, list[Any]] = {}
        for n, member in enumerate(members):
            mine = rng.sample(groups, GROUPS_EACH)
            member_groups[member.pk] = mine
            for m, group in enumerate(mine):
                role = Membership.Role.MEMBER
                if n < VIEWERS // 3 and m == 0:
                    role = Membership.Role.MODERATOR
                memberships.append(Membership(group=group, member=member, role=role))
        Membership.objects.bulk_create(memberships, batch_size=1000)

        thread_count = max(replies // REPLIES_PER_THREAD, 1)
        threads = []
        for _ in range(thread_count):
            author = rng.choice(members)
            created = moment()
            threads.append(
                Thread(
                    group=rng.choice(member_groups[author.pk]),
                    title=words.text(rng.randint(3, 8)).rstrip("."),
                    author=author,
                    created_at=created,
                    last_activity_at=created,
                )
            )
        threads = Thread.objects.bulk_create(threads, batch_size=1000)
        batch: list[Reply] = []
        for n in range(replies):
            thread = threads[n % thread_count]
            opening = n < thread_count
            body = words.text(rng.randint(10, 70))
            gone = rng.random()
            created = thread.created_at if opening else moment()
            batch.append(
                Reply(
                    thread=thread,
                    author=rng.choice(members),
                    is_opening=opening,
                    body=body,
                    body_html=f"<p>{escape(body)}</p>",
                    created_at=created,
                    hidden_at=created if 0.01 < gone < 0.02 else None,
                    held_at=created if 0.02 < gone < 0.03 else None,
                    deleted_at=created if gone < 0.01 and not opening else None,
                )
            )
            if len(batch) == 2000:
                Reply.objects.bulk_create(batch)
                batch = []
        Reply.objects.bulk_create(batch)
        resources = Resource.objects.bulk_create(
            Resource(
                author=rng.choice(members),
                title=words.text(rng.randint(3, 7)).rstrip("."),
                summary=(summary := words.text(rng.randint(15, 60))),
                summary_html=f"<p>{escape(summary)}</p>",
                kind=Resource.Kind.TIP,
                created_at=moment(),
            )
            for _ in range(replies // 100)
        )
        links = [
            Resource.groups.through(resource_id=resource.pk, group_id=group.pk)
            for resource in resources
            for group in rng.sample(groups, rng.randint(1, 2))
        ]
        Resource.groups.through.objects.bulk_create(links, batch_size=2000)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    rebuild_index()
    indexed = time.perf_counter() - started
    if connection.vendor == "postgresql":
        # Table statistics, as autovacuum keeps them on a live database.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    rare = vocab[4000:4100]
    return Community(
        replies=replies,
        threads=thread_count,
        resources=len(resources),
        viewers=members[:VIEWERS],
        rare=rare,
        seconds=generated,
        index_seconds=indexed,
    )


# --- Measuring -----------------------------------------------------------------


def run_search(viewer: Any, params: dict[str, str]) -> int:
    """What the search page does for these parameters: count, page, snippets."""
    from django.utils import timezone

    from alongside.search.forms import SearchForm
    from alongside.search.queries import groups_to_search, results_page
    from alongside.search.views import PAGE_SIZE, _result

    form = SearchForm(params, groups=groups_to_search(viewer))
    page = results_page(
        viewer, form.filters, now=timezone.now(), page="1", per_page=PAGE_SIZE
    )
    [_result(entry, form.filters.words) for entry in page.entries]
    return page.count


def concrete(
    query: str, extra: dict[str, str], viewer: Any, rare: list[str], n: int
) -> dict[str, str]:
    from alongside.search.queries import groups_to_search

    fill = {
        "rare": rare[n % len(rare)],
        "rare2": rare[(n * 7 + 3) % len(rare)],
        "group": groups_to_search(viewer)[0].slug,
    }
    params = {"q": query.format(**fill)}
    params.update({key: value.format(**fill) for key, value in extra.items()})
    return params


def percentile(values: list[float], pct: int) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


@dataclass
class Timings:
    samples: list[float]
    matches: list[int]


def measure(community: Community, rounds: int) -> dict[str, Timings]:
    found: dict[str, Timings] = {}
    for round_ in range(rounds + 1):  # the first round warms caches, unmeasured
        for n, viewer in enumerate(community.viewers):
            for query, extra in QUERIES:
                params = concrete(query, extra, viewer, community.rare, n + round_)
                started = time.perf_counter()
                matched = run_search(viewer, params)
                elapsed = (time.perf_counter() - started) * 1000
                if round_:
                    timings = found.setdefault(_label(query, extra), Timings([], []))
                    timings.samples.append(elapsed)
                    timings.matches.append(matched)
    return found


def _label(query: str, extra: dict[str, str]) -> str:
    shown = query.replace("{rare}", "<rare>").replace("{rare2}", "<rare>")
    options = " ".join(f"{k}={v.replace('{group}', 'mine')}" for k, v in extra.items())
    return f"{shown} {options}".strip()


def report(community: Community, found: dict[str, Timings], where: str) -> bool:
    from alongside.search.backends import backend

    print(f"Search benchmark: {backend().name} on {where}")
    print(
        f"{community.replies:,} replies in {community.threads:,} threads, "
        f"{community.resources:,} resources, {GROUPS} groups; generated in "
        f"{community.seconds:.1f} s, indexed in {community.index_seconds:.1f} s"
    )
    print(
        f"{len(community.viewers)} members of {GROUPS_EACH} groups each search "
        "(the count, the first page of 20, its snippets)\n"
    )
    print(f"{'search':<40}{'matches':>9}{'p50 ms':>9}{'p99 ms':>9}")
    everything: list[float] = []
    for label, timings in found.items():
        everything += timings.samples
        print(
            f"{label:<40}{statistics.median(timings.matches):>9,.0f}"
            f"{percentile(timings.samples, 50):>9.1f}"
            f"{percentile(timings.samples, 99):>9.1f}"
        )
    p50, p99 = percentile(everything, 50), percentile(everything, 99)
    verdict = "ok" if p99 <= TARGET_P99_MS else "OVER TARGET"
    print(
        f"\nAll {len(everything)} searches: p50 {p50:.1f} ms, p99 {p99:.1f} ms "
        f"(target p99 <= {TARGET_P99_MS:g} ms: {verdict})"
    )
    print(
        "On PostgreSQL: make bench DATABASE_URL=postgres://user@host/db "
        "(a scratch database is made beside it and dropped afterwards)."
    )
    return p99 <= TARGET_P99_MS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replies", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3, help="measured rounds")
    args = parser.parse_args(argv)
    var_dir = Path(tempfile.mkdtemp(prefix="alongside-search-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["ALONGSIDE_VAR_DIR"] = str(var_dir)
    os.environ["DATABASE_POOL"] = "0"
    os.environ.setdefault("DEBUG", "0")
    import django

    django.setup()
    from django.db import connection

    original = connection.settings_dict["NAME"]
    where = scratch_database(var_dir)
    try:
        community = generate(args.replies)
        report(community, measure(community, args.rounds), where)
    finally:
        drop_database(original)
        shutil.rmtree(var_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
