"""The database layer: aware UTC timestamps on both backends; SQLite safe under concurrent writers."""

from __future__ import annotations

import datetime as dt
import threading
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.users.models import User


def test_timestamps_come_back_aware_utc_and_the_same_instant(app_ctx):
    shanghai_evening = dt.datetime(2026, 11, 26, 23, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    db.session.add(User(openid="o-tz", created_at=shanghai_evening))
    db.session.commit()
    db.session.expunge_all()

    stored = db.session.scalars(sa.select(User.created_at).where(User.openid == "o-tz")).one()
    assert stored.utcoffset() == dt.timedelta(0)
    assert stored == shanghai_evening
    assert stored.hour == 15


def test_naive_timestamps_are_refused(app_ctx):
    db.session.add(User(openid="o-naive", created_at=dt.datetime(2026, 1, 1)))
    with pytest.raises(sa.exc.StatementError):
        db.session.flush()
    db.session.rollback()


def test_sqlite_concurrent_read_modify_write_loses_no_update(app, app_ctx):
    engine = db.engine
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite's locking; PostgreSQL uses row locks in the services")
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE IF NOT EXISTS test_counter (id INTEGER PRIMARY KEY, n INTEGER)")
        connection.exec_driver_sql("DELETE FROM test_counter")
        connection.exec_driver_sql("INSERT INTO test_counter VALUES (1, 0)")
    errors = []

    def add_one_many_times():
        try:
            for _ in range(25):
                with engine.begin() as connection:  # BEGIN IMMEDIATE: the write lock comes first
                    n = connection.exec_driver_sql("SELECT n FROM test_counter WHERE id = 1").scalar_one()
                    connection.exec_driver_sql("UPDATE test_counter SET n = ? WHERE id = 1", (n + 1,))
        except Exception as exc:  # "database is locked" would land here
            errors.append(exc)

    threads = [threading.Thread(target=add_one_many_times) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with engine.begin() as connection:
        total = connection.exec_driver_sql("SELECT n FROM test_counter WHERE id = 1").scalar_one()
        connection.exec_driver_sql("DROP TABLE test_counter")
    assert errors == []
    assert total == 8 * 25


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(app_ctx):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite only")
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar_one() >= 5000


# -- what waits for the commit (app.core.db.after_commit, behind jobs.enqueue_after_commit) ----------------------

def _savepoint_that_commits():
    with db.session.begin_nested():
        db.session.execute(sa.select(1))


def _savepoint_that_rolls_back():
    try:
        with db.session.begin_nested():
            db.session.execute(sa.select(1))
            raise RuntimeError("a unique key was taken")
    except RuntimeError:
        pass


def test_a_job_waiting_for_the_commit_is_not_queued_when_a_savepoint_is_released_and_the_unit_rolls_back(app_ctx):
    """A savepoint released (campaigns, coupons, claims numbers use them) is not the commit: a job queued
    before it must still wait, and never be queued if the unit of work then rolls back."""
    from app.core.db import after_commit, unit_of_work

    ran = []
    with pytest.raises(LookupError):
        with unit_of_work():
            db.session.execute(sa.select(1))
            after_commit(lambda: ran.append("queued"))
            _savepoint_that_commits()
            assert ran == []
            raise LookupError("the unit of work fails after the savepoint")
    assert ran == []


def test_a_job_waiting_for_the_commit_survives_a_savepoint_rolled_back_and_runs_at_the_commit(app_ctx):
    """A savepoint rolled back (a taken unique key, caught) undoes its own work only: what the unit of work
    queued before it still follows the commit; what was queued inside it does not."""
    from app.core.db import after_commit, unit_of_work

    ran = []
    with unit_of_work():
        db.session.execute(sa.select(1))
        after_commit(lambda: ran.append("before"))
        try:
            with db.session.begin_nested():
                after_commit(lambda: ran.append("inside"))
                raise RuntimeError("a unique key was taken")
        except RuntimeError:
            pass
        _savepoint_that_rolls_back()
        with db.session.begin_nested():
            after_commit(lambda: ran.append("released"))
        assert ran == []
    assert ran == ["before", "released"]
