"""Run Redcover locally: embedded Redis when REDIS_URL is unset, migrations, seed, worker, gunicorn.

Started by ``scripts/run``. Every child dies with this process; Ctrl-C (or SIGTERM)
stops them in order: web, worker, then redis-server. The banner comes last, once the web
server answers, the worker has registered and their startup lines are over, so it is what
the terminal shows (development logs only warnings and errors after it; see LOG_LEVEL).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import redis
from rq import Worker

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.core.embedded_redis import EmbeddedRedis, _die_with_parent  # noqa: E402
from config import load_config  # noqa: E402

BIN = Path(sys.executable).parent


def main() -> int:
    os.chdir(ROOT)
    settings = load_config()
    children: list[tuple[str, subprocess.Popen]] = []
    redis_server = None
    stopping = {"now": False}
    relay = Relay()

    def stop(*_):
        stopping["now"] = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        if settings.EMBEDDED_REDIS:
            # Persistent: the sandbox's WeChat must remember what the database refers to.
            redis_server = EmbeddedRedis(settings.VAR_DIR, persistent=True).start()
            print(f"redis-server (embedded) on {redis_server.url}", flush=True)
        flask = [str(BIN / "flask"), "--app", "wsgi"]
        subprocess.run(flask + ["seed", "--migrate"], check=True)
        for name, command in (
            ("worker", flask + ["worker"]),
            ("web", [str(BIN / "gunicorn"), "wsgi:app"]),
        ):
            # Their own sessions: Ctrl-C comes to us alone, and we stop them in order. Their output
            # comes through us, so the banner can wait for their startup lines to end.
            process = subprocess.Popen(command, preexec_fn=_die_with_parent, start_new_session=True,
                                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            relay.follow(process.stdout)
            children.append((name, process))
        _wait_until_serving(settings.PORT, children)
        _wait_until_working(settings.REDIS_URL, children)
        relay.wait_until_quiet()
        relay.say(banner(settings))
        while not stopping["now"]:
            for name, process in children:
                if process.poll() is not None:
                    relay.say(f"{name} exited with {process.returncode}; stopping", stream=sys.stderr)
                    stopping["now"] = True
            time.sleep(0.3)
        return 0
    except subprocess.CalledProcessError as exc:
        print(f"setup failed: {exc}", file=sys.stderr)
        return 1
    finally:
        for name, process in reversed(children):
            if process.poll() is None:
                process.terminate()
        for name, process in reversed(children):
            try:
                process.wait(timeout=25)
            except subprocess.TimeoutExpired:
                process.kill()
        relay.finish()
        if redis_server is not None:
            redis_server.stop()
        print("stopped", flush=True)


def banner(settings) -> str:
    """What a person needs first: where everything is, and how quiet the logs will be."""
    base = f"http://127.0.0.1:{settings.PORT}"
    database = "SQLite in " + settings.VAR_DIR if settings.EMBEDDED_DATABASE else "DATABASE_URL"
    redis_kept = f"embedded, kept in {settings.VAR_DIR}" if settings.EMBEDDED_REDIS else "REDIS_URL"
    logs = ("warnings and errors only (LOG_LEVEL=INFO for a line per request and job)"
            if settings.LOG_LEVEL == "WARNING" else f"LOG_LEVEL={settings.LOG_LEVEL}")
    return (
        "\nRedcover is running:\n"
        f"  API docs  {base}/api/docs\n"
        f"  Admin     {base}/admin/\n"
        f"  Sandbox   {settings.PUBLIC_BASE_URL}/sandbox/wechat/  (its endpoints; log in with code sandbox:<name>)\n"
        f"  Health    {base}/healthz\n"
        f"Database: {database}. Redis: {redis_kept}. Logs: {logs}.\n"
        "Press Ctrl-C to stop.\n"
    )


class Relay:
    """Copies the children's output to ours a line at a time, and knows when it last had one."""

    def __init__(self):
        self._lock = threading.Lock()
        self._last_line_at = time.monotonic()
        self._threads: list[threading.Thread] = []

    def follow(self, stream) -> None:
        def copy():
            for line in iter(stream.readline, b""):
                with self._lock:
                    sys.stdout.buffer.write(line)
                    sys.stdout.flush()
                    self._last_line_at = time.monotonic()

        thread = threading.Thread(target=copy, daemon=True)
        thread.start()
        self._threads.append(thread)

    def say(self, text: str, stream=None) -> None:
        with self._lock:
            print(text, file=stream or sys.stdout, flush=True)

    def wait_until_quiet(self, quiet: float = 0.5, at_most: float = 5.0) -> None:
        """Until nothing has come for ``quiet`` seconds (the startup lines are over), ``at_most`` seconds."""
        deadline = time.monotonic() + at_most
        while time.monotonic() < deadline and time.monotonic() - self._last_line_at < quiet:
            time.sleep(0.05)

    def finish(self) -> None:
        """Once the children have exited: their last lines (how they stopped) before ours."""
        for thread in self._threads:
            thread.join(5)


def _wait_until_serving(port: int, children, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        _check_running(children)
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise subprocess.CalledProcessError(1, "gunicorn did not answer /healthz in time")


def _wait_until_working(redis_url: str, children, timeout: float = 60) -> None:
    """Until the job worker has registered with RQ, ready for jobs."""
    worker_pid = dict(children)["worker"].pid
    connection = redis.Redis.from_url(redis_url, socket_timeout=2)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            _check_running(children)
            if any(worker.pid == worker_pid for worker in Worker.all(connection=connection)):
                return
            time.sleep(0.2)
    finally:
        connection.close()
    raise subprocess.CalledProcessError(1, "the job worker did not start in time")


def _check_running(children) -> None:
    for name, process in children:
        if process.poll() is not None:
            raise subprocess.CalledProcessError(process.returncode, name)


if __name__ == "__main__":
    sys.exit(main())
