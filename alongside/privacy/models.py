import secrets
from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PrivacyPreference(models.Model):
    """A member's privacy choices; the row is made the first time they change one.

    `messages_from` says who may start private messages with the member:
    - nobody;
    - the facilitators and moderators of the member's groups, and the verified
      professionals (a badge that has not lapsed) who share a group with them (the
      default);
    - anyone who shares a group with the member.

    The default is the protective middle. A member who never opens the settings page
    can still hear privately from the people who lead their groups, for a check-in,
    and from the professionals in them whose standing an admin checked, but not from
    every member of every group they joined: unasked-for private messages are where
    harassment and grooming usually start in support communities, and UX.md asks for
    the quietest default. Whatever the choice, a person the member has written to can
    write back, and a block stops messages both ways.
    """

    class MessagesFrom(models.TextChoices):
        NOBODY = "nobody", _("Nobody")
        LEADERS = (
            "leaders",
            _("Only facilitators, moderators and verified professionals in my groups"),
        )
        MEMBERS = "members", _("Anyone who shares a group with me")

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="privacy_preference",
    )
    messages_from = models.CharField(
        _("who can send you private messages"),
        max_length=10,
        choices=MessagesFrom.choices,
        default=MessagesFrom.LEADERS,
    )
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Privacy preferences of {self.member_id}"


class Conversation(models.Model):
    """The private messages between two members. `first` has the lower id, so each
    pair has one conversation; a member who deletes their account leaves a gap."""

    first = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    second = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["first", "second"], name="one_conversation_per_pair"
            ),
            models.CheckConstraint(
                condition=Q(first__lt=F("second")), name="conversation_pair_in_order"
            ),
        ]

    def __str__(self) -> str:
        return f"Conversation {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("privacy:conversation", kwargs={"conversation_id": self.pk})

    def includes(self, member_id: int) -> bool:
        return member_id in (self.first_id, self.second_id)

    def other_id(self, member_id: int) -> int | None:
        return self.second_id if member_id == self.first_id else self.first_id


class PrivateMessage(models.Model):
    """One private message. Its words are sealed (privacy/sealing.py): the database
    holds no text, and nothing on this model opens it. queries.py opens messages for
    the two members; actions.read_reported_message opens one for a moderator after a
    report, and logs it."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Chosen by the sender's form, so a form sent twice is stored once.
    client_token = models.UUIDField()
    sealed_body = models.TextField()
    sealed_html = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "author", "client_token"],
                name="one_private_message_per_token",
            )
        ]
        indexes = [
            models.Index(fields=["conversation", "id"], name="private_message_order")
        ]

    def __str__(self) -> str:
        return f"Private message {self.pk}"

    def get_absolute_url(self) -> str:
        url = reverse(
            "privacy:conversation", kwargs={"conversation_id": self.conversation_id}
        )
        return f"{url}#message-{self.pk}"

    def seal_context(self, column: str) -> str:
        """What a sealed column is bound to: this message, this column."""
        return seal_context(self.conversation_id, str(self.client_token), column)


def seal_context(conversation_id: int, client_token: str, column: str) -> str:
    return f"private-message/{conversation_id}/{client_token}/{column}"


# ---------------------------------------------------------------------------
# Data exports


def new_export_token() -> str:
    return secrets.token_urlsafe(32)


class DataExport(models.Model):
    """A member's copy of their data, asked for on their account pages and built in
    the background (privacy/export.py). The file lives in the "exports" storage,
    which nothing serves: it is downloaded only through the member's own signed-in
    link, until `expires_at`. A member keeps one export; asking again replaces it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Couldn't be made")
        EXPIRED = "expired", _("Expired")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    requested_at = models.DateTimeField()
    status = models.CharField(
        max_length=8, choices=Status.choices, default=Status.PENDING
    )
    # The file's name in the "exports" storage; empty until ready and once deleted.
    file_name = models.CharField(max_length=200, blank=True)
    # In the download link: unguessable, and still only for its member.
    token = models.CharField(max_length=64, unique=True, default=new_export_token)
    size = models.PositiveBigIntegerField(default=0)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["member", "-requested_at"], name="export_latest"),
            models.Index(fields=["status", "expires_at"], name="export_expiry"),
        ]

    def __str__(self) -> str:
        return f"Data export {self.pk} of {self.member_id}"

    def get_absolute_url(self) -> str:
        return reverse("privacy:export_download", kwargs={"token": self.token})

    def is_expired(self, now: datetime) -> bool:
        if self.status == self.Status.EXPIRED:
            return True
        return self.expires_at is not None and self.expires_at <= now
