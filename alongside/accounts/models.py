from django.contrib.auth.models import AbstractUser
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alongside.core.places import country_name


class User(AbstractUser):
    """A person with a pseudonym. Their real name is never asked for."""

    # AbstractUser's real-name fields are not used; keep them empty.
    display_name = models.CharField(
        _("display name"),
        max_length=60,
        blank=True,
        help_text=_("What other members see. Leave empty to use your sign-in name."),
    )
    pronouns = models.CharField(_("pronouns"), max_length=30, blank=True)
    bio = models.TextField(_("about you"), max_length=500, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    language = models.CharField(_("language"), max_length=10, default="en")
    # Set by a site-wide suspension (moderation.actions.suspend_member); the member
    # cannot sign in or post until then.
    suspended_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def __str__(self) -> str:
        return self.public_name

    def get_absolute_url(self) -> str:
        return reverse("accounts:profile", kwargs={"username": self.username})

    @property
    def public_name(self) -> str:
        return self.display_name or self.username

    @property
    def country_name(self) -> str:
        return country_name(self.country) if self.country else ""


class AccountDeletion(models.Model):
    """A member's request to delete their account, waiting out its grace period.

    The account is closed (`is_active` off) while this row exists; the purge after
    `purge_after` deletes the account, and this row with it (accounts/deletion.py).
    """

    class Posts(models.TextChoices):
        DELETE = "delete", _("Delete my posts too")
        KEEP = "keep", _("Keep my posts, without my name")

    member = models.OneToOneField(
        User, on_delete=models.CASCADE, primary_key=True, related_name="deletion"
    )
    posts = models.CharField(max_length=6, choices=Posts.choices)
    requested_at = models.DateTimeField()
    purge_after = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"Deletion of member {self.member_id}"

    @property
    def keeps_posts(self) -> bool:
        return self.posts == self.Posts.KEEP
