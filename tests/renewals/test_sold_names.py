"""A monthly policy renewed after an operator renamed its product and plan is still the policy that was sold: its
page keeps the names it was issued under, and so does WeChat Pay's record of each month's deduction."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from app.core import clock
from app.extensions import db
from app.renewals.models import RenewalCharge
from app.renewals.services import add_months
from app.sandbox.pay_state import load_order
from tests.renewals.test_walk import beijing, buy_monthly, policy, renewals_run, sign
from tests.support import rename_in_catalog, run_jobs


def test_a_renewed_monthly_policy_keeps_the_names_it_was_sold_under(app, client, catalog, alice, insured_adult):
    order = buy_monthly(client, alice, insured_adult)
    first_day = clock.to_shanghai(clock.now()).date()
    sign(client, order["contract"])
    run_jobs(app)
    rename_in_catalog(app, "accident-basic", product=("日常意外保障", "Everyday accident cover"),
                      plan=("三十万意外保额", "Three hundred thousand of cover"))

    due = add_months(first_day, 1) - dt.timedelta(days=1)
    renewals_run(app, beijing(due - dt.timedelta(days=1), 9))
    assert "submitted=1" in renewals_run(app, beijing(due, 9))
    shown = policy(client, alice, order["order_no"])
    assert [p["status"] for p in shown["renewal"]["periods"]] == ["paid", "paid"]
    assert (shown["product_name"], shown["plan_name"]) == ("意外保障", "30万元保额")
    with app.app_context():
        [charge] = db.session.scalars(sa.select(RenewalCharge.out_trade_no)).all()
        deducted = load_order(charge)
    assert deducted["body"] == "意外保障30万元保额 月缴自动续保"
