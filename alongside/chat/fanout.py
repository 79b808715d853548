"""One subscription per server process per room.

The channel layer carries each room event once to every process that has people
in the room; the process then hands it to its own connections. Without this, the
layer would queue and dispatch one copy per connection, which is most of the cost
of a busy room.
"""

import asyncio
import logging
import weakref
from dataclasses import dataclass, field
from typing import Any, Protocol

logger = logging.getLogger("alongside.chat")


class Listener(Protocol):
    async def relay(self, event: dict[str, Any]) -> None: ...


@dataclass(eq=False)
class _LocalRoom:
    listeners: set[Listener] = field(default_factory=set)
    channel: str = ""
    task: "asyncio.Task[None] | None" = None
    subscribed: asyncio.Event = field(default_factory=asyncio.Event)


# Per event loop, so that separate loops (tests, several servers) never share state.
_rooms: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, _LocalRoom]]"
_rooms = weakref.WeakKeyDictionary()


def _rooms_here() -> dict[str, _LocalRoom]:
    loop = asyncio.get_running_loop()
    rooms = _rooms.get(loop)
    if rooms is None:
        rooms = _rooms[loop] = {}
    return rooms


async def join(layer: Any, group: str, listener: Listener) -> None:
    """Start relaying `group`'s events to `listener`; returns once subscribed."""
    rooms = _rooms_here()
    room = rooms.get(group)
    if room is None:
        room = rooms[group] = _LocalRoom()
        # The layer's default prefix: a Redis layer reads every process-local
        # channel through one list named by that prefix.
        room.channel = await layer.new_channel()
        await layer.group_add(group, room.channel)
        room.task = asyncio.get_running_loop().create_task(_relay(layer, room))
        room.subscribed.set()
    room.listeners.add(listener)
    await room.subscribed.wait()


async def leave(layer: Any, group: str, listener: Listener) -> None:
    """Stop relaying to `listener`; the last one out unsubscribes the process."""
    rooms = _rooms_here()
    room = rooms.get(group)
    if room is None:
        return
    room.listeners.discard(listener)
    if room.listeners:
        return
    del rooms[group]
    if room.task is not None:
        room.task.cancel()
    await layer.group_discard(group, room.channel)


async def _relay(layer: Any, room: _LocalRoom) -> None:
    while True:
        event = await layer.receive(room.channel)
        for listener in list(room.listeners):
            try:
                await listener.relay(event)
            except Exception:  # one broken connection must not stop the room
                logger.exception("Could not relay a room event")
