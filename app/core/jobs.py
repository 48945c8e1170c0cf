"""Background jobs on RQ: named queues, delayed jobs, periodic jobs, one unit of work per job.

A job is a plain module-level function decorated with ``@job``: RQ runs it inside the
app context of ``flask worker``, as one unit of work (``core.db.unit_of_work``), and RQ
records a failure and retries where asked. A feature declares its periodic jobs where
they live, in its own ``tasks.py``, with ``@periodic(seconds=...)``; a follow-up job that
a service queues (a close at WeChat Pay, a refund's submission) is declared beside that
service, so the service never imports its own ``tasks.py``.

A job is an entry point: other code calls the service it wraps, never the job itself
(calling it commits, and ends the session, as RQ's run does).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import logging
import threading
from collections.abc import Callable

import redis
from rq import Queue, Retry, SimpleWorker
from rq.cron import CronScheduler
from rq.scheduler import RQScheduler

from app.core.db import after_commit, unit_of_work
from app.extensions import db, redis_store

log = logging.getLogger(__name__)

QUEUES = ("high", "default", "low")

#: Seconds between the scheduler's moves of due delayed jobs onto their queues (RQ's default).
SCHEDULER_INTERVAL = 1
#: RQ's scheduler holds one lock per queue, renewed every SCHEDULER_INTERVAL to last 60 s more
#: (rq/scheduler.py). One not renewed for this long belongs to a worker that died: another takes
#: it over. A live scheduler stalled this long loses it, and drops it at its next renewal
#: (two may then move the same job once; every job is idempotent).
SCHEDULER_LOCK_ABANDONED_AFTER = 15
#: Deletes a queue's scheduler lock whose time left shows nobody has renewed it lately.
#: KEYS[1]: the lock; ARGV[1]: the milliseconds a renewed lock always has left.
FORGET_ABANDONED_LOCK = """
local left = redis.call('PTTL', KEYS[1])
if left >= 0 and left < tonumber(ARGV[1]) then
    redis.call('DEL', KEYS[1])
    return 1
end
return 0
"""


@dataclasses.dataclass(frozen=True)
class Periodic:
    func: object
    seconds: int


#: Every ``@periodic`` job, in the order their modules were imported.
PERIODIC: list[Periodic] = []


def job(fn):
    """Run ``fn`` as one unit of work inside the app context, then end its session."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            with unit_of_work():
                return fn(*args, **kwargs)
        finally:
            db.session.remove()

    return wrapper


def periodic(*, seconds: int):
    """Declare a job that the worker queues every ``seconds`` (and that is a ``@job``)."""

    def declare(fn):
        wrapped = job(fn)
        PERIODIC.append(Periodic(wrapped, seconds))
        return wrapped

    return declare


def queue(name: str = "default") -> Queue:
    return Queue(name, connection=redis_store.single, default_timeout=300)


def enqueue(func, *args, queue_name: str = "default", delay: dt.timedelta | None = None,
            job_id: str | None = None, retry: Retry | None = None, **kwargs):
    """Queue ``func(*args, **kwargs)`` now, or after ``delay`` (RQ's scheduler releases it)."""
    target = queue(queue_name)
    options = {"job_id": job_id, "retry": retry}
    if delay is not None and delay.total_seconds() > 0:
        return target.enqueue_in(delay, func, *args, **options, **kwargs)
    return target.enqueue(func, *args, **options, **kwargs)


def enqueue_after_commit(func, *args, **options) -> None:
    """Queue a job once the current unit of work commits (never for one that rolls back).

    A job queued inside a transaction could run before the rows it needs are committed,
    or for rows that never are. If Redis is down at commit time the job is lost, so every
    such job has a periodic sweep that finds its work in the database as well.
    """
    after_commit(functools.partial(_enqueue_committed, func, args, options))


def _enqueue_committed(func, args, options) -> None:
    try:
        enqueue(func, *args, **options)
    except Exception:  # Redis down: the periodic sweep will pick the work up
        log.warning("could not queue %s after commit; its sweep will retry", getattr(func, "__name__", func))


def each_in_its_own_unit(keys, settle, *, postpone: tuple[type[BaseException], ...] = (),
                         stop_when_postponed: bool = False, skip_failures: bool = False) -> dict[str, int]:
    """For a periodic sweep: ``settle(key)`` for each key, each key one unit of work; the outcomes
    it returns, counted.

    An exception in ``postpone`` (WeChat unavailable, say) rolls that key back and counts it as
    ``postponed``: the next run tries it again, and what was settled before it stays settled.
    ``stop_when_postponed`` ends this run there (hammering a WeChat that is down helps nobody).
    ``skip_failures`` counts any other exception as ``failed`` and goes on, so one broken key
    cannot hold up the keys behind it; otherwise it ends the job, and RQ records it.
    """
    summary: dict[str, int] = {}
    for key in keys:
        try:
            with unit_of_work():
                outcome = settle(key)
        except postpone:
            outcome = "postponed"
        except Exception:
            if not skip_failures:
                raise
            log.exception("%s: %s failed", getattr(settle, "__name__", settle), key)
            outcome = "failed"
        summary[outcome] = summary.get(outcome, 0) + 1
        if outcome == "postponed" and stop_when_postponed:
            break
    return summary


def run_worker(burst: bool = False, queues: tuple[str, ...] = QUEUES, logging_level: str = "INFO") -> None:
    """The job worker: RQ's ``SimpleWorker`` in this process (no fork after the app has
    opened database connections), its scheduler for delayed jobs, and the periodic jobs."""
    connection = redis_store.single
    worker = SimpleWorker([queue(name) for name in queues], connection=connection)
    if burst:
        # RQ's burst run moves the due delayed jobs in this process, then releases its locks.
        worker.work(burst=True, with_scheduler=True, logging_level=logging_level)
        return
    stops = [_start_delayed_jobs(connection, queues, logging_level)]
    if PERIODIC:
        stops.append(_start_periodic_jobs(connection))
    try:
        worker.work(burst=False, with_scheduler=False, logging_level=logging_level)
    finally:
        for stop in stops:
            stop()


def _start_delayed_jobs(connection, queues: tuple[str, ...], logging_level: str) -> Callable[[], None]:
    """RQ's scheduler for delayed jobs in a thread of this process; returns what stops it.

    RQ would fork it into a child process, which outlives a worker killed with SIGKILL and
    keeps its lock (or, killed with it, leaves the lock to run out while RQ asks again only
    every ten minutes). A thread dies with its worker, and every second it asks for the
    locks it lacks, taking over any whose holder stopped renewing it (``FORGET_ABANDONED_LOCK``):
    a worker started after a crash moves delayed jobs within SCHEDULER_LOCK_ABANDONED_AFTER.
    """
    scheduler = RQScheduler(list(queues), connection=connection, interval=SCHEDULER_INTERVAL,
                            logging_level=logging_level)
    forget_abandoned = connection.register_script(FORGET_ABANDONED_LOCK)
    # A live holder renews its lock to RQ's interval + 60 s every interval.
    renewed_lock_keeps_ms = (SCHEDULER_INTERVAL + 60 - SCHEDULER_LOCK_ABANDONED_AFTER) * 1000
    stop = threading.Event()

    def take_over_missing_locks() -> None:
        missing = set(queues) - scheduler.acquired_locks
        for name in missing:
            if forget_abandoned(keys=[RQScheduler.get_locking_key(name)], args=[renewed_lock_keeps_ms]):
                log.warning("scheduler lock of queue %s abandoned (its worker died); taking it over", name)
        if missing:
            scheduler.acquire_locks()

    def loop() -> None:
        born = False
        while not stop.is_set():
            try:
                if not born:
                    scheduler.register_birth()
                    born = True
                take_over_missing_locks()
                scheduler.heartbeat()
                scheduler.enqueue_scheduled_jobs()
            except redis.RedisError as error:  # Redis away: the locks run out, and we ask again
                log.warning("scheduler: redis unavailable (%s); retrying", type(error).__name__)
            except Exception:  # a job it cannot read, say: the thread must live on to move the others
                log.exception("scheduler: moving delayed jobs failed; retrying")
            stop.wait(SCHEDULER_INTERVAL)
        try:
            scheduler.stop()  # releases the locks: the next worker need not wait for them
        except redis.RedisError:
            pass

    thread = threading.Thread(target=loop, name="delayed-jobs", daemon=True)
    thread.start()

    def stop_and_release() -> None:
        stop.set()
        thread.join(SCHEDULER_INTERVAL + 5)

    return stop_and_release


def _start_periodic_jobs(connection) -> Callable[[], None]:
    """Enqueue the periodic jobs on their intervals from a side thread; returns what stops it."""
    scheduler = CronScheduler(connection=connection)
    for declared in PERIODIC:
        scheduler.register(func=declared.func, queue_name="default", interval=declared.seconds)
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
    return stop.set
