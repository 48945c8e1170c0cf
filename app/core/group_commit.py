"""Group commit: inserts that arrive together in one process commit together.

A red-envelope grab's whole write is one ``INSERT ... ON CONFLICT DO NOTHING``, and paying a
commit per grab is what held the grab rate at about a quarter of ``/healthz`` on two cores
(bench/README.md): PostgreSQL writes and flushes its log once per commit, and every commit is a
round trip. Here each process has one writer thread per ``GroupInsert``. A request hands it a row
and waits; the writer takes every row that is waiting (up to ``max_rows``) and inserts them with
one multi-row statement in autocommit, which is one transaction and one round trip; then it tells
each request whether its row went in. Nothing is answered before its batch has committed, so a
201 still means the row is in PostgreSQL.

No timer holds a row back: the writer takes what has queued while the previous batch was
committing, so a lone request is written at once and a crowd shares commits. A batch that
fails is tried again row by row, each in its own statement, so one bad row fails alone.

The requests of a process must be able to wait on a thread they share, which gunicorn's
``gthread`` workers (the project's default) allow. On SQLite, where one connection holds the
write lock for the whole unit of work, the row is inserted on the session's connection instead,
in the request's unit of work (as ``core.db.single_statement_units`` does).
"""

from __future__ import annotations

import logging
import os
import queue
import threading
import weakref
from collections.abc import Mapping

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from app.core.db import row_binds, row_params, run_on_driver
from app.core.errors import ServiceUnavailable
from app.extensions import db

log = logging.getLogger(__name__)


class WriteTimedOut(ServiceUnavailable):
    """The writer did not answer in time (503, the generic "please try again")."""


class GroupInsert:
    """``INSERT ... ON CONFLICT DO NOTHING`` of one row per call, committed in batches per process.

    ``insert(values)`` returns True when the row went in and False when a unique key already held
    one like it (committed: PostgreSQL waits for a concurrent insert of the same key to end).
    ``key`` names a column whose value is unique to each row (it is returned to tell the rows apart).
    """

    def __init__(self, table: sa.Table, *, key: str, max_rows: int = 100, wait_seconds: float = 10.0,
                 idle_seconds: float = 5.0, lock_timeout_ms: int = 1000, statement_timeout_ms: int = 5000):
        self.table, self.key, self.max_rows = table, key, max_rows
        self.wait_seconds, self.idle_seconds = wait_seconds, idle_seconds
        # One writer serves every request of its process, so none of its statements may wait long: a row
        # whose insert waits on a lock (its envelope locked FOR UPDATE by a job) fails alone after
        # ``lock_timeout_ms`` (its batch is written again row by row) instead of holding up the others.
        self.lock_timeout_ms, self.statement_timeout_ms = lock_timeout_ms, statement_timeout_ms
        # On SQLite, the row goes in on the session's connection (``insert``).
        self._sqlite_statement = sqlite.insert(table).on_conflict_do_nothing().returning(table.c[key])
        # On PostgreSQL, the writer's statements: one per batch size, each with a parameter per row and column (``c_0``, ...),
        # built when a batch of that size first comes.
        self._batch_statements: dict[tuple[int, tuple[str, ...]], sa.Insert] = {}
        self._writers: weakref.WeakKeyDictionary[Engine, _Writer] = weakref.WeakKeyDictionary()
        self._writers_lock = threading.Lock()
        self._pid = os.getpid()

    def insert(self, values: Mapping) -> bool:
        engine = db.engine
        if engine.dialect.name != "postgresql":
            return db.session.connection().execute(self._sqlite_statement, dict(values)).first() is not None
        return self._writer(engine).write(values, self.wait_seconds)

    def batch_statement(self, rows: int, columns: tuple[str, ...]) -> sa.Insert:
        statement = self._batch_statements.get((rows, columns))
        if statement is None:
            statement = (postgresql.insert(self.table).values(row_binds(self.table, columns, rows))
                         .on_conflict_do_nothing().returning(self.table.c[self.key]))
            self._batch_statements[(rows, columns)] = statement
        return statement

    def _writer(self, engine: Engine) -> _Writer:
        writer = self._writers.get(engine)
        if writer is not None and self._pid == os.getpid():
            return writer
        with self._writers_lock:
            if self._pid != os.getpid():  # a forked child: its parent's threads did not come along
                self._writers, self._pid = weakref.WeakKeyDictionary(), os.getpid()
            writer = self._writers.get(engine)
            if writer is None:
                writer = self._writers[engine] = _Writer(self, engine)
            return writer


class _Pending:
    """A row waiting for its batch. ``answered`` is a lock held until the writer has its answer: releasing a
    lock is the cheapest way one thread wakes another (an Event's set takes a Condition and notifies)."""

    __slots__ = ("answered", "done", "error", "inserted", "taken", "values", "withdrawn")

    def __init__(self, values: Mapping):
        self.values = values
        self.answered = threading.Lock()
        self.answered.acquire()
        self.done = False
        self.inserted = False
        self.error: BaseException | None = None
        # Under the writer's lock: the writer has taken the row into a batch, or its request has given up
        # waiting before that (the writer then drops it, so a request answered 503 never has its row written).
        self.taken = False
        self.withdrawn = False

    def answer(self) -> None:
        if not self.done:
            self.done = True
            self.answered.release()


class _Writer:
    """One process's writer for one ``GroupInsert`` on one engine. Its thread starts on the first row
    and ends after ``idle_seconds`` without one (started again by the next row); it keeps one connection
    while it runs."""

    def __init__(self, group: GroupInsert, engine: Engine):
        self.group = group
        # Weakly: ``GroupInsert._writers`` is keyed by the engine, and a writer holding it would keep the
        # entry, its engine and its pool alive after their app is gone. Only a running thread's
        # connection holds the engine.
        self.engine = weakref.ref(engine)
        self.queue: queue.SimpleQueue[_Pending] = queue.SimpleQueue()
        self.lock = threading.Lock()
        self.running = False
        self.connection: Connection | None = None

    def write(self, values: Mapping, wait_seconds: float) -> bool:
        pending = _Pending(values)
        with self.lock:  # with ``_retire``: a row is never queued for a thread that has just decided to end
            self.queue.put(pending)
            if not self.running:
                self.running = True
                threading.Thread(target=self._run, name=f"group-insert-{self.group.table.name}", daemon=True).start()
        if not pending.answered.acquire(timeout=wait_seconds):
            with self.lock:
                pending.withdrawn = not pending.taken
            log.error("group insert into %s: no answer within %s s (%s)", self.group.table.name, wait_seconds,
                      "withdrawn" if pending.withdrawn else "in a batch being written; waiting for it")
            if pending.withdrawn:
                raise WriteTimedOut()
            # Its batch is being written, and each of its statements ends within the connection's timeouts:
            # its answer comes, and it is the one to give (a 503 now could be a grab committed after all).
            pending.answered.acquire()
        if pending.error is not None:
            raise pending.error
        return pending.inserted

    def _run(self) -> None:
        try:
            while True:
                try:
                    first = self.queue.get(timeout=self.group.idle_seconds)
                except queue.Empty:
                    # Before retiring: a thread started after that connects anew, and this one must not
                    # close the connection that thread is using.
                    self._disconnect()
                    if self._retire():
                        return
                    continue
                batch = [first]
                while len(batch) < self.group.max_rows:
                    try:
                        batch.append(self.queue.get_nowait())
                    except queue.Empty:
                        break
                with self.lock:
                    batch = [pending for pending in batch if not pending.withdrawn]
                    for pending in batch:
                        pending.taken = True
                if batch:
                    self._write(batch)
        except BaseException:
            self._disconnect()
            with self.lock:
                self.running = False  # the next row starts a thread, which takes whatever is queued
            raise

    def _retire(self) -> bool:
        with self.lock:
            if self.queue.empty():
                self.running = False
                return True
            return False

    def _disconnect(self) -> None:
        if self.connection is not None:
            connection, self.connection = self.connection, None
            try:
                # The timeouts are the writer's own: the pool's next user gets the server's back.
                connection.exec_driver_sql("RESET lock_timeout")
                connection.exec_driver_sql("RESET statement_timeout")
                connection.close()
            except Exception:  # broken, or it would go back with the writer's timeouts: never pooled again
                log.debug("group insert: discarding a failed connection", exc_info=True)
                try:
                    connection.invalidate()
                    connection.close()
                except Exception:
                    log.debug("group insert: discarding it failed too", exc_info=True)

    def _connect(self) -> Connection:
        if self.connection is None:
            engine = self.engine()
            if engine is None:
                raise RuntimeError(f"group insert into {self.group.table.name}: its engine is gone")
            connection = engine.execution_options(isolation_level="AUTOCOMMIT").connect()
            try:
                connection.exec_driver_sql(f"SET lock_timeout = {int(self.group.lock_timeout_ms)}")
                connection.exec_driver_sql(f"SET statement_timeout = {int(self.group.statement_timeout_ms)}")
            except BaseException:
                connection.invalidate()
                connection.close()
                raise
            self.connection = connection
        return self.connection

    def _landed(self, batch: list[_Pending]) -> set:
        """The keys of ``batch`` that are in the table after its statement failed. A statement is committed before
        PostgreSQL answers it, so a connection lost while the answer was on its way failed a batch that went in:
        its rows must be answered as written (and not be written again, where each would meet itself as "a row
        like it exists"). Empty if that cannot be told either (the failure is then the answer)."""
        key = self.group.table.c[self.group.key]
        try:
            found = self._connect().execute(sa.select(key).where(key.in_([p.values[self.group.key] for p in batch])))
            return {row[0] for row in found}
        except Exception:  # noqa: BLE001 (the batch's own failure is what its requests are told)
            log.warning("group insert into %s: could not tell whether a failed batch went in",
                        self.group.table.name, exc_info=True)
            self._disconnect()
            return set()

    def _insert(self, batch: list[_Pending]) -> set:
        """The batch in one multi-row statement on the driver (``core.db.run_on_driver``: SQLAlchemy's
        "insertmanyvalues" took a third of the writer's time): in autocommit it is one transaction, committed
        when it returns. The key of each row that went in."""
        try:
            self._connect()
            columns = tuple(batch[0].values)
            if any(tuple(pending.values) != columns for pending in batch):
                raise ValueError(f"group insert into {self.group.table.name}: rows with different columns")
            statement = self.group.batch_statement(len(batch), columns)
            params = row_params([pending.values for pending in batch])
            key = self.group.key
            return {row[key] for row in run_on_driver(self.connection, statement, params)}
        except BaseException:
            self._disconnect()  # whatever went wrong, the next batch starts on a fresh connection
            raise

    def _write(self, batch: list[_Pending]) -> None:
        try:
            try:
                inserted = self._insert(batch)
            except Exception as error:  # noqa: BLE001 (handed to the caller whose row it was)
                # Only a lost connection leaves the outcome unknown: PostgreSQL refusing the statement rolled it back.
                landed = self._landed(batch) if getattr(error, "connection_invalidated", False) else set()
                if landed:
                    log.warning("group insert into %s: a batch of %d failed (%s) after %d of its rows went in",
                                self.group.table.name, len(batch), error.__class__.__name__, len(landed))
                for pending in batch:
                    pending.inserted = pending.values[self.group.key] in landed
                rest = [pending for pending in batch if not pending.inserted]
                if len(rest) == 1 and len(batch) == 1:
                    rest[0].error = error
                    return
                if rest:
                    log.warning("group insert into %s: a batch of %d failed (%s); writing its rows one by one",
                                self.group.table.name, len(batch), error.__class__.__name__)
                for pending in rest:
                    self._write([pending])
                return
            key = self.group.key
            for pending in batch:
                pending.inserted = pending.values[key] in inserted
        except BaseException as error:  # never leave a request waiting on a row this thread dropped
            for pending in batch:
                if not pending.done and pending.error is None:
                    pending.error = error
            raise
        finally:
            for pending in batch:
                pending.answer()
