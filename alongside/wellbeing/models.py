"""A member's own balance: time on the site, their limits, check-ins and the people
they lean on outside it. Only the member ever sees any of it; it goes with their
export and is deleted with their account."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ActiveSlot(models.Model):
    """A stretch of `ALONGSIDE_ACTIVITY_SLOT` seconds in which the member had a
    visible, active page open. One row per slot however many tabs were open."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    # The slot's start, in UTC, a multiple of the slot length.
    started_at = models.DateTimeField()
    # The group whose page was open, when there was one (for "where the time goes").
    group = models.ForeignKey(
        "groups.Group",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "started_at"], name="one_slot_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member_id} active at {self.started_at:%Y-%m-%d %H:%M:%S}"


class Limits(models.Model):
    """The limits a member chose for themselves; all off until they set them."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="limits"
    )
    daily_minutes = models.PositiveSmallIntegerField(
        _("remind me after this many minutes a day"), null=True, blank=True
    )
    break_after_minutes = models.PositiveSmallIntegerField(
        _("suggest a break after this many minutes in a row"), null=True, blank=True
    )
    quiet_from = models.TimeField(_("quiet hours from"), null=True, blank=True)
    quiet_until = models.TimeField(_("quiet hours until"), null=True, blank=True)
    # The local day on which the member chose "Keep going" at their daily limit.
    limit_dismissed_on = models.DateField(null=True, blank=True)
    # When the member last took or waved off a break suggestion.
    break_dismissed_at = models.DateTimeField(null=True, blank=True)
    suggest_support = models.BooleanField(
        _("suggest professional or offline support when things look hard"),
        default=True,
    )

    def __str__(self) -> str:
        return f"Limits of {self.member_id}"


class CheckIn(models.Model):
    """ "How are you today?" — a mood from 1 (low) to 5 (good), deletable any time."""

    class Mood(models.IntegerChoices):
        LOW = 1, _("Low")
        WOBBLY = 2, _("Wobbly")
        OKAY = 3, _("Okay")
        GOOD = 4, _("Good")
        GREAT = 5, _("Really good")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    mood = models.PositiveSmallIntegerField(choices=Mood.choices)
    # Sealed at rest like private messages (privacy/sealing.py).
    sealed_note = models.TextField(blank=True)
    connected_offline = models.BooleanField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["member", "created_at"], name="checkin_member")]

    def __str__(self) -> str:
        return f"Check-in by {self.member_id}"


class SupportContact(models.Model):
    """Someone the member can turn to outside Alongside: their GP, a friend, a line."""

    class Kind(models.TextChoices):
        PROFESSIONAL = "professional", _("A professional (therapist, GP, nurse)")
        PERSON = "person", _("Someone I know")
        HELPLINE = "helpline", _("A helpline or service")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    # Sealed at rest: names and numbers of people in the member's life.
    sealed_name = models.TextField()
    sealed_how = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Support contact of {self.member_id}"


class CheckBack(models.Model):
    """The one private "did you find support?" after a post that raised concern."""

    class Answer(models.TextChoices):
        YES = "yes", _("Yes")
        NOT_YET = "not_yet", _("Not yet")
        DISMISSED = "dismissed", _("Not now")

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    # The concern it follows (a moderation Flag on the member's own writing).
    flag_id = models.PositiveBigIntegerField()
    answer = models.CharField(max_length=10, choices=Answer.choices)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "flag_id"], name="one_checkback")
        ]

    def __str__(self) -> str:
        return f"Check-back for {self.member_id}"
