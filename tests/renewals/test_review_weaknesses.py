"""Weaknesses a review suspected in monthly renewal, each driven as the user, WeChat and the renewal command
would drive it. Each test failed on the code before its fix."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import requests
import sqlalchemy as sa

from app.core import clock
from app.core.jobs import QUEUES
from app.extensions import db, redis_store
from app.payments.models import Payment
from app.renewals.models import RenewalCharge
from app.sandbox.deliveries import EVENT_KEY
from tests.renewals.test_notices import TEMPLATE as NOTICE
from tests.renewals.test_notices import messages
from tests.renewals.test_reconcile import cli
from tests.renewals.test_stopping import next_charge_day, signed_policy
from tests.renewals.test_walk import beijing, buy_monthly, policy, renewals_run, sign
from tests.support import app_without_wechat, bearer, login, prepay_id_of, run_jobs, wechat_answering_through
from tests.wechat.test_papay import openid_of
from tests.renewals.helpers import signed_without_its_payment


def lose_notifications(app) -> None:
    """Every notification WeChat has queued so far never reaches us (WeChat gave up on them)."""
    with app.app_context():
        for name in QUEUES:
            redis_store.single.delete(f"rq:queue:{name}", f"rq:scheduled:{name}")


def test_a_charge_in_flight_when_the_user_stops_renewal_is_still_settled(app, client, catalog, alice,
                                                                         insured_adult):
    """WeChat took period 2's premium at 09:00; its result notification never came; the user stopped renewal at
    10:00. The money was taken before the stop, so the period it paid for must be cover the user holds: the
    pass asks WeChat about the charge although the renewal has ended."""
    order, _ = signed_policy(app, client, alice, insured_adult)
    before = policy(client, alice, order["order_no"])
    day = next_charge_day(before)
    renewals_run(app, beijing(day - dt.timedelta(days=1), 9))
    assert "submitted=1" in cli(app, beijing(day, 9))
    lose_notifications(app)
    with clock.frozen_at(beijing(day, 10)):
        headers = bearer(login(client, "alice")["token"])
        stopped = client.delete(f"/api/v1/policies/{before['policy_no']}/renewal", headers=headers)
        assert stopped.status_code == 200, stopped.get_json()
        run_jobs(app)
    renewals_run(app, beijing(day, 11))
    renewals_run(app, beijing(day + dt.timedelta(days=1), 9))
    shown = policy(client, alice, order["order_no"])
    assert (shown["renewal"]["status"], shown["renewal"]["end_reason"]) == ("cancelled", "merchant")
    periods = shown["renewal"]["periods"]
    assert [p["status"] for p in periods] == ["paid", "paid"], periods
    assert shown["ends_at"] == periods[1]["ends_at"] > before["ends_at"]
    assert shown["renewal"]["next_charge_on"] is None


def test_a_charge_wechat_never_received_is_sent_again_only_in_wechats_hours(app, backend_env, client, catalog, alice,
                                                                            insured_adult):
    """At 19:45 the pass records period 2's charge and WeChat cannot be reached: the charge never arrives. The
    passes at 19:55 (WeChat's closing margin) and 20:05 must not send it again then (WeChat refuses deductions after 20:00, which failed the charge:
    "charge failed" told to a user who was never declined, renewal shown retrying); it is sent the next morning,
    under its own number, and pays the period."""
    order, _ = signed_policy(app, client, alice, insured_adult)
    openid = openid_of(client, alice)
    assert client.post("/sandbox/wechat/subscribe/accept", json={"openid": openid, "template_ids": [NOTICE]}
                       ).status_code == 200
    assert client.post("/api/v1/subscriptions", json={"template_ids": {NOTICE: "accept"}},
                       headers=alice["headers"]).status_code == 200
    day = next_charge_day(policy(client, alice, order["order_no"]))
    renewals_run(app, beijing(day - dt.timedelta(days=1), 9))
    offline = app_without_wechat(backend_env)
    assert "postponed=1" in cli(offline, beijing(day, 19, 45))
    renewals_run(app, beijing(day, 19, 55))
    renewals_run(app, beijing(day, 20, 5))
    renewals_run(app, beijing(day + dt.timedelta(days=1), 0, 5))
    shown = policy(client, alice, order["order_no"])
    assert shown["renewal"]["status"] == "active", shown["renewal"]
    assert messages(client, openid) == []  # nobody declined anything
    renewals_run(app, beijing(day + dt.timedelta(days=1), 7, 55))
    assert policy(client, alice, order["order_no"])["renewal"]["periods"][1]["status"] == "scheduled"
    renewals_run(app, beijing(day + dt.timedelta(days=1), 8, 5))
    shown = policy(client, alice, order["order_no"])
    assert [p["status"] for p in shown["renewal"]["periods"]] == ["paid", "paid"]
    assert shown["renewal"]["status"] == "active" and messages(client, openid) == []
    with app.app_context():
        assert [(c.status, c.failure) for c in db.session.scalars(sa.select(RenewalCharge))] == [("succeeded", None)]


def hold_back(app, event_type: str) -> list:
    """WeChat's notifications of ``event_type`` queued so far are held back (late): the jobs, to release later."""
    from rq import Queue

    held = []
    with app.app_context():
        for name in QUEUES:
            queue = Queue(name, connection=redis_store.single)
            for job in queue.jobs:
                raw = redis_store.single.get(EVENT_KEY + str(job.args[0])) if job.args else None
                if raw and json.loads(raw)["event_type"] == event_type:
                    queue.remove(job)
                    held.append((name, job))
    return held


def release(app, held: list) -> None:
    from rq import Queue

    with app.app_context():
        for name, job in held:
            Queue(name, connection=redis_store.single).enqueue_job(job)
    run_jobs(app)


def test_paying_by_hand_after_signing_neither_fails_nor_charges_twice(app, client, catalog, alice, insured_adult):
    """The user signed at WeChat, which paid the first month with it; the SIGN notification came, the payment's
    is late, and the user, back in the mini-program and seeing no policy yet, asks to pay by hand (/pay). The
    order is paid already: a 409 saying so (never a 5xx), no second payment, and once the payment's notification
    comes the policy renews on the contract the user signed."""
    order = buy_monthly(client, alice, insured_adult)
    contract_id = sign(client, order["contract"])
    held = hold_back(app, "TRANSACTION.SUCCESS")
    assert held
    run_jobs(app)  # the SIGN arrives
    paid_by_hand = client.post(f"/api/v1/orders/{order['order_no']}/pay", headers=alice["headers"])
    assert paid_by_hand.status_code == 409, (paid_by_hand.status_code, paid_by_hand.get_json())
    assert paid_by_hand.get_json()["error"]["code"] == "order_not_payable"
    release(app, held)
    shown = policy(client, alice, order["order_no"])
    assert (shown["renewal"]["status"], shown["renewal"]["contract_id"]) == ("active", contract_id)
    assert [p["status"] for p in shown["renewal"]["periods"]] == ["paid"]
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Payment)) == 1


def test_paying_by_hand_after_a_signing_that_did_not_pay_ends_the_contract(app, client, catalog, alice,
                                                                          insured_adult):
    """WeChat told us the contract is signed, but the first month was not paid with it (WeChat signed this
    order's contract code without the payment). The user pays by hand (/pay): a one-month policy, so the contract
    must not stay in force at WeChat with nothing behind it (it showed in WeChat's 自动续费 settings and took one of
    the user's 10 places under the template)."""
    order = buy_monthly(client, alice, insured_adult)
    contract_id = signed_without_its_payment(app, client, alice, order["order_no"])
    run_jobs(app)  # the SIGN arrives; no payment
    paid_by_hand = client.post(f"/api/v1/orders/{order['order_no']}/pay", headers=alice["headers"])
    assert paid_by_hand.status_code == 200, paid_by_hand.get_json()
    prepay_id = prepay_id_of(paid_by_hand.get_json()["pay_params"])
    assert client.post("/sandbox/wechat/pay/confirm", json={"prepay_id": prepay_id}).status_code == 200
    run_jobs(app)
    shown = policy(client, alice, order["order_no"])
    assert shown["status"] == "active" and shown["renewal"] is None
    # The contract was ended at WeChat: the user finds nothing left to end in WeChat's settings.
    assert client.post("/sandbox/wechat/papay/terminate", json={"contract_id": contract_id}).status_code == 409


class _Unreachable(requests.adapters.BaseAdapter):
    """WeChat's network failing for the calls ``fails`` picks (the connection drops before the request reaches
    WeChat, or, ``answer_lost``, after WeChat acted on it), the others passed on."""

    def __init__(self, inner, fails, answer_lost):
        super().__init__()
        self.inner, self.fails, self.answer_lost = inner, fails, answer_lost

    def send(self, request, **kwargs):
        if not self.fails(request):
            return self.inner.send(request, **kwargs)
        if self.answer_lost:
            self.inner.send(request, **kwargs)
        raise requests.ConnectionError("connection reset by peer")

    def close(self):
        self.inner.close()


def wechat_failing(app, fails, answer_lost=False):
    return wechat_answering_through(app, lambda adapter: _Unreachable(adapter, fails, answer_lost))


@pytest.mark.parametrize("lost", ["schedule", "renew_answer"])
def test_a_renewed_contract_whose_step_failed_still_books_its_periods(app, client, catalog, alice, insured_adult,
                                                                       lost):
    """Scheduling period 12 (the last the contract held) renews the contract at WeChat first. Then WeChat cannot
    be reached for the schedule (or the renewal's own answer is lost on the way back), and the pass's unit of work
    rolls back our count of the contract's periods while WeChat holds the new ones. The next pass asked WeChat to
    renew the same periods again, was refused every time, and period 12 was never booked nor charged: the policy
    lapsed with no charge tried."""
    order, _ = signed_policy(app, client, alice, insured_adult)
    for _ in range(10):  # periods 2 to 11
        day = next_charge_day(policy(client, alice, order["order_no"]))
        renewals_run(app, beijing(day - dt.timedelta(days=1), 9))
        renewals_run(app, beijing(day, 9))
    day = next_charge_day(policy(client, alice, order["order_no"]))
    failing = "/policy-period-id/12/schedule" if lost == "schedule" else "/renew"
    with wechat_failing(app, lambda request: request.method == "POST" and request.url.endswith(failing),
                        answer_lost=lost == "renew_answer"):
        assert "postponed=1" in renewals_run(app, beijing(day - dt.timedelta(days=1), 9))
    assert "scheduled=1" in renewals_run(app, beijing(day - dt.timedelta(days=1), 10))
    renewals_run(app, beijing(day, 9))
    for _ in range(2):  # and on: periods 13 and 14, from the periods the renewal added
        day = next_charge_day(policy(client, alice, order["order_no"]))
        renewals_run(app, beijing(day - dt.timedelta(days=1), 9))
        renewals_run(app, beijing(day, 9))
    shown = policy(client, alice, order["order_no"])
    assert shown["renewal"]["status"] == "active"
    assert [p["n"] for p in shown["renewal"]["periods"] if p["status"] == "paid"] == list(range(1, 15))


def sweep_at(app, moment: dt.datetime) -> dict:
    """The money core's periodic sweep of unpaid orders, as the job worker runs it, at ``moment``."""
    from app.payments.tasks import sweep_unpaid_orders

    with app.app_context(), clock.frozen_at(moment):
        return sweep_unpaid_orders()


def test_a_first_month_paid_while_signing_is_found_when_its_notification_is_lost(app, client, catalog, alice,
                                                                                 insured_adult):
    """Signing paid the first month; WeChat's notification of that payment never reached us. The unpaid-order
    sweep asks WeChat about every unpaid order, but only those with a prepay, and an order paid by signing has
    none: the premium was taken, the order stayed unpaid, no policy."""
    order = buy_monthly(client, alice, insured_adult)
    sign(client, order["contract"])
    assert hold_back(app, "TRANSACTION.SUCCESS")  # and never released
    run_jobs(app)  # the SIGN arrives
    sweep_at(app, clock.now() + dt.timedelta(minutes=4))
    body = client.get(f"/api/v1/orders/{order['order_no']}", headers=alice["headers"]).get_json()
    assert body["status"] == "fulfilled", body
    shown = policy(client, alice, order["order_no"])
    assert shown["status"] == "active" and shown["renewal"]["status"] == "active"


def test_an_auto_renew_order_left_unsigned_closes_after_thirty_minutes(app, client, catalog, alice, insured_adult):
    """An order with auto-renewal the user never signed stayed awaiting payment for ever (the sweep skipped it: no
    prepay), so twenty days later a fresh contract could still be asked for and signed, charging a full month for
    cover that ends a month after the order was made: ten days."""
    order = buy_monthly(client, alice, insured_adult)
    # Closed once a pre-sign offered in its 30 minutes can no longer pay it (WeChat keeps one 10 minutes).
    sweep_at(app, clock.now() + dt.timedelta(minutes=42))
    body = client.get(f"/api/v1/orders/{order['order_no']}", headers=alice["headers"]).get_json()
    assert body["status"] == "closed", body
    with clock.frozen_at(clock.now() + dt.timedelta(days=20)):
        headers = bearer(login(client, "alice")["token"])
        late = client.post(f"/api/v1/orders/{order['order_no']}/contract", headers=headers)
    assert late.status_code == 409 and late.get_json()["error"]["code"] == "order_not_payable"


def test_a_signing_whose_notification_is_lost_still_renews(app, client, catalog, alice, insured_adult):
    """The user signed and paid the first month; the payment's notification came, the SIGN's never did. The
    renewal waited for it for ever: no month was ever charged and cover ended after the first, with the
    contract in force at WeChat. The pass asks WeChat about the contract of a paid renewal still unsigned."""
    order = buy_monthly(client, alice, insured_adult)
    contract_id = sign(client, order["contract"])
    assert hold_back(app, "INSURANCE_ENTRUST.SIGN")  # and never released
    run_jobs(app)  # the payment arrives
    shown = policy(client, alice, order["order_no"])
    assert shown["renewal"]["status"] == "pending"
    # Period 1's last covered day (its end is midnight Beijing, the day before in UTC).
    day = dt.datetime.fromisoformat(shown["renewal"]["periods"][0]["ends_at"]).date()
    renewals_run(app, beijing(day - dt.timedelta(days=1), 9))
    renewals_run(app, beijing(day, 9))
    shown = policy(client, alice, order["order_no"])
    assert (shown["renewal"]["status"], shown["renewal"]["contract_id"]) == ("active", contract_id)
    assert [p["status"] for p in shown["renewal"]["periods"]] == ["paid", "paid"]
