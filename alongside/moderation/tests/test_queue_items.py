"""The queue: safety flags and member reports in one order, who is on each item,
crisis posts nobody has answered, and the moderator's own day."""

from html import unescape

import pytest
from django.urls import reverse

from alongside.accounts.models import User
from alongside.groups.actions import set_role
from alongside.groups.models import Membership
from alongside.moderation.actions import resolve_flag
from alongside.moderation.models import Flag, ModerationLog
from alongside.safety.service import screen
from alongside.threads.actions import open_thread, post_reply
from conftest import client_for, give_second_factor, make_user

URGENT = "I've written my goodbye letters and I'm going to end my life tonight."
CONCERN = "Honestly I just wish I could fall asleep and not wake up."


@pytest.fixture(autouse=True, scope="module")
def _checks_loaded():
    """Load the safety checks once, so no test's first post meets their start-up."""
    screen(URGENT)


def report(client, reply, reason="spam", note=""):
    url = reverse("moderation:report_reply", args=[reply.pk])
    response = client.post(url, {"reason": reason, "note": note})
    assert response.status_code == 302, response.content.decode()


def queue_page(client, group) -> str:
    response = client.get(reverse("moderation:queue", args=[group.slug]))
    assert response.status_code == 200
    return unescape(response.content.decode())


def reporter(group, username, name):
    person = make_user(username, display_name=name)
    set_role(group=group, member=person, role=Membership.Role.MEMBER)
    return client_for(person)


def second_moderator(group):
    person = make_user("devon", display_name="Devon")
    set_role(group=group, member=person, role=Membership.Role.MODERATOR)
    give_second_factor(person)
    return person, client_for(person)


def test_items_sort_by_severity_then_age_oldest_first(
    clock, member, other_member, moderator_client, group, thread
):
    first = post_reply(author=other_member, thread=thread, body="Spam one")
    second = post_reply(author=other_member, thread=thread, body="Spam two")
    mean = post_reply(author=other_member, thread=thread, body="You're pathetic")
    reporting = client_for(member)
    report(reporting, mean, "harassment")
    clock.advance(minutes=10)
    open_thread(author=member, group=group, title="Tonight", body=URGENT)
    clock.advance(minutes=10)
    report(reporting, first, "spam")
    clock.advance(minutes=10)
    report(reporting, second, "spam")

    body = queue_page(moderator_client, group)

    urgent_at = body.index("The writer may be in danger now.")
    harassment_at = body.index("Harassment or bullying")
    first_at = body.index("Spam one")
    second_at = body.index("Spam two")
    assert urgent_at < harassment_at < first_at < second_at


def test_all_six_severities_sort_most_severe_first_whatever_their_age(
    clock, member, other_member, moderator_client, group, thread
):
    """Each item is newer than the one after it in the queue's order, so sorting
    by age alone would turn the list upside down."""
    reporting = client_for(member)
    reported = {}
    for reason in ("spam", "misinformation", "privacy", "harassment"):
        reply = post_reply(author=other_member, thread=thread, body=f"About {reason}")
        report(reporting, reply, reason)
        reported[reason] = Flag.objects.get(object_id=reply.pk)
        clock.advance(minutes=10)
    open_thread(author=other_member, group=group, title="Low", body=CONCERN)
    concern = Flag.objects.get(severity=Flag.Severity.CONCERN)
    clock.advance(minutes=10)
    open_thread(author=other_member, group=group, title="Tonight", body=URGENT)
    urgent = Flag.objects.get(severity=Flag.Severity.URGENT)
    clock.advance(minutes=10)
    expected = [
        urgent,
        concern,
        reported["harassment"],
        reported["privacy"],
        reported["misinformation"],
        reported["spam"],
    ]
    assert [flag.severity for flag in expected] == sorted(
        flag.severity for flag in expected
    )
    assert [flag.created_at for flag in expected] == sorted(
        (flag.created_at for flag in expected), reverse=True
    )

    body = queue_page(moderator_client, group)

    shown = [body.index(f'id="flag-{flag.pk}"') for flag in expected]
    assert shown == sorted(shown)


def test_a_report_shows_its_reasons_notes_and_count_but_never_who_sent_it(
    moderator_client, group, reply
):
    report(reporter(group, "wren", "Wren Q"), reply, "harassment", "Kept at it.")
    report(reporter(group, "ivo", "Ivo P"), reply, "misinformation", "")

    body = queue_page(moderator_client, group)

    assert "Reported by 2 members" in body
    assert "Harassment or bullying, Misinformation" in body
    assert "Kept at it." in body
    for name in ("wren", "Wren Q", "ivo", "Ivo P"):
        assert name not in body


def test_each_item_shows_the_person_s_history_in_the_group(
    moderator, moderator_client, member, group, thread
):
    open_thread(author=member, group=group, title="Low", body=CONCERN)
    resolve_flag(moderator=moderator, flag=Flag.objects.get(), resolution="left_up")
    report(reporter(group, "wren", "Wren Q"), thread.replies.get(is_opening=True))

    body = queue_page(moderator_client, group)

    assert "1 earlier item about them in this group" in body
    assert "1 moderator action about them" in body


def test_crisis_content_stays_folded_until_opened(moderator_client, member, group):
    open_thread(author=member, group=group, title="Tonight", body=URGENT)

    body = queue_page(moderator_client, group)

    details = body.index('<details class="queue-content">')
    assert details < body.index("goodbye letters") < body.index("</details>", details)


def test_claiming_marks_the_item_and_someone_else_s_claim_is_refused(
    moderator, moderator_client, group, reply, member_client
):
    report(member_client, reply)
    flag = Flag.objects.get()
    claim = reverse("moderation:claim", args=[group.slug, flag.pk])
    release = reverse("moderation:release", args=[group.slug, flag.pk])

    moderator_client.post(claim)

    flag.refresh_from_db()
    assert flag.claimed_by == moderator
    assert "You're looking at this." in queue_page(moderator_client, group)
    _devon, devon_client = second_moderator(group)
    assert "Morgan is looking at this." in queue_page(devon_client, group)
    refused = devon_client.post(claim, follow=True)
    assert "Morgan is already looking at this one." in unescape(
        refused.content.decode()
    )
    devon_client.post(release)
    flag.refresh_from_db()
    assert flag.claimed_by == moderator

    moderator_client.post(release)

    flag.refresh_from_db()
    assert flag.claimed_by is None
    actions = list(ModerationLog.objects.order_by("pk").values_list("action", "actor"))
    assert actions == [("flag_claimed", moderator.pk), ("flag_released", moderator.pk)]


def test_dismissing_closes_a_report_and_is_logged(
    moderator, moderator_client, member_client, group, reply, other_member
):
    report(member_client, reply)
    flag = Flag.objects.get()

    moderator_client.post(
        reverse("moderation:dismiss", args=[group.slug, flag.pk]),
        {"reason": "Just a disagreement."},
    )

    flag.refresh_from_db()
    assert (flag.resolution, flag.resolved_by) == ("dismissed", moderator)
    log = ModerationLog.objects.get()
    assert (log.action, log.subject, log.reason) == (
        "flag_dismissed",
        other_member,
        "Just a disagreement.",
    )
    assert "Nothing is waiting" in queue_page(moderator_client, group)


def test_a_safety_flag_is_not_dismissed_as_a_report(moderator_client, member, group):
    open_thread(author=member, group=group, title="Tonight", body=URGENT)
    flag = Flag.objects.get()

    moderator_client.post(reverse("moderation:dismiss", args=[group.slug, flag.pk]))

    flag.refresh_from_db()
    assert flag.is_open
    assert not ModerationLog.objects.exists()


def test_an_unanswered_crisis_post_waits_at_the_top_after_30_minutes(
    clock, moderator, moderator_client, member, other_member, group
):
    posted = open_thread(author=member, group=group, title="Can't go on", body=URGENT)
    thread = posted.reply.thread
    waiting = "Waiting for an answer"

    clock.advance(minutes=29)
    assert waiting not in queue_page(moderator_client, group)

    clock.advance(minutes=2)
    resolve_flag(moderator=moderator, flag=Flag.objects.get(), resolution="left_up")
    post_reply(author=member, thread=thread, body="Still here I guess.")
    body = queue_page(moderator_client, group)
    assert waiting in body
    assert body.index(waiting) < body.index("Nothing is waiting")
    assert "Can't go on" in body

    post_reply(author=other_member, thread=thread, body="I'm here. Talk to me.")
    assert waiting not in queue_page(moderator_client, group)


def test_an_unanswered_crisis_reply_waits_at_the_top_after_30_minutes_too(
    clock, moderator_client, member, other_member, group, thread
):
    """Further down a thread: earlier posts and the writer's own later ones are
    no answer; a later reply from someone else is."""
    crisis = post_reply(author=other_member, thread=thread, body=URGENT)
    shown = f'<a href="{crisis.get_absolute_url()}">A reply in “{thread.title}”</a>'

    clock.advance(minutes=29)
    assert shown not in queue_page(moderator_client, group)

    clock.advance(minutes=2)
    post_reply(author=other_member, thread=thread, body="Still here I guess.")
    body = queue_page(moderator_client, group)
    assert shown in body
    assert body.index("Waiting for an answer") < body.index(
        "The writer may be in danger now."
    )

    post_reply(author=member, thread=thread, body="I'm here, Sam. Talk to me.")
    assert "Waiting for an answer" not in queue_page(moderator_client, group)


def test_a_moderator_never_sees_or_acts_on_an_item_about_themselves(
    moderator, moderator_client, member_client, group, thread
):
    """A report on their reply and a safety flag on their own crisis post go to
    the group's other moderators; the site's admins see them too."""
    theirs = post_reply(author=moderator, thread=thread, body="Just stop moaning.")
    report(member_client, theirs, "harassment")
    open_thread(author=moderator, group=group, title="Tonight", body=URGENT)
    about_them = list(Flag.objects.filter(subject=moderator))
    assert len(about_them) == 2

    body = queue_page(moderator_client, group)
    for flag in about_them:
        assert f'id="flag-{flag.pk}"' not in body
    assert "Nothing is waiting" in body
    group_page = moderator_client.get(group.get_absolute_url()).content.decode()
    assert "Moderation: 0 waiting" in group_page
    for flag in about_them:
        args = [group.slug, flag.pk]
        for name in ("reach_out", "hide"):
            url = reverse(f"moderation:{name}", args=args)
            assert moderator_client.get(url).status_code == 404
            assert moderator_client.post(url, {"reason": "Mine."}).status_code == 404
        for name in ("resolve", "dismiss", "claim", "release", "restore"):
            url = reverse(f"moderation:{name}", args=args)
            assert moderator_client.post(url, {"reason": "Mine."}).status_code == 404
    assert not ModerationLog.objects.exists()
    assert Flag.objects.filter(subject=moderator, resolved_at__isnull=True).count() == 2
    theirs.refresh_from_db()
    assert not theirs.is_hidden

    devon, devon_client = second_moderator(group)
    body = queue_page(devon_client, group)
    for flag in about_them:
        assert f'id="flag-{flag.pk}"' in body
    flag = next(f for f in about_them if f.source == Flag.Source.REPORT)
    devon_client.post(
        reverse("moderation:dismiss", args=[group.slug, flag.pk]),
        {"reason": "A disagreement."},
    )
    flag.refresh_from_db()
    assert (flag.resolution, flag.resolved_by) == ("dismissed", devon)

    admin = User.objects.create_user("operator", password="x", is_staff=True)
    give_second_factor(admin)
    site = unescape(
        client_for(admin).get(reverse("moderation:site_queue")).content.decode()
    )
    crisis = next(f for f in about_them if f.source == Flag.Source.SAFETY)
    assert f'id="flag-{crisis.pk}"' in site


def test_the_queue_counts_distressing_items_closed_since_midnight_their_time(
    clock, moderator, moderator_client, member, group
):
    moderator.time_zone = "Asia/Tokyo"  # midnight there is 15:00 UTC the day before
    moderator.save()
    for hour in (14, 16, 20):
        clock.set(2026, 2, 19, hour, 0)
        open_thread(author=member, group=group, title=f"At {hour}", body=URGENT)
        resolve_flag(
            moderator=moderator,
            flag=Flag.objects.get(resolved_at__isnull=True),
            resolution="left_up",
        )
    clock.set(2026, 2, 19, 21, 0)

    body = queue_page(moderator_client, group)

    assert "You've reviewed 2 distressing items today." in body
    assert "You've been at this a while." not in body


def test_past_the_moderator_s_own_threshold_the_queue_suggests_a_break(
    clock, moderator, moderator_client, member, group, reply
):
    for n in range(3):
        open_thread(author=member, group=group, title=f"Night {n}", body=URGENT)
        resolve_flag(
            moderator=moderator,
            flag=Flag.objects.get(resolved_at__isnull=True),
            resolution="left_up",
        )
    body = queue_page(moderator_client, group)
    assert "You've reviewed 3 distressing items today." in body
    assert "Step away for a few minutes?" not in body

    moderator_client.post(
        reverse("moderation:break_after", args=[group.slug]), {"break_after": "3"}
    )

    assert "Step away for a few minutes?" in queue_page(moderator_client, group)
    clock.advance(days=1)
    assert "Step away for a few minutes?" not in queue_page(moderator_client, group)


def test_stepping_away_hands_the_moderator_s_items_back(
    moderator, moderator_client, member_client, group, reply
):
    report(member_client, reply)
    flag = Flag.objects.get()
    moderator_client.post(reverse("moderation:claim", args=[group.slug, flag.pk]))

    response = moderator_client.post(reverse("moderation:step_away", args=[group.slug]))

    assert response["Location"] == reverse("home")
    flag.refresh_from_db()
    assert flag.claimed_by is None
    assert ModerationLog.objects.filter(action="flags_released_for_a_break").exists()


def test_the_site_wide_queue_is_for_admins_with_a_second_factor(
    member, group, private_group, moderator_client, facilitator
):
    open_thread(author=member, group=group, title="Tonight", body=URGENT)
    open_thread(author=member, group=private_group, title="Low", body=CONCERN)
    admin = User.objects.create_user("operator", password="x", is_staff=True)
    url = reverse("moderation:site_queue")
    assert client_for(admin).get(url)["Location"] == "/accounts/2fa/totp/activate/"
    give_second_factor(admin)

    body = unescape(client_for(admin).get(url).content.decode())

    assert body.index("Living with chronic pain") < body.index("Recovery together")
    assert "goodbye letters" in body
    assert moderator_client.get(url).status_code == 404
