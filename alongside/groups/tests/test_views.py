from django.urls import reverse

from alongside.groups.models import Group, Invitation, JoinRequest, Membership


def test_directory_lists_listed_groups_and_hides_unlisted_ones(
    outsider_client, group, private_group
):
    body = outsider_client.get(reverse("groups:list")).content.decode()
    assert "Living with chronic pain" in body
    assert "Recovery together" not in body


def test_directory_shows_unlisted_groups_to_their_members(member_client, private_group):
    body = member_client.get(reverse("groups:list")).content.decode()
    assert "Recovery together" in body


def test_directory_search_says_when_nothing_matches(client, group):
    body = client.get(reverse("groups:list"), {"q": "insomnia"}).content.decode()
    assert "No groups match ‘insomnia’" in body


def test_listed_group_shows_about_and_rules_but_not_threads_to_outsiders(
    outsider_client, group, thread
):
    body = outsider_client.get(group.get_absolute_url()).content.decode()
    assert "Pacing, flares and the days nobody sees." in body
    assert "Share experience, not prescriptions." in body
    assert thread.title not in body


def test_joining_an_open_group_shows_its_threads(
    outsider_client, outsider, group, thread
):
    response = outsider_client.post(reverse("groups:join", args=[group.slug]))
    assert response.status_code == 302
    assert Membership.objects.filter(group=group, member=outsider).exists()
    body = outsider_client.get(group.get_absolute_url()).content.decode()
    assert thread.title in body


def test_joining_twice_keeps_one_membership(member_client, member, group):
    member_client.post(reverse("groups:join", args=[group.slug]))
    assert Membership.objects.filter(group=group, member=member).count() == 1


def test_leaving_keeps_posts_and_says_so(member_client, member, group, thread):
    response = member_client.post(
        reverse("groups:leave", args=[group.slug]), follow=True
    )
    assert "Your posts stay unless you delete them." in response.content.decode()
    assert not Membership.objects.filter(group=group, member=member).exists()
    thread.refresh_from_db()
    assert thread.deleted_at is None


def test_request_to_join_then_facilitator_approves(
    outsider_client, outsider, facilitator_client, group
):
    Group.objects.filter(pk=group.pk).update(
        join_policy=Group.JoinPolicy.REQUEST, join_question="Who are you caring for?"
    )
    page = outsider_client.get(reverse("groups:request", args=[group.slug]))
    assert "Who are you caring for?" in page.content.decode()
    outsider_client.post(
        reverse("groups:request", args=[group.slug]), {"answer": "My dad."}
    )
    join_request = JoinRequest.objects.get(member=outsider)
    assert join_request.status == JoinRequest.Status.PENDING
    requests_page = facilitator_client.get(
        reverse("groups:requests", args=[group.slug])
    )
    assert "My dad." in requests_page.content.decode()
    facilitator_client.post(
        reverse("groups:decide", args=[group.slug, join_request.pk]),
        {"decision": "approve"},
    )
    assert Membership.objects.filter(group=group, member=outsider).exists()


def test_declined_request_does_not_add_a_member(
    outsider_client, outsider, facilitator_client, group
):
    Group.objects.filter(pk=group.pk).update(join_policy=Group.JoinPolicy.REQUEST)
    outsider_client.post(reverse("groups:request", args=[group.slug]), {"answer": ""})
    join_request = JoinRequest.objects.get(member=outsider)
    facilitator_client.post(
        reverse("groups:decide", args=[group.slug, join_request.pk]),
        {"decision": "decline"},
    )
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.DECLINED
    assert not Membership.objects.filter(group=group, member=outsider).exists()


def test_a_member_cannot_approve_requests(
    outsider_client, outsider, member_client, group
):
    Group.objects.filter(pk=group.pk).update(join_policy=Group.JoinPolicy.REQUEST)
    outsider_client.post(reverse("groups:request", args=[group.slug]), {"answer": ""})
    join_request = JoinRequest.objects.get(member=outsider)
    member_client.post(
        reverse("groups:decide", args=[group.slug, join_request.pk]),
        {"decision": "approve"},
    )
    assert not Membership.objects.filter(group=group, member=outsider).exists()


def test_an_invitation_lets_someone_see_and_join_an_unlisted_group(
    facilitator_client, outsider_client, outsider, private_group
):
    url = private_group.get_absolute_url()
    assert outsider_client.get(url).status_code == 404
    assert (
        outsider_client.post(
            reverse("groups:join", args=["recovery-together"])
        ).status_code
        == 404
    )
    facilitator_client.post(
        reverse("groups:invite", args=[private_group.slug]), {"username": "quinn"}
    )
    assert Invitation.objects.filter(invitee=outsider).exists()
    home = outsider_client.get(reverse("home")).content.decode()
    assert "invited to join Recovery together" in home
    assert outsider_client.get(url).status_code == 200
    outsider_client.post(reverse("groups:join", args=[private_group.slug]))
    assert Membership.objects.filter(group=private_group, member=outsider).exists()
    invitation = Invitation.objects.get(invitee=outsider)
    assert invitation.status == Invitation.Status.ACCEPTED


def test_inviting_an_unknown_name_keeps_the_form_and_explains(
    facilitator_client, private_group
):
    response = facilitator_client.post(
        reverse("groups:invite", args=[private_group.slug]), {"username": "nobody-here"}
    )
    body = response.content.decode()
    assert "We couldn&#x27;t find anyone with that name." in body
    assert 'value="nobody-here"' in body


def test_invitation_only_group_refuses_plain_joins(outsider_client, outsider, group):
    Group.objects.filter(pk=group.pk).update(join_policy=Group.JoinPolicy.INVITE)
    outsider_client.post(reverse("groups:join", args=[group.slug]))
    assert not Membership.objects.filter(group=group, member=outsider).exists()
