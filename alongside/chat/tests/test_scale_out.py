"""Two real server processes sharing PostgreSQL and Redis: events cross between them.

Needs the Redis channel layer, so it runs in the PostgreSQL + Redis pass of CI
(`.ci/run`); on the embedded defaults there is no layer that can cross processes.
"""

import asyncio
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

ROOT = Path(__file__).resolve().parents[3]
SCALED = bool(os.environ.get("REDIS_URL")) and os.environ.get(
    "DATABASE_URL", ""
).startswith("postgres")

pytestmark = [
    pytest.mark.skipif(not SCALED, reason="needs DATABASE_URL=postgres and REDIS_URL"),
    pytest.mark.django_db(transaction=True),
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _database_url() -> str:
    parts = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    return urllib.parse.urlunsplit(
        parts._replace(path="/" + connection.settings_dict["NAME"])
    )


@pytest.fixture
def two_servers(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": _database_url(),
        "DATABASE_POOL": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
        # Sessions made by the test process must be readable by the servers.
        "SECRET_KEY": settings.SECRET_KEY,
        # Production settings serve collected static files: collect them here, so
        # a clean clone (with no var/static yet) works too.
        "ALONGSIDE_VAR_DIR": str(tmp_path),
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    ports = [_free_port(), _free_port()]
    servers = [
        subprocess.Popen(
            [
                sys.executable, "-m", "uvicorn", "config.asgi:application",
                "--host", "127.0.0.1", "--port", str(port), "--lifespan", "off",
                "--no-access-log",
            ],
            cwd=ROOT,
            env=env,
        )
        for port in ports
    ]  # fmt: skip
    try:
        for port in ports:
            deadline = time.monotonic() + 30
            while True:
                try:
                    with urllib.request.urlopen(
                        f"http://127.0.0.1:{port}/healthz"
                    ) as r:
                        if r.status == 200:
                            break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
        yield ports
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=10)


def _session(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def _leave_through(port: int, session: str, slug: str) -> None:
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    base = f"http://127.0.0.1:{port}"
    request = urllib.request.Request(
        f"{base}/groups/{slug}/", headers={"Cookie": f"sessionid={session}"}
    )
    page = opener.open(request).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    csrf = next(c.value for c in jar if c.name == "csrftoken")
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token}).encode()
    request = urllib.request.Request(
        f"{base}/groups/{slug}/leave/",
        data=data,
        headers={
            "Cookie": f"sessionid={session}; csrftoken={csrf}",
            "Referer": f"{base}/groups/{slug}/",
            "Origin": base,
        },
    )
    assert opener.open(request).status == 200


def test_messages_and_removals_cross_between_two_server_processes(
    two_servers, member, other_member, group
):
    from websockets.asyncio.client import connect

    port_a, port_b = two_servers
    sender_session, listener_session = _session(member), _session(other_member)

    async def scenario() -> float:
        def socket_to(port: int, session: str):
            return connect(
                f"ws://127.0.0.1:{port}/ws/groups/{group.slug}/chat/",
                additional_headers={"Cookie": f"sessionid={session}"},
                origin=f"http://127.0.0.1:{port}",
            )

        async def next_of(ws, kind: str, timeout: float = 5.0) -> dict:
            while True:
                event = json.loads(await asyncio.wait_for(ws.recv(), timeout))
                if event["type"] == kind:
                    return event

        async with (
            socket_to(port_a, sender_session) as sender,
            socket_to(port_b, listener_session) as listener,
        ):
            client_id = str(uuid.uuid4())
            await sender.send(
                json.dumps({"type": "send", "client_id": client_id, "body": "across"})
            )
            assert (await next_of(sender, "ack"))["seq"] == 1
            event = await next_of(listener, "message")
            assert event["client_id"] == client_id
            # The listener leaves through server A; server B must close its socket.
            started = time.monotonic()
            await asyncio.to_thread(
                _leave_through, port_a, listener_session, group.slug
            )
            await next_of(listener, "closed")
            try:
                while True:
                    await asyncio.wait_for(listener.recv(), 5)
            except Exception as closed:  # any close ends the wait
                assert "4403" in str(closed) or listener.close_code == 4403
            return time.monotonic() - started

    seconds = asyncio.run(scenario())
    assert seconds < 5
