"""Grabs decided by PostgreSQL alone (``ENVELOPE_GRAB_GATE=postgres``): the same answers and the
same exactness under a crowd as through the Redis gate (bench/README.md compares their speed)."""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import threading

import pytest
import requests
import sqlalchemy as sa

from app.core import clock
from app.envelopes.models import Envelope, EnvelopeGrab
from app.extensions import db, redis_store
from tests.envelopes.helpers import create_paid_envelope, grab
from tests.envelopes.test_grab_under_load import recorded_grabs
from tests.support import GunicornServer, config_set, login, make_users, plan_id


@pytest.fixture(autouse=True)
def postgres_only(backend_env):
    if not backend_env["DATABASE_URL"].startswith("postgres"):
        pytest.skip("ENVELOPE_GRAB_GATE=postgres locks shares with FOR UPDATE SKIP LOCKED, which only "
                    "PostgreSQL has; set DATABASE_URL to a PostgreSQL database to run these")


@pytest.fixture
def postgres_gate(app):
    with config_set(app, ENVELOPE_GRAB_GATE="postgres"):
        yield


def user(client, name):
    return {"headers": {"Authorization": f"Bearer {login(client, name)['token']}"}}


@pytest.mark.slow
def test_200_threads_on_a_50_share_envelope_get_exactly_50_grabs_without_redis_deciding(
        app, client, catalog, alice, backend_env):
    total = 50 * 300_000
    envelope = create_paid_envelope(app, client, alice, total=total, shares=50, mode="random")
    tokens = make_users(app, 200)
    url_path = f"/api/v1/envelopes/{envelope['envelope_id']}/grab"
    with GunicornServer(dict(backend_env, ENVELOPE_GRAB_GATE="postgres")) as server:
        start = threading.Barrier(200)

        def grab_as(token):
            start.wait()
            return requests.post(server.url + url_path, headers={"Authorization": f"Bearer {token}"}, timeout=60)

        with concurrent.futures.ThreadPoolExecutor(max_workers=200) as pool:
            responses = list(pool.map(grab_as, tokens))
        server_log = server.log_tail()

    statuses = [r.status_code for r in responses]
    assert statuses.count(201) == 50, server_log
    assert statuses.count(410) == 150, server_log
    winners = {r.json()["grab_id"]: r.json()["coverage_fen"] for r in responses if r.status_code == 201}
    rows = recorded_grabs(app)
    assert {row.public_id: row.coverage_fen for row in rows} == winners
    assert len({row.user_id for row in rows}) == 50
    assert len({row.share_id for row in rows}) == 50
    assert sum(row.coverage_fen for row in rows) == total
    with app.app_context():
        assert not redis_store.keys("{envelope:*"), "the Redis gate was never built"


def test_the_answers_are_those_of_the_redis_gate(app, client, catalog, alice, postgres_gate):
    paid = create_paid_envelope(app, client, alice)
    friends = [user(client, f"friend{i}") for i in range(6)]
    results = [grab(client, friend, paid["envelope_id"]) for friend in friends]
    assert [r.status_code for r in results] == [201] * 5 + [410]
    assert results[-1].get_json()["error"]["code"] == "envelope_empty"
    coverages = [r.get_json()["coverage_fen"] for r in results[:5]]
    assert sum(coverages) == 5_000_000 and all(c >= 100_000 for c in coverages)
    repeat = grab(client, friends[0], paid["envelope_id"])
    assert repeat.status_code == 409 and repeat.get_json()["error"]["code"] == "already_grabbed"
    body = client.get(f"/api/v1/envelopes/{paid['envelope_id']}", headers=alice["headers"]).get_json()
    assert body["status"] == "exhausted" and body["shares_left"] == 0

    assert grab(client, friends[0], "no-such-envelope").status_code == 404
    unpaid = client.post("/api/v1/envelopes", json={
        "plan_id": plan_id(client, "gift-accident-30d"), "total_coverage_fen": 1_000_000, "shares": 2,
        "mode": "equal"}, headers=alice["headers"]).get_json()
    not_active = grab(client, friends[0], unpaid["envelope_id"])
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
