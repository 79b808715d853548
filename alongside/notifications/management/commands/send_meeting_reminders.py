from typing import Any

from django.core.management.base import BaseCommand

from alongside.notifications.due import send_meeting_reminders


class Command(BaseCommand):
    help = (
        "Remind members of the meetings they said they'd come to (or might) that "
        "start within the hour, once each. Run it every 10 minutes."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Meeting reminders sent: {send_meeting_reminders()}")
