from __future__ import annotations

import contextlib

import pytest

from app.envelopes.gate import decode_share
from app.envelopes.gate import keys as gate_keys
from app.extensions import redis_store
from tests.support import config_set, plan_id, prepay_id_of, run_jobs

#: Who decides which share a grab gets (ENVELOPE_GRAB_GATE): tests of the answers run through both.
GATES = ["redis", "postgres"]


def require_gate(backend_env, gate):
    """Skip a test of the PostgreSQL gate on SQLite, which has no SKIP LOCKED."""
    if gate == "postgres" and not backend_env["DATABASE_URL"].startswith("postgres"):
        pytest.skip("ENVELOPE_GRAB_GATE=postgres locks shares with FOR UPDATE SKIP LOCKED, which only "
                    "PostgreSQL has; set DATABASE_URL to a PostgreSQL database to run it")


@contextlib.contextmanager
def grab_gate(app, backend_env, gate):
    """Grabs decided by ``gate`` for the block."""
    require_gate(backend_env, gate)
    with config_set(app, ENVELOPE_GRAB_GATE=gate):
        yield


def create_paid_envelope(app, client, sender, total=5_000_000, shares=5, mode="random", greeting="Stay safe!"):
    """An envelope funded through the sandbox's WeChat Pay, paid and active."""
    response = client.post("/api/v1/envelopes", json={
        "plan_id": plan_id(client, "gift-accident-30d"), "total_coverage_fen": total, "shares": shares,
        "mode": mode, "greeting": greeting}, headers=sender["headers"])
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["status"] == "pending_payment"
    paid = client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": prepay_id_of(body["pay_params"])})
    assert paid.status_code == 200
    run_jobs(app)
    return body


def grab(client, who, envelope_id):
    return client.post(f"/api/v1/envelopes/{envelope_id}/grab", headers=who["headers"])


def gate_state(app, public_id, user_id):
    """The envelope's Redis gate: its free shares (share ids), and the share it holds for ``user_id`` (or None)."""
    with app.app_context():
        k = gate_keys(public_id)
        free = [decode_share(share)[0] for share in redis_store.lrange(k["shares"], 0, -1)]
        held = redis_store.hget(k["grabbed"], user_id)
    return free, decode_share(held)[0] if held else None
