"""The SQLite backend that hands a request's connection on to the next request."""

import sqlite3
import threading

import pytest
from django.db.utils import ConnectionHandler

from alongside.core.sqlite import base as pool

pytestmark = pytest.mark.django_db


@pytest.fixture
def databases(tmp_path):
    # The file starts in WAL mode, as `migrate` leaves it before a server starts:
    # two first connections switching a new file to WAL at once can find it locked.
    path = tmp_path / "pooled.sqlite3"
    setup = sqlite3.connect(path)
    setup.execute("PRAGMA journal_mode=WAL")
    setup.close()
    handler = ConnectionHandler(
        {
            "default": {
                "ENGINE": "alongside.core.sqlite",
                "NAME": str(path),
                "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL"},
            },
            "memory": {"ENGINE": "alongside.core.sqlite", "NAME": ":memory:"},
        }
    )
    yield handler
    handler.close_all()
    pool.close_idle()


def in_another_thread(databases, work):
    """Run `work(connection)` as a request would: its own thread and connection."""
    results = []

    def request():
        connection = databases["default"]
        try:
            results.append(work(connection))
        finally:
            connection.close()

    thread = threading.Thread(target=request)
    thread.start()
    thread.join()
    return results[0]


def handle_of(connection):
    connection.ensure_connection()
    return connection.connection


def test_the_next_request_carries_on_with_a_closed_connection(databases):
    first = databases["default"]
    with first.cursor() as cursor:
        cursor.execute("CREATE TABLE note (words text)")
        cursor.execute("INSERT INTO note VALUES ('kept')")
    handle = first.connection
    first.close()
    assert first.connection is None

    def read(connection):
        with connection.cursor() as cursor:
            cursor.execute("SELECT words FROM note")
            return connection.connection, cursor.fetchone()[0]

    assert in_another_thread(databases, read) == (handle, "kept")
    # Django's start-up statements still hold on the handle it carries on with.
    with databases["default"].cursor() as cursor:
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1


def test_a_connection_closed_in_a_transaction_is_closed_for_good(databases):
    connection = databases["default"]
    handle = handle_of(connection)
    handle.execute("BEGIN")
    connection.close()
    with pytest.raises(sqlite3.ProgrammingError):
        handle.execute("SELECT 1")
    assert in_another_thread(databases, handle_of) is not handle


def test_a_connection_that_saw_an_error_is_closed_for_good(databases):
    connection = databases["default"]
    handle = handle_of(connection)
    connection.errors_occurred = True
    connection.close()
    with pytest.raises(sqlite3.ProgrammingError):
        handle.execute("SELECT 1")


def test_only_so_many_idle_connections_are_kept(databases, monkeypatch):
    monkeypatch.setattr(pool, "MAX_IDLE", 1)
    # With a timeout, a request that fails before the barrier breaks it for the
    # other one instead of leaving the suite waiting forever.
    barrier = threading.Barrier(2, timeout=10)
    handles = []

    def request():
        connection = databases["default"]
        handles.append(handle_of(connection))
        barrier.wait()  # both requests hold a connection at once
        connection.close()

    threads = [threading.Thread(target=request) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=15)
    assert not any(thread.is_alive() for thread in threads)
    assert len(handles) == 2
    open_handles = []
    for handle in handles:
        try:
            handle.execute("SELECT 1")
        except sqlite3.ProgrammingError:
            continue
        open_handles.append(handle)
    assert len(open_handles) == 1


def test_in_memory_databases_are_never_pooled(databases):
    connection = databases["memory"]
    connection.ensure_connection()
    assert connection.pool_key == ""
    assert pool.take(connection.pool_key) is None
