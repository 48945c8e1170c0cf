"""A grab between the gate's yes and its commit (``core.group_commit``, settlement): a row stuck behind a lock
neither holds up the process's other grabs nor is committed after its request was answered 503, and an envelope is
settled only once every grab its gate said yes to has landed; a share held for a request that died is its user's;
and an envelope a grab finds empty is saved exhausted. Each test failed before its fix (a review, 7 December)."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
import sqlalchemy as sa

from app.core import clock
from app.envelopes import gate
from app.envelopes.models import Envelope, EnvelopeGrab
from app.extensions import db
from app.payments.models import Refund
from tests.envelopes.helpers import create_paid_envelope, grab
from tests.support import login


def user(client, name):
    body = login(client, name)
    return {"headers": {"Authorization": f"Bearer {body['token']}"}, "id": body["user"]["id"]}


def grabs_of(app, user_id):
    with app.app_context():
        try:
            return db.session.scalars(sa.select(EnvelopeGrab).where(EnvelopeGrab.user_id == user_id)).all()
        finally:
            db.session.remove()


def postgres_only(app):
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("the group-commit writer runs on PostgreSQL only")


class EnvelopeRowLock:
    """Another transaction holding an envelope row FOR UPDATE, as ``settlement.expire_due``/``settle`` and
    ``services.turn_active`` do: a grab's insert waits for it (its foreign-key check takes FOR KEY SHARE)."""

    def __init__(self, app, public_id):
        self.app, self.public_id = app, public_id

    def __enter__(self):
        with self.app.app_context():
            self.connection = db.engine.connect()
        self.connection.execute(sa.text("SELECT id FROM envelopes WHERE public_id = :p FOR UPDATE"),
                                {"p": self.public_id})
        return self

    def wait_for_a_waiter(self, timeout: float = 5.0) -> None:
        """Until another connection (a grab's insert) waits on a lock."""
        deadline = time.monotonic() + timeout
        with self.app.app_context():
            with db.engine.connect() as connection:
                while not connection.execute(sa.text(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                        "AND wait_event_type = 'Lock'")).scalar():
                    assert time.monotonic() < deadline, "nothing ever waited on the envelope's row"
                    time.sleep(0.005)
                    connection.rollback()  # a fresh snapshot of pg_stat_activity each time

    def release(self):
        if self.connection is not None:
            self.connection.rollback()
            self.connection.close()
            self.connection = None

    def __exit__(self, *exc):
        self.release()


def grab_in_thread(app, who, envelope_id, answers, key):
    def run():
        started = time.monotonic()
        response = app.test_client().post(f"/api/v1/envelopes/{envelope_id}/grab", headers=who["headers"])
        answers[key] = (response.status_code, response.get_json(), time.monotonic() - started)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


# -- the group-commit writer ------------------------------------------------------------------------------------

def test_a_grab_stalled_in_the_writer_is_answered_503_and_then_committed_anyway(app, client, catalog, alice):
    """One statement waiting on a lock holds up every grab of the process (no lock/statement timeout on the
    writer), and a request whose wait runs out is answered 503 (its share given back to the gate) while its
    row stays queued and is committed later: "in the database but answered as a failure"."""
    postgres_only(app)
    stuck = create_paid_envelope(app, client, alice)
    other = create_paid_envelope(app, client, alice)
    bob, carol = user(client, "bob"), user(client, "carol")
    answers: dict = {}
    with EnvelopeRowLock(app, stuck["envelope_id"]) as lock:
        first = grab_in_thread(app, bob, stuck["envelope_id"], answers, "bob")
        time.sleep(0.5)
        # carol grabs a different envelope nobody is locking
        second = grab_in_thread(app, carol, other["envelope_id"], answers, "carol")
        second.join(30)
        first.join(30)
        lock.release()
    time.sleep(1.0)  # the writer goes on with the rows it still holds

    carol_status, _, carol_took = answers["carol"]
    bob_status, _, _ = answers["bob"]
    recorded = {"bob": bool(grabs_of(app, bob["id"])), "carol": bool(grabs_of(app, carol["id"]))}
    # Whatever each was answered, the database must agree with it.
    assert {"bob": bob_status == 201, "carol": carol_status == 201} == recorded, (answers, recorded)
    # and a grab of an envelope nobody locks is not held up by another envelope's lock
    assert carol_status == 201 and carol_took < 2, answers["carol"]


# -- expiry and settlement ----------------------------------------------------------------------------------------

def test_an_expired_envelope_is_settled_only_once_a_grab_in_flight_has_landed(app, client, catalog, alice):
    """A grab the gate said yes to just before expiry may still be written after it. Settling at expiry refunded
    the sender all unclaimed premium while that grab could still land and be activated: the same cover refunded
    and given. The envelope expires on time (the gate refuses), and is settled SETTLE_AFTER_EXPIRY later."""
    from app.envelopes.settlement import SETTLE_AFTER_EXPIRY
    from app.envelopes.tasks import expire_envelopes

    envelope = create_paid_envelope(app, client, alice)
    with app.app_context():
        row = db.session.scalars(sa.select(Envelope).where(Envelope.public_id == envelope["envelope_id"])).one()
        expires_at, premium = row.expires_at, row.premium_fen
        db.session.remove()

    def envelope_now():
        with app.app_context():
            try:
                found = db.session.scalars(sa.select(Envelope).where(
                    Envelope.public_id == envelope["envelope_id"])).one()
                refund = db.session.get(Refund, found.refund_id) if found.refund_id else None
                return found.status, found.settled_at, refund.amount_fen if refund else 0
            finally:
                db.session.remove()

    with clock.frozen_at(expires_at + dt.timedelta(seconds=1)):
        with app.app_context():
            expire_envelopes()
        late = grab(client, user(client, "late"), envelope["envelope_id"])
    status, settled_at, refunded = envelope_now()
    assert late.status_code == 410 and (status, settled_at, refunded) == ("expired", None, 0)

    with clock.frozen_at(expires_at + SETTLE_AFTER_EXPIRY + dt.timedelta(seconds=1)):
        with app.app_context():
            expire_envelopes()
    status, settled_at, refunded = envelope_now()
    assert status == "expired" and settled_at is not None and refunded == premium > 0


# -- the Redis gate ------------------------------------------------------------------------------------------------

def test_a_share_held_for_a_request_that_died_is_given_to_its_user(app, client, catalog, alice):
    """The gate handed bob a share and his request never recorded it (it died, or Redis answered after the
    request's timeout and it answered 503). He was told "already grabbed" for 30 seconds with no grab to show (and
    before that, for as long as the gate lived). The share the gate holds for him is his: his next grab records it."""
    envelope = create_paid_envelope(app, client, alice)
    assert grab(client, user(client, "first"), envelope["envelope_id"]).status_code == 201  # the gate is built
    bob = user(client, "bob")
    with app.app_context():
        handed = gate.try_grab(envelope["envelope_id"], bob["id"], clock.now().timestamp())
    assert handed[0] == "ok"

    soon = grab(client, bob, envelope["envelope_id"])
    again = grab(client, bob, envelope["envelope_id"])
    assert soon.status_code == 201 and again.status_code == 409, (soon.get_json(), again.get_json())
    [recorded] = grabs_of(app, bob["id"])
    assert (recorded.public_id, recorded.share_id) == (soon.get_json()["grab_id"], gate.decode_share(handed[1])[0])


def test_an_envelope_a_grab_finds_empty_is_saved_exhausted(app, client, catalog, alice):
    """Under a crowd the last grab to commit may not see the others, and the envelope stays "active". The next grab
    finds the gate empty and marks it exhausted; that mark was rolled back with the 410 the grab answers, so the
    envelope showed "active" with no share left until the periodic job came."""
    envelope = create_paid_envelope(app, client, alice)
    for i in range(5):
        assert grab(client, user(client, f"crowd{i}"), envelope["envelope_id"]).status_code == 201
    with app.app_context():
        db.session.execute(sa.update(Envelope).values(status="active"))  # as the race leaves it
        db.session.commit()
        db.session.remove()
    late = grab(client, user(client, "late"), envelope["envelope_id"])
    with app.app_context():
        status = db.session.scalar(sa.select(Envelope.status))
        db.session.remove()
    assert late.status_code == 410 and status == "exhausted"
