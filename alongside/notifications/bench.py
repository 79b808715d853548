"""Notification fan-out benchmark: a reply in a thread with 200 followers.

On a scratch SQLite database with production settings, it measures what a new
reply costs for notifications: choosing who hears (followers, levels, blocks),
storing one notification each (`bulk_create`), and after commit dropping each
follower's cached count, telling their open pages and handing the ids to email. Then the
whole reply (screening and storing the post too), for comparison.

Usage: python -m alongside.notifications.bench [--followers 200] [--runs 100]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _setup(var_dir: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["ALONGSIDE_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("SECRET_KEY", "bench-" + "n" * 50)
    # Many posts in a row from one account: the new-account pace would stop them.
    os.environ["ALONGSIDE_NEW_ACCOUNT_DAYS"] = "0"
    os.environ["LOG_LEVEL"] = "WARNING"
    for name in ("DATABASE_URL", "REDIS_URL", "DEBUG"):
        os.environ.pop(name, None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _cast(followers: int) -> Any:
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from alongside.accounts.models import User
    from alongside.groups.actions import create_group
    from alongside.groups.models import Membership
    from alongside.notifications.models import Follow
    from alongside.threads.actions import start_thread

    group = create_group(name="Bench group", slug="bench", who_for="Benchmarks.")
    writer = User.objects.create_user(username="writer", password=None)
    Membership.objects.create(group=group, member=writer)
    unusable = make_password(None)  # nobody signs in as them
    people = User.objects.bulk_create(
        User(username=f"follower{n}", password=unusable) for n in range(followers)
    )
    Membership.objects.bulk_create(Membership(group=group, member=p) for p in people)
    thread = start_thread(
        author=writer, group=group, title="Heat pads", body="Do they help?"
    )
    now = timezone.now()
    Follow.objects.bulk_create(
        Follow(member=p, thread=thread, created_at=now) for p in people
    )
    return writer, thread


def run(followers: int = 200, runs: int = 100) -> dict[str, float]:
    """Fan-out and whole-reply latencies in milliseconds (p50, p99)."""
    from django.db import transaction

    from alongside.core.rendering import render_markdown
    from alongside.notifications import notify
    from alongside.notifications.models import Notification
    from alongside.threads.actions import add_reply
    from alongside.threads.models import Reply

    writer, thread = _cast(followers)
    fan_out: list[float] = []
    for n in range(runs + 5):
        body = f"Reply number {n}: heat helps me most evenings."
        with transaction.atomic():
            reply = Reply.objects.create(
                thread=thread, author=writer, body=body, body_html=render_markdown(body)
            )
            started = time.perf_counter()
            made = notify.post_shown(reply)
        # The commit, and what runs after it (pages told, email handed the ids).
        elapsed = (time.perf_counter() - started) * 1000
        if len(made) != followers:
            raise RuntimeError(f"{len(made)} notifications made, not {followers}")
        if n >= 5:  # the first few warm caches and connections
            fan_out.append(elapsed)
    whole: list[float] = []
    for n in range(max(runs // 2, 10)):
        started = time.perf_counter()
        add_reply(author=writer, thread=thread, body=f"Another reply, {n}.")
        whole.append((time.perf_counter() - started) * 1000)
    stored = Notification.objects.count()
    return {
        "followers": float(followers),
        "fan_out_p50_ms": statistics.median(fan_out),
        "fan_out_p99_ms": _percentile(fan_out, 0.99),
        "reply_p50_ms": statistics.median(whole),
        "reply_p99_ms": _percentile(whole, 0.99),
        "notifications_stored": float(stored),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--followers", type=int, default=200)
    parser.add_argument("--runs", type=int, default=100)
    args = parser.parse_args(argv)
    var_dir = Path(tempfile.mkdtemp(prefix="alongside-notify-bench-"))
    try:
        _setup(var_dir)
        result = run(args.followers, args.runs)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)
    print(
        f"Notification fan-out: a reply in a thread with {args.followers} followers "
        f"(SQLite, {args.runs} replies)"
    )
    print(
        f"  fan-out (who hears, {args.followers} notifications stored, open pages "
        f"told after commit): p50 {result['fan_out_p50_ms']:.1f} ms, "
        f"p99 {result['fan_out_p99_ms']:.1f} ms"
    )
    print(
        f"  whole reply (screening, storing, fan-out): "
        f"p50 {result['reply_p50_ms']:.1f} ms, p99 {result['reply_p99_ms']:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
