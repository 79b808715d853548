"""The resource library through its pages: browse, share, read, review, remove."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.core.management import call_command
from django.urls import reverse

from alongside.groups.actions import create_group, set_role
from alongside.groups.models import Membership
from alongside.moderation.models import Flag, ModerationLog
from alongside.resources.actions import (
    apply_as_professional,
    mark_helped,
    review_resource,
    share_resource,
    verify_professional,
)
from alongside.resources.models import Helped, Resource
from conftest import client_for, give_second_factor, make_user

NHS = "https://www.nhs.uk/conditions/chronic-pain/"
THANKS = "Thanks. A reviewer will look at it and we&#x27;ll let you know."
STATE = re.compile(r'data-review-state="([a-z_]+)"')

# Session, user, the groups and tags to browse by, the count, the page, its tags and
# its groups; the detail page trades the choices and count for the viewer's
# memberships and badge.
LIBRARY_QUERIES = 8
DETAIL_QUERIES = 7


def library_url(**query: str) -> str:
    url = reverse("resources:library")
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url


def detail_url(resource: Resource) -> str:
    return reverse("resources:detail", args=[resource.pk])


def page(response) -> str:
    return response.content.decode()


def cards(body: str) -> dict[int, str]:
    """Each resource card on a page, by resource id."""
    found = re.findall(
        r'<article class="[^"]*" id="resource-(\d+)" aria-describedby="review-\1">'
        r"(.*?)</article>",
        body,
        re.S,
    )
    return {int(pk): html for pk, html in found}


def share(author, groups, **fields) -> Resource:
    values = {
        "title": "A pacing worksheet",
        "summary": "Helped me plan my good days.",
        "kind": "worksheet",
        "sources": [NHS],
        "tags": ["pacing"],
    }
    values.update(fields)
    return share_resource(author=author, groups=groups, **values)


def form(**fields: str | None) -> dict[str, str]:
    data = {
        "title": "Rest before you need it",
        "summary": "Lying down for ten minutes **before** a flare helped me.",
        "kind": "article",
        "source_1": NHS,
        "source_2": "",
        "source_3": "",
        "tags": "pacing, rest",
        "groups": "chronic-pain",
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def professional(group):
    """A verified nurse in the listed group, checked by one of the site's admins."""
    nurse = make_user("ash", display_name="Ash", country="GB")
    set_role(group=group, member=nurse, role=Membership.Role.MEMBER)
    admin = make_user("operator", is_staff=True)
    give_second_factor(admin)
    credential = apply_as_professional(
        member=nurse,
        profession="Registered nurse",
        registration_number="12A3456E",
        issuing_body="Nursing and Midwifery Council",
        country="GB",
        conflicts="None",
    )
    verify_professional(
        admin=admin, credential=credential, method="NMC register", months=12
    )
    return nurse


# ---------------------------------------------------------------------------
# Sharing: check before you send, then share


def test_sharing_shows_the_card_first_then_shares_it(member_client, member, group):
    url = reverse("resources:share")
    preview = member_client.post(url, form())
    assert preview.status_code == 200
    body = page(preview)
    assert "Check before you send" in body
    assert not Resource.objects.exists()
    # The card as it will look: the link's website, tags, group, not yet reviewed.
    assert ">nhs.uk</a>" in body
    assert "Not yet reviewed" in body
    assert len(STATE.findall(body)) == 1
    assert "Living with chronic pain" in body
    assert "<strong>before</strong>" in body
    # Everything typed goes along in hidden fields, with both ways on.
    assert 'type="hidden" name="title" value="Rest before you need it"' in body
    assert 'type="hidden" name="groups" value="chronic-pain"' in body
    assert 'name="step" value="share"' in body
    assert 'name="step" value="change"' in body

    shared = member_client.post(url, form(step="share"))
    resource = Resource.objects.get()
    assert shared.status_code == 302
    assert shared["Location"] == detail_url(resource)
    assert resource.author == member
    assert resource.sources == [{"url": NHS, "domain": "nhs.uk"}]
    assert sorted(tag.slug for tag in resource.tags.all()) == ["pacing", "rest"]
    assert list(resource.groups.all()) == [group]
    assert resource.review_state == Resource.Review.NOT_REVIEWED
    after = page(member_client.get(shared["Location"]))
    assert THANKS in after
    assert "Not yet reviewed" in after


def test_changing_something_keeps_every_field(member_client, group):
    response = member_client.post(reverse("resources:share"), form(step="change"))
    assert response.status_code == 200
    body = page(response)
    assert 'value="Rest before you need it"' in body
    assert "Lying down for ten minutes **before** a flare helped me." in body
    assert f'value="{NHS}"' in body
    assert 'value="pacing, rest"' in body
    assert re.search(r'value="chronic-pain"[^>]*checked', body)
    assert re.search(r'value="article"[^>]*checked', body)
    assert not Resource.objects.exists()


@pytest.mark.parametrize(
    "link",
    [
        "http://www.nhs.uk/conditions/",
        "javascript:alert(1)",
        "https://127.0.0.1/admin/",
        "ftp://files.example.org/x",
    ],
)
def test_only_https_links_to_named_websites_are_used_and_the_link_is_kept(
    member_client, group, link
):
    response = member_client.post(
        reverse("resources:share"), form(source_1=link, step="share")
    )
    assert response.status_code == 422
    body = page(response)
    assert "We couldn&#x27;t use that link." in body
    assert "<title>Error:" in body
    assert link.replace("&", "&amp;") in body
    assert 'value="Rest before you need it"' in body
    assert not Resource.objects.exists()


def test_a_tip_from_experience_needs_no_link_but_other_types_do(member_client, group):
    url = reverse("resources:share")
    refused = member_client.post(url, form(source_1="", step="share"))
    assert refused.status_code == 422
    assert "Only a tip from experience can go without one." in page(refused)
    assert not Resource.objects.exists()

    tip = member_client.post(url, form(source_1="", kind="tip", step="share"))
    assert tip.status_code == 302
    resource = Resource.objects.get()
    assert resource.kind == Resource.Kind.TIP
    assert resource.sources == []
    assert "A tip from experience, with no link." in page(
        member_client.get(detail_url(resource))
    )


def test_missing_fields_are_explained_and_what_was_typed_stays(member_client, group):
    response = member_client.post(
        reverse("resources:share"),
        form(title="", groups=None, summary="Still here", tags="a, b, c, d, e, f"),
    )
    assert response.status_code == 422
    body = page(response)
    assert "Give it a title." in body
    assert "Choose at least one of your groups to share it with." in body
    assert "Use at most 5 tags." in body
    assert "Still here" in body
    assert 'value="a, b, c, d, e, f"' in body


def test_a_group_is_preselected_and_only_ones_own_groups_are_offered(
    member_client, group, private_group, outsider
):
    create_group(name="Elsewhere", slug="elsewhere", facilitator=outsider)
    body = page(member_client.get(reverse("resources:share") + "?group=chronic-pain"))
    assert re.search(r'value="chronic-pain"[^>]*checked', body)
    assert not re.search(r'value="recovery-together"[^>]*checked', body)
    assert "Elsewhere" not in body
    refused = member_client.post(
        reverse("resources:share"), form(groups="elsewhere", step="share")
    )
    assert refused.status_code == 422
    assert "Choose from your own groups." in page(refused)


def test_someone_in_no_group_is_told_to_join_one_first(outsider_client):
    body = page(outsider_client.get(reverse("resources:share")))
    assert "join one first" in body
    assert '<form method="post" action="/resources/share/"' not in body


def test_a_muted_member_is_told_why_and_keeps_their_words(
    member_client, member, group, clock
):
    Membership.objects.filter(member=member, group=group).update(
        muted_until=clock.moment + timedelta(days=1)
    )
    response = member_client.post(reverse("resources:share"), form(step="share"))
    assert response.status_code == 422
    body = page(response)
    assert "You can share resources only in groups where you can post." in body
    assert 'value="Rest before you need it"' in body


def test_personal_details_are_asked_about_once_then_shared(member_client, group):
    url = reverse("resources:share")
    words = "Ring me any time on 07700 900123."
    asked = member_client.post(url, form(summary=words, step="share"))
    assert asked.status_code == 200
    body = page(asked)
    assert "This may identify you" in body
    assert "a phone number" in body
    assert 'name="pii_seen" value="True"' in body
    assert not Resource.objects.exists()
    shared = member_client.post(url, form(summary=words, step="share", pii_seen="True"))
    assert shared.status_code == 302
    assert Resource.objects.get().summary == words


def test_crisis_words_in_a_summary_show_the_sharer_support(
    crisis_directory, member_client, other_member_client, group
):
    words = "This is the last thing I'll share. I want to end my life tonight."
    response = member_client.post(
        reverse("resources:share"), form(summary=words, kind="tip", step="share")
    )
    resource = Resource.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{detail_url(resource)}?support=1#support"
    body = page(member_client.get(response["Location"]))
    assert "You don't have to hold this on your own." in body
    assert "Back to what you shared" in body
    assert Flag.objects.filter(object_id=resource.pk).exists()
    # The panel is for its sharer only.
    other = page(other_member_client.get(response["Location"]))
    assert "You don't have to hold this on your own." not in other


# ---------------------------------------------------------------------------
# Who sees what


def test_people_outside_its_groups_get_not_found_everywhere(
    member, group, outsider_client, moderator_client, private_group
):
    resource = share(member, [private_group], kind="tip", sources=[])
    pk = resource.pk
    for client in (outsider_client, moderator_client):
        assert client.get(detail_url(resource)).status_code == 404
        assert client.get(reverse("resources:review", args=[pk])).status_code == 404
        assert client.get(reverse("resources:remove", args=[pk])).status_code == 404
        assert client.post(reverse("resources:helped", args=[pk])).status_code == 404
        assert client.post(reverse("resources:remove", args=[pk])).status_code == 404
        assert pk not in cards(page(client.get(library_url())))
    assert not Helped.objects.exists()
    resource.refresh_from_db()
    assert resource.removed_at is None


def test_anonymous_visitors_are_sent_to_sign_in(client, member, group):
    resource = share(member, [group])
    for url in (library_url(), detail_url(resource), reverse("resources:share")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_an_unlisted_groups_name_never_shows_to_members_of_the_other_group(
    member, group, private_group, moderator_client, member_client
):
    resource = share(member, [group, private_group])
    for url in (
        library_url(),
        detail_url(resource),
        library_url(group="recovery-together"),
        reverse("resources:share") + "?group=recovery-together",
    ):
        body = page(moderator_client.get(url))
        assert "Recovery together" not in body
        assert "recovery-together" not in body
    assert resource.pk in cards(page(moderator_client.get(library_url())))
    assert "Recovery together" in page(member_client.get(detail_url(resource)))


def test_browsing_by_another_groups_address_filters_nothing_in(
    member, group, private_group, moderator_client
):
    share(member, [group, private_group], title="In both")
    share(member, [group], title="Listed only")
    body = page(moderator_client.get(library_url(group="recovery-together")))
    # The unknown choice is dropped: everything the viewer may see, unfiltered.
    assert len(cards(body)) == 2
    assert "Clear choices" not in body


def test_removed_resources_are_gone_for_everyone(member, member_client, group):
    resource = share(member, [group])
    confirm = member_client.get(reverse("resources:remove", args=[resource.pk]))
    assert confirm.status_code == 200
    assert "Keep it" in page(confirm)
    response = member_client.post(reverse("resources:remove", args=[resource.pk]))
    assert response.status_code == 302
    assert response["Location"] == library_url()
    assert member_client.get(detail_url(resource)).status_code == 404
    assert resource.pk not in cards(page(member_client.get(library_url())))


def test_a_moderator_removes_with_a_reason_and_others_cannot(
    member, group, moderator_client, other_member_client
):
    resource = share(member, [group])
    url = reverse("resources:remove", args=[resource.pk])
    assert other_member_client.get(url)["Location"] == detail_url(resource)
    assert other_member_client.post(url)["Location"] == detail_url(resource)
    assert "Remove" not in page(other_member_client.get(detail_url(resource)))
    assert "Remove" in page(moderator_client.get(detail_url(resource)))
    moderator_client.post(url, {"reason": "A copy of another one."})
    resource.refresh_from_db()
    assert resource.removed_at is not None
    log = ModerationLog.objects.get(action="resource_removed")
    assert log.reason == "A copy of another one."


# ---------------------------------------------------------------------------
# The library: cards, filters, pages


def test_each_card_shows_what_it_is_and_exactly_one_review_state(
    member, other_member, group, private_group, member_client, professional
):
    plain = share(member, [group], title="Plain", tags=["sleep", "pacing"])
    sound = share(other_member, [group], title="Sound", kind="study")
    worrying = share(member, [group, private_group], title="Worrying")
    review_resource(reviewer=professional, resource=sound, concerns=False)
    review_resource(
        reviewer=professional, resource=worrying, concerns=True, note="Old advice."
    )
    for helper in (other_member, professional):
        mark_helped(member=helper, resource=plain)
    body = page(member_client.get(library_url()))
    shown = cards(body)
    assert list(shown) == [worrying.pk, sound.pk, plain.pk]  # newest first
    expected = {plain: "not_reviewed", sound: "reviewed", worrying: "concerns"}
    for resource, state in expected.items():
        assert STATE.findall(shown[resource.pk]) == [state]
    assert "What do these labels mean?" in body
    card = shown[plain.pk]
    assert f'<a href="{detail_url(plain)}">Plain</a>' in card
    assert "Worksheet" in card
    assert f'<a href="{NHS}" rel="noopener noreferrer nofollow ugc">nhs.uk</a>' in card
    assert ">sleep</a>" in card and ">pacing</a>" in card
    assert "Living with chronic pain" in card
    assert "2 people found this helpful" in card
    assert "found this helpful" not in shown[sound.pk]
    assert "Reviewed by Ash, Registered nurse, Britain (UK)" in shown[sound.pk]
    assert "Old advice." in shown[worrying.pk]
    assert "Recovery together" in shown[worrying.pk]  # the member is in both


def test_filters_by_group_tag_type_and_review_state(
    member, group, private_group, member_client, professional
):
    a = share(member, [group], title="A", tags=["sleep"], kind="article")
    b = share(member, [private_group], title="B", tags=["pacing"], kind="tip")
    c = share(member, [group, private_group], title="C", tags=["sleep"], kind="video")
    review_resource(reviewer=professional, resource=a, concerns=False)

    def shown(**query):
        return set(cards(page(member_client.get(library_url(**query)))))

    assert shown() == {a.pk, b.pk, c.pk}
    assert shown(group="chronic-pain") == {a.pk, c.pk}
    assert shown(group="recovery-together") == {b.pk, c.pk}
    assert shown(tag="sleep") == {a.pk, c.pk}
    assert shown(kind="tip") == {b.pk}
    assert shown(review="reviewed") == {a.pk}
    assert shown(review="not_reviewed") == {b.pk, c.pk}
    assert shown(tag="sleep", kind="video") == {c.pk}
    assert shown(kind="made-up") == {a.pk, b.pk, c.pk}
    body = page(member_client.get(library_url(tag="pacing", review="concerns")))
    assert "Nothing here matches those choices." in body
    assert re.search(r'<option value="pacing" selected>', body)


def test_the_library_has_twenty_a_page_newest_first(member, group, member_client):
    resources = [share(member, [group], title=f"Resource {n}") for n in range(23)]
    first = cards(page(member_client.get(library_url(tag="pacing"))))
    assert len(first) == 20
    assert next(iter(first)) == resources[-1].pk
    body = page(member_client.get(library_url()))
    assert "?page=2" in body
    assert "page 1 of 2" in body
    second = page(member_client.get(library_url(tag="pacing", page="2")))
    assert set(cards(second)) == {r.pk for r in resources[:3]}
    assert "?tag=pacing&amp;page=1" in second


def test_the_library_costs_the_same_queries_for_one_resource_or_many(
    member,
    other_member,
    group,
    private_group,
    member_client,
    professional,
    django_assert_num_queries,
):
    share(member, [group])
    member_client.get(library_url())  # warm the session
    with django_assert_num_queries(LIBRARY_QUERIES):
        member_client.get(library_url())
    for n in range(12):
        resource = share(
            member if n % 3 else other_member,
            [group, private_group] if n % 3 else [group],
            title=f"More {n}",
            tags=[f"tag{n}", "pacing"],
        )
        if n % 4 == 0:
            review_resource(reviewer=professional, resource=resource, concerns=False)
        mark_helped(member=member, resource=resource)
    with django_assert_num_queries(LIBRARY_QUERIES):
        response = member_client.get(library_url())
    assert len(cards(page(response))) == 13


def test_the_library_costs_a_fixed_number_of_queries(
    member, group, member_client, django_assert_num_queries
):
    for n in range(25):
        share(member, [group], title=f"Resource {n}")
    member_client.get(library_url())
    with django_assert_num_queries(LIBRARY_QUERIES):
        member_client.get(library_url())
    with django_assert_num_queries(LIBRARY_QUERIES):
        member_client.get(library_url(tag="pacing", page="2"))


def test_the_detail_page_costs_a_fixed_number_of_queries(
    member, other_member, group, member_client, django_assert_num_queries
):
    resource = share(member, [group], tags=["a", "b", "c", "d"])
    mark_helped(member=other_member, resource=resource)
    member_client.get(detail_url(resource))
    with django_assert_num_queries(DETAIL_QUERIES):
        member_client.get(detail_url(resource))


# ---------------------------------------------------------------------------
# The detail page and "this helped me"


def test_the_detail_page_shows_everything_about_it(member, group, other_member_client):
    resource = share(
        member,
        [group],
        summary="It has **three** steps.",
        sources=[NHS, "https://www.versusarthritis.org/about-arthritis/"],
    )
    body = page(other_member_client.get(detail_url(resource)))
    assert f'aria-describedby="review-{resource.pk}"' in body
    assert "<strong>three</strong>" in body
    assert "shared by Rowan" in body
    assert (
        f'rel="noopener noreferrer nofollow ugc">{NHS}</a> <span class="meta">(nhs.uk)'
        in body
    )
    assert "(versusarthritis.org)" in body
    assert len(STATE.findall(body)) == 1
    assert "Review this resource" not in body


def test_a_former_members_share_reads_former_member(member, group, other_member_client):
    resource = share(member, [group])
    Resource.objects.filter(pk=resource.pk).update(author=None)
    assert "shared by Former member" in page(
        other_member_client.get(detail_url(resource))
    )


def test_this_helped_me_counts_in_words_and_toggles(
    member, group, other_member_client, facilitator_client
):
    resource = share(member, [group])
    url = reverse("resources:helped", args=[resource.pk])
    before = page(other_member_client.get(detail_url(resource)))
    assert "found this helpful" not in before
    assert 'aria-pressed="false"' in before

    response = other_member_client.post(url)
    assert response.status_code == 302
    assert response["Location"] == f"{detail_url(resource)}#helped"
    after = page(other_member_client.get(detail_url(resource)))
    assert "1 person found this helpful" in after
    assert 'aria-pressed="true"' in after
    assert "You said this helped you." in after

    facilitator_client.post(url, {"helped": "yes"})
    facilitator_client.post(url, {"helped": "yes"})  # sent twice: still one
    assert "2 people found this helpful" in page(
        facilitator_client.get(detail_url(resource))
    )
    other_member_client.post(url)  # pressed again: taken back
    body = page(other_member_client.get(detail_url(resource)))
    assert "1 person found this helpful" in body
    assert 'aria-pressed="false"' in body
    resource.refresh_from_db()
    assert resource.helped_count == 1
    assert Helped.objects.count() == 1


def test_helped_is_never_changed_by_a_get(member, group, other_member_client):
    resource = share(member, [group])
    url = reverse("resources:helped", args=[resource.pk])
    assert other_member_client.get(url).status_code == 405
    assert not Helped.objects.exists()


# ---------------------------------------------------------------------------
# Reviews: verified professionals only


def test_only_verified_professionals_review(
    member, group, other_member_client, moderator_client, professional
):
    resource = share(member, [group])
    url = reverse("resources:review", args=[resource.pk])
    for client in (other_member_client, moderator_client):
        assert client.get(url).status_code == 404
        assert client.post(url, {"verdict": "sound"}).status_code == 404
    resource.refresh_from_db()
    assert resource.review_state == Resource.Review.NOT_REVIEWED
    nurse = client_for(professional)
    assert "Review this resource" in page(nurse.get(detail_url(resource)))
    assert nurse.get(url).status_code == 200


def test_a_professional_does_not_review_what_they_shared(professional, group):
    resource = share(professional, [group])
    nurse = client_for(professional)
    assert "Review this resource" not in page(nurse.get(detail_url(resource)))
    assert nurse.get(reverse("resources:review", args=[resource.pk])).status_code == 404


def test_a_lapsed_badge_cannot_review(clock, member, group, professional):
    resource = share(member, [group])
    nurse = client_for(professional)
    assert nurse.get(reverse("resources:review", args=[resource.pk])).status_code == 200
    clock.advance(days=366)
    nurse = client_for(professional)
    assert nurse.get(reverse("resources:review", args=[resource.pk])).status_code == 404


def test_concerns_need_a_note_and_the_choice_is_kept(member, group, professional):
    resource = share(member, [group])
    nurse = client_for(professional)
    url = reverse("resources:review", args=[resource.pk])
    response = nurse.post(url, {"verdict": "concerns", "note": "  "})
    assert response.status_code == 422
    body = page(response)
    assert "Say what concerns you, so readers can judge for themselves." in body
    assert re.search(r'value="concerns"[^>]*checked', body)
    resource.refresh_from_db()
    assert resource.review_state == Resource.Review.NOT_REVIEWED


def test_a_review_changes_the_state_on_the_list_and_the_detail(
    member, group, professional, member_client
):
    resource = share(member, [group])
    nurse = client_for(professional)
    url = reverse("resources:review", args=[resource.pk])

    response = nurse.post(url, {"verdict": "sound", "note": ""})
    assert response.status_code == 302
    assert response["Location"] == detail_url(resource)
    assert "Your review now shows with the resource." in page(
        nurse.get(response["Location"])
    )
    for body in (
        page(member_client.get(detail_url(resource))),
        cards(page(member_client.get(library_url())))[resource.pk],
    ):
        assert STATE.findall(body) == ["reviewed"]
        assert "Reviewed by Ash, Registered nurse, Britain (UK)" in body

    nurse.post(
        url, {"verdict": "concerns", "note": "The dose advice is *out of date*."}
    )
    for body in (
        page(member_client.get(detail_url(resource))),
        cards(page(member_client.get(library_url())))[resource.pk],
    ):
        assert STATE.findall(body) == ["concerns"]
        assert "<em>out of date</em>" in body
    assert set(cards(page(member_client.get(library_url(review="concerns"))))) == {
        resource.pk
    }


# ---------------------------------------------------------------------------
# Ways in


def test_the_main_navigation_and_each_group_page_link_to_the_library(
    member_client, client, group
):
    home = page(member_client.get(reverse("home")))
    assert '<a href="/resources/">Resources</a>' in home
    body = page(member_client.get(group.get_absolute_url()))
    assert '<a href="/resources/?group=chronic-pain">Resources shared here</a>' in body
    assert "Resources shared here" not in page(client.get(group.get_absolute_url()))


# ---------------------------------------------------------------------------
# Done when: every resource in the demo shows exactly one review state, its own


def _card_on_the_library(client, resource: Resource) -> str:
    url, number = library_url(), 1
    while True:
        body = page(client.get(f"{url}?page={number}"))
        shown = cards(body)
        if resource.pk in shown:
            return shown[resource.pk]
        assert "page=" in body and f"page={number + 1}" in body, (
            f"{resource} is on no page of the library"
        )
        number += 1


def _detail_card(client, resource: Resource) -> str:
    body = page(client.get(detail_url(resource)))
    match = re.search(
        rf'<article class="resource" id="resource-{resource.pk}" '
        rf'aria-describedby="review-{resource.pk}">(.*?)</article>',
        body,
        re.S,
    )
    assert match, f"{resource} has no card on its page"
    return match.group(1)


def test_every_demo_resource_shows_exactly_its_one_review_state(db):
    call_command("seed_demo")
    resources = list(Resource.objects.filter(removed_at__isnull=True))
    states = {resource.review_state for resource in resources}
    assert states == set(Resource.Review.values), (
        f"the demo should show every review state; it has {sorted(states)}"
    )
    for resource in resources:
        membership = Membership.objects.filter(group__in=resource.groups.all())[0]
        client = client_for(membership.member)
        for card in (
            _card_on_the_library(client, resource),
            _detail_card(client, resource),
        ):
            assert STATE.findall(card) == [resource.review_state], unescape(card)
