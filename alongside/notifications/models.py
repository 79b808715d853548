"""What a member is told about, what they follow, and how they want to hear.

A notification stores what happened and where, never the words: its line is
built when it is shown, after checking the member may still see the place.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Follow(models.Model):
    """A member following a thread (their own and those they reply to, at first).
    `is_following=False` remembers that they turned it off."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    thread = models.ForeignKey(
        "threads.Thread", on_delete=models.CASCADE, related_name="follows"
    )
    is_following = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "thread"], name="one_follow_per_thread"
            )
        ]
        indexes = [
            models.Index(fields=["thread", "is_following"], name="follow_thread")
        ]

    def __str__(self) -> str:
        return f"{self.member_id} follows {self.thread_id}"


class GroupLevel(models.Model):
    """How much a member hears about one group; "replies to me" unless they chose."""

    class Level(models.TextChoices):
        EVERYTHING = "everything", _("Everything: new threads and replies")
        REPLIES = "replies", _("Only replies to me")
        NOTHING = "nothing", _("Nothing")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    group = models.ForeignKey(
        "groups.Group", on_delete=models.CASCADE, related_name="+"
    )
    level = models.CharField(max_length=10, choices=Level.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "group"], name="one_level")
        ]

    def __str__(self) -> str:
        return f"{self.member_id} hears {self.level} from {self.group_id}"


class Notification(models.Model):
    """One thing to tell one member. Reactions to the same reply gather into one
    unread row ("3 members sent support") through `batch_key`."""

    class Kind(models.TextChoices):
        REPLY = "reply", _("A reply to your thread")
        FOLLOWED = "followed", _("A reply in a thread you follow")
        NEW_THREAD = "new_thread", _("A new thread in your group")
        MENTION = "mention", _("A mention")
        REACTIONS = "reactions", _("Reactions to your post")
        JOIN_DECISION = "join", _("Your request to join")
        MEETING = "meeting", _("A meeting reminder")
        MODERATOR = "moderator", _("A message from the moderators")
        CHECK_BACK = "check_back", _("Checking in")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    # Where it happened; each is checked against what the recipient may see
    # whenever the notification is counted, listed, opened or emailed.
    group = models.ForeignKey(
        "groups.Group",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    thread = models.ForeignKey(
        "threads.Thread",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    reply = models.ForeignKey(
        "threads.Reply",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    # Any other object it points at (a meeting, a support message, a join request).
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    count = models.PositiveIntegerField(default=1)
    batch_key = models.CharField(max_length=60, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(fields=["recipient", "-updated_at"], name="notification_list"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "batch_key"],
                condition=models.Q(read_at__isnull=True) & ~models.Q(batch_key=""),
                name="one_unread_batch",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient_id}"


class EmailChoice(models.Model):
    """Whether and how a member hears by email: off until they turn it on."""

    class Mode(models.TextChoices):
        OFF = "off", _("No emails")
        IMMEDIATE = "immediate", _("Each time")
        DAILY = "daily", _("A daily summary")
        WEEKLY = "weekly", _("A weekly summary")

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.OFF)
    # Group names and post words stay out of emails unless the member opts in.
    include_details = models.BooleanField(default=False)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Email for {self.member_id}: {self.mode}"
