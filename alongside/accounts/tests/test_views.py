from django.urls import reverse

from alongside.accounts.models import User


def test_sign_up_needs_only_a_pseudonym_and_a_password(client, db):
    response = client.post(
        reverse("account_signup"),
        {
            "username": "willow",
            "password1": "a-quiet-long-password",
            "email": "",
            "country": "IE",
            "time_zone": "Europe/Dublin",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="willow")
    assert user.email == ""
    assert user.country == "IE"
    assert user.time_zone == "Europe/Dublin"
    assert user.password.startswith("md5$") or user.password.startswith("argon2")


def test_sign_up_rejects_short_passwords_and_keeps_the_name(client, db):
    response = client.post(
        reverse("account_signup"),
        {"username": "willow", "password1": "short", "country": "", "time_zone": "UTC"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="willow"' in body
    assert "<title>Error:" in body
    assert not User.objects.filter(username="willow").exists()


def test_sign_up_asks_for_a_name_that_is_not_yours(client, db):
    body = client.get(reverse("account_signup")).content.decode()
    assert "Choose a name to use here" in body
    assert "not your real name" in body


def test_production_hashes_passwords_with_argon2(settings):
    from django.contrib.auth.hashers import make_password

    import config.settings as production

    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS
    assert make_password("a-quiet-long-password").startswith("argon2$argon2id$")


def test_profile_edit_saves_and_shows_in_own_time_zone(member_client, member):
    response = member_client.post(
        reverse("accounts:profile_edit"),
        {
            "display_name": "Ro",
            "pronouns": "she/her",
            "bio": "Tea and audiobooks.",
            "country": "NZ",
            "time_zone": "Pacific/Auckland",
            "language": "en",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.display_name, member.country, member.time_zone) == (
        "Ro",
        "NZ",
        "Pacific/Auckland",
    )


def test_profile_edit_rejects_unknown_time_zone_and_keeps_values(member_client):
    response = member_client.post(
        reverse("accounts:profile_edit"),
        {
            "display_name": "Ro",
            "bio": "Kept",
            "time_zone": "Mars/Olympus",
            "language": "en",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Kept" in body
    assert 'value="Ro"' in body


def test_profiles_are_seen_only_by_people_who_share_a_group(
    member_client, outsider_client, other_member, group
):
    url = reverse("accounts:profile", args=[other_member.username])
    assert member_client.get(url).status_code == 200
    assert outsider_client.get(url).status_code == 404


def test_times_show_in_the_members_time_zone(member_client, member, thread):
    from alongside.threads.models import Thread

    Thread.objects.filter(pk=thread.pk).update(
        created_at="2026-07-01T12:00:00Z", last_activity_at="2026-07-01T12:00:00Z"
    )
    from alongside.threads.models import Reply

    Reply.objects.filter(thread=thread).update(created_at="2026-07-01T12:00:00Z")
    member.time_zone = "Asia/Kolkata"
    member.save()
    body = member_client.get(thread.get_absolute_url()).content.decode()
    assert (
        '<time datetime="2026-07-01T12:00:00+00:00">1 Jul 2026, 5:30pm</time>' in body
    )
