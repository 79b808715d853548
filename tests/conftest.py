"""A wider cast for the cross-cutting tests: three groups, private content, markers.

The root conftest gives the people and the two groups; `world` adds a third group
with its own member, threads and replies in every group, join requests and an
invitation, and plants a marker string in every piece of private text so a test can
prove it never reaches anyone who may not see it.
"""

import uuid
from dataclasses import dataclass, field

import pytest
from django.test import Client

from alongside.accounts.actions import update_profile
from alongside.accounts.models import User
from alongside.chat.actions import send_chat_message
from alongside.groups.actions import create_group, invite_member, request_to_join
from alongside.groups.models import Group, JoinRequest, Membership
from alongside.moderation.models import Flag
from alongside.resources.actions import remove_resource, share_resource
from alongside.resources.models import Resource
from alongside.threads.actions import (
    delete_reply,
    post_reply,
    start_thread,
    toggle_reaction,
)
from alongside.threads.models import Reply, Thread
from conftest import make_user

ANONYMOUS = "anonymous"
VIEWERS = (
    ANONYMOUS,
    "outsider",  # signed in, belongs to no group
    "member",  # a plain member of the listed and the unlisted group
    "facilitator",  # facilitates the listed and the unlisted group
    "moderator",  # moderates the listed group only
    "neighbour",  # a member of another group only
    "invitee",  # invited to the unlisted group, not (yet) a member
)

# Who belongs to which group, with which role: the facts the expectations rely on.
ROLES = {
    "listed": {
        "member": "member",
        "facilitator": "facilitator",
        "moderator": "moderator",
    },
    "unlisted": {"member": "member", "facilitator": "facilitator"},
    "neighbour": {"neighbour": "member"},
}
INVITED = {"unlisted": {"invitee"}}
LISTED_GROUPS = {"listed", "neighbour"}
JOIN_POLICY = {"listed": "open", "unlisted": "invite", "neighbour": "request"}


# Marker strings planted in private text, and the viewers allowed to see each one.
MARKERS = {
    "listed-thread-marker-5b2e": {"member", "facilitator", "moderator"},
    "unlisted-thread-marker-7d1c": {"member", "facilitator"},
    "neighbour-thread-marker-3f9a": {"neighbour"},
    "member-bio-marker-c41d": {"member", "facilitator", "moderator"},
    "listed-answer-marker-8e07": {"facilitator", "moderator"},
    "unlisted-answer-marker-2a6b": {"facilitator"},
    # An unlisted group's very name and address are private to members and invitees.
    "Recovery together": {"member", "facilitator", "invitee"},
    "recovery-together": {"member", "facilitator", "invitee"},
    # A private message from the member to the facilitator (test_access_matrix.py).
    "private-message-marker-4c8e": {"member", "facilitator"},
    # The member's check-in note and support list, theirs alone (test_access_matrix.py).
    "balance-marker-6d2f": {"member"},
}


@dataclass(repr=False)
class World:
    users: dict[str, User | None]
    groups: dict[str, Group]
    threads: dict[str, Thread]
    replies: dict[str, Reply]
    join_requests: dict[str, JoinRequest]
    flags: dict[str, Flag]
    resources: dict[str, Resource] = field(default_factory=dict)
    clients: dict[str, Client] = field(default_factory=dict)

    def role(self, viewer: str, group: str | None) -> str | None:
        return ROLES.get(group or "", {}).get(viewer)

    def is_member(self, viewer: str, group: str | None) -> bool:
        return self.role(viewer, group) is not None

    def is_manager(self, viewer: str, group: str | None) -> bool:
        return self.role(viewer, group) in {"facilitator", "moderator"}

    def is_moderator(self, viewer: str, group: str | None) -> bool:
        return self.role(viewer, group) == "moderator"

    def sees_about(self, viewer: str, group: str | None) -> bool:
        if group is None:
            return False
        return (
            group in LISTED_GROUPS
            or self.is_member(viewer, group)
            or viewer in INVITED.get(group, set())
        )

    def shares_group(self, viewer: str, person: str) -> bool:
        return any(viewer in roles and person in roles for roles in ROLES.values())

    def client(self, viewer: str) -> Client:
        """One client per viewer, signed in once with a real session."""
        if viewer not in self.clients:
            client = Client()
            user = self.users[viewer]
            if user is not None:
                client.force_login(user)
            self.clients[viewer] = client
        return self.clients[viewer]


@pytest.fixture
def world(
    member, other_member, facilitator, moderator, outsider, group, private_group
) -> World:
    markers = list(MARKERS)
    listed_thread_marker, unlisted_marker, neighbour_marker, bio_marker = markers[:4]
    listed_answer, unlisted_answer = markers[4:6]

    neighbour = make_user("jules", display_name="Jules")
    invitee = make_user("kit", display_name="Kit")
    applicant = make_user("ari", display_name="Ari")
    host = make_user("nico", display_name="Nico")

    neighbour_group = create_group(
        name="Caring for a parent",
        slug="caring",
        who_for="For people who look after a parent.",
        description="Respite, guilt and the small wins.",
        join_policy=Group.JoinPolicy.REQUEST,
        join_question="What brings you here?",
        facilitator=host,
    )
    Membership.objects.create(group=neighbour_group, member=neighbour)
    invite_member(inviter=facilitator, group=private_group, username=invitee.username)

    update_profile(member=member, bio=f"Pacing is hard. {bio_marker}")

    listed_thread = start_thread(
        author=member,
        group=group,
        title="Pacing when you feel good",
        body="Does anyone else overdo it on the good days?",
    )
    listed_reply = post_reply(
        author=other_member, thread=listed_thread, body="Every single time."
    )
    anonymous_reply = post_reply(
        author=member,
        thread=listed_thread,
        body=f"I hide it from my family. {listed_thread_marker}",
        content_warning=f"family {listed_thread_marker}",
        is_anonymous=True,
    )
    start_thread(
        author=other_member,
        group=group,
        title=f"Flares at night {listed_thread_marker}",
        body=f"Does heat help you? {listed_thread_marker}",
    )
    for reactor in (other_member, facilitator, moderator):
        toggle_reaction(member=reactor, reply=listed_reply, kind="me_too")
    toggle_reaction(member=moderator, reply=anonymous_reply, kind="thinking_of_you")

    unlisted_thread = start_thread(
        author=facilitator,
        group=private_group,
        title=f"Day one again {unlisted_marker}",
        body=f"I slipped last night. {unlisted_marker}",
        content_warning=f"relapse {unlisted_marker}",
    )
    unlisted_reply = post_reply(
        author=member, thread=unlisted_thread, body=f"Day one counts. {unlisted_marker}"
    )
    toggle_reaction(member=facilitator, reply=unlisted_reply, kind="not_alone")

    for words in ("Anyone around tonight?", f"Still here. {unlisted_marker}"):
        send_chat_message(
            author=member, group=private_group, client_id=uuid.uuid4(), body=words
        )

    neighbour_thread = start_thread(
        author=neighbour,
        group=neighbour_group,
        title=f"Respite weekends {neighbour_marker}",
        body=f"Has anyone tried respite care? {neighbour_marker}",
    )

    gone = start_thread(
        author=member, group=group, title="Gone", body="Deleted by its writer."
    )
    gone_opening = gone.replies.get(is_opening=True)
    delete_reply(deleter=member, reply=gone_opening)
    gone.refresh_from_db()

    listed_request = JoinRequest.objects.create(
        group=group, member=applicant, answer=f"I was told about it. {listed_answer}"
    )
    unlisted_request = JoinRequest.objects.create(
        group=private_group, member=applicant, answer=f"Day 3. {unlisted_answer}"
    )
    neighbour_request = request_to_join(
        member=applicant, group=neighbour_group, answer="My mum moved in."
    )

    flags = {
        key: Flag.objects.create(
            group=flagged.thread.group,
            content=flagged,
            subject=flagged.author,
            severity=Flag.Severity.CONCERN,
            source=Flag.Source.SAFETY,
        )
        for key, flagged in (("listed", anonymous_reply), ("unlisted", unlisted_reply))
    }

    # Library resources: one per group, one shared in both the listed and the
    # unlisted group (the unlisted group's name must not reach the listed group's
    # other members through it), and one its sharer removed.
    nhs = ["https://www.nhs.uk/conditions/chronic-pain/"]
    resources = {
        "listed": share_resource(
            author=member,
            title="A pacing worksheet",
            summary=f"Helped me plan good days. {listed_thread_marker}",
            kind="worksheet",
            sources=nhs,
            groups=[group],
            tags=["pacing"],
        ),
        "unlisted": share_resource(
            author=facilitator,
            title="A list of friends",
            summary=f"Keep a list of people you can text. {unlisted_marker}",
            kind="tip",
            sources=[],
            groups=[private_group],
        ),
        "both": share_resource(
            author=member,
            title="Sleep when it hurts",
            summary="Small changes that helped me sleep.",
            kind="article",
            sources=nhs,
            groups=[group, private_group],
            tags=["sleep"],
        ),
        "neighbour": share_resource(
            author=neighbour,
            title="Respite care explained",
            summary=f"What respite is and how to ask. {neighbour_marker}",
            kind="article",
            sources=["https://www.carersuk.org/help-and-advice/"],
            groups=[neighbour_group],
        ),
        "removed": share_resource(
            author=member,
            title="An old leaflet",
            summary="Out of date now.",
            kind="article",
            sources=nhs,
            groups=[group],
        ),
    }
    remove_resource(actor=member, resource=resources["removed"])

    return World(
        users={
            ANONYMOUS: None,
            "outsider": outsider,
            "member": member,
            "facilitator": facilitator,
            "moderator": moderator,
            "neighbour": neighbour,
            "invitee": invitee,
        },
        groups={
            "listed": group,
            "unlisted": private_group,
            "neighbour": neighbour_group,
        },
        threads={
            "listed": listed_thread,
            "unlisted": unlisted_thread,
            "neighbour": neighbour_thread,
            "deleted": gone,
        },
        replies={
            "listed": listed_reply,
            "listed anonymous": anonymous_reply,
            "unlisted": unlisted_reply,
            "in deleted thread": gone_opening,
        },
        join_requests={
            "listed": listed_request,
            "unlisted": unlisted_request,
            "neighbour": neighbour_request,
        },
        flags=flags,
        resources=resources,
    )
