"""Shared steps for the check-in, support and check-back tests, through the pages."""

import html

from django.urls import reverse

CHECKINS = "/balance/checkins/"
SUPPORT = "/balance/support/"
BALANCE = "/balance/"
HOME = "/"

# Words that would tell a member they were watched; never on their pages.
WATCHED_WORDS = ("moderator", "flag", "detected", "screening")


def page_of(response) -> str:
    return html.unescape(response.content.decode())


def check_in(client, mood: int, note: str = "", offline: str = "", **extra):
    return client.post(
        CHECKINS,
        {"mood": str(mood), "note": note, "connected_offline": offline, **extra},
    )


def add_contact(client, name: str, how: str = "", kind: str = "person"):
    return client.post(SUPPORT, {"kind": kind, "name": name, "how": how})


def post_reply(client, thread, body: str):
    return client.post(reverse("threads:reply", args=[thread.pk]), {"body": body})


# Words the safety checks hear as a crisis concern (safety/tests/test_posting.py).
CONCERN = "Honestly I just wish I could fall asleep and not wake up."
