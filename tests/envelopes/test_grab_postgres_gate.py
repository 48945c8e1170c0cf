"""Grabs decided by PostgreSQL alone (``ENVELOPE_GRAB_GATE=postgres``): the same answers as through
the Redis gate (the grab and crowd tests in test_envelopes.py and test_grab_under_load.py run
through both; bench/README.md compares their speed)."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from app.core import clock
from app.envelopes.models import Envelope, EnvelopeGrab
from app.extensions import db
from tests.envelopes.helpers import create_paid_envelope, grab, require_gate
from tests.support import config_set, login, plan_id


@pytest.fixture(autouse=True)
def postgres_only(backend_env):
    require_gate(backend_env, "postgres")


@pytest.fixture
def postgres_gate(app):
    with config_set(app, ENVELOPE_GRAB_GATE="postgres"):
        yield


def user(client, name):
    return {"headers": {"Authorization": f"Bearer {login(client, name)['token']}"}}


def test_unknown_and_unpaid_envelopes_answer_as_through_the_redis_gate(app, client, catalog, alice,
                                                                       postgres_gate):
    """(Grabbing, emptying and repeating run through both gates in test_envelopes.py.)"""
    friend = user(client, "friend0")
    assert grab(client, friend, "no-such-envelope").status_code == 404
    unpaid = client.post("/api/v1/envelopes", json={
        "plan_id": plan_id(client, "gift-accident-30d"), "total_coverage_fen": 1_000_000, "shares": 2,
        "mode": "equal"}, headers=alice["headers"]).get_json()
    not_active = grab(client, friend, unpaid["envelope_id"])
    assert not_active.status_code == 409 and not_active.get_json()["error"]["code"] == "envelope_not_active"


def test_an_expired_envelope_is_410_and_a_repeat_is_409_before_it(app, client, catalog, alice, bob, postgres_gate):
    paid = create_paid_envelope(app, client, alice)
    assert grab(client, bob, paid["envelope_id"]).status_code == 201
    again = grab(client, bob, paid["envelope_id"])
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "already_grabbed"
    with clock.frozen_at(clock.now() + dt.timedelta(hours=24, seconds=1)):
        late = grab(client, user(client, "carol"), paid["envelope_id"])
    assert late.status_code == 410 and late.get_json()["error"]["code"] == "envelope_expired"
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(EnvelopeGrab)) == 1
        assert db.session.scalar(sa.select(Envelope.status)) == "active"


def test_switching_gates_midway_gives_no_share_twice(app, client, catalog, alice):
    """Grabs through Redis, then PostgreSQL, then Redis again (its gate now stale)."""
    paid = create_paid_envelope(app, client, alice)
    people = [user(client, f"p{i}") for i in range(6)]
    statuses = [grab(client, people[0], paid["envelope_id"]).status_code]
    with config_set(app, ENVELOPE_GRAB_GATE="postgres"):
        statuses += [grab(client, who, paid["envelope_id"]).status_code for who in people[1:3]]
    statuses += [grab(client, who, paid["envelope_id"]).status_code for who in people[1:]]
    assert statuses == [201, 201, 201, 409, 409, 201, 201, 410]
    with app.app_context():
        shares = db.session.scalars(sa.select(EnvelopeGrab.share_id)).all()
        assert len(shares) == len(set(shares)) == 5
        assert db.session.scalar(sa.select(sa.func.sum(EnvelopeGrab.coverage_fen))) == 5_000_000
