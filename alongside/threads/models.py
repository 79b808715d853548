from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.groups.models import Group


class Thread(models.Model):
    """A topic in a group. Its opening words are its first Reply (`is_opening`)."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(_("title"), max_length=140)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="threads",
    )
    is_anonymous = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    last_activity_at = models.DateTimeField(default=timezone.now)
    # Replies after the opening post that are not deleted; kept by the actions.
    reply_count = models.PositiveIntegerField(default=0)
    deleted_at = models.DateTimeField(null=True, blank=True)
    # A locked thread stays readable; nobody can reply until a moderator unlocks it.
    locked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["group", "-last_activity_at", "-id"], name="thread_activity"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("threads:detail", kwargs={"thread_id": self.pk})

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None


class Reply(models.Model):
    """One post in a thread: Markdown as written, and its HTML rendered once."""

    class Claim(models.TextChoices):
        """What kind of knowledge a post offers, as its writer labels it."""

        NONE = "", _("No label")
        EXPERIENCE = "experience", _("My experience")
        INFORMATION = "information", _("Information (with source)")
        PROFESSIONAL = "professional", _("Professional view")

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="replies",
    )
    is_opening = models.BooleanField(default=False)
    body = models.TextField(_("your post"), max_length=20000)
    body_html = models.TextField()
    content_warning = models.CharField(_("content note"), max_length=100, blank=True)
    is_anonymous = models.BooleanField(default=False)
    claim = models.CharField(
        _("what kind of post this is"),
        max_length=12,
        choices=Claim.choices,
        blank=True,
        default=Claim.NONE,
    )
    # Library resources the body links to, found once on write; each shows as a
    # card with its current review state.
    resource_ids = models.JSONField(default=list, blank=True)
    # What the safety checks found (kinds, levels, spans): for the writer and the
    # group's moderators only.
    findings = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Hidden by a moderator: gone for everyone but its writer (who sees why and may
    # edit and resubmit) and the group's moderators.
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.TextField(blank=True)
    # Held for a moderator's approval (a new member's first post, a word filter):
    # seen only by its writer and the group's moderators until approved.
    held_at = models.DateTimeField(null=True, blank=True)
    held_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name_plural = "replies"
        indexes = [models.Index(fields=["thread", "id"], name="reply_thread_order")]

    def __str__(self) -> str:
        return f"Reply {self.pk} in thread {self.thread_id}"

    def get_absolute_url(self) -> str:
        return reverse("threads:detail", kwargs={"thread_id": self.thread_id}) + (
            f"#reply-{self.pk}"
        )

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def is_held(self) -> bool:
        return self.held_at is not None

    @property
    def has_unsourced_claim(self) -> bool:
        return bool(self.findings.get("health_claim"))


class ReplyRevision(models.Model):
    """An earlier version of a reply, kept whenever it is edited."""

    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    content_warning = models.CharField(max_length=100, blank=True)
    written_at = models.DateTimeField()
    replaced_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Revision of reply {self.reply_id}"


class Reaction(models.Model):
    """A small supportive response to a reply. Never a score."""

    class Kind(models.TextChoices):
        THINKING_OF_YOU = "thinking_of_you", _("Thinking of you")
        ME_TOO = "me_too", _("Me too")
        NOT_ALONE = "not_alone", _("You're not alone")
        THANK_YOU = "thank_you", _("Thank you")
        THIS_HELPED = "this_helped", _("This helped")

    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="reactions")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reactions"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["reply", "member", "kind"], name="one_reaction_of_a_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} on reply {self.reply_id}"


class AuthorReveal(models.Model):
    """A record that a moderator looked up who wrote an anonymous post, and why."""

    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="reveals")
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField(max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Reveal of reply {self.reply_id}"
