from typing import Any

from django.core.management.base import BaseCommand

from alongside.notifications.email import send_due_emails


class Command(BaseCommand):
    help = (
        "Send the daily and weekly email summaries that are due, and the emails "
        "that waited for members' quiet hours to end. Run it every 15 minutes."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_due_emails()
        self.stdout.write(f"Daily summaries sent: {sent.daily}")
        self.stdout.write(f"Weekly summaries sent: {sent.weekly}")
        self.stdout.write(f"Emails sent after quiet hours: {sent.each_time}")
