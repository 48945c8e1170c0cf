"""Engine tuning and the unit of work.

Services only ``flush()``; the edge (request, job, CLI command) commits once per unit
of work. On SQLite we take the write lock at ``BEGIN`` (``BEGIN IMMEDIATE``): with
pysqlite's default deferred transactions two writers both read, then one fails with
"database is locked" or, worse, overwrites the other's update.
"""

from __future__ import annotations

import contextlib

from sqlalchemy import event
from sqlalchemy.engine import Engine

from app.extensions import db

SQLITE_BUSY_TIMEOUT_MS = 15_000


def engine_options(database_uri: str) -> dict:
    """Engine options for ``SQLALCHEMY_ENGINE_OPTIONS``."""
    if database_uri.startswith("sqlite"):
        # isolation_level=None hands transaction control to us (see tune_sqlite).
        return {"connect_args": {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}}
    return {"pool_size": 10, "max_overflow": 20, "pool_recycle": 1800, "pool_pre_ping": False}


def tune_engine(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _sqlite_connect(dbapi_connection, _record):
        # Let SQLAlchemy's "begin" event emit BEGIN, instead of pysqlite's own deferred one.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _sqlite_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def commit() -> None:
    """End the current unit of work. Only edges call this (requests, jobs, commands)."""
    db.session.commit()


@contextlib.contextmanager
def unit_of_work():
    """A block that commits on success and rolls back on any error."""
    try:
        yield db.session
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
