from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Flag(models.Model):
    """A signal that something a member wrote may need a moderator's care.

    It points at its content generically, so moderation never imports the apps whose
    content it looks after. It stores findings (kinds, levels, spans), never the text.
    """

    class Severity(models.IntegerChoices):
        # Lower sorts first in the queue.
        URGENT = 10, _("Needs care now")
        CONCERN = 20, _("May need a check-in")
        HARASSMENT = 30, _("Harassment")
        PRIVACY = 40, _("Privacy")
        MISINFORMATION = 50, _("Misinformation")
        HELD = 55, _("Waiting for approval")
        SPAM = 60, _("Spam")
        OTHER = 70, _("Other")

    class Source(models.TextChoices):
        SAFETY = "safety", _("Safety check")
        REPORT = "report", _("Member report")
        HELD = "held", _("New member's first post")
        FILTER = "filter", _("Word filter")
        RESUBMITTED = "resubmitted", _("Edited after it was hidden")

    group = models.ForeignKey(
        "groups.Group", on_delete=models.CASCADE, related_name="+"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content = GenericForeignKey("content_type", "object_id")
    # Who wrote the content: the person a "reach out" goes to.
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        related_name="flags_about",
    )
    severity = models.PositiveSmallIntegerField(choices=Severity.choices)
    source = models.CharField(max_length=12, choices=Source.choices)
    findings = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    resolution = models.CharField(max_length=40, blank=True)
    # "I'm on it": one moderator at a time, so two don't answer the same person.
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["group", "resolved_at", "severity", "created_at"],
                name="flag_queue",
            )
        ]
        constraints = [
            # Reports on the same content gather under one open flag.
            models.UniqueConstraint(
                fields=["group", "content_type", "object_id"],
                condition=models.Q(resolved_at__isnull=True, source="report"),
                name="one_open_report_flag",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_severity_display()} in {self.group_id}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class Report(models.Model):
    """A member's report on a reply, thread, chat message or profile.

    Reports on the same content gather under one open Flag. The reporter is kept
    for the group's moderators only; no page or response the reported member can
    reach names them.
    """

    class Reason(models.TextChoices):
        WORRIED = "worried", _("I'm worried about this person")
        HARASSMENT = "harassment", _("Harassment or bullying")
        MISINFORMATION = "misinformation", _("Misinformation")
        PRIVACY = "privacy", _("Shares someone's private details")
        SPAM = "spam", _("Spam")
        OTHER = "other", _("Something else")

    flag = models.ForeignKey(Flag, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="reports_made",
    )
    reason = models.CharField(max_length=20, choices=Reason.choices)
    note = models.TextField(max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            # One reporter reporting the same content twice is stored once.
            models.UniqueConstraint(
                fields=["flag", "reporter"], name="one_report_per_reporter"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reason} report on flag {self.flag_id}"


class LogQuerySet(models.QuerySet["ModerationLog"]):
    """The application can add log rows and read them, never change or remove them."""

    def update(self, **kwargs: object) -> int:
        raise PermissionDenied("The moderation log is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionDenied("The moderation log is append-only.")


class ModerationLog(models.Model):
    """One row per use of moderator power. Rows are only ever added."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    group = models.ForeignKey(
        "groups.Group", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=40)
    target_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True)
    # The member the action was about (for their history in the queue).
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = LogQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.action} by {self.actor_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionDenied("The moderation log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionDenied("The moderation log is append-only.")


class SupportMessage(models.Model):
    """A private message from a group's moderators to one member: care, a warning,
    or why something they wrote was hidden."""

    class Kind(models.TextChoices):
        SUPPORT = "support", _("A message of support")
        WORRIED = "worried", _("Someone is thinking of you")
        WARNING = "warning", _("A note from the moderators")
        HIDDEN = "hidden", _("Something you wrote was hidden")
        ACTION = "action", _("A moderation decision")

    group = models.ForeignKey(
        "groups.Group", on_delete=models.CASCADE, related_name="+"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="support_messages",
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.SUPPORT)
    body = models.TextField(max_length=4000)
    # Where the member can do something about it, and what the link says: such
    # as editing a hidden room message and sending it again. Blank for most.
    link = models.CharField(max_length=300, blank=True)
    link_text = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Support message to {self.recipient_id}"


class WordFilter(models.Model):
    """A group's own list of words or phrases: hold a post for review, or flag it."""

    class Action(models.TextChoices):
        HOLD = "hold", _("Hold the post for review")
        FLAG = "flag", _("Post it and flag it for review")

    group = models.ForeignKey(
        "groups.Group", on_delete=models.CASCADE, related_name="word_filters"
    )
    phrase = models.CharField(_("word or phrase"), max_length=100)
    action = models.CharField(max_length=4, choices=Action.choices, default=Action.FLAG)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["group", "phrase"], name="one_filter_per_phrase"
            )
        ]

    def __str__(self) -> str:
        return self.phrase


class Block(models.Model):
    """One member blocking another: no replies to them, no mentions, and the
    blocked member's content hidden from the blocker. Never shown to the blocked."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_made"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="one_block")
        ]

    def __str__(self) -> str:
        return f"{self.blocker_id} blocks {self.blocked_id}"


class Mute(models.Model):
    """A quiet preference: a thread or a member the muter would rather not hear from.
    Exactly one of `thread` and `muted` is set."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mutes_made"
    )
    thread = models.ForeignKey(
        "threads.Thread",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    muted = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "thread"], name="one_thread_mute"
            ),
            models.UniqueConstraint(fields=["member", "muted"], name="one_member_mute"),
            models.CheckConstraint(
                condition=models.Q(thread__isnull=True, muted__isnull=False)
                | models.Q(thread__isnull=False, muted__isnull=True),
                name="mute_one_thing",
            ),
        ]

    def __str__(self) -> str:
        return f"Mute by {self.member_id}"


class ContextNote(models.Model):
    """A note with sources beneath a reply or thread, from a moderator or a verified
    professional, shown to everyone who can see the content."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content = GenericForeignKey("content_type", "object_id")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("note"), max_length=2000)
    body_html = models.TextField()
    # At least one https link, as [{"url": ..., "domain": ...}].
    sources = models.JSONField(default=list)
    # What a verified professional's badge said when they added the note
    # ("Registered nurse, United Kingdom"), so the note still reads true if the
    # badge later lapses; blank for a note from the moderators.
    author_scope = models.CharField(max_length=250, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="note_target")
        ]

    def __str__(self) -> str:
        return f"Context note on {self.content_type_id}:{self.object_id}"


class ModeratorPreference(models.Model):
    """A moderator's own settings: when the queue suggests a break."""

    moderator = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    break_after = models.PositiveSmallIntegerField(
        _("suggest a break after this many distressing items a day"), default=10
    )

    def __str__(self) -> str:
        return f"Preferences of {self.moderator_id}"
