"""Bridges to care: the member's own list of support outside Alongside, the
suggestion to reach out to professional help, and the check-back after a hard time.

Writes come first, then the reads. Only the member ever sees any of it.

- The suggestion shows while the member's check-ins have stayed low for a week
  (checkins.has_low_week) or something they wrote in the last CONCERN_DAYS days
  sounded like they were struggling (a safety screening of crisis concern or
  urgency about their own words), and only while they leave suggestions on
  (Limits.suggest_support, on until they turn it off).
- The check-back asks once, CHECK_BACK_FROM to CHECK_BACK_UNTIL days after such a
  post, "did you find some support?". Answering it answers for every such post of
  the last CHECK_BACK_UNTIL days, so a hard week brings one question, not several;
  a post after the answer brings its own. Turning suggestions off stops it too.

The words never say why: no mention of moderators, flags or screening.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.accounts.models import User
from alongside.core.errors import ActionRefused
from alongside.core.places import countries
from alongside.core.rendering import clean_text
from alongside.moderation.models import Flag

from .checkins import has_low_week
from .models import CheckBack, Limits, SupportContact
from .sealed import contact_context, open_text, seal_text

NAME_MAX_LENGTH = 120
HOW_MAX_LENGTH = 500

CONCERN_DAYS = 14
CHECK_BACK_FROM = timedelta(days=3)
CHECK_BACK_UNTIL = timedelta(days=7)
CONCERN_SEVERITIES = (Flag.Severity.URGENT, Flag.Severity.CONCERN)


# ---------------------------------------------------------------------------
# Writes


def _cleaned(name: str, how: str, kind: str) -> tuple[str, str]:
    if kind not in SupportContact.Kind.values:
        raise ActionRefused(_("Choose who this is."))
    name, how = clean_text(name).strip(), clean_text(how).strip()
    if not name:
        raise ActionRefused(_("Add a name, so you know who this is."))
    if len(name) > NAME_MAX_LENGTH or len(how) > HOW_MAX_LENGTH:
        raise ActionRefused(_("That's a little long. Try something shorter."))
    return name, how


def _seal_contact(contact: SupportContact, name: str, how: str) -> None:
    contact.sealed_name = seal_text(name, context=contact_context(contact.pk, "name"))
    contact.sealed_how = seal_text(how, context=contact_context(contact.pk, "how"))
    contact.save(update_fields=["kind", "sealed_name", "sealed_how"])


def add_support_contact(
    *, member: User, kind: str, name: str, how: str = ""
) -> SupportContact:
    """Add someone to the member's list; the name and how to reach them are sealed."""
    name, how = _cleaned(name, how, kind)
    with transaction.atomic():
        # Bound to the row, so the row must exist first.
        contact = SupportContact.objects.create(
            member=member, kind=kind, sealed_name="", created_at=timezone.now()
        )
        _seal_contact(contact, name, how)
    return contact


def change_support_contact(
    *, member: User, contact: SupportContact, kind: str, name: str, how: str = ""
) -> None:
    """Change someone on the member's own list."""
    if contact.member_id != member.pk:
        raise ActionRefused(_("You can only change your own list."))
    name, how = _cleaned(name, how, kind)
    contact.kind = kind
    _seal_contact(contact, name, how)


def delete_support_contact(*, member: User, contact: SupportContact) -> None:
    """Take someone off the member's own list, for good."""
    if contact.member_id != member.pk:
        raise ActionRefused(_("You can only change your own list."))
    SupportContact.objects.filter(pk=contact.pk, member=member).delete()


def set_support_suggestions(*, member: User, on: bool) -> bool:
    """Turn the suggestions (and check-backs) on or off; return if it changed."""
    with transaction.atomic():
        limits, created = Limits.objects.get_or_create(
            member=member, defaults={"suggest_support": on}
        )
        if created:
            return not on  # on is what it was before the row existed
        if limits.suggest_support == on:
            return False
        Limits.objects.filter(pk=limits.pk).update(suggest_support=on)
    return True


def answer_check_back(
    *, member: User, concerns: "Concerns", answer: str, now: datetime
) -> int:
    """Record the member's answer for every post of theirs of the last
    CHECK_BACK_UNTIL days still waiting for one (from access_check_back); return
    how many were answered."""
    if answer not in CheckBack.Answer.values:
        raise ActionRefused(_("Choose one of the answers."))
    try:
        with transaction.atomic():
            CheckBack.objects.bulk_create(
                CheckBack(
                    member=member, flag_id=flag_id, answer=answer, answered_at=now
                )
                for flag_id in concerns.unanswered_this_week
            )
    except IntegrityError:
        return 0  # two quick answers: the first one stands
    return len(concerns.unanswered_this_week)


# ---------------------------------------------------------------------------
# Reads


@dataclass(frozen=True)
class OpenedContact:
    contact: SupportContact
    # None when no key opens it.
    name: str | None
    how: str | None

    @property
    def pk(self) -> int:
        return self.contact.pk

    @property
    def kind_label(self) -> str:
        return str(SupportContact.Kind(self.contact.kind).label)

    @property
    def unreadable(self) -> bool:
        return self.name is None or self.how is None


def opened_contact(contact: SupportContact) -> OpenedContact:
    return OpenedContact(
        contact,
        open_text(contact.sealed_name, context=contact_context(contact.pk, "name")),
        open_text(contact.sealed_how, context=contact_context(contact.pk, "how")),
    )


def access_support_contact(viewer: User, contact_id: int) -> SupportContact:
    """Someone on the viewer's own list; 404 for anyone else's, or none."""
    contact = SupportContact.objects.filter(pk=contact_id, member_id=viewer.pk).first()
    if contact is None:
        raise Http404
    return contact


def support_contacts_of(member: User) -> list[OpenedContact]:
    """The member's list, in the order they added it; one query."""
    rows = SupportContact.objects.filter(member_id=member.pk).order_by(
        "created_at", "pk"
    )
    return [opened_contact(contact) for contact in rows]


def suggestions_on(member: User) -> bool:
    """Whether the member leaves support suggestions on (on by default); one query."""
    return not Limits.objects.filter(
        member_id=member.pk, suggest_support=False
    ).exists()


@dataclass(frozen=True)
class Concerns:
    """The member's own posts of the last CONCERN_DAYS days that sounded hard."""

    recent: bool
    due_check_back: int | None  # the oldest post now due a check-back
    unanswered_this_week: list[int]


def _concern_flags(member: User, now: datetime) -> QuerySet[Flag]:
    return Flag.objects.filter(
        subject_id=member.pk,
        source=Flag.Source.SAFETY,
        severity__in=CONCERN_SEVERITIES,
        created_at__gte=now - timedelta(days=CONCERN_DAYS),
        created_at__lte=now,
    )


def _answered() -> Exists:
    return Exists(
        CheckBack.objects.filter(
            member_id=OuterRef("subject_id"), flag_id=OuterRef("pk")
        )
    )


def concerns_of(member: User, now: datetime) -> Concerns:
    """What the suggestion and the check-back need to know; one query."""
    rows = list(
        _concern_flags(member, now)
        .annotate(answered=_answered())
        .order_by("created_at", "pk")
        .values_list("pk", "created_at", "answered")
    )
    this_week = [
        (pk, at) for pk, at, done in rows if not done and at >= now - CHECK_BACK_UNTIL
    ]
    due = next((pk for pk, at in this_week if at <= now - CHECK_BACK_FROM), None)
    return Concerns(
        recent=bool(rows),
        due_check_back=due,
        unanswered_this_week=[pk for pk, _at in this_week],
    )


def access_check_back(viewer: User, now: datetime) -> Concerns:
    """The check-back the viewer is asked now; 404 when none is due (none, answered
    already, too early, too late, or suggestions turned off)."""
    concerns = concerns_of(viewer, now)
    if concerns.due_check_back is None or not suggestions_on(viewer):
        raise Http404
    return concerns


def check_back_due(member: User, now: datetime) -> bool:
    """Whether to ask "did you find some support?" now; one query."""
    turned_off = Limits.objects.filter(member_id=member.pk, suggest_support=False)
    return (
        _concern_flags(member, now)
        .filter(
            created_at__gte=now - CHECK_BACK_UNTIL,
            created_at__lte=now - CHECK_BACK_FROM,
        )
        .exclude(_answered())
        .exclude(Exists(turned_off))
        .exists()
    )


def check_backs_due(now: datetime) -> dict[int, int]:
    """Every member with a check-back due now (as `check_back_due` asks), with the
    oldest post it is about: {member id: flag id}; one query."""
    turned_off = Limits.objects.filter(
        member_id=OuterRef("subject_id"), suggest_support=False
    )
    rows = (
        Flag.objects.filter(
            subject__isnull=False,
            source=Flag.Source.SAFETY,
            severity__in=CONCERN_SEVERITIES,
            created_at__gte=now - CHECK_BACK_UNTIL,
            created_at__lte=now - CHECK_BACK_FROM,
        )
        .exclude(_answered())
        .exclude(Exists(turned_off))
        .order_by("-created_at", "-pk")
        .values_list("subject_id", "pk")
    )
    # Oldest last, so it is the one kept.
    return {member_id: flag_id for member_id, flag_id in rows if member_id is not None}


@dataclass(frozen=True)
class SupportPrompts:
    suggestions_on: bool
    suggest_professional_help: bool
    check_back: bool


def support_prompts(member: User, now: datetime) -> SupportPrompts:
    """The suggestion and the check-back for the member's balance page; three
    queries, whatever there is."""
    is_on = suggestions_on(member)
    concerns = concerns_of(member, now)
    low_week = has_low_week(member, now)
    return SupportPrompts(
        suggestions_on=is_on,
        suggest_professional_help=is_on and (concerns.recent or low_week),
        check_back=is_on and concerns.due_check_back is not None,
    )


def professional_help_url(member: User) -> str:
    """The page about professional help in the member's country, or the page that
    asks which country when they haven't said."""
    country = (member.country or "").upper()
    if country in countries():
        return reverse("findhelp:country", kwargs={"country": country.lower()})
    return reverse("findhelp:index")
