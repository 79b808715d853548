"""What a post says about itself: a label chosen by its writer ("My experience",
"Information (with source)", "Professional view"), a verified professional's
badge beside their name, and cards for the library resources it links to."""

import re
from datetime import date
from html import unescape

import pytest
from django.urls import reverse

from alongside.groups.actions import set_role
from alongside.groups.models import Membership
from alongside.resources import actions as resource_actions
from alongside.threads.models import Reply
from conftest import client_for, give_second_factor, make_user

BADGE = "Verified professional · Physiotherapist, Ireland"
LABEL = (
    '<p class="claim-label claim-label--{claim}"><span class="claim-label__icon" '
    'aria-hidden="true">{icon}</span> {words}</p>'
)
EXPERIENCE = LABEL.format(claim="experience", icon="❝", words="My experience")
INFORMATION = LABEL.format(
    claim="information", icon="ⓘ", words="Information (with source)"
)
PROFESSIONAL = LABEL.format(claim="professional", icon="⚕", words="Professional view")
CLAIM = "Turmeric cures arthritis, end of story."
# A treatment claim the checks still see with its link.
SOURCED_CLAIM = (
    "Ditch the sertraline and go for St John's Wort instead. "
    "https://www.nhs.uk/medicines/sertraline/"
)
READER_NOTE = 'class="claim-note"'


def page(client, thread) -> str:
    response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
    return unescape(response.content.decode())


def post(client, thread, body, **fields):
    return client.post(
        reverse("threads:reply", args=[thread.pk]), {"body": body, **fields}
    )


def checked(html: str, value: str) -> bool:
    """Whether the label with this value is the one ticked."""
    return re.search(rf'name="claim" value="{value}"[^>]* checked>', html) is not None


def article(html: str, reply: Reply) -> str:
    """One post's `article`, as the page shows it."""
    start = html.index(f'id="reply-{reply.pk}"')
    return html[start : html.index("</article>", start)]


@pytest.fixture
def admin(db):
    user = make_user("operator", is_staff=True, display_name="Operator")
    give_second_factor(user)
    return user


@pytest.fixture
def professional(clock, admin, group):
    """Ada, a member of the group whose badge stands until 20 March 2026."""
    ada = make_user("ada", display_name="Ada", country="IE")
    set_role(group=group, member=ada, role=Membership.Role.MEMBER)
    credential = resource_actions.apply_as_professional(
        member=ada,
        profession="Physiotherapist",
        registration_number="PH-12345",
        issuing_body="CORU",
        country="IE",
        conflicts="None",
    )
    resource_actions.verify_professional(
        admin=admin, credential=credential, method="CORU register", months=1
    )
    credential.refresh_from_db()
    assert credential.expires_on == date(2026, 3, 20)
    return ada


# ---------------------------------------------------------------------------
# Labels


def test_the_composer_asks_what_kind_of_post_it_is_with_no_label_by_default(
    member_client, thread
):
    html = page(member_client, thread)

    assert "<legend>What kind of post is this?" in html
    for value, words in [
        ("experience", "My experience"),
        ("information", "Information (with source)"),
        ("", "No label"),
    ]:
        assert f'value="{value}"' in html, value
        assert words in html
    assert checked(html, "")
    # Only a verified professional is offered "Professional view".
    assert 'value="professional"' not in html
    assert "Professional view" not in html


def test_a_verified_professional_is_offered_the_professional_label(
    professional, thread
):
    html = page(client_for(professional), thread)

    assert 'value="professional"' in html
    assert "Professional view" in html


def test_a_reply_labelled_as_experience_shows_its_label(
    member_client, other_member_client, thread
):
    response = post(
        member_client, thread, "Pacing helped me a lot.", claim="experience"
    )

    assert response.status_code == 302
    reply = Reply.objects.latest("pk")
    assert reply.claim == Reply.Claim.EXPERIENCE
    assert EXPERIENCE in article(page(other_member_client, thread), reply)


def test_a_thread_opens_with_a_sourced_information_label(member_client, group):
    response = member_client.post(
        reverse("threads:new", args=[group.slug]),
        {
            "title": "Heat and pain",
            "body": "Heat can ease stiffness: https://www.nhs.uk/conditions/back-pain/",
            "content_warning": "",
            "claim": "information",
        },
    )

    assert response.status_code == 302
    opening = Reply.objects.get(thread__title="Heat and pain")
    assert opening.claim == Reply.Claim.INFORMATION
    assert INFORMATION in page(member_client, opening.thread)


def test_a_reply_without_a_label_has_none(member_client, thread):
    post(member_client, thread, "Just saying hello.")

    reply = Reply.objects.latest("pk")
    assert reply.claim == ""
    assert "claim-label" not in article(page(member_client, thread), reply)


def test_information_without_a_link_is_refused_and_the_words_are_kept(
    member_client, thread
):
    typed = "Magnesium is worth a try for cramps, it's well known."

    response = post(member_client, thread, typed, claim="information")

    assert response.status_code == 422
    html = unescape(response.content.decode())
    assert "Add the link to your source, starting with https://" in html
    assert '<a href="#id_claim_0">' in html
    assert typed in html
    assert "<title>Error: " in html
    assert checked(html, "information")
    assert not Reply.objects.filter(body=typed).exists()


@pytest.mark.parametrize(
    "body",
    [
        "See http://www.nhs.uk/conditions/cramp/ for more.",
        "Source: https://",
        "Source: https://localhost/",
    ],
)
def test_information_needs_an_https_link_to_a_named_website(
    member_client, thread, body
):
    response = post(member_client, thread, body, claim="information")

    assert response.status_code == 422
    assert not Reply.objects.filter(body=body).exists()


def test_the_professional_label_is_refused_without_a_badge(member_client, thread):
    typed = "As a nurse I'd say rest is fine."

    response = post(member_client, thread, typed, claim="professional")

    assert response.status_code == 422
    html = unescape(response.content.decode())
    assert "Only verified professionals can label a post “Professional view”" in html
    assert typed in html
    assert not Reply.objects.filter(body=typed).exists()


def test_the_professional_label_holds_until_the_badge_lapses(
    clock, professional, thread
):
    clock.set(2026, 3, 19, 23, 0)  # the badge's last day
    client = client_for(professional)

    response = post(
        client, thread, "Gentle movement helps most backs.", claim="professional"
    )

    assert response.status_code == 302
    reply = Reply.objects.latest("pk")
    assert reply.claim == Reply.Claim.PROFESSIONAL
    assert PROFESSIONAL in article(page(client, thread), reply)

    clock.set(2026, 3, 20, 9, 0)  # its expires_on day: the badge has lapsed
    client = client_for(professional)
    late = "Still true today."
    response = post(client, thread, late, claim="professional")

    assert response.status_code == 422
    assert "Only verified professionals" in unescape(response.content.decode())
    assert not Reply.objects.filter(body=late).exists()
    # The composer no longer offers it.
    assert 'value="professional"' not in page(client, thread)


def test_a_badge_withdrawn_by_the_admins_ends_the_professional_label(
    admin, professional, thread
):
    credential = professional.credential
    resource_actions.revoke_professional(
        admin=admin, credential=credential, reason="Registration lapsed."
    )

    response = post(client_for(professional), thread, "Hello.", claim="professional")

    assert response.status_code == 422
    assert not Reply.objects.filter(body="Hello.").exists()


def test_an_unknown_label_is_refused(member_client, thread):
    response = post(member_client, thread, "Hello there.", claim="expert")

    assert response.status_code == 422
    assert not Reply.objects.filter(body="Hello there.").exists()


def test_editing_changes_the_label_or_keeps_it(member_client, thread):
    post(member_client, thread, "Pacing helped me a lot.", claim="experience")
    reply = Reply.objects.latest("pk")
    edit_url = reverse("threads:edit", args=[reply.pk])

    form = unescape(member_client.get(edit_url).content.decode())
    assert "<legend>What kind of post is this?" in form
    assert checked(form, "experience")

    # A form sent without the labels leaves the label as it was.
    response = member_client.post(
        edit_url, {"body": "Pacing helped me a lot, honestly.", "content_warning": ""}
    )
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.claim == Reply.Claim.EXPERIENCE

    # Only the label changes: the words stand, and no earlier version is added.
    response = member_client.post(
        edit_url,
        {"body": reply.body, "content_warning": "", "claim": ""},
    )
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.claim == ""
    assert reply.revisions.count() == 1
    assert "claim-label" not in article(page(member_client, thread), reply)


def test_an_edit_that_drops_the_source_of_information_is_refused(member_client, thread):
    body = "Heat can ease stiffness: https://www.nhs.uk/conditions/back-pain/"
    post(member_client, thread, body, claim="information")
    reply = Reply.objects.latest("pk")

    response = member_client.post(
        reverse("threads:edit", args=[reply.pk]),
        {
            "body": "Heat can ease stiffness.",
            "content_warning": "",
            "claim": "information",
        },
    )

    assert response.status_code == 200
    assert "Add the link to your source" in unescape(response.content.decode())
    reply.refresh_from_db()
    assert reply.body == body


def test_a_professional_label_given_while_the_badge_stood_can_be_kept(
    clock, professional, member, thread
):
    client = client_for(professional)
    post(client, thread, "Gentle movement helps most backs.", claim="professional")
    reply = Reply.objects.latest("pk")
    clock.set(2026, 4, 1, 9, 0)
    client = client_for(professional)
    member_client = client_for(member)
    edit_url = reverse("threads:edit", args=[reply.pk])

    assert checked(unescape(client.get(edit_url).content.decode()), "professional")
    response = client.post(
        edit_url,
        {"body": "Gentle movement helps most backs.", "content_warning": "x",
         "claim": "professional"},
    )  # fmt: skip

    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.claim == Reply.Claim.PROFESSIONAL
    # A member without a badge can't take it up on an edit either.
    post(member_client, thread, "My own words.")
    mine = Reply.objects.latest("pk")
    response = member_client.post(
        reverse("threads:edit", args=[mine.pk]),
        {"body": "My own words.", "content_warning": "", "claim": "professional"},
    )
    assert "Only verified professionals" in unescape(response.content.decode())
    mine.refresh_from_db()
    assert mine.claim == ""


# ---------------------------------------------------------------------------
# The reader's note on unsourced treatment claims


def test_an_unlabelled_claim_keeps_the_readers_note(member_client, thread):
    post(member_client, thread, CLAIM)

    reply = Reply.objects.latest("pk")
    assert reply.has_unsourced_claim
    assert READER_NOTE in article(page(member_client, thread), reply)


@pytest.mark.parametrize(
    ("claim", "body"), [("experience", CLAIM), ("information", SOURCED_CLAIM)]
)
def test_a_claim_its_writer_framed_has_no_readers_note(
    member_client, other_member_client, thread, claim, body
):
    response = post(member_client, thread, body, claim=claim)

    assert response.status_code == 302
    reply = Reply.objects.latest("pk")
    assert reply.has_unsourced_claim  # the checks still see a claim
    assert READER_NOTE not in article(page(other_member_client, thread), reply)


# ---------------------------------------------------------------------------
# The composer's findings choose a label


def preview(client, body, **fields) -> str:
    response = client.post(
        reverse("safety:preview"), {"body": body, "content_warning": "", **fields}
    )
    assert response.status_code == 200
    return unescape(response.content.decode())


def test_the_claim_finding_offers_to_label_the_post(member_client):
    html = preview(member_client, CLAIM)

    assert "If you're suggesting it to others, a source helps." in html
    assert 'data-choose-claim="information"' in html
    assert 'data-choose-claim="experience"' in html
    assert ">Add a source</button>" in html
    assert ">It's my experience</button>" in html
    # Without JavaScript the same choice is spelled out: the labels are below.
    assert "choose “Information (with source)” and add the link" in html
    assert "1 suggestion for your post" in html


@pytest.mark.parametrize("claim", ["experience", "information"])
def test_a_labelled_post_gets_no_claim_finding(member_client, claim):
    html = preview(member_client, CLAIM, claim=claim)

    assert "a source helps" not in html
    assert "suggestion" not in html


def test_the_findings_script_ticks_the_label(client):
    """The progressive enhancement ships in the site's script, not inline."""
    from django.contrib.staticfiles import finders

    with open(finders.find("js/site.js"), encoding="utf-8") as script:
        source = script.read()
    assert "data-choose-claim" in source
    assert "input[type=radio][name=claim]" in source


# ---------------------------------------------------------------------------
# Badges


def test_a_professionals_reply_carries_their_badge_beside_their_name(
    professional, member_client, thread
):
    post(client_for(professional), thread, "Rest days count too.")
    reply = Reply.objects.latest("pk")

    html = article(page(member_client, thread), reply)

    heading = html[html.index("<h2") : html.index("</h2>")]
    assert "Ada" in heading
    assert BADGE in heading
    assert '<span class="pro-badge__icon" aria-hidden="true">' in heading


def test_a_professionals_opening_post_carries_the_badge(
    professional, member_client, group
):
    client = client_for(professional)
    client.post(
        reverse("threads:new", args=[group.slug]),
        {
            "title": "Ask me about pacing",
            "body": "Happy to help.",
            "content_warning": "",
        },
    )
    opening = Reply.objects.get(thread__title="Ask me about pacing")

    html = page(member_client, opening.thread)

    byline = html[html.index(f'id="reply-{opening.pk}-by"') :]
    assert BADGE in byline[: byline.index("</p>")]


def test_no_badge_on_an_anonymous_post_by_a_professional(
    professional, member_client, thread
):
    post(client_for(professional), thread, "Quietly saying this.", is_anonymous="on")
    reply = Reply.objects.latest("pk")
    assert reply.is_anonymous

    html = article(page(member_client, thread), reply)

    assert "Anonymous member" in html
    assert "Verified professional" not in html
    assert "Ada" not in html


def test_the_badge_is_gone_from_old_replies_once_it_lapses(
    clock, professional, member, thread
):
    post(client_for(professional), thread, "Rest days count too.")
    reply = Reply.objects.latest("pk")
    clock.set(2026, 3, 19, 23, 0)
    assert BADGE in article(page(client_for(member), thread), reply)

    clock.set(2026, 3, 20, 0, 30)

    html = article(page(client_for(member), thread), reply)
    assert "Ada" in html
    assert "Verified professional" not in html


def test_members_without_a_badge_carry_none(member_client, other_member, thread):
    post(client_for(other_member), thread, "Me too.")
    assert "Verified professional" not in page(member_client, thread)


# ---------------------------------------------------------------------------
# Resource cards


def share(author, groups, title="A pacing worksheet", kind="worksheet"):
    return resource_actions.share_resource(
        author=author,
        title=title,
        summary="Helped me plan the good days.",
        kind=kind,
        sources=["https://www.nhs.uk/conditions/chronic-pain/", "https://who.int/x"],
        groups=groups,
    )


def test_links_to_library_pages_are_found_when_a_post_is_written(
    member, member_client, group, thread
):
    first, second = share(member, [group]), share(member, [group], title="Second")
    body = (
        f"Try [this]({first.get_absolute_url()}) and "
        f"<http://testserver/resources/{second.pk}/>, "
        f"again [this](/resources/{first.pk}/)."
        f" Not https://elsewhere.example/resources/{second.pk + 7}/ nor"
        f" https://www.nhs.uk/x/resources/{second.pk + 8}/."
    )

    post(member_client, thread, body)

    assert Reply.objects.latest("pk").resource_ids == [first.pk, second.pk]


def test_a_linked_resource_shows_as_a_card_with_its_review_state(
    professional, member, member_client, other_member_client, group, thread
):
    resource = share(member, [group])
    post(member_client, thread, f"This helped: /resources/{resource.pk}/")
    reply = Reply.objects.latest("pk")

    html = article(page(other_member_client, thread), reply)

    state_id = f"reply-{reply.pk}-review-{resource.pk}"
    assert (
        f'<a href="/resources/{resource.pk}/" aria-describedby="{state_id}">'
        "A pacing worksheet</a>"
    ) in html
    assert "Worksheet · nhs.uk, who.int" in html
    assert f'id="{state_id}"' in html
    assert "Not yet reviewed" in html

    # Reviewed later: the old reply shows the review as it is now.
    resource_actions.review_resource(
        reviewer=professional, resource=resource, concerns=False
    )

    html = article(page(other_member_client, thread), reply)
    assert "Not yet reviewed" not in html
    assert "Reviewed by Ada, Physiotherapist, Ireland," in html


def test_a_card_is_never_shown_to_someone_who_cannot_see_the_resource(
    member, member_client, other_member_client, group, private_group, thread
):
    hidden = share(member, [private_group], title="Only for the other group 7c1e")
    post(member_client, thread, f"Also [this](/resources/{hidden.pk}/).")
    reply = Reply.objects.latest("pk")

    # Sam is not in the private group: the link stays, the card and title don't.
    html = page(other_member_client, thread)
    assert "7c1e" not in html
    assert "resource-link" not in article(html, reply)
    # Rowan can see it.
    assert "7c1e" in page(member_client, thread)


def test_a_removed_resource_loses_its_card(member, member_client, group, thread):
    resource = share(member, [group], title="Soon removed 41d2")
    post(member_client, thread, f"See /resources/{resource.pk}/")
    assert "41d2" in page(member_client, thread)

    resource_actions.remove_resource(actor=member, resource=resource)

    assert "41d2" not in page(member_client, thread)


def test_editing_a_post_finds_its_links_again(member, member_client, group, thread):
    resource = share(member, [group])
    post(member_client, thread, "No link yet.")
    reply = Reply.objects.latest("pk")

    member_client.post(
        reverse("threads:edit", args=[reply.pk]),
        {"body": f"Now: /resources/{resource.pk}/", "content_warning": ""},
    )

    reply.refresh_from_db()
    assert reply.resource_ids == [resource.pk]
