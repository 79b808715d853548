from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from alongside.accounts.deletion import purge_deleted_accounts


class Command(BaseCommand):
    help = (
        "Delete for good the accounts whose owners asked for deletion more than "
        "ALONGSIDE_DELETION_GRACE_DAYS days ago. enforce_retention, run daily, "
        "does this too."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        erased = purge_deleted_accounts()
        days = settings.ALONGSIDE_DELETION_GRACE_DAYS
        self.stdout.write(
            f"Accounts deleted after their {days}-day grace period: {erased.accounts}"
        )
        self.stdout.write(
            f"Posts: {erased.threads_deleted} threads and {erased.replies_deleted} "
            f"replies deleted, {erased.posts_emptied} opening posts emptied, "
            f"{erased.posts_kept} kept without a name"
        )
        self.stdout.write(
            f"Chat messages: {erased.chat_messages_deleted} deleted, "
            f"{erased.chat_messages_kept} kept without a name"
        )
        self.stdout.write(
            f"Private messages deleted: {erased.private_messages_deleted}"
        )
        self.stdout.write(
            f"Library resources: {erased.resources_deleted} deleted, "
            f"{erased.resources_kept} kept without a name"
        )
