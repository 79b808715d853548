import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from alongside.safety.scan import ScanInputError, scan_stream


class Command(BaseCommand):
    help = (
        'Read JSON Lines {"id", "text"} on stdin; write one line per input with '
        '"crisis", "pii" and "health_claim".'
    )

    def handle(self, *args: Any, **options: Any) -> None:
        # Read as UTF-8 whatever the locale, so offsets match Python's str offsets.
        stdin = open(sys.stdin.fileno(), encoding="utf-8", closefd=False)  # noqa: SIM115
        stdout = open(  # noqa: SIM115
            sys.stdout.fileno(), "w", encoding="utf-8", closefd=False
        )
        try:
            scan_stream(stdin, stdout)
        except ScanInputError as error:
            raise CommandError(str(error)) from error
