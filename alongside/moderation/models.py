from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
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
        SPAM = 60, _("Spam")

    class Source(models.TextChoices):
        SAFETY = "safety", _("Safety check")
        REPORT = "report", _("Member report")

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
    source = models.CharField(max_length=10, choices=Source.choices)
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

    class Meta:
        indexes = [
            models.Index(
                fields=["group", "resolved_at", "severity", "created_at"],
                name="flag_queue",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_severity_display()} in {self.group_id}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


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
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.action} by {self.actor_id}"


class SupportMessage(models.Model):
    """A private, caring message from a group's moderators to one member."""

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
    body = models.TextField(max_length=4000)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Support message to {self.recipient_id}"
