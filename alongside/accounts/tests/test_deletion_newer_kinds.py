"""Deleting an account takes the newer kinds of data too: library resources and
their search entries, "this helped me" marks, professional details, reviews'
names, notifications, follows, group levels, email choices and the balance page.

The member of `test_deletion`'s canary gets one of each, with markers; every table
(and on PostgreSQL a pg_dump) is read after the purge.
"""

from datetime import time
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from alongside.accounts.tests import test_deletion as base
from alongside.moderation.models import Flag
from alongside.notifications.actions import follow_thread, set_group_level
from alongside.notifications.email import set_email_choice
from alongside.notifications.models import (
    EmailChoice,
    Follow,
    GroupLevel,
    Notification,
)
from alongside.resources.actions import (
    apply_as_professional,
    mark_helped,
    remove_resource,
    review_resource,
    share_resource,
    verify_professional,
)
from alongside.resources.models import Credential, Helped, Resource, Tag
from alongside.search.models import SearchEntry
from alongside.threads.models import Reply
from alongside.wellbeing.checkins import record_checkin
from alongside.wellbeing.limits import set_limits
from alongside.wellbeing.models import (
    ActiveSlot,
    CheckBack,
    CheckIn,
    Limits,
    SupportContact,
)
from alongside.wellbeing.support import add_support_contact
from alongside.wellbeing.time import record_activity
from conftest import client_for, give_second_factor, make_user

# The canary of test_deletion: a member with something of every older kind.
canary = base.canary

NEWER = {
    "resource_title": "resource-title-marker-5a1c",
    "resource_summary": "resource-summary-marker-8e2d",
    "resource_link": "https://resource-link-marker-3f7b.example.org/leaflet",
    "tag": "tag-marker-6d0e",
    "worried_title": "worried-title-marker-1b9a",
    "worried_summary": "worried-summary-marker-4c6f",
    "removed_title": "removed-title-marker-7e3d",
    "removed_summary": "removed-summary-marker-2a8c",
    "profession": "Profession-marker-9d4b",
    "registration": "REG-MARKER-0c5e",
    "issuing_body": "Issuer-marker-6b2f",
    "conflicts": "conflicts-marker-3e9a",
    "checkin_note": "checkin-note-marker-8f1d",
    "contact_name": "contact-name-marker-5c3b",
    "contact_how": "contact-how-marker-7a2e",
}
# Words a shared resource is made of: kept, without a name, when posts are kept.
RESOURCE_WORDS = (
    "resource_title",
    "resource_summary",
    "resource_link",
    "tag",
    "worried_title",
    "worried_summary",
)
# The one thing of theirs a review they gave keeps: the profession it was given
# under, so readers can still weigh it (the name reads "a former member").
REVIEW_KEEPS = {"profession": ["resources_resource"]}
CRISIS = "This is the last thing I'll share. I want to end my life tonight."


@pytest.fixture
def newer(canary, clock, group, member, other_member, thread):
    """The canary member with one of every newer kind; also a resource of Rowan's
    that they found helpful and reviewed as a verified professional."""
    wren, browser, known = canary
    m = NEWER
    known = {**known, **m}

    # The library: a resource, one with words that raised a flag, one taken down.
    shared = share_resource(
        author=wren, title=m["resource_title"], summary=m["resource_summary"],
        kind="article", sources=[m["resource_link"]], groups=[group],
        tags=[m["tag"]],
    )  # fmt: skip
    worried = share_resource(
        author=wren, title=m["worried_title"],
        summary=f"{CRISIS} {m['worried_summary']}", kind="tip", sources=[],
        groups=[group],
    )  # fmt: skip
    taken_down = share_resource(
        author=wren, title=m["removed_title"], summary=m["removed_summary"],
        kind="tip", sources=[], groups=[group],
    )  # fmt: skip
    remove_resource(actor=wren, resource=taken_down)
    mark_helped(member=member, resource=shared)
    mark_helped(member=other_member, resource=shared)

    # Their registration, checked by an admin; Rowan's resource, which they found
    # helpful and then reviewed under their badge.
    admin = make_user("operator", is_staff=True)
    give_second_factor(admin)
    credential = apply_as_professional(
        member=wren, profession=m["profession"], registration_number=m["registration"],
        issuing_body=m["issuing_body"], country="GB", conflicts=m["conflicts"],
    )  # fmt: skip
    verify_professional(
        admin=admin, credential=credential, method="Register checked", months=12
    )
    rowans = share_resource(
        author=member, title="A pacing worksheet", summary="Plan the good days.",
        kind="worksheet", sources=["https://www.nhs.uk/"], groups=[group],
    )  # fmt: skip
    mark_helped(member=wren, resource=rowans)
    review_resource(reviewer=wren, resource=rowans, concerns=False)

    # How they hear: a thread followed, a group's level, emails.
    follow_thread(member=wren, thread=thread)
    set_group_level(member=wren, group=group, level="everything")
    set_email_choice(member=wren, mode="daily", include_details=True)

    # Their balance page.
    checkin = record_checkin(member=wren, mood=2, note=m["checkin_note"]).checkin
    contact = add_support_contact(
        member=wren, kind="person", name=m["contact_name"], how=m["contact_how"]
    )
    set_limits(
        member=wren, daily_minutes=45, break_after_minutes=20,
        quiet_from=time(23, 0), quiet_until=time(7, 0),
    )  # fmt: skip
    assert record_activity(member=wren, now=clock.moment, idle=0, group_slug="")
    flag = Flag.objects.get(object_id=worried.pk, content_type=_type(Resource))
    CheckBack.objects.create(member=wren, flag_id=flag.pk, answer="yes")
    # Sealed words never show as themselves: their sealed form is the marker.
    checkin.refresh_from_db()
    contact.refresh_from_db()
    known["sealed_note"] = checkin.sealed_note
    known["sealed_name"] = contact.sealed_name
    known["sealed_how"] = contact.sealed_how
    return (
        wren,
        browser,
        known,
        {"shared": shared, "worried": worried, "rowans": rowans},
    )


def _type(model):
    return ContentType.objects.get_for_model(model)


def purge(client: Client, clock, posts: str) -> str:
    """Ask, wait out the grace period, run the purge job; its report."""
    assert base.ask_to_delete(client, posts=posts).status_code == 302
    clock.advance(days=7, minutes=1)
    out = StringIO()
    call_command("purge_deleted_accounts", stdout=out)
    assert "grace period: 1" in out.getvalue()
    return out.getvalue()


def rows_of(pk: int) -> dict[str, int]:
    """How many rows of each newer kind are the member's."""
    return {
        model.__name__: model.objects.filter(**{field: pk}).count()
        for model, field in (
            (Credential, "member_id"),
            (Helped, "member_id"),
            (Follow, "member_id"),
            (GroupLevel, "member_id"),
            (Notification, "recipient_id"),
            (EmailChoice, "member_id"),
            (CheckIn, "member_id"),
            (SupportContact, "member_id"),
            (Limits, "member_id"),
            (ActiveSlot, "member_id"),
            (CheckBack, "member_id"),
            (Resource, "author_id"),
            (Resource, "reviewed_by_id"),
        )
    }


def search_urls(client: Client, words: str) -> list[str]:
    response = client.get(reverse("search:index"), {"q": words})
    assert response.status_code == 200
    return [str(result.url) for result in response.context["results"]]


def test_the_newer_markers_are_in_the_database_before_the_purge(newer, member):
    """So the checks after the purge mean something."""
    wren, _browser, known, made = newer
    left = base.markers_left(known)
    sealed = {"checkin_note", "contact_name", "contact_how", "private"}
    assert set(left) == set(known) - sealed
    assert all(rows_of(wren.pk).values()), rows_of(wren.pk)
    assert Notification.objects.filter(recipient=wren).exists()
    rowan = client_for(member)
    assert search_urls(rowan, "worried title marker") == [
        made["worried"].get_absolute_url()
    ]


def test_deleting_content_leaves_nothing_of_the_newer_kinds_anywhere(
    newer, clock, member
):
    wren, browser, known, made = newer
    pk = wren.pk
    report = purge(browser, clock, "delete")

    assert "Library resources: 3 deleted, 0 kept without a name" in report
    assert base.markers_left(known) == REVIEW_KEEPS
    assert base.references_to(pk) == []
    assert not any(rows_of(pk).values()), rows_of(pk)
    # The resources went whole: their search entries (and so the full-text
    # index), others' "this helped me" marks, the flag, the tag nobody else used.
    shared, worried = made["shared"], made["worried"]
    assert not Resource.objects.filter(pk__in=[shared.pk, worried.pk]).exists()
    assert not SearchEntry.objects.filter(
        resource_id__in=[shared.pk, worried.pk]
    ).exists()
    assert not Helped.objects.filter(resource_id=shared.pk).exists()
    assert not Flag.objects.filter(content_type=_type(Resource)).exists()
    assert not Tag.objects.filter(name=known["tag"]).exists()
    rowan = client_for(member)
    assert search_urls(rowan, "resource title marker") == []
    assert search_urls(rowan, "worried summary marker") == []
    assert rowan.get(shared.get_absolute_url()).status_code == 404


def test_their_helped_mark_and_their_name_on_a_review_go_and_the_review_stays(
    newer, clock, member
):
    _wren, browser, known, made = newer
    rowans = made["rowans"]
    rowan = client_for(member)
    before = base.page_of(rowan.get(rowans.get_absolute_url()))
    assert f"Reviewed by {known['display_name']}, {known['profession']}" in before
    assert "1 person found this helpful" in before
    purge(browser, clock, "delete")

    rowans.refresh_from_db()
    assert (rowans.review_state, rowans.reviewed_by_id) == ("reviewed", None)
    assert (rowans.reviewer_name, rowans.helped_count) == ("", 0)
    page = base.page_of(rowan.get(rowans.get_absolute_url()))
    assert f"Reviewed by a former member, {known['profession']}, Britain" in page
    assert known["display_name"] not in page
    assert "found this helpful" not in page


def test_the_notifications_others_had_about_their_deleted_posts_go(
    newer, clock, member
):
    wren, browser, _known, _made = newer
    about_theirs = list(
        Notification.objects.filter(recipient=member, reply__author=wren).values_list(
            "pk", flat=True
        )
    )
    assert about_theirs
    purge(browser, clock, "delete")
    assert not Notification.objects.filter(pk__in=about_theirs).exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_dump reads PostgreSQL databases"
)
def test_a_pg_dump_after_the_purge_holds_nothing_of_the_newer_kinds(
    transactional_db, newer, clock
):
    """Committed rows (a transactional test), read by pg_dump from outside."""
    _wren, browser, known, _made = newer
    before = base.pg_dump()
    assert known["resource_summary"] in before and known["registration"] in before
    assert known["sealed_note"] in before and known["checkin_note"] not in before
    purge(browser, clock, "delete")

    after = base.pg_dump()
    left = [name for name, marker in known.items() if marker in after]
    assert left == list(REVIEW_KEEPS)


def test_keeping_content_keeps_their_resources_linked_to_nobody(newer, clock, member):
    wren, browser, known, made = newer
    pk = wren.pk
    report = purge(browser, clock, "keep")

    assert "Library resources: 1 deleted, 2 kept without a name" in report
    left = base.markers_left(known)
    kept = {*base.KEPT_WORDS, *RESOURCE_WORDS, *REVIEW_KEEPS}
    assert set(left) == kept, left
    assert base.references_to(pk) == []
    assert not any(rows_of(pk).values()), rows_of(pk)
    # The one taken down is gone: nobody could see it.
    assert not Resource.objects.filter(title=known["removed_title"]).exists()
    shared, worried = made["shared"], made["worried"]
    for resource in (shared, worried):
        resource.refresh_from_db()
        assert resource.author_id is None
    assert shared.helped_count == 2  # others' marks on it stay
    # The open flag on the kept resource stays in the queue, about nobody.
    flag = Flag.objects.get(content_type=_type(Resource), object_id=worried.pk)
    assert flag.is_open and flag.subject_id is None
    rowan = client_for(member)
    page = base.page_of(rowan.get(shared.get_absolute_url()))
    assert "shared by Former member" in page
    assert known["display_name"] not in page
    assert search_urls(rowan, "resource title marker") == [shared.get_absolute_url()]
    # Their words in posts stay too, as test_deletion checks in detail, and what
    # Rowan was told about them names nobody.
    assert Reply.objects.filter(body=known["reply"], author=None).exists()
    told = base.page_of(rowan.get(reverse("notifications:list")))
    assert "A former member replied to your thread" in told
    assert known["display_name"] not in told


# ---------------------------------------------------------------------------
# The page says so before anything happens


def test_the_page_says_library_resources_and_the_balance_page_go_too(
    member_client,
):
    page = base.page_of(member_client.get(base.DELETE_PAGE))
    assert (
        "Everything on your balance page goes too: your time here, your limits, "
        "your check-ins and your support list." in page
    )
    assert (
        "Your posts and the resources you shared in the library go or stay, as you "
        "choose below." in page
    )
    assert "Your threads, replies, chat messages and library resources stay" in page
    assert "Your threads, replies, chat messages and library resources are" in page
