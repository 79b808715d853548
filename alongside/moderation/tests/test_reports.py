"""Members report replies, threads, chat messages and profiles to the moderators."""

import re
import uuid
from html import unescape

from django.urls import reverse

from alongside.chat.actions import send_chat_message
from alongside.groups.actions import create_group, set_role
from alongside.groups.models import Membership
from alongside.moderation.models import Flag, Report, SupportMessage
from alongside.threads.actions import post_reply, start_thread
from conftest import client_for, make_user

THANKS = (
    "Thank you. The group's moderators will look at this. They won't tell anyone "
    "you reported it."
)


def report_url(reply):
    return reverse("moderation:report_reply", args=[reply.pk])


def opening(thread):
    return thread.replies.get(is_opening=True)


def page(response) -> str:
    return unescape(response.content.decode())


def test_the_report_form_has_labelled_reasons_and_details(other_member_client, thread):
    response = other_member_client.get(report_url(opening(thread)))

    assert response.status_code == 200
    body = page(response)
    assert "<legend>What's wrong?" in body
    for label in (
        "I'm worried about this person",
        "Harassment or bullying",
        "Misinformation",
        "Shares someone's private details",
        "Spam",
        "Something else",
    ):
        assert label in body
    assert body.count('type="radio"') == 6
    assert '<label for="id_note">' in body
    assert "Report a thread" in body


def test_a_report_is_recorded_thanked_and_hides_nothing(
    other_member_client, member_client, member, thread
):
    post = opening(thread)

    response = other_member_client.post(
        report_url(post),
        {"reason": "harassment", "note": "Unkind to Sam."},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == post.get_absolute_url()
    assert THANKS in page(response)
    flag = Flag.objects.get()
    assert (flag.source, flag.severity) == (
        Flag.Source.REPORT,
        Flag.Severity.HARASSMENT,
    )
    assert (flag.content, flag.subject, flag.group) == (post, member, thread.group)
    assert Report.objects.get().note == "Unkind to Sam."
    shown = member_client.get(thread.get_absolute_url())
    assert "Does anyone else overdo it on the good days?" in page(shown)


def test_reports_on_the_same_content_gather_under_one_flag_at_the_worst_reason(
    member_client, facilitator_client, reply
):
    member_client.post(report_url(reply), {"reason": "spam"})
    assert Flag.objects.get().severity == Flag.Severity.SPAM

    facilitator_client.post(report_url(reply), {"reason": "privacy"})

    flag = Flag.objects.get()
    assert flag.severity == Flag.Severity.PRIVACY
    assert flag.reports.count() == 2


def test_one_reporter_reporting_twice_is_stored_once(member_client, reply):
    member_client.post(report_url(reply), {"reason": "spam"})
    member_client.post(report_url(reply), {"reason": "spam"})

    assert Report.objects.count() == 1
    assert Flag.objects.count() == 1


def test_a_new_report_after_the_flag_is_closed_opens_a_new_flag(
    member_client, moderator_client, reply, group
):
    member_client.post(report_url(reply), {"reason": "spam"})
    flag = Flag.objects.get()
    moderator_client.post(reverse("moderation:dismiss", args=[group.slug, flag.pk]))

    member_client.post(report_url(reply), {"reason": "spam"})

    assert Flag.objects.filter(resolved_at__isnull=True).count() == 1
    assert Flag.objects.count() == 2


def test_something_else_needs_details_and_the_choice_is_kept(member_client, reply):
    response = member_client.post(report_url(reply), {"reason": "other", "note": ""})

    assert response.status_code == 422
    body = page(response)
    assert "Tell the moderators a little about what's wrong." in body
    assert re.search(r'<input[^>]*value="other"[^>]*checked', body)
    assert not Flag.objects.exists()
    member_client.post(report_url(reply), {"reason": "other", "note": "Odd link."})
    assert Report.objects.get().reason == "other"


def test_people_who_cannot_see_the_content_get_a_404(
    outsider_client, member, other_member, group, private_group, facilitator
):
    there = start_thread(
        author=facilitator, group=private_group, title="Day one", body="Again."
    )
    sam = client_for(other_member)  # not in the unlisted group
    assert sam.get(report_url(opening(there))).status_code == 404
    assert sam.post(report_url(opening(there)), {"reason": "spam"}).status_code == 404
    assert outsider_client.get(report_url(opening(there))).status_code == 404
    profile = reverse("moderation:report_profile", args=[member.username])
    assert outsider_client.get(profile).status_code == 404
    send_chat_message(
        author=facilitator, group=private_group, client_id=uuid.uuid4(), body="Hi"
    )
    message = reverse("moderation:report_message", args=[private_group.slug, 1])
    assert sam.get(message).status_code == 404
    assert not Flag.objects.filter(source=Flag.Source.REPORT).exists()


def test_own_content_cannot_be_reported(member_client, member, thread):
    response = member_client.post(report_url(opening(thread)), {"reason": "spam"})

    assert response.status_code == 302
    assert not Flag.objects.exists()
    own_profile = reverse("moderation:report_profile", args=[member.username])
    assert member_client.get(own_profile).status_code == 302


def test_a_chat_message_can_be_reported_from_the_room(
    member, other_member_client, member_client, group
):
    sent = send_chat_message(
        author=member, group=group, client_id=uuid.uuid4(), body="Leave me alone."
    )
    url = reverse("moderation:report_message", args=[group.slug, sent.message.seq])

    room = reverse("chat:room", args=[group.slug])
    assert url in page(other_member_client.get(room))
    assert url not in page(member_client.get(room))
    response = other_member_client.post(url, {"reason": "harassment"})

    assert response["Location"] == f"{room}#message-{sent.message.seq}"
    flag = Flag.objects.get()
    assert (flag.content, flag.subject) == (sent.message, member)


def test_a_profile_report_goes_to_the_first_shared_group_by_name(
    member, other_member, facilitator, other_member_client, group
):
    art = create_group(name="Art and pain", slug="art", facilitator=facilitator)
    set_role(group=art, member=member, role=Membership.Role.MEMBER)
    set_role(group=art, member=other_member, role=Membership.Role.MEMBER)
    url = reverse("moderation:report_profile", args=[member.username])

    assert url in page(other_member_client.get(member.get_absolute_url()))
    other_member_client.post(url, {"reason": "privacy"})

    flag = Flag.objects.get()
    assert (flag.content, flag.subject, flag.group) == (member, member, art)
    assert flag.severity == Flag.Severity.PRIVACY


def test_the_thread_page_offers_report_on_others_posts_only(
    other_member_client, thread, reply
):
    body = page(other_member_client.get(thread.get_absolute_url()))

    assert report_url(opening(thread)) in body
    assert report_url(reply) not in body


def test_reporting_too_often_is_refused_kindly(member_client, reply):
    for _n in range(20):
        member_client.post(report_url(reply), {"reason": "spam"})

    response = member_client.post(report_url(reply), {"reason": "spam"})

    assert response.status_code == 422
    assert "You've sent a lot of reports in the last hour." in page(response)


def test_worried_sends_one_caring_message_a_day_and_puts_it_near_the_top(
    clock, member, other_member_client, facilitator_client, member_client, thread
):
    other_member_client.post(report_url(opening(thread)), {"reason": "worried"})
    facilitator_client.post(report_url(opening(thread)), {"reason": "spam"})

    flag = Flag.objects.get()
    assert flag.severity == Flag.Severity.CONCERN
    message = SupportMessage.objects.get()
    assert (message.recipient, message.kind) == (member, SupportMessage.Kind.WORRIED)
    assert message.sender is None
    assert "Samaritans" in message.body  # the member's country is GB
    assert reverse("safety:help") in message.body
    home = page(member_client.get(reverse("home")))
    assert "Someone in your group is thinking of you" in home

    later = post_reply(author=member, thread=thread, body="Still here.")
    clock.advance(hours=23)
    facilitator_client.post(report_url(later), {"reason": "worried"})
    assert SupportMessage.objects.count() == 1

    clock.advance(hours=2)
    ash = make_user("ash", display_name="Ash")
    set_role(group=thread.group, member=ash, role=Membership.Role.MEMBER)
    client_for(ash).post(report_url(later), {"reason": "worried"})
    assert SupportMessage.objects.count() == 2
