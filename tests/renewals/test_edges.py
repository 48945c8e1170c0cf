"""Renewal dates and contracts at their edges (found by a review on 7 December): a SIGN notification without a
contract id, which answered 503 for ever; an order made before Beijing midnight and paid after it, which got two
months of cover for one premium and was then never charged; and a period paid on the last day of WeChat's window,
after which the next period lapsed without a charge ever being tried. Each test failed before its fix."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from app.core import clock
from app.extensions import db
from app.renewals.models import RenewalCharge
from tests.renewals.test_walk import beijing, buy_monthly, midnight, policy, renewals_run, sign
from tests.support import bearer, login, run_jobs
from tests.wechat.test_papay import openid_of


def _charges(app) -> list[tuple[str, str]]:
    with app.app_context():
        return [(c.out_trade_no, c.status) for c in db.session.scalars(sa.select(RenewalCharge)).all()]


def test_order_made_before_beijing_midnight_paid_after_it(app, client, catalog, alice, insured_adult):
    """Ordered 23:58 on Jan 31 (Beijing), signed and paid 00:03 on Feb 1 (inside the order's 30 minutes):
    first_day/anchor_day come from the order's creation, the period from the payment."""
    with clock.frozen_at(beijing(dt.date(2027, 1, 31), 23, 58)):
        user = {"headers": bearer(login(client, "alice")["token"])}
        order = buy_monthly(client, user, insured_adult)
    with clock.frozen_at(beijing(dt.date(2027, 2, 1), 0, 3)):
        sign(client, order["contract"])
        run_jobs(app)
        shown = policy(client, user, order["order_no"])
    first = shown["renewal"]["periods"][0]
    # One payment, one calendar month from issue (Feb 1 -> Mar 1), not to Mar 31 (two months for one premium).
    assert first["ends_at"] <= midnight(dt.date(2027, 3, 1)), first
    # And period 2 must be charged at all: pass daily until the window closes.
    outcomes = []
    day = dt.date(2027, 2, 25)
    while day <= dt.date(2027, 4, 5):
        outcomes.append((day, renewals_run(app, beijing(day, 9))))
        day += dt.timedelta(days=1)
    assert _charges(app), ("period 2 was never charged", [o for o in outcomes if "nothing" not in o[1]])


def test_period_paid_on_last_window_day_next_period_is_still_charged(app, client, catalog, alice, insured_adult):
    """Period 2 declined daily and paid on the last day WeChat allows (estimated +29): the next period must
    get at least one charge attempt before the renewal lapses."""
    with clock.frozen_at(beijing(dt.date(2027, 1, 1), 10)):
        user = {"headers": bearer(login(client, "alice")["token"])}
        order = buy_monthly(client, user, insured_adult)
        sign(client, order["contract"])
        run_jobs(app)
        client.post("/sandbox/wechat/papay/decline", json={"openid": openid_of(client, user), "times": 29})
    renewals_run(app, beijing(dt.date(2027, 1, 30), 9))  # schedule period 2 (estimated Jan 31)
    day = dt.date(2027, 1, 31)
    while day <= dt.date(2027, 3, 1):  # 29 declines, then paid on Mar 1 (= Jan 31 + 29)
        renewals_run(app, beijing(day, 9))
        day += dt.timedelta(days=1)
    with clock.frozen_at(beijing(dt.date(2027, 3, 1), 12)):
        user = {"headers": bearer(login(client, "alice")["token"])}
        shown = policy(client, user, order["order_no"])
    assert [p["status"] for p in shown["renewal"]["periods"]] == ["paid", "paid"], shown["renewal"]
    paid_before = len(_charges(app))
    log = []
    day = dt.date(2027, 3, 2)
    while day <= dt.date(2027, 4, 2):
        out = renewals_run(app, beijing(day, 9))
        log.append((day.isoformat(), out.strip()))
        if "lapsed" in out:
            break
        day += dt.timedelta(days=1)
    attempts_for_period_3 = len(_charges(app)) - paid_before
    assert attempts_for_period_3 > 0, ("period 3 lapsed with no charge attempt", log[-3:])


def test_sign_notification_without_contract_id_is_not_a_500(app, client, catalog, alice, insured_adult):
    """A verified INSURANCE_ENTRUST.SIGN lacking contract_id was stored as contract_id "", and the second such
    SIGN (another order) hit the unique constraint: 503 to WeChat, delivered again for ever. It is flagged now."""
    from tests.payments.v3_helpers import notification, post
    statuses = []
    for _ in range(2):
        order = buy_monthly(client, alice, insured_adult)
        headers, body = notification(app, "INSURANCE_ENTRUST.SIGN", {
            "mchid": app.config["WECHAT_MCH_ID"], "appid": app.config["WECHAT_APPID"],
            "out_contract_code": "RCC" + order["order_no"][2:], "contract_state": "SIGNED",
            "contract_signed_time": "2026-11-26T10:15:01+08:00"}, original_type="insurance_entrust")
        statuses.append(post(client, headers, body).status_code)
    assert all(s < 500 for s in statuses), statuses


def test_a_deduction_with_a_transaction_id_longer_than_wechats_is_applied_not_a_503(app, client, catalog, alice,
                                                                                     insured_adult):
    """A verified deduction whose transaction_id no VARCHAR(64) holds answered 503 on PostgreSQL, for ever (WeChat
    delivers it again), and the period was never paid; SQLite kept the id whole. The id is read as missing now."""
    from app.renewals.services import add_months
    from tests.payments.v3_helpers import notification, post, transaction

    order = buy_monthly(client, alice, insured_adult)
    first_day = clock.to_shanghai(clock.now()).date()
    sign(client, order["contract"])
    run_jobs(app)
    due = add_months(first_day, 1) - dt.timedelta(days=1)
    renewals_run(app, beijing(due - dt.timedelta(days=1), 9))
    # Period 2's charge submitted, its notification not yet delivered (no job run): ours arrives first.
    submitted = app.test_cli_runner().invoke(args=["renewals", "run", "--now", beijing(due, 9).isoformat()])
    assert "submitted=1" in submitted.output
    with app.app_context():
        charge = db.session.scalars(sa.select(RenewalCharge)).one()
        out_trade_no, amount = charge.out_trade_no, charge.amount_fen
    resource = transaction(app, out_trade_no, amount, trade_type="PAP", transaction_id="4200" + "9" * 96)
    assert post(client, *notification(app, "TRANSACTION.SUCCESS", resource)).status_code == 204
    with app.app_context():
        charge = db.session.scalars(sa.select(RenewalCharge)).one()
        assert (charge.status, charge.transaction_id) == ("succeeded", None)


def test_sign_notification_with_a_contract_id_longer_than_wechats_is_flagged_not_a_503(app, client, catalog, alice,
                                                                                       insured_adult):
    """A verified SIGN whose contract_id no VARCHAR(64) holds answered 503 on PostgreSQL, for ever; it is read as
    missing now, and flagged like a SIGN without one."""
    from app.payments.models import PaymentNotification
    from tests.payments.v3_helpers import notification, post

    order = buy_monthly(client, alice, insured_adult)
    headers, body = notification(app, "INSURANCE_ENTRUST.SIGN", {
        "mchid": app.config["WECHAT_MCH_ID"], "appid": app.config["WECHAT_APPID"], "contract_id": "2" * 100,
        "out_contract_code": "RCC" + order["order_no"][2:], "contract_state": "SIGNED",
        "contract_signed_time": "2026-11-26T10:15:01+08:00"}, original_type="insurance_entrust")
    assert post(client, headers, body).status_code == 204
    with app.app_context():
        record = db.session.scalars(sa.select(PaymentNotification).order_by(PaymentNotification.id.desc())).first()
        assert (record.kind, record.outcome) == ("INSURANCE_ENTRUST.SIGN", "flagged")
