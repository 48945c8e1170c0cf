"""Background jobs on RQ: named queues, delayed jobs, periodic jobs, one unit of work per job.

Job functions are plain functions in a feature's ``tasks.py`` decorated with ``@job``;
they run inside the app context of ``flask worker`` and commit once at the end, or
roll back on any error (RQ then records the failure and retries where asked).
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import logging

from flask import current_app
from rq import Queue, Retry
from sqlalchemy import event
from sqlalchemy.orm import Session

from app.extensions import db, redis_store

log = logging.getLogger(__name__)

QUEUES = ("high", "default", "low")

#: Periodic jobs: (dotted function path, interval in seconds). Features add theirs here.
PERIODIC_JOBS: list[tuple[str, int]] = [
    ("app.orders.tasks.sweep_unpaid_orders", 60),
    ("app.refunds.tasks.submit_pending_refunds", 60),
    ("app.refunds.tasks.reconcile_submitted_refunds", 60),
    ("app.envelopes.tasks.expire_envelopes", 60),
    ("app.claims.tasks.sweep_progress_messages", 60),
    ("app.claims.tasks.refresh_step_durations", 600),
]


def queue(name: str = "default") -> Queue:
    return Queue(name, connection=redis_store.client, default_timeout=300)


def enqueue(func, *args, queue_name: str = "default", delay: dt.timedelta | None = None,
            job_id: str | None = None, retry: Retry | None = None, **kwargs):
    """Queue ``func(*args, **kwargs)`` now, or after ``delay`` (RQ's scheduler releases it)."""
    target = queue(queue_name)
    options = {"job_id": job_id, "retry": retry}
    if delay is not None and delay.total_seconds() > 0:
        return target.enqueue_in(delay, func, *args, **options, **kwargs)
    return target.enqueue(func, *args, **options, **kwargs)


def enqueue_after_commit(func, *args, **options) -> None:
    """Queue a job once the current transaction commits (never for a transaction that rolls back).

    A job queued inside a transaction could run before the rows it needs are committed,
    or for rows that never are. If Redis is down at commit time the job is lost, so every
    such job has a periodic sweep that finds its work in the database as well.
    """
    db.session.info.setdefault("after_commit_jobs", []).append((func, args, options))


@event.listens_for(Session, "after_commit")
def _enqueue_committed_jobs(session) -> None:
    pending = session.info.pop("after_commit_jobs", None)
    for func, args, options in pending or ():
        try:
            enqueue(func, *args, **options)
        except Exception:  # Redis down: the periodic sweep will pick the work up
            log.warning("could not queue %s after commit; its sweep will retry", getattr(func, "__name__", func))


@event.listens_for(Session, "after_rollback")
def _drop_uncommitted_jobs(session) -> None:
    session.info.pop("after_commit_jobs", None)


def job(fn):
    """Run a job as one unit of work inside the app context."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            result = fn(*args, **kwargs)
            db.session.commit()
            return result
        except BaseException:
            db.session.rollback()
            raise
        finally:
            db.session.remove()

    return wrapper


def each_in_its_own_transaction(keys, settle) -> dict[str, int]:
    """For a periodic sweep: ``settle(key)`` for each key, each committed on its own; the
    outcomes it returns, counted.

    WeChat being unavailable rolls that key back and counts it as ``wechat_unavailable``:
    the next run tries it again, and what was settled before it stays settled.
    """
    from app.wechat.errors import WeChatUnavailable

    summary: dict[str, int] = {}
    for key in keys:
        try:
            outcome = settle(key)
            db.session.commit()
        except WeChatUnavailable:
            db.session.rollback()
            outcome = "wechat_unavailable"
        summary[outcome] = summary.get(outcome, 0) + 1
    return summary


def run_worker(burst: bool = False, queues: tuple[str, ...] = QUEUES) -> None:
    """The job worker: RQ's ``SimpleWorker`` in this process (no fork after the app has
    opened database connections), its scheduler for delayed jobs, and the periodic jobs."""
    from rq import SimpleWorker

    connection = redis_store.client
    worker = SimpleWorker([queue(name) for name in queues], connection=connection)
    cron = None
    if not burst and PERIODIC_JOBS:
        cron = _start_periodic_jobs(connection)
    try:
        worker.work(burst=burst, with_scheduler=True, logging_level=current_app.config.get("LOG_LEVEL", "INFO"))
    finally:
        if cron is not None:
            cron.set()


def _start_periodic_jobs(connection):
    """Enqueue the periodic jobs on their intervals from a side thread; returns its stop event."""
    import threading

    from rq.cron import CronScheduler

    scheduler = CronScheduler(connection=connection)
    for path, interval in PERIODIC_JOBS:
        module_name, _, name = path.rpartition(".")
        scheduler.register(func=getattr(importlib.import_module(module_name), name), queue_name="default",
                           interval=interval)
    stop = threading.Event()

    def loop():
        scheduler.register_birth()
        try:
            while not stop.is_set():
                if scheduler.enqueue_jobs():
                    scheduler.save()
                scheduler.heartbeat()
                stop.wait(max(scheduler.calculate_sleep_interval(), 1))
        finally:
            scheduler.register_death()

    threading.Thread(target=loop, name="periodic-jobs", daemon=True).start()
    return stop
