"""`make bench`: how fast Alongside serves its pages, measured on this machine.

It builds a scratch SQLite database (the demo community plus a thread with 20
replies), starts the production server exactly as deployed (uvicorn, 2 workers,
DEBUG off), loads each page over keep-alive connections and reports requests per
second, latency, the server's CPU time per request (from /proc) and the SQL
statements per request (from X-Query-Count). `/healthz`, which touches no database,
is the ceiling every page is compared with. Then it runs the safety-check benchmark
and the room fan-out benchmark (alongside/chat/bench.py).

Usage: python -m alongside.bench [--duration S] [--warmup S] [--connections N]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import http.client
import inspect
import io
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
WORKERS = 2
TARGET_CPU_MS = 10.0
TARGET_QUERIES = 10
SPIRIT = "Spirit on this kind of machine: ~38 ms, 21 queries signed in; ~23 ms anon"
USER_AGENT = "alongside-bench/1"


class BenchError(Exception):
    """A measurement could not be made or gave a wrong answer."""


# --- The server ------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


def bench_env(var_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("DATABASE_URL", "REDIS_URL", "ALONGSIDE_HTTPS", "STATIC_ROOT"):
        env.pop(name, None)
    env.update(
        ALONGSIDE_VAR_DIR=str(var_dir),
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="0",
        ALONGSIDE_COUNT_QUERIES="1",
        # The seeded cast posts the bench thread in one go.
        ALONGSIDE_NEW_ACCOUNT_DAYS="0",
        LOG_LEVEL="WARNING",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def prepare(env: dict[str, str]) -> dict[str, Any]:
    """Migrate, collect static files and seed; return what to request."""
    done = subprocess.run(
        [sys.executable, "-m", "alongside.benchdata"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    if done.returncode != 0:
        raise BenchError(f"setting up the database failed:\n{done.stderr[-3000:]}")
    info: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return info


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def worker_pids(master: int) -> list[int]:
    """uvicorn's workers: the master's children, minus multiprocessing's tracker."""
    pids = []
    for pid in _children(master):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"resource_tracker" not in cmdline:
            pids.append(pid)
    return sorted(pids)


def cpu_ticks(pids: list[int]) -> int:
    """utime + stime of the processes, in clock ticks."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError as error:
            raise BenchError(f"server worker {pid} is gone") from error
        total += int(fields[11]) + int(fields[12])  # fields 14 and 15 of stat
    return total


def machine_ticks() -> tuple[int, int]:
    """(busy, total) clock ticks of all CPUs since boot, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    total = sum(values[:8])  # guest time is already in user and nice
    return total - idle, total


@dataclass
class Server:
    port: int
    process: subprocess.Popen[bytes]
    log: Path
    workers: list[int] = field(default_factory=list)

    def log_tail(self) -> str:
        try:
            return self.log.read_text(errors="replace")[-3000:]
        except OSError:
            return ""


@contextlib.contextmanager
def running_server(env: dict[str, str], var_dir: Path) -> Iterator[Server]:
    port = free_port()
    log = var_dir / "uvicorn.log"
    command = [
        sys.executable, "-m", "uvicorn", "config.asgi:application",
        "--host", HOST, "--port", str(port), "--workers", str(WORKERS),
        "--lifespan", "off", "--no-access-log",
    ]  # fmt: skip
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(port, process, log)
    try:
        wait_until_up(server)
        yield server
    finally:
        stop(server)


def wait_until_up(server: Server, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise BenchError(f"the server exited early:\n{server.log_tail()}")
        server.workers = worker_pids(server.process.pid)
        if len(server.workers) == WORKERS:
            try:
                status, _headers, _body = fetch(server.port, "/healthz")
            except OSError:
                status = 0
            if status == 200:
                return
        time.sleep(0.2)
    raise BenchError(f"the server did not answer /healthz:\n{server.log_tail()}")


def stop(server: Server) -> None:
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGINT)
        try:
            server.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.process.pid, signal.SIGKILL)
            server.process.wait(timeout=5)


# --- One-off requests: sign-in and checks -----------------------------------------


def fetch(
    port: int,
    path: str,
    *,
    method: str = "GET",
    headers: dict[str, str] | None = None,
    body: str | None = None,
) -> tuple[int, http.client.HTTPMessage, str]:
    conn = http.client.HTTPConnection(HOST, port, timeout=10)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.headers, response.read().decode()
    finally:
        conn.close()


def _cookies(headers: http.client.HTTPMessage) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    for line in headers.get_all("Set-Cookie") or []:
        jar.load(line)
    return {name: morsel.value for name, morsel in jar.items()}


def sign_in(port: int, username: str, password: str) -> str:
    """Sign in through the real form; return the Cookie header a browser would send."""
    status, headers, page = fetch(port, "/accounts/login/")
    if status != 200:
        raise BenchError(f"GET /accounts/login/ answered {status}")
    cookies = _cookies(headers)
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if "csrftoken" not in cookies or match is None:
        raise BenchError("the sign-in form has no CSRF token")
    form = {
        "csrfmiddlewaretoken": match.group(1),
        "login": username,
        "password": password,
    }
    status, headers, _page = fetch(
        port,
        "/accounts/login/",
        method="POST",
        body=urlencode(form),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookies['csrftoken']}",
        },
    )
    cookies.update(_cookies(headers))
    if status != 302 or "sessionid" not in cookies:
        raise BenchError(f"signing in failed: POST /accounts/login/ answered {status}")
    return "; ".join(f"{name}={value}" for name, value in sorted(cookies.items()))


# --- The load generator -----------------------------------------------------------


@dataclass
class Load:
    statuses: dict[int, int] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    bad: list[str] = field(default_factory=list)
    elapsed: float = 0.0


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, dict[str, str]]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if line:
            name, _sep, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    else:
        await reader.read()
        headers["connection"] = "close"
    return status, headers


async def _client(
    port: int, request: bytes, expected: int, deadline: float, load: Load
) -> None:
    reader, writer = await asyncio.open_connection(HOST, port)
    try:
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            writer.write(request)
            status, headers = await asyncio.wait_for(_read_response(reader), 30)
            load.latencies.append(time.perf_counter() - started)
            load.statuses[status] = load.statuses.get(status, 0) + 1
            if status != expected and len(load.bad) < 5:
                load.bad.append(f"{status} {headers.get('location', '')}".strip())
            if "x-query-count" in headers:
                load.queries.append(int(headers["x-query-count"]))
            if headers.get("connection", "").lower() == "close":
                writer.close()
                reader, writer = await asyncio.open_connection(HOST, port)
    finally:
        writer.close()


async def _load(
    port: int, request: bytes, expected: int, seconds: float, connections: int
) -> Load:
    load = Load()
    started = time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(
        *(_client(port, request, expected, deadline, load) for _ in range(connections))
    )
    load.elapsed = time.perf_counter() - started
    return load


# --- Measuring a page ------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    label: str
    path: str
    cookie: str = ""
    expected: int = 200
    must_contain: str = ""


@dataclass(frozen=True)
class Result:
    page: Page
    requests: int
    rps: float
    p50_ms: float
    p99_ms: float
    cpu_ms: float
    queries: float
    queries_vary: bool
    generator_ms: float
    others_pct: float


def raw_request(port: int, page: Page) -> bytes:
    lines = [
        f"GET {page.path} HTTP/1.1",
        f"Host: {HOST}:{port}",
        f"User-Agent: {USER_AGENT}",
        "Accept: text/html",
        "Accept-Language: en",
    ]
    if page.cookie:
        lines.append(f"Cookie: {page.cookie}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def check_page(server: Server, page: Page) -> None:
    """One request first: the right status, and the content we mean to measure."""
    headers = {"User-Agent": USER_AGENT, "Cookie": page.cookie} if page.cookie else {}
    status, _headers, body = fetch(server.port, page.path, headers=headers)
    if status != page.expected:
        raise BenchError(f"{page.path} answered {status}, expected {page.expected}")
    if page.must_contain and page.must_contain not in body:
        raise BenchError(f"{page.path} does not show {page.must_contain!r}")


def measure(server: Server, page: Page, args: argparse.Namespace) -> Result:
    check_page(server, page)
    request = raw_request(server.port, page)
    warm = asyncio.run(
        _load(server.port, request, page.expected, args.warmup, args.connections)
    )
    if warm.bad:
        raise BenchError(f"{page.path} during warm-up: {warm.bad}")
    ticks = os.sysconf("SC_CLK_TCK")
    machine_before = machine_ticks()
    cpu_before = cpu_ticks(server.workers)
    own_before = time.process_time()
    load = asyncio.run(
        _load(server.port, request, page.expected, args.duration, args.connections)
    )
    own_after = time.process_time()
    cpu_after = cpu_ticks(server.workers)
    machine_after = machine_ticks()
    others = (
        machine_after[0]
        - machine_before[0]
        - (cpu_after - cpu_before)
        - (own_after - own_before) * ticks
    )
    elapsed_ticks = max(machine_after[1] - machine_before[1], 1)
    requests = len(load.latencies)
    if load.bad or requests == 0:
        raise BenchError(
            f"{page.path}: {sum(load.statuses.values())} responses, statuses "
            f"{load.statuses}, expected only {page.expected}; e.g. {load.bad}"
        )
    if len(load.queries) != requests:
        raise BenchError(f"{page.path}: X-Query-Count missing from some responses")
    return Result(
        page=page,
        requests=requests,
        rps=requests / load.elapsed,
        p50_ms=percentile(load.latencies, 0.50) * 1000,
        p99_ms=percentile(load.latencies, 0.99) * 1000,
        cpu_ms=(cpu_after - cpu_before) / ticks * 1000 / requests,
        queries=sum(load.queries) / requests,
        queries_vary=min(load.queries) != max(load.queries),
        generator_ms=(own_after - own_before) * 1000 / requests,
        others_pct=max(others, 0) * 100 / elapsed_ticks,
    )


# --- Output -----------------------------------------------------------------------

HEADER = (
    f"{'page':<34}{'status':>6}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}"
    f"{'CPU ms':>8}{'SQL':>6}{'rps/ceil':>10}{'CPU/ceil':>10}"
)


def row(result: Result, ceiling: Result) -> str:
    queries = f"{result.queries:.1f}" if result.queries_vary else f"{result.queries:g}"
    return (
        f"{result.page.label:<34}{result.page.expected:>6}{result.rps:>8.0f}"
        f"{result.p50_ms:>8.1f}{result.p99_ms:>8.1f}{result.cpu_ms:>8.2f}"
        f"{queries:>6}{result.rps / ceiling.rps:>10.2f}"
        f"{result.cpu_ms / ceiling.cpu_ms:>9.1f}x"
    )


def busy_note(results: list[Result]) -> str:
    busiest = max(r.others_pct for r in results)
    note = (
        f"Other processes used up to {busiest:.0f}% of the machine's CPU during "
        "the runs"
    )
    if busiest < 10:
        return note + "."
    return note + ": req/s and latency suffer, and CPU ms per request rises too."


def verdict(value: float, target: float) -> str:
    return "ok" if value <= target else "OVER TARGET"


def targets(signed_in: Result, anonymous: list[Result]) -> list[str]:
    anon = ", ".join(f"{r.page.path} {r.cpu_ms:.1f} ms" for r in anonymous)
    return [
        "Targets for the signed-in thread page (20 replies):",
        f"  server CPU  {signed_in.cpu_ms:6.2f} ms/request  target <= "
        f"{TARGET_CPU_MS:g} ms   {verdict(signed_in.cpu_ms, TARGET_CPU_MS)}",
        f"  SQL         {signed_in.queries:6.1f} /request     target <= "
        f"{TARGET_QUERIES}        {verdict(signed_in.queries, TARGET_QUERIES)}",
        f"  anonymous pages: {anon}",
        f"  for comparison, {SPIRIT}",
    ]


# --- The safety checks --------------------------------------------------------------


def safety_bench(var_dir: Path) -> bool:
    """Run alongside.safety.bench if it is there; return False if it failed."""
    print("\nSafety checks (alongside.safety.bench, 2,000-character text)")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["ALONGSIDE_VAR_DIR"] = str(var_dir)
    try:
        import django

        django.setup()
        from alongside.safety import bench as safety
    except Exception as error:  # the module may be missing or broken: say so
        print(f"  not measured: alongside.safety.bench is unavailable ({error!r})")
        return True
    entry: Callable[..., Any] | None = getattr(safety, "main", None) or getattr(
        safety, "run", None
    )
    if entry is None:
        print("  not measured: alongside.safety.bench has no main() or run()")
        return True
    printed = io.StringIO()
    try:
        # main(argv) gets an empty argv: this process's own options are not its.
        takes_argv = entry.__name__ == "main" and inspect.signature(entry).parameters
        with contextlib.redirect_stdout(printed):
            outcome = entry([]) if takes_argv else entry()
    except SystemExit as exit_:
        outcome = exit_.code
    except Exception as error:
        outcome = f"{error!r}"
    for line in printed.getvalue().splitlines():
        print(f"  {line}")
    if isinstance(outcome, str):
        print(f"  FAILED: {outcome}")
        return False
    if isinstance(outcome, dict):
        for key, value in outcome.items():
            shown = f"{value:.2f}" if isinstance(value, float) else value
            print(f"  {key}: {shown}")
    if isinstance(outcome, int) and outcome != 0:
        print(f"  FAILED: exit status {outcome}")
        return False
    return True


# --- Main -------------------------------------------------------------------------


def pages(info: dict[str, Any], cookie: str) -> tuple[Page, list[Page], Page]:
    thread = f"/threads/{info['thread_id']}/"
    group = f"/groups/{info['group_slug']}/"
    anonymous = [
        Page("help page, anonymous", "/help/", must_contain="help"),
        Page("group about page, anonymous", group, must_contain="About this group"),
    ]
    signed_in = Page(
        f"thread ({info['replies']} replies), signed in",
        thread,
        cookie=cookie,
        must_contain=info["thread_title"].replace("'", "&#x27;"),
    )
    return Page("/healthz (ceiling)", "/healthz"), anonymous, signed_in


def anonymous_thread(server: Server, info: dict[str, Any]) -> str:
    """The thread page to a visitor who is not signed in: never the content."""
    path = f"/threads/{info['thread_id']}/"
    status, headers, body = fetch(server.port, path)
    if status == 200 or info["thread_title"].replace("'", "&#x27;") in body:
        raise BenchError(f"{path} shows a private thread to an anonymous visitor")
    where = headers.get("Location", "")
    outcome = f"{status} -> {where}" if where else str(status)
    return f"{'thread page, anonymous':<34}{outcome}  (not shown: members only)"


def run_pages(args: argparse.Namespace, var_dir: Path) -> None:
    env = bench_env(var_dir)
    started = time.monotonic()
    info = prepare(env)
    setup_s = time.monotonic() - started
    with running_server(env, var_dir) as server:
        cookie = sign_in(server.port, info["username"], info["password"])
        ceiling_page, anonymous_pages, signed_in_page = pages(info, cookie)
        print(
            f"Alongside page benchmark: uvicorn --workers {WORKERS}, SQLite (WAL), "
            f"DEBUG off; {os.cpu_count()} CPUs, Python {platform.python_version()}"
        )
        print(
            f"{info['thread_count']} threads seeded in {setup_s:.1f} s; each page: "
            f"{args.warmup:g} s warm-up, then {args.duration:g} s on "
            f"{args.connections} keep-alive connections"
        )
        print(f"CPU = utime+stime of the {WORKERS} workers per request (/proc)\n")
        print(HEADER)
        ceiling = measure(server, ceiling_page, args)
        print(row(ceiling, ceiling), flush=True)
        anonymous = []
        for page in anonymous_pages:
            anonymous.append(measure(server, page, args))
            print(row(anonymous[-1], ceiling), flush=True)
        signed_in = measure(server, signed_in_page, args)
        print(row(signed_in, ceiling))
        print(anonymous_thread(server, info))
        results = [ceiling, *anonymous, signed_in]
        generator = max(r.generator_ms for r in results)
        print(
            f"\nThe load generator shares the CPUs: up to {generator:.2f} ms of its "
            "own CPU per request, which caps the ceiling's req/s."
        )
        print(busy_note(results))
        print("\n".join(["", *targets(signed_in, anonymous)]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=10.0, help="seconds a page")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds before")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--no-safety", action="store_true", help="no safety checks")
    parser.add_argument("--no-chat", action="store_true", help="no room fan-out")
    args = parser.parse_args(argv)
    var_dir = Path(tempfile.mkdtemp(prefix="alongside-bench-"))
    ok = True
    try:
        try:
            run_pages(args, var_dir)
        except (BenchError, OSError, asyncio.IncompleteReadError) as error:
            print(f"\nBENCHMARK FAILED: {error}", file=sys.stderr)
            ok = False
        if not args.no_safety:
            ok = safety_bench(var_dir) and ok
        if not args.no_chat:
            from alongside.chat.bench import main as chat_bench

            ok = chat_bench([]) == 0 and ok
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
