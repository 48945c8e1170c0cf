"""Weaknesses a review suspected in monthly renewal, each driven as the user, WeChat and the renewal command
would drive it. Each test failed on the code before its fix."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from app.core import clock
from app.core.jobs import QUEUES
from app.extensions import db, redis_store
from app.renewals.models import RenewalCharge
from tests.renewals.test_notices import TEMPLATE as NOTICE
from tests.renewals.test_notices import messages
from tests.renewals.test_reconcile import cli
from tests.renewals.test_stopping import next_charge_day, signed_policy
from tests.renewals.test_walk import beijing, policy, renewals_run
from tests.support import app_without_wechat, bearer, login, run_jobs
from tests.wechat.test_papay import openid_of


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
    """At 19:55 the pass records period 2's charge and WeChat cannot be reached: the charge never arrives. The
    pass at 20:05 must not send it again then (WeChat refuses deductions after 20:00, which failed the charge:
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
    assert "postponed=1" in cli(offline, beijing(day, 19, 55))
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
