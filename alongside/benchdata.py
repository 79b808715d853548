"""The data `make bench` serves: the demo community plus one busy thread.

Run as `python -m alongside.benchdata` with ALONGSIDE_VAR_DIR pointing at a scratch
directory: it migrates, collects static files, seeds, and prints one JSON line that
tells the benchmark what to request.
"""

import io
import json
import os
import sys
from datetime import timedelta
from typing import Any

BENCH_USERNAME = "bench-reader"
BENCH_PASSWORD = "bench-only-password-7d1c"  # noqa: S105 - throwaway benchmark database
BENCH_GROUP = "chronic-pain"
BENCH_TITLE = "What helps on the bad days?"
OPENING = """\
Flare week again. I'm collecting the **small things** that make the worst days a \
little less awful, so we can all borrow from each other.

Mine so far:

- a heat pad and a podcast I've heard before
- soup in the freezer, made on a *good* day
- telling one person "today is a bad one" so I don't have to explain later

What's on your list?"""

# author (or the benchmark member), Markdown body, content note, anonymous, reactions
REPLIES: list[tuple[str, str, str, bool, list[tuple[str, str]]]] = [
    ("kiri", "Audiobooks, always. Something I know well so I can drift in and out.",
     "", False, [("rowan", "me_too"), ("jo", "me_too"), (BENCH_USERNAME, "me_too")]),
    ("jo", "A *very* low bar for the day: drink water, take meds, text one person. "
     "Anything else is a bonus.", "", False, [("rowan", "this_helped")]),
    ("alex", "Lovely idea for a thread. I'll pin a summary for the group when it "
     "settles.", "", False, [("kiri", "thank_you")]),
    (BENCH_USERNAME, "Pre-cut vegetables. I know it's more expensive, but on a bad "
     "day it's the difference between cooking and not eating.", "", False,
     [("jo", "this_helped"), ("kiri", "me_too")]),
    ("rowan", "> soup in the freezer, made on a *good* day\n\nThis is so wise. I "
     "always forget that past me can help future me.", "", False, []),
    ("kiri", "Some practical ones:\n\n1. shower chair\n2. electric blanket on a "
     "timer\n3. the [pacing leaflet](https://example.org/pacing) our clinic gave "
     "out", "", False, [("rowan", "thank_you"), (BENCH_USERNAME, "thank_you")]),
    ("jo", "Honestly the worst part for me is the guilt. Letting the house go, "
     "cancelling plans again.", "guilt, low mood", True, [("kiri", "thinking_of_you")]),
    ("morgan", "A gentle reminder from the moderators: share what works for *you*, "
     "and please no dosage advice. Thank you all.", "", False, []),
    ("rowan", "@jo the guilt is so real. You're not letting anyone down by resting.",
     "", False, [("jo", "not_alone"), (BENCH_USERNAME, "not_alone")]),
    (BENCH_USERNAME, "Noise-cancelling headphones. Pain makes everything louder.",
     "", False, []),
    ("kiri", "Mine is a playlist called `bad day` that's only slow songs.", "",
     False, [("rowan", "me_too")]),
    ("alex", "### From last month's meeting\n\nPeople mentioned:\n\n- batch cooking "
     "on good days\n- a *flare plan* written in advance\n- asking for help before "
     "it's urgent", "", False, [("rowan", "this_helped"), ("jo", "this_helped")]),
    ("jo", "Cat on lap. Non-negotiable.", "", False, [("kiri", "me_too")]),
    ("rowan", "I've started keeping a list on my phone of what helped last time, so "
     "I don't have to think when I'm foggy.", "", False, []),
    ("kiri", "Does anyone find their sleep goes completely during a flare? Any "
     "tips?", "", False, [(BENCH_USERNAME, "me_too")]),
    (BENCH_USERNAME, "Yes! Audiobook on a sleep timer, and I stopped checking the "
     "clock. It didn't fix it but it stopped the spiral.", "", False,
     [("kiri", "thank_you")]),
    ("jo", "Some nights are just long. Checking in here helps, honestly.", "",
     True, [("rowan", "thinking_of_you"), ("kiri", "thinking_of_you")]),
    ("morgan", "Thank you for keeping this such a kind thread.", "", False, []),
    ("rowan", "Adding to my list: **the cat plan**. Thanks, Jo.", "", False,
     [("jo", "thank_you")]),
    ("kiri", "Saving this thread for the next bad week. Thank you, everyone.", "",
     False, [("rowan", "thinking_of_you")]),
]  # fmt: skip


def seed() -> dict[str, Any]:
    """Add the demo community, the benchmark member and the 20-reply thread."""
    from django.core.management import call_command
    from django.utils import timezone

    from alongside.accounts.models import User
    from alongside.groups.actions import set_role
    from alongside.groups.models import Group, Membership
    from alongside.threads.actions import post_reply, start_thread, toggle_reaction
    from alongside.threads.models import Reply, Thread

    call_command("seed_demo", verbosity=0, stdout=io.StringIO())
    group = Group.objects.get(slug=BENCH_GROUP)
    reader = User.objects.create_user(
        username=BENCH_USERNAME,
        password=BENCH_PASSWORD,
        display_name="Bench Reader",
        country="GB",
        time_zone="Europe/London",
    )
    set_role(group=group, member=reader, role=Membership.Role.MEMBER)
    people = {u.username: u for u in User.objects.all()}
    thread = start_thread(
        author=people["rowan"], group=group, title=BENCH_TITLE, body=OPENING
    )
    start = timezone.now() - timedelta(hours=len(REPLIES) + 1)
    Reply.objects.filter(thread=thread).update(created_at=start)
    for n, (author, body, note, anonymous, reactions) in enumerate(REPLIES, 1):
        reply = post_reply(
            author=people[author],
            thread=thread,
            body=body,
            content_warning=note,
            is_anonymous=anonymous,
        )
        Reply.objects.filter(pk=reply.pk).update(
            created_at=start + timedelta(hours=n, minutes=7 * n)
        )
        for reactor, kind in reactions:
            toggle_reaction(member=people[reactor], reply=reply, kind=kind)
    thread.refresh_from_db()
    replies = Reply.objects.filter(thread=thread, is_opening=False).count()
    if replies != len(REPLIES) or thread.reply_count != len(REPLIES):
        raise RuntimeError(f"expected {len(REPLIES)} replies, found {replies}")
    return {
        "thread_id": thread.pk,
        "thread_title": BENCH_TITLE,
        "thread_count": Thread.objects.count(),
        "replies": replies,
        "group_slug": group.slug,
        "username": BENCH_USERNAME,
        "password": BENCH_PASSWORD,
    }


def main() -> int:
    if "ALONGSIDE_VAR_DIR" not in os.environ:
        print("Set ALONGSIDE_VAR_DIR to a scratch directory first.", file=sys.stderr)
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    info = seed()
    sys.stdout.write(json.dumps(info) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
