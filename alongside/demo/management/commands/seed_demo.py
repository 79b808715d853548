from datetime import datetime, time, timedelta
from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Permission
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.models import User
from alongside.core.rendering import render_markdown
from alongside.demo.community import (
    CREDENTIALS,
    DEMO_ADMIN,
    DEMO_MODERATOR,
    DEMO_PASSWORD,
    DEMO_PROFESSIONAL,
    DEMO_TOTP_SECRET,
    GROUPS,
    HELPED,
    LIBRARY_REPLIES,
    MEETINGS,
    MEMBERS,
    PEOPLE,
    RESOURCES,
    REVIEWS,
    THREADS,
    VERIFICATION_METHOD,
)
from alongside.groups.actions import create_group, set_role
from alongside.groups.models import Group
from alongside.meetings.actions import MeetingPlan, schedule_meeting
from alongside.meetings.models import Meeting
from alongside.resources.actions import (
    apply_as_professional,
    mark_helped,
    review_resource,
    share_resource,
    verify_professional,
)
from alongside.resources.models import MAX_BADGE_MONTHS, Credential, Resource
from alongside.threads.models import Reaction, Reply, Thread


class Command(BaseCommand):
    help = "Create the demo community (only into an empty database unless --force)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already has groups.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and Group.objects.exists():
            self.stdout.write("The database already has groups; demo data not added.")
            return
        with transaction.atomic():
            self._seed()
        self.stdout.write(self.style.SUCCESS("Demo community ready."))

    def _meetings(
        self, groups: dict[str, Group], people: dict[str, User], now: datetime
    ) -> None:
        if Meeting.objects.exists():
            return
        today = now.date()
        for slug, title, days, hour, tz, weekly in MEETINGS:
            schedule_meeting(
                scheduler=people["alex"],
                group=groups[slug],
                plan=MeetingPlan(
                    title=title,
                    starts_on=today + timedelta(days=days),
                    start_time=time(hour, 0),
                    time_zone=tz,
                    duration_minutes=60,
                    description="Drop in, say as much or as little as you like.",
                    recurrence=Meeting.Recurrence.WEEKLY
                    if weekly
                    else Meeting.Recurrence.NONE,
                ),
            )

    def _seed(self) -> None:
        now = timezone.now()
        people: dict[str, User] = {}
        for username, display, pronouns, country, tz, bio in PEOPLE:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "display_name": display,
                    "pronouns": pronouns,
                    "country": country,
                    "time_zone": tz,
                    "bio": bio,
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            people[username] = user
        admin = people[DEMO_ADMIN]
        if not admin.is_staff:
            admin.is_staff = True
            admin.save(update_fields=["is_staff"])
            admin.user_permissions.add(
                *Permission.objects.filter(content_type__app_label="resources")
            )
        for user in (people[DEMO_MODERATOR], admin):
            if not Authenticator.objects.filter(user=user).exists():
                TOTP.activate(user, DEMO_TOTP_SECRET)
        groups: dict[str, Group] = {}
        for slug, name, who, about, rules, vis, join, question, anon in GROUPS:
            group = Group.objects.filter(slug=slug).first() or create_group(
                name=name,
                slug=slug,
                who_for=who,
                description=about,
                rules=rules,
                visibility=vis,
                join_policy=join,
                join_question=question,
                allows_anonymous=anon,
            )
            groups[slug] = group
            for username, role in MEMBERS[slug]:
                set_role(group=group, member=people[username], role=role)
        self._meetings(groups, people, now)
        self._threads(groups, people, now)
        self._professionals(people)
        self._library(groups, people, now)
        for group in groups.values():
            latest = group.threads.order_by("-last_activity_at").first()
            if latest:
                Group.objects.filter(pk=group.pk).update(
                    last_activity_at=latest.last_activity_at
                )

    def _threads(
        self, groups: dict[str, Group], people: dict[str, User], now: datetime
    ) -> None:
        if Thread.objects.exists():
            return
        for slug, author, title, body, cw, anon, hours, replies in THREADS:
            created_at = now - timedelta(hours=hours)
            last = now - timedelta(hours=min([hours, *[r[3] for r in replies]]))
            thread = Thread.objects.create(
                group=groups[slug],
                title=title,
                author=people[author],
                is_anonymous=anon,
                created_at=created_at,
                last_activity_at=last,
                reply_count=len(replies),
            )
            Reply.objects.create(
                thread=thread,
                author=people[author],
                is_opening=True,
                body=body,
                body_html=render_markdown(body),
                content_warning=cw,
                is_anonymous=anon,
                created_at=created_at,
            )
            for r_author, r_body, r_anon, r_hours, reactions in replies:
                reply = Reply.objects.create(
                    thread=thread,
                    author=people[r_author],
                    body=r_body,
                    body_html=render_markdown(r_body),
                    is_anonymous=r_anon,
                    created_at=now - timedelta(hours=r_hours),
                )
                for reactor, kind in reactions:
                    Reaction.objects.create(
                        reply=reply, member=people[reactor], kind=kind
                    )

    def _professionals(self, people: dict[str, User]) -> None:
        """Applications through the app's own verbs; the demo admin verifies."""
        for username, profession, number, body, country, conflicts, ok in CREDENTIALS:
            member = people[username]
            if Credential.objects.filter(member=member).exists():
                continue
            credential = apply_as_professional(
                member=member,
                profession=profession,
                registration_number=number,
                issuing_body=body,
                country=country,
                conflicts=conflicts,
            )
            if ok:
                verify_professional(
                    admin=people[DEMO_ADMIN],
                    credential=credential,
                    method=VERIFICATION_METHOD,
                    months=MAX_BADGE_MONTHS,
                )

    def _library(
        self, groups: dict[str, Group], people: dict[str, User], now: datetime
    ) -> None:
        """Resources in every review state, shared, reviewed and marked through the
        app's own verbs, and replies in the threads that point to them."""
        if Resource.objects.exists():
            return
        shared: dict[str, Resource] = {}
        for key, author, slugs, kind, title, summary, links, tags, hours in RESOURCES:
            resource = share_resource(
                author=people[author],
                title=title,
                summary=summary,
                kind=kind,
                sources=links,
                groups=[groups[slug] for slug in slugs],
                tags=tags,
            )
            Resource.objects.filter(pk=resource.pk).update(
                created_at=now - timedelta(hours=hours)
            )
            shared[key] = resource
        reviewer = people[DEMO_PROFESSIONAL]
        for key, (concerns, note) in REVIEWS.items():
            review_resource(
                reviewer=reviewer, resource=shared[key], concerns=concerns, note=note
            )
        for key, helped in HELPED.items():
            for username in helped:
                mark_helped(member=people[username], resource=shared[key])
        for slug, title, author, text, claim, linked, hours in LIBRARY_REPLIES:
            thread = Thread.objects.filter(group=groups[slug], title=title).first()
            if thread is None:
                continue
            ids = [shared[linked].pk] if linked else []
            body = (
                text.format(url=reverse("resources:detail", args=ids)) if ids else text
            )
            at = now - timedelta(hours=hours)
            Reply.objects.create(
                thread=thread,
                author=people[author],
                body=body,
                body_html=render_markdown(body),
                claim=claim,
                resource_ids=ids,
                created_at=at,
            )
            Thread.objects.filter(pk=thread.pk).update(reply_count=F("reply_count") + 1)
            Thread.objects.filter(pk=thread.pk, last_activity_at__lt=at).update(
                last_activity_at=at
            )
