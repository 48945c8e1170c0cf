"""Statements on the driver (``core.db.run_on_driver``, under ``fetch_all`` and ``execute``) do what the same
statement does through SQLAlchemy, which is what the SQLite path does: a list bound to ``IN``, a parameter with a
default value, a Numeric column, unlabelled columns' keys, and a write on a connection not yet in a transaction.
None of today's statements has these shapes; each test failed on PostgreSQL before core.db handled it."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.core.db import execute, fetch_all, reads
from app.extensions import db

_metadata = sa.MetaData()
_rows = sa.Table(
    "test_driver_statements_rows", _metadata,
    sa.Column("id", sa.BigInteger, primary_key=True),
    sa.Column("kind", sa.String, nullable=False),
    sa.Column("n", sa.Integer, nullable=True),
)


@pytest.fixture
def rows(app):
    with app.app_context(), db.engine.begin() as connection:
        _metadata.drop_all(connection)
        _metadata.create_all(connection)
        connection.execute(_rows.insert(), [{"id": 1, "kind": "a", "n": 1}, {"id": 2, "kind": "b", "n": 2},
                                            {"id": 3, "kind": "c", "n": 3}])
    yield
    with app.app_context():
        db.session.rollback()  # on SQLite reads() is the session's connection, holding the write lock
        with db.engine.begin() as connection:
            _metadata.drop_all(connection)


def _through_sqlalchemy_and_driver(app, statement, params):
    with app.app_context(), reads() as connection:
        expected = [dict(row._mapping) for row in connection.execute(statement, params)]
        return expected, fetch_all(connection, statement, params)


def test_an_expanding_in_parameter_is_bound_not_dropped(app, rows):
    """``in_(bindparam(..., expanding=True))``: compiled with None as its placeholder, the list is rendered
    as an empty IN once and for all, and the caller's list is ignored: no row ever matches, silently."""
    statement = sa.select(_rows.c.id).where(_rows.c.id.in_(sa.bindparam("ids", expanding=True))).order_by(_rows.c.id)
    expected, fetched = _through_sqlalchemy_and_driver(app, statement, {"ids": [1, 3]})
    assert expected == [{"id": 1}, {"id": 3}]
    assert fetched == expected


def test_a_parameter_with_a_default_value_takes_the_callers_value(app, rows):
    """``bindparam("from_id", 1)`` is not ``required``, so it is taken as a constant: SQLAlchemy lets the
    caller's parameters override it, the driver path silently keeps the default."""
    statement = sa.select(_rows.c.id).where(_rows.c.id >= sa.bindparam("from_id", 1)).order_by(_rows.c.id)
    expected, fetched = _through_sqlalchemy_and_driver(app, statement, {"from_id": 3})
    assert expected == [{"id": 3}]
    assert fetched == expected


def test_a_numeric_column_is_read(app, rows):
    """psycopg's Numeric/Float result processors need the column's type code; compiled without one (None),
    so any statement with a Numeric or Float column failed to compile (TypeError: a 500 on every call)."""
    statement = sa.select(sa.cast(_rows.c.n, sa.Numeric(10, 2)).label("amount"), sa.cast(_rows.c.n, sa.Float)
                          .label("ratio")).order_by(_rows.c.id)
    expected, fetched = _through_sqlalchemy_and_driver(app, statement, {})
    assert fetched == expected


def test_result_keys_of_unlabelled_columns_are_sqlalchemys(app, rows):
    """Keys come from ``exported_columns.keys()``: ``count``/``_no_label`` where SQLAlchemy's rows (and the
    SQLite path's dicts) say ``count_1``/``anon_1``, so the same caller gets KeyError on one backend."""
    statement = sa.select(sa.func.count(), sa.func.max(_rows.c.n) + 1).where(_rows.c.kind != sa.bindparam("kind"))
    expected, fetched = _through_sqlalchemy_and_driver(app, statement, {"kind": "z"})
    assert fetched == expected


def test_a_write_on_a_connection_not_yet_in_a_transaction_is_committed_by_its_commit(app, rows):
    """``execute`` runs "in whatever transaction connection is in". SQLAlchemy begins one on a connection's first
    statement, which its ``commit()`` then commits; the driver statement begins one SQLAlchemy never hears of,
    so ``commit()`` does nothing and the write is rolled back when the connection goes back to the pool."""
    with app.app_context():
        with db.engine.connect() as connection:
            execute(connection, sa.update(_rows).where(_rows.c.id == sa.bindparam("row_id"))
                    .values(kind=sa.bindparam("new_kind")), {"row_id": 1, "new_kind": "changed"})
            connection.commit()
        with db.engine.connect() as connection:
            assert connection.execute(sa.select(_rows.c.kind).where(_rows.c.id == 1)).scalar_one() == "changed"
