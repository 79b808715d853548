"""Professional badges: a member applies; only the site's admins, with a second
factor and never for themselves, verify, renew, decline or withdraw them; every
decision is in the moderation log; a badge ends on its date unless renewed."""

from datetime import date
from html import unescape

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from alongside.accounts.models import User
from alongside.core.errors import ActionRefused
from alongside.moderation.models import ModerationLog
from alongside.resources import actions
from alongside.resources.models import Credential
from alongside.resources.queries import badge_of
from conftest import client_for, give_second_factor, make_user

APPLY_URL = "/professionals/apply/"
APPLICATION = {
    "profession": "Physiotherapist",
    "registration_number": "PH-12345",
    "issuing_body": "CORU",
    "country": "IE",
    "conflicts": "None",
}
BADGE = "Verified professional · Physiotherapist, Ireland"
CHECKED = "CORU register, number and name matched"


def text(response) -> str:
    return unescape(response.content.decode())


def url(name: str, credential: Credential | None = None) -> str:
    if credential is None:
        return reverse(f"professionals:{name}")
    return reverse(f"professionals:{name}", args=[credential.pk])


def make_admin(username: str = "operator") -> User:
    admin = make_user(username, is_staff=True, display_name=username.title())
    give_second_factor(admin)
    return admin


@pytest.fixture
def admin(db) -> User:
    return make_admin()


def apply(user: User, **changes: str) -> Credential:
    response = client_for(user).post(APPLY_URL, {**APPLICATION, **changes})
    assert response.status_code == 302, text(response)
    return Credential.objects.get(member=user)


def verify(admin: User, credential: Credential, months: int = 24) -> Credential:
    response = client_for(admin).post(
        url("verify", credential), {"method": CHECKED, "months": str(months)}
    )
    assert response.status_code == 302, text(response)
    credential.refresh_from_db()
    return credential


def badge_html(member: User) -> str:
    return render_to_string(
        "resources/_badge.html", {"credential": badge_of(member)}
    ).strip()


def snapshot() -> list[tuple]:
    """Everything a decision could change."""
    return [
        *Credential.objects.order_by("pk").values_list(
            "status", "expires_on", "verified_by", "decision_reason"
        ),
        ("log rows", ModerationLog.objects.count()),
    ]


# ---------------------------------------------------------------------------
# Applying


def test_the_apply_page_says_what_the_badge_is_and_how_long_it_lasts(member_client):
    page = text(member_client.get(APPLY_URL))

    assert "Verified professional · Registered nurse, United Kingdom" in page
    assert "replies and your reviews" in page
    assert "public register" in page
    assert "at most 24 months" in page
    assert "You haven't applied." in page


def test_applying_is_confirmed_calmly_and_grants_nothing(clock, member, member_client):
    response = member_client.post(APPLY_URL, APPLICATION)

    assert response.status_code == 302
    assert response["Location"] == APPLY_URL
    page = text(member_client.get(APPLY_URL))
    assert "Thanks. Your details are with the site's admins." in page
    assert "Waiting for a check." in page
    assert "You sent your details on 20 February 2026." in page
    assert "<form" not in page.split("Where things are")[1]  # nothing to send again
    credential = Credential.objects.get(member=member)
    assert credential.status == Credential.Status.APPLIED
    assert credential.verified_by is None
    assert credential.expires_on is None
    assert badge_of(member) is None
    assert badge_html(member) == ""
    assert BADGE not in page
    log = ModerationLog.objects.get()
    assert (log.actor, log.action, log.subject) == (
        member,
        "professional_applied",
        member,
    )


def test_a_rejected_application_keeps_what_was_typed(member, member_client):
    response = member_client.post(
        APPLY_URL,
        {**APPLICATION, "registration_number": "", "country": "XX", "conflicts": ""},
    )

    assert response.status_code == 422
    page = text(response)
    assert "<title>Error: Professional badge" in page
    assert "3 things to fix" in page
    assert "Add your registration or licence number." in page
    assert "Choose the country where you're registered." in page
    assert 'value="Physiotherapist"' in page
    assert 'value="CORU"' in page
    assert not Credential.objects.exists()
    assert not ModerationLog.objects.exists()


def test_applying_again_while_waiting_changes_nothing(member, member_client):
    apply(member)

    response = member_client.post(APPLY_URL, {**APPLICATION, "profession": "Surgeon"})

    assert response.status_code == 302
    assert "nothing changed" in text(member_client.get(APPLY_URL))
    assert Credential.objects.get().profession == "Physiotherapist"
    assert ModerationLog.objects.count() == 1


def test_the_apply_page_is_linked_from_the_members_own_profile(member, member_client):
    page = text(member_client.get(reverse("accounts:profile", args=[member.username])))

    assert f'href="{APPLY_URL}"' in page


# ---------------------------------------------------------------------------
# Who may decide: the site's admins, with a second factor, never for themselves

ADMIN_ROUTES = (
    ("GET", "list"),
    ("GET", "detail"),
    ("POST", "verify"),
    ("POST", "renew"),
    ("POST", "decline"),
    ("POST", "revoke"),
)
DECISION = {"method": CHECKED, "months": "24", "reason": "Register matched."}


def ask(client: Client, method: str, name: str, credential: Credential):
    target = url(name) if name == "list" else url(name, credential)
    if method == "GET":
        return client.get(target)
    return client.post(target, DECISION)


@pytest.mark.parametrize(
    "viewer", ["member", "other_member", "facilitator", "moderator"]
)
def test_nobody_but_an_admin_reaches_a_badge_page_or_decision(
    request, viewer, member, moderator, group, admin
):
    """The applicants themselves too, a group moderator among them: the member
    waits for a check, the moderator holds a verified badge."""
    waiting = apply(member)
    verified = verify(admin, apply(moderator))
    before = snapshot()
    client = client_for(request.getfixturevalue(viewer))

    for credential in (waiting, verified):
        for method, name in ADMIN_ROUTES:
            response = ask(client, method, name, credential)
            assert response.status_code == 404, (method, name, credential.member)

    assert snapshot() == before


def test_anonymous_visitors_are_sent_to_sign_in(member):
    credential = apply(member)
    client = Client()

    for method, name in (("GET", "apply"), *ADMIN_ROUTES):
        target = url(name, credential) if name not in ("list", "apply") else url(name)
        response = client.get(target) if method == "GET" else client.post(target, {})
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/login/?next={target}"
    assert Credential.objects.get().status == Credential.Status.APPLIED


def test_an_admin_without_a_second_factor_is_sent_to_set_one_up(member):
    credential = apply(member)
    before = snapshot()
    newly_made = make_user("operator", is_staff=True)
    client = client_for(newly_made)

    for method, name in ADMIN_ROUTES:
        response = ask(client, method, name, credential)
        assert response.status_code == 302, (method, name)
        assert response["Location"] == "/accounts/2fa/totp/activate/"
    assert snapshot() == before


def test_an_admin_verifies_and_the_log_records_who_when_and_how(clock, member, admin):
    credential = apply(member)
    moment = clock.set(2026, 3, 15, 10, 30)
    client = client_for(admin)

    response = client.post(
        url("verify", credential), {"method": CHECKED, "months": "12"}
    )

    assert response.status_code == 302
    assert response["Location"] == url("detail", credential)
    credential.refresh_from_db()
    assert credential.status == Credential.Status.VERIFIED
    assert credential.verified_by == admin
    assert credential.verified_at == moment
    assert credential.verification_method == CHECKED
    assert credential.expires_on == date(2027, 3, 15)
    log = ModerationLog.objects.get(action="professional_verified")
    assert (log.actor, log.subject, log.created_at) == (admin, member, moment)
    assert log.reason == f"{CHECKED} (until 2027-03-15)"
    page = text(client.get(url("detail", credential)))
    assert "Verified. Rowan's badge shows until 14 March 2027." in page
    assert BADGE in page
    history = page.split('id="history-heading"')[1]
    assert "Verified</strong> · by Operator" in history
    assert CHECKED in history
    assert "Applied</strong> · by Rowan" in history


def test_an_admin_cannot_verify_or_renew_their_own_credential(admin):
    credential = apply(admin)
    client = client_for(admin)

    assert "This is your own application." in text(
        client.get(url("detail", credential))
    )
    assert 'action="/professionals/' not in text(client.get(url("detail", credential)))
    refused = client.post(
        url("verify", credential), {"method": "I know myself", "months": "24"}
    )

    assert refused.status_code == 422
    page = text(refused)
    assert "Another admin has to check your own registration." in page
    assert "I know myself</textarea>" in page
    credential.refresh_from_db()
    assert credential.status == Credential.Status.APPLIED
    assert not ModerationLog.objects.filter(action="professional_verified").exists()

    verify(make_admin("second"), credential, months=1)
    before = snapshot()
    refused = client.post(
        url("renew", credential), {"method": "Still me", "months": "24"}
    )

    assert refused.status_code == 422
    assert "Another admin has to check your own registration." in text(refused)
    assert snapshot() == before


@pytest.mark.parametrize("months", ["25", "0", "many"])
def test_a_badge_longer_than_24_months_is_refused_and_the_typed_words_kept(
    months, member, admin
):
    credential = apply(member)
    before = snapshot()

    response = client_for(admin).post(
        url("verify", credential), {"method": CHECKED, "months": months}
    )

    assert response.status_code == 422
    page = text(response)
    assert "<title>Error: " in page
    assert "Choose a number of months from 1 to 24." in page
    assert f"{CHECKED}</textarea>" in page
    assert snapshot() == before


def test_a_decision_needs_its_words(member, admin):
    credential = apply(member)
    before = snapshot()
    client = client_for(admin)

    verify_page = text(client.post(url("verify", credential), {"months": "24"}))
    decline_page = text(client.post(url("decline", credential), {"reason": " "}))

    assert "Say how you checked" in verify_page
    assert "Give a reason; the member will see it." in decline_page
    assert snapshot() == before


def test_a_stale_decision_is_refused_with_the_typed_words_kept(member, admin):
    credential = verify(admin, apply(member))
    before = snapshot()

    response = client_for(admin).post(
        url("verify", credential), {"method": "Checked twice", "months": "6"}
    )

    assert response.status_code == 422
    page = text(response)
    assert "Only an application waiting for a check can be verified." in page
    assert "Checked twice</textarea>" in page
    assert snapshot() == before


def test_a_decision_from_a_stale_page_never_overwrites_a_newer_application(
    member, admin
):
    """The member applied again (new details) after the admin opened the page."""
    seen = verify(admin, apply(member), months=1)
    actions.revoke_professional(admin=admin, credential=seen, reason="Lapsed.")
    apply(member, registration_number="PH-99999")
    seen.status = Credential.Status.VERIFIED  # as it was when the page was opened
    before = snapshot()

    with pytest.raises(ActionRefused):
        actions.renew_professional(
            admin=admin, credential=seen, method=CHECKED, months=24
        )

    assert snapshot() == before
    assert Credential.objects.get().registration_number == "PH-99999"


# ---------------------------------------------------------------------------
# How long a badge stands


def test_the_badge_stands_until_the_day_before_it_expires_and_is_gone_on_that_day(
    clock, member, admin
):
    clock.set(2026, 3, 15, 12, 0)
    credential = verify(admin, apply(member), months=12)
    assert credential.expires_on == date(2027, 3, 15)

    clock.set(2027, 3, 14, 12, 0)
    assert badge_of(member) == credential
    assert badge_html(member) == (
        '<span class="pro-badge"><span class="pro-badge__icon" aria-hidden="true">'
        f"✓</span> {BADGE}</span>"
    )
    page = text(client_for(member).get(APPLY_URL))
    assert "Verified." in page
    assert "Your badge shows until the end of 14 March 2027" in page
    assert BADGE in page

    clock.set(2027, 3, 15, 12, 0)
    assert badge_of(member) is None
    assert badge_html(member) == ""
    # Even handed the credential itself, the badge shows no more.
    assert (
        render_to_string("resources/_badge.html", {"credential": credential}).strip()
        == ""
    )
    page = text(client_for(member).get(APPLY_URL))
    assert "Your badge has lapsed." in page
    assert BADGE not in page
    assert 'value="PH-12345"' in page  # ready to apply again


def test_renewing_extends_the_badge_and_is_logged(clock, member, admin):
    clock.set(2026, 3, 15, 12, 0)
    credential = verify(admin, apply(member), months=12)
    moment = clock.set(2027, 3, 20, 9, 0)  # lapsed five days ago
    assert badge_of(member) is None
    client = client_for(admin)
    assert "Lapsed" in text(client.get(url("list")))

    response = client.post(
        url("renew", credential), {"method": "CORU register again", "months": "24"}
    )

    assert response.status_code == 302
    credential.refresh_from_db()
    assert credential.expires_on == date(2029, 3, 20)
    assert badge_of(member) == credential
    log = ModerationLog.objects.get(action="professional_renewed")
    assert (log.actor, log.subject, log.created_at) == (admin, member, moment)
    assert log.reason == "CORU register again (until 2029-03-20)"
    assert "Renewed. Rowan's badge now shows until 19 March 2029." in text(
        client.get(url("detail", credential))
    )


def test_withdrawing_removes_the_badge_at_once_and_is_logged(clock, member, admin):
    credential = verify(admin, apply(member))
    assert badge_of(member) == credential

    response = client_for(admin).post(
        url("revoke", credential), {"reason": "Struck off the register."}
    )

    assert response.status_code == 302
    assert badge_of(member) is None
    assert badge_html(member) == ""
    log = ModerationLog.objects.get(action="professional_revoked")
    assert (log.actor, log.subject, log.reason) == (
        admin,
        member,
        "Struck off the register.",
    )
    page = text(client_for(member).get(APPLY_URL))
    assert "Your badge was withdrawn." in page
    assert "Struck off the register." in page


def test_a_declined_member_reads_why_and_can_apply_again(member, admin):
    credential = apply(member)

    response = client_for(admin).post(
        url("decline", credential), {"reason": "The number isn't on the register."}
    )

    assert response.status_code == 302
    assert badge_of(member) is None
    assert ModerationLog.objects.get(action="professional_declined").actor == admin
    page = text(client_for(member).get(APPLY_URL))
    assert "Not verified." in page
    assert "The number isn't on the register." in page
    assert "Apply again" in page
    assert 'value="PH-12345"' in page

    again = client_for(member).post(
        APPLY_URL, {**APPLICATION, "registration_number": "PH-54321"}
    )
    assert again.status_code == 302
    credential.refresh_from_db()
    assert credential.status == Credential.Status.APPLIED
    assert credential.registration_number == "PH-54321"


# ---------------------------------------------------------------------------
# The admins' list and page


def test_the_list_shows_waiting_first_then_verified_declined_and_withdrawn(
    clock, member, other_member, facilitator, moderator, admin
):
    clock.set(2026, 1, 1, 12, 0)
    verify(admin, apply(other_member), months=1)  # lapses on 1 February
    withdrawn = verify(admin, apply(facilitator))
    actions.revoke_professional(admin=admin, credential=withdrawn, reason="Moved.")
    declined = apply(moderator)
    actions.decline_professional(admin=admin, credential=declined, reason="No.")
    clock.set(2026, 2, 20, 12, 0)
    apply(member)

    page = text(client_for(admin).get(url("list")))

    order = [
        page.index(words)
        for words in (
            "Waiting for a check",
            "Rowan",
            "Verified",
            "Sam",
            "Not verified",
            "Morgan",
            "Withdrawn",
            "Alex",
        )
    ]
    assert order == sorted(order)
    assert "Lapsed</strong> · showed until the end of 31 January 2026" in page


def make_people(prefix: str, count: int) -> list[User]:
    return [make_user(f"{prefix}{n}", display_name=f"Pro {n}") for n in range(count)]


LIST_QUERIES = 4
DETAIL_QUERIES = 5


def test_the_list_costs_the_same_however_many_credentials(
    django_assert_num_queries, admin
):
    few, many = make_people("few", 1), make_people("many", 12)
    client = client_for(admin)
    for person in few:
        apply(person)
    with django_assert_num_queries(LIST_QUERIES):
        client.get(url("list"))

    for n, person in enumerate(many):
        credential = apply(person)
        if n % 3:
            verify(admin, credential)
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get(url("list")).status_code == 200


def test_the_history_costs_the_same_however_long_it_is(
    django_assert_num_queries, member, admin
):
    credential = apply(member)
    client = client_for(admin)
    with django_assert_num_queries(DETAIL_QUERIES):
        client.get(url("detail", credential))

    others = [make_admin(f"admin{n}") for n in range(3)]
    for who in others:
        credential = verify(who, credential)
        actions.revoke_professional(admin=who, credential=credential, reason="x")
        credential = apply(member)
    page = text(client.get(url("detail", credential)))
    assert page.count("Badge withdrawn</strong>") == 3
    with django_assert_num_queries(DETAIL_QUERIES):
        client.get(url("detail", credential))


# ---------------------------------------------------------------------------
# The admin site is no way around the log


def test_credentials_are_read_only_in_the_admin_site_and_point_to_the_pages(member):
    credential = apply(member)
    operator = User.objects.create_superuser("root", "root@example.org", "x")
    give_second_factor(operator)
    client = client_for(operator)

    listing = text(client.get("/admin/resources/credential/"))
    assert "/professionals/" in listing
    assert client.get("/admin/resources/credential/add/").status_code == 403
    change = f"/admin/resources/credential/{credential.pk}/change/"
    assert client.get(change).status_code == 200  # to read
    assert client.post(change, {"status": "verified"}).status_code == 403
    delete = f"/admin/resources/credential/{credential.pk}/delete/"
    assert client.post(delete, {"post": "yes"}).status_code == 403
    credential.refresh_from_db()
    assert credential.status == Credential.Status.APPLIED

    assert client.get("/admin/resources/professionalhelp/add/").status_code == 200
    assert client.get("/admin/resources/tag/add/").status_code == 200


def test_a_badge_lapses_on_the_sites_calendar_whatever_the_viewers_time_zone(
    clock, member, admin
):
    """Near midnight, a viewer far ahead of the site's clock sees what everyone sees."""
    clock.set(2026, 3, 15, 12, 0)
    verify(admin, apply(member), months=12)
    member.time_zone = "Pacific/Kiritimati"  # UTC+14: already 15 March there
    member.save(update_fields=["time_zone"])

    clock.set(2027, 3, 14, 12, 0)
    assert BADGE in text(client_for(member).get(APPLY_URL))
    clock.set(2027, 3, 15, 0, 0)
    assert BADGE not in text(client_for(member).get(APPLY_URL))
