from django.db import models
from django.utils.translation import gettext_lazy as _


class CrisisLine(models.Model):
    """A free, confidential line a person can reach now, for one country.

    An empty country is the international fallback, shown where a country has none.
    """

    country = models.CharField(
        _("country code"), max_length=2, blank=True, db_index=True
    )
    name = models.CharField(max_length=120)
    phone = models.CharField(max_length=40, blank=True)
    text_number = models.CharField(_("text number"), max_length=40, blank=True)
    text_word = models.CharField(_("word to text"), max_length=20, blank=True)
    chat_url = models.URLField(_("chat link"), blank=True)
    url = models.URLField(_("website"))
    hours = models.CharField(max_length=120)
    cost = models.CharField(max_length=60, default="Free")
    position = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)
    last_verified = models.DateField(_("last checked"))

    class Meta:
        ordering = ["country", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.country or 'international'})"

    @property
    def tel(self) -> str:
        return "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")


class EmergencyNumber(models.Model):
    country = models.CharField(max_length=2, unique=True, blank=True)
    number = models.CharField(max_length=40)

    def __str__(self) -> str:
        return f"{self.country or 'international'}: {self.number}"
