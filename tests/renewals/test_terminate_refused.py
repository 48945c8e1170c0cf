"""Stopping renewal when WeChat refuses to end the contract with a business error (its documented v3 error body).
The test failed on the code before its fix."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import requests

from tests.renewals.test_stopping import next_charge_day, signed_policy
from tests.renewals.test_walk import beijing, policy, renewals_run
from tests.support import wechat_answering_through
from tests.wechat.test_papay import openid_of


class _RefusingTerminate(requests.adapters.BaseAdapter):
    """WeChat Pay v3 answering every call to end a contract with ``status`` and ``code``; the rest passed on."""

    def __init__(self, inner, status: int, code: str):
        super().__init__()
        self.inner, self.status, self.code = inner, status, code

    def send(self, request, **kwargs):
        if request.method == "POST" and request.url.endswith("/terminate"):
            response = requests.Response()
            response.status_code = self.status
            response._content = json.dumps({"code": self.code, "message": "拒绝"}).encode()
            response.headers["Content-Type"] = "application/json"
            response.request, response.url = request, request.url
            return response
        return self.inner.send(request, **kwargs)

    def close(self):
        self.inner.close()


def terminate_refused(app, status: int, code: str):
    return wechat_answering_through(app, lambda adapter: _RefusingTerminate(adapter, status, code))


@pytest.mark.parametrize(("status", "code"), [(403, "NO_AUTH"), (400, "PARAM_ERROR"), (404, "CONTRACT_NOT_EXIST")])
def test_stopping_when_wechat_refuses_to_end_the_contract_is_not_a_500(app, client, catalog, alice, insured_adult,
                                                                      status, code):
    """The user asks to stop renewing and WeChat answers the termination with a business error: the request was a
    500 (nothing changed, the user told something went wrong on our side, and renewal charged on). We charge, not
    WeChat: renewal stops here whatever WeChat answers, and ending the contract there is retried by the pass."""
    order, _ = signed_policy(app, client, alice, insured_adult)
    before = policy(client, alice, order["order_no"])
    with terminate_refused(app, status, code):
        stopped = client.delete(f"/api/v1/policies/{before['policy_no']}/renewal", headers=alice["headers"])
    assert stopped.status_code == 200, (stopped.status_code, stopped.get_data()[:300])
    assert (stopped.get_json()["renewal"]["status"], stopped.get_json()["renewal"]["next_charge_on"]) == (
        "cancelled", None)
    day = next_charge_day(before)
    assert "scheduled" not in renewals_run(app, beijing(day - dt.timedelta(days=1), 9))
    assert "submitted" not in renewals_run(app, beijing(day, 9))
    assert policy(client, alice, order["order_no"])["renewal"]["status"] == "cancelled"


def test_a_lapse_when_wechat_refuses_to_end_the_contract_still_lapses(app, client, catalog, alice, insured_adult):
    """Period 2 was declined every day of WeChat's window but its last (the pass did not run that day); the day
    after, the pass lapses renewal and ends the contract, and WeChat refuses the termination with a business error:
    the pass's unit of work rolled back, and every later pass did the same, so renewal showed retrying for ever,
    with a next charge date past WeChat's window, and the user was never told it had ended."""
    order, _ = signed_policy(app, client, alice, insured_adult)
    day = next_charge_day(policy(client, alice, order["order_no"]))
    assert client.post("/sandbox/wechat/papay/decline", json={"openid": openid_of(client, alice), "times": 50}
                       ).status_code == 200
    renewals_run(app, beijing(day - dt.timedelta(days=1), 9))
    for late in range(29):
        renewals_run(app, beijing(day + dt.timedelta(days=late), 9))
    assert policy(client, alice, order["order_no"])["renewal"]["status"] == "retrying"
    with terminate_refused(app, 403, "NO_AUTH"):
        renewals_run(app, beijing(day + dt.timedelta(days=30), 9))
        renewals_run(app, beijing(day + dt.timedelta(days=30), 10))
    shown = policy(client, alice, order["order_no"])
    assert (shown["renewal"]["status"], shown["renewal"]["end_reason"]) == ("lapsed", "lapsed"), shown["renewal"]
    assert shown["renewal"]["next_charge_on"] is None
