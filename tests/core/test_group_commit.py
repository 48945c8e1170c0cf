"""Group commit (``core.group_commit``): rows that arrive together commit together, each caller hears
about its own row only once it is committed, and one bad row fails alone."""

from __future__ import annotations

import gc
import threading
import time

import pytest
import sqlalchemy as sa

from app.core.group_commit import GroupInsert
from app.extensions import db

_metadata = sa.MetaData()
_probe = sa.Table(
    "test_group_insert_probe", _metadata,
    sa.Column("id", sa.BigInteger, primary_key=True),
    sa.Column("key", sa.String, nullable=False, unique=True),
    sa.Column("n", sa.Integer, sa.CheckConstraint("n >= 0"), nullable=False),
)


@pytest.fixture
def probe(app):
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("group commit batches on PostgreSQL; SQLite writes in the request's unit of work")
        with db.engine.begin() as connection:
            _metadata.drop_all(connection)
            _metadata.create_all(connection)
    yield
    with app.app_context(), db.engine.begin() as connection:
        _metadata.drop_all(connection)


def _insert_together(app, writer: GroupInsert, rows: list[dict]) -> list:
    """Each row from its own thread, all let go at once; each thread's answer (or error) in order."""
    answers: list = [None] * len(rows)
    start = threading.Barrier(len(rows))

    def insert(i):
        with app.app_context():
            start.wait()
            try:
                answers[i] = writer.insert(rows[i])
            except Exception as error:  # noqa: BLE001 - the answer under test
                answers[i] = error

    threads = [threading.Thread(target=insert, args=(i,)) for i in range(len(rows))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return answers


def _committed(app):
    """Rows as another connection sees them, with the transaction that wrote each (xmin)."""
    with app.app_context(), db.engine.connect() as connection:
        return connection.execute(sa.text("SELECT key, n, xmin::text AS tx FROM test_group_insert_probe")).all()


def test_a_crowd_of_inserts_shares_commits_and_each_hears_its_own_answer(app, probe):
    writer = GroupInsert(_probe, key="key")
    rows = [{"key": f"k{i}", "n": i} for i in range(24)]
    answers = _insert_together(app, writer, rows)

    assert answers == [True] * 24
    committed = _committed(app)
    assert sorted(row.key for row in committed) == sorted(row["key"] for row in rows)
    # Fewer transactions than rows: the crowd's rows were committed in batches.
    assert len({row.tx for row in committed}) < len(rows)


def test_a_duplicate_is_refused_and_a_bad_row_fails_alone(app, probe):
    writer = GroupInsert(_probe, key="key")
    with app.app_context():
        assert writer.insert({"key": "taken", "n": 1}) is True
    rows = [{"key": f"k{i}", "n": i} for i in range(12)] + [{"key": "bad", "n": -1}, {"key": "taken", "n": 2}]
    answers = _insert_together(app, writer, rows)

    assert answers[:12] == [True] * 12
    assert isinstance(answers[12], sa.exc.IntegrityError)  # the CHECK it breaks
    assert answers[13] is False  # the unique key holds one already: nothing written
    committed = {row.key: row.n for row in _committed(app)}
    assert committed == {"taken": 1, **{f"k{i}": i for i in range(12)}}


def test_the_writer_recovers_when_its_connection_is_cut(app, probe):
    """PostgreSQL restarted or the connection was killed: the rows in flight fail (their requests answer 503
    and give their share back), and the next rows are written on a fresh connection."""
    writer = GroupInsert(_probe, key="key")
    with app.app_context():
        assert writer.insert({"key": "before", "n": 1}) is True
        with db.engine.connect() as connection:  # the writer's backend: the one whose last query was its insert
            cut = connection.execute(sa.text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND query LIKE 'INSERT INTO test_group_insert_probe%'")).scalar_one()
        assert cut >= 1  # (writers of earlier tests, idle until they retire, may be among them)
        try:
            writer.insert({"key": "cut", "n": 2})
        except sa.exc.OperationalError:
            pass  # in flight when the connection went: refused, not half-written
        assert writer.insert({"key": "after", "n": 3}) is True
    assert {"before", "after"} <= {row.key for row in _committed(app)}


def test_a_writer_does_not_keep_its_engine_alive_once_its_thread_has_retired(app, probe):
    """The test suite makes an app (and an engine) per configuration: each writer left behind must not hold
    its engine's pool, and the connections in it, for the rest of the process."""
    writer = GroupInsert(_probe, key="key", idle_seconds=0.05)
    engine = sa.create_engine(app.config["SQLALCHEMY_DATABASE_URI"], poolclass=sa.pool.NullPool)
    assert writer._writer(engine).write({"key": "kept", "n": 1}, 5.0) is True
    assert len(writer._writers) == 1
    deadline = time.monotonic() + 5
    while writer._writers[engine].running and time.monotonic() < deadline:
        time.sleep(0.02)

    del engine
    gc.collect()

    assert len(writer._writers) == 0
    assert "kept" in {row.key for row in _committed(app)}


def test_the_writers_timeouts_stay_with_the_writer(app, probe):
    """The writer's connection waits at most a second for a lock (one stuck row must not hold up a process's
    grabs); once the writer retires, that connection goes back to the pool with the server's timeouts."""
    writer = GroupInsert(_probe, key="key", idle_seconds=0.05)
    with app.app_context():
        engine = db.engine
        with engine.connect() as connection:
            default = connection.exec_driver_sql("SHOW lock_timeout").scalar_one()
        assert writer._writer(engine).write({"key": "first", "n": 1}, 5.0) is True
        assert writer._writer(engine).connection.exec_driver_sql("SHOW lock_timeout").scalar_one() == "1s"
        deadline = time.monotonic() + 5
        while writer._writer(engine).running and time.monotonic() < deadline:
            time.sleep(0.02)
        seen = set()
        held = [engine.connect() for _ in range(3)]  # the writer's among them: the pool hands out its newest first
        try:
            for connection in held:
                seen.add((connection.exec_driver_sql("SHOW lock_timeout").scalar_one(),
                          connection.exec_driver_sql("SHOW statement_timeout").scalar_one()))
        finally:
            for connection in held:
                connection.close()
    assert default != "1s" and seen == {(default, "0")}
