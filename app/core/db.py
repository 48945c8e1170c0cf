"""Engine tuning, the unit of work, and the shortcuts that hot paths take.

Services only ``flush()``; the edge (request, job, CLI command) commits once per unit
of work. On SQLite we take the write lock at ``BEGIN`` (``BEGIN IMMEDIATE``): with
pysqlite's default deferred transactions two writers both read, then one fails with
"database is locked" or, worse, overwrites the other's update.

Hot paths (bench/README.md) use ``reads()`` for lookups that change nothing,
``insert_unless_exists()`` where a unique key guards against doing something twice, and
``single_statement_units()`` where the whole unit of work is one such statement.
They take statements built once at import with ``bindparam``: building a SQLAlchemy
statement per call, and matching its result columns to the cached compiled one, cost
more CPU than the query itself on these small lookups.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import re
from collections.abc import Callable, Iterator, Mapping, Sequence

import orjson
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session, make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value

from app.extensions import db

log = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 15_000


#: How long opening a PostgreSQL connection may take (unless DATABASE_URL says ``connect_timeout``).
POSTGRES_CONNECT_TIMEOUT_SECONDS = 5


def engine_options(database_uri: str) -> dict:
    """Engine options for ``SQLALCHEMY_ENGINE_OPTIONS``.

    JSON columns are decoded by orjson: a policy's page reads five (its cover's words in two languages and the
    documents agreed), and the standard library's decoder was 6% of a lookup's Python.
    """
    json = {"json_deserializer": orjson.loads}
    if database_uri.startswith("sqlite"):
        # isolation_level=None hands transaction control to us (see tune_sqlite).
        return {"connect_args": {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}, **json}
    options = {"pool_size": 10, "max_overflow": 20, "pool_recycle": 1800, "pool_pre_ping": False, **json}
    if "connect_timeout" not in sa.engine.make_url(database_uri).query:
        # libpq waits for ever for a server that accepts the connection and never answers (hung, or a pooler
        # queueing it): the grab writer, reconnecting after a failure, held every grab of its process for ever.
        options["connect_args"] = {"connect_timeout": POSTGRES_CONNECT_TIMEOUT_SECONDS}
    return options


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
    """End the current unit of work. Only ``unit_of_work`` calls this.

    A unit of work that never began (a request that touched no database, such as
    ``/healthz``, or a hot path whose write committed as it ran, on
    ``single_statement_units()``) has nothing to commit, and no session is made for it:
    committing one that never began would begin a transaction only to end it.
    """
    session = _current_session()
    if session is None:
        return
    if session.in_transaction():
        session.commit()
    else:
        _run_after_commit(session)  # nothing to commit: what waited for the commit may run now


def after_commit(callback: Callable[[], None]) -> None:
    """Call ``callback()`` once the current unit of work has committed; never if it rolls back.

    For what must follow the commit outside the database (a job that needs the committed rows,
    a cache that must not outlive a change). The commit has happened when it runs, so it cannot
    undo it: a callback that raises is logged, and the others still run.

    A savepoint (``begin_nested``) is not the commit: one released hands its callbacks on to the
    transaction around it, and one rolled back drops the callbacks added inside it, never those
    added before it.
    """
    db.session.info.setdefault("after_commit", []).append((db.session().get_nested_transaction(), callback))


def _inside(transaction, savepoint) -> bool:
    """``transaction`` is ``savepoint`` or one begun inside it."""
    while transaction is not None:
        if transaction is savepoint:
            return True
        transaction = transaction.parent
    return False


def _enclosing_savepoint(transaction):
    """The savepoint around ``transaction``, or None when only the unit of work's transaction is."""
    parent = transaction.parent
    while parent is not None and not parent.nested:
        parent = parent.parent
    return parent


@event.listens_for(Session, "after_commit")
def _run_after_commit(session) -> None:
    savepoint = session.get_nested_transaction()  # the one being released, if it is a savepoint
    if savepoint is not None:
        enclosing = _enclosing_savepoint(savepoint)
        session.info["after_commit"] = [(enclosing if _inside(added_in, savepoint) else added_in, callback)
                                        for added_in, callback in session.info.get("after_commit", ())]
        return
    for _added_in, callback in session.info.pop("after_commit", ()):
        try:
            callback()
        except Exception:
            log.exception("after commit: %s failed", getattr(callback, "__qualname__", callback))


@event.listens_for(Session, "after_rollback")
def _drop_after_commit(session) -> None:
    savepoint = session.get_nested_transaction()  # the one rolled back, if it is a savepoint
    if savepoint is None:
        session.info.pop("after_commit", None)
        return
    session.info["after_commit"] = [(added_in, callback)
                                    for added_in, callback in session.info.get("after_commit", ())
                                    if not _inside(added_in, savepoint)]


def rollback() -> None:
    """Undo the current unit of work, if one began."""
    session = _current_session()
    if session is not None and session.in_transaction():
        session.rollback()


def _current_session():
    """The unit of work's Session if this request, job or command has made one, else None."""
    return db.session() if db.session.registry.has() else None


class UnitOfWork:
    """What a ``unit_of_work`` block can ask: something to undo outside the database if it rolls back."""

    def __init__(self):
        self._undo: list = []

    def on_rollback(self, undo) -> None:
        """Call ``undo()`` if this unit rolls back (a Redis hold the database never recorded, say)."""
        self._undo.append(undo)


@contextlib.contextmanager
def unit_of_work() -> Iterator[UnitOfWork]:
    """One unit of work: what the block did is committed if it succeeds, rolled back if anything
    raises, including the commit itself.

    The one place that commits. Requests (``RedcoverFlask.dispatch_request``), jobs
    (``core.jobs.job``), CLI commands and each key of a sweep (``core.jobs.each_in_its_own_unit``)
    all run in one; services only flush. A webhook runs two in its request: the raw record, then
    what it asks for. A block nested in another commits when it ends, and the outer one then has
    nothing left to commit. The documented exception is ``single_statement_units()``.
    """
    unit = UnitOfWork()
    try:
        yield unit
        commit()
    except BaseException:
        rollback()
        for undo in reversed(unit._undo):
            undo()
        raise


@contextlib.contextmanager
def reads() -> Iterator[Connection]:
    """A connection for lookups that change nothing, outside the unit of work.

    On PostgreSQL it is in autocommit: each statement reads its own committed snapshot,
    with no BEGIN before it nor ROLLBACK/COMMIT after it (a third of a small lookup's
    round trips). It never sees what the current unit of work has not committed, so a
    request that writes reads its own writes through the session instead. On SQLite it
    is the session's own connection, in the unit of work as before (the write lock is
    taken at BEGIN there, and a second connection would wait for it).
    """
    if db.engine.dialect.name != "postgresql":
        yield db.session.connection()
        return
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        yield connection


@contextlib.contextmanager
def single_statement_units() -> Iterator[Connection]:
    """A connection whose every statement is a unit of work of its own, committed as it runs.

    For a hot path whose whole write is one statement (a red-envelope grab: one
    ``INSERT ... ON CONFLICT``): on PostgreSQL, in autocommit, it is one round trip where
    BEGIN, the statement and COMMIT took three. The caller has committed when a statement
    returns, so it undoes what it did elsewhere (a Redis hold) if one raises. On SQLite it is
    the session's own connection, in the unit of work that the edge commits (as ``reads()``).
    """
    if db.engine.dialect.name != "postgresql":
        yield db.session.connection()
        return
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        yield connection


def insert_unless_exists(model, values: dict, unique: Sequence[str] | None,
                         connection: Connection | None = None) -> int | None:
    """``INSERT ... ON CONFLICT (unique) DO NOTHING RETURNING id``, in the unit of work
    (or on ``connection``, e.g. one of ``single_statement_units()``).

    Returns the new row's id, or None when a row with the same ``unique`` key exists:
    one statement where a SELECT, a SAVEPOINT, the INSERT and a RELEASE took four. A
    row that a concurrent transaction inserted and has not committed yet is waited for
    (PostgreSQL) or cannot exist (SQLite holds the write lock), so None always means a
    committed row. A conflict on any other unique key still raises ``IntegrityError``;
    ``unique=None`` means any of the table's unique keys (the caller finds out which).
    Column defaults apply as in any insert; no ORM object is created. On PostgreSQL it runs
    on the driver (``run_on_driver``): a payment and its policy are two of these.
    """
    return insert_each_unless_exists(model, [values], unique, connection)[0]


def insert_each_unless_exists(model, rows: Sequence[dict], unique: Sequence[str] | None,
                              connection: Connection | None = None) -> list[int | None]:
    """``insert_unless_exists`` for each of ``rows`` (all with the same columns), in order: the new rows' ids, None
    for each row whose ``unique`` key was taken, by a committed row or by an earlier one of ``rows``. On
    PostgreSQL, more than one row is one multi-row statement (``unique`` must name the key: the rows that went in
    are told apart by it), a statement per number of rows, built when that number first comes."""
    if not rows:
        return []
    connection = connection if connection is not None else db.session.connection()
    dialect = connection.dialect.name
    table = model.__table__
    target = {} if unique is None else {"index_elements": list(unique)}
    columns = _same_columns(table, rows)
    if dialect != "postgresql":
        key = (dialect, table, None if unique is None else tuple(unique), columns)
        statement = _BUILT_STATEMENTS.get(key)
        if statement is None:
            statement = sqlite.insert(table).on_conflict_do_nothing(**target).returning(table.c.id)
            _BUILT_STATEMENTS[key] = statement
        # On a connection, not through the session: the ORM's execute adds nothing for a Core insert.
        return [connection.execute(statement, values).scalar_one_or_none() for values in rows]
    if len(rows) > 1 and unique is None:
        raise ValueError(f"insert into {table.name}: rows inserted together are told apart by a unique key")
    key = (dialect, table, None if unique is None else tuple(unique), columns, len(rows))
    statement = _BUILT_STATEMENTS.get(key)
    if statement is None:
        keys = [table.c[name] for name in unique or ()]
        statement = postgresql.insert(table).values(row_binds(table, columns, len(rows))).on_conflict_do_nothing(
            **target).returning(table.c.id, *(column.label(f"key_{column.name}") for column in keys))
        _BUILT_STATEMENTS[key] = statement
    found = run_on_driver(connection, statement, row_params(rows))
    if len(rows) == 1:
        return [found[0]["id"] if found else None]
    ids = {tuple(row[f"key_{name}"] for name in unique): row["id"] for row in found}
    # A key given twice went in once, for the first row that gave it (PostgreSQL skips the later one as a conflict).
    return [ids.pop(tuple(values[name] for name in unique), None) for values in rows]


def insert_rows(table: sa.Table, rows: Sequence[dict], connection: Connection | None = None) -> list[int]:
    """``rows`` (all with the same columns) inserted with one statement; their new ids, in order. On PostgreSQL
    a statement per number of rows (built when that number first comes), run on the driver: ``INSERT ... SELECT``
    from the rows in the order given, so the table's sequence numbers them in that order (as SQLAlchemy's own
    "insertmanyvalues" relies on), and the ids it returns, sorted, are theirs."""
    if not rows:
        return []
    connection = connection if connection is not None else db.session.connection()
    columns = _same_columns(table, rows)
    if connection.dialect.name != "postgresql":
        return [connection.execute(sa.insert(table).returning(table.c.id), values).scalar_one() for values in rows]
    # An INSERT ... SELECT works out a column's default once for the whole statement: each row gets its own here.
    made = [column for column in table.c if column.name not in columns and column.default is not None
            and (column.default.is_callable or column.default.is_scalar)]
    if made:
        rows = [{**values, **{column.name: column.default.arg(None) if column.default.is_callable
                              else column.default.arg for column in made}} for values in rows]
        columns = tuple(rows[0])
    key = ("insert", table, columns, len(rows))
    statement = _BUILT_STATEMENTS.get(key)
    if statement is None:
        given = _given_rows(table, columns, len(rows), numbered=True)
        statement = postgresql.insert(table).from_select(
            list(columns), sa.select(*(given.c[name] for name in columns)).order_by(given.c.given_position),
        ).returning(table.c.id)
        _BUILT_STATEMENTS[key] = statement
    return sorted(row["id"] for row in run_on_driver(connection, statement, row_params(rows)))


def update_rows(table: sa.Table, key: str, rows: Sequence[dict], connection: Connection | None = None,
                **constants) -> None:
    """Each of ``rows`` (all with the same columns, ``key`` among them) written to the row of ``table`` whose
    ``key`` column holds its ``key``, with ``constants`` set on every one of them: on PostgreSQL one statement
    (``UPDATE ... FROM (VALUES ...)``, a statement per number of rows), elsewhere an executemany."""
    if not rows:
        return
    connection = connection if connection is not None else db.session.connection()
    columns = _same_columns(table, rows)
    written = [name for name in columns if name != key]
    if connection.dialect.name != "postgresql":
        statement = sa.update(table).where(table.c[key] == sa.bindparam(f"{key}_")).values(
            {**{name: sa.bindparam(name) for name in written}, **constants})
        connection.execute(statement, [{**values, f"{key}_": values[key]} for values in rows])
        return
    cache_key = ("update", table, key, columns, tuple(sorted(constants.items())), len(rows))
    statement = _BUILT_STATEMENTS.get(cache_key)
    if statement is None:
        given = _given_rows(table, columns, len(rows))
        statement = (sa.update(table).where(table.c[key] == given.c[key])
                     .values({**{name: given.c[name] for name in written}, **constants}))
        _BUILT_STATEMENTS[cache_key] = statement
    run_on_driver(connection, statement, row_params(rows))


def entity_columns(model) -> list[sa.ColumnElement]:
    """``model``'s columns, each labelled with its attribute's name: what a Core statement selects for
    ``loaded``."""
    return [prop.columns[0].label(prop.key) for prop in sa.inspect(model).column_attrs]


def loaded(model, row: Mapping):
    """The session's object of ``model`` for ``row`` (read with ``entity_columns``), as a query with
    ``populate_existing`` loads it: the copy the session holds, its columns set to the row's, else a new object,
    persistent and unchanged. For a hot path that needs ORM objects (the orders locked for a payment) but whose
    statement runs on the driver (``run_on_driver``): the ORM's execution of the same statement cost more Python
    than the round trip."""
    session = db.session()
    mapper = sa.inspect(model)
    identity = mapper.identity_key_from_primary_key(
        [row[mapper.get_property_by_column(column).key] for column in mapper.primary_key])
    found = session.identity_map.get(identity)
    entity = found if found is not None else mapper.class_manager.new_instance()
    for prop in mapper.column_attrs:
        set_committed_value(entity, prop.key, row[prop.key])
    if found is None:
        make_transient_to_detached(entity)  # as if read by a query: its values committed, no history
        session.add(entity)
    return entity


def one_of(column: sa.ColumnElement, name: str, dialect: str) -> sa.ColumnElement:
    """``column`` is one of the values of the list parameter ``name``. On PostgreSQL ``column = ANY(:name)``, one
    array parameter: the statement's SQL is the same however many values come, so it is compiled once, runs on the
    driver (``run_on_driver``) and is prepared by PostgreSQL. Elsewhere ``IN``, expanded for each list."""
    if dialect == "postgresql":
        return column == sa.any_(sa.bindparam(name, type_=postgresql.ARRAY(column.type)))
    return column.in_(sa.bindparam(name, expanding=True))


def _same_columns(table: sa.Table, rows: Sequence[dict]) -> tuple[str, ...]:
    columns = tuple(rows[0])
    if any(tuple(row) != columns for row in rows):
        raise ValueError(f"{table.name}: rows with different columns")
    return columns


def row_binds(table: sa.Table, columns: tuple[str, ...], count: int) -> list[dict]:
    """A multi-row statement's parameters: ``<column>_<row>`` for each column of each row (``row_params`` gives
    their values)."""
    return [{name: sa.bindparam(f"{name}_{i}", type_=table.c[name].type) for name in columns} for i in range(count)]


def _given_rows(table: sa.Table, columns: tuple[str, ...], count: int, numbered: bool = False) -> sa.Values:
    """``(VALUES ...) AS given``: ``count`` rows of ``<column>_<row>`` parameters, typed as the table's columns, and
    with ``numbered`` each row's position as ``given_position``."""
    names = [sa.column(name, table.c[name].type) for name in columns]
    if numbered:
        names.append(sa.column("given_position", sa.Integer))
    return sa.values(*names, name="given").data([
        (*(sa.bindparam(f"{name}_{i}", type_=table.c[name].type) for name in columns), *((i,) if numbered else ()))
        for i in range(count)])


def row_params(rows: Sequence[dict]) -> dict:
    """The values of ``row_binds``' parameters for ``rows``."""
    return {f"{name}_{i}": value for i, row in enumerate(rows) for name, value in row.items()}


#: The statements the functions above build, each once: per table, columns and (multi-row) number of rows.
_BUILT_STATEMENTS: dict[tuple, object] = {}


@dataclasses.dataclass(slots=True)
class _DriverStatement:
    """A statement compiled once for psycopg: its SQL with PostgreSQL's own numbered placeholders (``$1``, run on a
    ``RawCursor``: psycopg parses a statement's ``%(name)s`` placeholders on every execution once it is over 4 KiB or
    50 parameters, as a batch's multi-row statements are, and that parsing was a quarter of a batch's Python),
    its constant parameters (which a caller's parameter of the
    same name replaces, as in SQLAlchemy), the caller's parameters (with the bind processors of those that have
    one), the column defaults to work out for each execution, and its result's keys and types, as SQLAlchemy's
    rows name and type them. ``through_sqlalchemy``: a statement the driver path does not take (a list bound to
    ``IN``, which SQLAlchemy renders anew for each list), run by SQLAlchemy instead."""

    sql: bytes = b""
    #: The parameters' names, in the order of the SQL's ``$1``, ``$2``, ...
    order: tuple[str, ...] = ()
    constants: dict = dataclasses.field(default_factory=dict)
    required: dict[str, Callable | None] = dataclasses.field(default_factory=dict)
    defaults: dict[str, tuple[sa.ColumnDefault, Callable | None]] = dataclasses.field(default_factory=dict)
    keys: tuple[str, ...] = ()
    types: tuple[sa.types.TypeEngine, ...] = ()
    through_sqlalchemy: bool = False
    #: The result processors of its columns (``UTCDateTime``, ``Numeric``), by index: worked out from the types the
    #: database reports on its first execution, as SQLAlchemy works them out for its own (None until then).
    processors: tuple[tuple[int, Callable], ...] | None = None


_DRIVER_STATEMENTS: dict[tuple[str, sa.Executable], _DriverStatement] = {}


def _for_driver(connection: Connection, statement: sa.Select | sa.Insert) -> _DriverStatement:
    key = (connection.dialect.name, statement)
    found = _DRIVER_STATEMENTS.get(key)
    if found is None:
        dialect = connection.dialect
        compiled = statement.compile(dialect=dialect)

        def processor_of(bind: sa.BindParameter) -> Callable | None:
            return bind.type.dialect_impl(dialect).bind_processor(dialect)

        # The defaults of the columns a statement leaves out (a constant or a function; onupdate too), which
        # SQLAlchemy works out as it executes: each row of a multi-row insert has its own parameter for them.
        made = {**{column.key: column.default for column in compiled.insert_prefetch},
                **{column.key: column.onupdate for column in compiled.update_prefetch}}
        for name, default in made.items():
            if not (default.is_callable or default.is_scalar):
                raise TypeError(f"{name}: a default the driver cannot work out; set it in the statement")
        binds = {name: bind for name, bind in compiled.binds.items() if bind.required}
        if any(bind.expanding for bind in binds.values()):
            found = _DRIVER_STATEMENTS[key] = _DriverStatement(through_sqlalchemy=True)
            return found
        for name, bind in compiled.binds.items():
            if name not in binds and name not in made and processor_of(bind) is not None:
                raise TypeError(f"{name}: a constant of a type that processes its values; make it a parameter")
        # Constant lists (``in_(("a", "b"))``) are expanded into the SQL here, once. The caller's own parameters
        # stay parameters: expanding needs a value for each, and a placeholder serves (run_on_driver checks
        # that the caller gave every one, and its values replace the placeholders).
        expanded = compiled.construct_expanded_state({name: None for name in binds})
        sql, order = _numbered_placeholders(expanded.statement)
        found = _DriverStatement(
            sql=sql,
            order=order,
            constants={name: value for name, value in expanded.parameters.items() if name not in binds.keys() | made.keys()},
            required={name: processor_of(bind) for name, bind in binds.items()},
            defaults={name: (default, processor_of(compiled.binds[name])) for name, default in made.items()},
            keys=tuple(column.keyname for column in compiled._result_columns),
            types=tuple(column.type for column in compiled._result_columns),
        )
        _DRIVER_STATEMENTS[key] = found
    return found


#: A placeholder in SQL compiled for psycopg's ``pyformat`` (``%(name)s``), or a ``%`` written as ``%%``.
_PYFORMAT = re.compile(r"%\((?P<name>[^)]+)\)s|%%")


def _numbered_placeholders(sql: str) -> tuple[bytes, tuple[str, ...]]:
    """``sql`` with ``$1``, ``$2``, ... for its named placeholders (a name given twice is one parameter), and the
    names in that order: what psycopg works out from ``%(name)s`` before each execution, once."""
    order: list[str] = []

    def numbered(match: re.Match) -> str:
        name = match["name"]
        if name is None:
            return "%"
        if name not in order:
            order.append(name)
        return f"${order.index(name) + 1}"

    return _PYFORMAT.sub(numbered, sql).encode(), tuple(order)


def run_on_driver(connection: Connection, statement: sa.Select | sa.Insert, params: dict) -> list[dict]:
    """A statement built once (with ``bindparam``), run on the psycopg connection under ``connection``; the
    rows it returns, each a dict by its result's keys. PostgreSQL only: for the hot paths (a policy lookup,
    the grab writer's batch), where SQLAlchemy's execution path (its execution context, ``cursor.description``
    made into one object per column, the result and row objects) cost more Python than the round trip
    itself (bench/README.md).

    The statement is compiled once, and its parameters' and columns' processors still apply; a column it leaves
    out gets its default (a function's called for each row) as in SQLAlchemy's own execution. A driver error
    is raised as SQLAlchemy's (``OperationalError``: 503), and a lost connection is handled by SQLAlchemy, as
    if its own statement had lost it.
    """
    import psycopg  # only where PostgreSQL is used (the embedded default has no need of it)

    compiled = _for_driver(connection, statement)
    if compiled.through_sqlalchemy:
        result = connection.execute(statement, params)
        return [dict(row._mapping) for row in result] if result.returns_rows else []
    values = dict(compiled.constants)
    if not values.keys().isdisjoint(params):
        values.update((name, params[name]) for name in values.keys() & params.keys())
    for name, processor in compiled.required.items():
        if name not in params:
            raise sa.exc.InvalidRequestError(f"A value is required for bind parameter {name!r}")
        values[name] = params[name] if processor is None else processor(params[name])
    for name, (default, processor) in compiled.defaults.items():
        value = default.arg(None) if default.is_callable else default.arg  # (SQLAlchemy's wrapper takes a context)
        values[name] = value if processor is None else processor(value)
    driver = connection.connection.dbapi_connection
    if not driver.autocommit and not connection.in_transaction():
        connection.begin()  # as SQLAlchemy's first statement would: the connection's commit() then commits it
    try:
        cursor = _cursor_of(connection, driver)
        cursor.execute(compiled.sql, [values[name] for name in compiled.order])
        rows = cursor.fetchall() if cursor.pgresult is not None and cursor.pgresult.nfields else []
        if compiled.processors is None and cursor.description is not None:
            compiled.processors = _result_processors(connection.dialect, compiled.types, cursor.description)
    except psycopg.Error as error:
        if driver.broken or connection.dialect.is_disconnect(error, driver, None):
            # Let SQLAlchemy meet the broken connection itself: it discards it and, as after any disconnect,
            # every pooled connection older than it (PostgreSQL restarted: they are gone too).
            try:
                connection.exec_driver_sql("SELECT 1")
            except sa.exc.DBAPIError as seen:
                raise seen from error
        raise sa.exc.DBAPIError.instance(compiled.sql.decode(), values, error, psycopg.Error) from error
    keys, processors = compiled.keys, compiled.processors
    if processors:
        rows = [list(row) for row in rows]
        for row in rows:
            for i, processor in processors:
                row[i] = processor(row[i])
    return [dict(zip(keys, row)) for row in rows]


def _cursor_of(connection: Connection, driver):
    """The driver connection's own cursor, made on first use and kept in the pool's record of that connection
    (``info``, emptied whenever the record connects anew) for as long as it lives: a new cursor makes a new
    transformer, whose cache of loaders for the result's column types starts empty each time. A connection is
    checked out to one thread at a time, and so is its cursor. A ``RawCursor``: the SQL it runs is numbered
    already (``_DriverStatement``)."""
    import psycopg

    info = connection.connection.info
    cursor = info.get("redcover.cursor")
    if cursor is None or cursor.closed or cursor.connection is not driver:
        cursor = info["redcover.cursor"] = psycopg.RawCursor(driver)
    return cursor


def _result_processors(dialect, types, description) -> tuple[tuple[int, Callable], ...]:
    """The processors of a result's columns, given the type codes the database reported for them."""
    return tuple((i, processor) for i, (type_, column) in enumerate(zip(types, description, strict=True))
                 if (processor := type_.dialect_impl(dialect).result_processor(dialect, column.type_code)))


def execute(connection: Connection, statement: sa.Update | sa.Insert, params: dict) -> None:
    """A write built once (with ``bindparam``) whose rows nobody reads: on PostgreSQL through ``run_on_driver``,
    elsewhere (SQLite) an ordinary execute. In whatever transaction ``connection`` is in."""
    if connection.dialect.name != "postgresql":
        connection.execute(statement, params)
    else:
        run_on_driver(connection, statement, params)


def fetch_all(connection: Connection, statement: sa.Select | sa.Insert, params: dict) -> list[dict]:
    """The rows of a statement built once (with ``bindparam``), each a dict by its result's keys: on
    PostgreSQL through ``run_on_driver``, elsewhere (SQLite) an ordinary execute."""
    if connection.dialect.name != "postgresql":
        return [dict(row._mapping) for row in connection.execute(statement, params)]
    return run_on_driver(connection, statement, params)


def fetch_one(connection: Connection, statement: sa.Select | sa.Insert, params: dict) -> dict | None:
    """The one row of a statement (``fetch_all``), or None when there is none."""
    rows = fetch_all(connection, statement, params)
    if len(rows) > 1:
        raise sa.exc.MultipleResultsFound("Multiple rows were found when one or none was required")
    return rows[0] if rows else None
