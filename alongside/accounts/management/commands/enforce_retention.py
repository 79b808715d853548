from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from alongside.accounts.retention import enforce_retention


class Command(BaseCommand):
    help = (
        "Delete or clear what is kept past its time: sign-in addresses and browsers, "
        "ended and expired sessions, resolved safety flags. Run it daily."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        purged = enforce_retention()
        ip_days = settings.ALONGSIDE_RETAIN_IP_DAYS
        flag_days = settings.ALONGSIDE_RETAIN_RESOLVED_FLAGS_DAYS
        self.stdout.write(f"Records of ended sessions deleted: {purged.ended_sessions}")
        self.stdout.write(
            f"Sign-in addresses and browsers older than {ip_days} days cleared: "
            f"{purged.addresses_cleared}"
        )
        self.stdout.write(
            f"Safety flags resolved more than {flag_days} days ago deleted: "
            f"{purged.flags} (with {purged.reports} reports)"
        )
        self.stdout.write(f"Expired copies of members' data deleted: {purged.exports}")
        grace_days = settings.ALONGSIDE_DELETION_GRACE_DAYS
        self.stdout.write(
            f"Accounts deleted after their {grace_days}-day grace period: "
            f"{purged.accounts}"
        )
