"""``flask worker`` killed with SIGKILL (the OOM killer, a container stopped hard): nothing of it
stays behind, and a worker started after it runs delayed jobs on time."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from rq.job import Job

from app.core import jobs
from app.extensions import redis_store

pytestmark = pytest.mark.once  # no second backend to prove anything on: CI runs it once

ROOT = Path(__file__).resolve().parents[2]

#: How late a delayed job may run after its worker was killed and another started.
ON_TIME_SECONDS = 30


class Worker:
    """``flask --app wsgi worker`` in a process group of its own, on the test's backends."""

    def __init__(self, app, backend_env):
        env = dict(os.environ, **backend_env, PUBLIC_BASE_URL=app.config["PUBLIC_BASE_URL"], LOG_LEVEL="WARNING")
        self.log = tempfile.NamedTemporaryFile(prefix="worker-", suffix=".log")
        self.process = subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "worker"], cwd=ROOT,
                                        env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)

    @property
    def pid(self) -> int:
        return self.process.pid

    def log_tail(self) -> str:
        return Path(self.log.name).read_text(errors="replace")[-3000:]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def _children_of(pid: int) -> set[int]:
    found = set()
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.add(int(proc.name))
            except (OSError, ValueError, IndexError):
                continue
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _scheduler_pid(app, worker: Worker, timeout: float = 30) -> int:
    """Once the worker's scheduler holds the delayed jobs' lock: the pid of the process running it."""
    deadline = time.monotonic() + timeout
    with app.app_context():
        while time.monotonic() < deadline:
            assert worker.process.poll() is None, worker.log_tail()
            holder = redis_store.single.get("rq:scheduler-lock:default")
            if holder:
                pid = redis_store.hget(b"rq:scheduler:" + holder, "pid")
                if pid and int(pid):
                    return int(pid)
            time.sleep(0.1)
    raise AssertionError("the worker's scheduler never took its lock:\n" + worker.log_tail())


def _lateness_of_a_delayed_job(app, worker: Worker, delay: float = 3, timeout: float = 45) -> float:
    """Queue a job due in ``delay`` seconds; how many seconds after that it ran."""
    with app.app_context():
        due = time.time() + delay
        job = jobs.enqueue(time.time, delay=dt.timedelta(seconds=delay))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert worker.process.poll() is None, worker.log_tail()
            job = Job.fetch(job.id, connection=redis_store.single)
            if job.is_finished:
                return job.return_value() - due
            time.sleep(0.2)
    raise AssertionError(f"the delayed job had not run {timeout - delay:.0f}s after it was due:\n" + worker.log_tail())


@pytest.mark.slow
def test_a_worker_killed_with_sigkill_leaves_no_scheduler_running(app, backend_env):
    worker = Worker(app, backend_env)
    survivors: set[int] = set()
    try:
        scheduler = _scheduler_pid(app, worker)
        its_processes = _children_of(worker.pid) | {scheduler}
        os.kill(worker.pid, signal.SIGKILL)
        worker.process.wait(10)
        time.sleep(0.5)
        survivors = {pid for pid in its_processes if pid != worker.pid and _running(pid)}
        assert survivors == set(), "the killed worker's scheduler is still running, holding its lock"
    finally:
        for pid in survivors:  # what the old worker left behind, so it cannot disturb later tests
            os.kill(pid, signal.SIGKILL)
        worker.stop()


@pytest.mark.slow
def test_a_worker_started_after_one_was_killed_runs_delayed_jobs_on_time(app, backend_env):
    killed = Worker(app, backend_env)
    try:
        _scheduler_pid(app, killed)
        # The whole process group, as when its container is killed: nothing of it renews the lock.
        os.killpg(killed.pid, signal.SIGKILL)
        killed.process.wait(10)
    finally:
        killed.stop()
    restarted = Worker(app, backend_env)
    try:
        lateness = _lateness_of_a_delayed_job(app, restarted)
    finally:
        restarted.stop()
    assert lateness < ON_TIME_SECONDS, f"the delayed job ran {lateness:.1f}s late"
