"""Room fan-out benchmark: one room, 10/50/200 listeners, on the production server.

For each room size it starts uvicorn (one worker, as `make run` serves; with
REDIS_URL set, two workers sharing the Redis channel layer), connects the listeners
over real WebSockets, then:
- sends 10 messages a second for a few seconds and reports send-to-ack latency and
  delivery latency to every listener (p50/p99), checking that every listener got
  every message exactly once and in order;
- sends a burst as fast as acks come back and reports how many deliveries per
  second the server fans out.

Usage: python -m alongside.chat.bench [--sizes 10,50,200] [--seconds 5]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
TARGET_P99_MS = 50.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _env(var_dir: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "ALONGSIDE_VAR_DIR": str(var_dir),
        "SECRET_KEY": "bench-" + "z" * 50,
        "ALONGSIDE_CHAT_RATE_COUNT": "1000000",
        "ALONGSIDE_CHAT_RATE_SECONDS": "1",
        "LOG_LEVEL": "WARNING",
        "DEBUG": "0",
    }
    env.pop("DATABASE_URL", None)
    return env


def _prepare(env: dict[str, str], people: int) -> list[str]:
    """Migrate a scratch database; make a group, members and their sessions."""
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    script = f"""
import django, json
django.setup()
from django.contrib.sessions.backends.db import SessionStore
from alongside.accounts.models import User
from alongside.groups.actions import create_group, set_role
group = create_group(name="Bench room", slug="bench-room")
cookies = []
for n in range({people}):
    user = User.objects.create_user(username=f"bench{{n}}", password=None)
    set_role(group=group, member=user, role="member")
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    cookies.append(session.session_key)
print(json.dumps(cookies))
"""
    out = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    keys: list[str] = json.loads(out.stdout.strip().splitlines()[-1])
    return keys


class Server:
    def __init__(self, env: dict[str, str], workers: int) -> None:
        self.port = _free_port()
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "uvicorn", "config.asgi:application",
                "--host", HOST, "--port", str(self.port), "--workers", str(workers),
                "--lifespan", "off", "--no-access-log", "--log-level", "warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://{HOST}:{self.port}/healthz") as r:
                    if r.status == 200:
                        return
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError("the server did not start") from None
                time.sleep(0.2)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


async def _room(port: int, cookie: str) -> Any:
    from websockets.asyncio.client import connect
    from websockets.typing import Origin

    return await connect(
        f"ws://{HOST}:{port}/ws/groups/bench-room/chat/",
        additional_headers={"Cookie": f"sessionid={cookie}"},
        origin=Origin(f"http://{HOST}:{port}"),
        max_size=2**22,
    )


async def _ready(ws: Any) -> Any:
    """The connection, once the server said it is ready (after the catch-up)."""
    while json.loads(await asyncio.wait_for(ws.recv(), 30))["type"] != "ready":
        pass
    return ws


async def _listen(
    ws: Any, seen: list[tuple[int, float, str]], stop: asyncio.Event
) -> None:
    while not stop.is_set():
        try:
            raw = await asyncio.wait_for(ws.recv(), 0.5)
        except TimeoutError:
            continue
        event = json.loads(raw)
        if event["type"] == "message":
            seen.append((event["seq"], time.perf_counter(), event["client_id"]))


def _server_ticks(server: Server) -> int:
    """utime + stime of the server and its workers, in clock ticks."""
    from alongside.bench import _children, cpu_ticks

    pids = [server.process.pid, *_children(server.process.pid)]
    return cpu_ticks(pids)


async def _size_run(
    port: int,
    cookies: list[str],
    listeners: int,
    seconds: float,
    ticks: Callable[[], int],
) -> dict[str, Any]:
    # Each joins as the room page does: connect, then wait for "ready" (history
    # caught up, presence counted) before the next one, so the steady load
    # below meets a settled room rather than two hundred joins still queued.
    sender = await _ready(await _room(port, cookies[0]))
    rooms = []
    for cookie in cookies[1 : listeners + 1]:
        rooms.append(await _ready(await _room(port, cookie)))
    await asyncio.sleep(1.5)  # let the coalesced presence announcement go out
    seen: list[list[tuple[int, float, str]]] = [[] for _ in rooms]
    stop = asyncio.Event()
    tasks = [
        asyncio.create_task(_listen(ws, seen[i], stop)) for i, ws in enumerate(rooms)
    ]
    acks: dict[str, float] = {}
    sent_at: dict[str, float] = {}
    ack_latency: list[float] = []
    pending: dict[str, asyncio.Future[None]] = {}

    async def read_acks() -> None:
        while not stop.is_set():
            try:
                raw = await asyncio.wait_for(sender.recv(), 0.5)
            except TimeoutError:
                continue
            event = json.loads(raw)
            if event["type"] == "ack":
                now = time.perf_counter()
                acks[event["client_id"]] = now
                ack_latency.append((now - sent_at[event["client_id"]]) * 1000)
                future = pending.pop(event["client_id"], None)
                if future is not None and not future.done():
                    future.set_result(None)

    ack_task = asyncio.create_task(read_acks())
    loop = asyncio.get_running_loop()

    async def send(body: str) -> str:
        client_id = str(uuid.uuid4())
        pending[client_id] = loop.create_future()
        sent_at[client_id] = time.perf_counter()
        await sender.send(
            json.dumps({"type": "send", "client_id": client_id, "body": body})
        )
        return client_id

    # Steady load: 10 messages a second.
    client_cpu_before = time.process_time()
    server_before = ticks()
    steady_ids = []
    count = int(seconds * 10)
    start = time.perf_counter()
    for n in range(count):
        target = start + n / 10
        await asyncio.sleep(max(0.0, target - time.perf_counter()))
        steady_ids.append(await send(f"steady {n}"))
    await asyncio.gather(*(pending[c] for c in list(pending)), return_exceptions=True)
    steady_wall = time.perf_counter() - start
    client_share = (time.process_time() - client_cpu_before) / steady_wall
    server_share = (ticks() - server_before) / os.sysconf("SC_CLK_TCK") / steady_wall
    await asyncio.sleep(2.0)
    steady = set(steady_ids)
    delivery = [
        (at - sent_at[cid]) * 1000
        for got in seen
        for _seq, at, cid in got
        if cid in steady
    ]
    lost = sum(count - sum(1 for _s, _a, c in got if c in steady) for got in seen)
    ordered = all(
        [s for s, _a, _c in got] == sorted({s for s, _a, _c in got}) for got in seen
    )
    steady_acks = list(ack_latency)

    # Burst: as fast as acks come back, with up to 20 messages in flight.
    burst = 200
    before = sum(len(got) for got in seen)
    burst_start = time.perf_counter()
    ticks_before = ticks()
    in_flight: list[asyncio.Future[None]] = []
    for n in range(burst):
        client_id = await send(f"burst {n}")
        in_flight.append(pending[client_id])
        if len(in_flight) >= 20:
            await in_flight.pop(0)
    expected = before + burst * len(rooms)
    deadline = time.perf_counter() + 60
    while sum(len(got) for got in seen) < expected and time.perf_counter() < deadline:
        await asyncio.sleep(0.01)
    burst_seconds = time.perf_counter() - burst_start
    server_seconds = (ticks() - ticks_before) / os.sysconf("SC_CLK_TCK")
    delivered = sum(len(got) for got in seen) - before

    stop.set()
    await asyncio.gather(*tasks, ack_task, return_exceptions=True)
    for ws in [sender, *rooms]:
        await ws.close()
    return {
        "listeners": len(rooms),
        "ack_p50": _percentile(steady_acks, 0.5),
        "ack_p99": _percentile(steady_acks, 0.99),
        "delivery_p50": _percentile(delivery, 0.5),
        "delivery_p99": _percentile(delivery, 0.99),
        "lost": lost + (burst * len(rooms) - delivered),
        "ordered": ordered,
        "fanout_per_s": delivered / burst_seconds if burst_seconds else float("nan"),
        "client_share": client_share,
        "server_share": server_share,
        "cpu_us": server_seconds * 1e6 / delivered if delivered else float("nan"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,50,200")
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    var_dir = Path(tempfile.mkdtemp(prefix="alongside-chat-bench-"))
    (var_dir / "static").mkdir()  # no pages are served, only the room's socket
    env = _env(var_dir)
    workers = 2 if env.get("REDIS_URL") else 1
    failed = False
    try:
        cookies = _prepare(env, max(sizes) + 1)
        layer = "Redis channel layer" if workers == 2 else "in-memory channel layer"
        print(f"\nRoom fan-out: uvicorn, {workers} worker(s), {layer}, SQLite")
        print(
            f"{'listeners':>9} {'ack p50':>8} {'ack p99':>8} {'deliv p50':>9} "
            f"{'deliv p99':>9} {'lost':>5} {'in order':>8} {'fan-out/s':>10} "
            f"{'server CPU/delivery':>20}"
        )
        for size in sizes:
            server = Server(env, workers)
            try:
                result = asyncio.run(
                    _size_run(
                        server.port,
                        cookies,
                        size,
                        args.seconds,
                        lambda server=server: _server_ticks(server),  # type: ignore[misc]
                    )
                )
            finally:
                server.stop()
            print(
                f"{result['listeners']:>9} {result['ack_p50']:>6.1f}ms "
                f"{result['ack_p99']:>6.1f}ms {result['delivery_p50']:>7.1f}ms "
                f"{result['delivery_p99']:>7.1f}ms {result['lost']:>5} "
                f"{'yes' if result['ordered'] else 'NO':>8} "
                f"{result['fanout_per_s']:>10.0f} {result['cpu_us']:>18.0f}us"
            )
            print(
                f"{'':>9} busy at 10 messages/s: server "
                f"{result['server_share']:.0%} of a core, load generator "
                f"{result['client_share']:.0%}"
            )
            if result["lost"] or not result["ordered"]:
                failed = True
        print(
            "fan-out/s: deliveries per second during a 200-message burst; the load "
            "generator runs on the same 2 cores."
        )
        print(
            f"Target: delivery p99 <= {TARGET_P99_MS:.0f} ms to 200 listeners at "
            "10 messages/second, nothing lost "
            "(Synapse here: ~16 s at 200, 270 ms at 10)."
        )
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
