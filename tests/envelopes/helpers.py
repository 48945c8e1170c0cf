from __future__ import annotations

from tests.support import plan_id, prepay_id_of, run_jobs


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
