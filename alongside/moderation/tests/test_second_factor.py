"""Moderation pages and the admin site need a second factor."""

from django.test import Client

from alongside.accounts.models import User
from alongside.groups.actions import set_role
from alongside.groups.models import Membership
from conftest import PASSWORD, client_for, give_second_factor, make_user


def test_a_moderator_without_a_second_factor_is_sent_to_set_one_up(group):
    newly_made = make_user("juniper", display_name="Juniper")
    set_role(group=group, member=newly_made, role=Membership.Role.MODERATOR)

    response = client_for(newly_made).get(f"/groups/{group.slug}/moderation/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


def test_once_they_have_one_the_queue_opens(group):
    newly_made = make_user("juniper", display_name="Juniper")
    set_role(group=group, member=newly_made, role=Membership.Role.MODERATOR)
    give_second_factor(newly_made)

    response = client_for(newly_made).get(f"/groups/{group.slug}/moderation/")

    assert response.status_code == 200


def test_people_who_are_not_moderators_still_get_a_plain_404(member_client, group):
    response = member_client.get(f"/groups/{group.slug}/moderation/")

    assert response.status_code == 404


def test_signing_in_with_a_second_factor_asks_for_the_code(moderator):
    client = Client()
    response = client.post(
        "/accounts/login/", {"login": moderator.username, "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session


def test_the_admin_site_needs_a_second_factor_too(db):
    operator = User.objects.create_superuser("operator", "op@example.org", PASSWORD)
    client = client_for(operator)

    assert client.get("/admin/")["Location"] == "/accounts/2fa/totp/activate/"
    give_second_factor(operator)
    assert client.get("/admin/").status_code == 200
