from typing import Any

from django.core.management.base import BaseCommand

from alongside.notifications.due import send_check_backs


class Command(BaseCommand):
    help = (
        "Tell members when a check-in after a hard time is waiting for them on "
        "their home page, once each. Run it every hour."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Check-backs sent: {send_check_backs()}")
