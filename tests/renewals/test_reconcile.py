"""A crash between "charged" and "recorded" is reconciled by a query; the contract is renewed before its
12 periods run out."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from app.core import clock
from app.core.db import unit_of_work
from app.extensions import db
from app.renewals import services
from app.renewals.models import Renewal, RenewalCharge
from tests.renewals.test_stopping import next_charge_day, signed_policy
from tests.renewals.test_walk import beijing, policy, renewals_run
from tests.support import run_jobs


def cli(app, moment: dt.datetime) -> str:
    """The command alone: WeChat's notifications stay queued (not delivered)."""
    result = app.test_cli_runner().invoke(args=["renewals", "run", "--now", moment.isoformat()])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_charge_whose_result_was_never_recorded_is_asked_about(app, client, catalog, alice, insured_adult):
    order, _ = signed_policy(app, client, alice, insured_adult)
    day = next_charge_day(policy(client, alice, order["order_no"]))
    renewals_run(app, beijing(day - dt.timedelta(days=1), 9))
    # WeChat charged, and its notification is lost for now: the next pass asks and records the payment.
    assert "submitted=1" in cli(app, beijing(day, 9))
    assert policy(client, alice, order["order_no"])["renewal"]["periods"][1]["status"] == "scheduled"
    cli(app, beijing(day, 10))
    shown = policy(client, alice, order["order_no"])
    assert [p["status"] for p in shown["renewal"]["periods"]] == ["paid", "paid"]
    run_jobs(app)  # the notification comes after all: nothing more
    assert policy(client, alice, order["order_no"]) == shown


def test_a_charge_recorded_but_never_sent_is_sent_under_its_number(app, client, catalog, alice, insured_adult):
    order, _ = signed_policy(app, client, alice, insured_adult)
    day = next_charge_day(policy(client, alice, order["order_no"]))
    renewals_run(app, beijing(day - dt.timedelta(days=1), 9))
    with app.app_context(), clock.frozen_at(beijing(day, 9)), unit_of_work():
        renewal_id = db.session.scalar(sa.select(Renewal.id))
        recorded = services.step(renewal_id, beijing(day, 9))  # the process dies before asking WeChat
        assert recorded.outcome == "charging"
    renewals_run(app, beijing(day, 11))
    with app.app_context():
        [charge] = db.session.scalars(sa.select(RenewalCharge)).all()
        assert charge.status == "succeeded"
    assert [p["status"] for p in policy(client, alice, order["order_no"])["renewal"]["periods"]] == ["paid", "paid"]


def test_the_contract_is_renewed_before_its_twelve_periods_run_out(app, client, catalog, alice, insured_adult):
    order, _ = signed_policy(app, client, alice, insured_adult)
    for _ in range(12):  # periods 2 to 13: the contract held 12 when signed
        day = next_charge_day(policy(client, alice, order["order_no"]))
        renewals_run(app, beijing(day - dt.timedelta(days=1), 9))
        renewals_run(app, beijing(day, 9))
    shown = policy(client, alice, order["order_no"])
    assert [p["n"] for p in shown["renewal"]["periods"] if p["status"] == "paid"] == list(range(1, 14))
    with app.app_context():
        assert db.session.scalar(sa.select(Renewal.contract_periods)) == 23
