"""Moderation pages and the admin site need a second factor."""

import uuid

from django.apps import apps
from django.test import Client
from django.urls import get_resolver, reverse

from alongside.accounts.models import User
from alongside.chat.actions import hide_chat_message, send_chat_message
from alongside.groups.actions import create_group, set_role
from alongside.groups.models import Membership
from alongside.moderation.actions import (
    add_context_note,
    add_word_filter,
    mute_member_in_group,
    report_content,
    set_first_post_hold,
)
from alongside.moderation.models import Flag
from alongside.privacy.actions import report_private_message, send_private_message
from alongside.resources.actions import share_resource
from alongside.threads.actions import hide_reply, lock_thread, open_thread, post_reply
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


# ---------------------------------------------------------------------------
# Every moderation route, walked by a moderator who has no second factor yet

# Routes in the moderation namespace that are not moderation: every member uses
# them on their own behalf (reporting, blocking, muting, their quiet list), so
# they need no second factor.
MEMBERS_OWN_TOOLS = {
    "moderation:quiet",
    "moderation:block",
    "moderation:unblock",
    "moderation:mute_member",
    "moderation:unmute_member",
    "moderation:mute_thread",
    "moderation:unmute_thread",
    "moderation:report_reply",
    "moderation:report_message",
    "moderation:report_profile",
}
# The site's admins' routes: a group's moderator gets a plain 404 there, so they
# are walked by an admin who has no second factor either.
ADMINS_ONLY = {
    "moderation:site_queue",
    "moderation:suspend",
    "moderation:unsuspend",
}
# Moderation done from other apps' pages.
ELSEWHERE = {
    "threads:reveal",
    "threads:hide",
    "threads:restore",
    "threads:lock",
    "threads:unlock",
    "threads:move",
    "chat:hide",
    "chat:restore",
    "chat:host",
    "privacy:reported",
    "resources:remove",
}
REASON = {"reason": "Walking every route."}


def _route_names(namespace: str) -> set[str]:
    resolver = get_resolver()
    return {
        f"{namespace}:{name}"
        for name in resolver.namespace_dict[namespace][1].reverse_dict
        if isinstance(name, str)
    }


def _everything() -> dict[str, list[tuple]]:
    """Every row the site keeps, but its sessions."""
    skipped = {"sessions"}
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values_list())
        for model in apps.get_models()
        if model._meta.app_label not in skipped and model._meta.managed
    }


def _moderation_world(group, member, other_member, facilitator, moderator):
    """Something for every route to act on, made by the cast's moderator (who has
    a second factor) and its members."""
    thread = open_thread(
        author=member, group=group, title="Pacing", body="Slow days."
    ).reply.thread
    reported = post_reply(author=other_member, thread=thread, body="Not kind.")
    report = report_content(reporter=member, content=reported, reason="harassment")
    hidden = post_reply(author=other_member, thread=thread, body="Also not kind.")
    hidden_report = report_content(reporter=member, content=hidden, reason="spam")
    hide_reply(moderator=moderator, reply=hidden, reason="Unkind.")
    anonymous = post_reply(
        author=member, thread=thread, body="Who am I?", is_anonymous=True
    )
    locked = open_thread(author=member, group=group, title="Locked", body="Quiet.")
    lock_thread(moderator=moderator, thread=locked.reply.thread, reason="Heated.")
    set_first_post_hold(changer=facilitator, group=group, holds=True)
    newcomer = make_user("newcomer", display_name="Newcomer")
    set_role(group=group, member=newcomer, role=Membership.Role.MEMBER)
    held = post_reply(author=newcomer, thread=thread, body="My first words.")
    held_flag = Flag.objects.get(object_id=held.pk, source=Flag.Source.HELD)
    note = add_context_note(
        author=moderator,
        content=reported,
        body="Some context.",
        sources=["https://www.nhs.uk/"],
    )
    word_filter = add_word_filter(
        moderator=moderator, group=group, phrase="miracle cure", action="flag"
    )
    said = send_chat_message(
        author=other_member, group=group, client_id=uuid.uuid4(), body="Hi all."
    ).message
    taken_out = send_chat_message(
        author=other_member, group=group, client_id=uuid.uuid4(), body="Oops."
    ).message
    hide_chat_message(moderator=moderator, message=taken_out, reason="Unkind.")
    mute_member_in_group(
        moderator=moderator,
        group=group,
        member=other_member,
        period="day",
        reason="A pause.",
    )
    received = send_private_message(
        sender=facilitator,
        recipient=member,
        body="Send me your address.",
        client_token=uuid.uuid4(),
    ).message
    reported_message = report_private_message(
        reporter=member, message=received, reason="harassment"
    ).flag
    resource = share_resource(
        author=member,
        title="Rest before you need it",
        summary="Lying down helped me.",
        kind="tip",
        sources=[],
        groups=[group],
    )
    elsewhere = create_group(name="Elsewhere", slug="elsewhere")
    return {
        "thread": thread,
        "locked": locked.reply.thread,
        "reported": reported,
        "hidden": hidden,
        "anonymous": anonymous,
        "flag": report.flag,
        "hidden_flag": hidden_report.flag,
        "held_flag": held_flag,
        "note": note,
        "word_filter": word_filter,
        "said": said,
        "taken_out": taken_out,
        "reported_message": reported_message,
        "resource": resource,
        "elsewhere": elsewhere,
    }


def test_every_moderation_route_sends_a_moderator_without_one_to_set_it_up(
    group, member, other_member, facilitator, moderator
):
    """Each page and each action, asked for and sent, as a group's moderator (or,
    for the admins' routes, an admin) with no second factor: each answers with the
    way to set one up, and nothing anywhere changes."""
    w = _moderation_world(group, member, other_member, facilitator, moderator)
    slug = group.slug
    juniper = make_user("juniper", display_name="Juniper")
    set_role(group=group, member=juniper, role=Membership.Role.MODERATOR)
    set_role(group=w["elsewhere"], member=juniper, role=Membership.Role.MODERATOR)
    admin = User.objects.create_user("operator", password=PASSWORD, is_staff=True)

    def flag(key: str = "flag") -> dict[str, object]:
        return {"slug": slug, "flag_id": w[key].pk}

    person = {"slug": slug, "username": other_member.username}
    # route: (its arguments, what a form would send)
    walked: dict[str, tuple[dict[str, object], dict[str, str]]] = {
        "moderation:queue": ({"slug": slug}, {}),
        "moderation:reach_out": (flag(), {"body": "Thinking of you."}),
        "moderation:resolve": (flag(), REASON),
        "moderation:context_note": (
            {"reply_id": w["reported"].pk},
            {"body": "Context.", "source_1": "https://www.nhs.uk/"},
        ),
        "moderation:context_note_withdraw": ({"note_id": w["note"].pk}, REASON),
        "moderation:approve_held": (flag("held_flag"), REASON),
        "moderation:decline_held": (flag("held_flag"), REASON),
        "moderation:filters": (
            {"slug": slug},
            {"phrase": "cure-all", "action": "hold"},
        ),
        "moderation:filter_remove": (
            {"slug": slug, "filter_id": w["word_filter"].pk},
            {},
        ),
        "moderation:claim": (flag(), {}),
        "moderation:release": (flag(), {}),
        "moderation:dismiss": (flag(), REASON),
        "moderation:break_after": ({"slug": slug}, {"break_after": "3"}),
        "moderation:step_away": ({"slug": slug}, {}),
        "moderation:hide": (flag(), REASON),
        "moderation:restore": (flag("hidden_flag"), REASON),
        "moderation:member": (person, {}),
        "moderation:warn": (person, REASON),
        "moderation:mute_in_group": (
            {"slug": slug, "username": member.username},
            {**REASON, "period": "hour"},
        ),
        "moderation:unmute_in_group": (person, REASON),
        "moderation:remove_member": (person, REASON),
        "threads:reveal": ({"reply_id": w["anonymous"].pk}, REASON),
        "threads:hide": ({"reply_id": w["reported"].pk}, REASON),
        "threads:restore": ({"reply_id": w["hidden"].pk}, REASON),
        "threads:lock": ({"thread_id": w["thread"].pk}, REASON),
        "threads:unlock": ({"thread_id": w["locked"].pk}, REASON),
        "threads:move": (
            {"thread_id": w["thread"].pk},
            {**REASON, "group": w["elsewhere"].slug},
        ),
        "chat:hide": ({"slug": slug, "seq": w["said"].seq}, REASON),
        "chat:restore": ({"slug": slug, "seq": w["taken_out"].seq}, REASON),
        "chat:host": ({"slug": slug}, {"action": "start"}),
        "privacy:reported": ({"flag_id": w["reported_message"].pk}, {}),
        "resources:remove": ({"resource_id": w["resource"].pk}, REASON),
    }
    by_admin: dict[str, tuple[dict[str, object], dict[str, str]]] = {
        "moderation:site_queue": ({}, {}),
        "moderation:suspend": (
            {"username": member.username},
            {**REASON, "ends_on": "2099-01-01"},
        ),
        "moderation:unsuspend": ({"username": member.username}, REASON),
    }
    # A new moderation route must be walked here, or set aside with a reason.
    assert set(by_admin) == ADMINS_ONLY
    assert _route_names("moderation") == (
        {name for name in walked if name.startswith("moderation:")}
        | ADMINS_ONLY
        | MEMBERS_OWN_TOOLS
    )
    elsewhere = {name for name in walked if not name.startswith("moderation:")}
    assert elsewhere == ELSEWHERE

    clients = [(client_for(juniper), walked), (client_for(admin), by_admin)]
    before = _everything()
    set_up = reverse("mfa_activate_totp")
    for client, routes in clients:
        for name, (kwargs, data) in routes.items():
            url = reverse(name, kwargs=kwargs)
            asked = client.get(url)
            # A route that only takes a POST refuses a GET before anything else.
            assert (asked.status_code, asked.get("Location")) in {
                (302, set_up),
                (405, None),
            }, f"GET {name}: {asked.status_code} {asked.get('Location')}"
            sent = client.post(url, data)
            assert (sent.status_code, sent.get("Location")) == (302, set_up), (
                f"POST {name}: {sent.status_code} {sent.get('Location')}"
            )
    assert _everything() == before
