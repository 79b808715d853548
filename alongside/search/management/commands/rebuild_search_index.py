from typing import Any

from django.core.management.base import BaseCommand

from alongside.search.backends import backend
from alongside.search.index import rebuild_index


class Command(BaseCommand):
    help = (
        "Index every reply and resource again, from scratch (after restoring a "
        "backup or loading data in bulk). Searches go on working meanwhile."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        rebuilt = rebuild_index()
        self.stdout.write(
            f"Search index rebuilt ({backend().name}): {rebuilt.replies} replies, "
            f"{rebuilt.resources} resources."
        )
