from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from alongside.privacy.rotation import RESEALED


class Command(BaseCommand):
    help = (
        "Re-seal every private message, check-in note and support contact under "
        "the first key of ALONGSIDE_MESSAGE_KEYS, in batches, each in one "
        "transaction."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch-size",
            type=int,
            default=500,
            help="Rows re-sealed per transaction (default 500).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        batch_size = options["batch_size"]
        if batch_size < 1:
            raise CommandError("--batch-size must be 1 or more.")
        unreadable = []
        for index, (kind, reseal) in enumerate(RESEALED):
            counts = reseal(batch_size=batch_size)
            if index == 0:
                self.stdout.write(f"Current key: {counts.key_id}.")
            self.stdout.write(
                f"Re-sealed {counts.resealed} {kind}; "
                f"{counts.already_current} were already under the current key."
            )
            if counts.unreadable:
                unreadable.append(f"{counts.unreadable} {kind}")
        if unreadable:
            listed = (
                unreadable[0]
                if len(unreadable) == 1
                else ", ".join(unreadable[:-1]) + " and " + unreadable[-1]
            )
            raise CommandError(
                f"{listed} could not be opened with any key in "
                "ALONGSIDE_MESSAGE_KEYS and were left as they are: put back the key "
                "they were sealed with and run this again."
            )
