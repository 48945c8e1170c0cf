"""Grabs under faults of PostgreSQL and Redis met between the gate's yes and the answer (a review, 7 December,
branch review-17). Each test failed on the code before its fix."""

from __future__ import annotations

import time

import sqlalchemy as sa

from app.envelopes import gate
from app.envelopes.models import Envelope
from app.extensions import db, redis_store
from tests.envelopes.helpers import create_paid_envelope
from tests.envelopes.test_grabs_in_flight import EnvelopeRowLock, grab_in_thread, grabs_of, postgres_only, user


def _backends(app, exclude_pid):
    """Our test database's other backends: (pid, state, wait_event_type, query)."""
    with app.app_context():
        with db.engine.connect() as connection:
            return connection.execute(sa.text(
                "SELECT pid, state, wait_event_type, query FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid NOT IN (pg_backend_pid(), :lock)"),
                {"lock": exclude_pid}).all()


def _terminate(app, pids):
    with app.app_context():
        with db.engine.connect() as connection:
            connection.execute(sa.text("SELECT pg_terminate_backend(pid) FROM unnest(CAST(:pids AS int[])) AS pid "
                                       "WHERE pid <> pg_backend_pid()"), {"pids": list(pids)})
            connection.commit()


def test_a_grab_committed_by_the_writer_is_answered_201_when_the_requests_own_connection_is_lost(
        app, client, catalog, alice):
    """The writer commits the grab on its own connection; the request's session still holds the read transaction
    of the gate's rebuild (the first grab after a Redis restart). PostgreSQL drops that connection (a restart,
    a failover, idle_in_transaction_session_timeout) after the writer's commit: the request's commit failed, so
    the user was answered 503 for a grab that is in the database, and the rollback handed the share back to the
    gate as free (the next grabber of it met it taken)."""
    postgres_only(app)
    envelope = create_paid_envelope(app, client, alice)
    public_id = envelope["envelope_id"]
    bob = user(client, "bob")
    with app.app_context():
        gate.drop(public_id)  # Redis restarted: the gate is rebuilt from the database by the next grab
    answers: dict = {}
    with EnvelopeRowLock(app, public_id) as lock:
        lock_pid = lock.connection.execute(sa.text("SELECT pg_backend_pid()")).scalar()
        thread = grab_in_thread(app, bob, public_id, answers, "bob")
        # The writer's insert waits on the envelope row (lock_timeout is 1 s): the request's session has read
        # the database for the rebuild, and waits for the writer with its transaction open.
        deadline = time.monotonic() + 5
        rows = []
        while time.monotonic() < deadline and not any(row.wait_event_type == "Lock" for row in rows):
            rows = _backends(app, lock_pid)
            time.sleep(0.01)
        assert any(row.wait_event_type == "Lock" for row in rows), "the grab's insert never waited on the lock"
        # Every connection but the writer's (and the lock's) is dropped: the request's own among them.
        _terminate(app, [row.pid for row in rows if row.wait_event_type != "Lock"])
        lock.release()
        thread.join(30)
    status, body, _took = answers["bob"]
    recorded = grabs_of(app, bob["id"])
    assert (status == 201) == bool(recorded), (status, body, recorded)
    assert status == 201, (status, body)
    with app.app_context():
        free = [gate.decode_share(share)[0] for share in redis_store.lrange(gate.keys(public_id)["shares"], 0, -1)]
        assert recorded[0].share_id not in free, "a share committed to bob is offered again"
        assert db.session.scalar(sa.select(Envelope.status).where(Envelope.public_id == public_id)) == "active"
        db.session.remove()
        db.engine.dispose()  # the pool's connections were dropped: the next test starts on fresh ones
