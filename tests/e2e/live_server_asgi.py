"""A real ASGI server for browser tests that need WebSockets.

pytest-django's `live_server` speaks WSGI only, so the live room cannot run on it.
`AsgiServer` serves `config.asgi:application` with uvicorn in a subprocess, the way
`make run` does, with production settings (`config.settings`), a scratch
ALONGSIDE_VAR_DIR (its own SQLite file and collected static files) and a fixed
SECRET_KEY. Its database is not the test database: set up the cast with
`AsgiServer.django(code)`, which runs Python in the server's environment.

`FlakyProxy` sits between one browser and the server, so a test can cut that browser's
connections (as a dropped network would) and bring them back, without touching anyone
else's. Chromium's offline emulation is no use here: it holds an open WebSocket's frames
back instead of closing it.
"""

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType
from typing import Self

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 30.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class AsgiServer:
    """uvicorn serving Alongside on 127.0.0.1, with a database of its own."""

    def __init__(self, extra_env: dict[str, str] | None = None) -> None:
        self._scratch = tempfile.TemporaryDirectory(prefix="alongside-asgi-")
        self.var_dir = Path(self._scratch.name)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = self.var_dir / "server.log"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "ALONGSIDE_VAR_DIR": str(self.var_dir),
            "SECRET_KEY": "asgi-e2e-only-" + "k" * 50,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DEBUG": "",
            "ALONGSIDE_HTTPS": "",
            "DATABASE_URL": "",
            "REDIS_URL": "",
            "LOG_LEVEL": "WARNING",
            "PYTHONDONTWRITEBYTECODE": "1",
            # Pages send no time beats unless a test asks (see conftest.py).
            "ALONGSIDE_ACTIVITY_SLOT": "0",
            **(extra_env or {}),
        }
        # The test process may allow the ORM in async code; the server must not.
        self.env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        self.process: subprocess.Popen[bytes] | None = None

    def _run(self, *args: str) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [sys.executable, *args],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )

    @staticmethod
    def _wait(process: subprocess.Popen[bytes], what: str) -> None:
        output, _ = process.communicate(timeout=120)
        if process.returncode != 0:
            raise RuntimeError(f"{what} failed:\n{output.decode(errors='replace')}")

    def prepare(self, setup_code: str = "") -> None:
        """Migrate, collect static files (in parallel) and run `setup_code`."""
        static = self._run("manage.py", "collectstatic", "--noinput", "-v0")
        migrate_and_setup = (
            "from django.core.management import call_command\n"
            "call_command('migrate', interactive=False, verbosity=0)\n" + setup_code
        )
        self._wait(self._run("manage.py", "shell", "-c", migrate_and_setup), "setup")
        self._wait(static, "collectstatic")

    def django(self, code: str) -> str:
        """Run Python in the server's environment (its database); return stdout."""
        process = self._run("manage.py", "shell", "-c", code)
        output, _ = process.communicate(timeout=60)
        if process.returncode != 0:
            raise RuntimeError(f"manage.py shell failed:\n{output.decode()}")
        return output.decode()

    def start(self) -> None:
        assert self.process is None, "already running"
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [
                *(sys.executable, "-m", "uvicorn", "config.asgi:application"),
                *("--host", "127.0.0.1", "--port", str(self.port)),
                *("--workers", "1", "--lifespan", "off", "--no-access-log"),
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"uvicorn exited early:\n{self.log()}")
            try:
                with urllib.request.urlopen(self.url + "/", timeout=2):
                    return
            except (OSError, urllib.error.URLError):
                time.sleep(0.1)
        raise RuntimeError(f"uvicorn did not answer within {START_TIMEOUT_S} s")

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None

    def log(self) -> str:
        if not self.log_path.exists():
            return ""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def close(self) -> None:
        self.stop()
        self._scratch.cleanup()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class FlakyProxy:
    """A TCP proxy to 127.0.0.1:`target_port` whose connections can be cut and restored.

    While it is down, every connection it holds is closed and new ones are closed as
    soon as they arrive, so the browser sees the server vanish.
    """

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)  # so that close() ends the accept loop
        self.port = int(self._listener.getsockname()[1])
        self.url = f"http://127.0.0.1:{self.port}"
        self._up = threading.Event()
        self._up.set()
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._closed = False
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _address = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(None)
            if not self._up.is_set():
                client.close()
                continue
            try:
                upstream = socket.create_connection(
                    ("127.0.0.1", self.target_port), timeout=5
                )
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self._lock:
                self._open.update((client, upstream))
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(
                    target=self._pump, args=(source, sink), daemon=True
                ).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while chunk := source.recv(65536):
                sink.sendall(chunk)
        except OSError:
            pass
        finally:
            self._cut(source, sink)

    def _cut(self, *sockets: socket.socket) -> None:
        for sock in sockets:
            with self._lock:
                self._open.discard(sock)
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def drop(self) -> None:
        """Cut every connection, and refuse new ones until `restore()`."""
        self._up.clear()
        with self._lock:
            held = list(self._open)
        self._cut(*held)

    def restore(self) -> None:
        self._up.set()

    def close(self) -> None:
        self._closed = True
        self.drop()
        self._listener.close()
