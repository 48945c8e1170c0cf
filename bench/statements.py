"""What one round trip to PostgreSQL costs the web worker, piece by piece: the Python CPU of a statement on a
bare psycopg connection, through ``core.db.reads()`` and SQLAlchemy, and the parts of a policy lookup and of a
payment's lock (bench/README.md, "Issue 19 again").

    .venv/bin/python bench/statements.py 2>/dev/null

Each figure is ``time.process_time()`` per call, the best of five rounds of ``--calls`` calls, in a request
context as a lookup runs. It needs PostgreSQL and Redis (``--pg``, ``--redis``) and sets up as
``bench/inprocess.py`` does: its own database, dropped at the end, and Redis database ``--redis-db`` (wiped).
The process's CPU counts the kernel's work for its own sockets, so a round trip costs more here than its bytes.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import psycopg

sys.path.insert(0, os.getcwd())  # the checkout being measured (run from its root)
sys.path.insert(0, str(Path(__file__).resolve().parent))

from inprocess import best_ms, bought_policy, store_arguments  # noqa: E402 (the checkout's path first)


def per_call_us(call, calls: int, rounds: int = 5) -> float:
    for _ in range(200):  # warm: statement caches, prepared statements, the token cache
        call()
    return best_ms(call, calls, rounds) * 1000


def main() -> None:
    parser = store_arguments(__doc__)
    parser.add_argument("--calls", type=int, default=3000)
    args = parser.parse_args()

    import sqlalchemy as sa

    from app.auth import services as auth
    from app.core.db import fetch_one, reads
    from app.extensions import db
    from app.orders import services as orders
    from app.orders.models import Order
    from app.policies import services as policies
    from app.policies.schemas import PolicyDetailSchema

    with bought_policy(args.pg, args.redis, args.redis_db, "WARNING") as bench:
        app, figures = bench.app, []

        def measure(label: str, call, calls: int = args.calls) -> None:
            figures.append((label, per_call_us(call, calls)))

        with app.test_request_context(headers={"Accept-Language": "zh-CN"}):
            lookup = policies._views().for_holder
            params = {"policy_no": bench.policy_no, "user_id": bench.user_id}
            compiled = lookup.compile(dialect=db.engine.dialect)
            sql, bound = str(compiled), compiled.construct_params(params)
            with psycopg.connect(db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False),
                                 autocommit=True) as bare:
                measure("SELECT 1, bare psycopg (autocommit)", lambda: bare.execute("SELECT 1").fetchone())

                def select_one_through_reads():
                    with reads() as connection:
                        connection.exec_driver_sql("SELECT 1").one()
                measure("SELECT 1 through reads()", select_one_through_reads)

                def checkout_only():
                    with reads():
                        pass
                measure("reads() alone (no statement)", checkout_only)
                measure("the lookup's statement, bare psycopg", lambda: bare.execute(sql, bound).fetchone())

                def bare_with_description():
                    cursor = bare.execute(sql, bound)
                    cursor.description  # noqa: B018 (what SQLAlchemy reads of every result)
                    cursor.fetchone()
                measure("  the same, reading cursor.description", bare_with_description)

            def through_sqlalchemy():
                with reads() as connection:
                    connection.execute(lookup, params).one_or_none()
            measure("  the same through reads() and SQLAlchemy", through_sqlalchemy)

            def through_the_driver():
                with reads() as connection:
                    fetch_one(connection, lookup, params)
            measure("  the same through reads() and core.db.fetch_one (the driver)", through_the_driver)
            autocommit = sa.create_engine(db.engine.url, isolation_level="AUTOCOMMIT", pool_size=2)

            def on_autocommit_engine():
                with autocommit.connect() as connection:
                    connection.execute(lookup, params).one_or_none()
            measure("  the same on an engine kept in autocommit", on_autocommit_engine)
            autocommit.dispose()
            measure("policies.get_for_user (with the view)", lambda: policies.get_for_user(**params))
            view, schema = policies.get_for_user(**params), PolicyDetailSchema()
            measure("PolicyDetailSchema().dump", lambda: schema.dump(view))
            measure("auth.authenticate (one Redis GET)", lambda: auth.authenticate(bench.token))

        with app.app_context():
            order_no = db.session.scalar(sa.select(Order.order_no))
            facts = [expression.label(name) for name, expression in orders._payment_facts.items()]
            core_lock = (sa.select(*Order.__table__.c, *facts)
                         .where(Order.__table__.c.order_no == sa.bindparam("order_no")).with_for_update())

            def shipped_lock():
                orders.lock_many_for_payment([order_no])
                db.session.rollback()

            def core_row_lock():
                db.session.connection().execute(core_lock, {"order_no": order_no}).one_or_none()
                db.session.rollback()
            measure("an order locked for payment (lock_many_for_payment: BEGIN, SELECT, ROLLBACK)", shipped_lock, 2000)
            measure("  the same as a Core row", core_row_lock, 2000)

    for label, us in figures:
        print(f"{label:62s} {us:7.1f} µs")


if __name__ == "__main__":
    main()
