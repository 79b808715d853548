"""Email about notifications: off by default, content-free, quiet hours kept, and
stopped in one click."""

import html
import re
from datetime import time
from email import policy as email_policy

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from alongside.groups.actions import leave_group
from alongside.notifications.email import (
    after_notified,
    send_email_digests_task,
    stop_token,
)
from alongside.notifications.models import EmailChoice, Notification
from alongside.threads.actions import hide_reply, post_reply
from alongside.wellbeing.limits import set_limits

SETTINGS = reverse("notifications:email_settings")
GROUP_NAME = "Living with chronic pain"
THREAD_TITLE = "Pacing when you feel good"
REPLY_WORDS = "Every single time, and then the flare comes."
SECOND_REPLY_WORDS = "I rest before I need to now."


@pytest.fixture
def posts(member, other_member, thread, clock):
    """Two replies to the member's thread. Whatever the posting notified is
    cleared, so each test decides exactly what is waiting."""
    member.email = "rowan@example.org"
    member.save(update_fields=["email"])
    first = post_reply(author=other_member, thread=thread, body=REPLY_WORDS)
    second = post_reply(author=other_member, thread=thread, body=SECOND_REPLY_WORDS)
    Notification.objects.all().delete()
    return first, second


def notify(recipient, reply, kind=Notification.Kind.REPLY, count=1):
    """A notification about `reply`, told to email as the notifying actions do."""
    notification = Notification.objects.create(
        recipient=recipient,
        kind=kind,
        group=reply.thread.group,
        thread=reply.thread,
        reply=reply,
        count=count,
    )
    after_notified([notification.pk])
    return notification


def choose(client, mode, include_details=False):
    data = {"mode": mode}
    if include_details:
        data["include_details"] = "on"
    response = client.post(SETTINGS, data)
    assert response.status_code == 302, response.content.decode()
    assert response["Location"] == SETTINGS


def text(response) -> str:
    return html.unescape(response.content.decode())


def run_digests() -> str:
    from io import StringIO

    out = StringIO()
    call_command("send_email_digests", stdout=out)
    return out.getvalue()


def assert_content_free(message, *, also=()):
    """Neither the subject nor the words name the group, the thread or any post."""
    for secret in (GROUP_NAME, THREAD_TITLE, REPLY_WORDS, SECOND_REPLY_WORDS, *also):
        assert secret not in message.subject
        assert secret not in message.body
    for word in ("chronic", "Pacing", "flare"):
        assert word not in message.subject
        assert word not in message.body


def stop_link(message) -> str:
    match = re.search(
        r"http://127\.0\.0\.1:8000(/notifications/email/stop/\S+/)\n", message.body
    )
    assert match, message.body
    return match.group(1)


# ---------------------------------------------------------------------------
# Off until the member turns it on


def test_emails_are_off_by_default_and_nothing_is_sent(member, posts, clock):
    clock.set(2026, 3, 3, 9, 0)
    notify(member, posts[0])

    assert "Daily summaries sent: 0" in run_digests()

    assert mail.outbox == []
    assert not EmailChoice.objects.filter(member=member).exists()


def test_the_settings_page_shows_emails_off_and_reading_it_saves_nothing(
    member_client, member
):
    page = member_client.get(SETTINGS)

    assert page.status_code == 200
    assert re.search(
        r'<input type="radio" name="mode" value="off"[^>]* checked', page.text
    )
    assert "You haven't added an email address yet" in text(page)
    assert not EmailChoice.objects.filter(member=member).exists()


def test_a_choice_is_saved_and_shown_again(member_client, member):
    choose(member_client, "weekly", include_details=True)

    choice = EmailChoice.objects.get(member=member)
    assert (choice.mode, choice.include_details) == ("weekly", True)
    page = member_client.get(SETTINGS).text
    assert "Your email choice is saved." in page
    assert re.search(r'value="weekly"[^>]* checked', page)
    assert re.search(r'name="include_details"[^>]* checked', page)


def test_a_choice_that_is_not_offered_is_refused_and_the_form_keeps_the_rest(
    member_client, member
):
    response = member_client.post(SETTINGS, {"mode": "hourly", "include_details": "on"})

    assert response.status_code == 422
    assert "One thing to fix" in text(response)
    assert re.search(r'name="include_details"[^>]* checked', response.text)
    assert not EmailChoice.objects.filter(member=member).exists()


# ---------------------------------------------------------------------------
# Each time


def test_each_time_sends_one_email_that_names_no_group_thread_or_post(
    member_client, member, posts, clock
):
    choose(member_client, "immediate")

    notification = notify(member, posts[0])

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["rowan@example.org"]
    assert message.subject == "You have a new reply on Alongside"
    assert "1 new reply to you" in message.body
    assert "http://127.0.0.1:8000/notifications/\n" in message.body
    assert_content_free(message)
    notification.refresh_from_db()
    assert notification.emailed_at == clock.moment


def test_a_reply_posted_on_the_site_reaches_the_thread_writer_by_email(
    member_client,
    member,
    other_member_client,
    thread,
    django_capture_on_commit_callbacks,
):
    member.email = "rowan@example.org"
    member.save(update_fields=["email"])
    choose(member_client, "immediate")

    with django_capture_on_commit_callbacks(execute=True):
        response = other_member_client.post(
            reverse("threads:reply", args=[thread.pk]), {"body": REPLY_WORDS}
        )

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "You have a new reply on Alongside"
    assert_content_free(mail.outbox[0])


def test_a_notification_is_emailed_once_only(member_client, member, posts):
    choose(member_client, "immediate")
    notification = notify(member, posts[0])

    after_notified([notification.pk])
    run_digests()

    assert len(mail.outbox) == 1


def test_nothing_is_sent_about_a_notification_already_read(
    member_client, member, posts, clock
):
    choose(member_client, "immediate")
    notification = Notification.objects.create(
        recipient=member,
        kind=Notification.Kind.REPLY,
        group=posts[0].thread.group,
        thread=posts[0].thread,
        reply=posts[0],
        read_at=clock.moment,
    )

    after_notified([notification.pk])
    run_digests()

    assert mail.outbox == []


def test_no_email_reaches_a_member_without_an_address(member_client, member, posts):
    choose(member_client, "immediate")
    member.email = ""
    member.save(update_fields=["email"])

    notify(member, posts[0])

    assert mail.outbox == []
    assert Notification.objects.get().emailed_at is None


# ---------------------------------------------------------------------------
# Summaries


def test_a_daily_summary_gathers_what_waits_into_one_email_with_counts_only(
    member_client, member, other_member, posts, clock
):
    choose(member_client, "daily")
    clock.set(2026, 3, 3, 7, 30)  # a Tuesday; London is on UTC until 29 March
    notify(member, posts[0])
    notify(member, posts[1])
    assert mail.outbox == []

    assert "Daily summaries sent: 0" in run_digests()  # before 8am, their time
    assert mail.outbox == []

    clock.set(2026, 3, 3, 8, 5)
    assert "Daily summaries sent: 1" in run_digests()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "You have 2 new replies on Alongside"
    assert "2 new replies to you" in message.body
    assert "http://127.0.0.1:8000/notifications/\n" in message.body
    assert "daily summary" in message.body
    assert_content_free(message, also=[other_member.display_name])
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_a_daily_summary_counts_each_kind_and_goes_once_a_day(
    member_client, member, posts, clock
):
    choose(member_client, "daily")
    clock.set(2026, 3, 3, 9, 0)
    notify(member, posts[0], kind=Notification.Kind.FOLLOWED)
    notify(member, posts[1], kind=Notification.Kind.REACTIONS, count=3)

    run_digests()
    message = mail.outbox[0]
    assert message.subject == "You have 4 new notifications on Alongside"
    assert "1 new reply in a thread you follow" in message.body
    assert "3 new reactions to your posts" in message.body
    assert_content_free(message)

    clock.set(2026, 3, 3, 18, 0)
    notify(member, posts[0])
    run_digests()
    assert len(mail.outbox) == 1  # one a day

    clock.set(2026, 3, 4, 8, 0)
    run_digests()
    assert len(mail.outbox) == 2
    assert mail.outbox[1].subject == "You have a new reply on Alongside"

    clock.set(2026, 3, 5, 8, 0)
    run_digests()
    assert len(mail.outbox) == 2  # nothing waiting, nothing sent


def test_the_summary_follows_the_members_own_clock(member_client, member, posts, clock):
    member.time_zone = "America/New_York"
    member.save(update_fields=["time_zone"])
    choose(member_client, "daily")
    notify(member, posts[0])

    clock.set(2026, 3, 3, 12, 0)  # 7am in New York
    run_digests()
    assert mail.outbox == []

    clock.set(2026, 3, 3, 13, 0)  # 8am in New York
    run_digests()
    assert len(mail.outbox) == 1


def test_a_weekly_summary_goes_on_mondays(member_client, member, posts, clock):
    choose(member_client, "weekly")
    notify(member, posts[0])

    clock.set(2026, 3, 1, 9, 0)  # a Sunday
    output = run_digests()
    assert "Weekly summaries sent: 0" in output
    assert mail.outbox == []

    clock.set(2026, 3, 2, 8, 30)  # Monday
    assert "Weekly summaries sent: 1" in run_digests()
    assert len(mail.outbox) == 1
    assert "weekly summary" in mail.outbox[0].body

    notify(member, posts[1])
    clock.set(2026, 3, 4, 9, 0)
    run_digests()
    assert len(mail.outbox) == 1
    clock.set(2026, 3, 9, 8, 0)
    run_digests()
    assert len(mail.outbox) == 2


def test_with_details_on_the_thread_and_group_are_named_but_never_the_words(
    member_client, member, posts, clock
):
    choose(member_client, "daily", include_details=True)
    clock.set(2026, 3, 3, 9, 0)
    notify(member, posts[0])
    notify(member, posts[1])

    run_digests()

    message = mail.outbox[0]
    assert f"“{THREAD_TITLE}” in {GROUP_NAME}" in message.body
    assert message.body.count(THREAD_TITLE) == 1
    assert GROUP_NAME not in message.subject
    assert THREAD_TITLE not in message.subject
    assert REPLY_WORDS not in message.body
    assert SECOND_REPLY_WORDS not in message.body


def test_the_periodic_run_is_also_a_background_task(
    member_client, member, posts, clock
):
    choose(member_client, "daily")
    clock.set(2026, 3, 3, 9, 0)
    notify(member, posts[0])

    result = send_email_digests_task.enqueue()

    assert result.return_value == {"each_time": 0, "daily": 1, "weekly": 0}
    assert len(mail.outbox) == 1


# ---------------------------------------------------------------------------
# Quiet hours


def test_emails_due_in_quiet_hours_wait_and_go_as_one_summary_when_they_end(
    member_client, member, posts, clock
):
    set_limits(
        member=member,
        daily_minutes=None,
        break_after_minutes=None,
        quiet_from=time(22, 0),
        quiet_until=time(7, 0),
    )
    choose(member_client, "immediate")

    clock.set(2026, 3, 3, 23, 0)
    notify(member, posts[0])
    clock.set(2026, 3, 4, 2, 0)
    notify(member, posts[1])
    clock.set(2026, 3, 4, 6, 45)
    run_digests()
    assert mail.outbox == []

    clock.set(2026, 3, 4, 7, 0)
    assert "Emails sent after quiet hours: 1" in run_digests()

    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "You have 2 new replies on Alongside"
    assert_content_free(mail.outbox[0])


def test_a_summary_due_in_quiet_hours_waits_until_they_end(
    member_client, member, posts, clock
):
    set_limits(
        member=member,
        daily_minutes=None,
        break_after_minutes=None,
        quiet_from=time(6, 0),
        quiet_until=time(9, 30),
    )
    choose(member_client, "daily")
    clock.set(2026, 3, 3, 8, 15)
    notify(member, posts[0])

    run_digests()
    assert mail.outbox == []

    clock.set(2026, 3, 3, 9, 30)
    run_digests()
    assert len(mail.outbox) == 1


# ---------------------------------------------------------------------------
# Only what the member may still see


def test_a_member_who_left_the_group_gets_nothing_about_it(
    member_client, member, group, posts, clock
):
    choose(member_client, "daily")
    clock.set(2026, 3, 3, 7, 0)
    notification = notify(member, posts[0])
    leave_group(member=member, group=group)

    clock.set(2026, 3, 3, 9, 0)
    run_digests()

    assert mail.outbox == []
    notification.refresh_from_db()
    assert notification.emailed_at is None


def test_each_time_sends_nothing_about_a_group_already_left(
    member_client, member, group, posts
):
    choose(member_client, "immediate")
    notification = Notification.objects.create(
        recipient=member,
        kind=Notification.Kind.REPLY,
        group=group,
        thread=posts[0].thread,
        reply=posts[0],
    )
    leave_group(member=member, group=group)

    after_notified([notification.pk])

    assert mail.outbox == []


def test_nothing_is_sent_about_a_reply_the_moderators_hid(
    member_client, member, moderator, posts, clock
):
    choose(member_client, "daily")
    clock.set(2026, 3, 3, 7, 0)
    notify(member, posts[0])
    hide_reply(moderator=moderator, reply=posts[0], reason="Names another member.")

    clock.set(2026, 3, 3, 9, 0)
    run_digests()

    assert mail.outbox == []


# ---------------------------------------------------------------------------
# Stopping in one click


@pytest.fixture
def email(member_client, member, posts):
    choose(member_client, "immediate")
    notify(member, posts[0])
    return mail.outbox[0]


def test_every_email_carries_a_stop_link_and_the_one_click_headers(email):
    link = stop_link(email)

    assert email.extra_headers["List-Unsubscribe"] == f"<http://127.0.0.1:8000{link}>"
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # Written as is, never folded into encoded words mail apps cannot follow.
    raw = email.message(policy=email_policy.SMTP).as_bytes()
    assert f"\r\nList-Unsubscribe: <http://127.0.0.1:8000{link}>\r\n".encode() in raw
    assert "Stop these emails:" in email.body
    assert "http://127.0.0.1:8000/notifications/email/\n" in email.body


def test_opening_the_stop_link_asks_first_and_writes_nothing(email, member):
    link = stop_link(email)
    writes = []

    def record(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            writes.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        response = Client().get(link)

    assert response.status_code == 200
    assert "Stop emails about your notifications?" in text(response)
    assert "Stop these emails</button>" in text(response)
    assert writes == []
    assert EmailChoice.objects.get(member=member).mode == "immediate"


def test_one_post_to_the_stop_link_turns_emails_off_without_signing_in(
    email, member, posts
):
    link = stop_link(email)
    mail_app = Client(enforce_csrf_checks=True)

    response = mail_app.post(link, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert "You won't get these emails any more" in text(response)
    assert EmailChoice.objects.get(member=member).mode == "off"
    notify(member, posts[1])
    assert len(mail.outbox) == 1
    again = Client().get(link)
    assert "These emails are already off" in text(again)


@pytest.mark.parametrize(
    "token",
    ["made-up-token", "1:1tXyZa:not-the-signature", "tampered"],
)
def test_a_stop_link_that_does_not_work_says_so_kindly_and_changes_nothing(
    email, member, token
):
    if token == "tampered":
        real = stop_token(EmailChoice.objects.get(member=member))
        token = real[:-1] + ("A" if real[-1] != "A" else "B")
    link = reverse("notifications:email_stop", kwargs={"token": token})

    shown = Client().get(link)
    posted = Client().post(link)

    for response in (shown, posted):
        assert response.status_code == 404
        assert "This link doesn't work" in text(response)
        assert "Nothing has changed." in text(response)
    assert EmailChoice.objects.get(member=member).mode == "immediate"


def test_a_stop_link_for_an_account_that_is_gone_is_not_found(email, member):
    link = stop_link(email)
    member.delete()

    assert Client().post(link).status_code == 404
