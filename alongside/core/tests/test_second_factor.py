"""Moderators need a second factor: an authenticator app or a passkey, either one."""

from allauth.mfa.models import Authenticator
from django.urls import reverse

from alongside.groups.actions import set_role
from alongside.groups.models import Membership
from conftest import PASSWORD, client_for, make_user


def new_moderator(group):
    person = make_user("juniper", display_name="Juniper")
    set_role(group=group, member=person, role=Membership.Role.MODERATOR)
    return person


def queue_url(group) -> str:
    return reverse("moderation:queue", args=[group.slug])


def test_the_set_up_page_offers_a_passkey_beside_the_app(group):
    person = new_moderator(group)
    client = client_for(person)

    sent = client.get(queue_url(group))
    assert sent.status_code == 302
    assert sent["Location"] == reverse("mfa_activate_totp")
    # Setting up a second factor asks for the password first, as allauth does.
    asked = client.get(sent["Location"], follow=True)
    assert asked.status_code == 200
    assert "Set up an authenticator app or a passkey to continue." in asked.text
    confirmed = client.post(
        asked.redirect_chain[-1][0], {"password": PASSWORD}, follow=True
    )

    assert confirmed.redirect_chain[-1][0] == reverse("mfa_activate_totp")
    assert "Or use a passkey" in confirmed.text
    assert f'href="{reverse("mfa_add_webauthn")}"' in confirmed.text
    # The passkey page itself opens for them too.
    assert client.get(reverse("mfa_add_webauthn")).status_code == 200


def test_a_moderator_whose_only_second_factor_is_a_passkey_reaches_the_queue(group):
    person = new_moderator(group)
    Authenticator.objects.create(
        user=person,
        type=Authenticator.Type.WEBAUTHN,
        data={"name": "Juniper's phone", "credential": {}},
    )

    response = client_for(person).get(queue_url(group))

    assert response.status_code == 200


def test_a_moderator_with_only_recovery_codes_is_still_sent_to_set_one_up(group):
    person = new_moderator(group)
    Authenticator.objects.create(
        user=person, type=Authenticator.Type.RECOVERY_CODES, data={"seed": "00"}
    )

    response = client_for(person).get(queue_url(group))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
