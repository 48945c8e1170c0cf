"""Insurance contract deduction (WeChat Pay v3) end to end against the sandbox: our client signs, schedules,
charges, terminates and renews; the sandbox holds WeChat's windows and limits and notifies our webhook,
which verifies, decrypts and announces each event (``events.papay_event``).

The app under test is configured for Pay v2: contract deduction is v3 whatever WECHAT_PAY_VERSION says.
Times are Beijing time; the client carries the frozen clock to the sandbox as X-Sandbox-Now.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import secrets

import pytest
import sqlalchemy as sa

from app.core import clock, events
from app.extensions import db
from app.payments.models import PaymentNotification
from app.payments.services import Outcome
from app.wechat import pay
from app.wechat.pay.papay import monthly_periods
from app.wechat.pay.papay_types import (
    MCH_API_TERMINATE,
    USER_TERMINATE,
    ContractEvent,
    DeductionEvent,
    DeductionRequest,
    FirstPayment,
    PolicyPeriod,
    PreSignRequest,
)
from tests.support import agreement, plan_id, run_jobs

PLAN_ID = 12535
MONTHLY_FEN = 500
#: The contract starts on 1 December 2026; period n's estimated date is the 1st of each month after.
START = dt.date(2026, 12, 1)


def beijing(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=clock.SHANGHAI)


SIGNED_AT = beijing(2026, 12, 1, 10, 0)


def openid_of(client, user) -> str:
    return client.get("/api/v1/me", headers=user["headers"]).get_json()["openid"]


def presign(app, openid: str, *, periods: int = 12, first: FirstPayment | None = None, amount: int = MONTHLY_FEN,
            code: str | None = None):
    request = PreSignRequest(
        openid=openid, plan_id=PLAN_ID, out_contract_code=code or "RCC" + secrets.token_hex(8),
        insured_display_name="**明", policy_start_date=START, policy_end_date=dt.date(2027, 11, 30),
        policy_periods=monthly_periods(START, periods, amount), first_payment=first)
    with app.app_context(), clock.frozen_at(SIGNED_AT):
        return request, pay.papay().pre_sign(request)


def confirm(client, pre_entrustweb_id: str, at: dt.datetime = SIGNED_AT):
    return client.post("/sandbox/wechat/papay/confirm", json={"pre_entrustweb_id": pre_entrustweb_id},
                       headers={"X-Sandbox-Now": at.isoformat()})


def signed_contract(app, client, openid: str, **presign_options) -> tuple[PreSignRequest, str]:
    request, session = presign(app, openid, **presign_options)
    response = confirm(client, session.pre_entrustweb_id)
    assert response.status_code == 200, response.get_json()
    return request, response.get_json()["contract_id"]


def at(app, moment: dt.datetime, call):
    """``call(client)`` with our clock at ``moment`` (the sandbox hears it as X-Sandbox-Now)."""
    with app.app_context(), clock.frozen_at(moment):
        return call(pay.papay())


def refused(app, moment: dt.datetime, call) -> pay.PayRequestFailed:
    with pytest.raises(pay.PayRequestFailed) as failure:
        at(app, moment, call)
    return failure.value


def charge(contract_id: str, period: int, out_trade_no: str | None = None, amount: int = MONTHLY_FEN):
    request = DeductionRequest(contract_id=contract_id, policy_period_id=period,
                               out_trade_no=out_trade_no or "RCD" + secrets.token_hex(8), amount=amount,
                               description="意外险月缴续保")
    return lambda papay: papay.apply(request)


def notifications(app) -> list[PaymentNotification]:
    with app.app_context():
        found = db.session.scalars(sa.select(PaymentNotification).order_by(PaymentNotification.id)).all()
        db.session.expunge_all()
        return found


@contextlib.contextmanager
def announced():
    """The papay events our webhook announces, as a feature subscribed to ``papay_event`` sees them."""
    seen = []

    def receiver(event, notification_id=None):
        seen.append(event)

    with events.papay_event.connected_to(receiver):
        yield seen


# -- signing with the first payment ---------------------------------------------------------------

def test_signing_pays_the_first_period_as_the_orders_one_payment(app, client, catalog, alice, insured_adult):
    order = client.post("/api/v1/orders", json={"plan_id": plan_id(client, "accident-plus"),
                                                "insured": insured_adult, **agreement(client, "accident-plus")}, headers=alice["headers"]).get_json()
    total = order["amount_fen"]
    openid = openid_of(client, alice)
    request, session = presign(app, openid, amount=total, first=FirstPayment(
        out_trade_no=order["order_no"], amount=total, description="意外险首月"))
    assert session.redirect_appid and session.redirect_path and session.pre_entrustweb_id

    with announced() as seen:
        response = confirm(client, session.pre_entrustweb_id)
        assert response.status_code == 200, response.get_json()
        run_jobs(app)
    contract_id = response.get_json()["contract_id"]

    # The first period was the order's own payment, applied like any other: one payment, never two.
    body = client.get(f"/api/v1/orders/{order['order_no']}", headers=alice["headers"]).get_json()
    assert body["status"] == "fulfilled"
    kinds = {record.kind: record for record in notifications(app)}
    assert kinds["TRANSACTION.SUCCESS"].outcome == "applied"
    # The contract's SIGN is announced; nobody handles it yet, so it is kept flagged and acknowledged.
    assert (kinds["INSURANCE_ENTRUST.SIGN"].outcome, kinds["INSURANCE_ENTRUST.SIGN"].detail) == (
        "flagged", "unhandled_event")
    [signed] = [event for event in seen if isinstance(event, ContractEvent)]
    assert (signed.event_type, signed.contract.contract_id, signed.contract.state) == (
        "INSURANCE_ENTRUST.SIGN", contract_id, "SIGNED")
    assert (signed.contract.openid, signed.contract.out_contract_code) == (openid, request.out_contract_code)
    assert signed.contract.signed_at == SIGNED_AT and signed.sandbox_now == SIGNED_AT

    contract = at(app, SIGNED_AT, lambda papay: papay.query_contract(PLAN_ID, request.out_contract_code))
    assert (contract.contract_id, contract.state, contract.insured_display_name) == (contract_id, "SIGNED", "**明")
    first = at(app, SIGNED_AT, lambda papay: papay.query_period(contract_id, 1))
    assert (first.state, first.deduct_amount, first.deduct_date) == ("PAID", total, START)
    paid = at(app, SIGNED_AT, lambda papay: papay.query_deduction(order["order_no"]))
    assert paid.succeeded and paid.amount == total

    # A signed code and a paid order number are never used again.
    again = PreSignRequest(**{**request.__dict__, "first_payment": None})
    with app.app_context(), clock.frozen_at(SIGNED_AT):
        with pytest.raises(pay.PayRequestFailed) as reused:
            pay.papay().pre_sign(again)
    assert reused.value.err_code == "INVALID_REQUEST"
    with pytest.raises(pay.PayRequestFailed) as paid_twice:
        presign(app, openid, amount=total, first=FirstPayment(order["order_no"], total, "意外险首月"))
    assert paid_twice.value.err_code == "ORDERPAID"


def test_a_presign_lives_ten_minutes(app, client, alice):
    _, session = presign(app, openid_of(client, alice))
    late = confirm(client, session.pre_entrustweb_id, at=SIGNED_AT + dt.timedelta(minutes=10, seconds=1))
    assert late.status_code == 409 and late.get_json()["error"]["code"] == "presign_expired"
    assert confirm(client, session.pre_entrustweb_id, at=SIGNED_AT + dt.timedelta(minutes=9)).status_code == 200
    twice = confirm(client, session.pre_entrustweb_id)
    assert twice.status_code == 409 and twice.get_json()["error"]["code"] == "already_signed"


# -- scheduling and charging in WeChat's windows ----------------------------------------------------

def test_a_period_is_scheduled_only_inside_its_window(app, client, alice):
    _, contract_id = signed_contract(app, client, openid_of(client, alice))
    schedule_2 = lambda papay: papay.schedule(contract_id, 2, MONTHLY_FEN)  # noqa: E731  (estimated 2027-01-01)

    # Dates: from the estimated date −1 day ...
    assert refused(app, beijing(2026, 12, 30, 10, 0), schedule_2).err_code == "RULE_LIMIT"
    # ... and hours: 08:00 to 19:30, Beijing time.
    assert refused(app, beijing(2026, 12, 31, 7, 59), schedule_2).err_code == "RULE_LIMIT"
    assert refused(app, beijing(2026, 12, 31, 19, 30), schedule_2).err_code == "RULE_LIMIT"
    assert refused(app, beijing(2026, 12, 31, 10, 0),
                   lambda papay: papay.schedule(contract_id, 2, MONTHLY_FEN + 1)).err_code == "PARAM_ERROR"
    period = at(app, beijing(2026, 12, 31, 19, 29), schedule_2)
    assert (period.state, period.scheduled_amount, period.deduct_start_date) == (
        "SCHEDULED", MONTHLY_FEN, dt.date(2027, 1, 1))

    # ... to the estimated date +28 days: period 3 (estimated 2027-02-01) cannot be booked on 1 March.
    late = refused(app, beijing(2027, 3, 2, 10, 0), lambda papay: papay.schedule(contract_id, 3, MONTHLY_FEN))
    assert late.err_code == "RULE_LIMIT"
    assert at(app, beijing(2027, 3, 1, 10, 0), lambda papay: papay.schedule(contract_id, 3, MONTHLY_FEN)).state == (
        "SCHEDULED")
    # Period 4 (estimated 2027-03-01) was never booked: past its last day it is dead.
    assert at(app, beijing(2027, 3, 30, 10, 0), lambda papay: papay.query_period(contract_id, 4)).state == "EXPIRED"


def test_a_charge_waits_for_the_day_after_scheduling_and_its_hours_and_the_scheduled_amount(app, client, alice):
    _, contract_id = signed_contract(app, client, openid_of(client, alice))
    at(app, beijing(2026, 12, 31, 10, 0), lambda papay: papay.schedule(contract_id, 2, MONTHLY_FEN))

    assert refused(app, beijing(2026, 12, 31, 18, 0), charge(contract_id, 2)).err_code == "RULE_LIMIT"
    assert refused(app, beijing(2027, 1, 1, 20, 0), charge(contract_id, 2)).err_code == "RULE_LIMIT"
    assert refused(app, beijing(2027, 1, 1, 7, 59), charge(contract_id, 2)).err_code == "RULE_LIMIT"
    wrong = refused(app, beijing(2027, 1, 1, 10, 0), charge(contract_id, 2, amount=MONTHLY_FEN - 100))
    assert wrong.err_code == "PARAM_ERROR"
    # Period 3 is not scheduled: nothing to charge.
    assert refused(app, beijing(2027, 1, 1, 10, 0), charge(contract_id, 3)).err_code == "RULE_LIMIT"

    with announced() as seen:
        accepted = at(app, beijing(2027, 1, 1, 19, 59), charge(contract_id, 2, "RCD2027010101"))
        run_jobs(app)
    assert (accepted.out_trade_no, accepted.amount) == ("RCD2027010101", MONTHLY_FEN)
    [charged] = [event for event in seen if isinstance(event, DeductionEvent)]
    assert (charged.event_type, charged.deduction.out_trade_no, charged.deduction.amount) == (
        "TRANSACTION.SUCCESS", "RCD2027010101", MONTHLY_FEN)
    assert charged.deduction.paid_at == beijing(2027, 1, 1, 19, 59)
    # Our client carried its frozen clock to the sandbox, and the notification carries it back.
    assert charged.sandbox_now == beijing(2027, 1, 1, 19, 59)
    [record] = [r for r in notifications(app) if r.out_trade_no == "RCD2027010101"]
    assert record.headers["X-Sandbox-Now"] == "2027-01-01T19:59:00+08:00"
    assert charged.deduction.raw["trade_type"] == "PAP"
    period = at(app, beijing(2027, 1, 2, 10, 0), lambda papay: papay.query_period(contract_id, 2))
    assert (period.state, period.deduct_date) == ("PAID", dt.date(2027, 1, 1))
    # A paid period is not charged twice, and a number is never reused for another charge.
    assert refused(app, beijing(2027, 1, 2, 10, 0), charge(contract_id, 2)).err_code == "RULE_LIMIT"
    assert refused(app, beijing(2027, 1, 2, 10, 0), charge(contract_id, 3, "RCD2027010101")).err_code == (
        "OUT_TRADE_NO_USED")
    # The same charge asked again (a crash before we recorded it) is answered alike.
    assert at(app, beijing(2027, 1, 2, 10, 0), charge(contract_id, 2, "RCD2027010101")).out_trade_no == "RCD2027010101"


def test_a_declined_charge_fails_with_notenough_and_succeeds_on_retry(app, client, alice):
    openid = openid_of(client, alice)
    _, contract_id = signed_contract(app, client, openid)
    at(app, beijing(2026, 12, 31, 10, 0), lambda papay: papay.schedule(contract_id, 2, MONTHLY_FEN))
    declined = client.post("/sandbox/wechat/papay/decline", json={"openid": openid})
    assert declined.status_code == 200 and declined.get_json()["declines_left"] == 1

    with announced() as seen:
        at(app, beijing(2027, 1, 1, 10, 0), charge(contract_id, 2, "RCDTRY1"))
        run_jobs(app)
        failed = at(app, beijing(2027, 1, 1, 10, 5), lambda papay: papay.query_deduction("RCDTRY1"))
        assert (failed.trade_state, failed.succeeded) == ("PAY_FAIL", False)
        assert "NOTENOUGH" in failed.trade_state_desc
        # A failure leaves the period scheduled: retried inside the window, with a new number.
        assert at(app, beijing(2027, 1, 2, 10, 0), lambda papay: papay.query_period(contract_id, 2)).state == (
            "SCHEDULED")
        at(app, beijing(2027, 1, 2, 10, 0), charge(contract_id, 2, "RCDTRY2"))
        run_jobs(app)
    charges = [e for e in seen if isinstance(e, DeductionEvent)]
    assert [(e.event_type, e.deduction.out_trade_no, e.deduction.succeeded) for e in charges] == [
        ("TRANSACTION.FAIL", "RCDTRY1", False), ("TRANSACTION.SUCCESS", "RCDTRY2", True)]
    assert at(app, beijing(2027, 1, 2, 11, 0), lambda papay: papay.query_period(contract_id, 2)).state == "PAID"
    assert {r.kind for r in notifications(app)} >= {"TRANSACTION.FAIL", "TRANSACTION.SUCCESS"}


# -- limits -----------------------------------------------------------------------------------------

def test_a_thirteenth_period_is_refused_until_the_contract_is_renewed(app, client, alice):
    request, contract_id = signed_contract(app, client, openid_of(client, alice))
    thirteenth = PolicyPeriod(13, dt.date(2027, 12, 1), MONTHLY_FEN)
    schedule_13 = lambda papay: papay.schedule(contract_id, 13, MONTHLY_FEN)  # noqa: E731
    assert refused(app, beijing(2027, 11, 30, 10, 0), schedule_13).err_code == "RULE_LIMIT"

    # By 5 January period 1 went unpaid past its window (dead); 2-12 are outstanding: one more makes 12, two 13.
    renewing = beijing(2027, 1, 5, 10, 0)
    fourteenth = PolicyPeriod(14, dt.date(2028, 1, 1), MONTHLY_FEN)
    too_many = refused(app, renewing, lambda papay: papay.renew(PLAN_ID, contract_id, (thirteenth, fourteenth)))
    assert too_many.err_code == "RULE_LIMIT"
    doubled = PolicyPeriod(13, dt.date(2027, 12, 1), MONTHLY_FEN * 2)
    assert refused(app, renewing, lambda papay: papay.renew(PLAN_ID, contract_id, (doubled,))).err_code == (
        "INVALID_REQUEST")
    with announced() as seen:
        at(app, renewing, lambda papay: papay.renew(PLAN_ID, contract_id, (thirteenth,)))
        run_jobs(app)
    [renewed] = [event for event in seen if event.event_type == "INSURANCE_ENTRUST.RENEW"]
    assert (renewed.event_type, renewed.contract.contract_id, renewed.contract.state) == (
        "INSURANCE_ENTRUST.RENEW", contract_id, "SIGNED")
    assert renewed.contract.expires_at > beijing(2027, 12, 1)
    assert at(app, beijing(2027, 11, 30, 10, 0), schedule_13).state == "SCHEDULED"


def test_an_eleventh_contract_of_a_template_is_refused(app, client, bob):
    openid = openid_of(client, bob)
    codes = [signed_contract(app, client, openid, periods=2)[0].out_contract_code for _ in range(10)]
    eleventh = pytest.raises(pay.PayRequestFailed)
    with eleventh as failure:
        presign(app, openid, periods=2)
    assert failure.value.err_code == "RULE_LIMIT"
    # Ending one frees its place.
    at(app, SIGNED_AT, lambda papay: papay.terminate(PLAN_ID, codes[0], "用户申请停止续保"))
    signed_contract(app, client, openid, periods=2)


# -- terminating ------------------------------------------------------------------------------------

def test_terminate_by_the_merchant_and_by_the_user_each_say_who_ended_it(app, client, alice):
    openid = openid_of(client, alice)
    ours, ours_id = signed_contract(app, client, openid)
    theirs, theirs_id = signed_contract(app, client, openid)
    with announced() as seen:
        ended = at(app, beijing(2027, 1, 5, 9, 0),
                   lambda papay: papay.terminate(PLAN_ID, ours.out_contract_code, "用户申请停止续保"))
        assert (ended.state, ended.termination_mode) == ("TERMINATED", MCH_API_TERMINATE)
        by_user = client.post("/sandbox/wechat/papay/terminate", json={"contract_id": theirs_id},
                              headers={"X-Sandbox-Now": beijing(2027, 1, 6, 22, 0).isoformat()})
        assert by_user.status_code == 200 and by_user.get_json()["contract_state"] == "TERMINATED"
        run_jobs(app)
    ended_events = {event.contract.contract_id: event for event in seen if event.event_type.endswith("TERMINATE")}
    assert ended_events[ours_id].contract.termination_mode == MCH_API_TERMINATE
    assert ended_events[theirs_id].contract.termination_mode == USER_TERMINATE
    assert ended_events[theirs_id].contract.terminated_at == beijing(2027, 1, 6, 22, 0)
    assert ended_events[theirs_id].sandbox_now == beijing(2027, 1, 6, 22, 0)
    # The user's own ending is what a query shows too; an ended contract is neither scheduled nor ended again.
    assert at(app, SIGNED_AT, lambda papay: papay.query_contract(PLAN_ID, theirs.out_contract_code)).state == (
        "TERMINATED")
    assert refused(app, beijing(2026, 12, 31, 10, 0),
                   lambda papay: papay.schedule(theirs_id, 2, MONTHLY_FEN)).err_code == "RULE_LIMIT"
    assert refused(app, SIGNED_AT, lambda papay: papay.terminate(PLAN_ID, ours.out_contract_code, "x")).err_code == (
        "INVALID_REQUEST")
    again = client.post("/sandbox/wechat/papay/terminate", json={"contract_id": theirs_id})
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "contract_terminated"
    assert at(app, SIGNED_AT, lambda papay: papay.query_contract(PLAN_ID, "RCCNEVERSIGNED")) is None


# -- delivery -------------------------------------------------------------------------------------

def test_an_event_our_receiver_cannot_take_yet_is_delivered_again(app, client, alice):
    answers = [Outcome.UNKNOWN_ORDER, Outcome.APPLIED]  # the first time, its policy is still committing
    seen = []

    def renewals(event, notification_id=None):
        if event.event_type != "INSURANCE_ENTRUST.SIGN":
            return None
        seen.append(event.notification_id)
        return answers.pop(0)

    with events.papay_event.connected_to(renewals):
        signed_contract(app, client, openid_of(client, alice))
        run_jobs(app)
    # WeChat's retry schedule (scaled to milliseconds here) brought the same notification, same id, again.
    assert len(seen) == 2 and seen[0] == seen[1]
    signs = [r for r in notifications(app) if r.kind == "INSURANCE_ENTRUST.SIGN"]
    assert [r.outcome for r in signs] == ["unknown_order", "applied"]
