from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from alongside.privacy.rotation import reseal_messages


class Command(BaseCommand):
    help = (
        "Re-seal every private message under the first key of "
        "ALONGSIDE_MESSAGE_KEYS, in batches, each in one transaction."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch-size",
            type=int,
            default=500,
            help="Messages re-sealed per transaction (default 500).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        batch_size = options["batch_size"]
        if batch_size < 1:
            raise CommandError("--batch-size must be 1 or more.")
        counts = reseal_messages(batch_size=batch_size)
        self.stdout.write(
            f"Current key: {counts.key_id}. "
            f"Re-sealed {counts.resealed} messages; "
            f"{counts.already_current} were already under the current key."
        )
        if counts.unreadable:
            raise CommandError(
                f"{counts.unreadable} messages could not be opened with any key in "
                "ALONGSIDE_MESSAGE_KEYS and were left as they are: put back the key "
                "they were sealed with and run this again."
            )
