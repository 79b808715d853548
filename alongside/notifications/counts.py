"""The unread count behind each member's "Notifications (3)", kept in the cache.

Every page shows it, so pages read it from the cache, not the database: it is
counted at sign-in, and again by the first page (or open socket) after anything
changed it. A change (a notification made or grown, read, or a place the member
can no longer see) drops the cached count at once and again after commit, and
tells the member's open pages, whose sockets count it afresh and send it on
(consumers.py). So a fan-out to many members never counts for them all.
"""

import asyncio
from collections.abc import Iterable
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.cache import cache
from django.db import transaction

from alongside.core.live import member_group

from .queries import count_unread

# A bound on how long a count could be off if a page counted it just before a
# change committed and stored it just after.
CACHE_SECONDS = 15 * 60


def _key(member_id: int) -> str:
    return f"notifications.unread.{member_id}"


def unread_count(member_id: int) -> int:
    """The member's unread count: from the cache, or counted (one query) and kept."""
    cached = cache.get(_key(member_id))
    if isinstance(cached, int):
        return cached
    count = count_unread([member_id]).get(member_id, 0)
    cache.set(_key(member_id), count, CACHE_SECONDS)
    return count


def counts_changed(member_ids: Iterable[int]) -> None:
    """Call inside the write that changed what these members have unread: their
    cached counts go now and after commit, and their open pages are told then."""
    ids = sorted(set(member_ids))
    if not ids:
        return
    keys = [_key(member_id) for member_id in ids]
    cache.delete_many(keys)

    def after_commit() -> None:
        cache.delete_many(keys)
        tell_open_pages(ids)

    transaction.on_commit(after_commit)


_sending: set["asyncio.Task[None]"] = set()


def tell_open_pages(member_ids: list[int]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:  # the usual case: a write in a worker thread
        async_to_sync(_send_all)(layer, member_ids)
    else:
        # Called from a thread that runs an event loop (a script or test driving
        # the actions from async code): send without blocking it.
        sending = loop.create_task(_send_all(layer, member_ids))
        _sending.add(sending)  # kept until done, so it is not collected midway
        sending.add_done_callback(_sending.discard)


async def _send_all(layer: Any, member_ids: list[int]) -> None:
    event = {"type": "notifications.changed"}
    for member_id in member_ids:
        await layer.group_send(member_group(member_id), event)
