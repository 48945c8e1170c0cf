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
