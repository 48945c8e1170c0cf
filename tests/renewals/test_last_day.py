"""A charge declined on the last day WeChat lets a period be charged. The test failed on the code before its fix."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from app.extensions import db
from app.renewals.models import RenewalPeriod
from app.renewals.services import CHARGE_TO
from tests.renewals.test_notices import TEMPLATE, messages
from tests.renewals.test_stopping import next_charge_day, signed_policy
from tests.renewals.test_walk import beijing, policy, renewals_run
from tests.wechat.test_papay import openid_of


def booked(app) -> tuple[dt.date, dt.date]:
    """The latest period's booking day and the last day WeChat lets it be charged (its estimated date + 29)."""
    with app.app_context():
        period = db.session.scalars(sa.select(RenewalPeriod).order_by(RenewalPeriod.n.desc()).limit(1)).one()
        db.session.remove()
    return period.scheduled_on, period.estimated_on + CHARGE_TO


def decline_once(client, openid: str) -> None:
    assert client.post("/sandbox/wechat/papay/decline", json={"openid": openid, "times": 1}).status_code == 200


def to_a_period_first_charged_on_its_windows_last_day(app, client, alice, insured_adult) -> tuple[dict, dt.date]:
    """Each month's charge declined every day of WeChat's window and paid on its last day (cover then starts at the
    payment, later each month than WeChat's dates), until a period's cover runs out after its window has closed: it
    is booked the day before its window's last day. The order, and that last day."""
    order, _ = signed_policy(app, client, alice, insured_adult)
    openid = openid_of(client, alice)
    moment = next_charge_day(policy(client, alice, order["order_no"])) - dt.timedelta(days=1)
    for _period in range(6):
        while "scheduled" not in renewals_run(app, beijing(moment, 9)):
            moment += dt.timedelta(days=1)
        scheduled_on, last = booked(app)
        moment += dt.timedelta(days=1)
        if moment == last:
            break  # charged first on its window's last day
        decline_once(client, openid)  # each attempt declined but the last day's
        while True:
            out = renewals_run(app, beijing(moment, 9))
            if moment == last:
                assert "submitted" in out, (moment, out)
                break
            if "submitted" in out and moment + dt.timedelta(days=1) < last:
                decline_once(client, openid)
            moment += dt.timedelta(days=1)
        assert policy(client, alice, order["order_no"])["renewal"]["periods"][-1]["status"] == "paid"
        moment = next_charge_day(policy(client, alice, order["order_no"])) - dt.timedelta(days=3)
    else:
        raise AssertionError("no period was first charged on its window's last day")
    return order, moment


def test_a_charge_declined_on_the_windows_last_day_does_not_promise_a_retry(app, client, catalog, alice,
                                                                           insured_adult):
    """Each month's charge was declined every day of WeChat's window and paid on its last day: cover then starts at
    the payment, later each month than WeChat's dates, until a period's cover runs out after its window has closed.
    That period is booked the day before its window's last day and charged on the last. Its charge is declined: the
    user, who had allowed one message, was told "charge failed; we will try again tomorrow" and shown renewal
    retrying, though no retry could follow; the next day renewal lapsed, and the message saying so found no
    "allow" left. Renewal lapses at once, and says so."""
    order, moment = to_a_period_first_charged_on_its_windows_last_day(app, client, alice, insured_adult)
    openid = openid_of(client, alice)
    assert client.post("/sandbox/wechat/subscribe/accept", json={"openid": openid, "template_ids": [TEMPLATE]}
                       ).status_code == 200
    assert client.post("/api/v1/subscriptions", json={"template_ids": {TEMPLATE: "accept"}},
                       headers=alice["headers"]).status_code == 200
    decline_once(client, openid)
    assert "submitted" in renewals_run(app, beijing(moment, 9))
    shown = policy(client, alice, order["order_no"])
    assert (shown["renewal"]["status"], shown["renewal"]["end_reason"]) == ("lapsed", "lapsed"), shown["renewal"]
    assert shown["renewal"]["next_charge_on"] is None
    assert shown["renewal"]["periods"][-1]["status"] == "lapsed"
    [sent] = messages(client, openid)
    assert "扣费失败" not in sent["data"]["thing2"]["value"] and "未完成" in sent["data"]["thing2"]["value"], sent
    renewals_run(app, beijing(moment + dt.timedelta(days=1), 9))
    assert len(messages(client, openid)) == 1


def test_the_next_charge_shown_is_the_day_it_is_charged(app, client, catalog, alice, insured_adult):
    """The policy showed the period's due day (the last day its cover runs) as the next charge, days after WeChat's
    window closes; the pass charges it on the window's last day, before the day the user was told."""
    order, moment = to_a_period_first_charged_on_its_windows_last_day(app, client, alice, insured_adult)
    shown = policy(client, alice, order["order_no"])
    assert shown["renewal"]["next_charge_on"] == moment.isoformat(), (shown["renewal"], moment)
    assert "submitted" in renewals_run(app, beijing(moment, 9))
