"""The copy of a member's data holds the newer kinds too: library resources, "this
helped me" marks, professional details, notifications, follows, group levels,
email choices and the balance page, and still nothing private of anyone else."""

import io
import json
import zipfile
from datetime import UTC, datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alongside.accounts.models import User
from alongside.groups.actions import create_group, leave_group, set_role
from alongside.groups.models import Group, Membership
from alongside.notifications.actions import follow_thread, set_group_level
from alongside.notifications.email import set_email_choice
from alongside.notifications.models import (
    EmailChoice,
    Follow,
    GroupLevel,
    Notification,
)
from alongside.privacy.export import build_export
from alongside.privacy.tests import test_export as base
from alongside.resources.actions import (
    apply_as_professional,
    mark_helped,
    review_resource,
    share_resource,
    verify_professional,
)
from alongside.resources.models import Credential, Helped, Resource, Tag
from alongside.threads.actions import post_reply, start_thread
from alongside.threads.models import Thread
from alongside.wellbeing.checkins import record_checkin
from alongside.wellbeing.limits import set_limits
from alongside.wellbeing.models import CheckBack
from alongside.wellbeing.support import add_support_contact
from alongside.wellbeing.time import record_activity
from conftest import give_second_factor, make_user

MINE = {
    "resource_title": "CANARY-RESOURCE-TITLE-1c2d",
    "resource_summary": "CANARY-RESOURCE-SUMMARY-3e4f",
    "resource_link": "https://canary-link-5a6b.example.org/leaflet",
    "tag": "canary-tag-7c8d",
    "profession": "CANARY-PROFESSION-9e0f",
    "registration": "CANARY-REG-1a2b",
    "issuing_body": "CANARY-ISSUER-3c4d",
    "conflicts": "CANARY-CONFLICTS-5e6f",
    "check_method": "CANARY-CHECKED-7a8b",
    "checkin_note": "CANARY-CHECKIN-9c0d",
    "contact_name": "CANARY-CONTACT-NAME-1e2f",
    "contact_how": "CANARY-CONTACT-HOW-3a4b",
}
# Others' words the member may read, about what is theirs or what they marked.
SEEN = {
    "review_note": "CANARY-REVIEW-NOTE-5c6d",
    "helped_title": "CANARY-HELPED-TITLE-7e8f",
}
THEIRS = {
    "sam_name": "SECRET-NAME-SAM-4b6d",
    "nurse_name": "SECRET-NAME-NURSE-8c0e",
    "admin_name": "SECRET-NAME-ADMIN-2f4a",
    "nurse_profession": "SECRET-NURSE-PROFESSION-6d8f",
    "nurse_registration": "SECRET-NURSE-REG-0a2c",
    "sam_title": "SECRET-SAM-THREAD-4e6a",
    "sam_reply": "SECRET-SAM-REPLY-8b0d",
    "sam_resource": "SECRET-SAM-RESOURCE-2c4e",
    "left_resource": "SECRET-LEFT-RESOURCE-6f8b",
    "sam_tag": "secret-sam-tag-0d2f",
    "sam_checkin": "SECRET-SAM-CHECKIN-4a6c",
    "sam_contact": "SECRET-SAM-CONTACT-8e0a",
}
NHS = "https://www.nhs.uk/conditions/chronic-pain/"


def professional(username: str, *, profession: str, registration: str, admin: User):
    person = User.objects.get(username=username)
    credential = apply_as_professional(
        member=person, profession=profession, registration_number=registration,
        issuing_body="Nursing and Midwifery Council", country="GB", conflicts="None",
    )  # fmt: skip
    return verify_professional(
        admin=admin, credential=credential, method=MINE["check_method"], months=12
    )


@pytest.fixture
def newer(clock, member, other_member, group):
    """Rowan with one of every newer kind; others' private things beside them."""
    User.objects.filter(pk=other_member.pk).update(display_name=THEIRS["sam_name"])
    nurse = make_user("ash", display_name=THEIRS["nurse_name"], country="GB")
    set_role(group=group, member=nurse, role=Membership.Role.MEMBER)
    admin = make_user("operator", display_name=THEIRS["admin_name"], is_staff=True)
    give_second_factor(admin)

    # What Rowan shared, reviewed with concerns by a verified nurse, whom others
    # (Sam) found helpful.
    mine = share_resource(
        author=member, title=MINE["resource_title"],
        summary=MINE["resource_summary"], kind="article",
        sources=[MINE["resource_link"]], groups=[group], tags=[MINE["tag"]],
    )  # fmt: skip
    professional(
        "ash", profession=THEIRS["nurse_profession"],
        registration=THEIRS["nurse_registration"], admin=admin,
    )  # fmt: skip
    review_resource(
        reviewer=nurse, resource=mine, concerns=True, note=SEEN["review_note"]
    )
    mark_helped(member=other_member, resource=mine)

    # Sam's resources: one Rowan found helpful, one they found helpful in a group
    # they have since left, and one they never marked.
    helped = share_resource(
        author=other_member, title=SEEN["helped_title"], summary="Short walks.",
        kind="tip", sources=[], groups=[group],
    )  # fmt: skip
    mark_helped(member=member, resource=helped)
    owls = create_group(name="Night owls", slug="night-owls", facilitator=nurse)
    set_role(group=owls, member=member, role=Membership.Role.MEMBER)
    set_role(group=owls, member=other_member, role=Membership.Role.MEMBER)
    left = share_resource(
        author=other_member, title=THEIRS["left_resource"], summary="Sleep tips.",
        kind="tip", sources=[], groups=[owls],
    )  # fmt: skip
    mark_helped(member=member, resource=left)
    leave_group(member=member, group=owls)
    share_resource(
        author=other_member, title=THEIRS["sam_resource"], summary="A leaflet.",
        kind="article", sources=[NHS], groups=[group], tags=[THEIRS["sam_tag"]],
    )  # fmt: skip

    # Rowan's own registration, checked by an admin.
    professional(
        "rowan", profession=MINE["profession"],
        registration=MINE["registration"], admin=admin,
    )  # fmt: skip
    Credential.objects.filter(member=member).update(
        issuing_body=MINE["issuing_body"], conflicts=MINE["conflicts"]
    )

    # How Rowan hears: Sam's thread followed, a reply by Sam naming them, a quiet
    # group, weekly emails.
    sams = start_thread(
        author=other_member, group=group, title=THEIRS["sam_title"], body="Hello."
    )
    follow_thread(member=member, thread=sams)
    post_reply(author=other_member, thread=sams, body=f"@rowan {THEIRS['sam_reply']}")
    set_group_level(member=member, group=group, level="nothing")
    set_email_choice(member=member, mode="weekly", include_details=False)

    # Both balance pages.
    record_checkin(member=member, mood=3, note=MINE["checkin_note"])
    add_support_contact(
        member=member, kind="person", name=MINE["contact_name"], how=MINE["contact_how"]
    )
    set_limits(
        member=member, daily_minutes=45, break_after_minutes=None,
        quiet_from=time(23, 0), quiet_until=time(7, 0),
    )  # fmt: skip
    record_activity(member=member, now=clock.moment, idle=0)
    CheckBack.objects.create(member=member, flag_id=1, answer="not_yet")
    record_checkin(member=other_member, mood=1, note=THEIRS["sam_checkin"])
    add_support_contact(
        member=other_member, kind="person", name=THEIRS["sam_contact"], how=""
    )
    return {"mine": mine, "helped": helped, "left": left, "sams": sams}


def test_the_copy_holds_the_members_newer_kinds_and_nothing_private_of_others(
    newer, member, member_client, django_capture_on_commit_callbacks
):
    base.confirm(member_client)
    assert (
        base.ask(member_client, django_capture_on_commit_callbacks).status_code == 302
    )
    download = member_client.get(base.export_of(member).get_absolute_url())
    assert download.status_code == 200
    data, html = base.contents(download)
    raw = json.dumps(data, ensure_ascii=False)

    for name, marker in {**MINE, **SEEN}.items():
        assert marker in raw, f"{name} is missing from the JSON"
        assert marker in html, f"{name} is missing from the HTML copy"
    for name, marker in THEIRS.items():
        assert marker not in raw, f"{name} leaked into the JSON"
        assert marker not in html, f"{name} leaked into the HTML copy"

    # What each new part says.
    [shared] = data["library_resources"]
    assert shared["tags"] == [MINE["tag"]]
    assert shared["groups"] == ["Living with chronic pain"]
    assert shared["sources"] == [
        {"url": MINE["resource_link"], "domain": "canary-link-5a6b.example.org"}
    ]
    assert (shared["review"], shared["people_it_helped"]) == ("concerns", 1)
    # Named while Rowan may see it; the one in the group they left, by number only.
    assert [(h["resource_id"], h["title"]) for h in data["helped_marks"]] == [
        (newer["helped"].pk, SEEN["helped_title"]),
        (newer["left"].pk, None),
    ]
    details = data["professional_details"]
    assert (details["registration_number"], details["status"]) == (
        MINE["registration"],
        "verified",
    )
    assert details["badge_shows_until"] == "2027-02-19"
    assert data["email_choices"]["emails"] == "weekly"
    assert data["email_choices"]["group_names_and_words_in_emails"] is False
    assert [(g["group"], g["level"]) for g in data["group_notification_levels"]] == [
        ("Living with chronic pain", "nothing")
    ]
    sams = newer["sams"]
    assert sams.pk in [f["thread_id"] for f in data["followed_threads"]]
    mention = next(n for n in data["notifications"] if n["kind"] == "mention")
    reply = sams.replies.get(is_opening=False)
    assert mention["address"] == reply.get_absolute_url()
    assert (mention["post_id"], mention["read_at"]) == (reply.pk, None)
    # Already exported before, still whole: the balance page.
    assert [c["note"] for c in data["checkins"]] == [MINE["checkin_note"]]
    assert data["balance_choices"]["daily_reminder_minutes"] == 45
    assert [c["answer"] for c in data["check_backs"]] == ["not_yet"]
    assert data["activity_per_day"][0]["active_slots"] == 1
    assert set(data["about"]["sections"]) == set(data) - {"about"}
    for title in (
        "Resources you shared",
        "Resources that helped you",
        "Your professional details",
        "Your notifications",
        "Threads you follow",
        "What you hear from each group",
        "Emails",
    ):
        assert f">{title}</h2>" in html


def test_a_member_with_none_of_the_newer_kinds_gets_the_defaults(db):
    quiet = make_user("quiet")
    archive = zipfile.ZipFile(io.BytesIO(build_export(quiet)))
    data = json.loads(archive.read("alongside-export.json"))
    assert data["professional_details"] is None
    assert data["email_choices"] == {
        "emails": "off",
        "emails_label": "No emails",
        "group_names_and_words_in_emails": False,
        "last_email_sent_at": None,
    }
    for key in (
        "library_resources",
        "helped_marks",
        "notifications",
        "followed_threads",
        "group_notification_levels",
    ):
        assert data[key] == [], key


# ---------------------------------------------------------------------------
# The cost stays fixed with the newer kinds too


def fill_newer(member: User, count: int) -> None:
    """`count` of every newer kind for the member, written directly."""
    tag = member.username
    other = make_user(f"{tag}-other")
    groups = Group.objects.bulk_create(
        Group(name=f"{tag} group {i}", slug=f"{tag}-group-{i}") for i in range(count)
    )
    Membership.objects.bulk_create(Membership(group=g, member=member) for g in groups)
    threads = Thread.objects.bulk_create(
        Thread(group=g, title=f"Thread {i}", author=other) for i, g in enumerate(groups)
    )
    tags = Tag.objects.bulk_create(
        Tag(name=f"{tag} tag {i}", slug=f"{tag}-tag-{i}") for i in range(count)
    )
    mine = Resource.objects.bulk_create(
        Resource(author=member, title=f"Mine {i}", summary="S", kind="tip")
        for i in range(count)
    )
    theirs = Resource.objects.bulk_create(
        Resource(author=other, title=f"Theirs {i}", summary="S", kind="tip")
        for i in range(count)
    )
    for resource, group, tag_row in zip(
        mine + theirs, groups * 2, tags * 2, strict=True
    ):
        resource.groups.add(group)
        resource.tags.add(tag_row)
    Helped.objects.bulk_create(Helped(resource=r, member=member) for r in theirs)
    Follow.objects.bulk_create(Follow(member=member, thread=t) for t in threads)
    GroupLevel.objects.bulk_create(
        GroupLevel(member=member, group=g, level="everything") for g in groups
    )
    now = timezone.now()
    Notification.objects.bulk_create(
        Notification(
            recipient=member,
            kind="new_thread",
            group=t.group,
            thread=t,
            created_at=now,
            updated_at=now,
        )
        for t in threads
    )
    EmailChoice.objects.create(
        member=member, mode="daily", last_sent_at=datetime(2026, 1, 5, tzinfo=UTC)
    )
    Credential.objects.create(
        member=member, profession="Nurse", registration_number="1", issuing_body="N",
        country="GB", conflicts="None", status="verified",
        expires_on=(now + timedelta(days=30)).date(),
    )  # fmt: skip
    CheckBack.objects.create(member=member, flag_id=1, answer="yes")


def test_the_newer_kinds_cost_the_same_queries_for_one_item_as_for_twenty(db):
    few, many = make_user("few"), make_user("many")
    fill_newer(few, 1)
    fill_newer(many, 20)
    with CaptureQueriesContext(connection) as small:
        build_export(few)
    with CaptureQueriesContext(connection) as large:
        archive = zipfile.ZipFile(io.BytesIO(build_export(many)))
    data = json.loads(archive.read("alongside-export.json"))
    for key in (
        "library_resources",
        "helped_marks",
        "notifications",
        "followed_threads",
        "group_notification_levels",
    ):
        assert len(data[key]) == 20, key
    assert data["email_choices"]["last_email_sent_at"] == "2026-01-05T00:00:00Z"
    assert data["professional_details"]["status"] == "verified"
    assert len(large.captured_queries) == len(small.captured_queries), "\n".join(
        q["sql"][:100] for q in large.captured_queries
    )
