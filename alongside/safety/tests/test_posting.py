"""What members and moderators see when a post is screened, through the pages."""

import json
import subprocess
import sys
from pathlib import Path

from django.urls import reverse

from alongside.moderation.models import Flag
from alongside.threads.models import Reply

URGENT = "I've written my goodbye letters and I'm going to end my life tonight."
CONCERN = "Honestly I just wish I could fall asleep and not wake up."
PLAIN = "Pacing helped me a lot this winter."


def _reply(client, thread, body, **extra):
    return client.post(
        reverse("threads:reply", args=[thread.pk]), {"body": body, **extra}
    )


def test_urgent_reply_is_posted_visible_and_shows_help_for_the_writers_country(
    member_client, other_member_client, thread
):
    response = _reply(member_client, thread, URGENT)
    reply = Reply.objects.get(body=URGENT)
    assert response.status_code == 302
    assert response["Location"].endswith(f"?support={reply.pk}#support")
    page = member_client.get(response["Location"]).content.decode()
    assert "You don't have to hold this on your own." in page
    assert "Samaritans" in page  # the member lives in the UK
    assert "please call 999 now" in page
    assert "We've let a moderator know" in page
    assert page.count('class="support-line"') <= 3
    # The post is up for everyone in the group, with no trace of the screening.
    other_page = other_member_client.get(thread.get_absolute_url()).content.decode()
    assert "going to end my life tonight" in other_page
    assert "support-line" not in other_page
    assert reply.deleted_at is None


def test_the_support_panel_is_only_for_the_writer(
    member_client, other_member_client, thread
):
    response = _reply(member_client, thread, URGENT)
    page = other_member_client.get(response["Location"]).content.decode()
    assert "hold this on your own" not in page


def test_concern_shows_help_without_the_emergency_line(member_client, thread):
    response = _reply(member_client, thread, CONCERN)
    page = member_client.get(response["Location"]).content.decode()
    assert "hold this on your own" in page
    assert "please call 999 now" not in page


def test_urgent_flag_sits_at_the_top_of_the_moderator_queue(
    member_client, other_member_client, moderator_client, thread, group
):
    _reply(other_member_client, thread, CONCERN)
    _reply(member_client, thread, URGENT)
    flags = list(Flag.objects.order_by("severity", "created_at"))
    assert [f.get_severity_display() for f in flags] == [
        "Needs care now",
        "May need a check-in",
    ]
    page = moderator_client.get(reverse("moderation:queue", args=[group.slug]))
    body = page.content.decode()
    assert body.index("Needs care now") < body.index("May need a check-in")
    assert "Send support message" in body
    assert "<details" in body  # the text is folded until a moderator opens it


def test_ordinary_posts_raise_no_flag_and_no_panel(member_client, thread):
    response = _reply(member_client, thread, PLAIN)
    assert "support=" not in response["Location"]
    assert not Flag.objects.exists()


def test_members_cannot_see_the_moderator_queue(member_client, outsider_client, group):
    url = reverse("moderation:queue", args=[group.slug])
    assert member_client.get(url).status_code == 404
    assert outsider_client.get(url).status_code == 404


def test_reaching_out_sends_a_private_message_and_closes_the_flag(
    member_client, moderator_client, member, thread, group
):
    _reply(member_client, thread, URGENT)
    flag = Flag.objects.get()
    url = reverse("moderation:reach_out", args=[group.slug, flag.pk])
    assert "wanted to check in" in moderator_client.get(url).content.decode()
    moderator_client.post(url, {"body": "Hi Rowan, we're here if you want to talk."})
    flag.refresh_from_db()
    assert flag.resolved_at is not None and flag.resolution == "reached_out"
    assert member.support_messages.get().body.startswith("Hi Rowan")


def test_findings_are_stored_without_the_text(member_client, thread):
    _reply(member_client, thread, URGENT + " Call me on 07700 900 123.", pii_seen="1")
    flag = Flag.objects.get()
    stored = json.dumps(flag.findings)
    assert "07700" not in stored and "life" not in stored
    assert flag.findings["crisis"] == "urgent"


def test_failing_checks_still_save_the_post_and_show_help(
    member_client, thread, settings, caplog
):
    settings.ALONGSIDE_SCREENER = "alongside.safety.tests.test_posting.broken_screener"
    response = _reply(member_client, thread, "A secret sentence about tonight.")
    reply = Reply.objects.get(body="A secret sentence about tonight.")
    assert reply.findings["failed"] is True
    page = member_client.get(response["Location"]).content.decode()
    assert "hold this on your own" in page
    assert "Safety checks failed: RuntimeError" in caplog.text
    assert "secret sentence" not in caplog.text


def broken_screener(text: str) -> object:
    raise RuntimeError(f"boom on {text}")


def slow_screener(text: str) -> object:
    import time

    time.sleep(0.5)
    raise AssertionError("never reached in time")


def test_slow_checks_time_out_and_the_post_is_still_saved(
    member_client, thread, settings
):
    settings.ALONGSIDE_SCREENER = "alongside.safety.tests.test_posting.slow_screener"
    settings.ALONGSIDE_SCREEN_TIMEOUT = 0.05
    response = _reply(member_client, thread, "Still here.")
    assert Reply.objects.filter(body="Still here.").exists()
    assert "support=" in response["Location"]


def test_personal_information_is_asked_about_once_and_nothing_is_lost(
    member_client, thread
):
    text = "Text me on +44 7700 900123 if you want to chat"
    first = _reply(member_client, thread, text, content_warning="none really")
    body = first.content.decode()
    assert first.status_code == 200
    assert "This may identify you" in body
    assert "a phone number" in body
    assert "Post anyway" in body
    assert text in body and 'value="none really"' in body
    assert not Reply.objects.filter(body=text).exists()
    second = _reply(member_client, thread, text, pii_seen="True")
    assert second.status_code == 302
    assert Reply.objects.filter(body=text).exists()


def test_composer_preview_marks_personal_information(member_client, thread):
    response = member_client.post(
        reverse("safety:preview"),
        {"body": "Email me: jane.doe@example.com <b>hi</b>", "content_warning": ""},
    )
    body = response.content.decode()
    assert "<mark>jane.doe@example.com</mark>" in body
    assert "&lt;b&gt;hi&lt;/b&gt;" in body
    assert "an email address" in body
    assert "1 suggestion for your post" in body


def test_composer_preview_offers_a_content_note_and_a_source(member_client):
    response = member_client.post(
        reverse("safety:preview"),
        {"body": "I self-harmed again last night.", "content_warning": ""},
    )
    assert "Add a content note" in response.content.decode()
    noted = member_client.post(
        reverse("safety:preview"),
        {"body": "I self-harmed again last night.", "content_warning": "self-harm"},
    )
    assert "Add a content note" not in noted.content.decode()


def test_composer_preview_needs_a_signed_in_member(client):
    response = client.post(reverse("safety:preview"), {"body": "hello"})
    assert response.status_code == 302


def test_help_page_lists_at_most_three_lines_for_the_country(client, db):
    page = client.get(reverse("safety:help"), {"country": "AU"}).content.decode()
    assert "Lifeline" in page
    assert page.count('class="support-line"') == 3
    assert "000" in page
    everything = client.get(reverse("safety:help"), {"country": "AU", "all": "1"})
    assert everything.content.decode().count('class="support-line"') >= 3


def test_help_page_falls_back_to_international_lines(client, db):
    page = client.get(reverse("safety:help"), {"country": "BR"}).content.decode()
    assert "Find A Helpline" in page
    assert "have support lines for Brazil yet." in page


def test_crisis_directory_covers_the_promised_countries(db):
    from alongside.safety.models import CrisisLine, EmergencyNumber

    for code in ["US", "GB", "IE", "CA", "AU", "NZ", "IN", "DE", "FR", "ES", ""]:
        lines = CrisisLine.objects.filter(country=code)
        assert lines.exists(), code
        assert EmergencyNumber.objects.filter(country=code).exists(), code
        for line in lines:
            assert line.name and line.url and line.hours and line.last_verified
            assert line.phone or line.text_number or line.chat_url or line.url


def test_safety_scan_follows_the_contract():
    lines = [
        {"id": "a", "text": "Email me at sam@example.org"},
        {"id": 7, "text": "this migraine is killing me"},
        {"id": "c", "text": URGENT},
    ]
    stdin = "".join(json.dumps(line) + "\n" for line in lines)
    root = Path(__file__).resolve().parents[3]
    result = subprocess.run(
        [sys.executable, "manage.py", "safety_scan"],
        input=stdin.encode(),
        capture_output=True,
        cwd=root,
        check=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "config.test_settings"},
    )
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [o["id"] for o in out] == ["a", 7, "c"]
    assert all(set(o) == {"id", "crisis", "pii", "health_claim"} for o in out)
    assert out[0]["pii"] == [{"kind": "email", "start": 12, "end": 27}]
    assert out[1]["crisis"] == "none"
    assert out[2]["crisis"] == "urgent"
