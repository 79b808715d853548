"""Keep the index's words in step with every save of a reply, thread or resource.

Receivers rather than calls in each action, because every path that stores words
must reach the index: the actions, the admin, the demo seed, account deletion.
Only words are indexed, so only saves that change words matter; hiding,
holding, deleting, moving and removing are read live by every search (see
`models.SearchEntry`). Rows deleted outright take their entry with them
(`on_delete=CASCADE`). Bulk updates of words skip `save`: they call
`index.forget_replies` themselves.
"""

from typing import Any

from django.db.models.signals import post_save

from alongside.resources.models import Resource
from alongside.threads.models import Reply, Thread

from . import index

REPLY_WORDS = frozenset({"body", "body_html"})
THREAD_WORDS = frozenset({"title"})
RESOURCE_WORDS = frozenset({"title", "summary", "summary_html"})


def _changes(created: bool, update_fields: Any, words: frozenset[str]) -> bool:
    return created or update_fields is None or bool(words & set(update_fields))


def reply_saved(
    sender: type[Reply], instance: Reply, created: bool, **kwargs: Any
) -> None:
    if kwargs.get("raw"):
        return  # loaddata: `rebuild_search_index` indexes fixtures afterwards
    if _changes(created, kwargs.get("update_fields"), REPLY_WORDS):
        index.index_reply(instance, new=created)


def thread_saved(
    sender: type[Thread], instance: Thread, created: bool, **kwargs: Any
) -> None:
    # A new thread has no opening post yet: its entry is made with the post.
    if kwargs.get("raw") or created:
        return
    if _changes(created, kwargs.get("update_fields"), THREAD_WORDS):
        index.index_thread_title(instance)


def resource_saved(
    sender: type[Resource], instance: Resource, created: bool, **kwargs: Any
) -> None:
    if kwargs.get("raw"):
        return
    if _changes(created, kwargs.get("update_fields"), RESOURCE_WORDS):
        index.index_resource(instance, new=created)


def connect() -> None:
    post_save.connect(reply_saved, sender=Reply, dispatch_uid="search_reply")
    post_save.connect(thread_saved, sender=Thread, dispatch_uid="search_thread")
    post_save.connect(resource_saved, sender=Resource, dispatch_uid="search_resource")
