"""Cooling-off: a full refund within 15 days, unless the policy has a claim that is open, approved or paid."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
import sqlalchemy as sa

from app.claims.models import Claim
from app.core import clock
from app.extensions import db
from app.payments.models import Refund
from app.policies.models import Policy
from tests.claims.helpers import (
    CLAIMS,
    PATHS,
    bring_to,
    claim_body,
    file_claim,
    get_claim,
    insurer_update,
    move_fields,
    policy_in_force,
)
from tests.envelopes.helpers import create_paid_envelope, grab
from tests.support import agreement, bearer, login, plan_id, prepay_id_of, run_jobs


@pytest.fixture
def policy_no(app, client, catalog, alice, insured_adult):
    return policy_in_force(app, client, alice, insured_adult)


def cancel(client, who, policy_no):
    return client.post(f"/api/v1/policies/{policy_no}/cancel", headers=who["headers"])


def detail(client, who, policy_no):
    return client.get(f"/api/v1/policies/{policy_no}", headers=who["headers"]).get_json()


def refunds(app) -> list:
    with app.app_context():
        made = list(db.session.scalars(sa.select(Refund)))
        db.session.remove()
    return made


def test_a_new_policy_is_cancellable_until_15_days_after_issue(client, alice, policy_no):
    body = detail(client, alice, policy_no)
    assert body["cancellable"] is True
    issued = dt.datetime.fromisoformat(body["issued_at"])
    assert dt.datetime.fromisoformat(body["cooling_off_ends_at"]) == issued + dt.timedelta(days=15)
    with clock.frozen_at(clock.now() + dt.timedelta(days=15, minutes=1)):
        token = login(client, "alice")["token"]
        later = client.get(f"/api/v1/policies/{policy_no}", headers=bearer(token)).get_json()
    assert later["cancellable"] is False


def test_a_claim_paid_within_15_days_blocks_the_cooling_off_refund(app, client, alice, policy_no):
    claim_no = file_claim(client, alice, policy_no, claimed_fen=100_000)
    for state in PATHS["paid"]:  # the insurer walks it to paid through its webhook: 1,000 yuan
        response = insurer_update(client, claim_no, state, **move_fields(state, paid_fen=100_000))
        assert response.status_code == 200, response.get_json()
    assert get_claim(client, alice, claim_no)["state"] == "paid"
    assert detail(client, alice, policy_no)["cancellable"] is False

    response = cancel(client, alice, policy_no)
    assert response.status_code == 409
    error = response.get_json()["error"]
    assert error["code"] == "claim_exists"
    assert "理赔" in error["message"] and "全额退" in error["message"]
    assert refunds(app) == []
    assert detail(client, alice, policy_no)["status"] == "active"


def test_the_refusal_reads_in_english_for_an_english_reader(app, client, alice, policy_no):
    file_claim(client, alice, policy_no)
    response = client.post(f"/api/v1/policies/{policy_no}/cancel",
                           headers=dict(alice["headers"], **{"Accept-Language": "en"}))
    assert response.status_code == 409
    assert "claim" in response.get_json()["error"]["message"]


@pytest.mark.parametrize("state", ["submitted", "more_info_required", "approved"])
def test_an_open_or_approved_claim_blocks_the_refund_and_the_claim_goes_on(app, client, alice, policy_no, state):
    claim_no = file_claim(client, alice, policy_no)
    bring_to(app, client, alice, claim_no, state)
    response = cancel(client, alice, policy_no)
    assert response.status_code == 409 and response.get_json()["error"]["code"] == "claim_exists"
    assert refunds(app) == []
    assert get_claim(client, alice, claim_no)["state"] == state


@pytest.mark.parametrize("state", ["withdrawn", "rejected"])
def test_a_withdrawn_or_rejected_claim_does_not_block_the_refund(app, client, alice, policy_no, state):
    claim_no = file_claim(client, alice, policy_no)
    bring_to(app, client, alice, claim_no, state)
    assert detail(client, alice, policy_no)["cancellable"] is True
    response = cancel(client, alice, policy_no)
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["status"] == "cancelling"
    assert response.get_json()["cancellable"] is False
    assert [refund.reason for refund in refunds(app)] == ["cooling_off"]


def test_the_list_says_when_a_cancelled_policys_cover_ended(app, client, catalog, alice, insured_adult):
    # The mini-program's list shows a cancelled policy as ended that day, not as covered to the end it was sold with.
    kept = policy_in_force(app, client, alice, insured_adult)
    order = client.post("/api/v1/orders", json={"plan_id": plan_id(client, "accident-basic"),
                                               **agreement(client, "accident-basic"), "insured": insured_adult},
                        headers=alice["headers"]).get_json()
    paid = client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": prepay_id_of(order["pay_params"])})
    assert paid.status_code == 200, paid.get_json()
    run_jobs(app)  # WeChat's payment notification, then (after the cancel) its refund's
    policy_no = client.get(f"/api/v1/orders/{order['order_no']}", headers=alice["headers"]).get_json()["policy_no"]
    assert cancel(client, alice, policy_no).status_code == 200
    run_jobs(app)

    listed = {item["policy_no"]: item for item in client.get("/api/v1/policies", headers=alice["headers"]).get_json()}
    cancelled = detail(client, alice, policy_no)
    assert cancelled["status"] == listed[policy_no]["status"] == "cancelled"
    assert cancelled["cancelled_at"] is not None
    assert listed[policy_no]["cancelled_at"] == cancelled["cancelled_at"]
    assert dt.datetime.fromisoformat(listed[policy_no]["cancelled_at"]) < dt.datetime.fromisoformat(
        listed[policy_no]["ends_at"])
    assert listed[kept]["status"] == "active" and listed[kept]["cancelled_at"] is None


def test_a_claim_and_a_cancellation_at_the_same_moment_never_both_go_through(app, client, catalog, alice,
                                                                          insured_adult):
    """Filing locks the policy's row as cancelling does: whichever comes second sees the first."""
    start = threading.Barrier(2)
    results = {}

    def run(name, call):
        with app.test_client() as own:
            start.wait()
            results[name] = call(own)

    for _round in range(3):
        number = policy_in_force(app, client, alice, insured_adult)
        start.reset()
        results.clear()
        threads = [
            threading.Thread(target=run, args=("claim", lambda own: own.post(
                CLAIMS, json=claim_body(number), headers=alice["headers"]).status_code)),
            threading.Thread(target=run, args=("cancel", lambda own: own.post(
                f"/api/v1/policies/{number}/cancel", headers=alice["headers"]).status_code)),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(results.values()) in ([201, 409], [200, 422]), results
        with app.app_context():
            claims = db.session.scalar(sa.select(sa.func.count()).select_from(Claim).join(
                Policy, Policy.id == Claim.policy_id).where(Policy.policy_no == number))
            db.session.remove()
        assert claims == (1 if results["claim"] == 201 else 0)


def test_gift_cover_has_no_cooling_off_refund(app, client, catalog, alice, bob, insured_adult):
    envelope = create_paid_envelope(app, client, alice)
    grab_id = grab(client, bob, envelope["envelope_id"]).get_json()["grab_id"]
    activated = client.post(f"/api/v1/envelope-grabs/{grab_id}/activate", json={"insured": insured_adult, **agreement(client, "gift-accident")},
                            headers=bob["headers"])
    assert activated.status_code == 201, activated.get_json()
    body = detail(client, bob, activated.get_json()["policy_no"])
    assert body["source"] == "envelope"
    assert body["cooling_off_ends_at"] is None and body["cancellable"] is False
