import time
from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.core.management.base import BaseCommand, CommandError

from alongside.demo.community import DEMO_ADMIN, DEMO_MODERATOR, DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = (
        "Print the code the demo moderator's authenticator app would show now "
        "(only while that account still uses the public demo key)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        totp = Authenticator.objects.filter(
            user__username=DEMO_MODERATOR, type=Authenticator.Type.TOTP
        ).first()
        if totp is None or decrypt(totp.data["secret"]) != DEMO_TOTP_SECRET:
            raise CommandError(
                "The demo moderator has no demo authenticator key; "
                "use their own authenticator app."
            )
        code = format_hotp_value(hotp_value(DEMO_TOTP_SECRET, int(time.time()) // 30))
        # The demo admin uses the same public key, so the same code.
        self.stdout.write(
            f"{DEMO_MODERATOR}'s and {DEMO_ADMIN}'s code now: {code} "
            "(changes every 30 s)"
        )
