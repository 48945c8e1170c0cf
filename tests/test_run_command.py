"""README command 1's runner on the embedded default: serves, logs in, and Ctrl-C leaves nothing behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.support import free_port

pytestmark = pytest.mark.once  # no second backend to prove anything on: CI runs it once

ROOT = Path(__file__).resolve().parent.parent


def _redis_servers_for(var_dir: Path) -> list[str]:
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if "redis-server" in cmdline and str(var_dir) in cmdline:
                found.append(cmdline)
    return found


def _start(var_dir: Path, port: int) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "REDCOVER_ENV")}
    env.update(REDCOVER_VAR_DIR=str(var_dir), PORT=str(port), WEB_CONCURRENCY="1", GUNICORN_THREADS="4")
    # A session of its own, like a terminal's foreground job: Ctrl-C goes to its whole group.
    return subprocess.Popen([sys.executable, "scripts/serve.py"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)


def _wait_for(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError("runner exited early:\n" + process.stdout.read())
        try:
            if requests.get(url, timeout=1).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise AssertionError("runner did not serve in time")


@pytest.mark.slow
def test_runner_serves_login_and_stops_everything_on_ctrl_c(tmp_path):
    for attempt in (1, 2):  # running it again works
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        runner = _start(tmp_path, port)
        try:
            _wait_for(base + "/healthz", runner)
            assert _redis_servers_for(tmp_path), "the embedded redis-server is not running"
            token = requests.post(base + "/api/v1/auth/login", json={"code": "sandbox:alice"}, timeout=10).json()["token"]
            me = requests.get(base + "/api/v1/me", headers={"Authorization": f"Bearer {token}"}, timeout=10)
            assert me.status_code == 200 and me.json()["openid"].startswith("o")
        finally:
            os.killpg(runner.pid, signal.SIGINT)  # Ctrl-C in the terminal
            output, _ = runner.communicate(timeout=60)
        assert runner.returncode == 0, output
        # Stopped in order: nothing was still talking to a redis-server that had gone.
        assert "Traceback" not in output, output
        assert "/api/docs" in output and "/admin/" in output and "/sandbox/wechat/" in output
        assert "exited with" not in output, output  # the worker and the web server stayed up
        assert _redis_servers_for(tmp_path) == [], f"attempt {attempt} left a redis-server behind"
        assert not (tmp_path / "redis.sock").exists()
