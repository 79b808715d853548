"""The shared library, professionals' credentials, where to find professional help."""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.core.places import country_name

# A badge lasts at most this long before an admin must renew it.
MAX_BADGE_MONTHS = 24


def badge_day(moment: datetime | None = None) -> date:
    """Badges start and lapse by the site's own calendar (settings.TIME_ZONE), so
    every viewer, in whatever time zone, sees the same answer on the same day."""
    return timezone.localdate(moment or timezone.now(), timezone.get_default_timezone())


class Credential(models.Model):
    """What a member says about their professional standing, and what an admin checked.

    One per member. The badge shows only while `is_active(today)`: verified, and
    before the day it lapses. Every change of status goes through
    `resources.actions` and is written to the moderation log.
    """

    class Status(models.TextChoices):
        APPLIED = "applied", _("Waiting for a check")
        VERIFIED = "verified", _("Verified")
        DECLINED = "declined", _("Not verified")
        REVOKED = "revoked", _("Withdrawn")

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="credential"
    )
    profession = models.CharField(
        _("profession"),
        max_length=80,
        help_text=_("As your register names it, like “Registered nurse”."),
    )
    registration_number = models.CharField(
        _("registration or licence number"), max_length=60
    )
    issuing_body = models.CharField(
        _("who issued it"),
        max_length=160,
        help_text=_("The register or board, like “Nursing and Midwifery Council”."),
    )
    country = models.CharField(_("country where you're registered"), max_length=2)
    conflicts = models.TextField(
        _("conflicts of interest"),
        max_length=2000,
        help_text=_(
            "Anything that could shape your advice: who you work for, products "
            "you're paid to promote. Write “None” if there is nothing."
        ),
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.APPLIED
    )
    applied_at = models.DateTimeField(default=timezone.now)
    # Who checked, when and how; kept from the last verification or renewal.
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    verification_method = models.TextField(_("how it was checked"), blank=True)
    # The first day without the badge.
    expires_on = models.DateField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["status", "applied_at"], name="credential_queue")
        ]

    def __str__(self) -> str:
        return f"{self.profession} ({self.get_status_display()})"

    def is_active(self, today: date) -> bool:
        return (
            self.status == self.Status.VERIFIED
            and self.expires_on is not None
            and today < self.expires_on
        )

    @property
    def shows_badge(self) -> bool:
        """Whether the badge stands today (for templates)."""
        return self.is_active(badge_day())

    @property
    def last_day(self) -> date | None:
        """The last day the badge shows, the day before `expires_on`."""
        return self.expires_on - timedelta(days=1) if self.expires_on else None

    @property
    def country_name(self) -> str:
        return country_name(self.country) or self.country

    @property
    def scope(self) -> str:
        """What the badge says: "Registered nurse, United Kingdom"."""
        return f"{self.profession}, {self.country_name}"


class Tag(models.Model):
    name = models.CharField(max_length=40, unique=True)
    slug = models.SlugField(max_length=40, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Resource(models.Model):
    """Something a member found useful, with its sources and one review state."""

    class Kind(models.TextChoices):
        ARTICLE = "article", _("Article")
        STUDY = "study", _("Study")
        WORKSHEET = "worksheet", _("Worksheet")
        VIDEO = "video", _("Video")
        HELPLINE = "helpline", _("Helpline")
        SERVICE = "service", _("Service")
        TIP = "tip", _("Tip from experience")

    class Review(models.TextChoices):
        NOT_REVIEWED = "not_reviewed", _("Not yet reviewed")
        REVIEWED = "reviewed", _("Reviewed")
        CONCERNS = "concerns", _("Reviewed — concerns")

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="resources",
    )
    title = models.CharField(_("title"), max_length=160)
    summary = models.TextField(_("what it is and why it helped"), max_length=2000)
    summary_html = models.TextField()
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    # Checked https links, never fetched: [{"url": ..., "domain": ...}].
    sources = models.JSONField(default=list, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="resources")
    groups = models.ManyToManyField(
        "groups.Group", related_name="resources", verbose_name=_("groups")
    )
    findings = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)
    helped_count = models.PositiveIntegerField(default=0)

    # The one review state. The reviewer's name and profession are kept as they
    # were on the day, so the state still reads true if the badge later lapses.
    review_state = models.CharField(
        max_length=12, choices=Review.choices, default=Review.NOT_REVIEWED
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewer_name = models.CharField(max_length=150, blank=True)
    reviewer_profession = models.CharField(max_length=120, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("note for readers"), max_length=2000, blank=True)
    review_note_html = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["review_state"], name="resource_review")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("resources:detail", kwargs={"resource_id": self.pk})


class Helped(models.Model):
    """One member's "this helped me"; only the count is ever shown."""

    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="helped_by"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "member"], name="helped_once_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member_id} was helped by {self.resource_id}"


class ProfessionalHelp(models.Model):
    """One way to reach professional help in a country; edited by the site's admins."""

    class Kind(models.TextChoices):
        DOCTOR = "doctor", _("Doctor")
        THERAPIST = "therapist", _("Therapist or counsellor")
        HELPLINE = "helpline", _("Helpline")
        PEER = "peer", _("Peer organisation")

    country = models.CharField(_("country code"), max_length=2, db_index=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    name = models.CharField(max_length=120)
    how_to_reach = models.TextField(_("how to reach them"), max_length=600)
    phone = models.CharField(max_length=40, blank=True)
    url = models.URLField(_("website"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    last_checked = models.DateField(_("last checked"))

    class Meta:
        ordering = ["country", "kind", "position", "pk"]
        verbose_name_plural = "professional help"

    def __str__(self) -> str:
        return f"{self.name} ({self.country})"

    @property
    def tel(self) -> str:
        return "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
