import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class Room(models.Model):
    """The live room of one group: the sequence counter and the room's mode."""

    group = models.OneToOneField(
        "groups.Group", on_delete=models.CASCADE, primary_key=True, related_name="room"
    )
    last_seq = models.PositiveBigIntegerField(default=0)
    # Meeting mode: a facilitator hosts; they may pin a message, slow the room
    # down and pause one member's messages until the meeting ends.
    meeting_started_at = models.DateTimeField(null=True, blank=True)
    meeting_host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    pinned = models.ForeignKey(
        "ChatMessage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    slow_mode_seconds = models.PositiveSmallIntegerField(default=0)

    def __str__(self) -> str:
        return f"Room of group {self.group_id}"

    @property
    def in_meeting(self) -> bool:
        return self.meeting_started_at is not None


class RoomMute(models.Model):
    """A member's messages paused by the host until the meeting ends."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="mutes")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    muted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["room", "member"], name="one_mute_per_room")
        ]

    def __str__(self) -> str:
        return f"Mute of {self.member_id} in room {self.room_id}"


class ChatMessage(models.Model):
    """A message in a group's room; `seq` increases by one per room, with no gaps."""

    group = models.ForeignKey(
        "groups.Group", on_delete=models.CASCADE, related_name="chat_messages"
    )
    seq = models.PositiveBigIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="chat_messages",
    )
    # Chosen by the sender's client, so a retried send is stored once.
    client_id = models.UUIDField(default=uuid.uuid4)
    body = models.TextField(max_length=4000)
    body_html = models.TextField()
    findings = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "seq"], name="one_seq_per_room"),
            models.UniqueConstraint(
                fields=["group", "author", "client_id"],
                name="one_message_per_client_id",
            ),
        ]

    def __str__(self) -> str:
        return f"Message {self.seq} in group {self.group_id}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        slug = self.group.slug
        return reverse("chat:room", kwargs={"slug": slug}) + f"#message-{self.seq}"


class Presence(models.Model):
    """One open connection to a room; counted, never listed, never shown outside."""

    channel_name = models.CharField(max_length=200, unique=True)
    group = models.ForeignKey(
        "groups.Group", on_delete=models.CASCADE, related_name="+"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    role = models.CharField(max_length=12)
    is_hidden = models.BooleanField(default=False)
    connected_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.channel_name
