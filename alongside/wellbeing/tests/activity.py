"""Helpers for time on the site: beats as an open page sends them, and seeded time."""

from datetime import datetime, timedelta

from django.test import Client
from django.urls import reverse

from alongside.wellbeing.models import ActiveSlot

SLOT = timedelta(seconds=30)


def beat(client: Client, *, idle: int = 0, group: str = "", path: str = "/") -> dict:
    """One beat from an open page, as static/js/activity.js sends it."""
    response = client.post(
        reverse("wellbeing:beat"), {"idle": idle, "group": group, "path": path}
    )
    assert response.status_code == 200
    return response.json()


def use_site(client: Client, clock, minutes: float, **fields) -> list[dict]:
    """Keep a page open and in use for `minutes`: a beat every slot, clock moving."""
    answers = []
    for _ in range(round(minutes * 60 / SLOT.total_seconds())):
        answers.append(beat(client, **fields))
        clock.advance(seconds=SLOT.total_seconds())
    return answers


def seed(member, start: datetime, minutes: float, group=None) -> None:
    """`minutes` of counted time from `start` (aligned to a slot), written directly."""
    count = round(minutes * 60 / SLOT.total_seconds())
    ActiveSlot.objects.bulk_create(
        ActiveSlot(member=member, started_at=start + n * SLOT, group=group)
        for n in range(count)
    )
