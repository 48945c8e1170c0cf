"""Three weaknesses a review suspected in the renewal pass and in how a deduction's result is applied (review of
the renewal pass), each driven as production drives it: the user, the renewal command, and WeChat answering on the
wire. Each test failed on the code before its fix."""

from __future__ import annotations

import base64
import datetime as dt
import logging

import pytest
import sqlalchemy as sa

from app.core import clock
from app.extensions import db
from app.payments.models import PaymentNotification
from app.policies.models import Policy
from app.renewals.models import Renewal, RenewalCharge
from tests.payments.v3_helpers import notification, post, transaction
from tests.renewals.test_reconcile import cli
from tests.renewals.test_review_weaknesses import hold_back, lose_notifications, release
from tests.renewals.test_stopping import next_charge_day, signed_policy
from tests.renewals.test_walk import beijing, policy, renewals_run
from tests.support import bearer, login, run_jobs, wechat_answering_through


def _unreadable(token: str) -> str:
    """A stored ciphertext that no longer reads (its key gone, the row damaged): one byte of it changed."""
    raw = bytearray(base64.urlsafe_b64decode(token.encode()))
    raw[-1] ^= 0xFF
    return base64.urlsafe_b64encode(bytes(raw)).decode()


def test_one_renewal_that_fails_does_not_stop_the_pass(app, client, catalog, alice, bob, insured_adult, caplog):
    """Alice's policy row holds an insured's identity number that no longer decrypts, so her renewal's step raises
    (the age check reads it before scheduling). The pass caught only WeChat's errors: it stopped at her renewal, on
    every run, and Bob's renewal, behind hers, was never scheduled nor charged: his cover ran out. Her renewal is
    counted failed and logged at error level; his is scheduled and charged."""
    first, _ = signed_policy(app, client, alice, insured_adult)
    second, _ = signed_policy(app, client, bob, insured_adult)
    with app.app_context():
        policy_id = db.session.scalar(sa.select(Renewal.policy_id).order_by(Renewal.id).limit(1))
        stored = db.session.get(Policy, policy_id)
        stored.insured_id_encrypted = _unreadable(stored.insured_id_encrypted)
        db.session.commit()
        db.session.remove()
    day = next_charge_day(policy(client, bob, second["order_no"]))
    with caplog.at_level(logging.ERROR):
        scheduling = _failing_pass(app, beijing(day - dt.timedelta(days=1), 9))
    assert "failed=1" in scheduling and "scheduled=1" in scheduling, scheduling
    assert any(record.levelno >= logging.ERROR and record.exc_info for record in caplog.records), caplog.records
    charging = _failing_pass(app, beijing(day, 9))
    assert "failed=1" in charging and "submitted=1" in charging, charging
    assert [p["status"] for p in policy(client, bob, second["order_no"])["renewal"]["periods"]] == ["paid", "paid"]
    assert [p["status"] for p in policy(client, alice, first["order_no"])["renewal"]["periods"]] == ["paid"]


def _failing_pass(app, moment: dt.datetime) -> str:
    """``flask renewals run`` when a renewal fails: the others go on, and the command exits non-zero (it exited 0,
    and a scheduler that alerts on the exit status never told anyone), saying how many failed."""
    result = app.test_cli_runner().invoke(args=["renewals", "run", "--now", moment.isoformat()])
    assert result.exit_code == 1, result.output
    assert "1 renewal(s) failed" in result.output, result.output
    run_jobs(app)
    return result.output


def _deduction(app, charge: RenewalCharge, trade_state: str, **changes) -> dict:
    """WeChat's resource for one of our deductions (``trade_type`` PAP)."""
    return transaction(app, charge.out_trade_no, charge.amount_fen, trade_type="PAP", trade_state=trade_state,
                       **changes)


def _charge(app) -> RenewalCharge:
    with app.app_context():
        charge = db.session.scalars(sa.select(RenewalCharge).order_by(RenewalCharge.id.desc()).limit(1)).one()
        db.session.expunge(charge)
        db.session.remove()
    return charge


@pytest.mark.parametrize("success_time", ["9999-12-31T23:59:59+08:00", "in three days"])
def test_a_success_time_ahead_of_our_clock_is_read_as_now(app, client, catalog, alice, insured_adult, success_time):
    """A signed TRANSACTION.SUCCESS for period 2's charge, made on its due day, says it was paid in year 9999: the end
    of its cover could not be computed (a 500, and WeChat delivered it again for ever, the period never paid). One
    three days ahead started the cover three days late: a gap in cover the user paid for. A success time more than
    a few minutes ahead of our clock is read as now: cover runs on from period 1's end."""
    order, _ = signed_policy(app, client, alice, insured_adult)
    before = policy(client, alice, order["order_no"])
    day = next_charge_day(before)
    renewals_run(app, beijing(day - dt.timedelta(days=1), 9))
    assert "submitted=1" in cli(app, beijing(day, 9))
    lose_notifications(app)
    charge = _charge(app)
    paid = beijing(day, 9, 1)
    if success_time == "in three days":
        success_time = (paid + dt.timedelta(days=3)).isoformat()
    with clock.frozen_at(paid):
        headers, body = notification(app, "TRANSACTION.SUCCESS", _deduction(app, charge, "SUCCESS",
                                                                           success_time=success_time))
        answer = post(client, headers, body)
    assert answer.status_code in (200, 204), (answer.status_code, answer.get_data())
    shown = policy(client, alice, order["order_no"])
    periods = shown["renewal"]["periods"]
    assert [p["status"] for p in periods] == ["paid", "paid"], periods
    assert periods[1]["starts_at"] == periods[0]["ends_at"] == before["ends_at"]
    assert shown["ends_at"] == periods[1]["ends_at"] > before["ends_at"]


def _stop(client, policy_no: str, at: dt.datetime) -> None:
    with clock.frozen_at(at):
        headers = bearer(login(client, "alice")["token"])
        stopped = client.delete(f"/api/v1/policies/{policy_no}/renewal", headers=headers)
    assert stopped.status_code == 200, stopped.get_json()


def _flagged(app, out_trade_no: str) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(sa.select(PaymentNotification.outcome).where(
            PaymentNotification.out_trade_no == out_trade_no, PaymentNotification.kind == "TRANSACTION.SUCCESS")))


def _period_2_charged_and_its_success_held_back(app, client, alice, insured_adult):
    """Period 2 charged on its day at 09:00, WeChat's success notification held back: (order, the policy as shown
    before, the charge's day, the held notification)."""
    order, _ = signed_policy(app, client, alice, insured_adult)
    before = policy(client, alice, order["order_no"])
    day = next_charge_day(before)
    renewals_run(app, beijing(day - dt.timedelta(days=1), 9))
    assert "submitted=1" in cli(app, beijing(day, 9))
    held = hold_back(app, "TRANSACTION.SUCCESS")
    assert held
    return order, before, day, held


def test_a_success_after_a_reported_failure_pays_its_period(app, client, catalog, alice, insured_adult):
    """WeChat first reported period 2's charge failed (TRANSACTION.FAIL: the bank's answer was slow), then that it
    succeeded, with the money taken. The success was answered "duplicate" and ignored: the premium taken, the period
    left unpaid (the user shown renewal retrying, an accident in that month not covered), and the next day's charge
    refused by WeChat, the period being paid there. The period is paid and covered; the success is flagged for an
    operator."""
    order, before, day, held = _period_2_charged_and_its_success_held_back(app, client, alice, insured_adult)
    charge = _charge(app)
    with clock.frozen_at(beijing(day, 9, 1)):
        headers, body = notification(app, "TRANSACTION.FAIL", _deduction(
            app, charge, "PAY_FAIL", trade_state_desc="银行处理超时", success_time=None))
        assert post(client, headers, body).status_code in (200, 204)
    run_jobs(app)
    assert policy(client, alice, order["order_no"])["renewal"]["status"] == "retrying"
    release(app, held)  # WeChat: it succeeded after all
    shown = policy(client, alice, order["order_no"])
    assert shown["renewal"]["status"] == "active", shown["renewal"]
    assert [p["status"] for p in shown["renewal"]["periods"]] == ["paid", "paid"]
    assert shown["ends_at"] == shown["renewal"]["periods"][1]["ends_at"] > before["ends_at"]
    assert _flagged(app, charge.out_trade_no) == ["flagged"]
    assert "nothing" in renewals_run(app, beijing(day + dt.timedelta(days=1), 9))  # nothing charged again
    with app.app_context():
        assert [c.status for c in db.session.scalars(sa.select(RenewalCharge))] == ["succeeded"]


class _OrderQueryNotFound:
    """WeChat's order query answering ORDER_NOT_EXIST (its record of a deduction lagging behind the charge) for
    every deduction; the other calls passed on."""

    def __init__(self, inner):
        self.inner = inner

    def send(self, request, **kwargs):
        import requests

        if request.method == "GET" and "/v3/pay/transactions/out-trade-no/RCD" in request.url:
            response = requests.Response()
            response.status_code = 404
            response._content = '{"code":"ORDER_NOT_EXIST","message":"订单不存在"}'.encode()
            response.headers["Content-Type"] = "application/json"
            response.request, response.url = request, request.url
            return response
        return self.inner.send(request, **kwargs)

    def close(self):
        self.inner.close()


def test_a_success_for_a_charge_settled_as_never_made_pays_its_period(app, client, catalog, alice, insured_adult):
    """Period 2's charge was sent at 09:00 and WeChat took the money; its notification was late. The user stopped
    renewal at 10:00, and the 11:00 pass asked WeChat about the charge, whose order query did not know it yet: the
    charge was settled as never made. Then WeChat's success came and was ignored (a duplicate): the premium taken
    for a month shown dropped, no cover. Money taken before the stop pays its period (as a charge still in flight
    does), flagged for an operator."""
    order, before, day, held = _period_2_charged_and_its_success_held_back(app, client, alice, insured_adult)
    _stop(client, before["policy_no"], beijing(day, 10))
    run_jobs(app)
    with wechat_answering_through(app, _OrderQueryNotFound):
        cli(app, beijing(day, 11))
    charge = _charge(app)
    assert (charge.status, charge.failure) == ("failed", "NOT_SENT")
    release(app, held)
    shown = policy(client, alice, order["order_no"])
    assert shown["renewal"]["status"] == "cancelled"
    assert [p["status"] for p in shown["renewal"]["periods"]] == ["paid", "paid"], shown["renewal"]
    assert shown["ends_at"] == shown["renewal"]["periods"][1]["ends_at"] > before["ends_at"]
    assert _flagged(app, charge.out_trade_no) == ["flagged"]
    with app.app_context():
        headers, body = db.session.execute(sa.select(PaymentNotification.headers, PaymentNotification.body).where(
            PaymentNotification.out_trade_no == charge.out_trade_no)).one()
    assert post(client, headers, body.encode()).status_code in (200, 204)  # WeChat's retry: nothing more
    assert policy(client, alice, order["order_no"]) == shown
