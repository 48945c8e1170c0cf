"""The renewal pass against WeChat's hours while time passes during the pass (review of 7 December): WeChat judges
each call by its own clock, not by the moment the pass started. Each test failed on the code before its fix."""

from __future__ import annotations

import datetime as dt

import pytest
import requests
import sqlalchemy as sa

from app.core import clock
from app.extensions import db
from app.renewals.models import RenewalCharge
from app.wechat.pay.v3 import SANDBOX_NOW_HEADER
from tests.renewals.test_notices import TEMPLATE as NOTICE
from tests.renewals.test_notices import messages
from tests.renewals.test_stopping import next_charge_day, signed_policy
from tests.renewals.test_walk import beijing, policy, renewals_run
from tests.support import bearer, login, wechat_answering_through
from tests.wechat.test_papay import openid_of


class _WeChatsTime(requests.adapters.BaseAdapter):
    """WeChat taking ``seconds`` to answer each call: the world's clock moves on while our pass waits (the clock a
    renewal run ``--now`` froze is the world's clock in a test; the sandbox reads each call's moment from its
    X-Sandbox-Now). ``ahead``: WeChat's clock is that far ahead of ours."""

    def __init__(self, inner, seconds: float, ahead: dt.timedelta):
        super().__init__()
        self.inner, self.seconds, self.ahead = inner, seconds, ahead

    def send(self, request, **kwargs):
        sent = request.headers.get(SANDBOX_NOW_HEADER)
        if sent and self.ahead:
            request.headers[SANDBOX_NOW_HEADER] = (dt.datetime.fromisoformat(sent) + self.ahead).isoformat()
        try:
            return self.inner.send(request, **kwargs)
        finally:
            if clock.overridden() is not None:
                clock._frozen["at"] = clock.overridden() + dt.timedelta(seconds=self.seconds)

    def close(self):
        self.inner.close()


def wechat_slow(app, seconds: float, ahead: dt.timedelta = dt.timedelta()):
    return wechat_answering_through(app, lambda adapter: _WeChatsTime(adapter, seconds, ahead))


def _renewing_users(app, client, insured, count: int) -> list[dict]:
    """``count`` users, each with a signed monthly policy and renewal notices allowed."""
    users = []
    for n in range(count):
        user = {"headers": bearer(login(client, f"renewer{n}")["token"])}
        order, _ = signed_policy(app, client, user, insured)
        openid = openid_of(client, user)
        assert client.post("/sandbox/wechat/subscribe/accept", json={"openid": openid, "template_ids": [NOTICE]}
                           ).status_code == 200
        assert client.post("/api/v1/subscriptions", json={"template_ids": {NOTICE: "accept"}},
                           headers=user["headers"]).status_code == 200
        users.append(dict(user, order_no=order["order_no"], openid=openid))
    return users


def _paid(client, users) -> list[list[str]]:
    return [[p["status"] for p in policy(client, user, user["order_no"])["renewal"]["periods"]] for user in users]


@pytest.mark.parametrize(("minute", "paid_that_evening"), [(59, 0), (49, 2)])
def test_a_pass_running_into_wechats_closing_hour_fails_nobodys_charge(app, client, catalog, insured_adult, minute,
                                                                       paid_that_evening):
    """The pass starts at 19:59:58 with three renewals due and WeChat answering each call in a second. It read the
    time once, so it sent all three charges; WeChat received the third at 20:00:00 and refused it (outside its
    hours): the charge was recorded failed, the user was told "Renewal charge failed; we will try again tomorrow"
    and shown renewal retrying, though nobody declined anything. A charge is sent only until 19:50, by the clock
    read when it is sent (a pass from 19:49:58 sends two); the rest wait for the next morning, and all are paid
    then."""
    users = _renewing_users(app, client, insured_adult, 3)
    day = next_charge_day(policy(client, users[0], users[0]["order_no"]))
    assert "scheduled=3" in renewals_run(app, beijing(day - dt.timedelta(days=1), 9))
    with wechat_slow(app, 1):
        renewals_run(app, beijing(day, 19, minute) + dt.timedelta(seconds=58))
    assert _paid(client, users) == [["paid", "paid"]] * paid_that_evening + [["paid", "scheduled"]] * (
        3 - paid_that_evening)
    for user in users:
        assert messages(client, user["openid"]) == []  # nobody was declined
        assert policy(client, user, user["order_no"])["renewal"]["status"] == "active"
    renewals_run(app, beijing(day + dt.timedelta(days=1), 9))
    assert _paid(client, users) == [["paid", "paid"]] * 3
    for user in users:
        assert policy(client, user, user["order_no"])["renewal"]["status"] == "active"
        assert messages(client, user["openid"]) == []
    with app.app_context():
        assert [c.failure for c in db.session.scalars(sa.select(RenewalCharge))
                if c.status == "failed"] == []


def test_a_charge_wechat_refuses_for_its_hours_is_not_the_users_failure(app, client, catalog, insured_adult):
    """WeChat's clock runs 11 minutes ahead of ours: a charge sent at 19:49 by ours reaches WeChat at 20:00 and is
    refused for its hours. It was recorded as the user's failed charge, with a "charge failed" notice and renewal
    shown retrying; it is settled as not sent, and the next morning's pass charges the period."""
    (user,) = _renewing_users(app, client, insured_adult, 1)
    day = next_charge_day(policy(client, user, user["order_no"]))
    renewals_run(app, beijing(day - dt.timedelta(days=1), 9))
    with wechat_slow(app, 0, ahead=dt.timedelta(minutes=11)):
        renewals_run(app, beijing(day, 19, 49))
    shown = policy(client, user, user["order_no"])
    assert shown["renewal"]["status"] == "active" and messages(client, user["openid"]) == []
    renewals_run(app, beijing(day + dt.timedelta(days=1), 9))
    shown = policy(client, user, user["order_no"])
    assert [p["status"] for p in shown["renewal"]["periods"]] == ["paid", "paid"]
    assert shown["renewal"]["status"] == "active" and messages(client, user["openid"]) == []
