"""Writes to the search index: one entry per reply and per resource.

Called on write and edit (through `signals.py`, so every path that saves a
reply, a thread or a resource keeps the words in step), by account deletion for
the posts it empties in bulk, and by `manage.py rebuild_search_index`.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db import transaction

from alongside.resources.models import Resource
from alongside.threads.models import Reply, Thread

from .backends import backend
from .models import SearchEntry
from .text import plain_text

BATCH = 2000


def reply_entry(reply: Reply, thread: Thread | None = None) -> SearchEntry:
    """The entry of a reply, unsaved; an opening post carries its thread's title."""
    title = ""
    if reply.is_opening:
        title = (thread or reply.thread).title
    return SearchEntry(
        reply=reply,
        thread_id=reply.thread_id,
        title=title,
        body=plain_text(reply.body_html),
        created_at=reply.created_at,
    )


def resource_entry(resource: Resource) -> SearchEntry:
    return SearchEntry(
        resource=resource,
        title=resource.title,
        body=plain_text(resource.summary_html),
        created_at=resource.created_at,
    )


def _save(entry: SearchEntry, *, new: bool, **match: object) -> None:
    updated = (
        0
        if new
        else SearchEntry.objects.filter(**match).update(
            title=entry.title, body=entry.body, created_at=entry.created_at
        )
    )
    if not updated:
        entry.save()


def index_reply(reply: Reply, *, new: bool = False) -> None:
    """Store the reply's words as they are now (`new`: it has no entry yet)."""
    _save(reply_entry(reply), new=new, reply=reply)


def index_thread_title(thread: Thread) -> None:
    """A thread's title lives on the entry of its opening post."""
    SearchEntry.objects.filter(reply__thread=thread, reply__is_opening=True).update(
        title=thread.title
    )


def index_resource(resource: Resource, *, new: bool = False) -> None:
    _save(resource_entry(resource), new=new, resource=resource)


def forget_replies(reply_ids: Iterable[int]) -> int:
    """Drop the words of replies emptied in bulk (not through `save`)."""
    deleted, _rows = SearchEntry.objects.filter(reply_id__in=list(reply_ids)).delete()
    return deleted


@dataclass(frozen=True)
class Rebuilt:
    replies: int
    resources: int


def _batches[T](rows: Iterable[T]) -> Iterator[list[T]]:
    batch: list[T] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def rebuild_index() -> Rebuilt:
    """Index every reply and resource from scratch, in one transaction.

    Deleted replies and removed resources are left out: no search shows them.
    """
    replies = (
        Reply.objects.filter(deleted_at__isnull=True, thread__deleted_at__isnull=True)
        .select_related("thread")
        .only("body_html", "created_at", "is_opening", "thread__title")
        .order_by("pk")
    )
    resources = Resource.objects.filter(removed_at__isnull=True).only(
        "title", "summary_html", "created_at"
    )
    counts = {"replies": 0, "resources": 0}
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        for replies_batch in _batches(replies.iterator(chunk_size=BATCH)):
            SearchEntry.objects.bulk_create(
                [reply_entry(reply, reply.thread) for reply in replies_batch]
            )
            counts["replies"] += len(replies_batch)
        for resources_batch in _batches(resources.iterator(chunk_size=BATCH)):
            SearchEntry.objects.bulk_create(
                [resource_entry(resource) for resource in resources_batch]
            )
            counts["resources"] += len(resources_batch)
        backend().refresh()
    return Rebuilt(**counts)
