"""Run Redcover locally: embedded Redis when REDIS_URL is unset, migrations, seed, worker, gunicorn.

Started by ``scripts/run``. Every child dies with this process; Ctrl-C (or SIGTERM)
stops them in order: web, worker, then redis-server.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

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
        subprocess.run(flask + ["db", "upgrade"], check=True)
        subprocess.run(flask + ["seed"], check=True)
        for name, command in (
            ("worker", flask + ["worker"]),
            ("web", [str(BIN / "gunicorn"), "wsgi:app"]),
        ):
            # Their own sessions: Ctrl-C comes to us alone, and we stop them in order.
            children.append((name, subprocess.Popen(command, preexec_fn=_die_with_parent, start_new_session=True)))
        _wait_until_serving(settings.PORT, children)
        base = f"http://127.0.0.1:{settings.PORT}"
        print(
            "\nRedcover is running:\n"
            f"  API docs  {base}/api/docs\n"
            f"  Admin     {base}/admin/\n"
            f"  Sandbox   {settings.PUBLIC_BASE_URL}/sandbox/wechat/  (log in with code sandbox:<name>)\n"
            f"  Health    {base}/healthz\n"
            f"Database: {'SQLite in ' + settings.VAR_DIR if settings.EMBEDDED_DATABASE else 'DATABASE_URL'}. "
            "Press Ctrl-C to stop.\n",
            flush=True,
        )
        while not stopping["now"]:
            for name, process in children:
                if process.poll() is not None:
                    print(f"{name} exited with {process.returncode}; stopping", file=sys.stderr, flush=True)
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
        if redis_server is not None:
            redis_server.stop()
        print("stopped", flush=True)


def _wait_until_serving(port: int, children, timeout: float = 60) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for name, process in children:
            if process.poll() is not None:
                raise subprocess.CalledProcessError(process.returncode, name)
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise subprocess.CalledProcessError(1, "gunicorn did not answer /healthz in time")


if __name__ == "__main__":
    sys.exit(main())
