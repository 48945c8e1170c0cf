"""A failed charge tells the user by a subscribe message when they allowed one; without an "allow", nothing
is sent (the mini-program shows the renewal's status either way)."""

from __future__ import annotations

import datetime as dt

from tests.renewals.test_stopping import next_charge_day, signed_policy
from tests.renewals.test_walk import beijing, policy, renewals_run
from tests.wechat.test_papay import openid_of

TEMPLATE = "sandbox-renewal-notice"


def messages(client, openid: str) -> list:
    return client.get(f"/sandbox/wechat/messages?openid={openid}").get_json()["messages"]


def test_a_failed_charge_sends_one_message_per_allow(app, client, catalog, alice, insured_adult):
    order, _ = signed_policy(app, client, alice, insured_adult)
    openid = openid_of(client, alice)
    assert client.post("/sandbox/wechat/subscribe/accept", json={"openid": openid, "template_ids": [TEMPLATE]}
                       ).status_code == 200
    allowed = client.post("/api/v1/subscriptions", json={"template_ids": {TEMPLATE: "accept"}},
                          headers=alice["headers"])
    assert allowed.status_code == 200 and allowed.get_json()["opt_ins"][TEMPLATE] == 1
    client.post("/sandbox/wechat/papay/decline", json={"openid": openid, "times": 3})
    day = next_charge_day(policy(client, alice, order["order_no"]))
    renewals_run(app, beijing(day - dt.timedelta(days=1), 9))
    renewals_run(app, beijing(day, 9))
    [sent] = messages(client, openid)
    assert sent["template_id"] == TEMPLATE and "扣费失败" in sent["data"]["thing2"]["value"]
    # The next failure finds no "allow" left: nothing more is sent.
    renewals_run(app, beijing(day + dt.timedelta(days=1), 9))
    assert len(messages(client, openid)) == 1
