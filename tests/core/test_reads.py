"""Statements on the hot path (``core.db.fetch_all``/``fetch_one`` on a ``reads()`` connection,
``insert_unless_exists``): on PostgreSQL they bypass SQLAlchemy's execution path, so they must still give what
SQLAlchemy gives, row for row and type for type, and fail as SQLAlchemy fails when the database goes away."""

from __future__ import annotations

import contextlib
import datetime as dt
import secrets

import pytest
import sqlalchemy as sa

from app.core import clock
from app.core.db import fetch_all, fetch_one, insert_each_unless_exists, insert_rows, insert_unless_exists, reads, update_rows
from app.core.types import BigIntPK, UTCDateTime
from app.extensions import db

_metadata = sa.MetaData()
_probe = sa.Table(
    "test_reads_probe", _metadata,
    sa.Column("id", sa.BigInteger, primary_key=True),
    sa.Column("kind", sa.String, nullable=False),
    sa.Column("at", UTCDateTime, nullable=True),
    sa.Column("words", sa.JSON, nullable=True),
)
_BY_KINDS = (sa.select(_probe.c.id, _probe.c.kind.label("what"), _probe.c.at, _probe.c.words,
                       (_probe.c.id * 10).label("tenfold"))
             .where(_probe.c.kind.in_(("a", "b")), _probe.c.id >= sa.bindparam("from_id"))
             .order_by(_probe.c.id))


@pytest.fixture
def probe(app):
    with app.app_context(), db.engine.begin() as connection:
        _metadata.drop_all(connection)
        _metadata.create_all(connection)
        moment = dt.datetime(2026, 12, 7, 8, 30, tzinfo=clock.SHANGHAI)
        connection.execute(_probe.insert(), [
            {"id": 1, "kind": "a", "at": moment, "words": ["一", "two"]},
            {"id": 2, "kind": "b", "at": None, "words": None},
            {"id": 3, "kind": "c", "at": moment, "words": {"x": 1}},
            {"id": 4, "kind": "a", "at": moment + dt.timedelta(days=1), "words": {"x": 1}},
        ])
    yield
    with app.app_context(), db.engine.begin() as connection:
        _metadata.drop_all(connection)


def test_rows_are_what_sqlalchemy_reads_keys_types_and_all(app, probe):
    with app.app_context(), reads() as connection:
        expected = [dict(row._mapping) for row in connection.execute(_BY_KINDS, {"from_id": 2})]
        fetched = fetch_all(connection, _BY_KINDS, {"from_id": 2})
        assert fetched == expected
        assert [row["id"] for row in fetched] == [2, 4]
        assert fetched[1]["at"] == dt.datetime(2026, 12, 8, 0, 30, tzinfo=dt.timezone.utc)
        assert fetched[1]["at"].tzinfo == dt.timezone.utc  # UTCDateTime's own processing applied
        assert fetched[1]["words"] == {"x": 1}
        assert fetch_one(connection, _BY_KINDS, {"from_id": 4})["tenfold"] == 40
        assert fetch_one(connection, _BY_KINDS, {"from_id": 5}) is None
        with pytest.raises(sa.exc.MultipleResultsFound):
            fetch_one(connection, _BY_KINDS, {"from_id": 1})


def test_a_parameter_given_twice_and_a_percent_sign_read_as_sqlalchemy_reads_them(app, probe):
    # On PostgreSQL the statement runs with numbered placeholders: a name used twice is one value, and a "%" in the
    # SQL (a LIKE pattern) is the character itself.
    twice = (sa.select(_probe.c.id, (_probe.c.kind + "%").label("pattern"))
             .where(sa.or_(_probe.c.id == sa.bindparam("n"), _probe.c.id == sa.bindparam("n") + 2),
                    _probe.c.kind.like("%"))
             .order_by(_probe.c.id))
    with app.app_context(), reads() as connection:
        expected = [dict(row._mapping) for row in connection.execute(twice, {"n": 1})]
        assert fetch_all(connection, twice, {"n": 1}) == expected == [{"id": 1, "pattern": "a%"}, {"id": 3, "pattern": "c%"}]


def test_after_postgresql_drops_its_connections_one_read_fails_and_the_next_ones_work(app, probe):
    """PostgreSQL restarted: every connection in the pool is dead. The read that meets the first raises
    SQLAlchemy's OperationalError (which the API answers 503), and, as after any disconnect SQLAlchemy sees,
    the pool hands none of the dead ones out again."""
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("the embedded default reads through SQLAlchemy itself")
        with contextlib.ExitStack() as held:  # every connection the pool holds (and one more), and their backends
            pids = [held.enter_context(reads()).execute(sa.text("SELECT pg_backend_pid()")).scalar_one()
                    for _ in range(db.engine.pool.checkedin() + 1)]
        outside = sa.create_engine(db.engine.url, poolclass=sa.pool.NullPool)  # a connection not of the pool
        with outside.connect() as other:
            other.execute(sa.text("SELECT pg_terminate_backend(pid) FROM unnest(CAST(:pids AS int[])) AS pid"),
                          {"pids": pids})
        with pytest.raises(sa.exc.OperationalError), reads() as connection:
            fetch_all(connection, _BY_KINDS, {"from_id": 1})
        for _ in range(len(pids) + 1):
            with reads() as connection:
                assert [row["id"] for row in fetch_all(connection, _BY_KINDS, {"from_id": 1})] == [1, 2, 4]


_made = sa.Table(
    "test_insert_unless_exists_probe", sa.MetaData(),
    sa.Column("id", BigIntPK, primary_key=True),
    sa.Column("key", sa.String, nullable=False, unique=True),
    sa.Column("code", sa.String, nullable=True, default=lambda: secrets.token_hex(4)),
    sa.Column("status", sa.String, nullable=True, default="new"),
    sa.Column("at", UTCDateTime, nullable=True, default=clock.now),
)


class _Made:
    __table__ = _made


def test_insert_unless_exists_fills_the_defaults_left_out_and_inserts_a_key_once(app):
    """A column left out gets its default as SQLAlchemy's own insert gives it: a function's called for each
    row (a policy's verification code, a payment's created_at), a constant as it is; the same key twice is
    one row, and the second call answers None."""
    with app.app_context():
        with db.engine.begin() as connection:
            _made.drop(connection, checkfirst=True)
            _made.create(connection)
        try:
            first = insert_unless_exists(_Made, {"key": "a"}, unique=["key"])
            second = insert_unless_exists(_Made, {"key": "b", "status": "given"}, unique=["key"])
            again = insert_unless_exists(_Made, {"key": "a"}, unique=["key"])
            db.session.commit()
            rows = {row.key: row for row in db.session.execute(sa.select(_made)).all()}
        finally:
            db.session.rollback()
            with db.engine.begin() as connection:
                _made.drop(connection)
    assert (first, again) == (rows["a"].id, None) and second == rows["b"].id
    assert rows["a"].code and rows["b"].code and rows["a"].code != rows["b"].code
    assert (rows["a"].status, rows["b"].status) == ("new", "given")
    assert rows["a"].at is not None and rows["a"].at.tzinfo is not None


def test_a_multi_row_insert_on_the_driver_gives_each_row_its_own_defaults(app):
    """The grab writer's shape (one statement, a parameter per row and column): each row left without a column
    gets that column's default, a function's called once per row."""
    with app.app_context():
        with db.engine.begin() as connection:
            _made.drop(connection, checkfirst=True)
            _made.create(connection)
        try:
            statement = sa.insert(_made).values([{"key": sa.bindparam(f"key_{i}")} for i in range(3)]).returning(
                _made.c.key, _made.c.code, _made.c.status)
            with reads() as connection:
                rows = fetch_all(connection, statement, {"key_0": "x", "key_1": "y", "key_2": "z"})
        finally:
            db.session.rollback()  # on SQLite, reads() was the session's connection, holding the write lock
            with db.engine.begin() as connection:
                _made.drop(connection)
    assert sorted(row["key"] for row in rows) == ["x", "y", "z"]
    assert all(row["status"] == "new" for row in rows)
    assert len({row["code"] for row in rows}) == 3 and all(row["code"] for row in rows)


@contextlib.contextmanager
def probe_table(app):
    """``_made``, created for the test and dropped after it."""
    with app.app_context():
        with db.engine.begin() as connection:
            _made.drop(connection, checkfirst=True)
            _made.create(connection)
        try:
            yield
        finally:
            db.session.rollback()
            with db.engine.begin() as connection:
                _made.drop(connection)


def made_rows() -> dict:
    return {row.key: row for row in db.session.execute(sa.select(_made)).all()}


@pytest.mark.parametrize("count", [1, 2, 7])
def test_rows_inserted_together_get_their_own_ids_in_the_order_given(app, count):
    """``insert_rows``: one statement on PostgreSQL, and each row's id is its own, in the order the rows were given
    (the table's sequence numbers them in that order)."""
    keys = [f"k{i}" for i in reversed(range(count))]
    with probe_table(app):
        with clock.frozen_at(clock.now()):
            insert_unless_exists(_Made, {"key": "before"}, unique=["key"])  # the sequence has moved on
            ids = insert_rows(_made, [{"key": key, "status": f"s-{key}"} for key in keys])
        db.session.commit()
        rows = made_rows()
    assert ids == [rows[key].id for key in keys]
    assert [rows[key].status for key in keys] == [f"s-{key}" for key in keys]
    assert len({rows[key].code for key in keys}) == count  # a function's default, called for each row


def test_rows_inserted_together_unless_their_key_exists_are_told_apart(app):
    """``insert_each_unless_exists``: a key already taken, or given twice in the same call, goes in once; each
    row is answered with its own new id, or None."""
    with probe_table(app):
        taken = insert_unless_exists(_Made, {"key": "taken"}, unique=["key"])
        db.session.commit()
        answers = insert_each_unless_exists(_Made, [{"key": "a"}, {"key": "taken"}, {"key": "b"}, {"key": "a"}],
                                            unique=["key"])
        db.session.commit()
        rows = made_rows()
    assert answers == [rows["a"].id, None, rows["b"].id, None]
    assert rows["taken"].id == taken and len(rows) == 3


def test_rows_updated_together_each_get_their_own_values(app):
    """``update_rows``: each row written by its key with its own values, and the constants on all of them; rows
    not named are left as they were."""
    with probe_table(app):
        ids = insert_rows(_made, [{"key": key} for key in ("a", "b", "c")])
        at = clock.now().replace(microsecond=0)
        update_rows(_made, "id", [{"id": ids[0], "code": "first", "at": at},
                                  {"id": ids[2], "code": "third", "at": at + dt.timedelta(hours=1)}], status="done")
        db.session.commit()
        rows = made_rows()
    assert [(rows[key].code, rows[key].status) for key in "ac"] == [("first", "done"), ("third", "done")]
    assert rows["c"].at == at + dt.timedelta(hours=1) and rows["a"].at == at
    assert rows["b"].status == "new" and rows["b"].code not in ("first", "third")
