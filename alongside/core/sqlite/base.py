"""Django's SQLite backend, with connections kept open from one request to the next.

Opening an SQLite connection costs more than a thread page's queries together:
the schema is read and parsed and the WAL index mapped, over a millisecond each
time. Django's persistent connections (CONN_MAX_AGE) do not help under ASGI,
where every request runs in a thread of its own and connections belong to a
thread. So when Django closes a connection at the end of a request, this backend
keeps the sqlite3 handle in a small per-process pool, and the next request, in
whatever thread, carries on with it. A handle goes back to the pool only in
autocommit mode, with no transaction open and no error seen since the last
commit; otherwise it is closed as usual. In-memory databases are never pooled.

sqlite3 handles may move between threads: Django opens them with
check_same_thread=False, and each is used by one request at a time.
"""

import os
import sqlite3
import threading
from typing import Any

from django.db.backends.sqlite3 import base

# Idle handles kept per database and process; extra ones are closed.
MAX_IDLE = 8

_lock = threading.Lock()
_idle: dict[str, list[sqlite3.Connection]] = {}
_owner = os.getpid()
# Handles inherited through fork() are never used or closed by the child.
_inherited: list[sqlite3.Connection] = []


def _forget_inherited() -> None:
    global _owner
    if os.getpid() != _owner:
        for handles in _idle.values():
            _inherited.extend(handles)
        _idle.clear()
        _owner = os.getpid()


def take(key: str) -> sqlite3.Connection | None:
    """An idle handle for the database `key` names, if there is one."""
    with _lock:
        _forget_inherited()
        handles = _idle.get(key)
        return handles.pop() if handles else None


def give(key: str, handle: sqlite3.Connection) -> bool:
    """Keep an idle handle for the next request; False when enough are kept."""
    with _lock:
        _forget_inherited()
        handles = _idle.setdefault(key, [])
        if len(handles) >= MAX_IDLE:
            return False
        handles.append(handle)
        return True


def close_idle() -> None:
    """Close every idle handle of this process."""
    with _lock:
        _forget_inherited()
        handles = [handle for kept in _idle.values() for handle in kept]
        _idle.clear()
    for handle in handles:
        handle.close()


class DatabaseWrapper(base.DatabaseWrapper):
    # Which pool this connection's handle belongs to; empty: not pooled.
    pool_key = ""

    def get_new_connection(self, conn_params: dict[str, Any]) -> sqlite3.Connection:
        if self.is_in_memory_db():
            return super().get_new_connection(conn_params)  # type: ignore[no-any-return]
        # Handles share a pool only when opened the same way (file, options and
        # start-up statements).
        self.pool_key = repr(
            (
                sorted(conn_params.items()),
                getattr(self, "init_commands", None),
                getattr(self, "transaction_mode", None),
            )
        )
        handle = take(self.pool_key)
        if handle is not None:
            return handle
        return super().get_new_connection(conn_params)  # type: ignore[no-any-return]

    def _close(self) -> None:
        handle = self.connection
        if (
            handle is not None
            and self.pool_key
            and self.autocommit
            and not self.in_atomic_block
            and not self.errors_occurred
            and not handle.in_transaction
            and give(self.pool_key, handle)
        ):
            return
        super()._close()  # type: ignore[misc]
