"""A create retried with its Idempotency-Key answers what it created as it is now (docs/api.md).

The founding contract repeated the first answer word for word: a retry after paying was
told "created", with payment details for a payment already made.
"""

from __future__ import annotations

from tests.support import agreement, plan_id, prepay_id_of, run_jobs


def test_a_retry_after_paying_answers_the_paid_order_without_payment_details(app, client, catalog, alice,
                                                                             insured_adult):
    body = {"plan_id": plan_id(client, "accident-basic"), **agreement(client, "accident-basic"),
            "insured": insured_adult}
    headers = dict(alice["headers"], **{"Idempotency-Key": "checkout-then-pay"})
    first = client.post("/api/v1/orders", json=body, headers=headers)
    assert first.status_code == 201 and first.get_json()["status"] == "created"
    unpaid_retry = client.post("/api/v1/orders", json=body, headers=headers)
    assert unpaid_retry.get_json()["pay_params"] == first.get_json()["pay_params"]  # still waiting: pay with these

    client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": prepay_id_of(first.get_json()["pay_params"])})
    run_jobs(app)
    retry = client.post("/api/v1/orders", json=body, headers=headers)
    assert retry.status_code == 201 and retry.headers["Idempotent-Replayed"] == "true"
    answer = retry.get_json()
    assert answer["order_no"] == first.get_json()["order_no"]
    assert answer["status"] == "fulfilled"
    assert answer["pay_params"] is None
    assert answer["policy_no"] == client.get("/api/v1/policies", headers=alice["headers"]).get_json()[0]["policy_no"]


def test_a_retried_envelope_after_paying_answers_it_active_without_payment_details(app, client, catalog, alice):
    body = {"plan_id": plan_id(client, "gift-accident-30d"), "total_coverage_fen": 500_000, "shares": 5,
            "mode": "equal"}
    headers = dict(alice["headers"], **{"Idempotency-Key": "send-then-pay"})
    first = client.post("/api/v1/envelopes", json=body, headers=headers).get_json()
    assert first["status"] == "pending_payment" and first["pay_params"]
    client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": prepay_id_of(first["pay_params"])})
    run_jobs(app)
    retry = client.post("/api/v1/envelopes", json=body, headers=headers).get_json()
    assert (retry["envelope_id"], retry["share_token"]) == (first["envelope_id"], first["share_token"])
    assert retry["status"] == "active" and retry["pay_params"] is None
