from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Group(models.Model):
    """A support group. What members write in it is seen by its members only."""

    class Visibility(models.TextChoices):
        LISTED = "listed", _("Listed: anyone can find it and read about it")
        UNLISTED = "unlisted", _("Unlisted: only members and invited people know it")

    class JoinPolicy(models.TextChoices):
        OPEN = "open", _("Anyone signed in can join")
        REQUEST = "request", _("People ask to join; a facilitator says yes")
        INVITE = "invite", _("By invitation only")

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("web address"), max_length=80, unique=True)
    who_for = models.CharField(_("who it is for"), max_length=160, blank=True)
    description = models.TextField(_("about this group"), blank=True)
    rules = models.TextField(_("rules"), blank=True, help_text=_("One rule per line."))
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.LISTED
    )
    join_policy = models.CharField(
        max_length=10, choices=JoinPolicy.choices, default=JoinPolicy.OPEN
    )
    join_question = models.CharField(
        _("question for people asking to join"), max_length=200, blank=True
    )
    allows_anonymous = models.BooleanField(
        _("members may post anonymously"), default=False
    )
    holds_first_posts = models.BooleanField(
        _("hold new members' first posts for approval"),
        default=False,
        help_text=_(
            "A moderator approves a new member's first post before others see it. "
            "Posts that show someone may be in crisis are never held."
        ),
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("groups:detail", kwargs={"slug": self.slug})

    @property
    def is_listed(self) -> bool:
        return self.visibility == self.Visibility.LISTED

    @property
    def rule_lines(self) -> list[str]:
        return [line.strip() for line in self.rules.splitlines() if line.strip()]


class Membership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        FACILITATOR = "facilitator", _("Facilitator")
        MODERATOR = "moderator", _("Moderator")

    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="memberships"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(default=timezone.now)
    # Set once a moderator approved one of the member's posts (or trusted them),
    # so the group's hold on first posts no longer applies.
    trusted_at = models.DateTimeField(null=True, blank=True)
    # A moderator's mute: the member reads but cannot post or chat until then.
    muted_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "member"], name="one_membership")
        ]

    def __str__(self) -> str:
        return f"{self.member} in {self.group} ({self.role})"

    @property
    def is_facilitator(self) -> bool:
        return self.role == self.Role.FACILITATOR

    @property
    def is_moderator(self) -> bool:
        return self.role == self.Role.MODERATOR


class JoinRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="join_requests"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests"
    )
    answer = models.TextField(_("answer"), max_length=1000, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["group", "member"],
                condition=Q(status="pending"),
                name="one_pending_join_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} asks to join {self.group}"


class Invitation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="invitations"
    )
    invitee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["group", "invitee"],
                condition=Q(status="pending"),
                name="one_pending_invitation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.invitee} invited to {self.group}"
