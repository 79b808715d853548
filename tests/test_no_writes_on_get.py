"""A GET never writes: every page of the access matrix, as every viewer.

Writing on every view is what makes busy forums fail with "database is locked" on
SQLite; counts, read markers and "last seen" belong in batches or the cache. Each
viewer signs in once (which writes its session) before anything is counted.
"""

import pytest
from django.db import connection

from tests.conftest import VIEWERS
from tests.test_access_matrix import cases, send

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "MERGE")


class WriteRecorder:
    def __init__(self):
        self.statements: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(WRITES):
            self.statements.append(sql)
        return execute(sql, params, many, context)


@pytest.mark.parametrize("viewer", VIEWERS)
def test_no_page_writes_to_the_database_on_get(world, viewer):
    client = world.client(viewer)  # signs in now, before anything is counted
    writes = []
    for case in cases(world, viewer):
        recorder = WriteRecorder()
        with connection.execute_wrapper(recorder):
            send(client, "GET", case.path, {})
        if recorder.statements:
            shown = "; ".join(sql[:120] for sql in recorder.statements)
            writes.append(f"{case.describe(viewer, 'GET')}: {shown}")
    assert not writes, "GET requests that wrote:\n" + "\n".join(writes)


def test_the_recorder_sees_a_write_so_a_silent_pass_means_something(world):
    client = world.client("member")
    recorder = WriteRecorder()
    reply = world.replies["listed"]
    with connection.execute_wrapper(recorder):
        send(client, "POST", f"/replies/{reply.pk}/react/", {"kind": "me_too"})
    assert any(sql.lstrip().upper().startswith("INSERT") for sql in recorder.statements)
